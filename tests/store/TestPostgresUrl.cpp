// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The team database's URL: what QPSQL is told, what users are shown (never the password), and what is refused.

#include "store/postgres/PostgresUrl.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace chasm {

class TestPostgresUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void read_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("key");

        QTest::newRow("plain") << u"postgresql://alice@db.example/chasm"_s << u"db.example"_s << 5432 << u"alice"_s
                               << QString() << u"postgresql://alice@db.example/chasm"_s << u"application_name=chasm"_s
                               << u"postgresql/alice@db.example:5432/chasm"_s;
        QTest::newRow("password, port, tls")
            << u"postgres://alice:s3cr%40t@db.example:6543/team?sslmode=verify-full&sslrootcert=/etc/ca%20x.pem"_s
            << u"db.example"_s << 6543 << u"alice"_s << u"s3cr@t"_s
            << u"postgres://alice:***@db.example:6543/team?sslmode=verify-full&sslrootcert=/etc/ca x.pem"_s
            << u"sslmode='verify-full';sslrootcert='/etc/ca x.pem';application_name=chasm"_s
            << u"postgresql/alice@db.example:6543/team"_s;
        QTest::newRow("quote in a value") << u"postgresql://a@h/d?application_name=it's"_s << u"h"_s << 5432 << u"a"_s
                                          << QString() << u"postgresql://a@h/d?application_name=it's"_s
                                          << u"application_name='it\\'s'"_s << u"postgresql/a@h:5432/d"_s;
    }

    void read()
    {
        QFETCH(QString, text);
        const Result<PostgresUrl> url = PostgresUrl::parse(text);
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));
        QVERIFY(PostgresUrl::isPostgres(text));
        QTEST(url->host(), "host");
        QTEST(url->port(), "port");
        QTEST(url->user(), "user");
        QTEST(url->password().value_or(QString()), "password");
        QTEST(url->shown(), "shown");
        QTEST(url->connectOptions(), "options");
        QTEST(url->keychainKey(), "key");
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no user") << u"postgresql://db.example/chasm"_s << u"it names no user"_s;
        QTest::newRow("no database") << u"postgresql://me:pw@db.example/"_s << u"it names no database"_s;
        QTest::newRow("no host") << u"postgresql:///chasm"_s << u"it names no host"_s;
        QTest::newRow("other parameter") << u"postgresql://me:pw@h/d?host=evil"_s
                                         << u"Chasm does not take the parameter host"_s;
        QTest::newRow("sslmode") << u"postgresql://me:pw@h/d?sslmode=sometimes"_s
                                 << u"sslmode is one of disable, allow, prefer, require, verify-ca, verify-full"_s;
        QTest::newRow("semicolon") << u"postgresql://me:pw@h/d?sslrootcert=a;host=b"_s
                                   << u"the value of sslrootcert holds a ';'"_s;
    }

    // Refused in one line that shows the URL with its password masked.
    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const Result<PostgresUrl> url = PostgresUrl::parse(text);
        QVERIFY(!url.ok());
        QVERIFY2(url.error().message.contains(message), qPrintable(url.error().message));
        QVERIFY2(!url.error().message.contains(u":pw@"_s), qPrintable(url.error().message));
        QVERIFY(!url.error().message.contains(u'\n'));
    }
};

} // namespace chasm

QTEST_GUILESS_MAIN(chasm::TestPostgresUrl)
#include "TestPostgresUrl.moc"
