// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>

namespace chasm {

// How a tool deletes its own sessions: by age, by count (per project), or not at all; read from the tool's
// settings, or its default. What Chasm warns about before the tool acts.
struct RetentionRule
{
    // What a session's age is counted from.
    enum class Basis
    {
        FileModified, // the file's modification time (Claude Code)
        LastActivity, // the session's own last-updated time (Gemini CLI)
    };

    bool enabled = false; // false: the tool deletes nothing
    qint64 maxAgeMs = 0;  // 0: no age limit
    int maxCount = 0;     // 0: no count limit; otherwise the newest this many of each project are kept
    Basis basis = Basis::FileModified;
    // The settings file the rule was read from, or "default" when the tool's default is in force.
    QString source = defaultSource();
    // Why the settings file could not be used (the default is then in force); empty when it could.
    QString error;
    // When the tool purges, and what.
    QString note;

    static QString defaultSource() { return QStringLiteral("default"); }

    // "none", "max_age", "max_count" or "max_age_and_count".
    QString kind() const
    {
        if (!enabled || (maxAgeMs <= 0 && maxCount <= 0)) {
            return QStringLiteral("none");
        }
        if (maxAgeMs > 0 && maxCount > 0) {
            return QStringLiteral("max_age_and_count");
        }
        return maxAgeMs > 0 ? QStringLiteral("max_age") : QStringLiteral("max_count");
    }
    bool purges() const { return kind() != QStringLiteral("none"); }
};

} // namespace chasm
