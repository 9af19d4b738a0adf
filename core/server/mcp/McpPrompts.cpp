// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "McpPrompts.h"

#include "json/Json.h"
#include "services/InsightService.h"
#include "store/HarvestReader.h"

#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;

namespace chasm::mcp {

namespace {

// How many items a prompt asks the database for; the budget may cut them further.
constexpr int promptItems = 200;

// The instructions, then the data as JSON cut to the budget (items of `listKey` dropped from its end, and said so).
QString withData(const QString& instructions, boost::json::object data, std::string_view listKey, CallContext& context)
{
    const int room = std::max(context.budget() - int(instructions.size()) - 400, 2000);
    const qsizetype dropped = trimToBudget(data, listKey, room);
    QString text = instructions + u"\n\nData from Chasm's harvest database (JSON):\n```json\n"_s +
                   json::toQString(boost::json::serialize(data)) + u"\n```"_s;
    if (dropped > 0) {
        text +=
            u"\n(The last %1 %2 were left out to keep this prompt short.)"_s.arg(dropped).arg(json::toQString(listKey));
    }
    return text;
}

int number(const QHash<QString, QString>& arguments, const QString& name, int fallback, int low, int high)
{
    bool ok = false;
    const int value = arguments.value(name).trimmed().toInt(&ok);
    return ok ? std::clamp(value, low, high) : fallback;
}

RequestResult<QString> sessionSummary(const QHash<QString, QString>& arguments, CallContext& context)
{
    auto db = context.database();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    const int days = number(arguments, u"days"_s, 7, 1, 365);
    auto work = InsightService::recentWork(**db, days, promptItems, context.cancel());
    if (!work) {
        return RequestError{InternalError, work.error().message};
    }
    return withData(
        u"Summarize what I worked on with my AI coding assistants in the last %1 days, as a stand-up summary: "
        u"group the sessions by project, say in one or two lines per project what was done or decided (from the "
        u"session titles, first requests and tools used), and end with what looks unfinished. Name the tools "
        u"(Copilot, Claude Code, ...) only where it matters. Do not invent work the data does not show."_s.arg(days),
        toJson(*work), "sessions", context);
}

RequestResult<QString> yakDetector(const QHash<QString, QString>& arguments, CallContext& context)
{
    auto db = context.database();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    const auto id = HarvestReader(**db).resolve(arguments.value(u"session_id"_s));
    if (!id) {
        return notFoundOr(**db, id.error(), InvalidParams);
    }
    auto outline = InsightService::sessionOutline(**db, *id, promptItems, context.cancel());
    if (!outline) {
        return RequestError{InternalError, outline.error().message};
    }
    return withData(
        u"Below is the outline of one AI coding session: each request I made, in order, with how much work and "
        u"which files followed it. Find where the session drifted from its first goal: tangents, yak-shaving "
        u"(fixing something to fix something to fix something) and scope creep. For each, name the step "
        u"(its index), what pulled the work away, and whether it was needed for the goal. End with one sentence: "
        u"was the original goal reached?"_s,
        toJson(*outline), "steps", context);
}

RequestResult<QString> codeInsight(const QHash<QString, QString>& arguments, CallContext& context)
{
    auto db = context.database();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    auto insight = InsightService::codeInsight(**db, arguments.value(u"project_path"_s), promptItems, context.cancel());
    if (!insight) {
        return RequestError{InternalError, insight.error().message};
    }
    boost::json::object data = toJson(*insight);
    // The files are the longer list and the first to give way.
    trimToBudget(data, "files", std::max(context.budget() / 2, 2000));
    return withData(
        u"Analyze how AI agents worked on this project: which tools they used most and how often those failed, "
        u"which files they changed most (hot spots), and patterns worth acting on (files edited again and again, "
        u"failing tools, sessions that only read). Give concrete, short recommendations."_s,
        std::move(data), "tools", context);
}

RequestResult<QString> sessionOrganizer(const QHash<QString, QString>&, CallContext& context)
{
    auto db = context.database();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    auto organizer = InsightService::organizerData(**db, promptItems, context.cancel());
    if (!organizer) {
        return RequestError{InternalError, organizer.error().message};
    }
    return withData(
        u"Organize these AI chat sessions: give each a project (from its project path, or the folder name) and one "
        u"to three topic tags (e.g. auth, testing, deployment, refactoring) from its title and first request. "
        u"Answer as a table: session id, project, tags. Then list the tags with how many sessions carry each."_s,
        toJson(*organizer), "sessions", context);
}

RequestResult<QString> secretGuard(const QHash<QString, QString>& arguments, CallContext& context)
{
    auto db = context.database();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    QString session = arguments.value(u"session_id"_s);
    if (!session.isEmpty()) {
        auto id = HarvestReader(**db).resolve(session);
        if (!id) {
            return notFoundOr(**db, id.error(), InvalidParams);
        }
        session = *id;
    }
    auto secrets =
        InsightService::secrets(**db, session, promptItems, context.cancel(), [&context](qint64 done, qint64 total) {
            context.progress(double(done), double(total),
                             u"Scanned %1 of %2 messages and tool calls for "
                             u"secrets"_s.arg(done)
                                 .arg(total));
        });
    if (!secrets) {
        return RequestError{InternalError, secrets.error().message};
    }
    return withData(
        u"Chasm's secret scanner found the findings below in my AI chat history (the secrets are masked; never try "
        u"to reconstruct them). For each, say how serious it is (a live credential of a cloud, a code host or a "
        u"payment service is critical), and what to do: rotate the key, where it was pasted, and how to keep it out "
        u"of chats next time (environment variables, a secret manager). Group findings of the same secret."_s,
        toJson(*secrets), "findings", context);
}

RequestResult<QString> linkTrail(const QHash<QString, QString>& arguments, CallContext& context)
{
    auto db = context.database();
    if (!db) {
        return RequestError{InternalError, db.error().message};
    }
    auto links = InsightService::links(**db, arguments.value(u"project_path"_s), promptItems, context.cancel());
    if (!links) {
        return RequestError{InternalError, links.error().message};
    }
    return withData(
        u"These are the URLs referenced in my AI chat sessions, most referenced first. Make a catalog of them: group "
        u"by kind (documentation, issues and pull requests, packages, articles, internal services, other), one line "
        u"each with what it is likely about, and point out links that look private or that may have changed."_s,
        toJson(*links), "links", context);
}

std::vector<Prompt> makePrompts()
{
    return {
        {"session-summary",
         "What did I work on",
         "A stand-up summary of the work done with AI coding assistants in the last days, grouped by project.",
         {{"days", "How many days back (default 7)", false}},
         sessionSummary},
        {"yak-detector",
         "Yak-shaving detector",
         "Finds the tangents and scope creep in one session, from the outline of its requests.",
         {{"session_id", "The session (an id or a unique prefix, as chasm_search_sessions gives)", true}},
         yakDetector},
        {"code-insight",
         "Code insight",
         "Tool usage and file change patterns of AI agents in one project.",
         {{"project_path", "The project folder", true}},
         codeInsight},
        {"session-organizer", "Organize sessions", "Tags recent sessions by project and topic.", {}, sessionOrganizer},
        {"secret-guard",
         "Secret guard",
         "Messages that look like leaked API keys and other credentials (masked), with what to do about them.",
         {{"session_id", "Only this session (default: every session)", false}},
         secretGuard},
        {"link-trail",
         "Link trail",
         "The URLs referenced in sessions, as a catalog.",
         {{"project_path", "Only this project's sessions (default: every session)", false}},
         linkTrail},
    };
}

} // namespace

const std::vector<Prompt>& prompts()
{
    static const std::vector<Prompt> all = makePrompts();
    return all;
}

const Prompt* findPrompt(std::string_view name)
{
    for (const Prompt& prompt : prompts()) {
        if (prompt.name == name) {
            return &prompt;
        }
    }
    return nullptr;
}

} // namespace chasm::mcp
