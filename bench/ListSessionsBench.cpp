// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Lists a generated HOME holding sessions of every provider the listing reads and reports the first
// listing (no listing cache), the listing from the cache an earlier run left (as a new `chasm list sessions`
// finds it) and the same through the real command. VS Code logs, Claude Code transcripts and Codex
// rollouts are generated in their real shapes (tool calls with their output, injected context, snapshots,
// reasoning), a few to 20 turns each; Gemini, Qwen, Droid and Continue sessions are copies of the tests'
// fixtures; the fixtures of Cursor, Windsurf, OpenCode and Aider are there once each.
//
//   bench_list_sessions [--sessions 20000] [--runs 5] [--dir DIR] [--keep]
//
// --keep leaves the generated HOME in place and prints where it is (to compare listings before and after a change).

#include "providers/SessionCatalog.h"
#include "util/QtVersions.h"

#include "BenchOptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using namespace Qt::StringLiterals;

namespace {

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(1);
    }
    return file.readAll();
}

QByteArray id(int n)
{
    return QByteArray::number(n).rightJustified(8, '0') + "-0000-4000-8000-000000000000";
}

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// An ISO time `seconds` after the session's start.
QByteArray isoTime(qint64 startMs, qint64 seconds)
{
    return chasm::utcFromMs(startMs + seconds * 1000).toString(Qt::ISODateWithMs).toLatin1();
}

// Text as it sits in a JSON string: source code with escaped newlines and quotes.
QByteArray code(std::mt19937& random, int bytes)
{
    static const QByteArray lines[] = {
        R"(    if (!file.open(QIODevice::ReadOnly)) {\n)",
        R"(        return Error{u\"cannot read %1\"_s.arg(path)};\n)",
        R"(    const auto records = json::readLines(path, handler);\n)",
        R"(    for (const QString& name : folder.entryList()) {\n)",
        R"(// Counts the requests of a log and where each one starts.\n)",
        R"(    m_session.messages.append(std::move(message));\n)",
        R"(}\n\n)",
    };
    QByteArray text;
    while (text.size() < bytes) {
        text += lines[random() % std::size(lines)];
    }
    return text;
}

struct Generated
{
    int sessions = 0;
    qint64 bytes = 0;
};

void writeCounted(Generated& generated, const QString& path, const QByteArray& bytes)
{
    write(path, bytes);
    ++generated.sessions;
    generated.bytes += bytes.size();
}

// A Claude Code transcript: a queued prompt, then turns of a typed question, an answer written as a text
// record and a tool_use record of the same API message, the tool's result (twice, as Claude Code writes it:
// in the message and in toolUseResult), file-history snapshots; some end with a summary or a custom title.
QByteArray claudeTranscript(int n, std::mt19937& random, qint64 startMs)
{
    const QByteArray sid = id(n);
    const QByteArray cwd = "/home/me/projects/p" + number(n % 100);
    const QByteArray common = "\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"" + cwd +
                              "\",\"sessionId\":\"" + sid + "\",\"version\":\"2.1.197\",\"gitBranch\":\"main\"";
    const int turns = 2 + int(random() % 18);
    QByteArray out = "{\"type\":\"queue-operation\",\"operation\":\"enqueue\",\"timestamp\":\"" + isoTime(startMs, 0) +
                     "\",\"sessionId\":\"" + sid + "\",\"content\":\"Fix the failing build in p" + number(n) + "\"}\n";
    QByteArray parent = "null";
    qint64 t = 0;
    int u = 0;
    const auto uuid = [&n, &u]() -> QByteArray {
        return "\"" + id(n).left(8) + "-" + number(++u).rightJustified(4, '0') + "\"";
    };
    for (int turn = 0; turn < turns; ++turn) {
        const QByteArray user = uuid();
        out += "{\"parentUuid\":" + parent + "," + common + ",\"type\":\"user\",\"message\":{\"role\":\"user\"," +
               "\"content\":\"Question " + number(turn) + " of session " + number(n) +
               ": why does the build fail on the tests of the listing?\"},\"uuid\":" + user + ",\"timestamp\":\"" +
               isoTime(startMs, t += 5) + "\"}\n";
        const QByteArray messageId = "\"msg_" + number(n) + "_" + number(turn) + "\"";
        const QByteArray usage = ",\"usage\":{\"input_tokens\":" + number(1000 + turn) +
                                 ",\"cache_creation_input_tokens\":200,\"cache_read_input_tokens\":12000,"
                                 "\"output_tokens\":" +
                                 number(100 + turn) + ",\"service_tier\":\"standard\"}";
        const QByteArray text = uuid();
        out += "{\"parentUuid\":" + user + "," + common + ",\"message\":{\"id\":" + messageId +
               ",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":"
               "\"text\",\"text\":\"Let me read the file that fails first.\"}],\"stop_reason\":null" +
               usage + "},\"requestId\":\"req_" + number(n) + "\",\"type\":\"assistant\",\"uuid\":" + text +
               ",\"timestamp\":\"" + isoTime(startMs, t += 3) + "\"}\n";
        const QByteArray use = uuid();
        const QByteArray callId = "\"toolu_" + number(n) + "_" + number(turn) + "\"";
        out += "{\"parentUuid\":" + text + "," + common + ",\"message\":{\"id\":" + messageId +
               ",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":"
               "\"tool_use\",\"id\":" +
               callId + ",\"name\":\"Read\",\"input\":{\"file_path\":\"" + cwd + "/src/file" + number(turn) +
               ".cpp\"}}],\"stop_reason\":\"tool_use\"" + usage + "},\"type\":\"assistant\",\"uuid\":" + use +
               ",\"timestamp\":\"" + isoTime(startMs, t += 1) + "\"}\n";
        const QByteArray output = code(random, 500 + int(random() % 3000));
        const QByteArray result = uuid();
        out += "{\"parentUuid\":" + use + "," + common +
               ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":" + callId +
               ",\"type\":\"tool_result\",\"content\":\"" + output + "\"}]},\"uuid\":" + result + ",\"timestamp\":\"" +
               isoTime(startMs, t += 1) + "\",\"toolUseResult\":{\"type\":\"text\",\"file\":{\"filePath\":\"" + cwd +
               "/src/file" + number(turn) + ".cpp\",\"content\":\"" + output + "\",\"numLines\":40}}}\n";
        const QByteArray answer = uuid();
        out += "{\"parentUuid\":" + result + "," + common + ",\"message\":{\"id\":\"msg_" + number(n) + "_" +
               number(turn) +
               "b\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{"
               "\"type\":\"text\",\"text\":\"The test expects the cached entry to carry the inode; I changed "
               "describe() so that it does.\"}],\"stop_reason\":\"end_turn\"" +
               usage + "},\"type\":\"assistant\",\"uuid\":" + answer + ",\"timestamp\":\"" + isoTime(startMs, t += 4) +
               "\"}\n";
        out += "{\"type\":\"file-history-snapshot\",\"messageId\":" + answer +
               ",\"snapshot\":{\"messageId\":" + answer + ",\"trackedFileBackups\":{},\"timestamp\":\"" +
               isoTime(startMs, t) + "\"},\"isSnapshotUpdate\":false}\n";
        parent = answer;
    }
    if (n % 5 == 0) {
        out += "{\"type\":\"summary\",\"summary\":\"Listing cache keeps inodes\",\"leafUuid\":" + parent + "}\n";
    } else if (n % 7 == 0) {
        out +=
            "{\"type\":\"custom-title\",\"customTitle\":\"Session " + number(n) + "\",\"sessionId\":\"" + sid + "\"}\n";
    }
    return out;
}

// A Codex rollout: session_meta with the base instructions, turn contexts, the injected environment context,
// typed questions, encrypted reasoning, function calls with their output, token counts.
QByteArray codexRollout(int n, std::mt19937& random, qint64 startMs)
{
    const QByteArray sid = id(n);
    qint64 t = 0;
    const auto line = [&startMs, &t](const QByteArray& type, const QByteArray& payload) -> QByteArray {
        return "{\"timestamp\":\"" + isoTime(startMs, t++) + "\",\"type\":\"" + type + "\",\"payload\":" + payload +
               "}\n";
    };
    const QByteArray cwd = "/home/me/projects/p" + number(n % 100);
    QByteArray out =
        line("session_meta", "{\"id\":\"" + sid + "\",\"timestamp\":\"" + isoTime(startMs, 0) + "\",\"cwd\":\"" + cwd +
                                 "\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.169.0\","
                                 "\"model_provider\":\"openai\",\"base_instructions\":{\"text\":\"" +
                                 QByteArray(6000, 'i') + "\"}}");
    out += line("response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                                 "\"text\":\"<environment_context>\\n  <cwd>" +
                                     cwd + "</cwd>\\n  <shell>bash</shell>\\n</environment_context>\"}]}");
    const int turns = 1 + int(random() % 12);
    for (int turn = 0; turn < turns; ++turn) {
        out += line("turn_context", "{\"cwd\":\"" + cwd +
                                        "\",\"approval_policy\":\"on-request\",\"sandbox_policy\":{\"mode\":"
                                        "\"workspace-write\"},\"model\":\"gpt-5-codex\",\"summary\":\"auto\"}");
        out += line("event_msg", "{\"type\":\"task_started\",\"model_context_window\":272000}");
        out += line("response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                                     "\"text\":\"Step " +
                                         number(turn) + " of task " + number(n) +
                                         ": run the tests and fix what fails\"}]}");
        const int calls = 1 + int(random() % 4);
        for (int call = 0; call < calls; ++call) {
            out += line("response_item", "{\"type\":\"reasoning\",\"summary\":[],\"content\":null,"
                                         "\"encrypted_content\":\"" +
                                             QByteArray(800 + int(random() % 1600), 'e') + "\"}");
            const QByteArray callId = "\"call_" + number(n) + "_" + number(turn) + "_" + number(call) + "\"";
            out += line("response_item", "{\"type\":\"function_call\",\"name\":\"exec_command\",\"arguments\":"
                                         "\"{\\\"cmd\\\":\\\"ctest --output-on-failure\\\",\\\"workdir\\\":\\\"" +
                                             cwd + "\\\"}\",\"call_id\":" + callId + "}");
            out += line("response_item", "{\"type\":\"function_call_output\",\"call_id\":" + callId + ",\"output\":\"" +
                                             code(random, 300 + int(random() % 2500)) + "\"}");
            out += line("event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":" +
                                         number(5000 * (turn + 1)) + ",\"output_tokens\":300,\"total_tokens\":" +
                                         number(5300 * (turn + 1)) + "}},\"rate_limits\":null}");
        }
        out += line("response_item", "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
                                     "\"output_text\",\"text\":\"The tests pass now: the cache keeps the inode.\"}]}");
        out += line("event_msg", "{\"type\":\"agent_message\",\"message\":\"The tests pass now.\"}");
    }
    return out;
}

// A VS Code chat log: the kind-0 header, then requests appended one at a time with their responses.
QByteArray vscodeLog(int n, std::mt19937& random, qint64 startMs)
{
    const QByteArray sid = id(n);
    QByteArray out = "{\"kind\":0,\"v\":{\"version\":3,\"creationDate\":" + number(startMs) + ",\"sessionId\":\"" +
                     sid + "\",\"responderUsername\":\"GitHub Copilot\",\"requests\":[]}}\n";
    const int requests = 1 + int(random() % 8);
    for (int r = 0; r < requests; ++r) {
        out += "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"request_" + number(n) + "_" + number(r) +
               "\",\"timestamp\":" + number(startMs + r * 60000) + ",\"message\":{\"text\":\"Question " + number(r) +
               " about the build and the failing tests of p" + number(n % 100) +
               "\",\"parts\":[]},\"variableData\":{\"variables\":[]},\"response\":[{\"value\":\"" +
               code(random, 200 + int(random() % 1500)) +
               "\",\"supportThemeIcons\":false}],\"modelId\":\"copilot/gpt-4o\",\"isCanceled\":false}]}\n";
        out += "{\"kind\":1,\"k\":[\"requests\"," + number(r) +
               ",\"modelState\"],\"v\":{\"value\":1,\"completedAt\":" + number(startMs + r * 60000 + 5000) + "}}\n";
    }
    return out;
}

bool runScript(const QString& path, const QByteArray& script)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-fixture"_s);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QByteArray& statement : script.split(';')) {
            if (ok && !statement.trimmed().isEmpty()) {
                ok = query.exec(QString::fromUtf8(statement));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bench-fixture"_s);
    return ok;
}

// The tests' fixture HOME of one provider, once, as the tests build it (`${HOME}` replaced, each <db>.sql
// run into the SQLite database <db>); VS Code index.json files are left out.
void copyFixture(const QString& home, const QString& set)
{
    const QString root = QStringLiteral(CHASM_TEST_DATA) + u'/' + set + u"/home"_s;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = home + from.mid(root.size());
        QByteArray bytes = readAll(from);
        if (to.endsWith(u".sql"_s)) {
            QDir().mkpath(QFileInfo(to).absolutePath());
            if (!runScript(to.chopped(4), bytes)) {
                std::fprintf(stderr, "cannot create %s\n", qPrintable(to.chopped(4)));
                std::exit(1);
            }
        } else if (!to.endsWith(u"index.json"_s)) {
            write(to, bytes.replace("${HOME}", home.toUtf8()));
        }
    }
}

// `copies` sessions in `folder` made from one fixture session, each under a file name `name(copy)`.
void multiply(Generated& generated, const QString& fixture, const QString& folder, int copies,
              const std::function<QString(int)>& name)
{
    const QByteArray bytes = readAll(QStringLiteral(CHASM_TEST_DATA) + u'/' + fixture);
    for (int copy = 0; copy < copies; ++copy) {
        writeCounted(generated, folder + u'/' + name(copy), bytes);
    }
}

QString uuidName(int copy, const QString& suffix)
{
    return QString::number(copy).rightJustified(8, u'0') + u"-1111-4000-8000-000000000000"_s + suffix;
}

// Of `count` sessions: 30 % VS Code, 35 % Claude Code, 27 % Codex, 2 % each of Gemini, Qwen, Droid and
// Continue; then the other providers' fixtures once.
Generated generate(const QString& home, int count)
{
    Generated generated;
    const int vscode = count * 30 / 100;
    const int claude = count * 35 / 100;
    const int small = count * 2 / 100;
    const int codex = count - vscode - claude - 4 * small;
    const qint64 base = chasm::utcDateTime(QDate(2026, 1, 1), QTime(9, 0)).toMSecsSinceEpoch();
    for (int n = 0; n < vscode + claude + codex; ++n) {
        std::mt19937 random(n);
        const qint64 startMs = base + qint64(n) * 37 * 60 * 1000;
        if (n < vscode) {
            const QString workspace = home + u"/.config/Code/User/workspaceStorage/ws%1"_s.arg(n % 100);
            if (n < 100) {
                write(workspace + u"/workspace.json"_s,
                      "{\"folder\":\"file:///home/me/projects/p" + QByteArray::number(n) + "\"}");
            }
            writeCounted(generated, workspace + u"/chatSessions/"_s + QString::fromLatin1(id(n)) + u".jsonl"_s,
                         vscodeLog(n, random, startMs));
        } else if (n < vscode + claude) {
            writeCounted(generated,
                         home + u"/.claude/projects/-home-me-projects-p%1/"_s.arg(n % 100) +
                             QString::fromLatin1(id(n)) + u".jsonl"_s,
                         claudeTranscript(n, random, startMs));
        } else {
            const QDateTime start = chasm::utcFromMs(startMs);
            writeCounted(generated,
                         home + u"/.codex/sessions/"_s + start.toString(u"yyyy/MM/dd"_s) + u"/rollout-"_s +
                             start.toString(u"yyyy-MM-ddTHH-mm-ss"_s) + u'-' + QString::fromLatin1(id(n)) + u".jsonl"_s,
                         codexRollout(n, random, startMs));
        }
    }
    multiply(generated, u"gemini/home/.gemini/tmp/webapp/chats/session-2026-04-01T10-00-9a1b2c3d.jsonl"_s,
             home + u"/.gemini/tmp/webapp/chats"_s, small,
             [](int copy) { return u"session-2026-04-01T10-00-%1.jsonl"_s.arg(copy, 8, 16, QChar(u'0')); });
    multiply(generated,
             u"qwen/home/.qwen/projects/-home-dev-projects-cli/chats/7b7b7b7b-0000-4000-8000-000000000003.jsonl"_s,
             home + u"/.qwen/projects/-home-dev-projects-cli/chats"_s, small,
             [](int copy) { return uuidName(copy, u".jsonl"_s); });
    multiply(generated,
             u"droid/home/.factory/sessions/-home-dev-projects-shop/d1d1d1d1-0000-4000-8000-000000000001.jsonl"_s,
             home + u"/.factory/sessions/-home-dev-projects-shop"_s, small,
             [](int copy) { return uuidName(copy, u".jsonl"_s); });
    multiply(generated, u"continue/home/.continue/sessions/c1c1c1c1-0000-4000-8000-000000000001.json"_s,
             home + u"/.continue/sessions"_s, small, [](int copy) { return uuidName(copy, u".json"_s); });
    for (const QString& set : {u"cursor"_s, u"opencode"_s, u"aider"_s}) {
        copyFixture(home, set);
    }
    return generated;
}

// The command itself, as a person runs it: `chasm list sessions --json` with HOME set; its output is counted
// and dropped.
double runCommand(const QString& home)
{
    QProcess process;
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, home);
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    environment.insert(u"TZ"_s, u"Europe/Berlin"_s);
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(home);
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(CHASM_CLI_BINARY), {u"list"_s, u"sessions"_s});
    if (!process.waitForFinished(600'000) || process.exitCode() != 0) {
        std::fprintf(stderr, "chasm list sessions failed: %s\n", process.readAllStandardError().constData());
        std::exit(1);
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&args](const QString& name, const QString& fallback) {
        return chasm::bench::option(args, name, fallback);
    };
    const int count = option(u"--sessions"_s, u"20000"_s).toInt();
    const int runs = std::max(1, option(u"--runs"_s, u"5"_s).toInt());
    QTemporaryDir home(option(u"--dir"_s, QDir::tempPath()) + u"/chasm-list-XXXXXX"_s);
    const Generated generated = generate(home.path(), count);
    if (args.contains(u"--keep"_s)) {
        home.setAutoRemove(false);
        std::printf("HOME kept in %s\n", qPrintable(home.path()));
    }
    const QString cacheFile = home.path() + u"/.cache/chasm/sessions.cache"_s;
    const chasm::Environment environment =
        chasm::Environment::fromVariables({{u"HOME"_s, home.path()}}, chasm::Platform::Linux);

    // Each listing by a catalog of its own, as each run of the command has: cold without the cache file,
    // warm with the one the run before left.
    const auto list = [&environment](qsizetype& listed) {
        const chasm::SessionCatalog catalog(environment);
        const auto providers = catalog.providers().value();
        QElapsedTimer timer;
        timer.start();
        listed = catalog.sessions(providers, catalog.workspaces(providers)).size();
        return double(timer.nsecsElapsed()) / 1e9;
    };
    qsizetype listed = 0;
    std::vector<double> cold;
    std::vector<double> warm;
    std::vector<double> commandCold;
    std::vector<double> commandWarm;
    for (int run = 0; run < runs; ++run) {
        QFile::remove(cacheFile);
        cold.push_back(list(listed));
        warm.push_back(list(listed));
        QFile::remove(cacheFile);
        commandCold.push_back(runCommand(home.path()));
        commandWarm.push_back(runCommand(home.path()));
    }
    std::printf("%lld sessions listed of every provider (%d generated files, %.0f MB)\n",
                static_cast<long long>(listed), generated.sessions, double(generated.bytes) / 1e6);
    std::printf("  catalog, no cache:          median %.3f s over %d runs\n", chasm::bench::median(cold), runs);
    std::printf("  catalog, cache of last run: median %.3f s\n", chasm::bench::median(warm));
    std::printf("  chasm list sessions, cold:  median %.3f s\n", chasm::bench::median(commandCold));
    std::printf("  chasm list sessions, warm:  median %.3f s\n", chasm::bench::median(commandWarm));
    return listed >= generated.sessions ? 0 : 1;
}
