// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RetentionWatch.h"

#include <QHash>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <vector>

namespace chasm {

qint64 RetentionWatch::lastActiveMs(const SessionRef& session, RetentionRule::Basis basis)
{
    const qint64 updated = session.updatedAt.isValid() ? session.updatedAt.toMSecsSinceEpoch() : 0;
    if (basis == RetentionRule::Basis::FileModified) {
        return session.fileModifiedMs > 0 ? session.fileModifiedMs : updated;
    }
    return updated > 0 ? updated : session.fileModifiedMs;
}

QList<RetentionWatch::AtRisk> RetentionWatch::atRisk(const RetentionRule& rule, const QList<SessionRef>& sessions,
                                                     const QDateTime& now, const QDateTime& horizon)
{
    if (!rule.purges()) {
        return {};
    }
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // Due time by session index; LLONG_MAX: never.
    std::vector<qint64> due(std::size_t(sessions.size()), std::numeric_limits<qint64>::max());
    if (rule.maxAgeMs > 0) {
        for (qsizetype i = 0; i < sessions.size(); ++i) {
            const qint64 active = lastActiveMs(sessions.at(i), rule.basis);
            if (active > 0 && active <= std::numeric_limits<qint64>::max() - rule.maxAgeMs) {
                due[std::size_t(i)] = active + rule.maxAgeMs;
            }
        }
    }
    if (rule.maxCount > 0) {
        QHash<QString, QList<qsizetype>> byWorkspace;
        for (qsizetype i = 0; i < sessions.size(); ++i) {
            byWorkspace[sessions.at(i).workspaceId].append(i);
        }
        for (QList<qsizetype>& members : byWorkspace) {
            std::stable_sort(members.begin(), members.end(), [&](qsizetype a, qsizetype b) {
                return lastActiveMs(sessions.at(a), rule.basis) > lastActiveMs(sessions.at(b), rule.basis);
            });
            for (qsizetype rank = rule.maxCount; rank < members.size(); ++rank) {
                qint64& when = due[std::size_t(members.at(rank))];
                when = std::min(when, nowMs);
            }
        }
    }
    const qint64 horizonMs = horizon.toMSecsSinceEpoch();
    QList<AtRisk> result;
    for (qsizetype i = 0; i < sessions.size(); ++i) {
        if (due[std::size_t(i)] <= horizonMs) {
            result.append({sessions.at(i), QDateTime::fromMSecsSinceEpoch(due[std::size_t(i)], QTimeZone::utc())});
        }
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const AtRisk& a, const AtRisk& b) { return a.purgeAt < b.purgeAt; });
    return result;
}

} // namespace chasm
