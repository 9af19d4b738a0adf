// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "store/Database.h"
#include "store/NativeSqlite.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace chasm;

// nativeSqlite() hands out the connection behind Qt's only when Qt's driver uses the SQLite we link: on Debian both
// are the system's libsqlite3, so it must hand it out, and it must be the same connection (same database, same
// transaction), not another one opened beside it.
class TestNativeSqlite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void seesTheSameConnection()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = Database::open(dir.filePath(u"chasm.db"_s));
        QVERIFY(opened.ok());
        const QSqlDatabase db = (*opened)->connection();
        sqlite3* native = nativeSqlite(db);
#if defined(Q_OS_LINUX)
        QVERIFY(native != nullptr);
#endif
        if (native == nullptr) {
            QSKIP("Qt's SQLite driver does not use the SQLite Chasm links");
        }
        QCOMPARE(QString::fromUtf8(sqlite3_db_filename(native, "main")),
                 QFileInfo(dir.filePath(u"chasm.db"_s)).canonicalFilePath());

        // A row written through Qt inside a transaction not yet committed is seen through the native handle: only
        // the same connection sees it.
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE t (x INTEGER)"_s));
        QVERIFY(query.exec(u"BEGIN"_s));
        QVERIFY(query.exec(u"INSERT INTO t VALUES (41)"_s));
        QCOMPARE(sqlite3_get_autocommit(native), 0);
        sqlite3_stmt* statement = nullptr;
        QCOMPARE(sqlite3_prepare_v2(native, "SELECT x FROM t", -1, &statement, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(statement), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(statement, 0), 41);
        QCOMPARE(sqlite3_step(statement), SQLITE_DONE);
        sqlite3_finalize(statement);

        // And the other way round: what the native handle writes, Qt reads, and Qt's commit keeps.
        QCOMPARE(sqlite3_exec(native, "INSERT INTO t VALUES (42)", nullptr, nullptr, nullptr), SQLITE_OK);
        QVERIFY(query.exec(u"COMMIT"_s));
        QVERIFY(query.exec(u"SELECT sum(x) FROM t"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 83);
    }

    void noConnectionWithoutAnOpenSqliteDatabase()
    {
        QCOMPARE(nativeSqlite(QSqlDatabase()), nullptr);
        const QString name = u"native-sqlite-closed"_s;
        {
            QSqlDatabase closed = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            QCOMPARE(nativeSqlite(closed), nullptr);
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TestNativeSqlite)
#include "TestNativeSqlite.moc"
