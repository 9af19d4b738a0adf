// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"

#include <QString>

namespace chasm {

// A URI as VS Code stores it in workspace.json, taken apart. File URIs become local paths the way
// VS Code's URI.fsPath does: percent-escapes decoded as UTF-8, Windows drive letters ("file:///c%3A/x"
// → "C:\x"), UNC shares ("file://server/share" → "\\server\share").
class WorkspaceUri
{
public:
    explicit WorkspaceUri(const QString& uri);
    // A URI from parts already decoded, as in VS Code's serialized URI objects ({scheme, authority, path}).
    static WorkspaceUri fromParts(const QString& scheme, const QString& authority, const QString& path);

    QString uri() const { return m_uri; }
    QString scheme() const { return m_scheme; }
    QString authority() const { return m_authority; }
    // The decoded path component ("/home/me/project", "/c:/Users/me").
    QString path() const { return m_path; }
    bool isFile() const { return m_scheme == u"file"; }
    bool isValid() const { return !m_scheme.isEmpty(); }

    // The local file system path of a file URI, in the separators of the platform that wrote it:
    // a drive letter or UNC share means Windows, anything else is POSIX. Empty for other schemes.
    QString localPath() const;

    static QString percentDecode(QStringView text);

private:
    WorkspaceUri() = default;

    QString m_uri;
    QString m_scheme;
    QString m_authority;
    QString m_path;
};

} // namespace chasm
