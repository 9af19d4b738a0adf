// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "services/HarvestDatabaseService.h"
#include "services/SearchService.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

QStringList prefixes(const QList<SessionRef>& sessions)
{
    QStringList result;
    for (const SessionRef& s : sessions) {
        result << s.nativeId.left(4);
    }
    result.sort();
    return result;
}

} // namespace

// find session (titles, ids and content of the tools' files, through the harvest index where it is up to date) and
// harvest search (the index's words).
class TestSearchService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void findSessions_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<bool>("content");
        QTest::addColumn<bool>("titleOnly");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("found");
        QTest::newRow("title") << u"DEPLOY"_s << QString() << QString() << false << false << 50
                               << QStringList{u"bbbb"_s};
        QTest::newRow("id prefix") << u"c0c0"_s << QString() << QString() << false << false << 50
                                   << QStringList{u"c0c0"_s};
        QTest::newRow("id prefix, titles only")
            << u"c0c0"_s << QString() << QString() << false << true << 50 << QStringList();
        QTest::newRow("words only in messages")
            << u"rollback"_s << QString() << QString() << false << false << 50 << QStringList();
        QTest::newRow("content") << u"rollback"_s << QString() << QString() << true << false << 50
                                 << QStringList{u"bbbb"_s};
        QTest::newRow("content, every word at a word start")
            << u"rollback restores"_s << QString() << QString() << true << false << 50 << QStringList{u"bbbb"_s};
        QTest::newRow("content, not inside words")
            << u"ollback"_s << QString() << QString() << true << false << 50 << QStringList();
        QTest::newRow("content, titles only")
            << u"rollback"_s << QString() << QString() << true << true << 50 << QStringList();
        QTest::newRow("one provider") << QString() << u"cursor"_s << QString() << false << false << 50
                                      << QStringList{u"c0c0"_s};
        QTest::newRow("one workspace") << QString() << QString() << u"mono"_s << false << false << 50
                                       << QStringList{u"1212"_s};
        QTest::newRow("limit") << QString() << u"cursor"_s << QString() << false << false << 1
                               << QStringList{u"c0c0"_s};
    }

    void findSessions()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, provider);
        QFETCH(QString, workspace);
        QFETCH(bool, content);
        QFETCH(bool, titleOnly);
        QFETCH(int, limit);
        QFETCH(QStringList, found);
        // Without a harvest database the files are read; with one, the index answers for the sessions it holds as
        // they are: the same sessions either way.
        for (const bool harvested : {false, true}) {
            test::FixtureHome home;
            const SessionCatalog catalog(home.environment());
            if (harvested) {
                QVERIFY(HarvestDatabaseService(catalog).run({}));
            }
            SearchService::FindRequest request;
            request.pattern = pattern;
            request.provider = provider;
            request.workspace = workspace;
            request.content = content;
            request.titleOnly = titleOnly;
            request.limit = limit;
            const auto result = SearchService(catalog).findSessions(request);
            QVERIFY(result.ok());
            QCOMPARE(prefixes(*result), found);
        }
    }

    void findSessionsLimit()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        SearchService::FindRequest request;
        request.limit = 3;
        const auto three = SearchService(catalog).findSessions(request);
        QVERIFY(three.ok());
        QCOMPARE(three->size(), 3);
        request.provider = u"nope"_s;
        const auto unknown = SearchService(catalog).findSessions(request);
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.startsWith(u"unknown provider 'nope'"_s));
    }

    void searchHarvest_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<int>("hits");
        QTest::addColumn<QString>("error");
        QTest::newRow("a word") << u"rollback"_s << QString() << QString() << QString() << 2 << QString();
        QTest::newRow("one role") << u"rollback"_s << QString() << u"assistant"_s << QString() << 1 << QString();
        QTest::newRow("a provider alias") << u"rollback"_s << u"vscode"_s << QString() << QString() << 2 << QString();
        QTest::newRow("a provider without sessions")
            << u"rollback"_s << u"cursor"_s << QString() << QString() << 0 << QString();
        QTest::newRow("another workspace") << u"rollback"_s << QString() << QString() << u"mono"_s << 0 << QString();
        QTest::newRow("unknown provider")
            << u"rollback"_s << u"nope"_s << QString() << QString() << 0 << u"unknown provider 'nope'"_s;
        QTest::newRow("no words") << u"*"_s << QString() << QString() << QString() << 0 << u"search: the query"_s;
    }

    void searchHarvest()
    {
        QFETCH(QString, query);
        QFETCH(QString, provider);
        QFETCH(QString, role);
        QFETCH(QString, workspace);
        QFETCH(int, hits);
        QFETCH(QString, error);
        const SessionCatalog catalog(m_home.environment());
        if (!QFileInfo::exists(m_home.file(u"h.db"_s))) {
            QVERIFY(HarvestDatabaseService(catalog).run({m_home.file(u"h.db"_s), u"copilot"_s, {}, {}, {}, {}}));
        }
        SearchService::HarvestRequest request;
        request.database = m_home.file(u"h.db"_s);
        request.query = query;
        request.provider = provider;
        request.filter.role = role;
        request.filter.workspace = workspace;
        const auto report = SearchService(catalog).searchHarvest(request);
        if (!error.isEmpty()) {
            QVERIFY(!report.ok());
            QVERIFY2(report.error().message.startsWith(error), qPrintable(report.error().message));
            return;
        }
        QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->database, m_home.file(u"h.db"_s));
        QCOMPARE(report->results.hits.size(), hits);
        // The same search on a connection already open, with the provider's id as the filter names it.
        auto database = Database::open(report->database);
        QVERIFY(database.ok());
        HarvestStore::SearchFilter filter = request.filter;
        if (!provider.isEmpty()) {
            filter.provider = catalog.providers(provider).value().constFirst()->id();
        }
        const auto reused = SearchService::searchHarvest(**database, query, filter);
        QVERIFY(reused.ok());
        QCOMPARE(reused->hits.size(), hits);
        for (qsizetype i = 0; i < hits; ++i) {
            QCOMPARE(reused->hits.at(i).sessionId, report->results.hits.at(i).sessionId);
            QCOMPARE(reused->hits.at(i).messageIndex, report->results.hits.at(i).messageIndex);
            QCOMPARE(reused->hits.at(i).snippet, report->results.hits.at(i).snippet);
        }
        QCOMPARE(reused->listed, hits);
        QVERIFY(reused->everyMatch);
        if (hits > 1) { // a page of the same list: its hits from skip on, with their snippets
            filter.skip = 1;
            filter.count = 1;
            const auto page = SearchService::searchHarvest(**database, query, filter);
            QVERIFY(page.ok());
            QCOMPARE(page->listed, hits);
            QCOMPARE(page->hits.size(), 1);
            QCOMPARE(page->hits.at(0).messageIndex, report->results.hits.at(1).messageIndex);
            QCOMPARE(page->hits.at(0).snippet, report->results.hits.at(1).snippet);
        }
        for (const HarvestStore::SearchHit& hit : report->results.hits) {
            QCOMPARE(hit.sessionId, u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
            QVERIFY(role.isEmpty() || hit.role == role);
            QVERIFY(HarvestStore::bracketed(hit.snippet).contains(u"[rollback]"_s, Qt::CaseInsensitive));
        }
    }

private:
    test::FixtureHome m_home;
};

QTEST_GUILESS_MAIN(TestSearchService)
#include "TestSearchService.moc"
