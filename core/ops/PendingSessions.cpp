// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PendingSessions.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

// What a session keeps beside its entry when it cannot be made again from the rest.
struct PendingSessions::Extra
{
    QString path;
    QString nativeId;
    QString id;
    QString title;
    QString error;
    QStringList warnings;
    bool names = false; // path and nativeId are here (UTF-8 does not give them back)
    bool hasId = false;
    bool hasTitle = false;
};

PendingSessions::PendingSessions() = default;
PendingSessions::~PendingSessions() = default;
PendingSessions::PendingSessions(PendingSessions&&) noexcept = default;
PendingSessions& PendingSessions::operator=(PendingSessions&&) noexcept = default;

void PendingSessions::reserve(qsizetype count)
{
    m_entries.reserve(std::size_t(count));
}

void PendingSessions::append(SessionRef&& ref, bool first)
{
    const QChar separator(0);
    const QString key = ref.provider + separator + ref.editor + separator + ref.workspaceId + separator +
                        ref.workspace + separator + ref.projectPath + separator + ref.workspaceName + separator +
                        ref.format + separator + ref.origin;
    auto found = m_sharedIndex.constFind(key);
    if (found == m_sharedIndex.constEnd()) {
        SessionRef shared;
        shared.provider = ref.provider;
        shared.editor = ref.editor;
        shared.workspaceId = ref.workspaceId;
        shared.workspace = ref.workspace;
        shared.projectPath = ref.projectPath;
        shared.workspaceName = ref.workspaceName;
        shared.format = ref.format;
        shared.origin = ref.origin;
        m_shared.append(std::move(shared));
        found = m_sharedIndex.insert(key, int(m_shared.size() - 1));
    }
    Entry entry;
    entry.shared = *found;
    entry.createdAt = ref.createdAt;
    entry.updatedAt = ref.updatedAt;
    entry.sizeBytes = ref.sizeBytes;
    entry.fileModifiedMs = ref.fileModifiedMs;
    entry.messageCount = ref.messageCount;
    entry.described = ref.described;
    entry.first = first;

    const auto extra = [&entry]() -> Extra& {
        if (!entry.extra) {
            entry.extra = std::make_unique<Extra>();
        }
        return *entry.extra;
    };
    // Whether the id and title are made again from the native id: told before it may be moved below.
    const bool madeId = ref.id == ref.provider + u':' + ref.nativeId;
    const bool titleIsId = ref.title == ref.nativeId && ref.title.isNull() == ref.nativeId.isNull();
    const QByteArray path = ref.path.toUtf8();
    const QByteArray nativeId = ref.nativeId.toUtf8();
    // UTF-8 gives a text back unless it holds half a surrogate pair (a file name that is not valid UTF-16), or a
    // zero, which would end the path; a null text comes back empty.
    if (!ref.path.isNull() && !ref.nativeId.isNull() && QString::fromUtf8(path) == ref.path &&
        QString::fromUtf8(nativeId) == ref.nativeId && !path.contains('\0')) {
        entry.names.reserve(path.size() + 1 + nativeId.size());
        entry.names.append(path).append('\0').append(nativeId);
    } else {
        extra().names = true;
        extra().path = std::move(ref.path);
        extra().nativeId = std::move(ref.nativeId);
    }
    if (!madeId) {
        extra().hasId = true;
        extra().id = std::move(ref.id);
    }
    if (!titleIsId) {
        extra().hasTitle = true;
        extra().title = std::move(ref.title);
    }
    if (!ref.error.isNull() || !ref.warnings.isEmpty()) {
        extra().error = std::move(ref.error);
        extra().warnings = std::move(ref.warnings);
    }
    ref = {};
    m_entries.push_back(std::move(entry));
}

void PendingSessions::sortByUpdate()
{
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        return a.first != b.first ? a.first : a.updatedAt < b.updatedAt;
    });
}

SessionRef PendingSessions::take(qsizetype index)
{
    Entry entry = std::exchange(m_entries[std::size_t(index)], {});
    if (entry.shared < 0) {
        return {};
    }
    SessionRef ref = m_shared.at(entry.shared);
    const Extra* extra = entry.extra.get();
    if (extra && extra->names) {
        ref.path = extra->path;
        ref.nativeId = extra->nativeId;
    } else {
        const qsizetype zero = entry.names.indexOf('\0');
        ref.path = QString::fromUtf8(entry.names.left(zero));
        ref.nativeId = QString::fromUtf8(entry.names.mid(zero + 1));
    }
    ref.id = extra && extra->hasId ? extra->id : ref.provider + u':' + ref.nativeId;
    ref.title = extra && extra->hasTitle ? extra->title : ref.nativeId;
    if (extra) {
        ref.error = extra->error;
        ref.warnings = extra->warnings;
    }
    ref.createdAt = entry.createdAt;
    ref.updatedAt = entry.updatedAt;
    ref.sizeBytes = entry.sizeBytes;
    ref.fileModifiedMs = entry.fileModifiedMs;
    ref.messageCount = entry.messageCount;
    ref.described = entry.described;
    return ref;
}

} // namespace chasm
