// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "providers/gemini/GeminiChat.h"
#include "providers/qwen/QwenProvider.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

// Gemini CLI and Qwen Code, a Gemini CLI fork whose older versions wrote Gemini's format.
class TestGeminiQwen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_gemini.isValid());
        QVERIFY(m_qwen.isValid());
    }

    // Snapshots, replacement by id, a rewind, tool calls with results, a cancelled call, an info line,
    // an error turn, a summary title and a cut-off last line.
    void geminiLog()
    {
        const auto s =
            GeminiChat::read(m_gemini.file(u".gemini/tmp/webapp/chats/session-2026-04-01T10-00-9a1b2c3d.jsonl"_s));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->nativeId, u"9a1b2c3d-0000-4000-8000-000000000001"_s);
        QCOMPARE(s->title, u"Inspect the web package"_s);
        QCOMPARE(test::roles(*s), (QStringList{u"system"_s, u"user"_s, u"assistant"_s, u"assistant"_s, u"user"_s,
                                               u"assistant"_s, u"system"_s, u"user"_s, u"assistant"_s}));
        const Message& read = s->messages.at(2);
        QCOMPARE(read.content, u"Reading it."_s);
        QCOMPARE(read.model, u"gemini-2.5-pro"_s);
        QCOMPARE(read.toolCalls.size(), 1); // the record was replaced by its version with the call
        QCOMPARE(read.toolCalls.at(0).name, u"read_file"_s);
        QCOMPARE(read.toolCalls.at(0).output, uR"({"name":"web"})"_s);
        QCOMPARE(read.toolCalls.at(0).status, u"completed"_s);
        QCOMPARE(s->messages.at(5).toolCalls.at(0).status, u"cancelled"_s);
        QCOMPARE(s->messages.at(7).content, u"Summarize the README"_s); // "rewound away" is gone
        QCOMPARE(s->messages.at(8).status, u"failed"_s);
        QCOMPARE(s->messages.at(8).error, u"[API Error: quota exceeded]"_s);
        QCOMPARE(s->totalTokens, std::optional<qint64>(115 + 130));
        QCOMPARE(s->filesReferenced, QStringList{u"/home/dev/projects/web app/package.json"_s});
        QCOMPARE(s->warnings.size(), 1);
    }

    void geminiLegacyJson()
    {
        SessionCatalog catalog(m_gemini.environment());
        const auto providers = catalog.providers(u"gemini-cli"_s);
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 2);
        const QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3);
        const auto empty = SessionCatalog::resolveSession(sessions, u"gemini:eeee"_s);
        QVERIFY(empty.ok());
        QCOMPARE(empty->messageCount, 0);
        QCOMPARE(empty->title, u"Untitled"_s);
        QCOMPARE(empty->createdAt, QDateTime::fromString(u"2026-04-02T08:00:00.000Z"_s, Qt::ISODateWithMs));
        const auto legacy = SessionCatalog::resolveSession(sessions, u"gemini:5cdd"_s);
        QVERIFY(legacy.ok());
        QCOMPARE(legacy->format, u"json"_s);
        QCOMPARE(legacy->messageCount, 2);
        QCOMPARE(legacy->title, u"create hello.txt"_s);
        const auto current = SessionCatalog::resolveSession(sessions, u"gemini:9a1b"_s);
        QCOMPARE(current->projectPath, u"/home/dev/projects/web app"_s);
        const auto loaded = catalog.load(*legacy);
        QCOMPARE(loaded->messages.at(1).toolCalls.at(0).output, u"Successfully created hello.txt"_s);
    }

    void qwenChat()
    {
        const auto s = QwenProvider::readChat(
            m_qwen.file(u".qwen/projects/-home-dev-projects-cli/chats/7b7b7b7b-0000-4000-8000-000000000003.jsonl"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->projectPath, u"/home/dev/projects/cli"_s);
        QCOMPARE(s->title, u"List the files"_s);
        QCOMPARE(test::roles(*s), (QStringList{u"user"_s, u"assistant"_s, u"assistant"_s, u"user"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(1).content, u"Listing."_s); // the thought part is not the answer
        QCOMPARE(s->messages.at(1).toolCalls.at(0).output, u"main.go\ngo.mod"_s);
        QCOMPARE(s->messages.at(1).toolCalls.at(0).status, u"completed"_s);
        QCOMPARE(s->messages.at(4).toolCalls.at(0).status, u"error"_s);
        QCOMPARE(s->messages.at(4).toolCalls.at(0).output, uR"({"error":"exit status 1"})"_s);
        QCOMPARE(s->totalTokens, std::optional<qint64>(920 + 960));
        QCOMPARE(s->model, u"qwen3-coder-plus"_s);
    }

    // An assistant record's parts are text and functionCall in the order they were streamed: each call keeps
    // its place in the message's text (ToolCall::at); a thought part is not text and moves nothing.
    void qwenToolCallPlaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"4e4e4e4e-0000-4000-8000-000000000001.jsonl"_s);
        const QByteArray head = R"({"sessionId":"4e4e4e4e-0000-4000-8000-000000000001","cwd":"/home/dev/projects/cli",)"
                                R"("version":"0.15.10",)";
        QVERIFY(test::writeFile(
            path, head +
                      R"("uuid":"p1","parentUuid":null,"timestamp":"2026-05-02T09:00:00.000Z","type":"user",)"
                      R"("message":{"role":"user","parts":[{"text":"Build and test it"}]}})"
                      "\n" +
                      head +
                      R"("uuid":"p2","parentUuid":"p1","timestamp":"2026-05-02T09:00:01.000Z",)"
                      R"("type":"assistant","model":"qwen3-coder-plus","message":{"role":"model","parts":[)"
                      R"({"text":"planning","thought":true},{"functionCall":{"id":"c0","name":"read_file",)"
                      R"("args":{"absolute_path":"/home/dev/projects/cli/Makefile"}}},{"text":"Building."},)"
                      R"({"functionCall":{"id":"c1","name":"run_shell_command","args":{"command":"make"}}},)"
                      R"({"text":"Testing next."}]}})"
                      "\n" +
                      head +
                      R"("uuid":"p3","parentUuid":"p2","timestamp":"2026-05-02T09:00:02.000Z",)"
                      R"("type":"tool_result","message":{"role":"user","parts":[{"functionResponse":)"
                      R"({"id":"c1","name":"run_shell_command","response":{"output":"ok"}}}]},)"
                      R"("toolCallResult":{"callId":"c1","status":"success"}})"
                      "\n"));
        const auto s = QwenProvider::readChat(path);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(test::roles(*s), (QStringList{u"user"_s, u"assistant"_s}));
        const Message& answer = s->messages.at(1);
        QCOMPARE(answer.content, u"Building.\n\nTesting next."_s);
        QCOMPARE(answer.toolCalls.size(), 2);
        QCOMPARE(answer.toolCalls.at(0).at, qsizetype(0)); // before any text (the thought is not text)
        QCOMPARE(answer.toolCalls.at(1).at, qsizetype(9)); // after "Building."
        QCOMPARE(answer.toolCalls.at(1).output, u"ok"_s);
    }

    void qwenBothLayouts()
    {
        SessionCatalog catalog(m_qwen.environment());
        const auto providers = catalog.providers(u"qwen-code"_s);
        const QList<SessionRef> sessions = catalog.sessions(*providers, catalog.workspaces(*providers));
        QCOMPARE(sessions.size(), 4);
        const auto cut = SessionCatalog::resolveSession(sessions, u"qwen:8c8c"_s);
        QCOMPARE(cut->messageCount, 1);
        QCOMPARE(cut->warnings.size(), 1);
        QCOMPARE(SessionCatalog::resolveSession(sessions, u"qwen:9d9d"_s)->messageCount, 0);
        const auto old = SessionCatalog::resolveSession(sessions, u"qwen:3c3c"_s);
        QVERIFY(old.ok());
        QCOMPARE(old->projectPath, u"/home/dev/projects/old"_s);
        QCOMPARE(old->messageCount, 2);
    }

private:
    test::FixtureHome m_gemini{u"gemini"_s};
    test::FixtureHome m_qwen{u"qwen"_s};
};

QTEST_GUILESS_MAIN(TestGeminiQwen)
#include "TestGeminiQwen.moc"
