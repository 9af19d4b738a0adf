// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Editor.h"

#include "json/Json.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace chasm {

const QList<EditorInfo>& allEditors()
{
    static const QList<EditorInfo> editors = {
        {Editor::Code, u"code"_s, u"Code"_s, u"VS Code"_s, u"copilot"_s, u"code"_s},
        {Editor::CodeInsiders, u"code-insiders"_s, u"Code - Insiders"_s, u"VS Code Insiders"_s, u"copilot"_s,
         u"code-insiders"_s},
        {Editor::VSCodium, u"vscodium"_s, u"VSCodium"_s, u"VSCodium"_s, u"copilot"_s, u"codium"_s},
        {Editor::Cursor, u"cursor"_s, u"Cursor"_s, u"Cursor"_s, u"cursor"_s, u"cursor"_s},
        {Editor::Windsurf, u"windsurf"_s, u"Windsurf"_s, u"Windsurf"_s, u"windsurf"_s, u"windsurf"_s},
    };
    return editors;
}

const EditorInfo& editorInfo(Editor editor)
{
    return allEditors().at(static_cast<int>(editor));
}

std::optional<Editor> editorById(const QString& id)
{
    for (const EditorInfo& info : allEditors()) {
        if (info.id == id) {
            return info.editor;
        }
    }
    return std::nullopt;
}

QString editorUserDirectory(const Environment& environment, Editor editor)
{
    return QDir::cleanPath(environment.configHome() + u'/' + editorInfo(editor).productName + u"/User"_s);
}

std::optional<EditorInstallation> editorInstallation(const Environment& environment, Editor editor)
{
    const QChar separator = environment.platform() == Platform::Windows ? u';' : u':';
    const QStringList searchPath = environment.variable(u"PATH"_s).split(separator, Qt::SkipEmptyParts);
    if (searchPath.isEmpty()) {
        return std::nullopt;
    }
    const QString launcher = QStandardPaths::findExecutable(editorInfo(editor).command, searchPath);
    if (launcher.isEmpty()) {
        return std::nullopt;
    }
    EditorInstallation found{launcher, {}, {}};
    // Linux packages: /usr/share/code/bin/code beside resources/app; macOS: Contents/Resources/app above
    // Contents/Resources/app/bin/code; Windows: <install>/bin/code.cmd beside resources/app.
    QString folder = QFileInfo(QFileInfo(launcher).canonicalFilePath()).absolutePath();
    for (int up = 0; up < 6 && !folder.isEmpty(); ++up) {
        for (const QString& app : {u"resources/app"_s, u"Resources/app"_s, u"Contents/Resources/app"_s}) {
            const QString resources = folder + u'/' + app;
            if (!QFileInfo(resources).isDir()) {
                continue;
            }
            found.folder = folder;
            for (const QString& manifest : {u"package.json"_s, u"product.json"_s}) {
                const auto parsed = json::parseFile(resources + u'/' + manifest, false, json::descriptorBytes);
                if (parsed && !json::string(*parsed, "version").isEmpty()) {
                    found.version = json::string(*parsed, "version");
                    return found;
                }
            }
            return found;
        }
        if (QDir(folder).isRoot()) {
            break;
        }
        folder = QFileInfo(folder).absolutePath();
    }
    return found;
}

} // namespace chasm
