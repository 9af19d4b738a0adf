// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"

#include <QList>
#include <QString>

#include <optional>

namespace chasm {

// The editors that share VS Code's chat storage layout.
enum class Editor
{
    Code,
    CodeInsiders,
    VSCodium,
    Cursor,
    Windsurf,
};

struct EditorInfo
{
    Editor editor;
    QString id;          // "code", "code-insiders", "vscodium", "cursor", "windsurf"
    QString productName; // the folder under the configuration directory: "Code", "Code - Insiders", ...
    QString displayName; // "VS Code", "VS Code Insiders", ...
    QString provider;    // the provider whose sessions it stores: "copilot", "cursor", "windsurf"
    QString command;     // its command-line launcher: "code", "code-insiders", "codium", "cursor", "windsurf"
};

const QList<EditorInfo>& allEditors();
const EditorInfo& editorInfo(Editor editor);
// The editor with this id ("code", "cursor", ...), if there is one.
std::optional<Editor> editorById(const QString& id);

// <config>/<Product>/User for this environment's platform.
QString editorUserDirectory(const Environment& environment, Editor editor);

// Where an editor is installed, as its launcher on the environment's PATH leads: the folder above the launcher (links
// resolved) that holds resources/app, whose package.json (else product.json) gives the version.
struct EditorInstallation
{
    QString launcher;
    QString folder;  // empty when no resources/app was found above the launcher (an AppImage)
    QString version; // empty when unknown
};
// Nothing when the editor's launcher is not on the PATH.
std::optional<EditorInstallation> editorInstallation(const Environment& environment, Editor editor);

} // namespace chasm
