// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SafePath.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// SafePath::resolved, with the number of links followed so far: a loop of dangling links ends.
QString resolvedAt(const QString& path, int depth)
{
    QString existing = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList rest;
    // Walk up to the deepest part that exists (a dangling link counts as existing: it is resolved too).
    while (!QFileInfo::exists(existing) && !QFileInfo(existing).isSymLink()) {
        const QFileInfo info(existing);
        const QString parent = info.path();
        if (parent == existing) {
            break;
        }
        rest.prepend(info.fileName());
        existing = parent;
    }
    QString base = QFileInfo(existing).canonicalFilePath();
    // A dangling link: where it points (a chain of them followed as far as the system would).
    for (; base.isEmpty() && depth < 40; ++depth) {
        const QString target = QFileInfo(existing).symLinkTarget();
        if (target.isEmpty()) {
            base = existing;
        } else if (QFileInfo(target).isSymLink()) {
            existing = target;
        } else {
            base = resolvedAt(target, depth + 1);
        }
    }
    if (base.isEmpty()) {
        base = existing;
    }
    return rest.isEmpty() ? base : QDir::cleanPath(base + u'/' + rest.join(u'/'));
}

} // namespace

bool SafePath::isSafeName(const QString& name)
{
    if (name.isEmpty() || name.size() > 128 || name.startsWith(u'.')) {
        return false;
    }
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.' ||
               c == u'_' || c == u'-';
    });
}

QString SafePath::resolved(const QString& path)
{
    return resolvedAt(path, 0);
}

bool SafePath::isInside(const QString& path, const QString& folder)
{
    const QString root = resolved(folder);
    const QString target = resolved(path);
    return target != root && target.startsWith(root.endsWith(u'/') ? root : root + u'/');
}

Result<QString> SafePath::child(const QString& folder, const QString& name)
{
    if (!isSafeName(name)) {
        return Error{u"refusing to write \"%1\" into %2: the name comes from the data and is not a plain file "
                     "name"_s.arg(name, folder)};
    }
    const QString path = QDir::cleanPath(folder + u'/' + name);
    if (QFileInfo(path).isSymLink()) {
        return Error{u"refusing to write %1: it is a link, and Chasm does not write through links"_s.arg(path)};
    }
    if (!isInside(path, folder)) {
        return Error{u"refusing to write %1: it lies outside %2 once links are followed"_s.arg(path, folder)};
    }
    return path;
}

} // namespace chasm
