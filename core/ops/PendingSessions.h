// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"

#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace chasm {

// The sessions a harvest is to read, each kept until it is read in about a third of a SessionRef's memory: a cold
// harvest lists every session first (to read them oldest first), and at 214 000 sessions (9 GB) their refs took
// 200 MB of the run's peak. What the sessions of a workspace share (provider, editor, workspace, project, format) is
// kept once; a session's path and native id in UTF-8, in one block (when UTF-8 gives them back as they were); its
// id only when it is not "<provider>:<native id>", its title only when it is not its native id, and its error and
// warnings only when it has some. take() gives back the ref as it was appended, every field.
class PendingSessions
{
public:
    PendingSessions();
    ~PendingSessions();
    PendingSessions(PendingSessions&&) noexcept;
    PendingSessions& operator=(PendingSessions&&) noexcept;

    void reserve(qsizetype count);
    // `first`: read before the others (see sortByUpdate).
    void append(SessionRef&& ref, bool first = false);
    qsizetype size() const { return qsizetype(m_entries.size()); }
    qint64 sizeBytes(qsizetype index) const { return m_entries[std::size_t(index)].sizeBytes; }
    // Orders the sessions by when they were last active, oldest first, those appended as `first` before the others;
    // of the same time, in the order appended.
    void sortByUpdate();
    // The session's ref, which it no longer keeps (a second take gives an empty ref).
    SessionRef take(qsizetype index);

private:
    struct Extra;
    struct Entry
    {
        QByteArray names; // the path, a zero byte, the native id (UTF-8); empty when the Extra has them
        std::unique_ptr<Extra> extra;
        QDateTime createdAt;
        QDateTime updatedAt;
        qint64 sizeBytes = 0;
        qint64 fileModifiedMs = 0;
        int messageCount = 0;
        int shared = -1; // in m_shared; -1 once taken
        bool described = true;
        bool first = false;
    };

    QList<SessionRef> m_shared; // what sessions share, one ref for each combination
    QHash<QString, int> m_sharedIndex;
    std::vector<Entry> m_entries;
};

} // namespace chasm
