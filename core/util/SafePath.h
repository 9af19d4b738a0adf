// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QString>

namespace chasm {

// Names and paths built from data (a session id inside a file, a title, a path in a manifest or a
// request) before anything is written there: a crafted "../../x" or "/abs" must not lead a write out
// of the folder meant for it.
class SafePath
{
public:
    // Whether `name` can be used as a file name as it is: 1 to 128 of A–Z a–z 0–9 . _ - and not starting
    // with a dot (no separators, no "..", nothing a file system or a shell treats specially).
    static bool isSafeName(const QString& name);
    // `folder`/`name`, when `name` is a safe name and the path, links resolved, lies inside `folder`
    // (links resolved too) and is not itself a link; otherwise an error naming both.
    static Result<QString> child(const QString& folder, const QString& name);
    // Whether `path` lies inside `folder` once links are resolved in both (for the parts that exist). A
    // path that is itself a link is judged by its target.
    static bool isInside(const QString& path, const QString& folder);
    // The path with every link in its existing part resolved, the rest appended as it is (cleaned).
    static QString resolved(const QString& path);
};

} // namespace chasm
