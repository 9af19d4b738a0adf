// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Migration.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "ops/ProjectMove.h"
#include "ops/StoreWriteBack.h"
#include "ops/WorkspaceWrite.h"
#include "store/Database.h"
#include "store/Originals.h"
#include "util/FileTransaction.h"
#include "util/RegularFile.h"
#include "util/SafePath.h"
#include "vscode/WorkspaceId.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <map>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString claudeCode = u"claude-code"_s;
const QString codex = u"codex"_s;
const QString qwen = u"qwen"_s;
const QString droid = u"droid"_s;
const QString continueDev = u"continue"_s;
const QString gemini = u"gemini"_s;

// The kinds of files in a folder named after their project, whose records name the project in a top-level "cwd".
bool inProjectFolder(MigrationPackage::Kind kind)
{
    return kind == MigrationPackage::Kind::ClaudeProject || kind == MigrationPackage::Kind::QwenProject ||
           kind == MigrationPackage::Kind::DroidProject;
}

// The folder a tool keeps a project's sessions in: Claude Code and Qwen Code turn every character but ASCII letters
// and digits into "-", Factory's droid every "/".
QString projectFolderName(MigrationPackage::Kind kind, const QString& project)
{
    return kind == MigrationPackage::Kind::DroidProject ? QString(project).replace(u'/', u'-')
                                                        : ProjectMove::claudeProjectName(project);
}

// Every regular file under a folder (hidden ones too), links left out, Chasm's recovery folders too.
QStringList filesUnder(const QString& folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (!QDir(folder).relativeFilePath(file).contains(u".chasm_recovery"_s)) {
            files << file;
        }
    }
    files.sort();
    return files;
}

// `path` with the project `from` (or a folder inside it) moved to `to`; empty when it lies elsewhere.
QString moved(const QString& path, const QString& from, const QString& to)
{
    if (path == from) {
        return to;
    }
    const QString prefix = from.endsWith(u'/') ? from : from + u'/';
    return path.startsWith(prefix) ? QDir::cleanPath(to + u'/' + path.mid(prefix.size())) : QString();
}

// Each JSON line whose string at `key` (inside `parent` when given) is the project or a folder inside it,
// with that string re-keyed; every other line, and every other byte of a changed line's record, kept.
QByteArray rewriteLines(const QByteArray& bytes, const char* parent, const char* key, const QString& from,
                        const QString& to)
{
    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 16);
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        end = end < 0 ? bytes.size() : end;
        const QByteArrayView line(bytes.constData() + start, end - start);
        QByteArray kept = line.toByteArray();
        if (line.contains(from.toUtf8())) {
            boost::json::error_code ec;
            boost::json::value record = boost::json::parse(std::string_view(line.data(), size_t(line.size())), ec);
            boost::json::object* holder = ec || !record.is_object() ? nullptr : &record.as_object();
            if (holder && parent) {
                boost::json::value* inner = holder->if_contains(parent);
                holder = inner && inner->is_object() ? &inner->as_object() : nullptr;
            }
            boost::json::value* value = holder ? holder->if_contains(key) : nullptr;
            if (value && value->is_string()) {
                const QString now = moved(json::toQString(value->get_string()), from, to);
                if (!now.isEmpty()) {
                    *value = json::fromQString(now);
                    const std::string text = boost::json::serialize(record);
                    kept = QByteArray(text.data(), qsizetype(text.size()));
                    if (line.endsWith('\r')) {
                        kept += '\r';
                    }
                }
            }
        }
        out += kept;
        if (end < bytes.size()) {
            out += '\n';
        }
        start = end + 1;
    }
    return out;
}

// A path, or a file:// URI as the IDE extensions write one, re-keyed; empty when it is not the project or inside it.
QString movedPathOrUri(const QString& value, const QString& from, const QString& to)
{
    const QUrl url(value);
    if (value.startsWith(u"file://"_s) && url.isLocalFile()) {
        const QString now = moved(QDir::cleanPath(url.toLocalFile()), from, to);
        return now.isEmpty() ? QString() : QUrl::fromLocalFile(now).toString(QUrl::FullyEncoded);
    }
    return moved(value, from, to);
}

// Every string value of `key` in a JSON text (a path or a file:// URI) that names the project or a folder inside it,
// re-keyed where it stands: every other byte of the text kept, the tool's own layout and escapes included.
QByteArray rewriteValues(const QByteArray& bytes, const QByteArray& key, const QString& from, const QString& to)
{
    const QByteArray quoted = '"' + key + '"';
    const auto spaces = [&bytes](qsizetype i) {
        while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            ++i;
        }
        return i;
    };
    QByteArray out;
    qsizetype copied = 0;
    for (qsizetype found = bytes.indexOf(quoted); found >= 0; found = bytes.indexOf(quoted, found + 1)) {
        qsizetype i = spaces(found + quoted.size());
        if (i >= bytes.size() || bytes[i] != ':') {
            continue;
        }
        i = spaces(i + 1);
        if (i >= bytes.size() || bytes[i] != '"') {
            continue;
        }
        qsizetype end = i + 1;
        while (end < bytes.size() && bytes[end] != '"') {
            end += bytes[end] == '\\' ? 2 : 1;
        }
        if (end >= bytes.size()) {
            break;
        }
        boost::json::error_code ec;
        const boost::json::value value =
            boost::json::parse(std::string_view(bytes.constData() + i, size_t(end + 1 - i)), ec);
        if (ec || !value.is_string()) {
            continue;
        }
        const QString now = movedPathOrUri(json::toQString(value.get_string()), from, to);
        if (!now.isEmpty()) {
            out += bytes.mid(copied, i - copied);
            out += QByteArray::fromStdString(boost::json::serialize(boost::json::value(json::fromQString(now))));
            copied = end + 1;
        }
        found = end;
    }
    return out + bytes.mid(copied);
}

// Continue's index (sessions.json) with the entries of the restored sessions that it lacks added, their
// "workspaceDirectory" re-keyed: `packed` is the index as packed, `there` the one on this machine (empty when none).
// The entries added, or an error naming what could not be read.
Result<qsizetype> mergeContinueIndex(const QByteArray& packed, const QByteArray& there, const QSet<QString>& restored,
                                     const QList<Migration::PathMapping>& mapping, QByteArray& merged)
{
    auto from = json::parse(std::string_view(packed.constData(), size_t(packed.size())), u"the packed sessions.json"_s);
    if (!from) {
        return from.error();
    }
    boost::json::value index = boost::json::array();
    if (!there.isEmpty()) {
        auto current = json::parse(std::string_view(there.constData(), size_t(there.size())),
                                   u"Continue's sessions.json on this machine"_s);
        if (!current) {
            return current.error();
        }
        index = std::move(*current);
    }
    if (!from->is_array() || !index.is_array()) {
        return Error{u"Continue's sessions.json is not a list"_s};
    }
    QSet<QString> listed;
    for (const boost::json::value& entry : index.as_array()) {
        listed.insert(json::string(entry, "sessionId"));
    }
    qsizetype added = 0;
    for (boost::json::value entry : from->as_array()) {
        const QString id = json::string(entry, "sessionId");
        if (!entry.is_object() || !restored.contains(id) || listed.contains(id)) {
            continue;
        }
        for (const Migration::PathMapping& m : mapping) {
            const QString now = movedPathOrUri(json::string(entry, "workspaceDirectory"), m.from, m.to);
            if (!now.isEmpty()) {
                entry.as_object()["workspaceDirectory"] = json::fromQString(now);
                break;
            }
        }
        index.as_array().push_back(std::move(entry));
        listed.insert(id);
        ++added;
    }
    const std::string text = json::pretty(index);
    merged = QByteArray(text.data(), qsizetype(text.size()));
    return added;
}

// Gemini CLI's older folders are named by the SHA-256 of the project's path, in hex; the chats in them say it too.
QString pathHash(const QString& path)
{
    return QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// Gemini CLI's registry of project folders (projects.json: {"projects": {"/project/path": "folder"}}).
struct GeminiRegistry
{
    QString file;
    boost::json::value tree = boost::json::object{{"projects", boost::json::object()}};
    QHash<QString, QString> folderOf; // by project path
    QSet<QString> taken;              // folders registered or in tmp/
    QHash<QString, QString> added;    // project path → folder, to register

    static Result<GeminiRegistry> read(const QString& tmp)
    {
        GeminiRegistry registry;
        registry.file = QFileInfo(tmp).absolutePath() + u"/projects.json"_s;
        if (QFileInfo::exists(registry.file)) {
            auto tree = json::parseFile(registry.file);
            if (!tree) {
                return tree.error();
            }
            const boost::json::value* projects = json::find(*tree, "projects");
            if (!projects || !projects->is_object()) {
                return Error{u"%1 holds no \"projects\" map: Chasm leaves it as it is"_s.arg(registry.file)};
            }
            registry.tree = std::move(*tree);
            for (const auto& [path, folder] : registry.tree.at("projects").as_object()) {
                if (folder.is_string()) {
                    registry.folderOf.insert(json::toQString(std::string_view(path)),
                                             json::toQString(folder.get_string()));
                    registry.taken.insert(json::toQString(folder.get_string()));
                }
            }
        }
        for (const QString& folder : QDir(tmp).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            registry.taken.insert(folder);
        }
        return registry;
    }

    // The folder the project's sessions go to on this machine: the one registered for it, else the packed one's name
    // (made unique), registered; a folder named by the old path's hash is named by the new path's, as Gemini CLI finds
    // it without the registry.
    QString folderFor(const QString& packedFolder, const QString& from, const QString& to)
    {
        if (packedFolder == pathHash(from)) {
            return pathHash(to);
        }
        if (const QString known = folderOf.value(to); !known.isEmpty()) {
            return known;
        }
        QString folder = packedFolder;
        for (int n = 1; taken.contains(folder); ++n) {
            folder = packedFolder + u'-' + QString::number(n);
        }
        taken.insert(folder);
        folderOf.insert(to, folder);
        added.insert(to, folder);
        return folder;
    }

    QByteArray merged() const
    {
        boost::json::value tree = this->tree;
        boost::json::object& projects = tree.as_object()["projects"].as_object();
        for (auto it = added.cbegin(); it != added.cend(); ++it) {
            projects[json::fromQString(it.key())] = json::fromQString(it.value());
        }
        const std::string text = json::pretty(tree);
        return QByteArray(text.data(), qsizetype(text.size()));
    }
};

// A project's folder laid out as Gemini CLI lays it out: Gemini CLI's tmp/<folder>/, and Qwen Code's older ones
// (its tmp/<folder>/ beside projects/).
bool isGeminiFolder(const Workspace& w, const Provider& provider, const Environment& environment)
{
    const int store = w.provider == gemini ? 0 : (w.provider == qwen ? 1 : -1);
    return store >= 0 && QFileInfo(w.storagePath).absolutePath() ==
                             QDir(provider.storageLocations(environment).value(store)).absolutePath();
}

// The root of `provider`'s storage location the file lies in, and the file's path under it.
std::optional<std::pair<int, QString>> locate(const Provider& provider, const Environment& environment,
                                              const QString& file)
{
    const QStringList locations = provider.storageLocations(environment);
    for (int i = 0; i < locations.size(); ++i) {
        if (SafePath::isInside(file, locations.at(i))) {
            return std::pair{i, QDir(locations.at(i)).relativeFilePath(file)};
        }
    }
    return std::nullopt;
}

} // namespace

Result<Migration::CreateReport> Migration::create(const SessionCatalog& catalog, const CreateRequest& request)
{
    const Environment& environment = catalog.environment();
    auto providers = catalog.providers();
    if (!providers) {
        return providers.error();
    }
    const QList<Workspace> workspaces = catalog.workspaces(*providers);
    const QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);

    QStringList projects;
    if (request.all) {
        QSet<QString> seen;
        for (const Workspace& w : workspaces) {
            if (((!w.editor.isEmpty() && w.kind == Workspace::Kind::Folder) || w.provider == claudeCode) &&
                !w.projectPath.isEmpty() && !seen.contains(w.projectPath)) {
                seen.insert(w.projectPath);
                projects << w.projectPath;
            }
        }
        for (const SessionRef& s : sessions) {
            if (!s.projectPath.isEmpty() && !seen.contains(s.projectPath)) {
                seen.insert(s.projectPath);
                projects << s.projectPath;
            }
        }
        projects.sort();
    } else {
        for (const QString& project : request.projects) {
            projects << environment.absolutePath(project);
        }
    }
    if (projects.isEmpty()) {
        return Error{u"no project to pack: name them with --projects, or pack every one with --all"_s,
                     ErrorKind::Invalid};
    }

    MigrationPackage::Manifest manifest;
    manifest.created = QDateTime::currentDateTimeUtc();
    manifest.home = environment.home();
    manifest.projects = projects;
    CreateReport report;
    report.output = environment.absolutePath(request.output);
    QSet<QString> packed;
    QSet<QString> unsupported;
    const auto add = [&](const Provider& provider, MigrationPackage::Kind kind, const QString& file,
                         const QString& project, std::optional<QByteArray> kept = std::nullopt) {
        const auto where = locate(provider, environment, file);
        if (!where || packed.contains(file)) {
            return;
        }
        packed.insert(file);
        MigrationPackage::File entry;
        entry.provider = provider.id();
        entry.kind = kind;
        entry.store = where->first;
        entry.relative = where->second;
        entry.entry = u"files/%1/%2/%3"_s.arg(entry.provider).arg(entry.store).arg(entry.relative);
        entry.original = file;
        entry.project = project;
        entry.kept = std::move(kept);
        manifest.files.append(entry);
        report.filesByProvider[provider.id()] += 1;
    };
    for (const QString& project : std::as_const(projects)) {
        bool found = false;
        for (const Workspace& w : catalog.workspacesForPath(workspaces, project)) {
            const Provider* provider = catalog.provider(w.provider);
            if (!provider) {
                continue;
            }
            if (!w.editor.isEmpty() && w.kind == Workspace::Kind::Folder) {
                for (const QString& file : filesUnder(w.storagePath)) {
                    add(*provider, MigrationPackage::Kind::VsCodeWorkspace, file, project);
                }
                found = true;
            } else if (w.provider == claudeCode) {
                for (const QString& file : filesUnder(w.storagePath)) {
                    add(*provider, MigrationPackage::Kind::ClaudeProject, file, project);
                }
                found = true;
            } else if (isGeminiFolder(w, *provider, environment)) {
                for (const QString& file : filesUnder(w.storagePath)) {
                    add(*provider, MigrationPackage::Kind::GeminiProject, file, project);
                }
                found = true;
            } else if ((w.provider == qwen || w.provider == droid) &&
                       QFileInfo(w.storagePath).absolutePath() ==
                           QDir(provider->storageLocations(environment).value(0)).absolutePath()) {
                // Qwen Code's projects/<name>/, droid's sessions/<name>/.
                for (const QString& file : filesUnder(w.storagePath)) {
                    add(*provider,
                        w.provider == qwen ? MigrationPackage::Kind::QwenProject : MigrationPackage::Kind::DroidProject,
                        file, project);
                }
                found = true;
            }
        }
        for (const SessionRef& s : catalog.sessionsForPath(sessions, project)) {
            const Provider* provider = catalog.provider(s.provider);
            if (s.provider == codex && provider) {
                add(*provider, MigrationPackage::Kind::CodexRollout, s.path, project);
                found = true;
            } else if (s.provider == continueDev && provider && s.path.endsWith(u".json"_s)) {
                add(*provider, MigrationPackage::Kind::ContinueSession, s.path, project);
                // Its index goes along, to be merged into the one on the new machine.
                if (const QString index = QFileInfo(s.path).absolutePath() + u"/sessions.json"_s;
                    QFileInfo(index).isFile()) {
                    add(*provider, MigrationPackage::Kind::ContinueIndex, index, {});
                }
                found = true;
            } else if (const QString store = StoreWriteBack::storeOf(s.provider, s.workspace);
                       provider && !store.isEmpty()) {
                // A session kept as rows of its tool's database travels as Chasm's session JSON, written into the
                // tool's database on the new machine (StoreWriteBack); so does one of OpenCode's older JSON tree,
                // which the OpenCode of today reads from its database only.
                if (packed.contains(s.id)) {
                    continue; // named by two projects that are one folder
                }
                packed.insert(s.id);
                if (s.nativeId.isEmpty() || s.nativeId.contains(u'/') || s.nativeId.contains(u'\\') ||
                    s.nativeId.startsWith(u'.')) {
                    report.notes << u"%1: not packed (its id cannot name a file)"_s.arg(s.id);
                    continue;
                }
                auto loaded = catalog.load(s);
                if (!loaded) {
                    report.notes << loaded.error().message;
                    continue;
                }
                MigrationPackage::File entry;
                entry.provider = provider->id();
                entry.kind = MigrationPackage::Kind::StoreSession;
                entry.relative = store + u'/' + s.nativeId + u".json"_s;
                entry.entry = u"files/%1/%2/%3"_s.arg(entry.provider).arg(entry.store).arg(entry.relative);
                entry.original = s.path;
                entry.project = project;
                entry.kept = QByteArray::fromStdString(json::serialize(shapes::session(*loaded)));
                manifest.files.append(entry);
                report.filesByProvider[provider->id()] += 1;
                found = true;
            } else if (s.provider != claudeCode && s.editor.isEmpty() && provider && !packed.contains(s.path)) {
                unsupported.insert(provider->displayName());
            }
        }
        if (!found) {
            report.notes
                << u"%1: no history of a supported tool (VS Code family, Claude Code, Codex, Gemini CLI, Qwen Code, droid, Continue, OpenCode)"_s
                       .arg(project);
        }
    }
    // Sessions their tools deleted, whose files the harvest database kept: packed as the tools had them, to be
    // re-keyed like the others.
    const QString databasePath = Database::resolvePath(environment, request.database);
    if (QFileInfo::exists(databasePath)) {
        auto db = Database::open(databasePath);
        if (!db) {
            return db.error();
        }
        const Originals originals(**db);
        QSqlQuery query((*db)->connection());
        if (!query.exec(
                u"SELECT s.id, s.provider, coalesce(s.project_path, ''), o.path FROM original_files o "
                "JOIN sessions s ON s.id = o.session_id WHERE s.provider IN ('%1', '%2', '%3', '%4', '%5', '%6') "
                "ORDER BY o.path"_s.arg(claudeCode, codex, qwen, droid, gemini, continueDev))) {
            return Error{u"cannot read %1: %2"_s.arg(databasePath, query.lastError().text())};
        }
        while (query.next()) {
            const QString file = query.value(3).toString();
            const auto project = std::find_if(projects.cbegin(), projects.cend(), [&](const QString& p) {
                return catalog.samePath(p, query.value(2).toString());
            });
            const Provider* provider = catalog.provider(query.value(1).toString());
            if (project == projects.cend() || !provider || QFileInfo::exists(file) || packed.contains(file)) {
                continue;
            }
            const QString tool = query.value(1).toString();
            // Qwen Code's older chats are in tmp/<folder>/, laid out as Gemini CLI's.
            const bool qwenTmp =
                tool == qwen && !SafePath::isInside(file, provider->storageLocations(environment).value(0));
            auto bytes = originals.bytes(query.value(0).toString(), file);
            if (!bytes) {
                report.notes << bytes.error().message;
                continue;
            }
            add(*provider,
                tool == claudeCode    ? MigrationPackage::Kind::ClaudeProject
                : qwenTmp             ? MigrationPackage::Kind::GeminiProject
                : tool == qwen        ? MigrationPackage::Kind::QwenProject
                : tool == droid       ? MigrationPackage::Kind::DroidProject
                : tool == gemini      ? MigrationPackage::Kind::GeminiProject
                : tool == continueDev ? MigrationPackage::Kind::ContinueSession
                                      : MigrationPackage::Kind::CodexRollout,
                file, *project, std::move(bytes).value());
            ++report.keptByChasm;
        }
    }
    if (!unsupported.isEmpty()) {
        QStringList names = unsupported.values();
        names.sort();
        report.notes << u"not packed yet (their paths cannot be re-keyed by this version): %1"_s.arg(
            names.join(u", "_s));
    }
    if (manifest.files.isEmpty()) {
        return Error{u"nothing to pack: %1"_s.arg(report.notes.join(u"; "_s)), ErrorKind::NotFound};
    }
    if (auto error = MigrationPackage::write(report.output, manifest)) {
        return *error;
    }
    report.projects = projects;
    report.files = manifest.files.size();
    for (const MigrationPackage::File& file : std::as_const(manifest.files)) {
        report.bytes += file.size;
    }
    return report;
}

Result<QList<Migration::PathMapping>> Migration::parseMapping(const QString& text)
{
    QList<PathMapping> mapping;
    for (const QString& pair : text.split(u';', Qt::SkipEmptyParts)) {
        // The separator is the first colon that is not a drive letter's ("C:\old:D:\new").
        qsizetype colon = pair.indexOf(u':');
        if (colon == 1) {
            colon = pair.indexOf(u':', 2);
        }
        if (colon <= 0 || colon == pair.size() - 1) {
            return Error{u"--mapping: \"%1\" is not OLD:NEW"_s.arg(pair), ErrorKind::Invalid};
        }
        mapping.append({pair.left(colon).trimmed(), pair.mid(colon + 1).trimmed()});
    }
    return mapping;
}

qsizetype Migration::RestoreReport::count(RestoredFile::Status status) const
{
    return std::count_if(files.cbegin(), files.cend(), [status](const RestoredFile& f) { return f.status == status; });
}

QString Migration::statusName(RestoredFile::Status status)
{
    switch (status) {
    case RestoredFile::Status::Restored:
        return u"restored"_s;
    case RestoredFile::Status::Unchanged:
        return u"unchanged"_s;
    case RestoredFile::Status::Conflict:
        return u"conflict"_s;
    case RestoredFile::Status::Skipped:
        return u"skipped"_s;
    }
    return {};
}

Result<Migration::RestoreReport> Migration::restore(const SessionCatalog& catalog, const RestoreRequest& request)
{
    const Environment& environment = catalog.environment();
    const QString package = environment.absolutePath(request.package);
    auto manifest = MigrationPackage::verify(package);
    if (!manifest) {
        return manifest.error();
    }
    QList<PathMapping> mapping;
    for (const PathMapping& m : request.mapping) {
        mapping.append({QDir::cleanPath(m.from), environment.absolutePath(m.to)});
    }
    const auto newProjectOf = [&mapping](const QString& project) {
        for (const PathMapping& m : mapping) {
            if (const QString now = moved(project, m.from, m.to); !now.isEmpty()) {
                return now;
            }
        }
        return project;
    };

    // Where each file goes, decided before anything is read a second time.
    RestoreReport report;
    report.package = package;
    report.dryRun = request.dryRun;
    QHash<QString, Result<QString>> workspaceIds;               // by new project path
    std::map<QString, Result<GeminiRegistry>> geminiRegistries; // by tmp/ folder, read when one of its is packed
    std::optional<QList<Workspace>> workspaces;                 // this machine's, listed when a store session is packed
    QHash<QString, StoreWriteBack::Place> places;               // of each store session, by its entry
    QHash<QString, QString> editorChecked;                      // whether each editor runs: why it stops a write
    QStringList scope;
    for (const MigrationPackage::File& file : std::as_const(manifest->files)) {
        RestoredFile restored{file.entry, file.provider, newProjectOf(file.project), {}, RestoredFile::Status::Restored,
                              {}};
        const Provider* provider = catalog.provider(file.provider);
        const QStringList locations = provider ? provider->storageLocations(environment) : QStringList();
        if (file.store >= locations.size()) {
            restored.status = RestoredFile::Status::Skipped;
            restored.reason = u"Chasm does not know the provider \"%1\""_s.arg(file.provider);
            report.files.append(restored);
            continue;
        }
        const QString root = QDir::cleanPath(locations.at(file.store));
        const QStringList parts = file.relative.split(u'/');
        QString relative = file.relative;
        switch (file.kind) {
        case MigrationPackage::Kind::VsCodeWorkspace: {
            if (parts.size() < 3 || parts.first() != u"workspaceStorage"_s) {
                restored.reason = u"not a workspaceStorage file"_s;
                break;
            }
            auto found = workspaceIds.constFind(restored.project);
            if (found == workspaceIds.cend()) {
                found = workspaceIds.insert(restored.project, WorkspaceId::ofLocalFolder(restored.project));
            }
            const Result<QString>& id = *found;
            if (!id) {
                restored.reason = id.error().message;
                break;
            }
            relative = u"workspaceStorage/"_s + *id + u'/' + parts.mid(2).join(u'/');
            break;
        }
        case MigrationPackage::Kind::ClaudeProject:
        case MigrationPackage::Kind::QwenProject:
        case MigrationPackage::Kind::DroidProject:
            if (parts.size() < 2 || file.store != 0) {
                restored.reason = u"not inside a project's folder"_s;
                break;
            }
            relative = projectFolderName(file.kind, restored.project) + u'/' + parts.mid(1).join(u'/');
            break;
        case MigrationPackage::Kind::GeminiProject: {
            if (parts.size() < 2) {
                restored.reason = u"not inside a project's folder"_s;
                break;
            }
            auto registry = geminiRegistries.find(root);
            if (registry == geminiRegistries.end()) {
                registry = geminiRegistries.emplace(root, GeminiRegistry::read(root)).first;
            }
            if (!registry->second) {
                restored.reason = registry->second.error().message;
                break;
            }
            relative = registry->second->folderFor(parts.first(), QDir::cleanPath(file.project), restored.project) +
                       u'/' + parts.mid(1).join(u'/');
            const QString home = QFileInfo(root).absolutePath();
            if (!scope.contains(home)) {
                scope << home; // its projects.json
            }
            break;
        }
        case MigrationPackage::Kind::StoreSession: {
            if (parts.size() != 2 || !parts.at(1).endsWith(u".json"_s)) {
                restored.reason = u"not a session of a tool's database"_s;
                break;
            }
            if (!workspaces) {
                auto providers = catalog.providers();
                workspaces = providers ? catalog.workspaces(*providers) : QList<Workspace>();
            }
            const auto place = StoreWriteBack::placeOf(file.provider, parts.first(), restored.project, *workspaces);
            if (!place || !*place) {
                restored.reason = place ? place->error().message
                                        : u"Chasm does not write sessions into %1's database"_s.arg(file.provider);
                break;
            }
            // Cursor writes its databases back when it quits: they are not written while it runs.
            if (!editorChecked.contains((*place)->store.editor)) {
                Registrar::Options options;
                options.dryRun = request.dryRun;
                auto refused = WorkspaceWrite::checkEditor((*place)->store, options, report.notes);
                editorChecked.insert((*place)->store.editor, refused ? refused->message : QString());
            }
            if (const QString refused = editorChecked.value((*place)->store.editor); !refused.isEmpty()) {
                restored.reason = refused;
                break;
            }
            restored.target = (*place)->database;
            for (const QString& path :
                 {(*place)->database, (*place)->listing ? (*place)->listing->stateDatabasePath : QString()}) {
                if (!path.isEmpty() && !scope.contains(QFileInfo(path).absolutePath())) {
                    scope << QFileInfo(path).absolutePath();
                }
            }
            places.insert(file.entry, **place);
            break;
        }
        case MigrationPackage::Kind::CodexRollout:
        case MigrationPackage::Kind::ContinueSession:
        case MigrationPackage::Kind::ContinueIndex:
            break;
        }
        if (!restored.reason.isEmpty()) {
            restored.status = RestoredFile::Status::Skipped;
            report.files.append(restored);
            continue;
        }
        if (file.kind == MigrationPackage::Kind::StoreSession) {
            report.files.append(restored);
            continue;
        }
        restored.target = root + u'/' + relative;
        if (!SafePath::isInside(restored.target, root)) {
            return Error{u"%1 would be written outside %2 (a link on the way leads elsewhere); nothing was "
                         "written"_s.arg(restored.target, root),
                         ErrorKind::Invalid};
        }
        if (!scope.contains(root)) {
            scope << root;
        }
        report.files.append(restored);
    }

    FileTransaction transaction(u"migration restore"_s, environment.dataHome() + u"/chasm/recovery"_s, request.dryRun,
                                scope);
    std::map<QString, std::pair<Workspace, QList<StoreWriteBack::Item>>> storeItems; // by store
    std::map<QString, QList<SessionRef>> listed; // each provider's sessions on this machine
    // Each entry's place in the report (the archive's order need not be the manifest's).
    QHash<QString, qsizetype> reported;
    for (qsizetype i = 0; i < report.files.size(); ++i) {
        reported.insert(report.files.at(i).entry, i);
    }
    std::optional<std::pair<qsizetype, QByteArray>> continueIndex; // merged once every session is restored
    auto error = MigrationPackage::read(
        package, *manifest, [&](const MigrationPackage::File& file, QByteArray bytes) -> std::optional<Error> {
            RestoredFile& restored = report.files[reported.value(file.entry)];
            if (restored.status == RestoredFile::Status::Skipped) {
                return std::nullopt;
            }
            const QString& from = file.project;
            const QString& to = restored.project;
            if (from != to) {
                if (inProjectFolder(file.kind) && file.relative.endsWith(u".jsonl"_s)) {
                    bytes = rewriteLines(bytes, nullptr, "cwd", from, to);
                } else if (file.kind == MigrationPackage::Kind::CodexRollout) {
                    bytes = rewriteLines(bytes, "payload", "cwd", from, to);
                } else if (file.kind == MigrationPackage::Kind::ContinueSession) {
                    bytes = rewriteValues(bytes, "workspaceDirectory", from, to);
                } else if (file.kind == MigrationPackage::Kind::GeminiProject) {
                    if (file.relative.endsWith(u"/.project_root"_s)) {
                        const QString now = moved(QString::fromUtf8(bytes).trimmed(), QDir::cleanPath(from), to);
                        if (!now.isEmpty()) {
                            bytes = now.toUtf8() + (bytes.endsWith('\n') ? "\n" : "");
                        }
                    } else {
                        // The chats name the project by its path's hash.
                        bytes.replace(pathHash(QDir::cleanPath(from)).toLatin1(), pathHash(to).toLatin1());
                    }
                }
            }
            if (file.kind == MigrationPackage::Kind::StoreSession) {
                // Into the tool's database after the files, all of a store's sessions at once.
                auto tree = json::parse(std::string_view(bytes.constData(), size_t(bytes.size())), file.entry);
                auto session = tree ? shapes::sessionFromJson(*tree) : Result<Session>(tree.error());
                if (!session) {
                    restored.status = RestoredFile::Status::Skipped;
                    restored.reason = session.error().message;
                    return std::nullopt;
                }
                if (session->nativeId.isEmpty() ||
                    session->nativeId + u".json"_s != QFileInfo(file.relative).fileName()) {
                    restored.status = RestoredFile::Status::Skipped;
                    restored.reason = u"the session in it is not the one its name says"_s;
                    return std::nullopt;
                }
                session->projectPath = restored.project;
                const StoreWriteBack::Place place = places.value(file.entry);
                auto there = StoreWriteBack::held(catalog, *workspaces, file.provider, session->nativeId,
                                                  place.store.hash, listed);
                if (!there) {
                    return there.error();
                }
                const auto holding = StoreWriteBack::compare(*there, *session, place);
                if (holding == StoreWriteBack::Holding::Same) {
                    restored.status = RestoredFile::Status::Unchanged;
                    return std::nullopt;
                }
                if (holding == StoreWriteBack::Holding::Other) {
                    restored.status = RestoredFile::Status::Conflict;
                    restored.reason = u"the tool's database holds this session with another conversation: kept"_s;
                    transaction.note(u"conflict: %1 in %2 (%3)"_s.arg(session->id, restored.target, restored.reason));
                    return std::nullopt;
                }
                // An unlisted composer is written again (the same conversation) to be listed.
                auto& [store, items] = storeItems[place.database];
                store = place.store;
                items.append({std::move(session).value(), holding == StoreWriteBack::Holding::Unlisted, place.listing});
                return std::nullopt;
            }
            if (file.kind == MigrationPackage::Kind::ContinueIndex) {
                continueIndex = {reported.value(file.entry), std::move(bytes)};
                return std::nullopt;
            }
            if (file.kind == MigrationPackage::Kind::VsCodeWorkspace && file.relative.count(u'/') == 2 &&
                file.relative.endsWith(u"/workspace.json"_s)) {
                auto tree = json::parse(std::string_view(bytes.constData(), size_t(bytes.size())), file.entry);
                if (tree && tree->is_object() && tree->as_object().contains("folder")) {
                    tree->as_object()["folder"] = json::fromQString(WorkspaceId::fileUri(to));
                    const std::string text = json::pretty(*tree);
                    bytes = QByteArray(text.data(), qsizetype(text.size()));
                }
            }
            if (QFileInfo::exists(restored.target)) {
                const auto existing = RegularFile::read(restored.target, MigrationPackage::maxFileBytes);
                if (existing && *existing == bytes) {
                    restored.status = RestoredFile::Status::Unchanged;
                } else {
                    restored.status = RestoredFile::Status::Conflict;
                    restored.reason = restored.target.endsWith(u"/state.vscdb"_s)
                                          ? u"the editor has a workspace for this folder already: its index was kept, "
                                            "register the restored sessions with `chasm register`"_s
                                          : u"exists with other content: kept, not overwritten"_s;
                    transaction.note(u"conflict: %1 (%2)"_s.arg(restored.target, restored.reason));
                }
                return std::nullopt;
            }
            return transaction.create(
                restored.target, bytes,
                u"%1 %2"_s.arg(request.dryRun ? u"would restore"_s : u"restored"_s, restored.target));
        });
    for (const auto& [database, store] : storeItems) {
        if (!error) {
            error = StoreWriteBack::write(store.first, store.second, transaction);
        }
    }
    // Continue's index there gains the entries of the sessions now there as packed.
    const auto mergeIndex = [&](RestoredFile& restored, const QByteArray& packed) -> std::optional<Error> {
        QSet<QString> sessions;
        for (const RestoredFile& file : std::as_const(report.files)) {
            if (file.provider == continueDev && file.target != restored.target &&
                (file.status == RestoredFile::Status::Restored || file.status == RestoredFile::Status::Unchanged)) {
                sessions.insert(QFileInfo(file.target).completeBaseName());
            }
        }
        QByteArray there;
        if (QFileInfo::exists(restored.target)) {
            auto existing = RegularFile::read(restored.target, MigrationPackage::maxFileBytes);
            if (!existing) {
                return existing.error();
            }
            there = *existing;
        }
        QByteArray merged;
        auto added = mergeContinueIndex(packed, there, sessions, mapping, merged);
        if (!added) {
            restored.status = RestoredFile::Status::Conflict;
            restored.reason = added.error().message + u": kept, not merged"_s;
            transaction.note(u"conflict: %1 (%2)"_s.arg(restored.target, restored.reason));
            return std::nullopt;
        }
        if (*added == 0) {
            restored.status = RestoredFile::Status::Unchanged;
            return std::nullopt;
        }
        const QString change = u"%1 %2 session(s) to %3"_s.arg(request.dryRun ? u"would add"_s : u"added"_s)
                                   .arg(*added)
                                   .arg(restored.target);
        return QFileInfo::exists(restored.target)
                   ? transaction.replace(restored.target, merged, FileTransaction::BackupPlace::RecoveryFolder, change)
                   : transaction.create(restored.target, merged, change);
    };
    if (!error && continueIndex) {
        error = mergeIndex(report.files[continueIndex->first], continueIndex->second);
    }
    // Gemini CLI (and Qwen Code) find a project's folder in their registry.
    for (const auto& [root, registry] : geminiRegistries) {
        if (error || !registry || registry->added.isEmpty()) {
            continue;
        }
        const QString change = u"%1 %2 in %3"_s.arg(
            request.dryRun ? u"would register"_s : u"registered"_s,
            QStringList(registry->added.keyBegin(), registry->added.keyEnd()).join(u", "_s), registry->file);
        error = QFileInfo::exists(registry->file)
                    ? transaction.replace(registry->file, registry->merged(),
                                          FileTransaction::BackupPlace::RecoveryFolder, change)
                    : transaction.create(registry->file, registry->merged(), change);
        report.notes << change;
    }
    auto point = transaction.finish();
    if (error) {
        if (point && !point->manifest.isEmpty()) {
            error->message += u" (what was written can be undone: %1)"_s.arg(point->undoCommand());
        }
        return *error;
    }
    if (!point) {
        return point.error();
    }
    for (auto it = workspaceIds.cbegin(); it != workspaceIds.cend(); ++it) {
        if (!it.value()) {
            report.notes << it.value().error().message;
        }
    }
    report.recoveryPoint = point->manifest;
    report.undoCommand = point->manifest.isEmpty() ? QString() : point->undoCommand();
    return report;
}

} // namespace chasm
