// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "services/EditingService.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

// The editing sessions (chatEditingSessions) of the VS Code-family editors: which there are, with their chat, and
// one by id prefix with each request's prompt.
class TestEditingService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        m_project = m_home.path() + u"/dev/projects/web app"_s;
    }

    void list_data()
    {
        QTest::addColumn<bool>("inProject");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QStringList>("found");
        QTest::addColumn<QString>("error");
        const QStringList both{u"aaaa1111-2222-4333-8444-555566667777"_s, u"bbbb2222-3333-4444-8555-666677778888"_s};
        QTest::newRow("everywhere") << false << QString() << both << QString();
        QTest::newRow("the project") << true << QString() << both << QString();
        QTest::newRow("the project's Copilot") << true << u"copilot"_s << both << QString();
        QTest::newRow("Cursor keeps none") << true << u"cursor"_s << QStringList() << QString();
        QTest::newRow("unknown provider") << false << u"nope"_s << QStringList() << u"unknown provider 'nope'"_s;
    }

    void list()
    {
        QFETCH(bool, inProject);
        QFETCH(QString, provider);
        QFETCH(QStringList, found);
        QFETCH(QString, error);
        const SessionCatalog catalog(m_home.environment());
        const auto items = EditingService(catalog).list({inProject ? m_project : QString(), provider});
        if (!error.isEmpty()) {
            QVERIFY(!items.ok());
            QVERIFY2(items.error().message.startsWith(error), qPrintable(items.error().message));
            return;
        }
        QVERIFY(items.ok());
        QStringList ids;
        for (qsizetype i = 1; i < items->size(); ++i) { // newest first
            QVERIFY(items->at(i - 1).edits.updatedAt >= items->at(i).edits.updatedAt);
        }
        for (const EditingService::Item& item : *items) {
            ids << item.edits.sessionId;
            QCOMPARE(item.chat.nativeId, item.edits.sessionId); // its chat session file is there
            QCOMPARE(item.workspace.projectPath, m_project);
        }
        ids.sort();
        QCOMPARE(ids, found);
    }

    void show_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("error");
        QTest::newRow("linear, by prefix") << u"aaaa"_s << u"linear"_s << QString();
        QTest::newRow("timeline, by longer prefix") << u"bbbb2222"_s << u"timeline"_s << QString();
        QTest::newRow("whole id") << u"bbbb2222-3333-4444-8555-666677778888"_s << u"timeline"_s << QString();
        QTest::newRow("none") << u"zzzz"_s << QString()
                              << u"no editing session has the id zzzz (chasm list edits shows them)"_s;
        QTest::newRow("several") << QString() << QString() << u" names 2 editing sessions: give more of the id"_s;
    }

    void show()
    {
        QFETCH(QString, id);
        QFETCH(QString, layout);
        QFETCH(QString, error);
        const SessionCatalog catalog(m_home.environment());
        const auto report = EditingService(catalog).show({id, {}});
        if (!error.isEmpty()) {
            QVERIFY(!report.ok());
            QCOMPARE(report.error().message, error);
            return;
        }
        QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->item.edits.layout, layout);
        QVERIFY(report->item.edits.sessionId.startsWith(id));
        for (const QString& request : report->item.edits.requestIds) {
            QVERIFY2(report->prompts.contains(request), qPrintable(request));
        }
    }

    // A request's prompt is the first line of its message in the chat session file.
    void prompts()
    {
        const SessionCatalog catalog(m_home.environment());
        const auto report = EditingService(catalog).show({u"aaaa"_s, m_project});
        QVERIFY(report.ok());
        QCOMPARE(report->item.chat.title, u"Why does `npm test` fail with ECONNREFUSED here?"_s);
        QCOMPARE(report->item.edits.requestIds.size(), 1);
        QCOMPARE(report->prompts.value(report->item.edits.requestIds.constFirst()),
                 u"Now make the tests wait for the port."_s);
        QStringList files;
        for (const EditingSession::File& f : report->item.edits.files) {
            files << QFileInfo(f.path).fileName();
        }
        QCOMPARE(files, (QStringList{u"setup.js"_s, u"package.json"_s}));
        QVERIFY(!EditingService(catalog).show({u"aaaa"_s, m_home.path() + u"/dev/projects/mono.code-workspace"_s}));
    }

private:
    test::FixtureHome m_home;
    QString m_project;
};

QTEST_GUILESS_MAIN(TestEditingService)
#include "TestEditingService.moc"
