// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestOpenCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void storeAndLegacyTree()
    {
        SessionCatalog catalog(m_home.environment());
        const auto providers = catalog.providers(u"open-code"_s);
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 2);
        const QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3);

        const SessionRef feed = SessionCatalog::resolveSession(sessions, u"opencode:ses_a1"_s).value();
        QCOMPARE(feed.title, u"Fix the RSS feed"_s);
        QCOMPARE(feed.projectPath, u"/home/dev/projects/blog"_s);
        QCOMPARE(feed.messageCount, 3);
        QCOMPARE(feed.format, u"sqlite"_s);
        const auto s = catalog.load(feed);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QStringList roles;
        for (const Message& m : s->messages) {
            roles << roleName(m.role);
        }
        QCOMPARE(roles, (QStringList{u"system"_s, u"user"_s, u"assistant"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(1).content, u"The RSS feed has no dates"_s);
        QCOMPARE(s->messages.at(1).references, QStringList{u"feed.xml"_s});
        const Message& answer = s->messages.at(2);
        QCOMPARE(answer.content, u"Looking at the template."_s);
        QCOMPARE(answer.model, u"gpt-5"_s);
        QCOMPARE(answer.toolCalls.size(), 2);
        QCOMPARE(answer.toolCalls.at(0).output, u"export function item() {}"_s);
        QCOMPARE(answer.toolCalls.at(1).status, u"error"_s);
        QCOMPARE(answer.toolCalls.at(1).output, u"npm ERR! missing script: feed"_s);
        // Both calls came after the text, where the conversation shows them.
        QCOMPARE(answer.toolCalls.at(0).at, answer.content.size());
        QCOMPARE(answer.toolCalls.at(1).at, answer.content.size());
        QCOMPARE(s->messages.at(3).status, u"cancelled"_s);
        QCOMPARE(s->totalTokens, std::optional<qint64>(1000 + 50 + 10 + 200 + 10));
        QCOMPARE(s->filesReferenced, QStringList{u"/home/dev/projects/blog/feed.ts"_s});

        const SessionRef empty = SessionCatalog::resolveSession(sessions, u"opencode:ses_b2"_s).value();
        QCOMPARE(empty.messageCount, 0);
        QCOMPARE(catalog.load(empty)->title, u"New session - 2026-01-06"_s);

        const SessionRef legacy = SessionCatalog::resolveSession(sessions, u"opencode:ses_legacy1"_s).value();
        QCOMPARE(legacy.format, u"json"_s);
        QCOMPARE(legacy.title, u"Migrate to Astro"_s);
        const auto old = catalog.load(legacy);
        QCOMPARE(old->messages.size(), 2);
        QCOMPARE(old->messages.at(1).content, u"Start with `npm create astro`."_s);
        QCOMPARE(old->totalTokens, std::optional<qint64>(340));
        QCOMPARE(old->warnings.size(), 1); // a part cut off while it was written
        QVERIFY(old->warnings.at(0).contains(u"prt_3.json"_s));
    }

    // OpenCode leaves most rows in the -wal: they are read, and nothing of the store changes.
    void walRowsReadWithoutChanges()
    {
        const QString db = m_home.file(u".local/share/opencode/opencode.db"_s);
        QSqlDatabase writer = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"opencode-writer"_s);
        writer.setDatabaseName(db);
        QVERIFY(writer.open());
        QSqlQuery query(writer);
        QVERIFY(query.exec(u"PRAGMA journal_mode=WAL"_s));
        QVERIFY(query.exec(u"PRAGMA wal_autocheckpoint=0"_s));
        QVERIFY(query.exec(u"INSERT INTO session VALUES ('ses_c3', 'prj', NULL, 'new', '/home/dev/projects/blog', "
                           "'Only in the WAL', '1.18.0', 0, 0, 1767800000000, 1767800000000)"_s));
        const auto digest = [this] {
            QStringList sums;
            QDirIterator it(m_home.file(u".local/share/opencode"_s), QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                sums << file + u' ' +
                            QString::fromLatin1(
                                QCryptographicHash::hash(test::readAll(file), QCryptographicHash::Sha256).toHex());
            }
            sums.sort();
            return sums;
        };
        const QStringList before = digest();
        SessionCatalog catalog(m_home.environment());
        const auto providers = catalog.providers(u"opencode"_s);
        const QList<SessionRef> sessions = catalog.sessions(*providers, catalog.workspaces(*providers));
        QVERIFY(SessionCatalog::resolveSession(sessions, u"opencode:ses_c3"_s).ok());
        QCOMPARE(digest(), before);
        query.finish();
        writer.close();
        writer = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"opencode-writer"_s);
    }

private:
    test::FixtureHome m_home{u"opencode"_s};
};

QTEST_GUILESS_MAIN(TestOpenCode)
#include "TestOpenCode.moc"
