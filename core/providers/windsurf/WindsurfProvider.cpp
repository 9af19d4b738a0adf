// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WindsurfProvider.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr auto cascadeHash = "cascade";

QString cascadeDirectory(const Environment& environment)
{
    return environment.home() + u"/.codeium/windsurf/cascade"_s;
}

QString unreadable(const QString& path)
{
    return u"cannot read %1: Windsurf keeps Cascade conversations as encrypted protobuf, which Chasm cannot "
           "decrypt"_s.arg(path);
}

} // namespace

WindsurfProvider::WindsurfProvider()
    : Provider({u"windsurf"_s, u"Windsurf"_s, {}, {u"windsurf"_s}})
    , m_chatSessions({u"windsurf"_s, u"Windsurf"_s, {}, {}}, {Editor::Windsurf})
{}

QStringList WindsurfProvider::storageLocations(const Environment& environment) const
{
    return m_chatSessions.storageLocations(environment) << cascadeDirectory(environment);
}

QList<Workspace> WindsurfProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result = m_chatSessions.workspaces(environment);
    const QString cascade = cascadeDirectory(environment);
    if (QFileInfo(cascade).isDir()) {
        Workspace w;
        w.provider = id();
        w.editor = u"windsurf"_s;
        w.application = displayName();
        w.hash = QString::fromLatin1(cascadeHash);
        w.id = u"windsurf:cascade"_s;
        w.kind = Workspace::Kind::Store;
        w.storagePath = cascade;
        w.sessionCount = int(QDir(cascade).entryList({u"*.pb"_s}, QDir::Files).size());
        w.hasChatSessions = w.sessionCount > 0;
        w.lastModified = QFileInfo(cascade).lastModified().toUTC();
        result.append(w);
    }
    return result;
}

QList<SessionRef> WindsurfProvider::sessions(const QList<Workspace>& workspaces, SessionCache& cache,
                                             Listing listing) const
{
    QList<Workspace> folders = workspaces;
    folders.removeIf([](const Workspace& w) { return w.hash == QString::fromLatin1(cascadeHash); });
    QList<SessionRef> result = m_chatSessions.sessions(folders, cache, listing);
    for (const Workspace& w : workspaces) {
        if (w.provider != id() || w.hash != QString::fromLatin1(cascadeHash)) {
            continue;
        }
        const QDir cascade(w.storagePath);
        for (const QFileInfo& file : cascade.entryInfoList({u"*.pb"_s}, QDir::Files, QDir::Name)) {
            SessionRef ref;
            ref.provider = id();
            ref.editor = u"windsurf"_s;
            ref.nativeId = file.completeBaseName();
            ref.id = id() + u':' + ref.nativeId;
            ref.title = u"Cascade conversation "_s + ref.nativeId.left(8);
            ref.workspaceId = w.id;
            ref.workspace = w.hash;
            ref.workspaceName = w.displayName();
            ref.path = file.absoluteFilePath();
            ref.format = u"pb"_s;
            ref.sizeBytes = file.size();
            ref.updatedAt = file.lastModified().toUTC();
            ref.createdAt = ref.updatedAt;
            ref.error = unreadable(ref.path);
            result.append(ref);
        }
    }
    return result;
}

Result<Session> WindsurfProvider::load(const SessionRef& ref, const SessionPreview& preview) const
{
    if (ref.format == u"pb"_s) {
        return Error{unreadable(ref.path)};
    }
    return m_chatSessions.load(ref, preview);
}

Result<QString> WindsurfProvider::nativeRecord(const SessionRef& ref, int nativeIndex) const
{
    return ref.format == u"pb"_s ? Provider::nativeRecord(ref, nativeIndex)
                                 : m_chatSessions.nativeRecord(ref, nativeIndex);
}

} // namespace chasm
