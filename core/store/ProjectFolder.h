// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>
#include <QVariantList>

namespace chasm {

// The sessions of a project folder: a condition over a column of project paths that holds for the folder itself and
// for every path under it (after a '/' or, for Windows paths, a '\'). Two ranges of the column's index, so that the
// folder's characters are never read as a pattern ('%' and '_' are themselves) and the index answers it.
struct ProjectFolderCondition
{
    QString sql; // "(column = ? OR …)", or empty for an empty folder: every session
    QVariantList values;
};
ProjectFolderCondition projectFolderCondition(const QString& column, const QString& folder);

} // namespace chasm
