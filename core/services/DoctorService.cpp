// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "DoctorService.h"

#include "json/Json.h"
#include "services/CatalogService.h"
#include "services/HarvestDatabaseService.h"
#include "services/ModelProviderService.h"
#include "services/OrphanService.h"
#include "services/RegisterService.h"
#include "services/RetentionService.h"
#include "services/WatchService.h"
#include "store/Database.h"
#include "util/IsoTime.h"
#include "util/ReadOnlyDatabase.h"
#include "util/SqliteConnection.h"
#include "vscode/Editor.h"
#include "vscode/EditorProcess.h"

#include <QDir>
#include <QFile>
#include <QUrl>
#include <QFileInfo>
#include <QLocale>
#include <QMap>
#include <QStorageInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

using Finding = DoctorService::Finding;
using Status = DoctorService::Status;
using Remedy = DoctorService::Remedy;

Finding finding(QString check, Status status, QString message, QString fix = {}, Remedy remedy = Remedy::None,
                QString subject = {})
{
    return {std::move(check), status, std::move(message), std::move(fix), remedy, std::move(subject)};
}

// "1 session", "3 sessions".
QString counted(qsizetype count, const QString& one, const QString& many)
{
    return u"%1 %2"_s.arg(count).arg(count == 1 ? one : many);
}

constexpr qint64 mebibyte = qint64(1) << 20;
constexpr qint64 gibibyte = qint64(1) << 30;

// The index problems `register repair` mends (an entry whose file is gone, or a file it cannot read, it cannot).
const QStringList repairable = {u"not_in_index"_s, u"is_empty_mismatch"_s, u"cancelled"_s};

QString shownPath(const Environment& environment, const QString& path)
{
    const QString home = environment.home();
    return !home.isEmpty() && path.startsWith(home + u'/') ? u"~"_s + path.mid(home.size()) : path;
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// The nearest folder at or above `path` that exists.
QString existingFolder(QString path)
{
    while (!QFileInfo(path).isDir() && !QDir(path).isRoot()) {
        path = QFileInfo(path).absolutePath();
    }
    return path;
}

#ifdef Q_OS_UNIX
bool listens(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}
#endif

std::optional<qint64> inotifyLimit()
{
    QFile file(u"/proc/sys/fs/inotify/max_user_watches"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 limit = file.readAll().trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(limit) : std::nullopt;
}

} // namespace

DoctorService::DoctorService(const SessionCatalog& catalog, Settings& settings, ModelLister models, HttpTransport http,
                             SecretStore store)
    : m_catalog(catalog)
    , m_settings(settings)
    , m_models(std::move(models))
    , m_http(std::move(http))
    , m_store(std::move(store))
{
    m_store.setTimeout(std::chrono::seconds(5));
}

bool DoctorService::Report::hasErrors() const
{
    return std::any_of(findings.cbegin(), findings.cend(), [](const Finding& f) { return f.status == Status::Error; });
}

QString DoctorService::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return u"ok"_s;
    case Status::Info:
        return u"info"_s;
    case Status::Warning:
        return u"warning"_s;
    case Status::Error:
        return u"error"_s;
    }
    return {};
}

DoctorService::Report DoctorService::run(const Request& request) const
{
    Report report;
    report.database = HarvestDatabaseService(m_catalog).databasePath(request.database);
    report.full = request.full;
    report.findings = check(request);
    if (request.fix) {
        report.actions = fix(request, report.findings);
        if (!report.actions.isEmpty()) {
            report.findings = check(request);
        }
    }
    report.checkedAt = QDateTime::currentDateTimeUtc();
    return report;
}

QList<Finding> DoctorService::check(const Request& request) const
{
    QList<Finding> findings;
    const QString database = HarvestDatabaseService(m_catalog).databasePath(request.database);
    const auto providers = m_catalog.providers();
    const QList<Workspace> workspaces = providers ? m_catalog.workspaces(*providers) : QList<Workspace>();
    checkEditors(workspaces, findings);
    checkProviders(workspaces, findings);
    checkFolders(database, findings);
    checkDatabase(database, request.full, findings);
    checkRetention(request.database, findings);
    checkWatches(findings);
    checkKeychain(findings);
    checkServerPort(findings);
    checkModels(request.full, findings);
    return findings;
}

void DoctorService::checkEditors(const QList<Workspace>& workspaces, QList<Finding>& findings) const
{
    const Environment& environment = m_catalog.environment();
    for (const EditorInfo& editor : allEditors()) {
        const QString check = u"editor."_s + editor.id;
        const QString userDirectory = editorUserDirectory(environment, editor.editor);
        QList<Workspace> own;
        for (const Workspace& w : workspaces) {
            if (w.editor == editor.id && !w.storagePath.isEmpty()) {
                own.append(w);
            }
        }
        const auto installed = editorInstallation(environment, editor.editor);
        const QString data = QFileInfo(userDirectory).isDir()
                                 ? u"%1 in %2"_s.arg(counted(own.size(), u"workspace"_s, u"workspaces"_s),
                                                     shownPath(environment, userDirectory))
                                 : u"no data"_s;
        if (installed) {
            findings.append(finding(
                check, Status::Ok,
                u"%1 %2 (%3); %4"_s.arg(editor.displayName,
                                        installed->version.isEmpty() ? u"(version unknown)"_s : installed->version,
                                        installed->folder.isEmpty() ? installed->launcher : installed->folder, data)));
        } else {
            findings.append(finding(check, Status::Info, u"%1: not installed; %2"_s.arg(editor.displayName, data)));
        }

        // Each workspace's state database, as the editor and Chasm read it; its session index beside the files.
        const OrphanService orphans(m_catalog);
        for (const Workspace& w : std::as_const(own)) {
            const QString where = u"%1 workspace %2 (%3)"_s.arg(
                editor.displayName, w.hash, w.projectPath.isEmpty() ? w.displayName() : w.projectPath);
            if (!QFileInfo::exists(w.stateDatabasePath)) {
                continue;
            }
            auto state = ReadOnlyDatabase::open(w.stateDatabasePath);
            const auto read = state ? (*state)->select(u"SELECT count(*) FROM ItemTable"_s)
                                    : Result<QList<QVariantList>>(state.error());
            if (!read) {
                findings.append(
                    finding(u"workspace_storage."_s + editor.id, Status::Error,
                            u"%1: state.vscdb cannot be read: %2"_s.arg(where, read.error().message),
                            u"close %1 and put state.vscdb.backup (beside it) in its place; chasm recover scan "
                            "--include-old reads the sessions the backup holds"_s.arg(editor.displayName)));
                continue;
            }
            QMap<QString, int> problems;
            // Held here: a range-for over a member of a temporary's element would go through freed memory.
            const auto inspected = orphans.inspectIndexes({w});
            for (const IndexEntry& entry : inspected.constFirst().entries) {
                for (const IndexProblem& problem : entry.problems) {
                    if (repairable.contains(problem.code)) {
                        ++problems[problem.code];
                    }
                }
            }
            if (!problems.isEmpty()) {
                QStringList counts;
                for (auto it = problems.cbegin(); it != problems.cend(); ++it) {
                    counts << u"%1 %2"_s.arg(it.value()).arg(it.key());
                }
                findings.append(
                    finding(u"session_index."_s + editor.id, Status::Warning,
                            u"%1: the session index does not match the files (%2)"_s.arg(where, counts.join(u", "_s)),
                            u"chasm register repair --path \"%1\" (with %2 closed)"_s.arg(
                                w.projectPath.isEmpty() ? w.storagePath : w.projectPath, editor.displayName),
                            Remedy::RepairSessionIndex, w.storagePath));
            }
        }
        if (!own.isEmpty()) {
            findings.append(finding(
                u"workspace_storage."_s + editor.id, Status::Ok,
                u"%1: %2 checked"_s.arg(editor.displayName, counted(own.size(), u"workspace"_s, u"workspaces"_s))));
        }
    }
}

void DoctorService::checkProviders(const QList<Workspace>& workspaces, QList<Finding>& findings) const
{
    const Environment& environment = m_catalog.environment();
    const auto providers = m_catalog.providers();
    if (!providers) {
        return;
    }
    for (const ProviderStatus& status : m_catalog.status(*providers, workspaces)) {
        QStringList stores, programs;
        for (const ProviderStatus::Location& location : status.locations) {
            if (location.exists) {
                stores << shownPath(environment, location.path);
            }
        }
        for (const ProviderStatus::Command& command : status.commands) {
            if (!command.path.isEmpty()) {
                programs << command.path;
            }
        }
        const QString check = u"provider."_s + status.id;
        const QString sessions =
            u"%1 in %2"_s.arg(counted(status.sessionCount, u"session"_s, u"sessions"_s), stores.join(u", "_s));
        if (status.hasData() && status.installed()) {
            findings.append(
                finding(check, Status::Ok, u"%1: %2; %3"_s.arg(status.name, sessions, programs.join(u", "_s))));
        } else if (status.hasData()) {
            findings.append(
                finding(check, Status::Ok,
                        u"%1: %2; its program is not on the PATH (its sessions are read all the same)"_s.arg(
                            status.name, sessions)));
        } else if (status.installed()) {
            QStringList expected;
            for (const ProviderStatus::Location& location : status.locations) {
                expected << shownPath(environment, location.path);
            }
            findings.append(
                finding(check, Status::Info,
                        u"%1: %2 is installed, no sessions yet (%3 does not exist)"_s.arg(
                            status.name, programs.join(u", "_s),
                            expected.isEmpty() ? u"it keeps history in project folders"_s : expected.join(u", "_s))));
        } else {
            findings.append(finding(check, Status::Info, u"%1: not installed, no sessions"_s.arg(status.name)));
        }
    }
}

void DoctorService::checkFolders(const QString& database, QList<Finding>& findings) const
{
    const Environment& environment = m_catalog.environment();
    const QList<std::pair<QString, QString>> folders = {
        {u"folder.data"_s, QFileInfo(database).absolutePath()},
        {u"folder.config"_s, environment.configHome() + u"/chasm"_s},
    };
    for (const auto& [check, folder] : folders) {
        const QFileInfo info(folder);
        const QString shown = shownPath(environment, folder);
        if (!info.exists()) {
            findings.append(finding(check, Status::Info, u"%1 does not exist yet"_s.arg(shown),
                                    u"chasm doctor --fix creates it (Chasm does on first use)"_s, Remedy::CreateFolder,
                                    folder));
        } else if (!info.isDir()) {
            findings.append(finding(check, Status::Error, u"%1 is a file, not a folder"_s.arg(shown),
                                    u"move the file away: Chasm keeps its files in this folder"_s));
        } else if (!info.isWritable()) {
            findings.append(
                finding(check, Status::Error, u"%1 cannot be written"_s.arg(shown), u"chmod u+w \"%1\""_s.arg(folder)));
        } else {
            findings.append(finding(check, Status::Ok, shown));
        }
    }
}

void DoctorService::checkDatabase(const QString& database, bool full, QList<Finding>& findings) const
{
    const Environment& environment = m_catalog.environment();
    const QString shown = shownPath(environment, database);

    // The space beside it: harvests grow it, and a rebuild or a migration needs room for a copy of its index.
    const QStorageInfo storage(existingFolder(QFileInfo(database).absolutePath()));
    const qint64 free = storage.bytesAvailable();
    const qint64 size = QFileInfo(database).size() + QFileInfo(database + u"-wal"_s).size();
    if (free >= 0) {
        const QString message = u"%1 free on %2"_s.arg(sizeText(free), storage.rootPath()) +
                                (size > 0 ? u" (the database takes %1)"_s.arg(sizeText(size)) : QString());
        if (free < 100 * mebibyte) {
            findings.append(
                finding(u"database.disk_space"_s, Status::Error, message,
                        u"free space on %1: harvests stop when the disk is full"_s.arg(storage.rootPath())));
        } else if (free < std::max(gibibyte, size)) {
            findings.append(
                finding(u"database.disk_space"_s, Status::Warning, message,
                        u"free space on %1, or move the database (--db, CHASM_DB)"_s.arg(storage.rootPath())));
        } else {
            findings.append(finding(u"database.disk_space"_s, Status::Ok, message));
        }
    }

    if (!QFileInfo::exists(database) && !QFileInfo(database).isSymLink()) {
        findings.append(finding(u"database.integrity"_s, Status::Info, u"no harvest database yet at %1"_s.arg(shown),
                                u"chasm harvest run makes it and keeps every session there"_s));
        return;
    }
    if (auto refused = Database::refusal(database)) {
        findings.append(finding(u"database.integrity"_s, Status::Error, refused->message,
                                u"name Chasm's database with --db or CHASM_DB, or move this file away and run chasm "
                                "harvest run"_s));
        return;
    }
    // A connection of the doctor's own (never migrated: the doctor only reads, and writes only the fixes it was asked
    // for).
    const SqliteConnection connection(database, Database::busyTimeoutMs);
    if (!connection.openError().isEmpty()) {
        findings.append(finding(u"database.integrity"_s, Status::Error,
                                u"%1 cannot be opened: %2"_s.arg(shown, connection.openError()),
                                u"check the file's permissions"_s));
        return;
    }
    const auto version = connection.firstColumn(u"PRAGMA user_version"_s);
    const int schema = version && !version->isEmpty() ? version->constFirst().toInt() : -1;
    if (schema > Database::schemaVersion) {
        findings.append(finding(
            u"database.schema"_s, Status::Error,
            u"schema %1, written by a newer Chasm (this one knows up to %2)"_s.arg(schema).arg(Database::schemaVersion),
            u"use the newer Chasm, or another database (--db)"_s));
    } else if (schema >= 0 && schema < Database::schemaVersion) {
        findings.append(finding(u"database.schema"_s, Status::Warning,
                                u"schema %1; this Chasm uses %2"_s.arg(schema).arg(Database::schemaVersion),
                                u"chasm harvest run brings it up to date (it keeps every session)"_s));
    } else if (schema == Database::schemaVersion) {
        findings.append(finding(u"database.schema"_s, Status::Ok, u"schema %1, as expected"_s.arg(schema)));
    }

    const QString pragma = full ? u"integrity_check"_s : u"quick_check"_s;
    const auto integrity = connection.firstColumn(u"PRAGMA "_s + pragma);
    if (!integrity || integrity->value(0) != u"ok"_s) {
        findings.append(finding(
            u"database.integrity"_s, Status::Error,
            u"%1 is damaged (%2: %3)"_s.arg(shown, pragma, integrity ? integrity->value(0) : integrity.error().message),
            u"restore a backup of it, or harvest into a new database: chasm harvest run --db NEW"_s));
        return;
    }
    findings.append(finding(u"database.integrity"_s, Status::Ok, u"%1 (%2: ok)"_s.arg(shown, pragma)));

    const auto fts = connection.firstColumn(u"SELECT name FROM sqlite_master WHERE name = 'messages_fts'"_s);
    if (!fts || fts->isEmpty()) {
        return;
    }
    // With rank 1, FTS5 also checks the index against the messages it indexes (its external content).
    const auto consistent =
        connection.firstColumn(u"INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)"_s);
    if (!consistent) {
        findings.append(finding(
            u"database.search_index"_s, Status::Error,
            u"the search index does not match the messages (%1): searches miss or invent hits"_s.arg(
                consistent.error().message),
            u"chasm doctor --fix (or chasm harvest rebuild) rebuilds it"_s, Remedy::RebuildSearchIndex, database));
    } else {
        findings.append(finding(u"database.search_index"_s, Status::Ok, u"the search index matches the messages"_s));
    }
}

void DoctorService::checkRetention(const QString& database, QList<Finding>& findings) const
{
    const auto report = RetentionService(m_catalog).report({database, {}, RetentionService::defaultDays});
    if (!report) {
        findings.append(
            finding(u"retention"_s, Status::Warning,
                    u"the sessions the tools delete soon cannot be checked: %1"_s.arg(report.error().message),
                    u"chasm retention says more"_s));
        return;
    }
    int atRisk = 0;
    for (const RetentionService::Tool& tool : report->tools) {
        atRisk += int(tool.atRisk.size());
        if (!tool.rule.error.isEmpty()) {
            findings.append(finding(u"retention"_s, Status::Warning,
                                    u"%1's settings cannot be used (%2): its default rule is assumed"_s.arg(
                                        tool.displayName, tool.rule.error),
                                    u"correct %1"_s.arg(shownPath(m_catalog.environment(), tool.rule.source))));
        }
    }
    const QList<RetentionService::AtRisk> unkept = report->unkept();
    if (!unkept.isEmpty()) {
        findings.append(finding(u"retention"_s, Status::Warning,
                                u"%1 their tools delete within %2 days are not in the harvest database (the first "
                                "on %3)"_s.arg(counted(unkept.size(), u"session"_s, u"sessions"_s))
                                    .arg(report->days)
                                    .arg(isoUtc(unkept.constFirst().purgeAt, TimePrecision::Seconds)),
                                u"chasm harvest run keeps them (chasm retention lists them)"_s));
    } else if (atRisk > 0) {
        findings.append(finding(u"retention"_s, Status::Ok,
                                u"%1 their tools delete within %2 days are all kept in the harvest database"_s
                                    .arg(counted(atRisk, u"session"_s, u"sessions"_s))
                                    .arg(report->days)));
    } else {
        findings.append(
            finding(u"retention"_s, Status::Ok, u"no tool deletes a session within %1 days"_s.arg(report->days)));
    }
}

void DoctorService::checkWatches(QList<Finding>& findings) const
{
    const auto providers = m_catalog.providers();
    if (!providers) {
        return;
    }
    const qsizetype needed = WatchService::foldersNeeded(WatchService::storesOf(*providers, m_catalog.environment()));
    const auto limit = inotifyLimit();
    if (!limit) {
        findings.append(finding(u"inotify"_s, Status::Ok, u"chasm watch needs %1 folder watches"_s.arg(needed)));
        return;
    }
    const QString message =
        u"chasm watch needs %1 folder watches of the %2 the system allows (fs.inotify.max_user_watches)"_s.arg(needed)
            .arg(*limit);
    if (needed > *limit / 2) {
        findings.append(finding(u"inotify"_s, Status::Warning, message,
                                u"sudo sysctl fs.inotify.max_user_watches=%1 (and in /etc/sysctl.d/ to keep it)"_s.arg(
                                    std::max<qint64>(524288, needed * 4))));
    } else if (needed > WatchService::defaultMaxWatches) {
        findings.append(finding(u"inotify"_s, Status::Warning,
                                message + u"; chasm watch stops at %1"_s.arg(WatchService::defaultMaxWatches),
                                u"chasm watch --max-watches %1"_s.arg(needed)));
    } else {
        findings.append(finding(u"inotify"_s, Status::Ok, message));
    }
}

void DoctorService::checkKeychain(QList<Finding>& findings) const
{
    const auto found = m_store.read(u"doctor/reachable"_s);
    if (found) {
        findings.append(finding(u"keychain"_s, Status::Ok,
                                u"the system keychain answers (API keys and the API token are kept there)"_s));
    } else {
        findings.append(finding(u"keychain"_s, Status::Warning, found.error().message,
                                u"start the desktop's keyring (GNOME Keyring, KWallet); meanwhile keys come from the "
                                "providers' variables (OPENAI_API_KEY…) and the API token from CHASM_API_TOKEN"_s));
    }
}

void DoctorService::checkServerPort(QList<Finding>& findings) const
{
    const quint16 port = m_settings.serverPort();
#ifdef Q_OS_UNIX
    if (listens(port) && !m_http) {
        findings.append(finding(
            u"api_server"_s, Status::Ok,
            u"a server listens on 127.0.0.1:%1, the API server's port (chasm api serve, or the app's)"_s.arg(port)));
    } else if (listens(port)) {
        // Whoever listens there must be Chasm's server: its health answer says so (GET /api/v1/health needs no
        // token).
        HttpRequest request;
        request.url = QUrl(u"http://127.0.0.1:%1/api/v1/health"_s.arg(port));
        request.maxBytes = 64 * 1024;
        request.timeout = std::chrono::seconds(3);
        const auto answer = m_http(request);
        std::optional<boost::json::value> health;
        if (answer && answer->status == 200) {
            auto parsed =
                json::parse(std::string_view(answer->body.constData(), size_t(answer->body.size())), u"health"_s);
            if (parsed && !json::string(*parsed, "version").isEmpty() && !json::string(*parsed, "status").isEmpty()) {
                health = *parsed;
            }
        }
        if (health) {
            findings.append(
                finding(u"api_server"_s, Status::Ok,
                        u"Chasm's API server %1 answers on 127.0.0.1:%2 (%3)"_s.arg(
                            json::string(*health, "version"), QString::number(port), json::string(*health, "status"))));
        } else {
            const QString why = !answer
                                    ? answer.error().message
                                    : u"GET /api/v1/health answered HTTP %1, not Chasm's health"_s.arg(answer->status);
            findings.append(finding(
                u"api_server"_s, Status::Warning,
                u"another program listens on 127.0.0.1:%1, the API server's port: %2"_s.arg(QString::number(port), why),
                u"give Chasm's server another port: chasm api serve --port N, or the app's Preferences"_s));
        }
    } else {
        findings.append(finding(u"api_server"_s, Status::Info, u"nothing listens on 127.0.0.1:%1"_s.arg(port),
                                u"chasm api serve starts the API server there"_s));
    }
#else
    findings.append(finding(u"api_server"_s, Status::Info, u"port %1 is not checked on this system"_s.arg(port)));
#endif
}

void DoctorService::checkModels(bool full, QList<Finding>& findings) const
{
    const ModelProviderService service(m_catalog.environment(), m_settings, m_store);
    QList<ModelProviderService::Provider> configured;
    for (const ModelProviderService::Provider& provider : service.providers()) {
        if (provider.configured && provider.enabled) {
            configured.append(provider);
        }
    }
    if (!full || !m_models) {
        if (!configured.isEmpty()) {
            findings.append(finding(u"model_endpoints"_s, Status::Info,
                                    u"%1 configured, not asked"_s.arg(
                                        counted(configured.size(), u"model provider"_s, u"model providers"_s)),
                                    u"chasm doctor --full asks each for its models"_s));
        }
        return;
    }
    for (const ModelProviderService::Provider& provider : std::as_const(configured)) {
        const QString check = u"model."_s + provider.info.name;
        auto endpoint = service.endpoint(provider);
        if (!endpoint) {
            findings.append(finding(check, Status::Warning, endpoint.error().message,
                                    u"chasm provider config %1"_s.arg(provider.info.name)));
            continue;
        }
        // One try, not the chat's retries: a doctor says how things are now.
        endpoint->retries = 0;
        endpoint->timeout = std::chrono::seconds(10);
        const auto models = m_models(*endpoint);
        if (models) {
            findings.append(finding(check, Status::Ok,
                                    u"%1: %2 answers with %3"_s.arg(provider.info.name, endpoint->baseUrl.toString(),
                                                                    counted(models->size(), u"model"_s, u"models"_s))));
        } else {
            findings.append(
                finding(check, Status::Warning, models.error().message,
                        u"start the server, or chasm provider config %1 --endpoint URL (--enabled false to stop "
                        "using it)"_s.arg(provider.info.name)));
        }
    }
}

QList<DoctorService::Action> DoctorService::fix(const Request& request, const QList<Finding>& findings) const
{
    QList<Action> actions;
    for (const Finding& finding : findings) {
        switch (finding.remedy) {
        case Remedy::None:
            break;
        case Remedy::CreateFolder: {
            const bool made = QDir().mkpath(finding.subject);
            actions.append({finding.check,
                            made,
                            made ? u"created %1"_s.arg(finding.subject) : u"cannot create %1"_s.arg(finding.subject),
                            {}});
            break;
        }
        case Remedy::RebuildSearchIndex: {
            // A copy of the whole database first, consistent whatever its write-ahead log holds.
            const QString backup =
                finding.subject + u".bak-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
            QString copyError;
            {
                const SqliteConnection connection(finding.subject, Database::busyTimeoutMs);
                const auto copied =
                    connection.firstColumn(u"VACUUM INTO '%1'"_s.arg(QString(backup).replace(u'\'', u"''"_s)));
                if (!copied) {
                    copyError = copied.error().message;
                }
            }
            if (!copyError.isEmpty()) {
                actions.append({finding.check,
                                false,
                                u"the search index was not rebuilt: no backup could be made (%1)"_s.arg(copyError),
                                {}});
                break;
            }
            const auto rebuilt = HarvestDatabaseService(m_catalog).rebuildIndex(request.database);
            actions.append({finding.check, bool(rebuilt),
                            rebuilt ? u"rebuilt the search index (%1 messages)"_s.arg(rebuilt->messagesIndexed)
                                    : u"the search index was not rebuilt: %1"_s.arg(rebuilt.error().message),
                            backup});
            break;
        }
        case Remedy::RepairSessionIndex: {
            const QList<Workspace> scope = [&] {
                QList<Workspace> found;
                for (const Workspace& w : CatalogService(m_catalog).editorFamily({})) {
                    if (w.storagePath == finding.subject) {
                        found.append(w);
                    }
                }
                return found;
            }();
            RegisterService::Request repair;
            repair.action = RegisterService::Request::Action::Repair;
            repair.scope = scope;
            const auto ran = RegisterService(repair).run();
            if (!ran) {
                actions.append({finding.check, false, ran.error().message, {}});
            } else if (!ran->written.failures.isEmpty()) {
                actions.append({finding.check, false, ran->written.failures.join(u"; "_s), {}});
            } else {
                const Registrar::Report done =
                    ran->written.reports.isEmpty() ? Registrar::Report() : ran->written.reports.constFirst();
                actions.append(
                    {finding.check, true,
                     u"repaired the session index of %1 (%2 entries added, %3 corrected)"_s.arg(done.workspace)
                         .arg(done.registered)
                         .arg(done.repaired),
                     done.recoveryPoint});
            }
            break;
        }
        }
    }
    return actions;
}

boost::json::object toJson(const DoctorService::Report& report)
{
    boost::json::array findings;
    for (const DoctorService::Finding& f : report.findings) {
        findings.push_back(boost::json::object{
            {"check", json::fromQString(f.check)},
            {"status", json::fromQString(DoctorService::statusName(f.status))},
            {"message", json::fromQString(f.message)},
            {"fix", f.fix.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(f.fix))},
            {"fixable", f.fixable()},
        });
    }
    boost::json::array actions;
    for (const DoctorService::Action& a : report.actions) {
        actions.push_back(boost::json::object{
            {"check", json::fromQString(a.check)},
            {"done", a.done},
            {"message", json::fromQString(a.message)},
            {"backup",
             a.backup.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(a.backup))},
        });
    }
    QMap<DoctorService::Status, int> counts;
    for (const DoctorService::Finding& f : report.findings) {
        ++counts[f.status];
    }
    return {
        {"database", json::fromQString(report.database)},
        {"full", report.full},
        {"checked_at", json::fromQString(isoUtc(report.checkedAt, TimePrecision::Seconds))},
        {"ok", !report.hasErrors()},
        {"counts", boost::json::object{{"ok", counts.value(DoctorService::Status::Ok)},
                                       {"info", counts.value(DoctorService::Status::Info)},
                                       {"warning", counts.value(DoctorService::Status::Warning)},
                                       {"error", counts.value(DoctorService::Status::Error)}}},
        {"findings", findings},
        {"fixes", actions},
    };
}

} // namespace chasm
