// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The MCP server as an agent uses it: `chasm mcp serve` started as a new process and spoken to over stdio.
//
//   bench_mcp --db DB [--vocabulary identifiers|syllables] [--chasm PATH] [--starts 30] [--queries 200]
//             [--pages 200]
//
// DB is a harvest database another benchmark made and kept (bench_harvest --cache DIR leaves DIR/chasm.db, written
// from a corpus of the given vocabulary). It measures, each as medians and percentiles of wall time:
//   - start-up: from starting the process to the answer to `initialize`, --starts times;
//   - chasm_search_sessions over the search benchmark's --queries queries (bench/Corpus.h, 10 hits each), through
//     one process, as an agent's session keeps it;
//   - chasm_search_sessions of each of the vocabulary's five most common words, in pages of 10 hits to the end (every
//     page, and the first and the last pages apart);
//   - chasm_get_session pages of 50 messages, --pages times, each of a random session at a random place.
// The server runs with --no-harvest: the database is read as it is.

#include "BenchOptions.h"
#include "Corpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <boost/json.hpp>

#include <cstdio>
#include <random>
#include <set>
#include <vector>

using namespace Qt::StringLiterals;
using chasm::bench::median;
using chasm::bench::option;
using chasm::bench::percentile;

namespace {

// One server process, one request at a time.
class Server
{
public:
    Server(const QString& chasm, const QString& database)
    {
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start(chasm, {u"mcp"_s, u"serve"_s, u"--no-harvest"_s, u"--db"_s, database});
    }
    ~Server()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    // The response to a request, or an empty object when none came.
    boost::json::object call(const std::string& method, boost::json::object params)
    {
        const boost::json::object request{
            {"jsonrpc", "2.0"}, {"id", ++m_id}, {"method", method}, {"params", std::move(params)}};
        m_process.write(QByteArray::fromStdString(boost::json::serialize(request)) + '\n');
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n');
            if (newline >= 0) {
                const QByteArray line = m_buffer.left(newline);
                m_buffer.remove(0, newline + 1);
                boost::system::error_code ec;
                auto value = boost::json::parse(line.toStdString(), ec);
                if (!ec && value.is_object() && value.get_object().contains("id") &&
                    value.get_object().at("id") == m_id) {
                    return value.get_object();
                }
                continue;
            }
            if (!m_process.waitForReadyRead(60000)) {
                return {};
            }
            m_buffer += m_process.readAllStandardOutput();
        }
    }
    bool initialize()
    {
        return call("initialize", {{"protocolVersion", "2025-11-25"},
                                   {"capabilities", boost::json::object()},
                                   {"clientInfo", {{"name", "bench_mcp"}, {"version", "1"}}}})
            .contains("result");
    }

private:
    QProcess m_process;
    QByteArray m_buffer;
    int m_id = 0;
};

bool failed(const boost::json::object& reply)
{
    const auto* result = reply.if_contains("result");
    return !result || (result->get_object().contains("isError") && result->get_object().at("isError") == true);
}

void report(const char* what, const std::vector<double>& ms)
{
    std::printf("%-40s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%zu)\n", what, median(ms),
                percentile(ms, 0.95), percentile(ms, 0.99), percentile(ms, 1), ms.size());
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const QString database = option(args, u"--db"_s, QString());
    const QString chasm = option(args, u"--chasm"_s, QStringLiteral(CHASM_CLI_BINARY));
    const auto kind = chasm::bench::Vocabulary::kindNamed(option(args, u"--vocabulary"_s, u"identifiers"_s));
    const int starts = std::max(1, option(args, u"--starts"_s, u"30"_s).toInt());
    const int queryCount = std::max(1, option(args, u"--queries"_s, u"200"_s).toInt());
    const int pages = std::max(1, option(args, u"--pages"_s, u"200"_s).toInt());
    if (database.isEmpty() || !kind) {
        std::fprintf(stderr, "usage: bench_mcp --db DB [--vocabulary identifiers|syllables] [--starts N] "
                             "[--queries N] [--pages N]\n");
        return 2;
    }

    // The sessions to read pages of, with their sizes.
    std::vector<std::pair<QString, int>> sessions;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench"_s);
        db.setDatabaseName(database);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QSqlQuery query(db);
        if (!db.open() || !query.exec(u"SELECT id, message_count FROM sessions WHERE message_count > 0"_s)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(database));
            return 1;
        }
        while (query.next()) {
            sessions.emplace_back(query.value(0).toString(), query.value(1).toInt());
        }
    }
    QSqlDatabase::removeDatabase(u"bench"_s);
    qint64 messages = 0;
    for (const auto& [id, count] : sessions) {
        messages += count;
    }
    std::printf("database %s: %zu sessions, %lld messages\n", qPrintable(database), sessions.size(),
                static_cast<long long>(messages));

    std::vector<double> startMs;
    for (int i = 0; i < starts; ++i) {
        QElapsedTimer timer;
        timer.start();
        Server server(chasm, database);
        if (!server.initialize()) {
            std::fprintf(stderr, "%s mcp serve did not answer initialize\n", qPrintable(chasm));
            return 1;
        }
        startMs.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    report("start to initialize answered", startMs);

    Server server(chasm, database);
    if (!server.initialize()) {
        return 1;
    }
    const QStringList queries = chasm::bench::benchQueries(chasm::bench::Vocabulary(42, *kind), queryCount);
    std::vector<double> searchMs;
    for (const QString& query : queries) {
        QElapsedTimer timer;
        timer.start();
        const auto reply = server.call("tools/call", {{"name", "chasm_search_sessions"},
                                                      {"arguments", {{"query", query.toStdString()}, {"limit", 10}}}});
        searchMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (failed(reply)) {
            std::fprintf(stderr, "search %s failed: %s\n", qPrintable(query), boost::json::serialize(reply).c_str());
            return 1;
        }
    }
    report("chasm_search_sessions (10 hits)", searchMs);

    const chasm::bench::Vocabulary vocabulary(42, *kind);
    std::vector<double> commonMs;
    std::vector<double> firstMs;
    std::vector<double> lastMs;
    for (std::size_t rank = 0; rank < 5; ++rank) {
        const std::string word = vocabulary.at(rank);
        boost::json::value cursor = nullptr;
        std::set<std::string> seen;
        do {
            boost::json::object arguments{{"query", word}, {"limit", 10}};
            if (!cursor.is_null()) {
                arguments["cursor"] = cursor;
            }
            QElapsedTimer timer;
            timer.start();
            const auto reply = server.call("tools/call", {{"name", "chasm_search_sessions"}, {"arguments", arguments}});
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (failed(reply)) {
                std::fprintf(stderr, "search %s failed: %s\n", word.c_str(), boost::json::serialize(reply).c_str());
                return 1;
            }
            const auto& page = reply.at("result").at("structuredContent").get_object();
            for (const auto& hit : page.at("hits").get_array()) {
                if (!seen.insert(boost::json::serialize(hit.at("session_id")) + '#' +
                                 boost::json::serialize(hit.at("message_index")))
                         .second) {
                    std::fprintf(stderr, "search %s: a hit came twice\n", word.c_str());
                    return 1;
                }
            }
            (cursor.is_null() ? firstMs : commonMs).push_back(ms);
            cursor = page.at("next_cursor");
            if (cursor.is_null()) {
                lastMs.push_back(ms);
            }
        } while (!cursor.is_null());
        std::printf("  \"%s\": %zu hits\n", word.c_str(), seen.size());
    }
    commonMs.insert(commonMs.end(), firstMs.begin(), firstMs.end());
    report("common word, every page of 10", commonMs);
    report("common word, first page", firstMs);
    report("common word, last page", lastMs);

    std::mt19937 pick(11);
    std::vector<double> pageMs;
    for (int i = 0; i < pages && !sessions.empty(); ++i) {
        const auto& [id, count] = sessions[pick() % sessions.size()];
        const int from = count > 50 ? int(pick() % std::uint32_t(count - 50)) : 0;
        QElapsedTimer timer;
        timer.start();
        const auto reply = server.call(
            "tools/call", {{"name", "chasm_get_session"},
                           {"arguments", {{"session_id", id.toStdString()}, {"from", from}, {"limit", 50}}}});
        pageMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (failed(reply)) {
            std::fprintf(stderr, "page of %s failed: %s\n", qPrintable(id), boost::json::serialize(reply).c_str());
            return 1;
        }
    }
    report("chasm_get_session (pages of 50)", pageMs);
    return 0;
}
