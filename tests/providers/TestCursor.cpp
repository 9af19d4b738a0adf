// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

// Cursor's own stores (the composer key-value table, the older chat tabs) and Windsurf's Cascade.
class TestCursor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void composerAndChatTabs()
    {
        SessionCatalog catalog(m_home.environment());
        const auto cursor = catalog.providers(u"cursor"_s);
        const QList<SessionRef> sessions = catalog.sessions(*cursor, catalog.workspaces(*cursor));
        QCOMPARE(sessions.size(), 4);
        const SessionRef empty = SessionCatalog::resolveSession(sessions, u"cursor:cmp-3333"_s).value();
        QCOMPARE(empty.messageCount, 0);
        QCOMPARE(empty.title, u"Untitled"_s);
        QVERIFY(catalog.load(empty)->messages.isEmpty());

        const SessionRef composer = SessionCatalog::resolveSession(sessions, u"cursor:cmp-1111"_s).value();
        QCOMPARE(composer.title, u"Refactor the checkout"_s);
        QCOMPARE(composer.projectPath, u"/home/dev/projects/shop"_s); // from the workspace's composer list
        QCOMPARE(composer.format, u"cursor-composer"_s);
        QCOMPARE(composer.messageCount, 5);
        const auto s = catalog.load(composer);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->messages.size(), 4);
        QCOMPARE(s->messages.at(0).role, Role::User);
        QCOMPARE(s->messages.at(1).toolCalls.at(0).name, u"read_file"_s);
        QCOMPARE(s->messages.at(1).toolCalls.at(0).input, uR"({"target_file":"src/checkout.ts"})"_s);
        QCOMPARE(s->messages.at(1).toolCalls.at(0).status, u"completed"_s);
        QCOMPARE(s->messages.at(2).toolCalls.at(0).input, uR"({"command":"npm test"})"_s);
        QCOMPARE(s->messages.at(2).toolCalls.at(0).status, u"error"_s);
        QCOMPARE(s->messages.at(3).content, u"I split it into cart.ts, payment.ts and shipping.ts."_s);
        QCOMPARE(s->model, u"claude-4.5-sonnet"_s);
        QCOMPARE(s->totalTokens, std::optional<qint64>(1200 + 30 + 1500 + 200));
        QCOMPARE(s->filesReferenced, QStringList{u"src/checkout.ts"_s});
        QCOMPARE(s->warnings.size(), 1); // the header whose bubble is gone

        const SessionRef inline_ = SessionCatalog::resolveSession(sessions, u"cursor:cmp-2222"_s).value();
        QCOMPARE(inline_.title, u"What does this regex match?"_s);
        QCOMPARE(catalog.load(inline_)->messages.at(1).content, u"Dates like 2024-01-31."_s);

        const SessionRef tab = SessionCatalog::resolveSession(sessions, u"cursor:tab-1"_s).value();
        QCOMPARE(tab.title, u"Explain the tax rules"_s);
        QCOMPARE(tab.projectPath, u"/home/dev/projects/shop"_s);
        const auto chat = catalog.load(tab);
        QCOMPARE(chat->messages.size(), 2);
        QCOMPARE(chat->messages.at(1).model, u"gpt-4"_s);
    }

    // Windsurf's Cascade conversations are encrypted: listed, each saying why it cannot be read.
    void windsurfCascadeIsReportedNotRead()
    {
        SessionCatalog catalog(m_home.environment());
        const auto windsurf = catalog.providers(u"windsurf"_s);
        const QList<SessionRef> sessions = catalog.sessions(*windsurf, catalog.workspaces(*windsurf));
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.at(0).format, u"pb"_s);
        QVERIFY(sessions.at(0).error.contains(u"encrypted protobuf"_s));
        const auto loaded = catalog.load(sessions.at(0));
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().message.startsWith(u"cannot read "_s + sessions.at(0).path));
    }

private:
    test::FixtureHome m_home{u"cursor"_s};
};

QTEST_GUILESS_MAIN(TestCursor)
#include "TestCursor.moc"
