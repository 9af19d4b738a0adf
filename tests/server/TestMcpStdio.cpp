// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// `chasm mcp serve` driven as a client drives it: a child process spoken to over stdin and stdout, one JSON-RPC
// message per line, on a fixture HOME whose database the first tool call harvests.

#include "ChasmProcess.h"
#include "FixtureHome.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <QTest>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

std::string text(const boost::json::value& v)
{
    return v.is_string() ? std::string(v.get_string()) : boost::json::serialize(v);
}

// One `chasm mcp serve` process and every line it wrote to stdout, each checked to be a JSON-RPC message.
class McpProcess
{
public:
    McpProcess(const QString& home, const QString& database, const QStringList& extra = {})
    {
        test::startChasm(m_process, home, QStringList{u"mcp"_s, u"serve"_s, u"--db"_s, database} + extra);
    }
    ~McpProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    bool started() { return m_process.waitForStarted(); }
    void write(const QByteArray& line) { m_process.write(line + '\n'); }
    void send(const boost::json::object& message) { write(QByteArray::fromStdString(boost::json::serialize(message))); }
    // Sends a request and waits for its response; what arrived meanwhile stays in messages().
    boost::json::object request(const std::string& method, boost::json::object params = {}, int timeoutMs = 180000)
    {
        const int id = ++m_lastId;
        send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
        return waitForResponse(id, timeoutMs);
    }
    boost::json::object waitForResponse(const boost::json::value& id, int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            for (const boost::json::object& message : m_messages) {
                if (const auto* got = message.if_contains("id"); got && *got == id && !message.contains("method")) {
                    return message;
                }
            }
            if (timer.elapsed() > timeoutMs || !readMore(int(timeoutMs - timer.elapsed()))) {
                return {};
            }
        }
    }
    // Reads what came within `ms`; false when nothing did.
    bool readMore(int ms)
    {
        QByteArray got = m_process.readAllStandardOutput();
        if (got.isEmpty() && m_process.waitForReadyRead(std::max(ms, 1))) {
            got = m_process.readAllStandardOutput();
        }
        if (got.isEmpty()) {
            return false;
        }
        m_buffer += got;
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            boost::system::error_code ec;
            const boost::json::value value = boost::json::parse(line.toStdString(), ec);
            if (ec || !value.is_object() || value.get_object().if_contains("jsonrpc") == nullptr ||
                value.get_object().at("jsonrpc") != "2.0") {
                m_stray << line;
            } else {
                m_messages.push_back(value.get_object());
            }
        }
        return true;
    }
    boost::json::object callTool(const std::string& name, boost::json::object arguments, boost::json::object meta = {})
    {
        boost::json::object params{{"name", name}, {"arguments", std::move(arguments)}};
        if (!meta.empty()) {
            params["_meta"] = std::move(meta);
        }
        return request("tools/call", std::move(params));
    }
    boost::json::object initialize(const std::string& version = "2025-11-25")
    {
        auto reply = request("initialize", {{"protocolVersion", version},
                                            {"capabilities", boost::json::object()},
                                            {"clientInfo", {{"name", "test"}, {"version", "1"}}}});
        send({{"jsonrpc", "2.0"}, {"method", "notifications/initialized"}});
        return reply;
    }

    QProcess& process() { return m_process; }
    const std::vector<boost::json::object>& messages() const { return m_messages; }
    // Lines on stdout that are not JSON-RPC messages: there must be none.
    const QList<QByteArray>& stray() const { return m_stray; }
    int nextId() const { return m_lastId + 1; }
    int takeId() { return ++m_lastId; }

private:
    QProcess m_process;
    QByteArray m_buffer;
    std::vector<boost::json::object> m_messages;
    QList<QByteArray> m_stray;
    int m_lastId = 0;
};

// The structured result of a successful tool call.
const boost::json::object& structured(const boost::json::object& reply)
{
    static const boost::json::object none;
    const auto* result = reply.if_contains("result");
    const auto* content = result ? result->get_object().if_contains("structuredContent") : nullptr;
    return content ? content->get_object() : none;
}

bool isToolError(const boost::json::object& reply)
{
    const auto* result = reply.if_contains("result");
    return result && result->get_object().contains("isError") && result->get_object().at("isError") == true;
}

std::string toolErrorText(const boost::json::object& reply)
{
    return text(reply.at("result").at("content").at(0).at("text"));
}

int errorCode(const boost::json::object& reply)
{
    const auto* error = reply.if_contains("error");
    return error ? int(error->at("code").to_number<int>()) : 0;
}

// A Claude Code transcript as Claude Code writes one: a user and an assistant line per turn, in `project`.
// `first` numbers the lines, so that transcripts written one after the other make one session.
QByteArray claudeTranscript(const QString& sessionId, const QString& project, const QList<QByteArray>& texts,
                            qsizetype first = 0)
{
    QByteArray out;
    for (qsizetype line = 0; line < texts.size(); ++line) {
        const qsizetype i = first + line;
        const bool user = i % 2 == 0;
        boost::json::object record{
            {"parentUuid", i == 0 ? boost::json::value(nullptr) : boost::json::value(std::to_string(i - 1))},
            {"isSidechain", false},
            {"cwd", project.toStdString()},
            {"sessionId", sessionId.toStdString()},
            {"uuid", std::to_string(i)},
            {"timestamp", QDateTime(QDate(2026, 5, 1), QTime(9, 0), QTimeZone::utc())
                              .addSecs(i)
                              .toString(Qt::ISODate)
                              .toStdString()},
            {"type", user ? "user" : "assistant"}};
        if (user) {
            record["message"] = {{"role", "user"}, {"content", texts.at(line).toStdString()}};
        } else {
            record["message"] = {
                {"role", "assistant"},
                {"model", "claude-sonnet-4-5"},
                {"content", {boost::json::object{{"type", "text"}, {"text", texts.at(line).toStdString()}}}}};
        }
        out += QByteArray::fromStdString(boost::json::serialize(record)) + '\n';
    }
    return out;
}

QString claudeFile(const QString& home, const QString& project, const QString& sessionId)
{
    QString folder = project;
    folder.replace(u'/', u'-').replace(u' ', u'-');
    return home + u"/.claude/projects/"_s + folder + u'/' + sessionId + u".jsonl"_s;
}

} // namespace

class TestMcpStdio : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_data.isValid());
        m_database = m_data.filePath(u"chasm-%1.db"_s.arg(++m_run));
    }

    void versions_data()
    {
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("agreed");
        QTest::newRow("2024-11-05") << u"2024-11-05"_s << u"2024-11-05"_s;
        QTest::newRow("2025-03-26") << u"2025-03-26"_s << u"2025-03-26"_s;
        QTest::newRow("2025-06-18") << u"2025-06-18"_s << u"2025-06-18"_s;
        QTest::newRow("2025-11-25") << u"2025-11-25"_s << u"2025-11-25"_s;
        QTest::newRow("newer, unknown") << u"2026-07-28"_s << u"2025-11-25"_s;
        QTest::newRow("nonsense") << u"v1"_s << u"2025-11-25"_s;
    }
    void versions()
    {
        QFETCH(QString, asked);
        QFETCH(QString, agreed);
        test::FixtureHome home(QStringList{u"claude-code"_s});
        McpProcess mcp(home.path(), m_database, {u"--no-harvest"_s});
        QVERIFY(mcp.started());
        const auto reply = mcp.initialize(asked.toStdString());
        QVERIFY2(reply.contains("result"), boost::json::serialize(reply).c_str());
        const auto& result = reply.at("result").get_object();
        QCOMPARE(text(result.at("protocolVersion")), agreed.toStdString());
        QCOMPARE(text(result.at("serverInfo").at("name")), std::string("chasm"));
        QVERIFY(result.at("capabilities").get_object().contains("tools"));
        for (const char* capability : {"tools", "resources", "prompts", "logging"}) {
            QVERIFY2(result.at("capabilities").get_object().contains(capability), capability);
        }

        // Output schemas and structured content only for the versions that know them.
        const auto tools = mcp.request("tools/list");
        const auto& list = tools.at("result").at("tools").get_array();
        QVERIFY(list.size() >= 3);
        const bool structuredVersion = agreed >= u"2025-06-18"_s;
        for (const auto& tool : list) {
            const auto& t = tool.get_object();
            QVERIFY(text(t.at("name")).starts_with("chasm_"));
            QVERIFY(!text(t.at("description")).empty());
            QCOMPARE(t.at("inputSchema").at("type"), boost::json::value("object"));
            QCOMPARE(t.at("inputSchema").at("additionalProperties"), boost::json::value(false));
            QCOMPARE(t.at("annotations").at("readOnlyHint"), boost::json::value(true));
            QCOMPARE(t.contains("outputSchema"), structuredVersion);
        }
        QVERIFY(mcp.stray().isEmpty());
    }

    // What a client can get wrong gets the JSON-RPC error for it, and the server goes on answering.
    void protocolErrors()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        McpProcess mcp(home.path(), m_database, {u"--no-harvest"_s});
        QVERIFY(mcp.started());
        mcp.initialize();

        mcp.write(R"({"jsonrpc":"2.0","id":1,"method":"ping")"); // cut short
        auto reply = mcp.waitForResponse(nullptr);
        QCOMPARE(errorCode(reply), -32700);

        mcp.write(R"({"jsonrpc":"2.0","id":"abc","params":{}})");
        QCOMPARE(errorCode(mcp.waitForResponse("abc")), -32600);
        mcp.write(R"({"jsonrpc":"1.0","id":"old","method":"ping"})");
        QCOMPARE(errorCode(mcp.waitForResponse("old")), -32600);
        mcp.write(R"({"jsonrpc":"2.0","id":"p","method":"tools/list","params":[1,2]})");
        QCOMPARE(errorCode(mcp.waitForResponse("p")), -32600);

        QCOMPARE(errorCode(mcp.request("server/discover")), -32601);
        QCOMPARE(errorCode(mcp.request("no/such/method")), -32601);
        QCOMPARE(errorCode(mcp.request("logging/setLevel", {{"level", "loud"}})), -32602);
        QVERIFY(mcp.request("logging/setLevel", {{"level", "debug"}}).contains("result"));

        reply = mcp.callTool("chasm_no_such_tool", {});
        QCOMPARE(errorCode(reply), -32602);
        QVERIFY(text(reply.at("error").at("message")).find("chasm_no_such_tool") != std::string::npos);

        // Bad arguments are the model's to fix: a result marked isError that names the argument.
        reply = mcp.callTool("chasm_search_sessions", {{"query", "build"}, {"limit", "ten"}});
        QVERIFY(isToolError(reply));
        QVERIFY2(toolErrorText(reply).find("'limit'") != std::string::npos, toolErrorText(reply).c_str());
        reply = mcp.callTool("chasm_search_sessions", {{"limit", 5}});
        QVERIFY(isToolError(reply));
        QVERIFY(toolErrorText(reply).find("'query' is required") != std::string::npos);
        reply = mcp.callTool("chasm_search_sessions", {{"query", "x"}, {"colour", "red"}});
        QVERIFY(isToolError(reply));
        QVERIFY(toolErrorText(reply).find("unknown argument 'colour'") != std::string::npos);
        reply = mcp.callTool("chasm_search_sessions", {{"query", "x"}, {"limit", 500}});
        QVERIFY(isToolError(reply));
        QVERIFY(toolErrorText(reply).find("from 1 to 50") != std::string::npos);
        reply = mcp.callTool("chasm_search_sessions", {{"query", "x"}, {"after", "last tuesday"}});
        QVERIFY(isToolError(reply));
        QVERIFY(toolErrorText(reply).find("'after' is not a date") != std::string::npos);

        // Still answering, and nothing but protocol on stdout.
        QVERIFY(mcp.request("ping").contains("result"));
        QVERIFY(mcp.stray().isEmpty());
    }

    // Every tool refuses bad arguments with a message that names what to change, and the server goes on.
    void badArguments_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("list_workspaces limit") << u"chasm_list_workspaces"_s << uR"({"limit": 0})"_s << u"'limit'"_s;
        QTest::newRow("list_workspaces provider")
            << u"chasm_list_workspaces"_s << uR"({"provider": "notepad"})"_s << u"notepad"_s;
        QTest::newRow("list_sessions after")
            << u"chasm_list_sessions"_s << uR"({"after": "yesterday"})"_s << u"'after'"_s;
        QTest::newRow("list_sessions unknown")
            << u"chasm_list_sessions"_s << uR"({"workspace": "x"})"_s << u"unknown argument 'workspace'"_s;
        QTest::newRow("get_session missing id")
            << u"chasm_get_session"_s << uR"({"from": 3})"_s << u"'session_id' is required"_s;
        QTest::newRow("get_session roles")
            << u"chasm_get_session"_s << uR"({"session_id": "claude-code:1111", "roles": ["robot"]})"_s
            << u"'roles[0]'"_s;
        QTest::newRow("get_session from")
            << u"chasm_get_session"_s << uR"({"session_id": "claude-code:1111", "from": -1})"_s << u"'from'"_s;
        QTest::newRow("search query type") << u"chasm_search_sessions"_s << uR"({"query": 42})"_s << u"'query'"_s;
        QTest::newRow("search empty query")
            << u"chasm_search_sessions"_s << uR"({"query": ""})"_s << u"'query' must not be empty"_s;
        QTest::newRow("get_stats argument") << u"chasm_get_stats"_s << uR"({"all": true})"_s << u"takes none"_s;
        QTest::newRow("project_history missing")
            << u"chasm_project_history"_s << uR"({})"_s << u"'project_path' is required"_s;
        QTest::newRow("file_history path type") << u"chasm_file_history"_s << uR"({"path": ["a"]})"_s << u"'path'"_s;
        QTest::newRow("arguments not an object") << u"chasm_get_stats"_s << uR"([])"_s << u"object"_s;
    }
    void badArguments()
    {
        QFETCH(QString, tool);
        QFETCH(QString, arguments);
        QFETCH(QString, says);
        test::FixtureHome home(QStringList{u"claude-code"_s});
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        const auto reply = mcp.request(
            "tools/call", {{"name", tool.toStdString()}, {"arguments", boost::json::parse(arguments.toStdString())}});
        if (arguments.startsWith(u'[')) { // not an object at all: the request itself is wrong
            QCOMPARE(errorCode(reply), -32602);
            QVERIFY(text(reply.at("error").at("message")).find(says.toStdString()) != std::string::npos);
        } else {
            QVERIFY2(isToolError(reply), boost::json::serialize(reply).c_str());
            QVERIFY2(toolErrorText(reply).find(says.toStdString()) != std::string::npos, toolErrorText(reply).c_str());
        }
        QVERIFY(mcp.request("ping").contains("result"));
        QVERIFY(mcp.stray().isEmpty());
    }

    // The first call finds no database: it harvests the tools' stores first, telling its progress, then answers.
    void firstCallHarvests()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"vscode"_s});
        QVERIFY(!QFile::exists(m_database));
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        mcp.request("logging/setLevel", {{"level", "info"}});
        const auto reply =
            mcp.callTool("chasm_search_sessions", {{"query", "build"}}, {{"progressToken", "harvest-1"}});
        QVERIFY2(reply.contains("result") && !isToolError(reply), boost::json::serialize(reply).c_str());
        QVERIFY(QFile::exists(m_database));
        const auto& hits = structured(reply).at("hits").get_array();
        QVERIFY(!hits.empty());
        bool claude = false;
        for (const auto& hit : hits) {
            QVERIFY(text(hit.at("snippet")).find('[') != std::string::npos);
            claude = claude || text(hit.at("provider")) == "claude-code";
        }
        QVERIFY(claude);
        // The text content is the same JSON as the structured content.
        const auto& content = reply.at("result").at("content").at(0);
        QCOMPARE(boost::json::parse(text(content.at("text"))), boost::json::value(structured(reply)));

        int progress = 0;
        int logs = 0;
        double last = -1;
        for (const auto& message : mcp.messages()) {
            const auto* method = message.if_contains("method");
            if (method && *method == "notifications/progress") {
                QCOMPARE(message.at("params").at("progressToken"), boost::json::value("harvest-1"));
                const double value = message.at("params").at("progress").to_number<double>();
                QVERIFY(value > last);
                last = value;
                ++progress;
            } else if (method && *method == "notifications/message") {
                ++logs;
            }
        }
        QVERIFY(progress > 0);
        QVERIFY(logs > 0);
        QVERIFY(mcp.stray().isEmpty());
    }

    // Pages to the end: each item once, and a cursor holds only for the arguments it came with.
    void pagination()
    {
        test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s});
        McpProcess mcp(home.path(), m_database, {u"--no-harvest"_s});
        QVERIFY(mcp.started());
        mcp.initialize();
        const auto all = structured(mcp.callTool("chasm_list_workspaces", {{"limit", 200}}));
        const std::size_t total = all.at("workspaces").get_array().size();
        QVERIFY(total >= 3);
        QCOMPARE(all.at("next_cursor"), boost::json::value(nullptr));

        std::set<std::string> seen;
        boost::json::value cursor = nullptr;
        int pages = 0;
        do {
            boost::json::object arguments{{"limit", 1}};
            if (!cursor.is_null()) {
                arguments["cursor"] = cursor;
            }
            const auto reply = mcp.callTool("chasm_list_workspaces", arguments);
            QVERIFY2(!isToolError(reply), boost::json::serialize(reply).c_str());
            const auto& page = structured(reply);
            QCOMPARE(page.at("workspaces").get_array().size(), std::size_t(1));
            QVERIFY(seen.insert(text(page.at("workspaces").at(0).at("id"))).second);
            cursor = page.at("next_cursor");
            ++pages;
        } while (!cursor.is_null() && pages < 100);
        QCOMPARE(seen.size(), total);

        const auto first = structured(mcp.callTool("chasm_list_workspaces", {{"limit", 1}}));
        auto reply = mcp.callTool("chasm_list_workspaces",
                                  {{"limit", 1}, {"provider", "claude-code"}, {"cursor", first.at("next_cursor")}});
        QVERIFY(isToolError(reply));
        QVERIFY(toolErrorText(reply).find("other arguments") != std::string::npos);
        reply = mcp.callTool("chasm_list_workspaces", {{"cursor", "not-a-cursor!"}});
        QVERIFY(isToolError(reply));
        QVERIFY(toolErrorText(reply).find("cursor") != std::string::npos);
    }

    // A search of a word in every message pages to its end: every page a slice of one list, so that pages of 7 hits
    // and one page of 50 give the same hits in the same order, each once, at most 3 of a session, and the last page
    // says that more messages match than a search lists. A prefix query too, which more candidates could rank
    // rather than show newest first.
    void searchPagesToTheEnd()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        const QString project = u"/home/dev/projects/common"_s;
        for (int i = 0; i < 350; ++i) {
            const QString id = u"eeeeeeee-1111-4222-8333-%1"_s.arg(i, 12, 10, QChar(u'0'));
            const QByteArray n = QByteArray::number(i);
            QVERIFY(test::writeFile(
                claudeFile(home.path(), project, id),
                claudeTranscript(id, project,
                                 {"how does the word parser handle token " + n,
                                  "the parser reads the words of session " + n + (i % 4 == 0 ? " word by word" : ""),
                                  "and the worker thread " + n + "?", "the worker waits"})));
        }
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        // Pages of `limit` to the end: the hits, the last page's note, and what failed (nothing when none did).
        const auto pages = [&](const std::string& query, int limit, std::vector<std::string>& hits,
                               std::string& last) -> QByteArray {
            boost::json::value cursor = nullptr;
            for (int page = 0; page < 1000; ++page) {
                boost::json::object arguments{{"query", query}, {"limit", limit}};
                if (!cursor.is_null()) {
                    arguments["cursor"] = cursor;
                }
                const auto reply = mcp.callTool("chasm_search_sessions", arguments);
                if (isToolError(reply) || !reply.contains("result")) {
                    return "page " + QByteArray::number(page) + " failed: " + boost::json::serialize(reply).c_str();
                }
                const auto& found = structured(reply);
                if (found.at("hits").get_array().size() > std::size_t(limit)) {
                    return QByteArray("more hits than the limit");
                }
                for (const auto& hit : found.at("hits").get_array()) {
                    hits.push_back(text(hit.at("session_id")) + '#' + text(hit.at("message_index")));
                }
                cursor = found.at("next_cursor");
                if (cursor.is_null()) {
                    last = found.contains("note") ? text(found.at("note")) : std::string();
                    return QByteArray();
                }
            }
            return QByteArray("no end");
        };
        for (const std::string query : {"the", "wor*"}) {
            std::vector<std::string> bySeven;
            std::vector<std::string> byFifty;
            std::string note;
            QByteArray failed = pages(query, 7, bySeven, note);
            QVERIFY2(failed.isEmpty(), failed.constData());
            failed = pages(query, 50, byFifty, note);
            QVERIFY2(failed.isEmpty(), failed.constData());
            QVERIFY(byFifty.size() >= 50);
            QCOMPARE(bySeven, byFifty);
            std::set<std::string> each;
            std::map<std::string, int> perSession;
            for (const std::string& hit : byFifty) {
                QVERIFY2(each.insert(hit).second, hit.c_str());
                QVERIFY(++perSession[hit.substr(0, hit.find('#'))] <= 3);
            }
            QVERIFY(perSession.size() < 350); // there are more
            QVERIFY2(note.find("last page") != std::string::npos, note.c_str());
        }
        QVERIFY(mcp.stray().isEmpty());
    }

    // completion/complete, as initialize announces it: session ids, project folders and workspace ids that start with
    // what was typed, for the prompts' arguments and the resource templates' variables; at most 100 with how many.
    void completions()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"vscode"_s});
        for (int i = 0; i < 120; ++i) {
            const QString project = i % 2 == 0 ? u"/home/dev/projects/alpha"_s : u"/home/dev/projects/beta"_s;
            const QString id = u"ffffffff-1111-4222-8333-%1"_s.arg(i, 12, 10, QChar(u'0'));
            QVERIFY(test::writeFile(claudeFile(home.path(), project, id),
                                    claudeTranscript(id, project, {"question " + QByteArray::number(i), "answer"})));
        }
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        const auto initialized = mcp.initialize();
        QVERIFY(initialized.at("result").at("capabilities").get_object().contains("completions"));
        const auto complete = [&](boost::json::object ref, const std::string& name, const std::string& value) {
            return mcp.request("completion/complete",
                               {{"ref", std::move(ref)}, {"argument", {{"name", name}, {"value", value}}}});
        };
        const auto valuesOf = [](const boost::json::object& reply) {
            std::vector<std::string> values;
            for (const auto& value : reply.at("result").at("completion").at("values").get_array()) {
                values.push_back(text(value));
            }
            return values;
        };
        const boost::json::object yak{{"type", "ref/prompt"}, {"name", "yak-detector"}};

        auto reply = complete(yak, "session_id", "ffffffff");
        QVERIFY2(reply.contains("result"), boost::json::serialize(reply).c_str());
        auto values = valuesOf(reply);
        QCOMPARE(values.size(), std::size_t(100));
        QCOMPARE(reply.at("result").at("completion").at("total").to_number<int>(), 120);
        QCOMPARE(reply.at("result").at("completion").at("hasMore"), boost::json::value(true));
        for (const std::string& value : values) {
            QVERIFY2(value.starts_with("claude-code:ffffffff-"), value.c_str());
        }
        reply = complete(yak, "session_id", "claude-code:ffffffff-1111-4222-8333-00000000011");
        values = valuesOf(reply);
        std::sort(values.begin(), values.end());
        QCOMPARE(values.size(), std::size_t(10));
        QCOMPARE(values.front(), std::string("claude-code:ffffffff-1111-4222-8333-000000000110"));
        QCOMPARE(reply.at("result").at("completion").at("hasMore"), boost::json::value(false));
        QVERIFY(valuesOf(complete(yak, "session_id", "FFFFFFFF")).empty()); // case counts, as ids do
        // The resource template's variable, the same way.
        values = valuesOf(complete({{"type", "ref/resource"}, {"uri", "chasm://session/{session_id}"}}, "session_id",
                                   "claude-code:ffffffff-1111-4222-8333-000000000007"));
        QCOMPARE(values, std::vector<std::string>{"claude-code:ffffffff-1111-4222-8333-000000000007"});

        const boost::json::object insight{{"type", "ref/prompt"}, {"name", "code-insight"}};
        QCOMPARE(valuesOf(complete(insight, "project_path", "/home/dev/projects/al")),
                 std::vector<std::string>{"/home/dev/projects/alpha"});
        values = valuesOf(complete(insight, "project_path", "/home/dev/"));
        QVERIFY(std::find(values.begin(), values.end(), "/home/dev/projects/beta") != values.end());
        QCOMPARE(std::set<std::string>(values.begin(), values.end()).size(), values.size());
        for (const std::string& value : values) {
            QVERIFY2(value.starts_with("/home/dev/"), value.c_str());
        }

        const auto workspaces = structured(mcp.callTool("chasm_list_workspaces", {}));
        const std::string workspace = text(workspaces.at("workspaces").at(0).at("id"));
        values = valuesOf(complete({{"type", "ref/resource"}, {"uri", "chasm://workspace/{workspace_id}"}},
                                   "workspace_id", workspace.substr(0, workspace.find(':') + 3)));
        QVERIFY(std::find(values.begin(), values.end(), workspace) != values.end());
        // An argument without a known set of values: none.
        reply = complete({{"type", "ref/prompt"}, {"name", "session-summary"}}, "days", "");
        QVERIFY(valuesOf(reply).empty());
        QCOMPARE(reply.at("result").at("completion").at("total").to_number<int>(), 0);

        // What the server does not have.
        QCOMPARE(errorCode(complete({{"type", "ref/prompt"}, {"name", "no-such-prompt"}}, "session_id", "")), -32602);
        QCOMPARE(errorCode(complete(yak, "project_path", "")), -32602);
        QCOMPARE(errorCode(complete({{"type", "ref/resource"}, {"uri", "chasm://session/x"}}, "session_id", "")),
                 -32602);
        QCOMPARE(errorCode(complete({{"type", "ref/tool"}, {"name", "chasm_get_session"}}, "session_id", "")), -32602);
        QCOMPARE(errorCode(mcp.request("completion/complete", {{"ref", yak}})), -32602);
        QVERIFY(mcp.stray().isEmpty());
    }

    // A cursor made up by the client (a huge offset under a real cursor's scope) is refused, not followed.
    void forgedCursor()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"vscode"_s});
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        const auto first = structured(mcp.callTool("chasm_search_sessions", {{"query", "the"}, {"limit", 1}}));
        QVERIFY(first.at("next_cursor").is_string());
        const QByteArray real = QByteArray::fromBase64(QByteArray::fromStdString(text(first.at("next_cursor"))),
                                                       QByteArray::Base64UrlEncoding);
        const QByteArray scope = real.mid(real.indexOf(':'));
        for (const QByteArray& offset :
             {QByteArray("2147483637"), QByteArray("9223372036854775807"), QByteArray("1000")}) {
            const QByteArray forged =
                QByteArray(offset + scope).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            const auto reply = mcp.callTool("chasm_search_sessions",
                                            {{"query", "the"}, {"limit", 1}, {"cursor", forged.toStdString()}});
            QVERIFY2(isToolError(reply), boost::json::serialize(reply).c_str());
        }
        const auto huge = mcp.callTool("chasm_get_session", {{"session_id", "claude-code:1111"}, {"from", 4294967296}});
        QVERIFY(isToolError(huge));
        QVERIFY(mcp.request("ping").contains("result"));
        QCOMPARE(mcp.process().state(), QProcess::Running);
    }

    // No answer is longer than the budget, whatever the client asks for.
    void budget()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"vscode"_s, u"codex"_s});
        const QString project = u"/home/dev/projects/many"_s;
        for (int i = 0; i < 60; ++i) { // sessions a day apart: a gap between each two
            const QString id = u"cccccccc-1111-4222-8333-%1"_s.arg(i, 12, 10, QChar(u'0'));
            QByteArray transcript = claudeTranscript(
                id, project, {"question " + QByteArray::number(i) + " about the parser", "an answer about the parser"});
            transcript.replace("2026-05-01", QDate(2026, 1, 1).addDays(2 * i).toString(Qt::ISODate).toLatin1());
            QVERIFY(test::writeFile(claudeFile(home.path(), project, id), transcript));
        }
        McpProcess mcp(home.path(), m_database, {u"--max-tokens"_s, u"1000"_s});
        QVERIFY(mcp.started());
        mcp.initialize();
        const std::size_t budget = 1000 * 4;
        const auto fits = [&](const boost::json::object& reply) {
            const auto* result = reply.if_contains("result");
            if (!result) {
                return false;
            }
            const auto* content = result->get_object().if_contains("content");
            const std::string answer = content ? text(content->at(0).at("text")) : boost::json::serialize(*result);
            return answer.size() <= budget + 100;
        };
        QVERIFY(fits(mcp.callTool("chasm_project_history",
                                  {{"project_path", project.toStdString()}, {"gap_days", 1}, {"limit", 200}})));
        QVERIFY(fits(mcp.callTool("chasm_list_sessions", {{"limit", 200}})));
        QVERIFY(fits(mcp.callTool("chasm_search_sessions", {{"query", "parser"}, {"limit", 50}})));
        QVERIFY(fits(mcp.callTool("chasm_search_sessions", {{"query", std::string(999, 'q')}})));
        QVERIFY(fits(mcp.callTool("chasm_file_history", {{"path", "tsconfig.json"}})));
        QVERIFY(fits(mcp.callTool("chasm_list_workspaces", {{"limit", 200}})));
        const auto resources = mcp.request("resources/list");
        QVERIFY(fits(resources));
        QVERIFY(resources.at("result").get_object().contains("nextCursor"));
        QVERIFY(fits(mcp.callTool("chasm_search_sessions", {{"query", std::string(5000, 'q')}}))); // refused, briefly
        QVERIFY(mcp.stray().isEmpty());
    }

    // A cancelled request is not answered; the server goes on.
    void cancellation()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"vscode"_s});
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        // The first call harvests (seconds of work at least a few milliseconds long); the cancellation arrives in
        // the same write, while it runs.
        const int id = mcp.takeId();
        const auto call = boost::json::serialize(
            boost::json::object{{"jsonrpc", "2.0"},
                                {"id", id},
                                {"method", "tools/call"},
                                {"params", {{"name", "chasm_search_sessions"}, {"arguments", {{"query", "build"}}}}}});
        const auto cancel = boost::json::serialize(
            boost::json::object{{"jsonrpc", "2.0"},
                                {"method", "notifications/cancelled"},
                                {"params", {{"requestId", id}, {"reason", "the user changed their mind"}}}});
        mcp.write(QByteArray::fromStdString(call + "\n" + cancel));
        QVERIFY(mcp.request("ping").contains("result"));
        // The harvest it started finishes; the answer it would have given never comes.
        QVERIFY(mcp.waitForResponse(id, 3000).empty());
        const auto after = mcp.callTool("chasm_search_sessions", {{"query", "build"}});
        QVERIFY(!structured(after).at("hits").get_array().empty());
        QVERIFY(mcp.stray().isEmpty());
    }

    // A cancellation stops the SQLite statement the request is running (sqlite3_interrupt), not only the steps
    // between statements, and the connection serves the next requests. The statement is slow by construction
    // (addSlowToolCalls).
    void cancellationInterruptsQuery()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        {
            McpProcess harvest(home.path(), m_database);
            QVERIFY(harvest.started());
            harvest.initialize();
            QVERIFY(!isToolError(harvest.callTool("chasm_list_sessions", {})));
            harvest.process().closeWriteChannel();
            QVERIFY(harvest.process().waitForFinished(60000));
        }
        const QString slowCalls = test::addSlowToolCalls(m_database);
        QVERIFY2(slowCalls.isEmpty(), qPrintable(slowCalls));
        McpProcess mcp(home.path(), m_database, {u"--no-harvest"_s});
        QVERIFY(mcp.started());
        mcp.initialize();
        const boost::json::object slow{{"name", "chasm_file_history"},
                                       {"arguments", {{"path", test::slowFilePath().toStdString()}}}};
        QElapsedTimer timer;
        timer.start();
        const auto whole = mcp.request("tools/call", slow);
        const qint64 full = timer.elapsed();
        QVERIFY2(!isToolError(whole) && structured(whole).at("sessions").get_array().empty(),
                 boost::json::serialize(whole).c_str());
        QVERIFY2(full > 1000, qPrintable(u"the statement took only %1 ms"_s.arg(full)));

        const int id = mcp.takeId();
        timer.restart();
        mcp.send({{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"}, {"params", slow}});
        QThread::msleep(full / 4);
        mcp.send({{"jsonrpc", "2.0"}, {"method", "notifications/cancelled"}, {"params", {{"requestId", id}}}});
        // Every thread's connection still reads (more requests than the server has threads, at once).
        std::vector<int> ids;
        for (int i = 0; i < 8; ++i) {
            ids.push_back(mcp.takeId());
            mcp.send({{"jsonrpc", "2.0"},
                      {"id", ids.back()},
                      {"method", "tools/call"},
                      {"params", {{"name", "chasm_file_history"}, {"arguments", {{"path", "tsconfig.json"}}}}}});
        }
        for (const int quick : ids) {
            const auto reply = mcp.waitForResponse(quick);
            QVERIFY2(!isToolError(reply) && !structured(reply).at("sessions").get_array().empty(),
                     boost::json::serialize(reply).c_str());
        }
        // The server exits once every request has ended: the interrupted one ended long before its statement would
        // have.
        mcp.process().closeWriteChannel();
        QVERIFY(mcp.process().waitForFinished(60000));
        const qint64 ended = timer.elapsed();
        QVERIFY2(ended < full * 3 / 4,
                 qPrintable(u"ended after %1 ms; the statement takes %2 ms"_s.arg(ended).arg(full)));
        QCOMPARE(mcp.process().exitCode(), 0);
        mcp.readMore(0);
        QVERIFY(mcp.waitForResponse(id, 0).empty());
        QVERIFY(mcp.stray().isEmpty());
    }

    // Every tool on a harvested fixture HOME, as an agent would chain them.
    void tools()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"vscode"_s, u"codex"_s});
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();

        const auto all = structured(mcp.callTool("chasm_list_sessions", {{"limit", 200}}));
        const auto total = all.at("total").to_number<qint64>();
        QVERIFY(total >= 5);
        QCOMPARE(qint64(all.at("sessions").get_array().size()), total);
        const auto claude = structured(mcp.callTool("chasm_list_sessions", {{"provider", "claude"}}));
        QVERIFY(!claude.at("sessions").get_array().empty());
        for (const auto& session : claude.at("sessions").get_array()) {
            QCOMPARE(text(session.at("provider")), std::string("claude-code"));
        }
        const auto project =
            structured(mcp.callTool("chasm_list_sessions", {{"project_path", "/home/dev/projects/web app"}}));
        QVERIFY(!project.at("sessions").get_array().empty());
        for (const auto& session : project.at("sessions").get_array()) {
            QVERIFY(text(session.at("project_path")).starts_with("/home/dev/projects/web app"));
        }
        QVERIFY(isToolError(mcp.callTool("chasm_list_sessions", {{"provider", "no-such-tool"}})));

        // Search, then read the conversation around the hit.
        const auto hits =
            structured(mcp.callTool("chasm_search_sessions", {{"query", "build"}, {"provider", "claude-code"}}));
        QVERIFY(!hits.at("hits").get_array().empty());
        const auto& hit = hits.at("hits").at(0);
        const auto window = structured(
            mcp.callTool("chasm_get_session",
                         {{"session_id", hit.at("session_id")}, {"around", hit.at("message_index")}, {"limit", 3}}));
        QCOMPARE(text(window.at("session").at("id")), text(hit.at("session_id")));
        bool found = false;
        for (const auto& message : window.at("messages").get_array()) {
            found = found || message.at("index") == hit.at("message_index");
        }
        QVERIFY(found);
        // Cut messages say so, and how long they were.
        const auto cut = structured(
            mcp.callTool("chasm_get_session",
                         {{"session_id", hit.at("session_id")}, {"max_chars_per_message", 3}, {"roles", {"user"}}}));
        QVERIFY(!cut.at("messages").get_array().empty());
        for (const auto& message : cut.at("messages").get_array()) {
            QCOMPARE(text(message.at("role")), std::string("user"));
            QVERIFY(text(message.at("text")).size() <= 3);
            QCOMPARE(message.at("truncated").as_bool(), message.at("full_length").to_number<qint64>() > 3);
        }
        auto reply = mcp.callTool("chasm_get_session", {{"session_id", "claude-code:no-such-session"}});
        QVERIFY(isToolError(reply));

        const auto stats = structured(mcp.callTool("chasm_get_stats", {}));
        QCOMPARE(stats.at("sessions").to_number<qint64>(), total);
        QVERIFY(stats.at("messages").to_number<qint64>() > 0);
        QVERIFY(!stats.at("providers").get_array().empty());
        QVERIFY(!stats.at("months").get_array().empty());
        QVERIFY(stats.at("size_bytes").to_number<qint64>() > 0);

        const auto file = structured(mcp.callTool("chasm_file_history", {{"path", "tsconfig.json"}}));
        QVERIFY(!file.at("sessions").get_array().empty());
        QVERIFY(text(file.at("sessions").at(0).at("id")).starts_with("claude-code:"));
        QVERIFY(structured(mcp.callTool("chasm_file_history", {{"path", "no-such-file.xyz"}}))
                    .at("sessions")
                    .get_array()
                    .empty());

        const auto history =
            structured(mcp.callTool("chasm_project_history", {{"project_path", "/home/dev/projects/web app"}}));
        QVERIFY(!history.at("sessions").get_array().empty());
        QVERIFY(isToolError(mcp.callTool("chasm_project_history", {{"project_path", "projects/web app"}})));

        // What Claude Code is about to delete: by default its transcripts 30 days after their last change, so the
        // fixture's, written now, go within 40 days and not within 7; each harvested, so kept.
        const auto soon = structured(mcp.callTool("chasm_retention", {{"provider", "claude"}, {"days", 40}}));
        QCOMPARE(soon.at("tools").get_array().size(), std::size_t(1));
        const auto& tool = soon.at("tools").at(0);
        QCOMPARE(text(tool.at("provider")), std::string("claude-code"));
        QCOMPARE(text(tool.at("rule").at("kind")), std::string("max_age"));
        const qint64 atRisk = tool.at("at_risk_total").to_number<qint64>();
        QVERIFY(atRisk > 1);
        QCOMPARE(qint64(tool.at("at_risk").get_array().size()), atRisk);
        for (const auto& session : tool.at("at_risk").get_array()) {
            QVERIFY(text(session.at("session_id")).starts_with("claude-code:"));
            QVERIFY(session.at("in_database").as_bool());
        }
        const auto one =
            structured(mcp.callTool("chasm_retention", {{"provider", "claude"}, {"days", 40}, {"limit", 1}}));
        QCOMPARE(one.at("tools").at(0).at("at_risk").get_array().size(), std::size_t(1));
        QCOMPARE(one.at("tools").at(0).at("at_risk_total").to_number<qint64>(), atRisk);
        const auto week = structured(mcp.callTool("chasm_retention", {{"provider", "claude"}}));
        QCOMPARE(week.at("days").to_number<qint64>(), 7);
        QCOMPARE(week.at("tools").at(0).at("at_risk_total").to_number<qint64>(), 0);
        QVERIFY(isToolError(mcp.callTool("chasm_retention", {{"days", -1}})));
        QVERIFY(mcp.stray().isEmpty());
    }

    void resourcesAndPrompts()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        const QString project = u"/home/dev/projects/keys"_s;
        const QByteArray token = "ghp_" + QByteArray("Zq3kV9mW2xR7tY5uI1oP8aS4dF6gH0jK2lM9");
        QVERIFY(
            test::writeFile(claudeFile(home.path(), project, u"aaaaaaaa-1111-4222-8333-444444444444"_s),
                            claudeTranscript(u"aaaaaaaa-1111-4222-8333-444444444444"_s, project,
                                             {"Why is the deploy failing? The token is " + token + " if you need it",
                                              "See https://docs.github.com/en/actions for the workflow syntax."})));
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();

        const auto list = mcp.request("resources/list");
        const auto& resources = list.at("result").at("resources").get_array();
        QVERIFY(resources.size() >= 2);
        QVERIFY(text(resources.at(0).at("uri")).starts_with("chasm://session/"));
        const auto read = mcp.request("resources/read", {{"uri", "chasm://session/claude-code:aaaaaaaa"}});
        const auto& contents = read.at("result").at("contents").at(0);
        QCOMPARE(text(contents.at("mimeType")), std::string("text/markdown"));
        QVERIFY(text(contents.at("text")).find("Why is the deploy failing?") != std::string::npos);
        QCOMPARE(errorCode(mcp.request("resources/read", {{"uri", "chasm://session/claude-code:nothing-here"}})),
                 -32002);
        QCOMPARE(errorCode(mcp.request("resources/read", {{"uri", "file:///etc/passwd"}})), -32002);
        const auto templates = mcp.request("resources/templates/list");
        QCOMPARE(templates.at("result").at("resourceTemplates").get_array().size(), std::size_t(2));
        const auto workspaces = structured(mcp.callTool("chasm_list_workspaces", {}));
        const auto workspace = mcp.request(
            "resources/read", {{"uri", "chasm://workspace/" + text(workspaces.at("workspaces").at(0).at("hash"))}});
        QVERIFY(boost::json::parse(text(workspace.at("result").at("contents").at(0).at("text"))).is_object());

        const auto prompts = mcp.request("prompts/list");
        std::set<std::string> names;
        for (const auto& prompt : prompts.at("result").at("prompts").get_array()) {
            names.insert(text(prompt.at("name")));
        }
        QCOMPARE(names, (std::set<std::string>{"session-summary", "yak-detector", "code-insight", "session-organizer",
                                               "secret-guard", "link-trail"}));
        const auto promptText = [&](const std::string& name, boost::json::object arguments) {
            const auto reply = mcp.request("prompts/get", {{"name", name}, {"arguments", std::move(arguments)}});
            const auto* result = reply.if_contains("result");
            return result ? text(result->at("messages").at(0).at("content").at("text")) : std::string();
        };
        const std::string secrets = promptText("secret-guard", {});
        QVERIFY2(secrets.find("ghp_") != std::string::npos, secrets.c_str());
        QVERIFY(secrets.find(token.toStdString()) == std::string::npos); // masked, never whole
        QVERIFY(promptText("link-trail", {{"project_path", project.toStdString()}})
                    .find("https://docs.github.com/en/actions") != std::string::npos);
        QVERIFY(promptText("session-summary", {{"days", "36500"}}).find("Why is the deploy failing?") !=
                std::string::npos);
        QVERIFY(promptText("yak-detector", {{"session_id", "claude-code:aaaaaaaa"}}).find("deploy") !=
                std::string::npos);
        QVERIFY(promptText("code-insight", {{"project_path", "/home/dev/projects/web app"}}).find("Bash") !=
                std::string::npos);
        QVERIFY(promptText("session-organizer", {}).find("claude-code:aaaaaaaa") != std::string::npos);
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "yak-detector"}})), -32602);
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "no-such-prompt"}})), -32602);
        // A session that does not exist is the client's mistake.
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "yak-detector"},
                                                       {"arguments", {{"session_id", "claude-code:nothing-here"}}}})),
                 -32602);
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "secret-guard"},
                                                       {"arguments", {{"session_id", "claude-code:nothing-here"}}}})),
                 -32602);
        QVERIFY(mcp.stray().isEmpty());
    }

    // A database that cannot be read is the server's failure (-32603), not the client's: neither "not found" nor
    // "invalid params". Tools say so in their result, as for any failed call.
    void internalErrors()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        QVERIFY(test::writeFile(m_database, QByteArray("this is not an SQLite database\n").repeated(200)));
        McpProcess mcp(home.path(), m_database, {u"--no-harvest"_s});
        QVERIFY(mcp.started());
        mcp.initialize();
        QCOMPARE(errorCode(mcp.request("resources/read", {{"uri", "chasm://session/claude-code:aaaaaaaa"}})), -32603);
        QCOMPARE(errorCode(mcp.request("resources/list")), -32603);
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "session-summary"}})), -32603);
        QCOMPARE(errorCode(mcp.request("prompts/get",
                                       {{"name", "yak-detector"}, {"arguments", {{"session_id", "claude-code:a"}}}})),
                 -32603);
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "secret-guard"}})), -32603);
        QVERIFY(isToolError(mcp.callTool("chasm_list_sessions", {})));
        // The protocol's own errors stay what they were.
        QCOMPARE(errorCode(mcp.request("resources/read", {{"uri", "file:///etc/passwd"}})), -32002);
        QCOMPARE(errorCode(mcp.request("prompts/get", {{"name", "no-such-prompt"}})), -32602);
        QCOMPARE(errorCode(mcp.request("resources/list", {{"cursor", "forged"}})), -32602);
        QVERIFY(mcp.stray().isEmpty());
    }

    // A long call other than the first-use harvest reports progress to a client that asked for it: secret-guard
    // scanning every message.
    void progressOfLongCalls()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        const QString project = u"/home/dev/projects/many"_s;
        const QString id = u"cccccccc-1111-4222-8333-444444444444"_s;
        QList<QByteArray> texts;
        for (int i = 0; i < 2500; ++i) {
            texts << "step " + QByteArray::number(i) + " of the refactoring";
        }
        QVERIFY(test::writeFile(claudeFile(home.path(), project, id), claudeTranscript(id, project, texts)));
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        QVERIFY(!isToolError(mcp.callTool("chasm_list_sessions", {}))); // harvested first, without progress
        const std::size_t before = mcp.messages().size();
        const auto reply =
            mcp.request("prompts/get", {{"name", "secret-guard"}, {"_meta", {{"progressToken", "scan-1"}}}});
        QVERIFY2(reply.contains("result"), boost::json::serialize(reply).c_str());
        std::vector<double> done;
        for (std::size_t i = before; i < mcp.messages().size(); ++i) {
            const auto& message = mcp.messages().at(i);
            if (message.contains("method") && text(message.at("method")) == "notifications/progress") {
                const auto& params = message.at("params").get_object();
                QCOMPARE(text(params.at("progressToken")), std::string("scan-1"));
                QVERIFY(params.at("total").to_number<double>() >= 2500);
                done.push_back(params.at("progress").to_number<double>());
            }
        }
        QVERIFY2(done.size() >= 2, boost::json::serialize(boost::json::value_from(done)).c_str());
        QVERIFY(std::is_sorted(done.begin(), done.end()));
        QVERIFY(mcp.stray().isEmpty());
    }

    // A message longer than the answer budget is read whole, in parts: chasm_get_session's next_char and from_char,
    // the transcript resource's ?from=N&from_char=C. Characters outside the BMP count as one, as SQLite counts them.
    void longMessageInParts()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        const QString project = u"/home/dev/projects/long"_s;
        const QString id = u"dddddddd-1111-4222-8333-444444444444"_s;
        QByteArray longText;
        for (int i = 0; longText.size() < 100 * 1000; ++i) {
            longText += "w" + QByteArray::number(i) + (i % 50 == 0 ? " \xf0\x9f\x98\x80 " : " ");
        }
        longText += "END-OF-THE-LONG-MESSAGE";
        QVERIFY(test::writeFile(claudeFile(home.path(), project, id),
                                claudeTranscript(id, project, {"Write it all out", longText, "Thanks"})));
        McpProcess mcp(home.path(), m_database, {u"--max-tokens"_s, u"1000"_s});
        QVERIFY(mcp.started());
        mcp.initialize();
        const std::string session = "claude-code:" + id.toStdString();
        std::string read;
        boost::json::object arguments{{"session_id", session}, {"from", 1}, {"max_chars_per_message", 0}};
        int parts = 0;
        for (; parts < 200; ++parts) {
            const auto reply = mcp.callTool("chasm_get_session", arguments);
            QVERIFY2(!isToolError(reply), boost::json::serialize(reply).c_str());
            QVERIFY(text(reply.at("result").at("content").at(0).at("text")).size() <= 4000);
            const auto& page = structured(reply);
            const auto& first = page.at("messages").at(0).get_object();
            QCOMPARE(first.at("index").to_number<int>(), 1);
            QCOMPARE(first.contains("from_char") ? first.at("from_char").to_number<qint64>() : 0,
                     qint64(QString::fromStdString(read).toUcs4().size()));
            read += text(first.at("text"));
            if (!page.contains("next_char")) {
                break;
            }
            QCOMPARE(page.at("next_from").to_number<int>(), 1);
            arguments["from_char"] = page.at("next_char");
        }
        QVERIFY(parts > 10);
        QCOMPARE(QByteArray::fromStdString(read), longText);

        // The transcript resource goes on inside the message too, each page within the budget.
        std::string uri = "chasm://session/" + session + "?from=1";
        std::string pages;
        int count = 0;
        while (!uri.empty() && count < 200) {
            const auto reply = mcp.request("resources/read", {{"uri", uri}});
            QVERIFY2(reply.contains("result"), boost::json::serialize(reply).c_str());
            const std::string page = text(reply.at("result").at("contents").at(0).at("text"));
            QVERIFY(page.size() <= 4000 + 200);
            pages += page;
            const auto at = page.find("Continued: read ");
            uri = at == std::string::npos ? std::string() : page.substr(at + 16, page.find('*', at) - at - 16);
            ++count;
        }
        QVERIFY(count > 10);
        QVERIFY(pages.find("from_char=") != std::string::npos);
        QVERIFY(pages.find("END-OF-THE-LONG-MESSAGE") != std::string::npos);
        QVERIFY(pages.find("Thanks") != std::string::npos);
        QVERIFY(mcp.stray().isEmpty());
    }

    // A 200 MB session is read in pages that each fit the budget, every message once.
    void bigSessionInPages()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        const QString project = u"/home/dev/projects/big"_s;
        const QString id = u"bbbbbbbb-1111-4222-8333-444444444444"_s;
        {
            QFile file(claudeFile(home.path(), project, id));
            QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray filler;
            for (int i = 0; filler.size() < 100 * 1000; ++i) {
                filler += "word" + QByteArray::number(i % 97) + ' ';
            }
            QList<QByteArray> texts;
            for (int i = 0; i < 100; ++i) {
                texts << QByteArray::number(i) + ": " + filler;
            }
            for (int i = 0; i < 20; ++i) { // 2 000 messages of 100 KB: 200 MB
                const QByteArray block = claudeTranscript(id, project, texts, i * texts.size());
                QVERIFY(file.write(block) == block.size());
            }
        }
        McpProcess mcp(home.path(), m_database, {u"--max-tokens"_s, u"5000"_s});
        QVERIFY(mcp.started());
        mcp.initialize();
        const int budget = 5000 * 4;
        std::set<qint64> seen;
        boost::json::value from = 0;
        qint64 total = -1;
        int pages = 0;
        while (!from.is_null() && pages < 1000) {
            const auto reply =
                mcp.callTool("chasm_get_session", {{"session_id", "claude-code:" + id.toStdString()}, {"from", from}});
            QVERIFY2(!isToolError(reply) && reply.contains("result"), boost::json::serialize(reply).c_str());
            QVERIFY(text(reply.at("result").at("content").at(0).at("text")).size() <= std::size_t(budget));
            const auto& page = structured(reply);
            total = page.at("total").to_number<qint64>();
            for (const auto& message : page.at("messages").get_array()) {
                QVERIFY(seen.insert(message.at("index").to_number<qint64>()).second);
                QVERIFY(message.at("truncated").as_bool());
                QVERIFY(message.at("full_length").to_number<qint64>() > 100 * 1000);
            }
            from = page.at("next_from");
            ++pages;
        }
        QCOMPARE(qint64(seen.size()), total);
        QCOMPARE(total, qint64(2000));
        QVERIFY(pages > 1);
        // The transcript resource too comes in pages, each naming the next.
        const auto read = mcp.request("resources/read", {{"uri", "chasm://session/claude-code:" + id.toStdString()}});
        const std::string page = text(read.at("result").at("contents").at(0).at("text"));
        QVERIFY(page.size() <= std::size_t(budget) + 200);
        QVERIFY(page.find("Continued: read chasm://session/claude-code:" + id.toStdString() + "?from=") !=
                std::string::npos);
        QVERIFY(mcp.stray().isEmpty());
    }

    // The end of input ends the server cleanly, once what was asked before it is answered.
    void endOfInput()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s});
        McpProcess mcp(home.path(), m_database);
        QVERIFY(mcp.started());
        mcp.initialize();
        const int id = mcp.takeId();
        mcp.send({{"jsonrpc", "2.0"},
                  {"id", id},
                  {"method", "tools/call"},
                  {"params", {{"name", "chasm_search_sessions"}, {"arguments", {{"query", "build"}}}}}});
        mcp.process().closeWriteChannel();
        const auto reply = mcp.waitForResponse(id);
        QVERIFY2(!isToolError(reply) && reply.contains("result"), boost::json::serialize(reply).c_str());
        QVERIFY(mcp.process().waitForFinished(30000));
        QCOMPARE(mcp.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(mcp.process().exitCode(), 0);
        QVERIFY(mcp.stray().isEmpty());
        // Its log went to stderr.
        QVERIFY(mcp.process().readAllStandardError().contains("chasm mcp"));
    }

private:
    QTemporaryDir m_data;
    QString m_database;
    int m_run = 0;
};

QTEST_GUILESS_MAIN(TestMcpStdio)
#include "TestMcpStdio.moc"
