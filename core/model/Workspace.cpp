// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Workspace.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString lastSegment(const QString& path)
{
    QString trimmed = path;
    while (trimmed.size() > 1 && (trimmed.endsWith(u'/') || trimmed.endsWith(u'\\'))) {
        trimmed.chop(1);
    }
    const qsizetype slash = std::max(trimmed.lastIndexOf(u'/'), trimmed.lastIndexOf(u'\\'));
    return slash >= 0 && slash + 1 < trimmed.size() ? trimmed.mid(slash + 1) : trimmed;
}

} // namespace

QString Workspace::displayName() const
{
    if (projectPath.isEmpty() && (kind == Kind::Folder || kind == Kind::MultiRoot)) {
        return hash; // the tool did not say which folder
    }
    switch (kind) {
    case Kind::Folder:
        return lastSegment(projectPath);
    case Kind::MultiRoot: {
        QString name = lastSegment(projectPath);
        if (name.endsWith(u".code-workspace"_s)) {
            name.chop(int(sizeof(".code-workspace") - 1));
        }
        return name;
    }
    case Kind::Remote:
        return remoteAuthority + u": "_s + lastSegment(remotePath);
    case Kind::Empty:
        return u"(no folder)"_s;
    case Kind::Store:
        return u"(all projects)"_s;
    case Kind::Unknown:
        break;
    }
    return hash;
}

QString Workspace::kindName() const
{
    switch (kind) {
    case Kind::Folder:
        return u"folder"_s;
    case Kind::MultiRoot:
        return u"multi-root"_s;
    case Kind::Remote:
        return u"remote"_s;
    case Kind::Empty:
        return u"empty-window"_s;
    case Kind::Store:
        return u"store"_s;
    case Kind::Unknown:
        break;
    }
    return u"unknown"_s;
}

} // namespace chasm
