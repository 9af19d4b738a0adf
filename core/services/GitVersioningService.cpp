// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "GitVersioningService.h"

#include "json/Json.h"
#include "json/JsonValues.h"
#include "model/ModelJson.h"
#include "services/CatalogService.h"
#include "services/EditorGuardService.h"
#include "util/FileTransaction.h"
#include "util/RegularFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// One copy in .chasm/sessions, as sessions.json records it: the session it holds and the file its tool keeps it in
// (under HOME written as ~/, so that the record reads the same on the person's other machines).
struct Entry
{
    QString file; // relative to .chasm/sessions
    QString session;
    QString provider;
    QString editor;
    QString workspace;
    QString format;
    QString source;
};
using Manifest = QMap<QString, Entry>;

Manifest readManifest(const QByteArray& bytes)
{
    Manifest manifest;
    auto parsed = json::parse(std::string_view(bytes.constData(), size_t(bytes.size())), u"sessions.json"_s);
    if (!parsed) {
        return manifest;
    }
    const boost::json::array* sessions = json::findArray(*parsed, "sessions");
    if (!sessions) {
        return manifest;
    }
    for (const boost::json::value& s : *sessions) {
        Entry e{json::string(s, "file"),   json::string(s, "session"),   json::string(s, "provider"),
                json::string(s, "editor"), json::string(s, "workspace"), json::string(s, "format"),
                json::string(s, "source")};
        if (!e.file.isEmpty() && !e.file.contains(u".."_s) && !QDir::isAbsolutePath(e.file)) {
            manifest.insert(e.file, e);
        }
    }
    return manifest;
}

QByteArray manifestBytes(const Manifest& manifest)
{
    boost::json::array sessions;
    for (const Entry& e : manifest) {
        sessions.emplace_back(boost::json::object{{"file", json::fromQString(e.file)},
                                                  {"session", json::fromQString(e.session)},
                                                  {"provider", json::fromQString(e.provider)},
                                                  {"editor", json::fromQString(e.editor)},
                                                  {"workspace", json::fromQString(e.workspace)},
                                                  {"format", json::fromQString(e.format)},
                                                  {"source", json::fromQString(e.source)}});
    }
    return QByteArray::fromStdString(json::pretty(boost::json::object{{"sessions", std::move(sessions)}})) + '\n';
}

QString homeRelative(const QString& path, const QString& home)
{
    return !home.isEmpty() && path.startsWith(home + u'/') ? u"~"_s + path.mid(home.size()) : path;
}

QString fromHomeRelative(const QString& path, const QString& home)
{
    return path.startsWith(u"~/"_s) ? home + path.mid(1) : path;
}

QString shortId(const QString& id)
{
    return id.left(8);
}

// Whether a file a commit's sessions.json names is a session file in its tool's store: what restore writes. The
// record comes with the repository (a clone, a pull), so it is not trusted to name any other file.
bool inStore(const SessionCatalog& catalog, const Entry& entry, const QString& target)
{
    const Provider* provider = catalog.provider(entry.provider);
    const QString path = QDir::cleanPath(target);
    if (!provider || !QDir::isAbsolutePath(path) || !(path.endsWith(u".json"_s) || path.endsWith(u".jsonl"_s))) {
        return false;
    }
    const QStringList roots = provider->storageLocations(catalog.environment());
    return std::any_of(roots.cbegin(), roots.cend(),
                       [&path](const QString& root) { return path.startsWith(QDir::cleanPath(root) + u'/'); });
}

} // namespace

struct GitVersioningService::Project
{
    QString path; // the project folder, absolute
    std::unique_ptr<GitRepository> repo;
    QString folder; // .chasm/sessions relative to the work tree, as the repository names its files
    QString copies; // .chasm/sessions, absolute
    Manifest manifest;
    // The project's session files now, each with the copy it goes to.
    QList<std::pair<SessionRef, QString>> sources;
    QString home;

    QString inRepository(const QString& file) const { return folder + u'/' + file; }
};

Result<GitVersioningService::Project> GitVersioningService::openProject(const QString& path) const
{
    const CatalogService catalog(m_catalog);
    Project project;
    project.path = QDir::cleanPath(catalog.pathOrCwd(path));
    project.home = QDir::cleanPath(m_catalog.environment().home());
    if (!QFileInfo(project.path).isDir()) {
        return Error{u"%1 is not a folder"_s.arg(project.path), ErrorKind::NotFound};
    }
    auto repo = m_git.open(project.path, project.home);
    if (!repo) {
        return repo.error();
    }
    project.repo = std::move(repo).value();
    // The recovery points of restore (backups of the project's files among them) are no part of its history.
    if (auto error = project.repo->ignore(u".chasm_recovery/"_s)) {
        return *error;
    }
    project.copies = project.path + u'/' + sessionsFolder;
    project.folder = QDir(project.repo->workTree()).relativeFilePath(project.copies);
    QFile manifest(project.copies + u'/' + manifestName);
    if (manifest.open(QIODevice::ReadOnly)) {
        project.manifest = readManifest(manifest.readAll());
    }

    auto scope = catalog.projectScope({}, project.path);
    if (!scope) {
        return scope.error();
    }
    // Sessions kept in files of their own: a tool's database of many sessions is no file to copy.
    QHash<QString, int> perFile;
    for (const SessionRef& s : std::as_const(scope->sessions)) {
        ++perFile[s.path];
    }
    QList<SessionRef> own;
    for (const SessionRef& s : std::as_const(scope->sessions)) {
        if (perFile.value(s.path) == 1 && (s.format == u"json"_s || s.format == u"jsonl"_s) &&
            QFileInfo(s.path).isFile()) {
            own << s;
        }
    }
    std::sort(own.begin(), own.end(), [](const SessionRef& a, const SessionRef& b) { return a.path < b.path; });
    QHash<QString, QString> known; // source -> copy
    QSet<QString> taken;
    for (const Entry& e : std::as_const(project.manifest)) {
        known.insert(fromHomeRelative(e.source, project.home), e.file);
        taken.insert(e.file);
    }
    for (const SessionRef& s : std::as_const(own)) {
        QString file = known.value(s.path);
        if (file.isEmpty()) {
            const QString name = QFileInfo(s.path).fileName();
            file = s.provider + u'/' + name;
            if (taken.contains(file)) {
                file = s.provider + u'/' + (s.workspace.isEmpty() ? shortId(s.nativeId) : s.workspace) + u'/' + name;
            }
            taken.insert(file);
        }
        project.sources.append({s, file});
    }
    return project;
}

Result<GitVersioningService::Copies> GitVersioningService::copySessions(Project& project) const
{
    Copies copies;
    copies.sessions = int(project.sources.size());
    if (!QDir().mkpath(project.copies)) {
        return Error{u"cannot make the folder %1"_s.arg(project.copies)};
    }
    Manifest manifest = project.manifest;
    for (const auto& [ref, file] : std::as_const(project.sources)) {
        const auto bytes = RegularFile::read(ref.path);
        if (!bytes) {
            return bytes.error();
        }
        const QString copy = project.copies + u'/' + file;
        QFile existing(copy);
        const bool exists = existing.open(QIODevice::ReadOnly);
        if (exists && existing.readAll() == *bytes) {
            ++copies.unchanged;
        } else {
            if (!QDir().mkpath(QFileInfo(copy).absolutePath())) {
                return Error{u"cannot make the folder %1"_s.arg(QFileInfo(copy).absolutePath())};
            }
            if (auto error = writeAtomically(copy, *bytes)) {
                return *error;
            }
            (exists ? copies.updated : copies.added) << file;
        }
        manifest.insert(file, Entry{file, ref.id, ref.provider, ref.editor, ref.workspace, ref.format,
                                    homeRelative(ref.path, project.home)});
    }
    const QString manifestPath = project.copies + u'/' + manifestName;
    const QByteArray bytes = manifestBytes(manifest);
    QFile current(manifestPath);
    if (!current.open(QIODevice::ReadOnly) || current.readAll() != bytes) {
        if (auto error = writeAtomically(manifestPath, bytes)) {
            return *error;
        }
    }
    project.manifest = std::move(manifest);
    return copies;
}

Result<GitVersioningService::ConfigReport> GitVersioningService::config(const ConfigRequest& request) const
{
    const QString path = QDir::cleanPath(CatalogService(m_catalog).pathOrCwd(request.path));
    auto repo = m_git.open(path, m_catalog.environment().home());
    if (!repo) {
        return repo.error();
    }
    ConfigReport report;
    report.repository = (*repo)->workTree();
    for (const auto& [key, value] : {std::pair{u"user.name"_s, request.name}, {u"user.email"_s, request.email}}) {
        if (!value.isEmpty()) {
            if (auto error = (*repo)->setConfig(key, value)) {
                return *error;
            }
            report.set << key;
        }
    }
    auto name = (*repo)->config(u"user.name"_s);
    auto email = name ? (*repo)->config(u"user.email"_s) : Result<QString>(name.error());
    if (!email) {
        return email.error();
    }
    report.name = *name;
    report.email = *email;
    return report;
}

Result<GitVersioningService::InitReport> GitVersioningService::init(const QString& path) const
{
    const QString folder = QDir::cleanPath(CatalogService(m_catalog).pathOrCwd(path));
    if (!QFileInfo(folder).isDir()) {
        return Error{u"%1 is not a folder"_s.arg(folder), ErrorKind::NotFound};
    }
    InitReport report;
    report.project = folder;
    if (auto existing = m_git.open(folder, m_catalog.environment().home()); !existing) {
        if (existing.error().kind != ErrorKind::NotFound) {
            return existing.error();
        }
        auto made = m_git.init(folder, m_catalog.environment().home());
        if (!made) {
            return made.error();
        }
        report.created = true;
    }
    auto project = openProject(folder);
    if (!project) {
        return project.error();
    }
    report.repository = project->repo->workTree();
    auto copies = copySessions(*project);
    if (!copies) {
        return copies.error();
    }
    report.copies = std::move(copies).value();
    return report;
}

QString GitVersioningService::snapshotTag()
{
    return u"chat-snapshot-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
}

Result<GitVersioningService::RecordReport> GitVersioningService::record(const RecordRequest& request) const
{
    auto project = openProject(request.path);
    if (!project) {
        return project.error();
    }
    GitRepository& repo = *project->repo;
    RecordReport report;
    report.project = project->path;
    report.repository = repo.workTree();
    auto copies = copySessions(*project);
    if (!copies) {
        return copies.error();
    }
    report.copies = std::move(copies).value();
    QStringList specs{project->folder};
    if (request.allFiles) {
        specs = QStringList{u"*"_s};
    }
    for (const QString& file : request.files) {
        const QString absolute = QDir(project->path).absoluteFilePath(file);
        if (!QFileInfo::exists(absolute)) {
            return Error{u"%1 does not exist"_s.arg(absolute), ErrorKind::NotFound};
        }
        specs << QDir(repo.workTree()).relativeFilePath(absolute);
    }
    if (auto error = repo.stage(specs)) {
        return *error;
    }
    auto status = repo.status(specs);
    if (!status) {
        return status.error();
    }
    for (const GitRepository::StatusEntry& e : std::as_const(*status)) {
        if (!e.staged.isEmpty()) {
            report.staged << e.path;
        }
    }
    if (!request.commit) {
        return report;
    }
    const QString message = !request.message.isEmpty()
                                ? request.message
                                : u"Chat sessions of %1: %2 new, %3 changed"_s.arg(
                                      QFileInfo(project->path).fileName(), QString::number(report.copies.added.size()),
                                      QString::number(report.copies.updated.size()));
    auto commit = repo.commit(message);
    if (!commit) {
        return commit.error();
    }
    report.commit = *commit;
    if (!request.tag.isEmpty()) {
        if (auto error = repo.tag(request.tag, u"HEAD"_s, message)) {
            return *error;
        }
        report.tag = request.tag;
    }
    return report;
}

Result<GitVersioningService::StatusReport> GitVersioningService::status(const QString& path) const
{
    auto project = openProject(path);
    if (!project) {
        return project.error();
    }
    StatusReport report;
    report.project = project->path;
    report.repository = project->repo->workTree();
    if (auto head = project->repo->resolve(u"HEAD"_s)) {
        report.head = *head;
    }
    report.sessions = int(project->sources.size());
    QSet<QString> present;
    for (const auto& [ref, file] : std::as_const(project->sources)) {
        present.insert(file);
        QFile copy(project->copies + u'/' + file);
        if (!copy.open(QIODevice::ReadOnly)) {
            report.notCopied << file;
        } else if (const auto source = RegularFile::read(ref.path); !source || copy.readAll() != *source) {
            report.changed << file;
        }
    }
    for (const Entry& e : std::as_const(project->manifest)) {
        if (!present.contains(e.file)) {
            report.gone << e.file;
        }
    }
    auto files = project->repo->status({project->folder});
    if (!files) {
        return files.error();
    }
    report.files = std::move(files).value();
    return report;
}

Result<GitVersioningService::LogReport> GitVersioningService::log(const LogRequest& request) const
{
    auto project = openProject(request.path);
    if (!project) {
        return project.error();
    }
    auto commits = project->repo->log(request.limit, request.sessionsOnly ? project->folder : QString());
    if (!commits) {
        return commits.error();
    }
    LogReport report;
    report.repository = project->repo->workTree();
    const QString prefix = project->folder + u'/';
    for (GitRepository::Commit& c : *commits) {
        const int sessions = int(std::count_if(c.paths.cbegin(), c.paths.cend(), [&](const QString& p) {
            return p.startsWith(prefix) && !p.endsWith(u'/' + manifestName);
        }));
        report.commits << LogEntry{std::move(c), sessions};
    }
    return report;
}

namespace {

// A version of a session file read as its tool's reader reads it: written to a temporary folder under its own name.
Result<Session> readVersion(const SessionCatalog& catalog, const Entry& entry, const QByteArray& bytes,
                            const QTemporaryDir& scratch, int n)
{
    const QString folder = scratch.path() + u'/' + QString::number(n);
    const QString path = folder + u'/' + QFileInfo(entry.file).fileName();
    if (!QDir().mkpath(folder)) {
        return Error{u"cannot make the folder %1"_s.arg(folder)};
    }
    if (auto error = writeAtomically(path, bytes)) {
        return *error;
    }
    SessionRef ref;
    ref.id = entry.session;
    ref.provider = entry.provider;
    ref.editor = entry.editor;
    ref.nativeId = entry.session.section(u':', 1);
    ref.workspace = entry.workspace;
    ref.format = entry.format;
    ref.path = path;
    auto session = catalog.load(ref);
    if (!session) {
        return Error{u"%1: %2"_s.arg(entry.file, session.error().message)};
    }
    return session;
}

} // namespace

Result<GitVersioningService::DiffReport> GitVersioningService::diff(const DiffRequest& request) const
{
    auto project = openProject(request.path);
    if (!project) {
        return project.error();
    }
    GitRepository& repo = *project->repo;
    DiffReport report;
    report.repository = repo.workTree();
    report.withFiles = request.withFiles;
    auto from = repo.resolve(request.from.isEmpty() ? u"HEAD"_s : request.from);
    if (!from) {
        return from.error();
    }
    report.from = *from;
    const QString prefix = project->folder + u'/';
    const QString manifestFile = prefix + manifestName;
    const auto versionsAt = [&](const QString& commit) -> Result<QMap<QString, QByteArray>> {
        auto files = repo.files(commit, project->folder);
        if (!files) {
            return files.error();
        }
        QMap<QString, QByteArray> byCopy;
        for (auto it = files->cbegin(); it != files->cend(); ++it) {
            byCopy.insert(it.key().mid(prefix.size()), it.value());
        }
        return byCopy;
    };
    auto before = versionsAt(report.from);
    if (!before) {
        return before.error();
    }
    Manifest entries = readManifest(before->take(manifestName.toString()));
    QMap<QString, QByteArray> after;
    QSet<QString> gone;
    if (!request.to.isEmpty()) {
        auto to = repo.resolve(request.to);
        if (!to) {
            return to.error();
        }
        report.to = *to;
        auto versions = versionsAt(report.to);
        if (!versions) {
            return versions.error();
        }
        after = std::move(versions).value();
        entries.insert(readManifest(after.take(manifestName.toString())));
    } else {
        for (const auto& [ref, file] : std::as_const(project->sources)) {
            const auto bytes = RegularFile::read(ref.path);
            if (!bytes) {
                return bytes.error();
            }
            after.insert(file, *bytes);
            entries.insert(file, Entry{file, ref.id, ref.provider, ref.editor, ref.workspace, ref.format, ref.path});
        }
        // Copies whose session the tool no longer holds: the repository keeps what it deleted.
        for (auto it = before->cbegin(); it != before->cend(); ++it) {
            if (!after.contains(it.key())) {
                after.insert(it.key(), it.value());
                gone.insert(it.key());
            }
        }
    }
    QStringList files = before->keys() + after.keys();
    files.sort();
    files.removeDuplicates();
    QTemporaryDir scratch;
    int n = 0;
    for (const QString& file : std::as_const(files)) {
        const bool had = before->contains(file);
        const bool has = after.contains(file);
        if (had && has && before->value(file) == after.value(file) && !gone.contains(file)) {
            continue;
        }
        const Entry entry = entries.value(file, Entry{file, {}, file.section(u'/', 0, 0), {}, {}, {}, {}});
        SessionChange change;
        change.file = file;
        change.session = entry.session;
        change.provider = entry.provider;
        change.state = gone.contains(file) ? u"gone"_s : !had ? u"added"_s : !has ? u"removed"_s : u"changed"_s;
        Session old;
        Session now;
        if (had) {
            auto read = readVersion(m_catalog, entry, before->value(file), scratch, ++n);
            read ? void(old = std::move(read).value()) : void(change.error = read.error().message);
        }
        if (has && !gone.contains(file)) {
            auto read = readVersion(m_catalog, entry, after.value(file), scratch, ++n);
            read ? void(now = std::move(read).value()) : void(change.error = read.error().message);
        } else {
            now = old;
        }
        change.title = now.title.isEmpty() ? old.title : now.title;
        change.diff = ConversationDiff::between(old.messages, now.messages);
        report.sessions << change;
    }
    if (request.withFiles) {
        auto changes = repo.changes(report.from, report.to, {});
        if (!changes) {
            return changes.error();
        }
        for (const GitRepository::Change& c : std::as_const(*changes)) {
            if (!c.path.startsWith(prefix)) {
                report.files << c;
            }
        }
    }
    return report;
}

Result<GitVersioningService::RestoreReport> GitVersioningService::restore(const RestoreRequest& request) const
{
    auto project = openProject(request.path);
    if (!project) {
        return project.error();
    }
    GitRepository& repo = *project->repo;
    RestoreReport report;
    report.repository = repo.workTree();
    auto commit = repo.resolve(request.commit);
    if (!commit) {
        return commit.error();
    }
    report.commit = *commit;
    auto files = repo.files(report.commit, project->folder);
    if (!files) {
        return files.error();
    }
    const QString prefix = project->folder + u'/';
    const Manifest entries = readManifest(files->value(prefix + manifestName));

    // A VS Code-family editor keeps its sessions in memory and writes them back when it quits.
    const QList<Workspace> editorWorkspaces = CatalogService(m_catalog).editorWorkspaces(project->path, false);
    const QList<Editor> running = EditorGuardService::running(EditorGuardService::editorsOf(editorWorkspaces));
    const bool touchesEditor =
        std::any_of(entries.cbegin(), entries.cend(), [](const Entry& e) { return !e.editor.isEmpty(); });
    if (touchesEditor && !running.isEmpty() && !request.force) {
        QStringList names;
        for (const Editor editor : running) {
            names << editorInfo(editor).displayName;
        }
        return Error{u"%1 runs and would write its sessions over the restored ones: close it first, or restore with "
                     "--force"_s.arg(names.join(u", "_s)),
                     ErrorKind::Conflict};
    }

    QStringList scope;
    for (const Entry& e : entries) {
        const QString target = fromHomeRelative(e.source, project->home);
        if (!inStore(m_catalog, e, target)) {
            return Error{u"%1: commit %2 says %3 came from %4, which is not in %5's store: nothing restored"_s.arg(
                             project->copies + u'/' + manifestName, report.commit.left(7), e.file, target, e.provider),
                         ErrorKind::Invalid};
        }
        scope << QFileInfo(target).absolutePath();
    }
    if (request.withFiles) {
        scope << project->path;
    }
    scope.removeDuplicates();
    if (request.backup) {
        RecordRequest backup;
        backup.path = project->path;
        backup.message = u"Chat sessions before restoring %1"_s.arg(report.commit.left(7));
        auto kept = record(backup);
        if (!kept) {
            return kept.error();
        }
        auto head = repo.resolve(u"HEAD"_s);
        report.backupCommit = kept->commit.isEmpty() && head ? *head : kept->commit;
    }

    FileTransaction transaction(u"git restore"_s, project->path + u"/.chasm_recovery"_s, false, scope);
    const auto put = [&](const QString& target, const QByteArray& bytes, FileTransaction::BackupPlace place,
                         const QString& what) -> std::optional<Error> {
        QFile current(target);
        if (current.open(QIODevice::ReadOnly)) {
            if (current.readAll() == bytes) {
                ++report.unchanged;
                return std::nullopt;
            }
            current.close();
            report.restored << target;
            return transaction.replace(target, bytes, place, u"restored %1 from %2"_s.arg(what, report.commit.left(7)));
        }
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            return Error{u"cannot make the folder %1"_s.arg(QFileInfo(target).absolutePath())};
        }
        report.restored << target;
        return transaction.create(target, bytes, u"restored %1 from %2"_s.arg(what, report.commit.left(7)));
    };
    for (const Entry& e : entries) {
        const auto bytes = files->constFind(prefix + e.file);
        if (bytes == files->cend()) {
            continue;
        }
        const QString target = fromHomeRelative(e.source, project->home);
        if (auto error = put(target, *bytes, FileTransaction::BackupPlace::Beside, e.session)) {
            return *error;
        }
    }
    if (request.withFiles) {
        auto changes = repo.changes(report.commit, {}, {});
        if (!changes) {
            return changes.error();
        }
        for (const GitRepository::Change& c : std::as_const(*changes)) {
            if (c.path.startsWith(prefix) || c.status == u"added"_s) {
                continue; // what the commit does not hold stays
            }
            auto bytes = repo.files(report.commit, c.path);
            if (!bytes) {
                return bytes.error();
            }
            const auto found = bytes->constFind(c.path);
            if (found == bytes->cend()) {
                continue;
            }
            if (auto error = put(repo.workTree() + u'/' + c.path, *found, FileTransaction::BackupPlace::RecoveryFolder,
                                 c.path)) {
                return *error;
            }
        }
    }
    auto point = transaction.finish();
    if (!point) {
        return point.error();
    }
    report.recoveryPoint = point->manifest;
    if (!point->manifest.isEmpty()) {
        report.undoCommand = point->undoCommand();
    }
    // The copies follow what the tools hold now.
    auto reopened = openProject(project->path);
    if (reopened) {
        if (auto copied = copySessions(*reopened); !copied) {
            return copied.error();
        }
    }
    return report;
}

boost::json::object toJson(const GitVersioningService::ConfigReport& report)
{
    return {{"repository", json::fromQString(report.repository)},
            {"name", json::fromQString(report.name)},
            {"email", json::fromQString(report.email)},
            {"set", json::fromQStrings(report.set)}};
}

namespace {

boost::json::object copiesJson(const GitVersioningService::Copies& c)
{
    return {{"sessions", c.sessions},
            {"added", json::fromQStrings(c.added)},
            {"updated", json::fromQStrings(c.updated)},
            {"unchanged", c.unchanged}};
}

} // namespace

boost::json::object toJson(const GitVersioningService::InitReport& report)
{
    return {{"project", json::fromQString(report.project)},
            {"repository", json::fromQString(report.repository)},
            {"created", report.created},
            {"copies", copiesJson(report.copies)}};
}

boost::json::object toJson(const GitVersioningService::RecordReport& report)
{
    return {{"project", json::fromQString(report.project)}, {"repository", json::fromQString(report.repository)},
            {"copies", copiesJson(report.copies)},          {"staged", json::fromQStrings(report.staged)},
            {"commit", json::stringOrNull(report.commit)},  {"tag", json::stringOrNull(report.tag)}};
}

boost::json::object toJson(const GitVersioningService::StatusReport& report)
{
    boost::json::array files;
    for (const GitRepository::StatusEntry& e : report.files) {
        files.emplace_back(boost::json::object{{"path", json::fromQString(e.path)},
                                               {"staged", json::stringOrNull(e.staged)},
                                               {"unstaged", json::stringOrNull(e.unstaged)}});
    }
    return {{"project", json::fromQString(report.project)},
            {"repository", json::fromQString(report.repository)},
            {"head", json::stringOrNull(report.head)},
            {"sessions", report.sessions},
            {"not_copied", json::fromQStrings(report.notCopied)},
            {"changed", json::fromQStrings(report.changed)},
            {"gone", json::fromQStrings(report.gone)},
            {"files", std::move(files)}};
}

boost::json::object toJson(const GitVersioningService::LogReport& report)
{
    boost::json::array commits;
    for (const GitVersioningService::LogEntry& e : report.commits) {
        commits.emplace_back(boost::json::object{{"commit", json::fromQString(e.commit.id)},
                                                 {"summary", json::fromQString(e.commit.summary)},
                                                 {"message", json::fromQString(e.commit.message)},
                                                 {"author", json::fromQString(e.commit.author)},
                                                 {"time", shapes::isoTime(e.commit.time)},
                                                 {"files", e.commit.paths.size()},
                                                 {"session_files", e.sessionFiles}});
    }
    return {{"repository", json::fromQString(report.repository)}, {"commits", std::move(commits)}};
}

boost::json::object toJson(const GitVersioningService::SessionChange& change)
{
    boost::json::object o{
        {"file", json::fromQString(change.file)},         {"session", json::fromQString(change.session)},
        {"provider", json::fromQString(change.provider)}, {"title", json::fromQString(change.title)},
        {"state", json::fromQString(change.state)},       {"error", json::stringOrNull(change.error)}};
    for (auto& [key, value] : toJson(change.diff)) {
        o[key] = value;
    }
    return o;
}

boost::json::object toJson(const GitVersioningService::DiffReport& report)
{
    boost::json::array sessions;
    for (const GitVersioningService::SessionChange& s : report.sessions) {
        sessions.emplace_back(toJson(s));
    }
    boost::json::object o{{"repository", json::fromQString(report.repository)},
                          {"from", json::fromQString(report.from)},
                          {"to", json::stringOrNull(report.to)},
                          {"sessions", std::move(sessions)}};
    if (report.withFiles) {
        boost::json::array files;
        for (const GitRepository::Change& c : report.files) {
            files.emplace_back(
                boost::json::object{{"path", json::fromQString(c.path)}, {"status", json::fromQString(c.status)}});
        }
        o["files"] = std::move(files);
    }
    return o;
}

boost::json::object toJson(const GitVersioningService::RestoreReport& report)
{
    return {{"repository", json::fromQString(report.repository)},
            {"commit", json::fromQString(report.commit)},
            {"backup_commit", json::stringOrNull(report.backupCommit)},
            {"restored", json::fromQStrings(report.restored)},
            {"unchanged", report.unchanged},
            {"recovery_point", json::stringOrNull(report.recoveryPoint)},
            {"undo", json::stringOrNull(report.undoCommand)}};
}

} // namespace chasm
