// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestGitService.h"

#include "json/Json.h"
#include "json/JsonValues.h"
#include "model/ModelJson.h"
#include "store/HarvestCheckpoints.h"
#include "store/HarvestReader.h"
#include "store/HarvestWriter.h"
#include "store/StoredSession.h"
#include "util/FileTransaction.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString indexName = u"index.json"_s;
const QString sessionsFolder = u"sessions"_s;

// A session's file in the export, and what index.json says of it.
struct Exported
{
    QString id;
    QString file;
    QString hash; // the stored content's hash (sessions.source_hash)
    QString sourcePath;
    QString format;
    QString workspaceName;
};
using Index = QMap<QString, Exported>; // by session id

// sessions/<provider>/<native id>.json, the id's characters that a file name cannot hold replaced.
QString exportFile(const QString& provider, const QString& nativeId)
{
    QString name = nativeId;
    for (QChar& c : name) {
        if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.') || c.unicode() > 127) {
            c = u'_';
        }
    }
    return sessionsFolder + u'/' + provider + u'/' + name + u".json"_s;
}

Index readIndex(const QByteArray& bytes)
{
    Index index;
    auto parsed = json::parse(std::string_view(bytes.constData(), size_t(bytes.size())), indexName);
    if (!parsed) {
        return index;
    }
    if (const boost::json::array* sessions = json::findArray(*parsed, "sessions")) {
        for (const boost::json::value& s : *sessions) {
            Exported e{json::string(s, "id"),          json::string(s, "file"),   json::string(s, "hash"),
                       json::string(s, "source_path"), json::string(s, "format"), json::string(s, "workspace_name")};
            if (!e.id.isEmpty() && e.file.startsWith(sessionsFolder + u'/') && !e.file.contains(u".."_s)) {
                index.insert(e.id, e);
            }
        }
    }
    return index;
}

QByteArray indexBytes(const Index& index)
{
    boost::json::array sessions;
    for (const Exported& e : index) {
        sessions.emplace_back(boost::json::object{{"id", json::fromQString(e.id)},
                                                  {"file", json::fromQString(e.file)},
                                                  {"hash", json::fromQString(e.hash)},
                                                  {"source_path", json::fromQString(e.sourcePath)},
                                                  {"format", json::fromQString(e.format)},
                                                  {"workspace_name", json::fromQString(e.workspaceName)}});
    }
    return QByteArray::fromStdString(json::pretty(boost::json::object{{"sessions", std::move(sessions)}})) + '\n';
}

// What index.json would say of every stored session.
Result<Index> storedIndex(const Database& db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(u"SELECT id, provider, native_id, source_hash, source_path, format, workspace_name FROM sessions "
                "ORDER BY id"_s)) {
        return Error{u"cannot read %1: %2"_s.arg(db.path(), q.lastError().databaseText())};
    }
    Index index;
    while (q.next()) {
        const QString id = q.value(0).toString();
        index.insert(id, Exported{id, exportFile(q.value(1).toString(), q.value(2).toString()), q.value(3).toString(),
                                  q.value(4).toString(), q.value(5).toString(), q.value(6).toString()});
    }
    return index;
}

// A stored session's JSON, indented for diffs.
Result<QByteArray> exportedJson(const Database& db, const QString& id)
{
    QSqlQuery q(db.connection());
    q.prepare(u"SELECT data FROM sessions WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        return Error{u"cannot read session %1 from %2: %3"_s.arg(id, db.path(), q.lastError().databaseText())};
    }
    auto text = stored::jsonOf(q.value(0));
    if (!text) {
        return text.error();
    }
    auto value = json::parse(*text, u"session %1 in %2"_s.arg(id, db.path()));
    if (!value) {
        return value.error();
    }
    return QByteArray(QByteArray::fromStdString(json::pretty(*value)) + '\n');
}

Result<Session> sessionOf(const QByteArray& bytes, const QString& what)
{
    return stored::sessionFromJson(bytes.toStdString(), what);
}

// Two versions of the export (each: index.json and the file of each session) compared in messages.
QList<GitVersioningService::SessionChange> compare(const Index& before, const Index& after,
                                                   const std::function<QByteArray(const Exported&)>& oldBytes,
                                                   const std::function<QByteArray(const Exported&)>& newBytes)
{
    QStringList ids = before.keys() + after.keys();
    ids.sort();
    ids.removeDuplicates();
    QList<GitVersioningService::SessionChange> changes;
    for (const QString& id : std::as_const(ids)) {
        const bool had = before.contains(id);
        const bool has = after.contains(id);
        if (had && has && before.value(id).hash == after.value(id).hash) {
            continue;
        }
        GitVersioningService::SessionChange change;
        const Exported e = has ? after.value(id) : before.value(id);
        change.file = e.file;
        change.session = id;
        change.provider = id.section(u':', 0, 0);
        change.state = !had ? u"added"_s : !has ? u"removed"_s : u"changed"_s;
        Session old;
        Session now;
        if (had) {
            auto read = sessionOf(oldBytes(before.value(id)), before.value(id).file);
            read ? void(old = std::move(read).value()) : void(change.error = read.error().message);
        }
        if (has) {
            auto read = sessionOf(newBytes(e), e.file);
            read ? void(now = std::move(read).value()) : void(change.error = read.error().message);
        }
        change.title = now.title.isEmpty() ? old.title : now.title;
        change.diff = ConversationDiff::between(old.messages, now.messages);
        changes << change;
    }
    return changes;
}

} // namespace

struct HarvestGitService::Opened
{
    std::unique_ptr<Database> db;
    std::unique_ptr<GitRepository> repo;
};

QString HarvestGitService::repositoryOf(const QString& databasePath)
{
    return databasePath + u".git"_s;
}

Result<HarvestGitService::Opened> HarvestGitService::openBoth(const QString& database, const Notice& notice) const
{
    auto db = m_database.open(database, notice);
    if (!db) {
        return db.error();
    }
    const QString folder = repositoryOf((*db)->path());
    if (!QFileInfo::exists(folder + u"/.git"_s)) {
        return Error{
            u"the harvest database %1 has no git repository yet (see: chasm harvest git init)"_s.arg((*db)->path()),
            ErrorKind::NotFound};
    }
    auto repo = m_git.open(folder, m_home);
    if (!repo) {
        return repo.error();
    }
    return Opened{std::move(db).value(), std::move(repo).value()};
}

Result<HarvestGitService::InitReport> HarvestGitService::init(const QString& database, const Notice& notice) const
{
    auto db = m_database.open(database, notice);
    if (!db) {
        return db.error();
    }
    InitReport report;
    report.database = (*db)->path();
    report.repository = repositoryOf(report.database);
    if (QFileInfo::exists(report.repository + u"/.git"_s)) {
        return report;
    }
    if (!QDir().mkpath(report.repository)) {
        return Error{u"cannot make the folder %1"_s.arg(report.repository)};
    }
    auto repo = m_git.init(report.repository, m_home);
    if (!repo) {
        return repo.error();
    }
    report.created = true;
    return report;
}

Result<HarvestGitService::CommitReport> HarvestGitService::commit(const QString& database, const QString& message,
                                                                  const Notice& notice) const
{
    auto opened = openBoth(database, notice);
    if (!opened) {
        return opened.error();
    }
    CommitReport report;
    report.database = opened->db->path();
    report.repository = opened->repo->workTree();
    const QString root = report.repository + u'/';
    QFile indexFile(root + indexName);
    const Index written = indexFile.open(QIODevice::ReadOnly) ? readIndex(indexFile.readAll()) : Index();
    indexFile.close();
    auto now = storedIndex(*opened->db);
    if (!now) {
        return now.error();
    }
    report.sessions = int(now->size());
    for (const Exported& e : std::as_const(*now)) {
        const auto before = written.constFind(e.id);
        if (before != written.cend() && before->hash == e.hash && before->file == e.file &&
            QFileInfo::exists(root + e.file)) {
            continue;
        }
        auto bytes = exportedJson(*opened->db, e.id);
        if (!bytes) {
            return bytes.error();
        }
        if (!QDir().mkpath(QFileInfo(root + e.file).absolutePath())) {
            return Error{u"cannot make the folder %1"_s.arg(QFileInfo(root + e.file).absolutePath())};
        }
        if (auto error = writeAtomically(root + e.file, *bytes)) {
            return *error;
        }
        ++report.written;
    }
    for (const Exported& e : written) {
        if (!now->contains(e.id) && QFile::remove(root + e.file)) {
            ++report.removed;
        }
    }
    if (auto error = writeAtomically(root + indexName, indexBytes(*now))) {
        return *error;
    }
    if (auto error = opened->repo->stage({})) {
        return *error;
    }
    const QString text = !message.isEmpty() ? message
                                            : u"Harvest database: %1 sessions, %2 written, %3 removed"_s.arg(
                                                  QString::number(report.sessions), QString::number(report.written),
                                                  QString::number(report.removed));
    auto commit = opened->repo->commit(text);
    if (!commit) {
        return commit.error();
    }
    report.commit = *commit;
    return report;
}

Result<HarvestGitService::LogReport> HarvestGitService::log(const QString& database, int limit,
                                                            const Notice& notice) const
{
    auto opened = openBoth(database, notice);
    if (!opened) {
        return opened.error();
    }
    auto commits = opened->repo->log(limit);
    if (!commits) {
        return commits.error();
    }
    return LogReport{opened->repo->workTree(), std::move(commits).value()};
}

Result<HarvestGitService::DiffReport> HarvestGitService::diff(const QString& database, const QString& commit,
                                                              const Notice& notice) const
{
    auto opened = openBoth(database, notice);
    if (!opened) {
        return opened.error();
    }
    GitRepository& repo = *opened->repo;
    DiffReport report;
    report.repository = repo.workTree();
    const auto versionAt = [&repo](const QString& id) -> Result<QMap<QString, QByteArray>> {
        if (id.isEmpty()) {
            return QMap<QString, QByteArray>();
        }
        return repo.files(id, {});
    };
    if (!commit.isEmpty()) {
        auto to = repo.resolve(commit);
        if (!to) {
            return to.error();
        }
        report.to = *to;
        if (auto parent = repo.resolve(report.to + u'^')) {
            report.from = *parent;
        }
    } else if (auto head = repo.resolve(u"HEAD"_s)) {
        report.from = *head;
    }
    auto before = versionAt(report.from);
    if (!before) {
        return before.error();
    }
    const Index oldIndex = readIndex(before->value(indexName));
    const auto oldBytes = [&](const Exported& e) { return before->value(e.file); };
    if (!report.to.isEmpty()) {
        auto after = versionAt(report.to);
        if (!after) {
            return after.error();
        }
        report.sessions = compare(oldIndex, readIndex(after->value(indexName)), oldBytes,
                                  [&](const Exported& e) { return after->value(e.file); });
        return report;
    }
    auto now = storedIndex(*opened->db);
    if (!now) {
        return now.error();
    }
    report.sessions = compare(oldIndex, *now, oldBytes, [&](const Exported& e) {
        auto bytes = exportedJson(*opened->db, e.id);
        return bytes ? *bytes : QByteArray(); // unreadable: the change says why
    });
    return report;
}

Result<HarvestGitService::RestoreReport> HarvestGitService::restore(const QString& database, const QString& commit,
                                                                    const Notice& notice) const
{
    auto opened = openBoth(database, notice);
    if (!opened) {
        return opened.error();
    }
    const Database& db = *opened->db;
    RestoreReport report;
    report.database = db.path();
    auto id = opened->repo->resolve(commit);
    if (!id) {
        return id.error();
    }
    report.commit = *id;
    auto files = opened->repo->files(report.commit, {});
    if (!files) {
        return files.error();
    }
    const Index index = readIndex(files->value(indexName));
    HarvestWriter writer(db);
    const HarvestReader reader(db);
    if (auto error = writer.begin()) {
        return *error;
    }
    for (const Exported& e : index) {
        const std::optional<QString> stored = reader.contentHash(e.id);
        if (stored == e.hash) {
            ++report.unchanged;
            continue;
        }
        auto session = sessionOf(files->value(e.file), e.file);
        if (!session) {
            writer.rollback();
            return Error{
                u"%1 (commit %2): %3"_s.arg(opened->repo->workTree(), report.commit.left(7), session.error().message)};
        }
        const HarvestWriter::Prepared prepared = HarvestWriter::prepare(std::move(session).value());
        SessionRef ref;
        ref.id = prepared.session.id;
        ref.provider = prepared.session.provider;
        ref.nativeId = prepared.session.nativeId;
        ref.workspace = prepared.session.workspace;
        ref.workspaceName = e.workspaceName;
        ref.path = e.sourcePath;
        ref.format = e.format;
        ref.sizeBytes = prepared.jsonBytes;
        describe(ref, prepared.session);
        HarvestCheckpoints::Checkpoint saved;
        const auto error = writer.atomically([&]() -> std::optional<QString> {
            if (stored) {
                const QString message = u"before harvest git restore %1"_s.arg(report.commit.left(7));
                if (auto failed = HarvestCheckpoints::save(db.connection(), e.id, message, saved)) {
                    return failed;
                }
            }
            return writer.writeSession(ref, prepared.session, prepared.data, prepared.hash, stored.has_value());
        });
        if (error) {
            writer.rollback();
            return *error;
        }
        report.restored << e.id;
        if (stored) {
            report.checkpointed << u"%1 #%2"_s.arg(e.id, QString::number(saved.number));
        }
    }
    if (auto error = writer.commit()) {
        return *error;
    }
    return report;
}

boost::json::object toJson(const HarvestGitService::InitReport& report)
{
    return {{"database", json::fromQString(report.database)},
            {"repository", json::fromQString(report.repository)},
            {"created", report.created}};
}

boost::json::object toJson(const HarvestGitService::CommitReport& report)
{
    return {{"database", json::fromQString(report.database)},
            {"repository", json::fromQString(report.repository)},
            {"sessions", report.sessions},
            {"written", report.written},
            {"removed", report.removed},
            {"commit", json::stringOrNull(report.commit)}};
}

boost::json::object toJson(const HarvestGitService::LogReport& report)
{
    boost::json::array commits;
    for (const GitRepository::Commit& c : report.commits) {
        commits.emplace_back(boost::json::object{{"commit", json::fromQString(c.id)},
                                                 {"summary", json::fromQString(c.summary)},
                                                 {"message", json::fromQString(c.message)},
                                                 {"author", json::fromQString(c.author)},
                                                 {"time", shapes::isoTime(c.time)},
                                                 {"files", c.paths.size()}});
    }
    return {{"repository", json::fromQString(report.repository)}, {"commits", std::move(commits)}};
}

boost::json::object toJson(const HarvestGitService::DiffReport& report)
{
    boost::json::array sessions;
    for (const GitVersioningService::SessionChange& s : report.sessions) {
        sessions.emplace_back(toJson(s));
    }
    return {{"repository", json::fromQString(report.repository)},
            {"from", json::stringOrNull(report.from)},
            {"to", json::stringOrNull(report.to)},
            {"sessions", std::move(sessions)}};
}

boost::json::object toJson(const HarvestGitService::RestoreReport& report)
{
    return {{"database", json::fromQString(report.database)},
            {"commit", json::fromQString(report.commit)},
            {"restored", json::fromQStrings(report.restored)},
            {"unchanged", report.unchanged},
            {"checkpointed", json::fromQStrings(report.checkpointed)}};
}

} // namespace chasm
