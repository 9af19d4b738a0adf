// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ConversationDiff.h"

#include "json/Json.h"

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What a message says, tool calls and outcome included: two versions of a message differ when this does.
QString said(const Message& m)
{
    QString text = m.content + u'\x1f' + m.status + u'\x1f' + m.error;
    for (const ToolCall& call : m.toolCalls) {
        text += u'\x1f' + call.name + u'\x1f' + call.input + u'\x1f' + call.output + u'\x1f' + call.status;
    }
    return text;
}

void count(ConversationDiff& diff, ConversationDiff::Kind kind, Role role)
{
    using Kind = ConversationDiff::Kind;
    if (role == Role::System) {
        ++diff.otherChanges;
        return;
    }
    const bool request = role == Role::User;
    int& counter = kind == Kind::Added     ? (request ? diff.requestsAdded : diff.responsesAdded)
                   : kind == Kind::Changed ? (request ? diff.requestsChanged : diff.responsesChanged)
                                           : (request ? diff.requestsRemoved : diff.responsesRemoved);
    ++counter;
}

void add(ConversationDiff& diff, ConversationDiff::Kind kind, const Message& m, int index, const QString& oldText = {})
{
    count(diff, kind, m.role);
    diff.changes << ConversationDiff::Change{kind, m.role, index, m.content, oldText};
}

QString counted(int n, const QString& what, const QString& how)
{
    return u"%1 %2%3 %4"_s.arg(QString::number(n), what, n == 1 ? QString() : u"s"_s, how);
}

} // namespace

ConversationDiff ConversationDiff::between(const QList<Message>& before, const QList<Message>& after)
{
    ConversationDiff diff;
    const qsizetype common = std::min(before.size(), after.size());
    for (qsizetype i = 0; i < common; ++i) {
        const Message& old = before[i];
        const Message& now = after[i];
        if (old.role == now.role && said(old) == said(now)) {
            continue;
        }
        if (old.role == now.role) {
            add(diff, Kind::Changed, now, int(i), old.content);
        } else {
            add(diff, Kind::Removed, old, int(i));
            add(diff, Kind::Added, now, int(i));
        }
    }
    for (qsizetype i = common; i < after.size(); ++i) {
        add(diff, Kind::Added, after[i], int(i));
    }
    for (qsizetype i = common; i < before.size(); ++i) {
        add(diff, Kind::Removed, before[i], int(i));
    }
    return diff;
}

QString ConversationDiff::summary() const
{
    QStringList parts;
    const std::pair<int, QString> counts[] = {
        {requestsAdded, counted(requestsAdded, u"request"_s, u"added"_s)},
        {responsesAdded, counted(responsesAdded, u"response"_s, u"added"_s)},
        {requestsChanged, counted(requestsChanged, u"request"_s, u"changed"_s)},
        {responsesChanged, counted(responsesChanged, u"response"_s, u"changed"_s)},
        {requestsRemoved, counted(requestsRemoved, u"request"_s, u"removed"_s)},
        {responsesRemoved, counted(responsesRemoved, u"response"_s, u"removed"_s)},
        {otherChanges, counted(otherChanges, u"other message"_s, u"changed"_s)},
    };
    for (const auto& [n, text] : counts) {
        if (n > 0) {
            parts << text;
        }
    }
    return parts.isEmpty() ? u"no message changed"_s : parts.join(u", "_s);
}

QString kindName(ConversationDiff::Kind kind)
{
    switch (kind) {
    case ConversationDiff::Kind::Added:
        return u"added"_s;
    case ConversationDiff::Kind::Changed:
        return u"changed"_s;
    case ConversationDiff::Kind::Removed:
        return u"removed"_s;
    }
    return {};
}

boost::json::object toJson(const ConversationDiff& diff)
{
    boost::json::array messages;
    for (const ConversationDiff::Change& c : diff.changes) {
        boost::json::object m{{"change", json::fromQString(kindName(c.kind))},
                              {"role", json::fromQString(roleName(c.role))},
                              {"index", c.index},
                              {"text", json::fromQString(c.text)}};
        m["old_text"] = c.kind == ConversationDiff::Kind::Changed ? boost::json::value(json::fromQString(c.oldText))
                                                                  : boost::json::value(nullptr);
        messages.emplace_back(std::move(m));
    }
    return {{"requests_added", diff.requestsAdded},
            {"requests_changed", diff.requestsChanged},
            {"requests_removed", diff.requestsRemoved},
            {"responses_added", diff.responsesAdded},
            {"responses_changed", diff.responsesChanged},
            {"responses_removed", diff.responsesRemoved},
            {"other_changes", diff.otherChanges},
            {"summary", json::fromQString(diff.summary())},
            {"messages", std::move(messages)}};
}

} // namespace chasm
