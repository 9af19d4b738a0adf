#include "GeminiProvider.h"

#include "json/Json.h"
#include "providers/gemini/GeminiChat.h"
#include "util/RegularFile.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString geminiDirectory(const Environment& environment)
{
    const QString configured = environment.variable(u"GEMINI_CLI_HOME"_s);
    return (configured.isEmpty() ? environment.home() : environment.absolutePath(configured)) + u"/.gemini"_s;
}

// A path written in a file: its first line, unless that cannot be a path (a NUL in it).
QString pathIn(const QString& file)
{
    QFile device;
    if (RegularFile::open(device, file, json::descriptorBytes)) {
        return {};
    }
    const QString line = QString::fromUtf8(device.readLine(64 * 1024)).trimmed();
    return line.contains(QChar(0)) ? QString() : line;
}

} // namespace

QList<Workspace> geminiStyleWorkspaces(const SessionFileProvider& provider, const QString& tmpDirectory,
                                       const QString& projectsFile)
{
    // projects.json: {"projects": {"/project/root": "folder"}}
    QHash<QString, QString> rootOf;
    if (auto projects = json::parseFile(projectsFile); projects) {
        if (const boost::json::value* map = json::find(*projects, "projects"); map && map->is_object()) {
            for (const auto& [root, folder] : map->get_object()) {
                if (folder.is_string() && std::string_view(root).find('\0') == std::string_view::npos) {
                    rootOf.insert(json::toQString(folder.get_string()), json::toQString(std::string_view(root)));
                }
            }
        }
    }
    QList<Workspace> result;
    const QDir tmp(tmpDirectory);
    for (const QFileInfo& folder : tmp.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!QFileInfo(folder.filePath() + u"/chats"_s).isDir()) {
            continue;
        }
        QString projectPath = pathIn(folder.absoluteFilePath() + u"/.project_root"_s);
        if (projectPath.isEmpty()) {
            projectPath = rootOf.value(folder.fileName());
        }
        result.append(provider.folderWorkspace(folder.fileName(), Workspace::Kind::Folder, folder.absoluteFilePath(),
                                               folder.absoluteFilePath() + u"/chats"_s, projectPath));
    }
    return result;
}

QStringList geminiStyleSessionFiles(const Workspace& workspace)
{
    QStringList files;
    const QDir chats(workspace.chatSessionsPath);
    for (const QString& name : chats.entryList({u"*.json"_s, u"*.jsonl"_s}, QDir::Files, QDir::Name)) {
        files << chats.filePath(name);
    }
    return files;
}

GeminiProvider::GeminiProvider()
    : SessionFileProvider({u"gemini"_s, u"Gemini CLI"_s, {u"geminicli"_s, u"gemini-cli"_s}, {u"gemini"_s}})
{}

QStringList GeminiProvider::storageLocations(const Environment& environment) const
{
    return {geminiDirectory(environment) + u"/tmp"_s};
}

QList<Workspace> GeminiProvider::workspaces(const Environment& environment) const
{
    const QString base = geminiDirectory(environment);
    return geminiStyleWorkspaces(*this, base + u"/tmp"_s, base + u"/projects.json"_s);
}

QStringList GeminiProvider::sessionFiles(const Workspace& workspace) const
{
    return geminiStyleSessionFiles(workspace);
}

Result<Session> GeminiProvider::readSession(const QString& path, const Workspace& workspace,
                                            const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return GeminiChat::read(path);
}

QString GeminiProvider::nativeIdOfUnreadable(const QString& path) const
{
    return GeminiChat::declaredId(path);
}

} // namespace chasm
