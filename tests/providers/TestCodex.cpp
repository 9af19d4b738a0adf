// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "providers/codex/CodexProvider.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestCodex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void rollout()
    {
        const auto s = CodexProvider::readRollout(m_home.file(
            u".codex/sessions/2026/02/03/rollout-2026-02-03T10-00-00-0199aaaa-1111-7222-8333-444455556666.jsonl"_s));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->nativeId, u"0199aaaa-1111-7222-8333-444455556666"_s);
        QCOMPARE(s->projectPath, u"/home/dev/projects/api"_s);
        QCOMPARE(s->title, u"Why do the tests hang?"_s);
        // Injected developer/environment/abort notices are system; the event_msg copy of the prompt is
        // not a second user message.
        QCOMPARE(test::roles(*s), (QStringList{u"system"_s, u"system"_s, u"user"_s, u"assistant"_s, u"assistant"_s,
                                               u"user"_s, u"assistant"_s, u"system"_s}));
        const Message& look = s->messages.at(3);
        QCOMPARE(look.content, u"Let me look at the test setup."_s);
        QCOMPARE(look.model, u"gpt-5.1-codex"_s);
        QCOMPARE(look.toolCalls.size(), 2);
        QCOMPARE(look.toolCalls.at(0).name, u"shell"_s);
        QCOMPARE(look.toolCalls.at(0).input, uR"({"command":["bash","-lc","npm test"]})"_s);
        QCOMPARE(look.toolCalls.at(0).output, u"Error: connect ECONNREFUSED 127.0.0.1:5432"_s);
        QCOMPARE(look.toolCalls.at(0).status, u"error"_s); // exit code 1
        QCOMPARE(look.toolCalls.at(1).name, u"apply_patch"_s);
        QCOMPARE(look.toolCalls.at(1).output, u"Success. Updated test/setup.ts"_s);
        QCOMPARE(look.toolCalls.at(1).status, u"completed"_s);
        QCOMPARE(s->messages.at(4).content, u"The tests need Postgres; I made setup start it."_s);

        // The second turn was interrupted while its tool call ran.
        const Message& aborted = s->messages.at(6);
        QCOMPARE(aborted.status, u"cancelled"_s);
        QCOMPARE(aborted.toolCalls.at(0).status, u"pending"_s);

        QCOMPARE(s->totalTokens, std::optional<qint64>(9800));
        QCOMPARE(s->model, u"gpt-5.1-codex"_s);
        QCOMPARE(s->createdAt, QDateTime::fromString(u"2026-02-03T10:00:00.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(s->warnings.size(), 1); // the cut-off last line
    }

    void oldestLayout()
    {
        const auto s = CodexProvider::readRollout(m_home.file(
            u".codex/archived_sessions/rollout-2025-05-10T08-00-00-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->nativeId, u"5973b6c0-94b8-487b-a530-2aeb6098ae0e"_s);
        QCOMPARE(test::roles(*s), (QStringList{u"user"_s, u"assistant"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(1).toolCalls.at(0).output, u"src/a.rs:3: foo"_s);
        QCOMPARE(s->messages.at(1).toolCalls.at(0).status, u"completed"_s);
        QCOMPARE(s->createdAt, QDateTime::fromString(u"2025-05-10T08:00:00.000Z"_s, Qt::ISODateWithMs));
    }

    void listing()
    {
        SessionCatalog catalog(m_home.environment());
        const auto providers = catalog.providers(u"codex-cli"_s);
        QVERIFY(providers.ok());
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 2); // sessions/ and archived_sessions/
        const QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3);
        const auto empty = SessionCatalog::resolveSession(sessions, u"codex:0199bbbb"_s);
        QVERIFY(empty.ok());
        QCOMPARE(empty->messageCount, 0);
        QCOMPARE(empty->title, u"Untitled"_s);
        QCOMPARE(empty->projectPath, u"/home/dev/projects/api"_s);
    }

    void codexHomeOverride()
    {
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, u"/nonexistent"_s}, {u"CODEX_HOME"_s, m_home.file(u".codex"_s)}}, Platform::Linux);
        SessionCatalog catalog(environment);
        const auto providers = catalog.providers(u"codex"_s);
        QCOMPARE(catalog.sessions(*providers, catalog.workspaces(*providers)).size(), 3);
    }

private:
    test::FixtureHome m_home{u"codex"_s};
};

QTEST_GUILESS_MAIN(TestCodex)
#include "TestCodex.moc"
