// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "providers/claudecode/ClaudeCodeProvider.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString folder = u".claude/projects/-home-dev-projects-web-app/"_s;

} // namespace

class TestClaudeCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void toolCalls()
    {
        const auto s =
            ClaudeCodeProvider::readTranscript(m_home.file(folder + u"11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->nativeId, u"11111111-aaaa-4bbb-8ccc-000000000001"_s);
        QCOMPARE(s->projectPath, u"/home/dev/projects/web app"_s);
        QCOMPARE(s->title, u"Why does the build fail?"_s);
        QCOMPARE(test::roles(*s),
                 (QStringList{u"user"_s, u"assistant"_s, u"assistant"_s, u"system"_s, u"assistant"_s}));
        QCOMPARE(s->conversationMessageCount(), 4);

        // Thinking, text and tool_use records of one API message are one assistant turn.
        const Message& first = s->messages.at(1);
        QCOMPARE(first.content, u"Let me run the build."_s);
        QCOMPARE(first.model, u"claude-sonnet-4-5"_s);
        QCOMPARE(first.toolCalls.size(), 1);
        QCOMPARE(first.toolCalls.at(0).id, u"toolu_01"_s);
        QCOMPARE(first.toolCalls.at(0).name, u"Bash"_s);
        QCOMPARE(first.toolCalls.at(0).input, uR"({"command":"npm run build","description":"Build"})"_s);
        QCOMPARE(first.toolCalls.at(0).output, u"error TS2304: Cannot find name 'fetch'."_s);
        QCOMPARE(first.toolCalls.at(0).status, u"error"_s);

        const ToolCall& read = s->messages.at(2).toolCalls.at(0);
        QCOMPARE(read.output, uR"({"compilerOptions":{"lib":["es2019"]}})"_s);
        QCOMPARE(read.status, u"completed"_s);
        QVERIFY(s->messages.at(3).content.startsWith(u"<system-reminder>"_s));
        QCOMPARE(s->messages.at(4).content, u"Add \"dom\" to `lib` in tsconfig.json."_s);

        QCOMPARE(s->createdAt, QDateTime::fromString(u"2026-03-01T10:00:00.100Z"_s, Qt::ISODateWithMs));
        QCOMPARE(s->updatedAt, QDateTime::fromString(u"2026-03-01T10:00:12.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(s->totalTokens, std::optional<qint64>(3 * (100 + 20 + 50)));
        QCOMPARE(s->filesReferenced, QStringList{u"/home/dev/projects/web app/tsconfig.json"_s});
        QVERIFY(s->warnings.isEmpty());
    }

    // A summary title, an image, a resumed copy of earlier records, a subagent record, an interrupted
    // turn, an API error and a truncated last line.
    void damagedAndOlderShapes()
    {
        const auto s =
            ClaudeCodeProvider::readTranscript(m_home.file(folder + u"22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->title, u"Flaky login test"_s);
        QCOMPARE(test::roles(*s),
                 (QStringList{u"user"_s, u"assistant"_s, u"user"_s, u"assistant"_s, u"system"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(0).content, u"The login test is flaky.\n\n[image]"_s);
        QCOMPARE(s->messages.at(1).content, u"It waits on a fixed timeout."_s);
        QCOMPARE(s->messages.at(1).model, u"claude-opus-4-1"_s);
        QCOMPARE(s->messages.at(3).status, u"cancelled"_s);
        QCOMPARE(s->messages.at(4).content, u"[Request interrupted by user]"_s);
        const Message& failed = s->messages.at(5);
        QCOMPARE(failed.status, u"failed"_s);
        QCOMPARE(failed.error, u"API Error: 529 Overloaded"_s);
        QVERIFY(failed.model.isEmpty());
        QCOMPARE(s->model, u"claude-sonnet-4-5"_s); // the last turn that named a model
        QCOMPARE(s->warnings.size(), 1);
        QVERIFY2(s->warnings.at(0).contains(u"line 10"_s) && s->warnings.at(0).contains(u"incomplete"_s),
                 qPrintable(s->warnings.at(0)));
    }

    // Files named by tool calls are referenced once each, in the order first named.
    void eachFileReferencedOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray log;
        const QList<std::pair<const char*, const char*>> calls = {{"file_path", "/p/a.ts"},
                                                                  {"file_path", "/p/b.ts"},
                                                                  {"file_path", "/p/a.ts"},
                                                                  {"notebook_path", "/p/c.ipynb"},
                                                                  {"path", "/p/b.ts"}};
        for (qsizetype n = 0; n < calls.size(); ++n) {
            const QString record =
                u"{\"type\":\"assistant\",\"uuid\":\"u%1\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                "\"message\":{\"id\":\"msg_%1\",\"role\":\"assistant\",\"content\":[{\"type\":"
                "\"tool_use\",\"id\":\"toolu_%1\",\"name\":\"Read\",\"input\":{\"%2\":\"%3\"}}]}}\n"_s;
            log +=
                record.arg(n).arg(QLatin1StringView(calls.at(n).first), QLatin1StringView(calls.at(n).second)).toUtf8();
        }
        const QString path = dir.filePath(u"44444444-aaaa-4bbb-8ccc-000000000004.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(log) == log.size());
        file.close();
        const auto s = ClaudeCodeProvider::readTranscript(path);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->messages.size(), calls.size());
        QCOMPARE(s->filesReferenced, (QStringList{u"/p/a.ts"_s, u"/p/b.ts"_s, u"/p/c.ipynb"_s}));
    }

    void emptySession()
    {
        const auto s =
            ClaudeCodeProvider::readTranscript(m_home.file(folder + u"33333333-aaaa-4bbb-8ccc-000000000003.jsonl"_s));
        QVERIFY(s.ok());
        QVERIFY(s->messages.isEmpty());
        QCOMPARE(s->title, u"Untitled"_s);
        QCOMPARE(s->nativeId, u"33333333-aaaa-4bbb-8ccc-000000000003"_s);
    }

    void listing()
    {
        SessionCatalog catalog(m_home.environment());
        const auto providers = catalog.providers(u"claude"_s);
        QVERIFY(providers.ok());
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 1);
        QCOMPARE(workspaces.at(0).projectPath, u"/home/dev/projects/web app"_s); // from cwd, not the folder name
        QCOMPARE(workspaces.at(0).displayName(), u"web app"_s);
        QCOMPARE(workspaces.at(0).sessionCount, 3); // the subagent transcript is not a session
        QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3);
        for (const SessionRef& s : sessions) {
            QCOMPARE(s.provider, u"claude-code"_s);
            QVERIFY(s.id.startsWith(u"claude-code:"_s + s.nativeId.left(8)));
            QVERIFY(s.error.isEmpty());
        }
        const auto loaded = catalog.load(SessionCatalog::resolveSession(sessions, u"claude-code:1111"_s).value());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->id, u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s);
    }

    void configDirOverride()
    {
        QTemporaryDir other;
        QVERIFY(QDir().rename(m_home.file(u".claude"_s), other.filePath(u"claude-config"_s)));
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, m_home.path()}, {u"CLAUDE_CONFIG_DIR"_s, other.filePath(u"claude-config"_s)}},
            Platform::Linux);
        SessionCatalog catalog(environment);
        const auto providers = catalog.providers(u"claude-code"_s);
        QCOMPARE(catalog.sessions(*providers, catalog.workspaces(*providers)).size(), 3);
        QVERIFY(QDir().rename(other.filePath(u"claude-config"_s), m_home.file(u".claude"_s)));
    }

private:
    test::FixtureHome m_home{u"claude-code"_s};
};

QTEST_GUILESS_MAIN(TestClaudeCode)
#include "TestClaudeCode.moc"
