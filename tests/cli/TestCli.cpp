// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliRun.h"
#include "CommandLine.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "providers/ProviderRegistry.h"
#include "util/QtVersions.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/SessionIndex.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QStandardPaths>
#include <QTest>

#include <boost/json/parse.hpp>

#include <sstream>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

using Run = test::CliRun;

Run chasmRun(const Environment& environment, const QStringList& args)
{
    return test::runCli(environment, args);
}

Run chasmRun(const test::FixtureHome& home, const QStringList& args)
{
    return chasmRun(home.environment(), args);
}

QStringList keys(const boost::json::value& v)
{
    QStringList result;
    for (const auto& item : v.as_object()) {
        result << QString::fromUtf8(item.key().data(), qsizetype(item.key().size()));
    }
    return result;
}

void verifyKeys(const boost::json::value& v, const QStringList& required)
{
    const QStringList present = keys(v);
    for (const QString& key : required) {
        QVERIFY2(present.contains(key), qPrintable(u"missing key "_s + key + u" in "_s + present.join(u',')));
    }
}

const QStringList summaryKeys = {
    u"id"_s,     u"provider"_s,   u"native_id"_s,  u"title"_s,         u"workspace"_s,  u"project_path"_s, u"path"_s,
    u"format"_s, u"created_at"_s, u"updated_at"_s, u"message_count"_s, u"size_bytes"_s, u"error"_s};
const QStringList workspaceKeys = {u"id"_s,           u"provider"_s,      u"editor"_s,
                                   u"hash"_s,         u"project_path"_s,  u"uri"_s,
                                   u"storage_path"_s, u"session_count"_s, u"has_chat_sessions"_s,
                                   u"last_modified"_s};

QStringList ids(const boost::json::value& array)
{
    QStringList result;
    for (const boost::json::value& item : array.as_array()) {
        result << json::string(item, "id");
    }
    result.sort();
    return result;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        m_project = m_home.path() + u"/dev/projects/web app"_s;
    }

    void version()
    {
        const Run run = chasmRun(m_home, {u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.trimmed(), u"chasm " CHASM_VERSION ""_s);
    }

    void usageErrors()
    {
        QCOMPARE(chasmRun(m_home, {u"frobnicate"_s}).exitCode, 2);
        QCOMPARE(chasmRun(m_home, {u"list"_s}).exitCode, 2);
        const Run date = chasmRun(m_home, {u"find"_s, u"session"_s, u"x"_s, u"--after"_s, u"yesterday"_s});
        QCOMPARE(date.exitCode, 2);
        QVERIFY2(date.err.contains(u"YYYY-MM-DD"_s), qPrintable(date.err));
    }

    void listWorkspaces()
    {
        for (const QString& alias : {u"workspaces"_s, u"ws"_s}) {
            const Run run = chasmRun(m_home, {u"list"_s, alias, u"--json"_s});
            QCOMPARE(run.exitCode, 0);
            const boost::json::value v = run.json();
            QCOMPARE(v.as_array().size(), std::size_t(5));
            for (const boost::json::value& w : v.as_array()) {
                verifyKeys(w, workspaceKeys);
            }
        }
        const Run table = chasmRun(m_home, {u"ls"_s, u"ws"_s});
        QVERIFY(table.out.contains(u"5d41402abc4b2a76b9719d911017c592"_s));
        QVERIFY(table.out.contains(u"ssh-remote+buildbox:/srv/api (remote)"_s));
    }

    void listSessions()
    {
        const Run run = chasmRun(m_home, {u"list"_s, u"sessions"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value v = run.json();
        QCOMPARE(
            ids(v),
            (QStringList{
                u"copilot:12121212-3434-4565-8787-909090909090"_s, u"copilot:34343434-5656-4787-8989-010101010101"_s,
                u"copilot:aaaa1111-2222-4333-8444-555566667777"_s, u"copilot:bbbb2222-3333-4444-8555-666677778888"_s,
                u"copilot:dddd4444-5555-4666-8777-888899990000"_s, u"copilot:eeee5555-6666-4777-8888-9999aaaabbbb"_s,
                u"copilot:ffff6666-7777-4888-8999-aaaabbbbcccc"_s, u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s}));
        for (const boost::json::value& s : v.as_array()) {
            verifyKeys(s, summaryKeys);
            if (json::string(s, "id").startsWith(u"copilot:bbbb"_s)) {
                QCOMPARE(json::string(s, "title"), u"Deploy script review"_s);
                QCOMPARE(json::string(s, "format"), u"jsonl"_s);
                QCOMPARE(json::string(s, "editor"), u"code"_s);
                QCOMPARE(json::integer(s, "message_count"), std::optional<qint64>(4));
                QCOMPARE(json::string(s, "created_at"), u"2026-01-16T10:00:00Z"_s);
                QCOMPARE(json::string(s, "project_path"), m_project);
                QCOMPARE(json::string(s, "workspace"), u"5d41402abc4b2a76b9719d911017c592"_s);
                QVERIFY(s.at("error").is_null());
            }
            if (json::string(s, "id").startsWith(u"copilot:3434"_s)) {
                QVERIFY(s.at("project_path").is_null()); // a remote folder is not a local path
                QCOMPARE(json::string(s, "workspace_name"), u"ssh-remote+buildbox: api"_s);
            }
            if (json::string(s, "id").startsWith(u"copilot:ffff"_s)) {
                QVERIFY(json::string(s, "error").contains(u"incomplete JSON"_s));
            }
        }

        const Run cursor = chasmRun(m_home, {u"list"_s, u"s"_s, u"-p"_s, u"cursor"_s, u"--json"_s});
        QCOMPARE(ids(cursor.json()), QStringList{u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s});

        const Run byPath = chasmRun(m_home, {u"list"_s, u"sessions"_s, u"--project-path"_s, m_project, u"--json"_s});
        QCOMPARE(byPath.json().as_array().size(), std::size_t(5));

        const Run unknown = chasmRun(m_home, {u"list"_s, u"sessions"_s, u"--provider"_s, u"nope"_s});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.startsWith(u"chasm: unknown provider 'nope'; valid providers: "_s));
        QVERIFY(unknown.err.contains(u"copilot (vscode, code, github-copilot), cursor, windsurf"_s));
        QVERIFY(unknown.err.contains(u"claude-code (claudecode, claude)"_s));

        const Run sized = chasmRun(m_home, {u"list"_s, u"sessions"_s, u"-s"_s, u"--all-providers"_s});
        QCOMPARE(sized.exitCode, 0);
        QVERIFY(sized.out.contains(u"8 session(s)"_s));
        QVERIFY(sized.err.contains(u"warning: cannot read"_s));
    }

    void listPathAndOrphans()
    {
        const Run path = chasmRun(m_home, {u"list"_s, u"path"_s, m_project, u"--json"_s});
        QCOMPARE(path.exitCode, 0);
        QCOMPARE(path.json().as_array().size(), std::size_t(5));

        const Run orphans = chasmRun(m_home, {u"list"_s, u"orphaned"_s, u"--path"_s, m_project, u"--json"_s});
        QCOMPARE(orphans.exitCode, 0);
        QCOMPARE(ids(orphans.json()), QStringList{u"copilot:dddd4444-5555-4666-8777-888899990000"_s});

        const Run all = chasmRun(m_home, {u"list"_s, u"orphaned"_s, u"--all"_s, u"--json"_s});
        // The multi-root and remote workspaces have no state.vscdb: their sessions are not judged, and
        // the user is told why.
        QCOMPARE(ids(all.json()), QStringList{u"copilot:dddd4444-5555-4666-8777-888899990000"_s});
        QVERIFY2(all.err.contains(u"7b8b965ad4bca0e41ab51de7b31363a1/state.vscdb: the file does not exist"_s),
                 qPrintable(all.err));
    }

    void showSession()
    {
        const Run run = chasmRun(m_home, {u"show"_s, u"session"_s, u"aaaa"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value v = run.json();
        verifyKeys(v, {u"id"_s, u"title"_s, u"provider"_s, u"workspace"_s, u"project_path"_s, u"created_at"_s,
                       u"updated_at"_s, u"messages"_s, u"metadata"_s});
        QCOMPARE(json::string(v, "id"), u"copilot:aaaa1111-2222-4333-8444-555566667777"_s);
        const boost::json::array& messages = v.at("messages").as_array();
        QCOMPARE(messages.size(), std::size_t(5));
        QStringList roles;
        for (const boost::json::value& m : messages) {
            verifyKeys(m, {u"role"_s, u"content"_s, u"timestamp"_s, u"model"_s, u"tool_calls"_s, u"references"_s});
            roles << json::string(m, "role");
        }
        QCOMPARE(roles, (QStringList{u"user"_s, u"assistant"_s, u"system"_s, u"user"_s, u"assistant"_s}));
        const boost::json::value& call = messages.at(1).at("tool_calls").at(0);
        verifyKeys(call, {u"id"_s, u"name"_s, u"input"_s, u"output"_s, u"status"_s});
        QCOMPARE(json::string(call, "name"), u"run_in_terminal"_s);
        verifyKeys(v.at("metadata"), {u"model"_s, u"total_tokens"_s, u"files_referenced"_s});
        QCOMPARE(json::integer(v.at("metadata"), "total_tokens"), std::optional<qint64>(2044));

        for (const QString& id : {u"copilot:bbbb"_s, u"bbbb2222-3333-4444-8555-666677778888"_s, u"cursor:c0"_s}) {
            QCOMPARE(chasmRun(m_home, {u"show"_s, u"s"_s, id, u"--json"_s}).exitCode, 0);
        }

        const Run text = chasmRun(m_home, {u"info"_s, u"session"_s, u"bbbb"_s});
        QVERIFY(text.out.contains(u"never restarts the service"_s));
        QVERIFY(text.err.contains(u"line 10 is incomplete"_s));
    }

    void sessionIdErrors()
    {
        const Run ambiguous = chasmRun(m_home, {u"show"_s, u"session"_s, u"copilot:"_s});
        QCOMPARE(ambiguous.exitCode, 1);
        QVERIFY(ambiguous.err.startsWith(u"chasm: session id 'copilot:' is ambiguous; it matches:\n  copilot:"_s));
        QVERIFY(ambiguous.err.contains(u"Deploy script review"_s));

        const Run none = chasmRun(m_home, {u"show"_s, u"session"_s, u"zzz"_s});
        QCOMPARE(none.exitCode, 1);
        QCOMPARE(none.err.trimmed(), u"chasm: no session matches 'zzz' (try `chasm list sessions`)"_s);

        const Run broken = chasmRun(m_home, {u"show"_s, u"session"_s, u"ffff"_s});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains(u"ffff6666-7777-4888-8999-aaaabbbbcccc.json: not valid JSON"_s),
                 qPrintable(broken.err));
    }

    // A log whose damage only its whole requests show prints the error alone: no cut-off document, no header.
    void showDamagedLog_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("json") << QStringList{u"--json"_s};
        QTest::newRow("text") << QStringList();
    }
    void showDamagedLog()
    {
        QFETCH(QStringList, options);
        const test::FixtureHome home;
        QVERIFY(home.isValid());
        const QString damaged =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"
                      "dada0000-1111-4222-8333-444455556666.jsonl"_s);
        QVERIFY(test::writeFile(damaged, test::readAll(QStringLiteral(CHASM_TEST_DATA_DIR) +
                                                       u"/vscode/snippets/damaged-below-a-request.jsonl"_s)));
        const Run run = chasmRun(home, QStringList{u"show"_s, u"session"_s, u"dada"_s} + options);
        QCOMPARE(run.err,
                 u"chasm: cannot read %1: line 4: no value at .requests[1].response[5].value\n"_s.arg(damaged));
        QCOMPARE(run.out, QString());
        QCOMPARE(run.exitCode, 1);
    }

    void showWorkspace()
    {
        for (const QString& name : {u"5d41"_s, u"code:5d41402abc4b2a76b9719d911017c592"_s}) {
            const Run run = chasmRun(m_home, {u"show"_s, u"workspace"_s, name, u"--json"_s});
            QCOMPARE(run.exitCode, 0);
            const boost::json::value v = run.json();
            verifyKeys(v, workspaceKeys);
            QCOMPARE(json::string(v, "project_path"), m_project);
            QCOMPARE(v.at("sessions").as_array().size(), std::size_t(4));
        }
        // VS Code and Cursor both have a "web app" workspace.
        const Run ambiguous = chasmRun(m_home, {u"show"_s, u"workspace"_s, u"web app"_s});
        QCOMPARE(ambiguous.exitCode, 1);
        QVERIFY(ambiguous.err.contains(u"code:5d41402abc4b2a76b9719d911017c592"_s));
        QVERIFY(ambiguous.err.contains(u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s));

        const Run text = chasmRun(m_home, {u"show"_s, u"ws"_s, u"mono"_s});
        QVERIFY(text.out.contains(u"kind:          multi-root"_s));
    }

    void showIndex()
    {
        const Run run = chasmRun(m_home, {u"show"_s, u"index"_s, u"--path"_s, m_project, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value result = run.json();
        const boost::json::array& workspaces = result.as_array();
        QCOMPARE(workspaces.size(), std::size_t(2)); // VS Code and Cursor
        for (const boost::json::value& w : workspaces) {
            verifyKeys(w, {u"workspace"_s, u"database"_s, u"error"_s, u"entries"_s});
            QVERIFY(w.at("error").is_null());
        }
        const boost::json::value& code =
            json::string(workspaces.at(0).at("workspace"), "editor") == u"code"_s ? workspaces.at(0) : workspaces.at(1);
        const boost::json::array& entries = code.at("entries").as_array();
        QCOMPARE(entries.size(), std::size_t(5));
        const boost::json::value& first = entries.at(0);
        verifyKeys(first, {u"sessionId"_s, u"title"_s, u"lastMessageDate"_s, u"timing"_s, u"initialLocation"_s,
                           u"isEmpty"_s, u"lastResponseState"_s, u"file"_s, u"problems"_s});
        QVERIFY(first.at("problems").as_array().empty());
        const boost::json::value& deploy = entries.at(1);
        QCOMPARE(json::string(deploy.at("problems").at(0), "code"), u"is_empty_mismatch"_s);
        QVERIFY(!json::string(deploy.at("problems").at(0), "message").isEmpty());

        const Run all = chasmRun(m_home, {u"show"_s, u"idx"_s, u"--all"_s});
        QCOMPARE(all.exitCode, 0);
        QVERIFY(all.out.contains(u"is_empty_mismatch,cancelled"_s));
        QVERIFY(all.out.contains(u"The index lists this session but its file is gone"_s));
    }

    void showPath()
    {
        const Run run = chasmRun(m_home, {u"show"_s, u"path"_s, m_project, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value v = run.json();
        verifyKeys(v, {u"path"_s, u"workspaces"_s, u"sessions"_s});
        QCOMPARE(v.at("workspaces").as_array().size(), std::size_t(2));
        QCOMPARE(v.at("sessions").as_array().size(), std::size_t(5));
    }

    void findCommands()
    {
        const Run ws = chasmRun(m_home, {u"find"_s, u"workspace"_s, u"WEB"_s, u"--json"_s});
        QCOMPARE(ws.exitCode, 0);
        QCOMPARE(ids(ws.json()), (QStringList{u"code:5d41402abc4b2a76b9719d911017c592"_s,
                                              u"cursor:c4ca4238a0b923820dcc509a6f75849b"_s}));

        const Run title = chasmRun(m_home, {u"find"_s, u"session"_s, u"deploy"_s, u"--json"_s});
        QCOMPARE(ids(title.json()), QStringList{u"copilot:bbbb2222-3333-4444-8555-666677778888"_s});

        const Run content = chasmRun(m_home, {u"find"_s, u"s"_s, u"LRU keyed"_s, u"--content"_s, u"--json"_s});
        QCOMPARE(ids(content.json()), QStringList{u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s});
        const Run titleOnly = chasmRun(m_home, {u"find"_s, u"s"_s, u"LRU keyed"_s, u"-t"_s, u"-c"_s, u"--json"_s});
        QVERIFY(titleOnly.json().as_array().empty());

        const Run dated = chasmRun(m_home, {u"find"_s, u"session"_s, u"--after"_s, u"2026-01-19"_s, u"--before"_s,
                                            u"2026-01-20"_s, u"--json"_s});
        QCOMPARE(ids(dated.json()), (QStringList{u"copilot:12121212-3434-4565-8787-909090909090"_s,
                                                 u"copilot:34343434-5656-4787-8989-010101010101"_s,
                                                 u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s}));

        const Run limited = chasmRun(m_home, {u"find"_s, u"session"_s, u"-n"_s, u"2"_s, u"--json"_s});
        QCOMPARE(limited.json().as_array().size(), std::size_t(2));
    }

    // find session --date: by the messages' own times, not the sessions' first and last activity; find path: one
    // project's sessions, every tool's.
    void findByMessageDateAndPath()
    {
        const auto found = [this](const QStringList& args) {
            const Run run = chasmRun(m_home, args + QStringList{u"--json"_s});
            return run.exitCode == 0 ? ids(run.json()) : QStringList{run.err};
        };
        QCOMPARE(found({u"find"_s, u"session"_s, u"--date"_s, u"2026-01-16"_s}),
                 QStringList{u"copilot:bbbb2222-3333-4444-8555-666677778888"_s});
        QCOMPARE(found({u"find"_s, u"session"_s, u"--date"_s, u"2026-01-20"_s}),
                 (QStringList{u"copilot:12121212-3434-4565-8787-909090909090"_s,
                              u"copilot:34343434-5656-4787-8989-010101010101"_s}));
        // Its messages are on the 19th: --after 2026-01-19 --before 2026-01-20 finds it, --date 2026-01-20 does not.
        QCOMPARE(found({u"find"_s, u"session"_s, u"--date"_s, u"2026-01-19"_s}),
                 QStringList{u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s});
        QVERIFY(found({u"find"_s, u"session"_s, u"--date"_s, u"2025-06-01"_s}).isEmpty());
        const Run bad = chasmRun(m_home, {u"find"_s, u"session"_s, u"--date"_s, u"soon"_s});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"--date"_s), qPrintable(bad.err));

        const QStringList project = found({u"find"_s, u"path"_s, u"--project-path"_s, m_project});
        QCOMPARE(project.size(), 5);
        QCOMPARE(found({u"find"_s, u"path"_s, u"deploy"_s, u"--project-path"_s, m_project}),
                 QStringList{u"copilot:bbbb2222-3333-4444-8555-666677778888"_s});
        // The Cursor session of the 19th is in this project too; the sessions of the 20th are not.
        QVERIFY(project.contains(u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s));
        QVERIFY(!project.contains(u"copilot:12121212-3434-4565-8787-909090909090"_s));
        QVERIFY(found({u"find"_s, u"path"_s, u"deploy"_s, u"--project-path"_s, m_home.path() + u"/dev"_s}).isEmpty());
    }

    void timelineByProvider()
    {
        const auto timeline = [this](const QStringList& options) {
            const Run run = chasmRun(m_home, QStringList{u"show"_s, u"timeline"_s, m_project, u"--json"_s} + options);
            const boost::json::value v = run.json();
            QStringList providers;
            for (const boost::json::value& s : v.at("sessions").as_array()) {
                providers << json::string(s, "provider");
            }
            return providers;
        };
        const QStringList every = timeline({});
        QVERIFY2(every.contains(u"copilot"_s) && every.contains(u"cursor"_s), qPrintable(every.join(u' ')));
        QCOMPARE(timeline({u"-p"_s, u"cursor"_s}), QStringList{u"cursor"_s});
        QCOMPARE(timeline({u"--provider"_s, u"vscode"_s}), every.filter(u"copilot"_s));
        QCOMPARE(timeline({u"--agents"_s}), every);
        QCOMPARE(timeline({u"-a"_s, u"--all-providers"_s}), every);
    }

    void detectSession()
    {
        const Run run = chasmRun(m_home, {u"detect"_s, u"session"_s, u"bbbb"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value v = run.json();
        verifyKeys(v, summaryKeys + QStringList{u"provider_name"_s});
        QCOMPARE(json::string(v, "id"), u"copilot:bbbb2222-3333-4444-8555-666677778888"_s);
        QCOMPARE(json::string(v, "provider"), u"copilot"_s);
        QVERIFY(json::string(v, "path").endsWith(u"/chatSessions/bbbb2222-3333-4444-8555-666677778888.jsonl"_s));

        const Run text = chasmRun(m_home, {u"detect"_s, u"session"_s, u"c0c0"_s, u"--path"_s, m_project});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"Provider:  cursor (Cursor)"_s), qPrintable(text.out));
        QVERIFY2(text.out.contains(u"File:      "_s + m_home.path() + u"/.config/Cursor/"_s), qPrintable(text.out));

        // Not in that project's workspaces; no such session at all.
        QCOMPARE(chasmRun(m_home, {u"detect"_s, u"session"_s, u"1212"_s, u"--path"_s, m_project}).exitCode, 1);
        const Run none = chasmRun(m_home, {u"detect"_s, u"session"_s, u"zzz"_s});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(u"zzz"_s), qPrintable(none.err));
    }

    void recoverStatusSystem()
    {
        const Run plain = chasmRun(m_home, {u"recover"_s, u"status"_s, u"--json"_s});
        QVERIFY(!plain.json().as_object().contains("editors"));

        const Run run = chasmRun(m_home, {u"recover"_s, u"status"_s, u"--system"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::array editors = run.json().at("editors").as_array();
        QCOMPARE(editors.size(), std::size_t(5));
        for (const boost::json::value& e : editors) {
            verifyKeys(e, {u"editor"_s, u"name"_s, u"user_directory"_s, u"found"_s, u"running"_s, u"workspaces"_s,
                           u"free_bytes"_s, u"advice"_s});
            const QString id = json::string(e, "editor");
            QCOMPARE(e.at("found").as_bool(), id == u"code"_s || id == u"cursor"_s);
            QCOMPARE(e.at("running").as_bool(), false);
            QCOMPARE(e.at("free_bytes").is_int64(), e.at("found").as_bool());
        }
        QCOMPARE(editors.at(0).at("workspaces").as_int64(), 4);

        const Run cursor = chasmRun(m_home, {u"recover"_s, u"status"_s, u"--provider"_s, u"cursor"_s, u"--system"_s});
        QCOMPARE(cursor.exitCode, 0);
        QVERIFY2(cursor.out.startsWith(u"Cursor: not running, 1 workspace(s)\n"_s), qPrintable(cursor.out));
        QVERIFY2(!cursor.out.contains(u"VS Code"_s), qPrintable(cursor.out));
    }

    void harvestScanVerbose()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"h.db"_s);
        const Run quiet = chasmRun(m_home, {u"harvest"_s, u"scan"_s, u"--path"_s, db});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY(!quiet.out.contains(u"Where each provider looked"_s));
        const Run verbose = chasmRun(m_home, {u"harvest"_s, u"scan"_s, u"--path"_s, db, u"-v"_s});
        QCOMPARE(verbose.exitCode, 0);
        QVERIFY2(verbose.out.contains(u"Where each provider looked:\n"_s), qPrintable(verbose.out));
        QVERIFY2(verbose.out.contains(u"missing "_s + m_home.path() + u"/.config/Windsurf/User"_s),
                 qPrintable(verbose.out));
        const Run json = chasmRun(m_home, {u"harvest"_s, u"scan"_s, u"--path"_s, db, u"--verbose"_s, u"--json"_s});
        QCOMPARE(json.json().at("providers").as_array().size(), std::size_t(ProviderRegistry::standard().all().size()));
    }

    void recoverScanVerbose()
    {
        const Run quiet = chasmRun(m_home, {u"recover"_s, u"scan"_s});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY(!quiet.out.contains(u"Looked in:"_s));
        const Run verbose = chasmRun(m_home, {u"recover"_s, u"scan"_s, u"-v"_s});
        QCOMPARE(verbose.exitCode, 0);
        QVERIFY2(verbose.out.startsWith(u"Looked in:\n"_s), qPrintable(verbose.out));
        QVERIFY2(verbose.out.contains(u"missing "_s + m_home.path() + u"/.config/Windsurf/User"_s),
                 qPrintable(verbose.out));
        QVERIFY2(verbose.out.contains(u"found   "_s + m_home.path() + u"/.config/Code/User"_s),
                 qPrintable(verbose.out));
        const Run cursor = chasmRun(m_home, {u"recover"_s, u"scan"_s, u"--provider"_s, u"cursor"_s, u"--verbose"_s});
        QVERIFY2(cursor.out.contains(u"/.config/Cursor/User"_s), qPrintable(cursor.out));
        QVERIFY2(!cursor.out.contains(u"/.config/Code/User"_s), qPrintable(cursor.out));
    }

    void detectCommands()
    {
        const Run ws = chasmRun(m_home, {u"detect"_s, u"workspace"_s, m_project, u"--json"_s});
        QCOMPARE(ws.exitCode, 0);
        const boost::json::value v = ws.json();
        verifyKeys(v, {u"path"_s, u"found"_s, u"active_workspace"_s, u"workspaces"_s});
        QCOMPARE(v.at("found").as_bool(), true);
        QCOMPARE(v.at("workspaces").as_array().size(), std::size_t(2));

        const Run none = chasmRun(m_home, {u"detect"_s, u"workspace"_s, u"/no/such/project"_s, u"--json"_s});
        QCOMPARE(none.json().at("found").as_bool(), false);
        QVERIFY(none.json().at("active_workspace").is_null());

        const Run all = chasmRun(m_home, {u"detect"_s, u"all"_s, m_project, u"--json"_s});
        QCOMPARE(all.exitCode, 0);
        const boost::json::value a = all.json();
        verifyKeys(a, {u"path"_s, u"active_workspace"_s, u"workspaces"_s, u"providers"_s, u"sessions"_s});
        QCOMPARE(a.at("providers").as_array().size(), std::size_t(ProviderRegistry::standard().all().size()));
        verifyKeys(a.at("providers").at(0), {u"id"_s, u"name"_s, u"storage_locations"_s, u"has_data"_s,
                                             u"workspace_count"_s, u"session_count"_s});
        QCOMPARE(a.at("sessions").as_array().size(), std::size_t(5));

        const Run verbose = chasmRun(m_home, {u"detect"_s, u"all"_s, m_project, u"--verbose"_s});
        QVERIFY(verbose.out.contains(u"missing "_s + m_home.path() + u"/.config/Windsurf/User"_s));
    }

    void providersAndAgents()
    {
        // A fake `claude` on the PATH: Chasm finds programs the way a shell does.
        QTemporaryDir bin;
        QFile claude(bin.filePath(u"claude"_s));
        QVERIFY(claude.open(QIODevice::WriteOnly));
        claude.write("#!/bin/sh\n");
        claude.close();
        QVERIFY(claude.setPermissions(claude.permissions() | QFileDevice::ExeOwner));
        const Environment environment =
            Environment::fromVariables({{u"HOME"_s, m_home.path()}, {u"PATH"_s, bin.path()}}, Platform::Linux);

        const Run list = chasmRun(environment, {u"provider"_s, u"list"_s, u"--json"_s});
        QCOMPARE(list.exitCode, 0);
        const boost::json::value providers = list.json();
        QCOMPARE(providers.as_array().size(), std::size_t(ProviderRegistry::standard().all().size()));
        for (const boost::json::value& p : providers.as_array()) {
            verifyKeys(p, {u"id"_s, u"name"_s, u"aliases"_s, u"storage_locations"_s, u"has_data"_s,
                           u"workspace_count"_s, u"session_count"_s, u"commands"_s, u"installed"_s});
            if (json::string(p, "id") == u"copilot"_s) {
                QCOMPARE(p.at("has_data").as_bool(), true);
                QCOMPARE(json::integer(p, "session_count"), std::optional<qint64>(7));
            }
        }

        const Run agents = chasmRun(environment, {u"list"_s, u"agents"_s, u"--json"_s});
        QStringList agentIds;
        const boost::json::value agentList = agents.json();
        for (const boost::json::value& a : agentList.as_array()) {
            agentIds << json::string(a, "id");
            if (json::string(a, "id") == u"claude-code"_s) {
                QCOMPARE(a.at("installed").as_bool(), true);
                QCOMPARE(json::string(a.at("commands").at(0), "path"), bin.filePath(u"claude"_s));
            } else {
                QCOMPARE(a.at("installed").as_bool(), false);
            }
        }
        QVERIFY(agentIds.contains(u"codex"_s));
        QVERIFY(agentIds.contains(u"cursor"_s)); // through cursor-agent
        QVERIFY(!agentIds.contains(u"copilot"_s));
        QVERIFY(!agentIds.contains(u"windsurf"_s));

        const Run detected = chasmRun(environment, {u"detect"_s, u"providers"_s, u"--with-sessions"_s, u"--json"_s});
        std::size_t sessions = 0;
        const boost::json::value detectedList = detected.json();
        for (const boost::json::value& p : detectedList.as_array()) {
            sessions += p.at("sessions").as_array().size();
        }
        QCOMPARE(sessions, std::size_t(8));
    }

    void harvestCommands()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"h.db"_s);
        const Run init = chasmRun(m_home, {u"harvest"_s, u"init"_s, u"--path"_s, db, u"--json"_s});
        QCOMPARE(init.exitCode, 0);
        QCOMPARE(json::string(init.json(), "database"), db);

        const Run run = chasmRun(m_home, {u"--db"_s, db, u"harvest"_s, u"run"_s, u"--providers"_s, u"copilot,cursor"_s,
                                          u"--exclude"_s, u"cursor"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 3); // finished, with a session that could not be read
        const boost::json::value summary = run.json();
        verifyKeys(summary, {u"new"_s, u"updated"_s, u"unchanged"_s, u"failed"_s, u"sessions_total"_s, u"seconds"_s,
                             u"errors"_s});
        QCOMPARE(json::integer(summary, "new"), std::optional<qint64>(6));
        QCOMPARE(json::integer(summary, "failed"), std::optional<qint64>(1));
        verifyKeys(summary.at("errors").at(0), {u"path"_s, u"error"_s});
        // The failure is not retried until its file changes: nothing failed this time.
        const Run again = chasmRun(m_home, {u"--db"_s, db, u"harvest"_s, u"run"_s, u"--providers"_s, u"copilot"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.startsWith(u"0 new, 0 updated, 7 unchanged, 0 failed in "_s), qPrintable(again.out));

        const Run status = chasmRun(m_home, {u"harvest"_s, u"status"_s, u"--path"_s, db, u"--json"_s});
        const boost::json::value s = status.json();
        verifyKeys(s, {u"database"_s, u"size_bytes"_s, u"sessions"_s, u"messages"_s, u"by_provider"_s, u"last_run"_s,
                       u"failures"_s});
        QCOMPARE(json::integer(s.at("by_provider"), "copilot"), std::optional<qint64>(6));
        QVERIFY(!s.at("by_provider").as_object().contains("cursor"));

        const Run search = chasmRun(m_home, {u"harvest"_s, u"search"_s, u"rollback"_s, u"--path"_s, db, u"--role"_s,
                                             u"assistant"_s, u"--json"_s});
        QCOMPARE(search.exitCode, 0);
        const boost::json::value hits = search.json();
        QCOMPARE(hits.as_array().size(), std::size_t(1));
        verifyKeys(hits.at(0), {u"session_id"_s, u"provider"_s, u"title"_s, u"project_path"_s, u"message_index"_s,
                                u"role"_s, u"timestamp"_s, u"snippet"_s, u"score"_s});
        QVERIFY(json::string(hits.at(0), "snippet").contains(u"[rollback]"_s));
        const Run bad = chasmRun(m_home, {u"harvest"_s, u"search"_s, u"*"_s, u"--path"_s, db});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.startsWith(u"chasm: search: the query"_s));

        const Run elsewhere = chasmRun(m_home, {u"harvest"_s, u"search"_s, u"rollback"_s, u"--path"_s, db,
                                                u"--workspace"_s, u"no-such-project"_s, u"--json"_s});
        QVERIFY(elsewhere.json().as_array().empty());
        const Run inProject = chasmRun(m_home, {u"harvest"_s, u"search"_s, u"rollback"_s, u"--path"_s, db,
                                                u"--workspace"_s, QFileInfo(m_project).fileName(), u"--json"_s});
        QCOMPARE(inProject.json().as_array().size(), std::size_t(2));
        const Run exhaustive = chasmRun(m_home, {u"harvest"_s, u"search"_s, u"rollback"_s, u"--path"_s, db,
                                                 u"--exhaustive"_s, u"--role"_s, u"assistant"_s, u"--json"_s});
        QCOMPARE(exhaustive.exitCode, 0);
        // Few matches: ranked either way (the scores' recency boost moves with the clock).
        const auto withoutScores = [](boost::json::value v) {
            for (boost::json::value& hit : v.as_array()) {
                hit.as_object().erase("score");
            }
            return v;
        };
        QCOMPARE(withoutScores(exhaustive.json()), withoutScores(hits));
    }

    // A query is read as a person means it (SearchQuery); its words may be several arguments, and after -- one that
    // starts with - leaves a word out instead of being taken for an option.
    void harvestSearchQueries()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"h.db"_s);
        QCOMPARE(chasmRun(m_home, {u"--db"_s, db, u"harvest"_s, u"run"_s, u"--providers"_s, u"copilot"_s}).exitCode, 3);
        const auto search = [&](const QStringList& args) {
            return chasmRun(m_home, QStringList{u"harvest"_s, u"search"_s, u"--path"_s, db, u"--json"_s} + args);
        };
        const auto messages = [](const Run& run) {
            QStringList found;
            const boost::json::value hits = run.json();
            for (const boost::json::value& hit : hits.as_array()) {
                found << json::string(hit, "session_id").section(u'-', -1) + u'#' +
                             QString::number(*json::integer(hit, "message_index"));
            }
            found.sort();
            return found;
        };
        const Run rollback = search({u"rollback"_s});
        QCOMPARE(rollback.exitCode, 0);
        QCOMPARE(messages(rollback).size(), 2);
        QCOMPARE(messages(search({u"rollback OR"_s})), messages(rollback));
        QCOMPARE(messages(search({u"OR"_s, u"rollback"_s, u"AND"_s})), messages(rollback));
        const QStringList withSymlink = messages(search({u"rollback"_s, u"symlink"_s}));
        QCOMPARE(withSymlink.size(), 1);
        const Run without = search({u"--"_s, u"rollback"_s, u"-symlink"_s});
        QCOMPARE(without.exitCode, 0);
        QCOMPARE(messages(without).size(), 1);
        QVERIFY(messages(without) != withSymlink);
        QCOMPARE(messages(search({u"--"_s, u"rollback"_s, u"NOT"_s, u"symlink"_s})), messages(without));

        const Run onlyOut = search({u"--"_s, u"-rollback"_s});
        QCOMPARE(onlyOut.exitCode, 1);
        QCOMPARE(onlyOut.err, u"chasm: search: NOT rollback only says what to leave out; add a word to look for, as "
                              "in: koala NOT rollback\n"_s);
        QCOMPARE(search({u"NOT rollback"_s}).err, onlyOut.err);
        const Run dashed = search({u"-rollback"_s});
        QCOMPARE(dashed.exitCode, 2);
        QVERIFY2(dashed.err.endsWith(u"A query that starts with - comes after --, as in: chasm harvest search -- "
                                     "-word\n"_s),
                 qPrintable(dashed.err));
        QVERIFY(!search({u"-n"_s}).err.contains(u"comes after --"_s));
        const QString noWord =
            u"chasm: search: the query has no word to look for: type a word, a \"phrase\" or a prefix like auth*\n"_s;
        QCOMPARE(search({u"()"_s}).err, noWord);
        const Run listed = chasmRun(m_home, {u"harvest"_s, u"list"_s, u"--path"_s, db, u"--search"_s, u"*"_s});
        QCOMPARE(listed.exitCode, 1);
        QCOMPARE(listed.err, noWord);
    }

    // Every numeric option says in our words what it takes (CLI11's own message gave a range up to 1.8e308).
    void numericOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("find session") << QStringList{u"find"_s, u"session"_s, u"x"_s, u"-n"_s, u"0"_s}
                                      << u"--limit: must be at least 1, got '0'"_s;
        QTest::newRow("harvest search") << QStringList{u"harvest"_s, u"search"_s, u"x"_s, u"-n"_s, u"0"_s}
                                        << u"--limit: must be at least 1, got '0'"_s;
        QTest::newRow("harvest list") << QStringList{u"harvest"_s, u"list"_s, u"--limit"_s, u"-3"_s}
                                      << u"--limit: must be at least 1, got '-3'"_s;
        QTest::newRow("not a number") << QStringList{u"harvest"_s, u"list"_s, u"-n"_s, u"ten"_s}
                                      << u"--limit: must be a whole number of at least 1, got 'ten'"_s;
        QTest::newRow("text after") << QStringList{u"harvest"_s, u"list"_s, u"-n"_s, u"5x"_s}
                                    << u"--limit: must be a whole number of at least 1, got '5x'"_s;
        QTest::newRow("too large") << QStringList{u"harvest"_s, u"list"_s, u"-n"_s, u"99999999999"_s}
                                   << u"--limit: must be at most 2147483647, got '99999999999'"_s;
        QTest::newRow("gap days") << QStringList{u"show"_s, u"timeline"_s, u"--gap-days"_s, u"0"_s}
                                  << u"--gap-days: must be at least 1, got '0'"_s;
        QTest::newRow("depth") << QStringList{u"register"_s, u"recursive"_s, u"--depth"_s, u"-1"_s}
                               << u"--depth: must be at least 0, got '-1'"_s;
        QTest::newRow("keep") << QStringList{u"recover"_s, u"split"_s, u"x"_s, u"--keep"_s, u"0"_s}
                              << u"--keep: must be at least 1, got '0'"_s;
        QTest::newRow("checkpoint") << QStringList{u"harvest"_s, u"revert"_s, u"x"_s, u"0"_s}
                                    << u"checkpoint: must be at least 1, got '0'"_s;
    }

    void numericOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const Run run = chasmRun(m_home, args);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.section(u'\n', 0, 0), error);
    }

    // --after and --before take a date or a whole ISO 8601 date and time; text after either is a usage error, not
    // ignored.
    void dateOptions_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        for (const QString& option : {u"--after"_s, u"--before"_s}) {
            const auto row = [&option](const QString& value, bool accepted) {
                QTest::addRow("%s %s", qPrintable(option), qPrintable(QString(value).replace(u'\n', u"\\n"_s)))
                    << option << value << accepted;
            };
            row(u"2026-12-04"_s, true);
            row(u"2026-12-04T10:30"_s, true);
            row(u"2026-12-04T10:30:15Z"_s, true);
            row(u"2026-12-04T10:30:15.250+02:00"_s, true);
            row(u"2026-12-04xyz"_s, false);
            row(u"2026-12-04T99:99"_s, false);
            row(u"2026-12-04T10"_s, false);
            row(u"2026-12-04 "_s, false);
            row(u"2026-12-04\n"_s, false);
            row(u"2026-13-01"_s, false);
            row(u"2026-02-30"_s, false);
            row(u"2026-1-4"_s, false);
            row(u"20261204"_s, false);
            row(u"yesterday"_s, false);
        }
    }

    void dateOptions()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        for (const QStringList& command :
             {QStringList{u"find"_s, u"session"_s, u"x"_s},
              QStringList{u"harvest"_s, u"search"_s, u"x"_s, u"--path"_s, dir.filePath(u"h.db"_s)}}) {
            const Run run = chasmRun(m_home, command + QStringList{option, value});
            QCOMPARE(run.exitCode, accepted ? 0 : 2);
            if (!accepted) {
                const QString error = u"%1: expects a date as YYYY-MM-DD or a date and time as "
                                      "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], got '%2'\n"_s.arg(option, value);
                QVERIFY2(run.err.startsWith(error), qPrintable(run.err));
                QVERIFY(!QFileInfo::exists(dir.filePath(u"h.db"_s)));
            }
        }
    }

    // A date and time is used to the second: two sessions of the same day are told apart.
    void dateTimeFilters()
    {
        const Run dated = chasmRun(m_home, {u"find"_s, u"session"_s, u"--after"_s, u"2026-01-20T10:00:00Z"_s,
                                            u"--before"_s, u"2026-01-20T12:00:00Z"_s, u"--json"_s});
        QCOMPARE(dated.exitCode, 0);
        QCOMPARE(ids(dated.json()), QStringList{u"copilot:34343434-5656-4787-8989-010101010101"_s});
    }

    // A transcript cut short by a crash is not taken: the stored messages stay (in a checkpoint too), and the run
    // says so, in words on stderr and in --json.
    void harvestKeepsWhatShrank()
    {
        test::FixtureHome home(u"claude-code"_s);
        QTemporaryDir dir;
        const QString db = dir.filePath(u"h.db"_s);
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s, u"--path"_s, db}).exitCode, 0);
        const QString id = u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;
        const QString transcript =
            home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        const QByteArray bytes = test::readAll(transcript);
        QVERIFY(test::writeFile(transcript, bytes.left(bytes.size() * 40 / 100)));

        const Run run = chasmRun(home, {u"harvest"_s, u"run"_s, u"--path"_s, db, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value summary = run.json();
        verifyKeys(summary, {u"new"_s, u"updated"_s, u"unchanged"_s, u"failed"_s, u"errors"_s, u"shrunk"_s,
                             u"shrunk_sessions"_s});
        QCOMPARE(json::integer(summary, "updated"), std::optional<qint64>(0));
        QCOMPARE(json::integer(summary, "shrunk"), std::optional<qint64>(1));
        const boost::json::value& shrunk = summary.at("shrunk_sessions").at(0);
        QCOMPARE(json::string(shrunk, "session_id"), id);
        QCOMPARE(json::string(shrunk, "path"), transcript);
        QCOMPARE(json::integer(shrunk, "stored_messages"), std::optional<qint64>(4));
        QCOMPARE(json::integer(shrunk, "source_messages"), std::optional<qint64>(2));
        QCOMPARE(json::integer(shrunk, "checkpoint"), std::optional<qint64>(1));
        QCOMPARE(json::string(shrunk, "message"),
                 u"source shrank: kept the 4 stored messages (the source now has 2)"_s);
        const Run show = chasmRun(home, {u"harvest"_s, u"checkpoints"_s, id, u"--path"_s, db, u"--json"_s});
        QCOMPARE(json::integer(show.json().at(0), "message_count"), std::optional<qint64>(5));

        // In words; read again once changed, and still kept.
        QVERIFY(test::writeFile(transcript, bytes.left(bytes.size() * 30 / 100)));
        const Run words = chasmRun(home, {u"harvest"_s, u"run"_s, u"--path"_s, db});
        QCOMPARE(words.exitCode, 0);
        QCOMPARE(words.err, u"source shrank: kept the 4 stored messages (the source now has 2): %1 (%2), also in "
                            "checkpoint 1\n"_s.arg(id, transcript));
        QVERIFY2(
            words.out.startsWith(u"0 new, 0 updated, 2 unchanged, 0 failed, 1 kept as stored (source shrank) in "_s),
            qPrintable(words.out));
        const Run stored = chasmRun(home, {u"harvest"_s, u"list"_s, u"--path"_s, db, u"--json"_s});
        std::optional<qint64> messages;
        const boost::json::value list = stored.json();
        for (const boost::json::value& session : list.as_array()) {
            if (json::string(session, "id") == id) {
                messages = json::integer(session, "message_count");
            }
        }
        QCOMPARE(messages, std::optional<qint64>(4));
    }

    // --db takes Chasm's database or a new one: another application's database is refused and left as it was (it
    // had 23 tables added and its log folded in), and so are a FIFO (SQLite waited on it forever) and a URL (a
    // folder "postgresql:" was made in the current directory; harvest scan does not work on a team database yet),
    // whether from --db or $CHASM_DB.
    void harvestDatabaseRefusals()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString other = home.file(u".local/share/opencode/opencode.db"_s);
        QVERIFY(QDir().mkpath(QFileInfo(other).absolutePath()));
        QVERIFY(test::FixtureHome::runScript(
            other, "PRAGMA journal_mode=WAL;\nCREATE TABLE session (id TEXT);\nCREATE TABLE message (id TEXT);\n"));
        const QMap<QString, QByteArray> before = test::fileTree(QFileInfo(other).absolutePath());
        const Run refused = chasmRun(home, {u"--db"_s, other, u"harvest"_s, u"run"_s});
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.err, u"chasm: %1 is not a Chasm database (it holds other tables: message, session); it was "
                              "left as it is\n"_s.arg(other));
        QCOMPARE(test::fileTree(QFileInfo(other).absolutePath()), before);

        const QMap<QString, QByteArray> homeBefore = test::fileTree(home.path());
        const Run postgres =
            chasmRun(home, {u"--db"_s, u"postgresql://me:secret@db.example/chasm"_s, u"harvest"_s, u"scan"_s});
        QCOMPARE(postgres.exitCode, 1);
        QVERIFY2(postgres.err.startsWith(
                     u"chasm: this command does not work on a team database yet: postgresql://me@db.example/chasm"_s),
                 qPrintable(postgres.err));
        const Environment configured = Environment::fromVariables(
            {{u"HOME"_s, home.path()}, {u"PWD"_s, home.path()}, {u"CHASM_DB"_s, u"postgres://db.example/chasm"_s}},
            Platform::Linux);
        const Run fromVariable = chasmRun(configured, {u"harvest"_s, u"rebuild"_s});
        QCOMPARE(fromVariable.exitCode, 1);
        QVERIFY2(fromVariable.err.startsWith(
                     u"chasm: this command does not work on a team database yet: postgres://db.example/chasm"_s),
                 qPrintable(fromVariable.err));
        QCOMPARE(test::fileTree(home.path()), homeBefore);

#ifdef Q_OS_UNIX
        const QString fifo = home.file(u"pipe.db"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const Run pipe = chasmRun(home, {u"--db"_s, fifo, u"harvest"_s, u"run"_s});
        QCOMPARE(pipe.exitCode, 1);
        QCOMPARE(pipe.err, u"chasm: cannot read %1: it is a FIFO (named pipe), not a regular file\n"_s.arg(fifo));
#endif
    }

    // scan says what a run would do; export writes files and never overwrites; checkpoints version a
    // session inside the database and revert puts one back, undoably.
    void harvestScanExportAndCheckpoints()
    {
        test::FixtureHome home;
        QTemporaryDir dir;
        const QString db = dir.filePath(u"h.db"_s);
        const auto scanned = [&] {
            const boost::json::value scan =
                chasmRun(home, {u"harvest"_s, u"scan"_s, u"--path"_s, db, u"--json"_s}).json();
            for (const boost::json::value& p : scan.at("providers").as_array()) {
                if (json::string(p, "provider") == u"copilot"_s) {
                    verifyKeys(p,
                               {u"sessions"_s, u"new"_s, u"changed"_s, u"unchanged"_s, u"unreadable"_s, u"failed"_s});
                    return std::pair(json::integer(p, "new").value_or(-1), json::integer(p, "unchanged").value_or(-1));
                }
            }
            return std::pair(qint64(-1), qint64(-1));
        };
        QCOMPARE(scanned(), std::pair(qint64(6), qint64(0)));
        QCOMPARE(chasmRun(home, {u"--db"_s, db, u"harvest"_s, u"run"_s, u"--providers"_s, u"copilot"_s}).exitCode, 3);
        QCOMPARE(scanned(), std::pair(qint64(0), qint64(6))); // and the unreadable one is "failed", not retried

        // Export: a folder of files named by date, title and id; a single file; nothing overwritten.
        const QString folder = dir.filePath(u"out"_s);
        const Run md = chasmRun(home, {u"harvest"_s, u"export"_s, folder, u"--path"_s, db, u"--format"_s, u"md"_s,
                                       u"--sessions"_s, u"copilot:bbbb2222"_s, u"--json"_s});
        QCOMPARE(md.exitCode, 0);
        QCOMPARE(md.json().at("files").as_array().size(), std::size_t(1));
        const QString written = QString::fromStdString(std::string(md.json().at("files").at(0).as_string()));
        QVERIFY2(QFileInfo(written).fileName().contains(u"-deploy-script-review-bbbb2222.md"_s), qPrintable(written));
        const QString text = QString::fromUtf8(test::readAll(written));
        QVERIFY(text.startsWith(u"# Deploy script review\n"_s));
        QVERIFY(text.contains(u"rollback"_s));
        const Run again = chasmRun(home, {u"harvest"_s, u"export"_s, folder, u"--path"_s, db, u"--format"_s, u"md"_s,
                                          u"--sessions"_s, u"copilot:bbbb2222"_s, u"--json"_s});
        const QString second = QString::fromStdString(std::string(again.json().at("files").at(0).as_string()));
        QVERIFY(second.endsWith(u"-bbbb2222-2.md"_s));
        QCOMPARE(test::readAll(second), test::readAll(written));

        const QString all = dir.filePath(u"all.json"_s);
        const Run json = chasmRun(home, {u"harvest"_s, u"export"_s, all, u"--path"_s, db});
        QCOMPARE(json.exitCode, 0);
        boost::system::error_code ec;
        const boost::json::value sessions = boost::json::parse(test::readAll(all).toStdString(), ec);
        QVERIFY(!ec);
        QCOMPARE(sessions.as_array().size(), std::size_t(6));
        const Run refused = chasmRun(home, {u"harvest"_s, u"export"_s, all, u"--path"_s, db});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains(u"exists already"_s));

        const QString lines = dir.filePath(u"m.jsonl"_s);
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"export"_s, lines, u"--path"_s, db, u"-f"_s, u"jsonl"_s,
                                 u"--sessions"_s, u"copilot:bbbb2222"_s})
                     .exitCode,
                 0);
        const QList<QByteArray> messages = test::readAll(lines).trimmed().split('\n');
        QCOMPARE(messages.size(), 4);
        const boost::json::value first = boost::json::parse(messages.at(0).toStdString(), ec);
        verifyKeys(first, {u"session_id"_s, u"index"_s, u"role"_s, u"content"_s, u"timestamp"_s});

        // Checkpoints.
        const QStringList base{u"harvest"_s, u"--path"_s, db};
        const Run cp = chasmRun(
            home, {u"harvest"_s, u"checkpoint"_s, u"bbbb2222"_s, u"-m"_s, u"before"_s, u"--path"_s, db, u"--json"_s});
        QCOMPARE(cp.exitCode, 0);
        QCOMPARE(json::integer(cp.json(), "number"), std::optional<qint64>(1));
        QCOMPARE(json::integer(cp.json(), "message_count"), std::optional<qint64>(4));
        const Run none = chasmRun(home, {u"harvest"_s, u"revert"_s, u"bbbb2222"_s, u"9"_s, u"--path"_s, db});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.contains(u"has no checkpoint 9"_s));
        const Run reverted =
            chasmRun(home, {u"harvest"_s, u"revert"_s, u"bbbb2222"_s, u"1"_s, u"--path"_s, db, u"--json"_s});
        QCOMPARE(reverted.exitCode, 0);
        QCOMPARE(json::integer(reverted.json().at("saved_as"), "number"), std::optional<qint64>(2));
        const Run list = chasmRun(home, {u"harvest"_s, u"checkpoints"_s, u"bbbb2222"_s, u"--path"_s, db, u"--json"_s});
        QCOMPARE(list.json().as_array().size(), std::size_t(2));
        QCOMPARE(json::string(list.json().at(1), "message"), u"before revert to 1"_s);
    }

    // With a harvest database, content is found through its index, as it was found in the files.
    void findContentThroughIndex()
    {
        test::FixtureHome home;
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s}).exitCode, 3);
        const Run content = chasmRun(home, {u"find"_s, u"s"_s, u"LRU keyed"_s, u"--content"_s, u"--json"_s});
        QCOMPARE(ids(content.json()), QStringList{u"cursor:c0c0c0c0-1111-4222-8333-444455556666"_s});
        const Run prefix = chasmRun(home, {u"find"_s, u"s"_s, u"rollb"_s, u"--content"_s, u"--json"_s});
        QCOMPARE(ids(prefix.json()), QStringList{u"copilot:bbbb2222-3333-4444-8555-666677778888"_s});
    }

    // The real binary, as a user runs it.
    // register, repair, recover status and undo on a HOME of its own: they change it.
    void registerRepairAndUndo()
    {
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString storage = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s);
        const auto orphans = [&] {
            return ids(chasmRun(home, {u"list"_s, u"orphaned"_s, u"--path"_s, project, u"--json"_s}).json());
        };
        const auto before = test::fileTree(home.path());

        const Run dry = chasmRun(home, {u"register"_s, u"all"_s, u"--path"_s, project, u"--dry-run"_s, u"--json"_s});
        QCOMPARE(dry.exitCode, 0);
        const boost::json::value plan = dry.json();
        QVERIFY(plan.at("dry_run").as_bool());
        const boost::json::array& planned = plan.at("workspaces").as_array();
        QCOMPARE(planned.size(), std::size_t(2)); // VS Code and Cursor keep this project
        int wouldRegister = 0;
        for (const boost::json::value& w : planned) {
            verifyKeys(w, {u"workspace"_s, u"editor"_s, u"registered"_s, u"repaired"_s, u"unchanged"_s, u"changes"_s,
                           u"warnings"_s, u"recovery_point"_s, u"undo"_s});
            wouldRegister += int(w.at("registered").as_int64());
            QVERIFY(w.at("recovery_point").is_null());
        }
        QCOMPARE(wouldRegister, 1);
        QCOMPARE(test::fileTree(home.path()), before); // byte-identical

        const Run registered = chasmRun(home, {u"register"_s, u"all"_s, u"--path"_s, project});
        QCOMPARE(registered.exitCode, 0);
        QVERIFY2(registered.out.contains(u"registered \"New Chat\" (dddd4444-5555-4666-8777-888899990000)"_s),
                 qPrintable(registered.out));
        QVERIFY(registered.out.contains(u"holds no requests: registered, but the editor does not list empty"_s));
        QVERIFY(registered.out.contains(u"to undo: chasm recover undo"_s));
        QCOMPARE(orphans(), QStringList());

        const Run status = chasmRun(home, {u"recover"_s, u"status"_s, u"--json"_s});
        QCOMPARE(status.exitCode, 0);
        const boost::json::value recorded = status.json();
        const boost::json::array& points = recorded.at("recovery_points").as_array();
        QCOMPARE(points.size(), std::size_t(1));
        verifyKeys(points.at(0), {u"manifest"_s, u"operation"_s, u"created"_s, u"files"_s, u"changes"_s, u"undo"_s});
        const QString manifest = json::string(points.at(0), "manifest");
        QVERIFY2(manifest.startsWith(storage + u"/.chasm_recovery/"_s), qPrintable(manifest)); // the folder is gone

        const Run undo = chasmRun(home, {u"recover"_s, u"undo"_s, manifest});
        QCOMPARE(undo.exitCode, 0);
        QVERIFY(undo.out.contains(u"restored "_s + storage + u"/state.vscdb"_s));
        QCOMPARE(test::readAll(storage + u"/state.vscdb"_s),
                 before.value(QDir(home.path()).relativeFilePath(storage + u"/state.vscdb"_s)));
        QCOMPARE(orphans(), QStringList{u"copilot:dddd4444-5555-4666-8777-888899990000"_s});

        // Repair: the index matches the files afterwards; what it cannot fix it says.
        const Run repair = chasmRun(home, {u"register"_s, u"fix"_s, u"--path"_s, project, u"--json"_s});
        QCOMPARE(repair.exitCode, 0);
        const Run index = chasmRun(home, {u"show"_s, u"index"_s, u"--path"_s, project, u"--json"_s});
        const boost::json::value indexes = index.json();
        for (const boost::json::value& w : indexes.as_array()) {
            for (const boost::json::value& entry : w.at("entries").as_array()) {
                for (const boost::json::value& problem : entry.at("problems").as_array()) {
                    // cccc3333 has no file to fix from; ffff6666 is cut off mid-JSON (recover's work, not repair's).
                    const QString code = json::string(problem, "code");
                    QVERIFY2(code == u"missing_file"_s || code == u"unreadable"_s, qPrintable(code));
                }
            }
        }
        QVERIFY(repair.out.contains(u"cccc3333-4444-4555-8666-777788889999 but its file is gone"_s));
        QVERIFY(repair.out.contains(u"left alone, as it cannot be read"_s));
        QCOMPARE(orphans(), QStringList());

        // An unknown session id is a clear error; a missing argument a usage error.
        const Run unknown = chasmRun(home, {u"register"_s, u"session"_s, u"zzzz"_s, u"--path"_s, project});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(u"has the id zzzz"_s), qPrintable(unknown.err));
        QCOMPARE(chasmRun(home, {u"register"_s, u"session"_s, u"--path"_s, project}).exitCode, 2);
    }

    // kill -9 at many moments of a repair that compacts a 40 MB log: the log is always the old bytes or
    // the whole new snapshot, both replaying to the same session, and the index database stays sound.
    void repairSurvivesKill()
    {
        QByteArray log = "{\"kind\":0,\"v\":{\"version\":3,\"sessionId\":\"big\",\"creationDate\":1768000000000,"
                         "\"initialLocation\":\"panel\",\"requests\":[]}}\n";
        const QByteArray filler(2000, 'x');
        for (int i = 0; i < 20000; ++i) {
            log += "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"r" + QByteArray::number(i) +
                   "\",\"timestamp\":" + QByteArray::number(1768000000000LL + i) + ",\"message\":{\"text\":\"" +
                   filler + "\"},\"response\":[]}]}\n";
        }
        int killedMidWay = 0;
        for (const int delay : {0, 40, 80, 120, 170, 230, 300, 380, 470, 600, 800}) {
            test::FixtureHome home;
            const QString project = home.path() + u"/dev/projects/web app"_s;
            const QString storage = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592"_s);
            const QString big = storage + u"/chatSessions/big.jsonl"_s;
            {
                QFile file(big);
                QVERIFY(file.open(QIODevice::WriteOnly));
                QCOMPARE(file.write(log), log.size());
            }
            // Every check below says how long the repair ran before the kill: this test failed three times
            // in about 50 runs of the suite (ctest -j2), and the QCOMPARE that failed did not say which.
            const QString after = u" (killed after %1 ms)"_s.arg(delay);
            const boost::json::value expected = ChatSessionFile::read(big)->tree;
            QProcess process;
            QProcessEnvironment environment;
            environment.insert(u"HOME"_s, home.path());
            environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(CHASM_CLI_BINARY), {u"register"_s, u"repair"_s, u"--path"_s, project});
            QVERIFY(process.waitForStarted());
            QThread::msleep(delay);
            if (process.state() == QProcess::Running) {
                ++killedMidWay;
                process.kill(); // SIGKILL
            }
            QVERIFY(process.waitForFinished(60000));

            const QByteArray now = test::readAll(big);
            QVERIFY2(now == log || now.count('\n') == 1, qPrintable(u"torn"_s + after));
            const auto replayed = ChatSessionFile::read(big);
            QVERIFY2(replayed, qPrintable((replayed ? QString() : replayed.error().message) + after));
            QVERIFY2(replayed->tree == expected, qPrintable(u"another session"_s + after));
            const auto index = SessionIndex::read(storage + u"/state.vscdb"_s);
            QVERIFY2(index, qPrintable((index ? QString() : index.error().message) + after));
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
                db.setDatabaseName(storage + u"/state.vscdb"_s);
                QVERIFY(db.open());
                QSqlQuery check(db);
                QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
                QVERIFY2(check.value(0).toString() == u"ok"_s, qPrintable(check.value(0).toString() + after));
            }
            QSqlDatabase::removeDatabase(u"check"_s);

            // Run again to the end: it completes, and the log is one snapshot of the same session.
            const Run again = chasmRun(home, {u"register"_s, u"repair"_s, u"--path"_s, project});
            QVERIFY2(again.exitCode == 0,
                     qPrintable(u"exit code %1: %2%3"_s.arg(QString::number(again.exitCode), again.err, after)));
            QVERIFY2(test::readAll(big).count('\n') == 1, qPrintable(u"not compacted by the second run"_s + after));
            QVERIFY2(ChatSessionFile::read(big)->tree == expected, qPrintable(u"another session"_s + after));
        }
        QVERIFY2(killedMidWay >= 3, "the repair finished before most kills: make the log bigger");
    }

    // move path: the history of a moved folder comes over, for VS Code and for Claude Code.
    void movePathCopiesHistory()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        const QString oldPath = home.path() + u"/dev/projects/web app"_s;
        const QString newPath = home.path() + u"/dev/shop"_s;
        QVERIFY(QDir().mkpath(newPath));
        // VS Code opened the new folder once: its workspace exists, with an empty index.
        const QString storage = home.file(u".config/Code/User/workspaceStorage/99999999999999999999999999999999"_s);
        QVERIFY(QDir().mkpath(storage));
        {
            QFile workspace(storage + u"/workspace.json"_s);
            QVERIFY(workspace.open(QIODevice::WriteOnly));
            workspace.write("{\n\t\"folder\": \"file://" + newPath.toUtf8() + "\"\n}");
        }
        QVERIFY(test::FixtureHome::writeStateDatabase(storage + u"/state.vscdb"_s, "{\"version\":1,\"entries\":{}}"));

        struct stat status
        {};
        QCOMPARE(::stat(QFile::encodeName(newPath).constData(), &status), 0);
        const QString cursorId = QString::fromLatin1(
            QCryptographicHash::hash(QByteArray(newPath.toUtf8() + QByteArray::number(quint64(status.st_ino))),
                                     QCryptographicHash::Md5)
                .toHex());
        const auto before = test::fileTree(home.path());
        const Run dry = chasmRun(home, {u"move"_s, u"path"_s, oldPath, newPath, u"--dry-run"_s});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains(u"would copy"_s), qPrintable(dry.out));
        // Cursor has not opened the new folder: its workspace is made where Cursor will look for it.
        QVERIFY2(dry.out.contains(u"would create the workspace "_s + cursorId + u" of Cursor for "_s + newPath),
                 qPrintable(dry.out));
        QCOMPARE(test::fileTree(home.path()), before);

        const Run moved = chasmRun(home, {u"move"_s, u"path"_s, oldPath, newPath, u"--json"_s});
        QCOMPARE(moved.exitCode, 0);
        const boost::json::value result = moved.json();
        QVERIFY(!result.at("dry_run").as_bool());
        // The readable sessions of the old workspace are in the new one, and in its index.
        const boost::json::value listed = chasmRun(home, {u"list"_s, u"path"_s, newPath, u"--json"_s}).json();
        QStringList titles;
        for (const boost::json::value& session : listed.as_array()) {
            titles << json::string(session, "title");
        }
        QVERIFY2(titles.contains(u"Deploy script review"_s), qPrintable(titles.join(u", "_s)));
        QCOMPARE(chasmRun(home, {u"list"_s, u"orphaned"_s, u"--path"_s, newPath, u"--json"_s}).json().as_array().size(),
                 std::size_t(0));
        // Cursor's session is in the workspace made for the new folder, and in its index.
        const boost::json::value cursorListed =
            chasmRun(home, {u"list"_s, u"sessions"_s, u"--project-path"_s, newPath, u"-p"_s, u"cursor"_s, u"--json"_s})
                .json();
        QCOMPARE(cursorListed.as_array().size(), std::size_t(1));
        QCOMPARE(json::string(cursorListed.as_array().front(), "workspace"), cursorId);
        const auto cursorIndex =
            SessionIndex::read(home.file(u".config/Cursor/User/workspaceStorage/%1/state.vscdb"_s.arg(cursorId)));
        QVERIFY(cursorIndex && cursorIndex->size() == 1);

        // Claude Code keeps projects by path: the old project's folder is copied under the new name.
        const Run claude = chasmRun(home, {u"move"_s, u"path"_s, u"/home/dev/projects/web app"_s, u"/home/dev/shop"_s});
        QCOMPARE(claude.exitCode, 0);
        const QString projects = home.file(u".claude/projects/"_s);
        QCOMPARE(test::readAll(projects + u"-home-dev-shop/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s),
                 test::readAll(projects + u"-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s));
        QVERIFY(claude.out.contains(u"4 session(s) brought over"_s) ||
                claude.out.contains(u"session(s) brought over"_s));
        // Again: nothing is overwritten.
        const Run again = chasmRun(home, {u"move"_s, u"path"_s, u"/home/dev/projects/web app"_s, u"/home/dev/shop"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.contains(u"exists already: not copied"_s));
        QCOMPARE(chasmRun(home, {u"move"_s, u"path"_s, u"/nowhere/at/all"_s, u"/elsewhere"_s}).exitCode, 1);
    }

    // register recursive: every project under a folder, with --depth and --exclude.
    void registerRecursive()
    {
        test::FixtureHome home;
        const QString root = home.path() + u"/dev"_s;
        const auto registered = [](const Run& run) {
            int total = 0;
            const boost::json::value result = run.json();
            for (const boost::json::value& w : result.at("workspaces").as_array()) {
                total += int(w.at("registered").as_int64());
            }
            return total;
        };
        // Under dev/: web app (one empty orphan) and mono (one session, no index yet).
        const Run all = chasmRun(home, {u"register"_s, u"recursive"_s, root, u"--dry-run"_s, u"--json"_s});
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.json().at("workspaces").as_array().size(), std::size_t(3)); // VS Code web app and mono, Cursor
        QCOMPARE(registered(all), 2);
        const Run excluded =
            chasmRun(home, {u"register"_s, u"r"_s, root, u"-x"_s, u"*web app*"_s, u"--dry-run"_s, u"--json"_s});
        QCOMPARE(excluded.exitCode, 0);
        QCOMPARE(excluded.json().at("workspaces").as_array().size(), std::size_t(1));
        const Run shallow = chasmRun(home, {u"register"_s, u"r"_s, root, u"-d"_s, u"1"_s});
        QCOMPARE(shallow.exitCode, 1); // the projects are two folders down
        QVERIFY(shallow.err.contains(u"within --depth"_s));
        const Run done = chasmRun(home, {u"register"_s, u"recursive"_s, root, u"--json"_s});
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(registered(done), 2);
        QCOMPARE(chasmRun(home, {u"list"_s, u"orphaned"_s, u"--all"_s, u"--json"_s}).json().as_array().size(),
                 std::size_t(0));
        // mono had no state.vscdb: registering created one, and undo removes it again.
        const QString monoDatabase =
            home.file(u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/state.vscdb"_s);
        QVERIFY(QFileInfo::exists(monoDatabase));
        const boost::json::value written = done.json();
        for (const boost::json::value& w : written.at("workspaces").as_array()) {
            if (json::string(w, "workspace").endsWith(u"mono.code-workspace"_s)) {
                QCOMPARE(chasmRun(home, {u"recover"_s, u"undo"_s, json::string(w, "recovery_point")}).exitCode, 0);
            }
        }
        QVERIFY(!QFileInfo::exists(monoDatabase));
    }

    // recover scan: what is recoverable, and the command for each.
    void recoverScan()
    {
        test::FixtureHome home;
        const Run run = chasmRun(home, {u"recover"_s, u"scan"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value result = run.json();
        QStringList found;
        for (const boost::json::value& f : result.at("findings").as_array()) {
            verifyKeys(f, {u"kind"_s, u"project"_s, u"editor"_s, u"target"_s, u"source"_s, u"sessions"_s, u"fix"_s});
            for (const boost::json::value& session : f.at("sessions").as_array()) {
                found << json::string(f, "kind") + u':' + json::string(session, "id");
            }
        }
        found.sort();
        // web app: "Deploy script review" is marked empty and cancelled in the index; mono and the
        // remote workspace have no index yet. The empty orphan dddd4444 is not worth bringing back.
        QCOMPARE(found, (QStringList{u"not_in_index:12121212-3434-4565-8787-909090909090"_s,
                                     u"not_in_index:34343434-5656-4787-8989-010101010101"_s,
                                     u"wrong_entry:bbbb2222-3333-4444-8555-666677778888"_s}));
        const boost::json::array& damaged = result.at("damaged").as_array();
        QCOMPARE(damaged.size(), std::size_t(1));
        QVERIFY(json::string(damaged.at(0), "path").endsWith(u"ffff6666-7777-4888-8999-aaaabbbbcccc.json"_s));
        const Run words = chasmRun(home, {u"recover"_s, u"scan"_s});
        QVERIFY2(
            words.out.contains(u"fix: chasm register repair --path \""_s + home.path() + u"/dev/projects/web app\""_s),
            qPrintable(words.out));
        QVERIFY(words.out.contains(u"fix: chasm register all --all"_s)); // the remote workspace
    }

    // recover scan --include-old: sessions kept only in backup files or an old state database, and
    // import sessions bringing each kind back.
    void recoverScanIncludeOld()
    {
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString storage = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"_s);
        // Two backups of a session whose file is gone: the one with more requests is the one offered.
        const QString lost = u"cafe0001-2222-4333-8444-555566667777"_s;
        QByteArray session = test::readAll(storage + u"chatSessions/aaaa1111-2222-4333-8444-555566667777.json"_s);
        session.replace("aaaa1111-2222-4333-8444-555566667777", lost.toUtf8());
        auto tree = json::parse(session.toStdString(), u"test"_s);
        QVERIFY(tree && tree->at("requests").as_array().size() >= 1);
        boost::json::value shorter = *tree;
        shorter.as_object()["requests"].as_array().resize(0);
        const QString bak = storage + u"chatSessions/"_s + lost + u".json.bak"_s;
        const QString stamped = storage + u"chatSessions/"_s + lost + u".json.bak-20260101-101010"_s;
        QVERIFY(test::writeFile(stamped, QByteArray::fromStdString(json::serialize(shorter))));
        QVERIFY(test::writeFile(bak, session));
        // VS Code's previous state database, from when it kept sessions in interactive.sessions: one of
        // them (aaaa1111) has its file today and is not offered again.
        const QString old = storage + u"state.vscdb.backup"_s;
        QVERIFY(test::FixtureHome::runScript(
            old, "CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);"
                 "INSERT INTO ItemTable VALUES ('interactive.sessions', '[{\"version\":2,\"sessionId\":\"old-1\","
                 "\"creationDate\":1650000000000,\"requests\":[{\"message\":{\"text\":\"How do I parse argv?\"},"
                 "\"response\":[{\"value\":\"Use getopt.\"}]}]},{\"sessionId\":"
                 "\"aaaa1111-2222-4333-8444-555566667777\",\"requests\":[{\"message\":\"hi\"}]}]');"));

        const auto oldFindings = [&] {
            const Run run = chasmRun(home, {u"recover"_s, u"scan"_s, u"--include-old"_s, u"--json"_s});
            const boost::json::value result = run.json();
            QStringList found;
            for (const boost::json::value& f : result.at("findings").as_array()) {
                const QString kind = json::string(f, "kind");
                if (kind.startsWith(u"old_"_s)) {
                    for (const boost::json::value& session : f.at("sessions").as_array()) {
                        found << kind + u':' + json::string(session, "id") + u':' + json::string(session, "path") +
                                     u':' + QString::number(session.at("message_count").as_int64());
                    }
                    if (!json::string(f, "fix").startsWith(u"chasm import sessions \""_s)) {
                        found << u"bad fix: "_s + json::string(f, "fix");
                    }
                }
            }
            found.sort();
            return found;
        };
        QCOMPARE(oldFindings(),
                 (QStringList{u"old_backup:%1:%2:%3"_s.arg(lost, bak).arg(tree->at("requests").as_array().size() * 2),
                              u"old_database:old-1:%1:2"_s.arg(old)}));
        const Run plain = chasmRun(home, {u"recover"_s, u"scan"_s, u"--json"_s});
        QVERIFY(!QString::fromStdString(json::serialize(plain.json())).contains(u"old_"_s));
        const Run words = chasmRun(home, {u"recover"_s, u"scan"_s, u"--include-old"_s});
        QVERIFY2(words.out.contains(u"1 session(s) kept only in an old state database"_s), qPrintable(words.out));

        // The backup comes back under its id, byte for byte; the old database's session is written in
        // the workspace's format and registered.
        const Run fromBackup =
            chasmRun(home, {u"import"_s, u"sessions"_s, bak, u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(fromBackup.exitCode, 0);
        QCOMPARE(fromBackup.json().at("registered").as_int64(), 1);
        QCOMPARE(test::readAll(storage + u"chatSessions/"_s + lost + u".json"_s), session);
        const auto sessionsBefore = test::fileTree(storage + u"chatSessions"_s);
        const QByteArray indexBefore = test::readAll(storage + u"state.vscdb"_s);
        const Run fromDatabase =
            chasmRun(home, {u"import"_s, u"sessions"_s, old, u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(fromDatabase.exitCode, 0);
        const boost::json::value report = fromDatabase.json();
        QCOMPARE(report.at("registered").as_int64(), 1);
        QCOMPARE(report.at("unchanged").as_int64(), 1); // aaaa1111 is there already
        QVERIFY(oldFindings().isEmpty());
        const Run shown = chasmRun(home, {u"show"_s, u"session"_s, u"old-1"_s, u"--json"_s});
        QVERIFY2(shown.out.contains(u"Use getopt."_s), qPrintable(shown.out + shown.err));
        QCOMPARE(chasmRun(home, {u"recover"_s, u"undo"_s, json::string(report, "recovery_point")}).exitCode, 0);
        QCOMPARE(test::fileTree(storage + u"chatSessions"_s), sessionsBefore);
        QCOMPARE(test::readAll(storage + u"state.vscdb"_s), indexBefore);
        // Session files and databases are not mixed in one import.
        QCOMPARE(chasmRun(home, {u"import"_s, u"sessions"_s, old, bak, u"--target-path"_s, project}).exitCode, 1);
    }

    // recover convert --compat: a log written by VS Code ≥ 1.109 made readable by older builds.
    void recoverConvertCompat()
    {
        test::FixtureHome home;
        const QString log =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"
                      "bbbb2222-3333-4444-8555-666677778888.jsonl"_s);
        const QByteArray before = test::readAll(log);
        const QString out = home.file(u"old.json"_s);
        const Run legacy =
            chasmRun(home, {u"recover"_s, u"convert"_s, log, u"-o"_s, out, u"--compat"_s, u"legacy"_s, u"--json"_s});
        QVERIFY2(legacy.exitCode == 0, qPrintable(legacy.err));
        const QString changes = QString::fromStdString(json::serialize(legacy.json().at("changes")));
        QVERIFY2(changes.contains(u"filled in for the editors' readers: requesterUsername"_s), qPrintable(changes));
        const auto tree = json::parse(test::readAll(out).toStdString(), u"test"_s);
        QVERIFY(tree && tree->at("requesterUsername").is_string() && tree->at("lastMessageDate").is_number());
        QCOMPARE(test::readAll(log), before);
        const Run refused = chasmRun(home, {u"recover"_s, u"convert"_s, log, u"-o"_s, home.file(u"x.jsonl"_s),
                                            u"--format"_s, u"jsonl"_s, u"--compat"_s, u"legacy"_s});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"reads only .json"_s), qPrintable(refused.err));
        QCOMPARE(chasmRun(home, {u"recover"_s, u"convert"_s, log, u"--compat"_s, u"old"_s}).exitCode,
                 2); // a usage error
    }

    // recover database: sessions out of an old state.vscdb and out of a harvest database backup.
    void recoverDatabase()
    {
        test::FixtureHome home;
        const QString old = home.file(u"old-state.vscdb"_s);
        QVERIFY(test::FixtureHome::runScript(
            old, "CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);"
                 "INSERT INTO ItemTable VALUES ('interactive.sessions', '[{\"version\":2,\"sessionId\":\"old-1\","
                 "\"creationDate\":1650000000000,\"requests\":[{\"message\":{\"text\":\"How do I parse argv?\"},"
                 "\"response\":[{\"value\":\"Use getopt.\"}]}]},{\"sessionId\":\"old-2\",\"requests\":[]}]');"));
        const QByteArray before = test::readAll(old);
        const QString out = home.file(u"out"_s);
        const Run json = chasmRun(home, {u"recover"_s, u"database"_s, old, u"-o"_s, out, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json().at("sessions").as_int64(), 2);
        const auto restored = json::parse(test::readAll(out + u"/old-1.json"_s).toStdString(), u"test"_s);
        QVERIFY(restored);
        QCOMPARE(json::string(restored->at("requests").at(0).at("message"), "text"), u"How do I parse argv?"_s);
        const Run md = chasmRun(
            home, {u"recover"_s, u"database"_s, old, u"--session"_s, u"old-1"_s, u"-o"_s, out, u"--format"_s, u"md"_s});
        QCOMPARE(md.exitCode, 0);
        QVERIFY(test::readAll(out + u"/old-1.md"_s).contains("Use getopt."));
        QCOMPARE(chasmRun(home, {u"recover"_s, u"database"_s, old, u"-o"_s, out}).exitCode, 1); // never overwrites
        QCOMPARE(test::readAll(old), before);

        // A state.vscdb of today holds only the index: it says where the contents are.
        const Run index = chasmRun(home, {u"recover"_s, u"database"_s,
                                          home.file(u".config/Code/User/workspaceStorage/"
                                                    "5d41402abc4b2a76b9719d911017c592/state.vscdb"_s)});
        QCOMPARE(index.exitCode, 1);
        QVERIFY(index.err.contains(u"holds only the chat index"_s));

        // A harvest database backup: exported from a copy, the backup left as it was.
        QCOMPARE(chasmRun(home, {u"harvest"_s, u"run"_s, u"--db"_s, home.file(u"h.db"_s)}).exitCode, 3);
        const QByteArray harvest = test::readAll(home.file(u"h.db"_s));
        const Run fromHarvest = chasmRun(
            home, {u"recover"_s, u"database"_s, home.file(u"h.db"_s), u"-o"_s, home.file(u"harvested"_s), u"--json"_s});
        QCOMPARE(fromHarvest.exitCode, 0);
        QVERIFY(fromHarvest.json().at("sessions").as_int64() >= 7);
        QCOMPARE(test::readAll(home.file(u"h.db"_s)), harvest);
    }

    // fetch and import: sessions from other workspaces or from files, into a project's workspace.
    void fetchAndImport()
    {
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString sessions =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s);
        const Run fetched =
            chasmRun(home, {u"fetch"_s, u"session"_s, u"1212"_s, u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(fetched.exitCode, 0);
        QCOMPARE(fetched.json().at("registered").as_int64(), 1);
        QCOMPARE(test::readAll(sessions + u"12121212-3434-4565-8787-909090909090.jsonl"_s),
                 test::readAll(home.file(u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/"
                                         "chatSessions/12121212-3434-4565-8787-909090909090.jsonl"_s)));

        // An exported file is named by the id it holds; one whose id is there already is not copied.
        const QString exported = home.file(u"exported.json"_s);
        QByteArray other = test::readAll(sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s);
        other.replace("aaaa1111-2222-4333-8444-555566667777", "eeee9999-2222-4333-8444-555566667777");
        QVERIFY(test::writeFile(exported, other));
        const QString duplicate = home.file(u"duplicate.json"_s);
        QVERIFY(QFile::copy(sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s, duplicate));
        const Run imported =
            chasmRun(home, {u"import"_s, u"sessions"_s, exported, duplicate, u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(imported.exitCode, 0);
        const boost::json::value result = imported.json();
        QCOMPARE(result.at("registered").as_int64(), 1);
        QVERIFY(QFileInfo::exists(sessions + u"eeee9999-2222-4333-8444-555566667777.json"_s));
        const QString warnings = QString::fromStdString(json::serialize(result.at("warnings")));
        QVERIFY2(warnings.contains(u"aaaa1111-2222-4333-8444-555566667777 is in the workspace already"_s),
                 qPrintable(warnings));

        // Another session under a taken id comes in under a new one; the session there is left as it was.
        const QString taken = sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s;
        const QByteArray before = test::readAll(taken);
        auto diverged = json::parse(before.toStdString(), u"test"_s);
        QVERIFY(diverged);
        diverged->as_object()["customTitle"] = "Diverged copy";
        const QString divergedFile = home.file(u"diverged.json"_s);
        QVERIFY(test::writeFile(divergedFile, QByteArray::fromStdString(json::serialize(*diverged))));
        const Run renamed =
            chasmRun(home, {u"import"_s, u"sessions"_s, divergedFile, u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(renamed.exitCode, 0);
        const boost::json::value renamedResult = renamed.json();
        QCOMPARE(renamedResult.at("registered").as_int64(), 1);
        const QString renamedWarnings = QString::fromStdString(json::serialize(renamedResult.at("warnings")));
        static const QRegularExpression newId(u"comes in as ([0-9a-f-]{36})"_s);
        const QRegularExpressionMatch match = newId.match(renamedWarnings);
        QVERIFY2(match.hasMatch(), qPrintable(renamedWarnings));
        const auto copy = json::parse(test::readAll(sessions + match.captured(1) + u".json"_s).toStdString(), u"t"_s);
        QVERIFY(copy);
        QCOMPARE(json::string(*copy, "sessionId"), match.captured(1));
        QCOMPARE(json::string(*copy, "customTitle"), u"Diverged copy"_s);
        QCOMPARE(test::readAll(taken), before);

        QCOMPARE(chasmRun(home, {u"fetch"_s, u"session"_s, u"zzzz"_s, u"--target-path"_s, project}).exitCode, 1);
        QCOMPARE(chasmRun(home, {u"import"_s, u"sessions"_s, exported, u"--target-path"_s, home.path()}).exitCode, 1);
    }

    // move sessions|workspace, import path|workspace, fetch path and --no-register.
    void moveImportAndFetchPath()
    {
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString storage = home.file(u".config/Code/User/workspaceStorage/"_s);
        const QString web = storage + u"5d41402abc4b2a76b9719d911017c592/chatSessions/"_s;
        const QString mono = storage + u"7b8b965ad4bca0e41ab51de7b31363a1/chatSessions/"_s;
        const QString id = u"12121212-3434-4565-8787-909090909090"_s;
        const QByteArray log = test::readAll(mono + id + u".jsonl"_s);
        const auto orphans = [&] {
            return ids(chasmRun(home, {u"list"_s, u"orphaned"_s, u"--path"_s, project, u"--json"_s}).json());
        };

        const auto before = test::fileTree(home.path());
        const Run dry = chasmRun(home, {u"move"_s, u"workspace"_s, u"7b8b"_s, project, u"--dry-run"_s, u"--json"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QVERIFY(dry.json().at("dry_run").as_bool());
        QCOMPARE(test::fileTree(home.path()), before);

        const Run moved = chasmRun(home, {u"move"_s, u"sessions"_s, u"1212"_s, project, u"--json"_s});
        QCOMPARE(moved.exitCode, 0);
        QCOMPARE(moved.json().at("registered").as_int64(), 1);
        QCOMPARE(test::readAll(web + id + u".jsonl"_s), log);
        QVERIFY(!QFileInfo::exists(mono + id + u".jsonl"_s));
        QCOMPARE(test::readAll(mono + id + u".jsonl.bak"_s), log);
        QVERIFY(!orphans().contains(u"copilot:"_s + id));
        const Run again = chasmRun(home, {u"move"_s, u"sessions"_s, u"1212"_s, project});
        QCOMPARE(again.exitCode, 1); // it is in the target now, and no other workspace has it
        QVERIFY2(again.err.contains(u"1212"_s), qPrintable(again.err));

        // import path, files only: the editor's index is left alone, so the session is an orphan.
        const QString folder = home.file(u"exported"_s);
        QVERIFY(QDir().mkpath(folder));
        QByteArray other = test::readAll(web + u"aaaa1111-2222-4333-8444-555566667777.json"_s);
        other.replace("aaaa1111-2222-4333-8444-555566667777", "eeee9999-2222-4333-8444-555566667777");
        QVERIFY(test::writeFile(folder + u"/copy.json"_s, other));
        const Run imported = chasmRun(home, {u"import"_s, u"path"_s, folder, project, u"--no-register"_s, u"--json"_s});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.json().at("registered").as_int64(), 0);
        QCOMPARE(test::readAll(web + u"eeee9999-2222-4333-8444-555566667777.json"_s), other);
        QVERIFY(orphans().contains(u"copilot:eeee9999-2222-4333-8444-555566667777"_s));
        // import workspace: the same folder into mono, by hash, registered.
        const Run intoMono = chasmRun(home, {u"import"_s, u"workspace"_s, folder, u"7b8b"_s, u"--json"_s});
        QCOMPARE(intoMono.exitCode, 0);
        QCOMPARE(intoMono.json().at("registered").as_int64(), 1);
        QVERIFY(QFileInfo::exists(mono + u"eeee9999-2222-4333-8444-555566667777.json"_s));
        QCOMPARE(chasmRun(home, {u"import"_s, u"path"_s, home.file(u"nowhere"_s), project}).exitCode, 1);

        // fetch path: an older workspace of the project holds a session the active one lacks.
        const QString older = storage + u"fedcba9876543210fedcba9876543210"_s;
        QVERIFY(QDir().mkpath(older + u"/chatSessions"_s));
        QVERIFY(
            QFile::copy(storage + u"5d41402abc4b2a76b9719d911017c592/workspace.json"_s, older + u"/workspace.json"_s));
        QByteArray oldSession = other;
        oldSession.replace("eeee9999-2222-4333-8444-555566667777", "abab0000-2222-4333-8444-555566667777");
        QVERIFY(test::writeFile(older + u"/chatSessions/abab0000-2222-4333-8444-555566667777.json"_s, oldSession));
        QVERIFY(test::FixtureHome::writeStateDatabase(older + u"/state.vscdb"_s, "{\"version\":1,\"entries\":{}}"));
        QFile state(older + u"/state.vscdb"_s);
        QVERIFY(state.open(QIODevice::ReadWrite));
        QVERIFY(state.setFileTime(QDateTime::currentDateTime().addDays(-30), QFileDevice::FileModificationTime));
        state.close();
        const Run fetched = chasmRun(home, {u"fetch"_s, u"path"_s, project, u"--json"_s});
        QCOMPARE(fetched.exitCode, 0);
        int registered = 0;
        const boost::json::value result = fetched.json();
        for (const boost::json::value& w : result.at("workspaces").as_array()) {
            registered += int(w.at("registered").as_int64());
        }
        QCOMPARE(registered, 1);
        QCOMPARE(test::readAll(web + u"abab0000-2222-4333-8444-555566667777.json"_s), oldSession);
    }

    // recover orphans, extract and upgrade.
    void recoverOrphansExtractAndUpgrade()
    {
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString web = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"_s);
        const QString aaaa = web + u"chatSessions/aaaa1111-2222-4333-8444-555566667777"_s;
        const auto reasons = [&](const QStringList& options) {
            QStringList found;
            const Run run = chasmRun(home, QStringList{u"recover"_s, u"orphans"_s, u"--json"_s} + options);
            const boost::json::value result = run.json();
            for (const boost::json::value& o : result.as_array()) {
                found << json::string(o, "reason") + u':' + json::string(o, "id").left(4);
            }
            found.sort();
            return found;
        };
        // The project folder is gone: its sessions, of both editors, cannot be opened.
        QCOMPARE(reasons({}), (QStringList{u"folder_gone:aaaa"_s, u"folder_gone:bbbb"_s, u"folder_gone:c0c0"_s,
                                           u"folder_gone:dddd"_s, u"folder_gone:ffff"_s}));
        QVERIFY(QDir().mkpath(project));
        QCOMPARE(reasons({}), QStringList());
        QVERIFY(reasons({u"--unindexed"_s}).contains(u"not_in_index:1212"_s));
        const Run verified = chasmRun(home, {u"recover"_s, u"orphans"_s, u"--unindexed"_s, u"--verify"_s, u"--json"_s});
        const boost::json::value checks = verified.json();
        for (const boost::json::value& o : checks.as_array()) {
            QVERIFY(o.at("verified").at("readable").as_bool());
            QVERIFY(o.at("verified").at("requests").as_int64() >= 1);
        }

        // extract: every session file of the project's workspaces, byte for byte, in a new folder.
        const QString out = home.file(u"extracted"_s);
        const auto before = test::fileTree(home.path());
        QCOMPARE(chasmRun(home, {u"recover"_s, u"extract"_s, project, u"-o"_s, out, u"--dry-run"_s}).exitCode, 0);
        QCOMPARE(test::fileTree(home.path()), before);
        const Run extracted = chasmRun(home, {u"recover"_s, u"extract"_s, project, u"-o"_s, out, u"--all-formats"_s,
                                              u"--include-edits"_s, u"--json"_s});
        QCOMPARE(extracted.exitCode, 0);
        QCOMPARE(extracted.json().at("sessions").as_int64(), 5); // four of VS Code, one of Cursor
        const QString copy = out + u"/code-5d41402abc4b2a76b9719d911017c592/aaaa1111-2222-4333-8444-555566667777"_s;
        QCOMPARE(test::readAll(copy + u".json"_s), test::readAll(aaaa + u".json"_s));
        QVERIFY(ChatSessionFile::read(copy + u".jsonl"_s)->tree == ChatSessionFile::read(aaaa + u".json"_s)->tree);
        QVERIFY(test::readAll(copy + u".md"_s).contains("npm test"));
        QVERIFY(json::parseFile(out + u"/workspaces.json"_s));
        const QString edits = u"/chatEditingSessions/aaaa1111-2222-4333-8444-555566667777/state.json"_s;
        QCOMPARE(test::readAll(out + u"/code-5d41402abc4b2a76b9719d911017c592"_s + edits), test::readAll(web + edits));
        const Run again = chasmRun(home, {u"recover"_s, u"extract"_s, project, u"-o"_s, out});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(u"is not empty"_s));

        // upgrade: the .json sessions become logs replaying to the same sessions; undo puts them back.
        const boost::json::value tree = ChatSessionFile::read(aaaa + u".json"_s)->tree;
        const QByteArray original = test::readAll(aaaa + u".json"_s);
        const Run upgraded = chasmRun(home, {u"recover"_s, u"upgrade"_s, project, u"--json"_s});
        QCOMPARE(upgraded.exitCode, 0);
        const boost::json::value result = upgraded.json();
        const boost::json::array& workspaces = result.at("workspaces").as_array();
        QCOMPARE(workspaces.size(), std::size_t(1));             // auto: VS Code only, not Cursor
        QCOMPARE(workspaces.at(0).at("repaired").as_int64(), 2); // aaaa and dddd; ffff cannot be read
        QVERIFY(!QFileInfo::exists(aaaa + u".json"_s));
        QCOMPARE(test::readAll(aaaa + u".json.bak"_s), original);
        QVERIFY(ChatSessionFile::read(aaaa + u".jsonl"_s)->tree == tree);
        QCOMPARE(chasmRun(home, {u"recover"_s, u"undo"_s, json::string(workspaces.at(0), "recovery_point")}).exitCode,
                 0);
        QCOMPARE(test::readAll(aaaa + u".json"_s), original);
        QVERIFY(!QFileInfo::exists(aaaa + u".jsonl"_s));

        // split, by id: the first request becomes a session of its own, registered.
        const Run split = chasmRun(home, {u"recover"_s, u"split"_s, u"aaaa1111"_s, u"--keep"_s, u"1"_s, u"--json"_s});
        QCOMPARE(split.exitCode, 0);
        QCOMPARE(split.json().at("workspaces").at(0).at("registered").as_int64(), 1);
        QCOMPARE(json::arrayAt(ChatSessionFile::read(aaaa + u".json"_s)->tree, "requests").size(), std::size_t(1));
        const Run tooFew = chasmRun(home, {u"recover"_s, u"split"_s, aaaa + u".json"_s, u"--keep"_s, u"1"_s});
        QCOMPARE(tooFew.exitCode, 1);
        QVERIFY2(tooFew.err.contains(u"nothing to split off"_s), qPrintable(tooFew.err));
    }

    // list edits and show agent over the fixture's two editing sessions: version 2 with a linear
    // history (aaaa1111) and the timeline layout (bbbb2222).
    void listEditsAndShowAgent()
    {
        const Run listed = chasmRun(m_home, {u"list"_s, u"edits"_s, u"--project-path"_s, m_project, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        const boost::json::value all = listed.json();
        QCOMPARE(all.as_array().size(), std::size_t(2));
        for (const boost::json::value& e : all.as_array()) {
            verifyKeys(e, {u"session_id"_s, u"title"_s, u"chat_file"_s, u"editor"_s, u"workspace"_s, u"project"_s,
                           u"folder"_s, u"layout"_s, u"version"_s, u"file_count"_s, u"request_count"_s, u"accepted"_s,
                           u"rejected"_s, u"modified"_s, u"size_bytes"_s, u"updated_at"_s, u"error"_s});
        }

        const Run linear = chasmRun(m_home, {u"show"_s, u"agent"_s, u"aaaa"_s, u"--json"_s});
        QCOMPARE(linear.exitCode, 0);
        const boost::json::value a = linear.json();
        QCOMPARE(json::string(a, "layout"), u"linear"_s);
        QCOMPARE(json::string(a, "title"), u"Why does `npm test` fail with ECONNREFUSED here?"_s);
        QStringList files;
        for (const boost::json::value& f : a.at("files").as_array()) {
            files << QFileInfo(json::string(f, "path")).fileName() + u':' + json::string(f, "state");
        }
        QCOMPARE(files, (QStringList{u"setup.js:accepted"_s, u"package.json:rejected"_s}));
        const boost::json::array& requests = a.at("requests").as_array();
        QCOMPARE(requests.size(), std::size_t(1));
        QCOMPARE(json::string(requests.at(0), "prompt"), u"Now make the tests wait for the port."_s);

        const Run timeline = chasmRun(m_home, {u"show"_s, u"agent"_s, u"bbbb2222"_s, u"--json"_s});
        QCOMPARE(timeline.exitCode, 0);
        const boost::json::value b = timeline.json();
        QCOMPARE(json::string(b, "layout"), u"timeline"_s);
        QCOMPARE(b.at("checkpoints").as_array().size(), std::size_t(3));
        const boost::json::array& changed = b.at("files").as_array();
        QCOMPARE(changed.size(), std::size_t(2));
        QVERIFY(json::string(changed.at(0), "path").endsWith(u"/dev/projects/web app/deploy.sh"_s));
        QCOMPARE(changed.at(0).at("operations").at("textEdit").as_int64(), 2);
        QCOMPARE(changed.at(0).at("undone_operations").as_int64(), 1); // request_b2's edit was undone
        QCOMPARE(changed.at(1).at("operations").at("create").as_int64(), 1);
        QCOMPARE(b.at("requests").as_array().size(), std::size_t(2));
        const Run words = chasmRun(m_home, {u"show"_s, u"agent"_s, u"bbbb2222"_s});
        QVERIFY2(words.out.contains(u"(1 create, 1 undone, 1 request(s))"_s), qPrintable(words.out));

        QCOMPARE(chasmRun(m_home, {u"show"_s, u"agent"_s, u"zzzz"_s}).exitCode, 1);
    }

    // merge: a .json and a .jsonl session into one, duplicates once, dry run and undo.
    void mergeSessions()
    {
        test::FixtureHome home;
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString sessions =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s);
        const auto before = test::fileTree(home.path());
        const Run dry = chasmRun(home, {u"merge"_s, u"sessions"_s, u"aaaa"_s, u"bbbb"_s, u"--target-path"_s, project,
                                        u"--dry-run"_s, u"--json"_s});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(test::fileTree(home.path()), before);

        const Run merged =
            chasmRun(home, {u"merge"_s, u"sessions"_s, u"aaaa"_s, u"bbbb"_s, u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(merged.exitCode, 0);
        const boost::json::value result = merged.json();
        QCOMPARE(result.at("requests").as_int64(), 4);
        QCOMPARE(json::string(result, "format"), u"jsonl"_s); // the workspace holds .jsonl sessions
        QCOMPARE(json::string(result, "title"), u"Merged: web app (2 sessions, 2026-01-15 – 2026-01-16)"_s);
        const QString file = sessions + json::string(result, "session_id") + u".jsonl"_s;
        const boost::json::value tree = ChatSessionFile::read(file)->tree;
        const boost::json::value a =
            ChatSessionFile::read(sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s)->tree;
        const boost::json::value b =
            ChatSessionFile::read(sessions + u"bbbb2222-3333-4444-8555-666677778888.jsonl"_s)->tree;
        boost::json::array expected = json::arrayAt(a, "requests");
        for (const boost::json::value& r : json::arrayAt(b, "requests")) {
            expected.push_back(r);
        }
        const boost::json::array& requests = json::arrayAt(tree, "requests");
        QCOMPARE(requests.size(), expected.size());
        qint64 previous = 0;
        for (std::size_t i = 0; i < requests.size(); ++i) {
            boost::json::object request = requests.at(i).as_object();
            QVERIFY(json::integer(request, "timestamp").value_or(0) >= previous);
            previous = json::integer(request, "timestamp").value_or(0);
            QCOMPARE(json::string(request.at("chasm"), "source_session").left(12),
                     i < 2 ? u"copilot:aaaa"_s : u"copilot:bbbb"_s);
            request.erase("chasm");
            QVERIFY2(request == expected.at(i).as_object(), "a request lost or changed a field"); // unknown ones too
        }
        QCOMPARE(test::readAll(sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s),
                 before.value(
                     QDir(home.path()).relativeFilePath(sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s)));
        const QStringList listed = ids(chasmRun(home, {u"list"_s, u"path"_s, project, u"--json"_s}).json());
        QVERIFY(listed.contains(u"copilot:"_s + json::string(result, "session_id")));
        QVERIFY(!chasmRun(home, {u"list"_s, u"orphaned"_s, u"--path"_s, project, u"--json"_s})
                     .out.contains(json::string(result, "session_id")));

        // Undo: the merged file is gone again.
        QCOMPARE(chasmRun(home, {u"recover"_s, u"undo"_s, json::string(result, "recovery_point")}).exitCode, 0);
        QVERIFY(!QFileInfo::exists(file));

        // A copy of a session under another id holds the same requests: they appear once.
        QByteArray copy = test::readAll(sessions + u"aaaa1111-2222-4333-8444-555566667777.json"_s);
        copy.replace("aaaa1111-2222-4333-8444-555566667777", "eeee9999-2222-4333-8444-555566667777");
        QVERIFY(test::writeFile(sessions + u"eeee9999-2222-4333-8444-555566667777.json"_s, copy));
        const Run once = chasmRun(home, {u"merge"_s, u"sessions"_s, u"aaaa"_s, u"eeee9999"_s, u"--target-path"_s,
                                         project, u"-t"_s, u"Once"_s, u"--json"_s});
        QVERIFY2(once.exitCode == 0, qPrintable(once.err));
        QCOMPARE(once.json().at("requests").as_int64(), 2);
        QCOMPARE(once.json().at("duplicates").as_int64(), 2);

        // register all --merge: each workspace's sessions merged into one, then everything registered.
        const Run all = chasmRun(home, {u"register"_s, u"all"_s, u"--path"_s, project, u"--merge"_s, u"--json"_s});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QStringList titles;
        const boost::json::value listedAfter = chasmRun(home, {u"list"_s, u"path"_s, project, u"--json"_s}).json();
        for (const boost::json::value& session : listedAfter.as_array()) {
            titles << json::string(session, "title");
        }
        QVERIFY2(titles.filter(u"Merged: web app ("_s).size() == 1, qPrintable(titles.join(u", "_s)));
        QCOMPARE(chasmRun(home, {u"list"_s, u"orphaned"_s, u"--path"_s, project, u"--json"_s}).json().as_array().size(),
                 std::size_t(0));
    }

    // provider import: a project's Claude Code sessions become Copilot sessions of its workspace, one each, with
    // their prompts; importing again adds nothing twice; a dry run writes nothing.
    void providerImport()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        const QString project = home.path() + u"/dev/projects/web app"_s;
        // Claude Code worked in the project of the VS Code workspace: its records name that folder.
        QDirIterator transcripts(home.file(u".claude/projects"_s), {u"*.jsonl"_s}, QDir::Files,
                                 QDirIterator::Subdirectories);
        while (transcripts.hasNext()) {
            const QString file = transcripts.next();
            QByteArray text = test::readAll(file);
            text.replace(QByteArray("\"cwd\":\"/home/dev/projects/web app\""),
                         QByteArray("\"cwd\":\"" + project.toUtf8() + '"'));
            QVERIFY(test::writeFile(file, text));
        }
        const QString sessions = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"
                                           "chatSessions/"_s);
        const auto files = [&sessions] { return QDir(sessions).entryList(QDir::Files).size(); };
        const qsizetype before = files();
        const boost::json::value claude = chasmRun(home, {u"list"_s, u"sessions"_s, u"-p"_s, u"claudecode"_s,
                                                          u"--project-path"_s, project, u"--json"_s})
                                              .json();
        const qsizetype offered = qsizetype(claude.as_array().size());
        QVERIFY(offered >= 1);

        const Run dry = chasmRun(home, {u"provider"_s, u"import"_s, u"--from"_s, u"claudecode"_s, u"--path"_s, project,
                                        u"--dry-run"_s, u"--json"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        QCOMPARE(files(), before);

        const Run imported =
            chasmRun(home, {u"provider"_s, u"import"_s, u"--from"_s, u"claude"_s, u"--path"_s, project, u"--json"_s});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        // All but the fixture's session of tool output only, which is named as not brought in.
        QCOMPARE(imported.json().at("registered").as_int64(), offered - 1);
        QVERIFY(QString::fromStdString(json::serialize(imported.json().at("warnings")))
                    .contains(u"33333333-aaaa-4bbb-8ccc-000000000003 holds no prompts"_s));
        QCOMPARE(files(), before + offered - 1);
        // Each prompt of the first Claude Code session is a request of a Copilot session now.
        const QString first = json::string(claude.as_array().at(0), "id");
        const boost::json::value shown = chasmRun(home, {u"show"_s, u"session"_s, first, u"--json"_s}).json();
        QString copilot;
        for (const QString& name : QDir(sessions).entryList(QDir::Files)) {
            copilot += QString::fromUtf8(test::readAll(sessions + name));
        }
        for (const boost::json::value& message : shown.at("messages").as_array()) {
            if (json::string(message, "role") == u"user"_s) {
                const QString prompt = json::string(message, "content");
                const QByteArray escaped = QByteArray::fromStdString(json::serialize(json::fromQString(prompt)));
                QVERIFY2(copilot.contains(QString::fromUtf8(escaped.mid(1, escaped.size() - 2))), qPrintable(prompt));
            }
        }

        const Run again = chasmRun(
            home, {u"provider"_s, u"import"_s, u"--from"_s, u"claudecode"_s, u"--path"_s, project, u"--json"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json().at("registered").as_int64(), 0);
        QCOMPARE(files(), before + offered - 1);

        QCOMPARE(
            chasmRun(home, {u"provider"_s, u"import"_s, u"--from"_s, u"nosuchtool"_s, u"--path"_s, project}).exitCode,
            1);
        QCOMPARE(chasmRun(home, {u"provider"_s, u"import"_s, u"--from"_s, u"claudecode"_s, u"--session"_s,
                                 u"ffffffff-none"_s, u"--path"_s, project})
                     .exitCode,
                 1);
    }

    // A cross-provider merge: Claude Code and Codex sessions become one Copilot session whose requests
    // carry every prompt and every reply, with what could not be carried said.
    void mergeAcrossProviders()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s});
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QStringList sources{u"claude-code:2222"_s, u"codex:0199aaaa"_s};
        const Run merged = chasmRun(home, QStringList{u"merge"_s, u"sessions"_s} + sources +
                                              QStringList{u"--target-path"_s, project, u"--json"_s});
        QCOMPARE(merged.exitCode, 0);
        const boost::json::value result = merged.json();
        const QString notCarried = QString::fromStdString(json::serialize(result.at("not_carried")));
        QVERIFY2(notCarried.contains(u"image(s) of claude-code"_s), qPrintable(notCarried));
        const QString file = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"
                                       "chatSessions/"_s) +
                             json::string(result, "session_id") + u".jsonl"_s;
        const boost::json::value tree = ChatSessionFile::read(file)->tree;
        QStringList prompts;
        QString replies;
        for (const boost::json::value& request : json::arrayAt(tree, "requests")) {
            prompts << json::string(request.at("message"), "text");
            for (const boost::json::value& part : json::arrayAt(request, "response")) {
                replies += json::string(part, "value");
            }
            QVERIFY(!json::string(request, "modelId").isEmpty());
        }
        for (const QString& source : sources) {
            const boost::json::value session = chasmRun(home, {u"show"_s, u"session"_s, source, u"--json"_s}).json();
            for (const boost::json::value& message : session.at("messages").as_array()) {
                const QString role = json::string(message, "role");
                const QString content = json::string(message, "content");
                if (role == u"user"_s) {
                    QVERIFY2(prompts.contains(content), qPrintable(content));
                } else if (role == u"assistant"_s) {
                    QVERIFY2(replies.contains(content), qPrintable(content));
                }
            }
        }
        QVERIFY(replies.contains(u"**Tool call: shell**"_s)); // Codex's tool calls, as readable blocks
    }

    // show timeline: every tool's sessions of a project in time order, with the gaps between them.
    void showTimeline()
    {
        const Run run = chasmRun(m_home, {u"show"_s, u"timeline"_s, m_project, u"--gap-days"_s, u"2"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const boost::json::value result = run.json();
        QStringList order;
        for (const boost::json::value& session : result.at("sessions").as_array()) {
            order << json::string(session, "native_id").left(4);
        }
        QCOMPARE(order, (QStringList{u"aaaa"_s, u"bbbb"_s, u"dddd"_s, u"c0c0"_s})); // VS Code and Cursor together
        const boost::json::array& gaps = result.at("gaps").as_array();
        QCOMPARE(gaps.size(), std::size_t(1));
        QCOMPARE(gaps.at(0).at("days").as_int64(), 2);   // after dddd4444 (Jan 17), before the Cursor session (Jan 19)
        QCOMPARE(result.at("unreadable").as_int64(), 1); // ffff6666 has no dates to place
        const Run words = chasmRun(m_home, {u"show"_s, u"timeline"_s, m_project, u"--gap-days"_s, u"2"_s});
        QVERIFY2(words.out.contains(u"---- 2 days without a session ----"_s), qPrintable(words.out));
    }

    // export: one session of every provider in every format, compared with the golden files in
    // tests/data/golden/export (reviewed by eye once; CHASM_UPDATE_GOLDEN=1 rewrites them).
    void exportGoldenFiles()
    {
        const QStringList sets{u"vscode"_s,   u"claude-code"_s, u"codex"_s,  u"gemini"_s, u"qwen"_s,
                               u"opencode"_s, u"continue"_s,    u"cursor"_s, u"droid"_s,  u"aider"_s};
        test::FixtureHome home(sets);
        QVERIFY(home.isValid());
        // Sessions without dates take their file's: one fixed time for every file.
        const QDateTime fixed = chasm::utcDateTime(QDate(2026, 1, 2), QTime(3, 4, 5));
        // Continue's take their creation from the file's birth time, which cannot be set: replaced below.
        QSet<QString> births;
        for (QDirIterator it(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadWrite) && file.setFileTime(fixed, QFileDevice::FileModificationTime));
            if (const QDateTime birth = QFileInfo(file).birthTime().toUTC(); birth.isValid()) {
                births << birth.toString(Qt::ISODate) << birth.toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
            }
        }
        const Run listed = chasmRun(home, {u"list"_s, u"sessions"_s, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        QMap<QString, QString> first; // provider -> the session id that sorts first
        QHash<QString, QString> workspaceOf;
        const boost::json::value all = listed.json();
        for (const boost::json::value& s : all.as_array()) {
            const QString provider = json::string(s, "provider");
            const QString id = json::string(s, "id");
            workspaceOf.insert(id, json::string(s, "workspace"));
            if (json::string(s, "error").isEmpty() && (!first.contains(provider) || id < first.value(provider))) {
                first.insert(provider, id);
            }
        }
        QVERIFY2(first.size() >= 9, qPrintable(first.keys().join(u',')));
        const QString golden = QStringLiteral(CHASM_TEST_DATA_DIR) + u"/golden/export/"_s;
        const bool update = qEnvironmentVariableIsSet("CHASM_UPDATE_GOLDEN");
        QStringList differing;
        for (auto it = first.cbegin(); it != first.cend(); ++it) {
            for (const QString& format : {u"json"_s, u"jsonl"_s, u"md"_s, u"csv"_s, u"html"_s}) {
                const QString name = it.key() + u'.' + format;
                const QString out = home.file(u"out/"_s + name);
                const Run run =
                    chasmRun(home, {u"export"_s, u"sessions"_s, out, it.value(), u"-f"_s, format, u"--json"_s});
                QVERIFY2(run.exitCode == 0, qPrintable(name + u": "_s + run.err));
                QCOMPARE(run.json().at("sessions").as_int64(), 1);
                QByteArray bytes = test::readAll(out);
                // The temporary HOME, and what is derived from its path (Aider's workspace ids).
                bytes.replace(home.path().toUtf8(), "$HOME");
                for (const QString& birth : std::as_const(births)) {
                    bytes.replace(birth.toUtf8(), "$BIRTH");
                }
                if (const QString workspace = workspaceOf.value(it.value()); workspace.size() >= 8) {
                    bytes.replace(workspace.toUtf8(), "$WORKSPACE").replace(workspace.left(8).toUtf8(), "$WS");
                }
                if (update) {
                    QVERIFY(test::writeFile(golden + name, bytes));
                }
                if (bytes != test::readAll(golden + name)) {
                    differing << name;
                }
            }
        }
        QVERIFY2(differing.isEmpty(), qPrintable(u"differ from their golden files: "_s + differing.join(u", "_s)));
    }

    // export -f json and back, for every provider: harvest import stores each session as it was (harvest
    // export writes the very same files); import sessions turns one into a VS Code session of the
    // workspace that carries every prompt and reply, with their times and models.
    void exportImportRoundTrip()
    {
        const QStringList sets{u"vscode"_s,   u"claude-code"_s, u"codex"_s,  u"gemini"_s, u"qwen"_s,
                               u"opencode"_s, u"continue"_s,    u"cursor"_s, u"droid"_s,  u"aider"_s};
        test::FixtureHome home(sets);
        QVERIFY(home.isValid());
        const Run listed = chasmRun(home, {u"list"_s, u"sessions"_s, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        QStringList ids;
        QMap<QString, QString> firstOf; // provider -> a session of it
        const boost::json::value all = listed.json();
        for (const boost::json::value& s : all.as_array()) {
            if (json::string(s, "error").isEmpty()) {
                ids << json::string(s, "id");
                if (json::integer(s, "message_count") > 0) {
                    firstOf.insert(json::string(s, "provider"), ids.last());
                }
            }
        }
        QVERIFY2(firstOf.size() >= 9, qPrintable(firstOf.keys().join(u',')));
        const QString exported = home.file(u"exported"_s);
        const Run out = chasmRun(home, QStringList{u"export"_s, u"sessions"_s, exported} + ids +
                                           QStringList{u"-f"_s, u"json"_s, u"--json"_s});
        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        const boost::json::value outResult = out.json();
        QStringList files;
        for (const boost::json::value& file : outResult.at("files").as_array()) {
            files << json::toQString(file.as_string());
        }
        QCOMPARE(files.size(), ids.size());

        const QString db = home.file(u"archive.db"_s);
        const QStringList importArgs =
            QStringList{u"harvest"_s, u"import"_s} + files + QStringList{u"--path"_s, db, u"--json"_s};
        const Run imported = chasmRun(home, importArgs);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(imported.json().at("new").as_int64(), qint64(ids.size()));
        const QString back = home.file(u"back"_s);
        const Run backOut =
            chasmRun(home, {u"harvest"_s, u"export"_s, back, u"--path"_s, db, u"-f"_s, u"json"_s, u"--json"_s});
        QVERIFY2(backOut.exitCode == 0, qPrintable(backOut.err));
        const QStringList names = QDir(exported).entryList(QDir::Files, QDir::Name);
        QCOMPARE(QDir(back).entryList(QDir::Files, QDir::Name), names);
        for (const QString& name : names) {
            QVERIFY2(test::readAll(back + u'/' + name) == test::readAll(exported + u'/' + name), qPrintable(name));
        }
        // Again: nothing new. Another session under a taken id is kept beside the one stored.
        const Run again = chasmRun(home, importArgs);
        QCOMPARE(again.json().at("unchanged").as_int64(), qint64(ids.size()));
        QCOMPARE(again.json().at("new").as_int64(), 0);
        auto changed = json::parseFile(files.first());
        QVERIFY(changed);
        changed->as_object()["title"] = "Changed elsewhere";
        const QString changedFile = home.file(u"changed.json"_s);
        QVERIFY(test::writeFile(changedFile, QByteArray::fromStdString(json::serialize(*changed))));
        const Run renamed = chasmRun(home, {u"harvest"_s, u"import"_s, changedFile, u"--path"_s, db, u"--json"_s});
        QVERIFY2(renamed.exitCode == 0, qPrintable(renamed.err));
        const boost::json::value renamedResult = renamed.json();
        QCOMPARE(renamedResult.at("new").as_int64(), 1);
        const QString newId = json::toQString(renamedResult.at("sessions").at(0).as_string());
        QVERIFY2(newId.startsWith(json::string(*changed, "id") + u'~'), qPrintable(newId));
        QVERIFY(test::writeFile(home.file(u"broken.json"_s), "{\"id\": \"x\", \"native_id\": \"x\", \"messages\": ["));
        const Run broken = chasmRun(home, {u"harvest"_s, u"import"_s, home.file(u"broken.json"_s), u"--path"_s, db});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.err.contains(u"broken.json"_s), qPrintable(broken.err));

        // Into a VS Code workspace, one session of each provider.
        const QString project = home.path() + u"/dev/projects/web app"_s;
        QVERIFY(QDir().mkpath(project));
        const QString chatSessions =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions"_s);
        for (auto it = firstOf.cbegin(); it != firstOf.cend(); ++it) {
            const QString file = files.at(ids.indexOf(it.value()));
            const QStringList before = QDir(chatSessions).entryList(QDir::Files);
            const Run in = chasmRun(home, {u"import"_s, u"sessions"_s, file, u"--target-path"_s, project, u"--editor"_s,
                                           u"code"_s, u"--json"_s});
            QVERIFY2(in.exitCode == 0, qPrintable(it.key() + u": "_s + in.err));
            const boost::json::value inResult = in.json();
            QCOMPARE(inResult.at("registered").as_int64(), 1);
            QStringList added = QDir(chatSessions).entryList(QDir::Files);
            added.removeIf([&before](const QString& f) { return before.contains(f); });
            QCOMPARE(added.size(), 1);
            const QString newSession = QFileInfo(added.first()).completeBaseName();
            const QString copy = home.file(u"copy-"_s + it.key() + u".json"_s);
            const Run copied = chasmRun(home, {u"export"_s, u"sessions"_s, copy, newSession, u"-f"_s, u"json"_s});
            QVERIFY2(copied.exitCode == 0, qPrintable(copied.err));
            const auto original = json::parseFile(file);
            const auto list = json::parseFile(copy); // a list of one session, as in any file of several
            QVERIFY(original && list && list->is_array() && list->as_array().size() == 1);
            const boost::json::value* converted = &list->as_array().front();
            QCOMPARE(json::string(*converted, "title"), json::string(*original, "title"));
            const boost::json::array& messages = json::arrayAt(*original, "messages");
            if (std::any_of(messages.begin(), messages.end(),
                            [](const boost::json::value& m) { return json::string(m, "role") == u"system"_s; })) {
                // Context the tool injected is said to be left behind.
                const QString warnings = QString::fromStdString(json::serialize(inResult.at("warnings")));
                QVERIFY2(warnings.contains(u"not carried over from "_s + it.value()), qPrintable(warnings));
            }
            // The turns: each prompt and its time, then the replies to it.
            struct Turn
            {
                QString prompt, time;
                QStringList replies;
            };
            const auto turns = [](const boost::json::value& session) {
                QList<Turn> list;
                for (const boost::json::value& m : json::arrayAt(session, "messages")) {
                    const QString role = json::string(m, "role");
                    const QString content = json::string(m, "content");
                    if (role == u"user"_s && !content.isEmpty()) {
                        list.append({content, json::string(m, "timestamp"), {}});
                    } else if (role == u"assistant"_s && !list.isEmpty()) {
                        list.last().replies << content << json::string(m, "model");
                    }
                }
                return list;
            };
            const QList<Turn> originalTurns = turns(*original);
            const QList<Turn> convertedTurns = turns(*converted);
            QVERIFY2(!originalTurns.isEmpty(), qPrintable(it.key()));
            QCOMPARE(convertedTurns.size(), originalTurns.size());
            for (qsizetype i = 0; i < originalTurns.size(); ++i) {
                QCOMPARE(convertedTurns.at(i).prompt, originalTurns.at(i).prompt);
                if (!originalTurns.at(i).time.isEmpty()) { // else the session's creation stands in
                    QCOMPARE(convertedTurns.at(i).time, originalTurns.at(i).time);
                }
                const QString reply = convertedTurns.at(i).replies.join(u'\n');
                for (const QString& part : originalTurns.at(i).replies) {
                    QVERIFY2(reply.contains(part), qPrintable(it.key() + u": "_s + part + u" not in "_s + reply));
                }
            }
            // The same file again is recognised.
            const Run twice = chasmRun(home, {u"import"_s, u"sessions"_s, file, u"--target-path"_s, project,
                                              u"--editor"_s, u"code"_s, u"--json"_s});
            QCOMPARE(twice.json().at("registered").as_int64(), 0);
        }
    }

    // export path|workspace|sessions|batch into folders: names, no overwriting, and PDF by the binary.
    void exportCommands()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        const QString project = home.path() + u"/dev/projects/web app"_s;
        const QString folder = home.file(u"exported"_s);
        const Run path = chasmRun(home, {u"export"_s, u"path"_s, folder, project, u"-f"_s, u"md"_s, u"--json"_s});
        QVERIFY2(path.exitCode == 0, qPrintable(path.err));
        const boost::json::value written = path.json();
        const qint64 count = written.at("sessions").as_int64();
        QVERIFY(count >= 3);
        QCOMPARE(qint64(written.at("files").as_array().size()), count);
        QCOMPARE(written.at("skipped").as_array().size(), std::size_t(1)); // ffff6666 cannot be read
        const QRegularExpression named(u"/\\d{4}-\\d{2}-\\d{2}-[a-z0-9-]+-[0-9a-z-]{1,8}\\.md$"_s);
        for (const boost::json::value& file : written.at("files").as_array()) {
            const QString name = json::toQString(file.as_string());
            QVERIFY2(named.match(name).hasMatch() || name.contains(u"/undated-"_s), qPrintable(name));
        }
        // Again into the same folder: new names, nothing overwritten.
        const Run again = chasmRun(home, {u"export"_s, u"path"_s, folder, project, u"-f"_s, u"md"_s});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 2 * count);

        const Run workspace =
            chasmRun(home, {u"export"_s, u"workspace"_s, home.file(u"ws.csv"_s), u"5d41"_s, u"-f"_s, u"csv"_s});
        QVERIFY2(workspace.exitCode == 0, qPrintable(workspace.err));
        const QByteArray csv = test::readAll(home.file(u"ws.csv"_s));
        QVERIFY(csv.startsWith("session_id,title,provider,project,index,role,timestamp,model,content"));
        QCOMPARE(csv.count("\r\nsession_id,"), 0); // one header for all
        const Run batch = chasmRun(home, {u"export"_s, u"batch"_s, home.file(u"all.json"_s), project,
                                          u"/home/dev/projects/shop"_s, u"--json"_s});
        QVERIFY2(batch.exitCode == 0, qPrintable(batch.err));
        const auto array = json::parse(test::readAll(home.file(u"all.json"_s)).toStdString(), u"test"_s);
        QVERIFY(array && array->is_array());
        QCOMPARE(qint64(array->as_array().size()), batch.json().at("sessions").as_int64());
        QCOMPARE(chasmRun(home, {u"export"_s, u"batch"_s, home.file(u"all.json"_s), project}).exitCode, 1); // exists

        // PDF: typeset by the real binary, which loads Qt's GUI module for it.
        QProcess process;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(home.path());
        process.start(QStringLiteral(CHASM_CLI_BINARY),
                      {u"export"_s, u"sessions"_s, home.file(u"pdf"_s), u"aaaa1111"_s, u"--format"_s, u"pdf"_s});
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QStringList pdfs = QDir(home.file(u"pdf"_s)).entryList({u"*.pdf"_s});
        QCOMPARE(pdfs.size(), 1);
        const QByteArray pdf = test::readAll(home.file(u"pdf/"_s + pdfs.first()));
        QVERIFY(pdf.startsWith("%PDF-") && pdf.size() > 1000);
        // In-process (no GUI module loaded) PDF is refused with a clear error.
        const Run refused =
            chasmRun(home, {u"export"_s, u"sessions"_s, home.file(u"p.pdf"_s), u"aaaa1111"_s, u"-f"_s, u"pdf"_s});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"PDF export needs"_s), qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(home.file(u"p.pdf"_s)));
    }

    // A NUL or an escape sequence in a session file reaches no terminal raw: show session and the session table
    // show U+FFFD for it (--json keeps it, escaped).
    void controlCharactersReachNoTerminal()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString id = u"c0c0c0c0-aaaa-4bbb-8ccc-000000000001"_s;
        const QByteArray line =
            "{\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"external\","
            "\"cwd\":\"/home/dev/projects/web app\","
            "\"sessionId\":\"c0c0c0c0-aaaa-4bbb-8ccc-000000000001\",\"version\":\"2.1.197\",\"uuid\":\"u1\","
            "\"timestamp\":\"2026-03-01T10:00:00.100Z\",\"type\":\"user\",\"message\":{\"role\":\"user\","
            "\"content\":\"nul \\u0000 title \\u001b]0;owned\\u0007 clear \\u001b[2J csi \\u009b end\"}}\n";
        QVERIFY(test::writeFile(home.file(u".claude/projects/-home-dev-projects-web-app/"_s + id + u".jsonl"_s), line));
        for (const QStringList& args :
             {QStringList{u"show"_s, u"session"_s, u"c0c0c0c0"_s}, QStringList{u"list"_s, u"sessions"_s}}) {
            const Run run = chasmRun(home, args);
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.out.contains(u"nul \uFFFD title \uFFFD"_s), qPrintable(run.out));
            for (const QChar c : run.out) {
                QVERIFY2(c.unicode() >= 0x20 || c == u'\n' || c == u'\t', qPrintable(args.join(u' ')));
                QVERIFY2(c.unicode() < 0x7f || c.unicode() > 0x9f, qPrintable(args.join(u' ')));
            }
        }
        const Run json = chasmRun(home, {u"show"_s, u"session"_s, u"c0c0c0c0"_s, u"--json"_s});
        QVERIFY(json.out.contains(u"nul \\u0000 title \\u001b]0;owned\\u0007"_s));
    }

    // An export refuses a link at its destination, saying so, and creates nothing where the link points.
    void exportRefusesALink()
    {
        const QString link = m_home.file(u"out.md"_s);
        QVERIFY(QFile::link(m_home.file(u"elsewhere/x.md"_s), link));
        const Run refused = chasmRun(m_home, {u"export"_s, u"sessions"_s, link, u"aaaa1111"_s, u"-f"_s, u"md"_s});
        QFile::remove(link);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(link + u" is a symbolic link"_s), qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(m_home.file(u"elsewhere"_s)));
    }

    void binarySmokeTest()
    {
        QProcess process;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_home.path());
        environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(CHASM_CLI_BINARY), {u"list"_s, u"sessions"_s, u"--json"_s});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        boost::system::error_code ec;
        const boost::json::value v = boost::json::parse(process.readAllStandardOutput().toStdString(), ec);
        QVERIFY(!ec);
        QCOMPARE(v.as_array().size(), std::size_t(8));
    }

private:
    test::FixtureHome m_home;
    QString m_project;
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
