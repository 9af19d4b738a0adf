// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/RetentionRule.h"
#include "model/SessionRef.h"

#include <QDateTime>
#include <QList>

namespace chasm {

// Which of a tool's sessions its retention rule deletes soon, and when: a tool deletes what is due when it next
// starts, so a session is at risk from its due time on (a due time already past means "at the tool's next start").
class RetentionWatch
{
public:
    struct AtRisk
    {
        SessionRef session;
        QDateTime purgeAt; // UTC: from then on, the tool deletes it when it starts
    };

    // The sessions of one provider that `rule` makes due before `horizon`, soonest first. Those the rule keeps by
    // count are counted per workspace (a project's chats folder), newest first.
    static QList<AtRisk> atRisk(const RetentionRule& rule, const QList<SessionRef>& sessions, const QDateTime& now,
                                const QDateTime& horizon);
    // What a session's age is counted from under `basis`, in ms since the epoch (0 when unknown).
    static qint64 lastActiveMs(const SessionRef& session, RetentionRule::Basis basis);
};

} // namespace chasm
