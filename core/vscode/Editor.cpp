#include "Editor.h"

#include <QDir>

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

} // namespace chasm
