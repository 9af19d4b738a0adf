// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Corpus.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_ref.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace chasm::bench {

namespace {

const std::vector<std::string> sessionWords = {
    "the",    "function", "returns", "a",      "value",    "when",  "test",     "fails", "because", "server",
    "config", "should",   "we",      "update", "request",  "cache", "thread",   "error", "module",  "build",
    "is",     "not",      "in",      "async",  "database", "query", "response", "path",  "user",    "index",
};

// The text of a VS Code session: prose from a small vocabulary, TypeScript code blocks.
class Generator
{
public:
    explicit Generator(std::uint32_t seed)
        : m_random(seed)
    {}

    // Words drawn with a Zipf-like skew, like prose.
    std::string prose(std::size_t bytes)
    {
        std::string text;
        while (text.size() < bytes) {
            const double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
            text += sessionWords[std::size_t(std::pow(u, 2.5) * double(sessionWords.size())) % sessionWords.size()];
            text += m_random() % 13 == 0 ? ". " : " ";
        }
        return text;
    }

    std::string code(std::size_t bytes)
    {
        std::string text = "```ts\n";
        while (text.size() < bytes) {
            text += "const " + sessionWords[m_random() % sessionWords.size()] + std::to_string(m_random() % 1000) +
                    " = await " + sessionWords[m_random() % sessionWords.size()] + "(" +
                    std::to_string(m_random() % 100) + ");\n";
        }
        return text + "```\n";
    }

    std::size_t between(std::size_t low, std::size_t high) { return low + m_random() % (high - low + 1); }

private:
    std::mt19937 m_random;
};

std::string line(const boost::json::value& entry)
{
    return boost::json::serialize(entry) + "\n";
}

// A response part: a terminal tool call that ran `npm test` and printed `output`.
boost::json::value terminalCall(const std::string& id, const std::string& output)
{
    return {{"kind", "toolInvocationSerialized"},
            {"invocationMessage", {{"value", "Running `npm test`"}}},
            {"isConfirmed", {{"type", 1}}},
            {"isComplete", true},
            {"toolSpecificData",
             {{"kind", "terminal"},
              {"commandLine", {{"original", "npm test"}}},
              {"terminalCommandOutput", {{"text", output}}}}},
            {"toolCallId", id},
            {"toolId", "run_in_terminal"}};
}

// A whole answered request of about 27 KB: the prompt, a response of markdown, code and a terminal tool call, its
// model state and result.
boost::json::object wholeRequest(Generator& g, std::int64_t r, std::int64_t t)
{
    boost::json::array response;
    for (int c = 0; c < 6; ++c) {
        response.push_back({{"value", g.prose(g.between(1500, 3500))}, {"supportThemeIcons", false}});
        if (c % 2 == 1) {
            response.push_back({{"value", g.code(g.between(1500, 3500))}, {"supportThemeIcons", false}});
        }
    }
    response.push_back(terminalCall("call_" + std::to_string(r), g.prose(g.between(1000, 4000))));
    boost::json::object request{{"requestId", "request_" + std::to_string(r)},
                                {"timestamp", t},
                                {"agent", {{"id", "github.copilot.editsAgent"}}},
                                {"modelId", "copilot/claude-sonnet-4"},
                                {"message", {{"text", g.prose(g.between(200, 1500))}, {"parts", boost::json::array()}}},
                                {"variableData", {{"variables", boost::json::array()}}},
                                {"response", std::move(response)},
                                {"modelState", {{"value", 1}, {"completedAt", t + 30000}}},
                                {"result",
                                 {{"timings", {{"firstProgress", 700}, {"totalElapsed", 30000}}},
                                  {"metadata", {{"promptTokens", 3000}, {"outputTokens", 600}}}}}};
    return request;
}

} // namespace

qint64 writeVsCodeSession(const QString& path, qint64 targetBytes, VsCodeShape shape)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
    Generator g(42);
    const std::int64_t start = 1767225600000; // 2026-01-01
    boost::json::object initial{{"version", 3},
                                {"creationDate", start},
                                {"initialLocation", "panel"},
                                {"responderUsername", "GitHub Copilot"},
                                {"sessionId", vsCodeSessionId},
                                {"hasPendingEdits", false},
                                {"requests", boost::json::array()},
                                {"pendingRequests", boost::json::array()}};
    std::int64_t r = 0;
    if (shape == VsCodeShape::Compacted) {
        boost::json::array& requests = initial["requests"].get_array();
        for (qint64 size = 0; size < targetBytes; ++r) {
            requests.push_back(wholeRequest(g, r, start + r * 90000));
            size += qint64(boost::json::serialize(requests.back()).size());
        }
        file.write(QByteArray::fromStdString(line(boost::json::object{{"kind", 0}, {"v", initial}})));
        return r;
    }
    qint64 written = file.write(QByteArray::fromStdString(line(boost::json::object{{"kind", 0}, {"v", initial}})));
    for (; written < targetBytes && shape == VsCodeShape::WholeRequests; ++r) {
        written += file.write(QByteArray::fromStdString(
            line({{"kind", 2}, {"k", {"requests"}}, {"v", {wholeRequest(g, r, start + r * 90000)}}})));
    }
    for (; written < targetBytes; ++r) {
        const std::int64_t t = start + r * 90000;
        boost::json::object request{
            {"requestId", "request_" + std::to_string(r)},
            {"timestamp", t},
            {"agent", {{"id", "github.copilot.editsAgent"}}},
            {"modelId", "copilot/claude-sonnet-4"},
            {"message", {{"text", g.prose(g.between(80, 1500))}, {"parts", boost::json::array()}}},
            {"variableData", {{"variables", boost::json::array()}}},
            {"response", boost::json::array()}};
        std::string out = line({{"kind", 2}, {"k", {"requests"}}, {"v", {request}}});
        const boost::json::array responsePath{"requests", r, "response"};
        const std::size_t chunks = g.between(2, 8);
        for (std::size_t c = 0; c < chunks; ++c) {
            boost::json::array parts;
            parts.push_back({{"value", g.prose(g.between(200, 2500))}, {"supportThemeIcons", false}});
            if (c % 3 == 1) {
                parts.push_back({{"value", g.code(g.between(300, 3000))}, {"supportThemeIcons", false}});
            }
            if (c % 4 == 2) {
                const std::string id = "call_" + std::to_string(r) + "_" + std::to_string(c);
                parts.push_back(terminalCall(id, g.prose(g.between(500, 6000))));
            }
            out += line({{"kind", 2}, {"k", responsePath}, {"v", parts}});
        }
        if (r % 17 == 5) { // the editor rewrites a response it streamed
            out += line({{"kind", 2},
                         {"k", responsePath},
                         {"i", 0},
                         {"v", {{{"value", g.prose(g.between(500, 3000))}, {"supportThemeIcons", false}}}}});
        }
        out += line(
            {{"kind", 1}, {"k", {"requests", r, "modelState"}}, {"v", {{"value", 1}, {"completedAt", t + 30000}}}});
        out += line({{"kind", 1},
                     {"k", {"requests", r, "result"}},
                     {"v",
                      {{"timings", {{"firstProgress", 700}, {"totalElapsed", 30000}}},
                       {"metadata", {{"promptTokens", 3000}, {"outputTokens", 600}}}}}});
        written += file.write(out.data(), qint64(out.size()));
    }
    return r;
}

QString writeVsCodeHome(const QString& home, qint64 targetBytes, VsCodeShape shape)
{
    const QString storage = home + u"/.config/Code/User/workspaceStorage/0123456789abcdef0123456789abcdef"_s;
    const QString project = home + u"/projects/big"_s;
    if (!QDir().mkpath(storage + u"/chatSessions"_s) || !QDir().mkpath(project)) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(storage));
        std::exit(1);
    }
    QFile workspace(storage + u"/workspace.json"_s);
    if (!workspace.open(QIODevice::WriteOnly) ||
        workspace.write(
            QByteArray::fromStdString(line(boost::json::object{{"folder", "file://" + project.toStdString()}}))) < 0) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(workspace.fileName()));
        std::exit(1);
    }
    const QString path = storage + u"/chatSessions/"_s + QString::fromLatin1(vsCodeSessionId) + u".jsonl"_s;
    writeVsCodeSession(path, targetBytes, shape);
    return path;
}

QString writeClaudeCodeHome(const QString& home, qint64 targetBytes)
{
    const std::string project = home.toStdString() + "/projects/big";
    const QString folder = home + u"/.claude/projects/"_s + QString::fromStdString(project).replace(u'/', u'-');
    const QString path = folder + u'/' + QString::fromLatin1(claudeCodeSessionId) + u".jsonl"_s;
    QFile file(path);
    if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
    Generator text(11);
    std::mt19937 random(12);
    const auto uuid = [&random] { // version 4, as Claude Code's
        char text[37];
        std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%08x%04x", unsigned(random()),
                      unsigned(random() & 0xffff), unsigned(random() & 0xfff), unsigned(0x8000 | (random() & 0x3fff)),
                      unsigned(random()), unsigned(random() & 0xffff));
        return std::string(text);
    };
    qint64 time = 1'764'547'200'000; // 2025-12-01
    const auto stamp = [&time](int seconds) {
        time += seconds * 1000;
        return QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc())
            .toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s)
            .toStdString();
    };
    const auto record = [&project](boost::json::object fields) {
        boost::json::object common{{"isSidechain", false}, {"userType", "external"},
                                   {"cwd", project},       {"sessionId", claudeCodeSessionId},
                                   {"version", "2.1.197"}, {"gitBranch", "main"}};
        for (auto& field : fields) {
            common.insert_or_assign(field.key(), std::move(field.value()));
        }
        return line(common);
    };
    static const char* tools[] = {"Read", "Edit", "Bash", "Grep"};
    boost::json::value parent = nullptr;
    qint64 written = 0;
    std::string out;
    for (int turn = 0; written < targetBytes; ++turn) {
        const std::string user = uuid();
        const std::string messageId = "msg_" + std::to_string(turn);
        const boost::json::object usage{{"input_tokens", 1000 + turn % 500},
                                        {"cache_creation_input_tokens", 200},
                                        {"cache_read_input_tokens", 12000},
                                        {"output_tokens", 100 + turn % 300},
                                        {"service_tier", "standard"}};
        out += record({{"parentUuid", parent},
                       {"type", "user"},
                       {"message", {{"role", "user"}, {"content", text.prose(100 + random() % 900)}}},
                       {"uuid", user},
                       {"timestamp", stamp(20)}});
        const std::string answer = uuid();
        out +=
            record({{"parentUuid", user},
                    {"message",
                     {{"id", messageId},
                      {"type", "message"},
                      {"role", "assistant"},
                      {"model", "claude-sonnet-4-5"},
                      {"content", boost::json::array{{{"type", "text"}, {"text", text.prose(100 + random() % 600)}}}},
                      {"stop_reason", nullptr},
                      {"usage", usage}}},
                    {"requestId", "req_" + std::to_string(turn)},
                    {"type", "assistant"},
                    {"uuid", answer},
                    {"timestamp", stamp(4)}});
        const std::string use = uuid();
        const std::string call = "toolu_" + std::to_string(turn);
        const char* tool = tools[random() % 4];
        const std::string touched =
            project + "/src/module" + std::to_string(random() % 200) + "/file" + std::to_string(random() % 100) + ".ts";
        const boost::json::object input =
            tool == std::string_view("Bash")   ? boost::json::object{{"command", "npm test -- " + touched}}
            : tool == std::string_view("Grep") ? boost::json::object{{"pattern", "cache"}, {"path", touched}}
                                               : boost::json::object{{"file_path", touched}};
        out += record(
            {{"parentUuid", answer},
             {"message",
              {{"id", messageId},
               {"type", "message"},
               {"role", "assistant"},
               {"model", "claude-sonnet-4-5"},
               {"content", boost::json::array{{{"type", "tool_use"}, {"id", call}, {"name", tool}, {"input", input}}}},
               {"stop_reason", "tool_use"},
               {"usage", usage}}},
             {"type", "assistant"},
             {"uuid", use},
             {"timestamp", stamp(1)}});
        const std::string result = uuid();
        const std::string output = text.code(2000 + random() % 14000);
        out += record(
            {{"parentUuid", use},
             {"type", "user"},
             {"message",
              {{"role", "user"},
               {"content", boost::json::array{{{"tool_use_id", call}, {"type", "tool_result"}, {"content", output}}}}}},
             {"uuid", result},
             {"timestamp", stamp(2)},
             {"toolUseResult",
              {{"type", "text"}, {"file", {{"filePath", touched}, {"content", output}, {"numLines", 40}}}}}});
        const std::string last = uuid();
        out +=
            record({{"parentUuid", result},
                    {"message",
                     {{"id", messageId + "b"},
                      {"type", "message"},
                      {"role", "assistant"},
                      {"model", "claude-sonnet-4-5"},
                      {"content", boost::json::array{{{"type", "text"}, {"text", text.prose(200 + random() % 1500)}}}},
                      {"stop_reason", "end_turn"},
                      {"usage", usage}}},
                    {"type", "assistant"},
                    {"uuid", last},
                    {"timestamp", stamp(6)}});
        out += line({{"type", "file-history-snapshot"},
                     {"messageId", last},
                     {"snapshot",
                      {{"messageId", last}, {"trackedFileBackups", boost::json::object{}}, {"timestamp", stamp(0)}}},
                     {"isSnapshotUpdate", false}});
        parent = boost::json::string(last);
        if (out.size() > (std::size_t(1) << 20) || written + qint64(out.size()) >= targetBytes) {
            if (file.write(out.data(), qint64(out.size())) != qint64(out.size())) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
                std::exit(1);
            }
            written += qint64(out.size());
            out.clear();
        }
    }
    return path;
}

QString writeCodexHome(const QString& home, qint64 targetBytes)
{
    const QString folder = home + u"/.codex/sessions/2025/12/01"_s;
    const QString path =
        folder + u"/rollout-2025-12-01T09-00-00-"_s + QString::fromLatin1(codexSessionId) + u".jsonl"_s;
    QFile file(path);
    if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
    Generator text(13);
    std::mt19937 random(14);
    const std::string project = home.toStdString() + "/projects/big";
    qint64 time = 1'764'579'600'000; // 2025-12-01T09:00:00Z
    const auto record = [&time](const char* type, boost::json::object payload, int seconds) {
        time += seconds * 1000;
        const std::string stamp = QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc())
                                      .toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s)
                                      .toStdString();
        return line({{"timestamp", stamp}, {"type", type}, {"payload", std::move(payload)}});
    };
    const auto message = [](const char* role, std::string text) {
        return boost::json::object{
            {"type", "message"},
            {"role", role},
            {"content",
             boost::json::array{{{"type", role == std::string_view("assistant") ? "output_text" : "input_text"},
                                 {"text", std::move(text)}}}}};
    };
    std::string out = record("session_meta",
                             {{"id", codexSessionId},
                              {"timestamp", "2025-12-01T09:00:00.000Z"},
                              {"cwd", project},
                              {"originator", "codex_cli_rs"},
                              {"cli_version", "0.160.0"},
                              {"model_provider", "openai"}},
                             0);
    qint64 written = 0;
    for (int turn = 0; written < targetBytes; ++turn) {
        if (turn % 50 == 0) {
            out += record("turn_context", {{"cwd", project}, {"model", turn % 100 ? "gpt-5.1-codex" : "gpt-5.1"}}, 0);
        }
        out += record("response_item", message("user", text.prose(100 + random() % 900)), 20);
        out += record("response_item",
                      {{"type", "reasoning"},
                       {"summary", boost::json::array{}},
                       {"encrypted_content", "gAAAA" + std::string(600 + random() % 800, 'x')}},
                      2);
        out += record("response_item", message("assistant", text.prose(100 + random() % 600)), 4);
        const std::string call = "call_" + std::to_string(turn);
        const std::string touched =
            project + "/src/module" + std::to_string(random() % 200) + "/file" + std::to_string(random() % 100) + ".rs";
        out += record("response_item",
                      {{"type", "function_call"},
                       {"name", "shell"},
                       {"arguments", boost::json::serialize(boost::json::object{
                                         {"command", boost::json::array{"bash", "-lc", "cat " + touched}}})},
                       {"call_id", call}},
                      1);
        out += record("response_item",
                      {{"type", "function_call_output"},
                       {"call_id", call},
                       {"output", boost::json::serialize(boost::json::object{
                                      {"output", text.code(2000 + random() % 14000)},
                                      {"metadata", {{"exit_code", 0}, {"duration_seconds", 0.1}}}})}},
                      2);
        out += record("response_item", message("assistant", text.prose(200 + random() % 1500)), 6);
        out += record(
            "event_msg",
            {{"type", "token_count"}, {"info", {{"total_token_usage", {{"total_tokens", 14000 * (turn + 1)}}}}}}, 0);
        if (out.size() > (std::size_t(1) << 20) || written + qint64(out.size()) >= targetBytes) {
            if (file.write(out.data(), qint64(out.size())) != qint64(out.size())) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
                std::exit(1);
            }
            written += qint64(out.size());
            out.clear();
        }
    }
    return path;
}

Vocabulary::Vocabulary(std::uint32_t seed, Kind kind)
    : m_random(seed)
{
    if (kind == Kind::Identifiers) {
        m_words = {"the",    "to",       "a",        "of",     "and",    "is",     "in",      "that",  "it",
                   "for",    "test",     "function", "error",  "file",   "we",     "this",    "with",  "build",
                   "should", "value",    "return",   "not",    "server", "config", "request", "cache", "thread",
                   "query",  "database", "index",    "module", "async",  "path",   "user"};
        static const char* syllables[] = {"ka",  "lo",  "mi",  "ser", "ton", "vel", "dra", "qui",  "ber", "nex",
                                          "por", "tal", "zen", "fir", "gul", "hap", "jor", "ment", "sta", "wix"};
        for (int i = 0; m_words.size() < 20000; ++i) {
            std::string word;
            for (int n = i; word.size() < 6 || n > 0; n /= 20) {
                word += syllables[n % 20];
            }
            m_words.push_back(word);
        }
    } else {
        static const char* syllables[] = {"al", "er", "an", "ko", "ri", "ta", "mu", "se",
                                          "li", "no", "ve", "du", "pa", "gi", "or", "em"};
        // Every word of two and three syllables, then four-syllable ones, 40 000 in all.
        for (int length = 2; m_words.size() < 40000; ++length) {
            int count = 1;
            for (int s = 0; s < length; ++s) {
                count *= 16;
            }
            for (int i = 0; i < count && m_words.size() < 40000; ++i) {
                std::string word;
                for (int s = 0, n = i; s < length; ++s, n /= 16) {
                    word += syllables[n % 16];
                }
                m_words.push_back(word);
            }
        }
        // Which words are frequent is drawn once, from a seed of its own: the same for every corpus.
        std::mt19937 order(2026);
        std::shuffle(m_words.begin(), m_words.end(), order);
    }
    double total = 0;
    for (std::size_t rank = 1; rank <= m_words.size(); ++rank) {
        total += 1.0 / std::pow(double(rank), 1.07);
        m_cumulative.push_back(total);
    }
}

std::optional<Vocabulary::Kind> Vocabulary::kindNamed(const QString& name)
{
    if (name == u"identifiers"_s) {
        return Kind::Identifiers;
    }
    if (name == u"syllables"_s) {
        return Kind::Syllables;
    }
    return std::nullopt;
}

const std::string& Vocabulary::word()
{
    const double u = std::uniform_real_distribution<double>(0, m_cumulative.back())(m_random);
    return m_words[std::size_t(std::lower_bound(m_cumulative.begin(), m_cumulative.end(), u) - m_cumulative.begin())];
}

std::string Vocabulary::prose(std::size_t bytes)
{
    std::string text;
    while (text.size() < bytes) {
        text += word();
        text += m_random() % 12 == 0 ? ". " : " ";
    }
    return text;
}

std::string Vocabulary::code(std::size_t bytes)
{
    std::string text = "```cpp\n";
    while (text.size() < bytes) {
        text += "auto " + word() + std::to_string(m_random() % 100) + " = " + word() + "(" + word() + ");\n";
    }
    return text + "```";
}

namespace {

// Writes sessions into a HOME one at a time, three in five as Claude Code transcripts, the rest as Codex
// rollouts, each in the folder its tool uses.
class Writer
{
public:
    Writer(const QString& home, Vocabulary& words)
        : m_home(home)
        , m_random(words.random())
        , m_words(words)
    {}

    // Session sizes: most a few KB, some hundreds of KB, one in a thousand tens of MB.
    std::size_t sessionBytes()
    {
        const unsigned pick = m_random() % 1000;
        if (pick == 0) {
            return 8'000'000 + m_random() % 16'000'000;
        }
        if (pick < 60) {
            return 50'000 + m_random() % 400'000;
        }
        return 2'000 + m_random() % 16'000;
    }

    // A message: mostly short; sometimes long with a code block.
    std::string text()
    {
        const unsigned pick = m_random() % 10;
        if (pick < 6) {
            return m_words.prose(40 + m_random() % 200);
        }
        if (pick < 9) {
            return m_words.prose(200 + m_random() % 600);
        }
        return m_words.prose(100 + m_random() % 300) + "\n\n" + m_words.code(200 + m_random() % 1200);
    }

    void session(Corpus& corpus, std::size_t target)
    {
        const int n = corpus.sessions++;
        const bool claude = n % 5 < 3;
        const std::string id = QString(u"%1-0000-4000-8000-000000000000"_s.arg(n, 8, 10, QChar(u'0'))).toStdString();
        const std::string project = "/home/me/project" + std::to_string(n % 40);
        std::string log;
        qint64 time = 1'735'689'600'000 + qint64(n) * 600'000;
        const auto stamp = [&time] {
            time += 7000;
            return QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc()).toString(Qt::ISODateWithMs).toStdString();
        };
        if (!claude) {
            log +=
                line({{"timestamp", stamp()},
                      {"type", "session_meta"},
                      {"payload", {{"id", id}, {"timestamp", stamp()}, {"cwd", project}, {"cli_version", "0.160.0"}}}});
        }
        for (int turn = 0; log.size() < target; ++turn) {
            const std::string question = text();
            const std::string answer = text();
            const std::string call = "call_" + std::to_string(turn);
            const std::string output = m_words.prose(100 + m_random() % 700);
            if (claude) {
                const std::string uuid = id + "-" + std::to_string(turn);
                log += line({{"type", "user"},
                             {"uuid", "u" + uuid},
                             {"sessionId", id},
                             {"cwd", project},
                             {"timestamp", stamp()},
                             {"message", {{"role", "user"}, {"content", question}}}});
                log += line({{"type", "assistant"},
                             {"uuid", "a" + uuid},
                             {"sessionId", id},
                             {"timestamp", stamp()},
                             {"message",
                              {{"id", "msg_" + uuid},
                               {"role", "assistant"},
                               {"model", "claude-sonnet-4-5"},
                               {"content", boost::json::array{{{"type", "text"}, {"text", answer}},
                                                              {{"type", "tool_use"},
                                                               {"id", call},
                                                               {"name", "Bash"},
                                                               {"input", {{"command", "make test"}}}}}}}}});
                log += line(
                    {{"type", "user"},
                     {"uuid", "t" + uuid},
                     {"sessionId", id},
                     {"timestamp", stamp()},
                     {"message",
                      {{"role", "user"},
                       {"content",
                        boost::json::array{{{"type", "tool_result"}, {"tool_use_id", call}, {"content", output}}}}}}});
            } else {
                log += line({{"timestamp", stamp()},
                             {"type", "event_msg"},
                             {"payload", {{"type", "user_message"}, {"message", question}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload",
                              {{"type", "message"},
                               {"role", "user"},
                               {"content", boost::json::array{{{"type", "input_text"}, {"text", question}}}}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload",
                              {{"type", "function_call"},
                               {"name", "shell"},
                               {"arguments", "{\"command\":[\"bash\",\"-lc\",\"make test\"]}"},
                               {"call_id", call}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload", {{"type", "function_call_output"}, {"call_id", call}, {"output", output}}}});
                log += line({{"timestamp", stamp()},
                             {"type", "response_item"},
                             {"payload",
                              {{"type", "message"},
                               {"role", "assistant"},
                               {"content", boost::json::array{{{"type", "output_text"}, {"text", answer}}}}}}});
            }
            corpus.messages += 2;
        }
        const QDateTime day = QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc());
        const QString path =
            claude ? m_home +
                         u"/.claude/projects/-home-me-project%1/%2.jsonl"_s.arg(n % 40).arg(QString::fromStdString(id))
                   : m_home + u"/.codex/sessions/%1/rollout-%2-%3.jsonl"_s.arg(day.toString(u"yyyy/MM/dd"_s),
                                                                               day.toString(u"yyyy-MM-ddTHH-mm-ss"_s),
                                                                               QString::fromStdString(id));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(log.data(), qint64(log.size())) != qint64(log.size())) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            std::exit(1);
        }
        corpus.bytes += qint64(log.size());
    }

private:
    QString m_home;
    std::mt19937& m_random;
    Vocabulary& m_words;
};

} // namespace

Corpus writeHarvestCorpus(const QString& home, qint64 targetBytes, Vocabulary::Kind kind, qint64 targetMessages)
{
    Vocabulary words(42, kind);
    Writer writer(home, words);
    Corpus corpus;
    while ((targetBytes <= 0 || corpus.bytes < targetBytes) &&
           (targetMessages <= 0 || corpus.messages < targetMessages)) {
        const std::size_t bytes = writer.sessionBytes();
        writer.session(corpus, targetBytes <= 0
                                   ? bytes
                                   : std::min<std::size_t>(bytes, std::size_t(targetBytes - corpus.bytes) + 1000));
    }
    return corpus;
}

QStringList benchQueries(const Vocabulary& words, int queryCount)
{
    QStringList queries;
    std::mt19937 pick(7);
    const auto w = [&](std::size_t low, std::size_t high) {
        return QString::fromStdString(words.at(low + pick() % (std::min(high, words.size()) - low)));
    };
    for (int i = 0; i < queryCount; ++i) {
        switch (i % queryKinds) {
        case 0:
            queries << w(0, 50);
            break; // a common word
        case 1:
            queries << w(300, 3000);
            break; // a word of medium frequency: thousands of matches in a million messages
        case 2:
            queries << w(3000, 15000);
            break; // a rare word
        case 3:
            queries << w(20, 500) + u' ' + w(200, 3000);
            break; // two words
        case 4:
            queries << u'"' + w(0, 30) + u' ' + w(0, 30) + u'"';
            break; // a phrase
        case 5:
            queries << w(100, 3000).left(4) + u'*';
            break; // a prefix (two syllables of the syllable vocabulary)
        case 6:
            queries << w(0, 30).left(4) + u'*';
            break; // the prefix of a common word: most messages, with the syllable vocabulary
        case 7:
            queries << w(500, 5000) + u" OR "_s + w(500, 5000);
            break; // OR
        default:
            queries << w(50, 2000);
            break; // with a filter below
        }
    }
    return queries;
}

} // namespace chasm::bench
