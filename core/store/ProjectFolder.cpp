// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ProjectFolder.h"

using namespace Qt::StringLiterals;

namespace chasm {

ProjectFolderCondition projectFolderCondition(const QString& column, const QString& folder)
{
    QString path = folder.trimmed();
    while (path.size() > 1 && (path.endsWith(u'/') || path.endsWith(u'\\'))) {
        path.chop(1);
    }
    if (path.isEmpty()) {
        return {};
    }
    // Paths under the folder start with it and a separator: at or after "folder/" and before "folder0" ('0' follows
    // '/'), or at or after "folder\" and before "folder]" (']' follows '\'). The root "/" is its own prefix.
    const QString slash = path.endsWith(u'/') ? path : path + u'/';
    const QString backslash = path.endsWith(u'\\') ? path : path + u'\\';
    return {u"(%1 = ? OR (%1 >= ? AND %1 < ?) OR (%1 >= ? AND %1 < ?))"_s.arg(column),
            {path, slash, QString(slash.chopped(1) + u'0'), backslash, QString(backslash.chopped(1) + u']')}};
}

} // namespace chasm
