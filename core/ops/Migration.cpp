// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Migration.h"

#include "store/Originals.h"

#include "store/Database.h"

#include "json/Json.h"
#include "ops/ProjectMove.h"
#include "store/Database.h"
#include "store/Originals.h"
#include "util/FileTransaction.h"
#include "util/RegularFile.h"
#include "util/SafePath.h"
#include "vscode/WorkspaceId.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString claudeCode = u"claude-code"_s;
const QString codex = u"codex"_s;

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
            if (s.provider == codex && !s.projectPath.isEmpty() && !seen.contains(s.projectPath)) {
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
            }
        }
        for (const SessionRef& s : catalog.sessionsForPath(sessions, project)) {
            const Provider* provider = catalog.provider(s.provider);
            if (s.provider == codex && provider) {
                add(*provider, MigrationPackage::Kind::CodexRollout, s.path, project);
                found = true;
            } else if (s.provider != claudeCode && s.editor.isEmpty() && provider) {
                unsupported.insert(provider->displayName());
            }
        }
        if (!found) {
            report.notes << u"%1: no history of a supported tool (VS Code family, Claude Code, Codex)"_s.arg(project);
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
        if (!query.exec(u"SELECT s.id, s.provider, coalesce(s.project_path, ''), o.path FROM original_files o "
                        "JOIN sessions s ON s.id = o.session_id WHERE s.provider IN ('%1', '%2') ORDER BY o.path"_s.arg(
                            claudeCode, codex))) {
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
            auto bytes = originals.bytes(query.value(0).toString(), file);
            if (!bytes) {
                report.notes << bytes.error().message;
                continue;
            }
            add(*provider,
                query.value(1).toString() == claudeCode ? MigrationPackage::Kind::ClaudeProject
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
    QHash<QString, Result<QString>> workspaceIds; // by new project path
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
            relative = ProjectMove::claudeProjectName(restored.project) + u'/' + parts.mid(1).join(u'/');
            break;
        case MigrationPackage::Kind::CodexRollout:
            break;
        }
        if (!restored.reason.isEmpty() || parts.size() < 2) {
            restored.status = RestoredFile::Status::Skipped;
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
    qsizetype index = 0;
    auto error = MigrationPackage::read(
        package, *manifest, [&](const MigrationPackage::File& file, QByteArray bytes) -> std::optional<Error> {
            RestoredFile& restored = report.files[index++];
            if (restored.status == RestoredFile::Status::Skipped) {
                return std::nullopt;
            }
            const QString& from = file.project;
            const QString& to = restored.project;
            if (from != to) {
                if (file.kind == MigrationPackage::Kind::ClaudeProject && file.relative.endsWith(u".jsonl"_s)) {
                    bytes = rewriteLines(bytes, nullptr, "cwd", from, to);
                } else if (file.kind == MigrationPackage::Kind::CodexRollout) {
                    bytes = rewriteLines(bytes, "payload", "cwd", from, to);
                }
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
