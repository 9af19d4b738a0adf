// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionCatalog.h"
#include "store/Database.h"
#include "store/HistoryStore.h"
#include "util/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chasm {
class PostgresDatabase;
}

namespace chasm::mcp {

// The levels of logging/setLevel that Chasm sends at (syslog's, least severe first); at a client's level above
// error, nothing is sent.
enum class LogLevel
{
    Debug,
    Info,
    Notice,
    Warning,
    Error,
};

// What a tool, a resource or a prompt may use while it runs on one of the server's threads.
class CallContext
{
public:
    virtual ~CallContext() = default;
    virtual const SessionCatalog& catalog() const = 0;
    // This thread's connection to the harvest database, the database created by a harvest first when there is
    // none yet.
    virtual Result<Database*> database() = 0;
    // Whether the server reads a team database (--db postgresql://…), and this thread's connection to it. The
    // search reads one, and whatever reads through history(); database() refuses it.
    virtual bool onTeamDatabase() const = 0;
    virtual Result<PostgresDatabase*> teamDatabase() = 0;
    // The database the server reads, this machine's or a team database, as HistoryService reads it.
    Result<HistoryStore> history();
    // Set when the client cancelled the request; long steps stop at the next check.
    virtual const std::atomic_bool* cancel() const = 0;
    bool cancelled() const { return cancel()->load(); }
    // Sent only when the client asked for progress (a progress token).
    virtual void progress(double done, double total, const QString& message) = 0;
    // Sent when the client's log level (logging/setLevel; warning until it sets one) lets it through.
    virtual void log(LogLevel level, const QString& message) = 0;
    // An answer's budget in characters.
    virtual int budget() const = 0;
};

// JSON-RPC's codes for a request that failed: bad parameters (an unknown tool or prompt, a missing argument, a
// session that does not exist), a resource that is not there (MCP's code), or a failure of the server's own (a
// database that cannot be read).
inline constexpr int InvalidParams = -32602;
inline constexpr int ResourceNotFound = -32002;
inline constexpr int InternalError = -32603;

// Why a request failed, as its JSON-RPC error answers.
struct RequestError
{
    int code = InternalError;
    QString message;
};
// What a resource read or a prompt gives: its result, or the error the request is answered with.
template<typename T>
using RequestResult = std::variant<T, RequestError>;

// A failure to find what a request named (a session id that matches no session or several): the client's
// (`code`) while the database still answers a query, the server's (InternalError) when it does not.
RequestError notFoundOr(const HistoryStore& store, const Error& error, int code);

// A tool's arguments, already checked against its input schema.
class Arguments
{
public:
    explicit Arguments(const boost::json::object& object)
        : m_object(object)
    {}
    const boost::json::object& object() const { return m_object; }
    bool has(std::string_view name) const;
    QString string(std::string_view name) const;
    qint64 integer(std::string_view name, qint64 fallback) const;
    std::optional<bool> boolean(std::string_view name) const;
    QStringList strings(std::string_view name) const;
    // A time the client gave as "YYYY-MM-DD" or an ISO 8601 date and time; an error names the argument.
    Result<QDateTime> time(std::string_view name, bool endOfDay = false) const;

private:
    const boost::json::object& m_object;
};

// Where a paged answer goes on: the offset of the next item, tied to the arguments it was made for (a cursor
// given with other arguments is refused). Opaque to clients.
struct Cursor
{
    // No list Chasm pages is longer: a cursor past it is not one of ours.
    static constexpr qint64 maxOffset = 100000000;
    static std::string encode(qint64 offset, const std::string& scope);
    // The offset, or an error a model can act on.
    static Result<qint64> decode(const QString& cursor, const std::string& scope);
};

// A tool the server offers: what tools/list shows and what tools/call runs.
struct Tool
{
    std::string name;
    std::string title;
    std::string description;
    boost::json::object inputSchema;
    boost::json::object outputSchema;
    // The structured result, or an error the model is shown (isError).
    std::function<Result<boost::json::object>(const Arguments&, CallContext&)> run;
};
const std::vector<Tool>& tools();
const Tool* findTool(std::string_view name);

// Checks `value` against the part of JSON Schema the tools use (object, properties, required,
// additionalProperties: false, string, integer with minimum and maximum, boolean, array of strings, enum): a
// message that names the argument, or nothing when it conforms.
std::optional<QString> validate(const boost::json::object& schema, const boost::json::value& value);

// Drops items of `listKey` from the end until the serialized object fits in `budget` characters (keeping one at
// least); returns how many it dropped.
qsizetype trimToBudget(boost::json::object& object, std::string_view listKey, int budget);

// Cuts a page to the budget: drops items of `listKey` from the end until the serialized object fits, and sets
// "next_cursor" (where the next call goes on: after the last item kept, or `nextOffset` when all fit) and, when
// items were dropped, "truncated" with a note saying why. `nextOffset` is -1 when nothing follows.
void fitToBudget(boost::json::object& page, std::string_view listKey, qint64 offset, qint64 nextOffset, int budget,
                 const std::string& scope);

// The code points of a text (a pair of surrogates counts one), as SQLite's substr and from_char count them.
qint64 codePoints(const QString& text);

// A cursor's scope: the tool and every argument but the cursor and the limit.
std::string cursorScope(std::string_view tool, const boost::json::object& arguments);

} // namespace chasm::mcp
