// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionCompatibility.h"

#include "json/Json.h"

#include <QDateTime>
#include <QSet>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The message part kinds VS Code 1.99–1.108 revives; any other makes it drop every request of the
// session (reviveParsedChatRequest throws).
bool legacyPartKind(const QString& kind)
{
    static const QSet<QString> known{u"text"_s,  u"var"_s,   u"tool"_s,    u"toolset"_s,
                                     u"agent"_s, u"slash"_s, u"dynamic"_s, u"subcommand"_s};
    return known.contains(kind);
}

} // namespace

SessionCompatibility::Result SessionCompatibility::fill(boost::json::value& tree, Readers readers, const QString& id)
{
    Result result;
    if (!tree.is_object()) {
        result.warnings << u"the session is not a JSON object: no editor reads it"_s;
        return result;
    }
    boost::json::object& session = tree.get_object();
    const bool legacy = readers != Readers::Modern;
    const auto set = [&](const char* key, boost::json::value value) {
        session[key] = std::move(value);
        result.filled << QString::fromLatin1(key);
    };
    if (!session.contains("requests") || !session.at("requests").is_array()) {
        if (session.contains("requests")) {
            result.warnings << u"requests is not a list: the editors read the session as empty"_s;
        } else {
            set("requests", boost::json::array());
        }
    }
    if (!session.contains("sessionId") || !session.at("sessionId").is_string()) {
        set("sessionId", json::fromQString(id));
    }
    // The first and last request times bound the session's dates.
    std::optional<qint64> first, last;
    for (const boost::json::value& request : json::arrayAt(tree, "requests")) {
        if (const auto time = json::integer(request, "timestamp"); time && *time > 0) {
            first = std::min(first.value_or(*time), *time);
            last = std::max(last.value_or(*time), *time);
        }
    }
    const auto isNumber = [&session](const char* key) {
        const boost::json::value* value = session.if_contains(key);
        return value && value->is_number();
    };
    const std::optional<qint64> lastMessage = json::integer(tree, "lastMessageDate");
    if (!isNumber("creationDate")) {
        set("creationDate", first.value_or(lastMessage.value_or(QDateTime::currentDateTimeUtc().toMSecsSinceEpoch())));
    }
    if (!session.contains("responderUsername") || !session.at("responderUsername").is_string()) {
        set("responderUsername", "GitHub Copilot");
    }
    if (session.contains("initialLocation") && !session.at("initialLocation").is_string()) {
        set("initialLocation", "panel");
    }
    if (!legacy) {
        return result;
    }
    if (!session.contains("requesterUsername") || !session.at("requesterUsername").is_string()) {
        // The name the editor shows above the user's messages.
        QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
        set("requesterUsername", json::fromQString(user.isEmpty() ? u"user"_s : user));
    }
    if (!isNumber("lastMessageDate")) {
        set("lastMessageDate", last.value_or(json::integer(tree, "creationDate").value_or(0)));
    }
    QStringList unknownKinds;
    if (auto* requests = session.if_contains("requests"); requests && requests->is_array()) {
        boost::json::array& list = requests->get_array();
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].is_object()) {
                continue;
            }
            boost::json::object& request = list[i].get_object();
            const boost::json::value* state = request.if_contains("modelState");
            if (!request.contains("isCanceled") && state && json::integer(*state, "value") == 2) {
                request["isCanceled"] = true;
                result.filled << u"requests[%1].isCanceled"_s.arg(i);
            }
            const boost::json::value* message = request.if_contains("message");
            if (!message) {
                continue;
            }
            for (const boost::json::value& part : json::arrayAt(*message, "parts")) {
                const QString kind = json::string(part, "kind");
                if (!kind.isEmpty() && !legacyPartKind(kind) && !unknownKinds.contains(kind)) {
                    unknownKinds << kind;
                }
            }
        }
    }
    if (!unknownKinds.isEmpty()) {
        result.warnings << u"messages hold parts of a kind VS Code before 1.109 does not know (%1): it may open "
                           "the session without its requests"_s.arg(unknownKinds.join(u", "_s));
    }
    return result;
}

} // namespace chasm
