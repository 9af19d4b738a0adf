// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// The commands of the `chasm` command line, one member function each; CommandLine.cpp binds them to
// the parsed arguments. Split by subject: Commands.cpp (list, show, find, detect, provider),
// RecoveryCommands.cpp (register, recover, fetch, import, move), HarvestCommands.cpp (harvest),
// MergeCommands.cpp (merge), ExportCommands.cpp (export), GitCommands.cpp (git, harvest git).

#include "CliSupport.h"
#include "services/EditorGuardService.h"
#include "services/MergeService.h"
#include "providers/SessionCatalog.h"
#include "services/CatalogService.h"
#include "services/EditingService.h"
#include "services/GitVersioningService.h"
#include "services/OrphanService.h"
#include "store/HarvestStore.h"
#include "util/Settings.h"
#include "vscode/EditingSession.h"
#include "vscode/SessionIndex.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace chasm {
class Database;
}

namespace chasm::cli {

// The state every command works from: the catalog, and the providers the options select.
class Commands
{
public:
    Commands(const Environment& environment, Output& output)
        : m_catalog(environment)
        , m_o(output)
    {}

    // For the command groups that call a service themselves (commands/*.cpp).
    const SessionCatalog& catalog() const { return m_catalog; }
    const Output& output() const { return m_o; }
    // The settings file of the command's environment (chasm.conf; made when a setting is written).
    Settings settings() const { return Settings(Settings::defaultFile(m_catalog.environment())); }

    QList<const Provider*> providers(const std::string& name) const { return take(m_catalog.providers(q(name))); }

    // `folder`: a project the command names, where tools that keep history in projects (Aider) look too.
    QList<Workspace> workspaces(const std::string& provider, const QString& folder = {}) const;
    QList<SessionRef> sessions(const std::string& provider, const QList<Workspace>& workspaces) const;
    QString pathOrCwd(const std::string& path) const;
    QList<Workspace> workspacesForPath(const QList<Workspace>& all, const QString& path) const;

    // --- mcp (McpCommands.cpp) ---
    // Serves MCP on the process's stdin and stdout until the end of stdin.
    void mcpServe(const std::string& database, int maxTokens, bool harvest) const;
    // Prints how each MCP client (or only `client`) is set up to start this chasm's server for `database`.
    void mcpConfig(const std::string& client, const std::string& database) const;
    // Where `mcp serve --http` serves Streamable HTTP.
    struct McpHttp
    {
        std::string host;
        int port = 0;
        std::string tokenFile; // empty: $CHASM_API_TOKEN, if set
    };
    // Serves MCP over HTTP at http://HOST:PORT/mcp until the process is ended.
    void mcpServeHttp(const std::string& database, int maxTokens, bool harvest, const McpHttp& http) const;

    // --- api (ApiCommands.cpp) ---
    // Where and how `api serve` serves.
    struct ApiServe
    {
        std::string host = "127.0.0.1";
        int port = 8787;
        std::string tokenFile; // empty: $CHASM_API_TOKEN, else the keychain's token (made on first start)
        bool noAuth = false;
        std::vector<std::string> allowOrigins; // besides the settings' server/allowedOrigins
        int maxInFlight = 64;
    };
    // Serves the REST API at http://HOST:PORT/api/v1 and MCP at /mcp until the process is ended.
    void apiServe(const std::string& database, const ApiServe& serve) const;
    // Prints the token kept in the system keychain (made when there is none, or a new one with `regenerate`).
    void apiToken(bool regenerate) const;

    // --- list ---
    void listWorkspaces(const std::string& provider) const;
    void listSessions(const std::string& projectPath, const std::string& provider, bool withSize) const;
    void printSessions(const QList<SessionRef>& list, bool withSize) const;
    void listPath(const std::string& path) const;
    // --- merge (MergeCommands.cpp) ---
    struct MergeRequest
    {
        enum class Kind
        {
            Sessions,   // names: session ids or prefixes
            Workspaces, // names: workspace patterns
            Providers,  // names: providers; `sessions` or the project's (or --workspace's) sessions
            Project,    // every tool's sessions of the target project (or --workspace)
        };
        Kind kind = Kind::Project;
        std::vector<std::string> names;
        std::vector<std::string> sessions;
        std::string workspace;
        std::string title;
        std::string targetPath;
        Registrar::Options options;
    };
    QList<SessionRef> mergeSelection(const MergeRequest& request) const;
    void merge(const MergeRequest& request) const;
    // Every readable session of the workspace merged into a new one there (register all --merge).
    Result<Registrar::Report> mergeWorkspace(const Workspace& workspace, const Registrar::Options& options) const;

    // --- export (ExportCommands.cpp) ---
    struct ExportRequest
    {
        enum class Kind
        {
            Paths,     // names: project folders (none: the current directory)
            Workspace, // names: one workspace pattern
            Sessions,  // names: session ids or prefixes, among projectPath's sessions when given
        };
        Kind kind = Kind::Paths;
        std::string destination;
        std::vector<std::string> names;
        std::string projectPath;
        std::string format = "json";
        std::string provider;
    };
    void exportSessions(const ExportRequest& request) const;
    // What an export wrote: the sessions, and the files in `destination`.
    void printExported(int sessions, const QStringList& files, const QStringList& skipped,
                       const QString& destination) const;

    // --- editing sessions (chatEditingSessions: the files an agent or edit session changed) ---
    using EditingItem = EditingService::Item;
    QList<EditingItem> editingSessions(const std::string& projectPath, const std::string& provider) const;
    boost::json::object editingJson(const EditingItem& item) const;
    void listEdits(const std::string& projectPath, const std::string& provider, bool withSize) const;
    void showAgent(const std::string& id, const std::string& projectPath) const;

    QList<Workspace> indexScope(const std::string& path, bool all) const;

    using WorkspaceIndex = OrphanService::WorkspaceIndex;

    QList<WorkspaceIndex> inspectIndexes(const QList<Workspace>& scope) const;
    void listOrphaned(const std::string& path, bool all) const;

    // --- register / repair / recover ---
    struct WriteRequest
    {
        std::string path;
        bool all = false;
        Registrar::Options options;
        bool closeEditor = false;
        bool reopen = false;
        // register recursive: every workspace of a project under `path`, at most `depth` folders down
        // (-1: any), whose project path matches none of `exclude` (wildcards).
        bool recursive = false;
        int depth = -1;
        std::vector<std::string> exclude;
    };

    QList<Workspace> writeScope(const WriteRequest& request) const;

    // Runs a write operation on every VS Code-family workspace of the path (or all), closing the
    // editors first and starting them again after when asked; prints what changed and how to undo it.
    void writeEach(const WriteRequest& request,
                   const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const;
    // writeEach on the workspaces given.
    void writeEachOf(const WriteRequest& request, const QList<Workspace>& scope,
                     const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const;
    void printReport(const Registrar::Report& report) const;

    // One file's recovery: its report as JSON (the shape of a register workspace) or in words.
    void printFileReport(const Result<Registrar::Report>& result, bool dryRun) const;
    void movePath(const std::string& from, const std::string& to, const Registrar::Options& options) const;

    // Sessions out of an old state.vscdb (VS Code's own files: json, jsonl; or transcripts: md), or out
    // of a harvest database (as harvest export writes them).
    void recoverDatabase(const std::string& backup, const std::string& session, const std::string& output,
                         const std::string& format) const;

    // What `recover recording` asks of which server.
    struct RecoverRecording
    {
        std::string server = "http://localhost:8787";
        std::string session;   // empty: every recorded session
        std::string output;    // a folder; empty: into the harvest database
        std::string tokenFile; // empty: $CHASM_API_TOKEN, else the keychain's token, else none
        int timeout = 30;      // seconds, per request
    };
    // Recorded sessions pulled from a Chasm API server into the database (`database`) or a folder.
    void recoverRecording(const std::string& database, const RecoverRecording& request) const;

    // The workspace sessions are brought into: the active one of the project for the editor (--editor,
    // else the first that keeps the project; VS Code first).
    Workspace targetWorkspace(const std::string& targetPath, const std::string& editor) const;

    // Copies session files into the target workspace and registers them (fetch, import).
    void bringInto(const Workspace& target, const QStringList& files, const Registrar::Options& options,
                   const QList<Workspace>& sources = {}) const;
    // What bringing `offered` sessions in did (`verb`: brought in, moved).
    void printBrought(const Registrar::Report& report, qsizetype offered, const QString& verb, bool dryRun) const;
    // fetch session (copies) and move sessions (`move`: taken out of where they were).
    void fetchSessions(const std::vector<std::string>& ids, const std::string& targetPath, const std::string& editor,
                       const Registrar::Options& options, bool move = false) const;
    void fetchWorkspace(const std::string& pattern, const std::string& targetPath, const std::string& editor,
                        const Registrar::Options& options) const;
    // Session files, or the sessions old state databases hold (interactive.sessions), into the
    // project's workspace or the workspace `hash`.
    void importSessions(const std::vector<std::string>& paths, const std::string& targetPath, const std::string& editor,
                        const std::string& hash, const Registrar::Options& options) const;
    // import path (into the project's workspace) and import workspace (into the workspace `hash`): the
    // session files of a folder, or of its chatSessions folder.
    void importFolder(const std::string& source, const std::string& targetPath, const std::string& editor,
                      const std::string& hash, const Registrar::Options& options) const;
    void moveWorkspace(const std::string& sourceHash, const std::string& target,
                       const Registrar::Options& options) const;
    void recoverDetect(const std::string& file, bool verbose) const;
    // With --json: prints the report's JSON with `dry_run`, and says so.
    bool printedAsJson(const Registrar::Report& report, bool dryRun) const;
    // `mergeFirst` (register all --merge): each workspace's sessions are first merged into a new one.
    void registerSessions(const WriteRequest& request, const std::vector<std::string>& ids,
                          const std::vector<std::string>& titles, bool mergeFirst = false) const;
    void repair(const WriteRequest& request) const;

    // Every recovery point and session backup Chasm made in the editors' workspaces.
    // Everything recoverable in the editors' stores, with the command that recovers each.
    void recoverScan(const std::string& provider, bool includeOld, bool verbose) const;
    QList<Workspace> recoveryScope(const std::string& provider) const;
    // Sessions the editors cannot show because of where they are: in a workspace whose folder is gone,
    // in an older workspace of a project, or (`unindexed`) missing from the index; `verify` reads each.
    void recoverOrphans(const std::string& provider, bool unindexed, bool verify) const;
    void recoverExtract(const std::string& path, const std::string& output, bool allFormats, bool includeEdits,
                        bool dryRun) const;
    void recoverUpgrade(const WriteRequest& request, const std::vector<std::string>& paths, const std::string& provider,
                        const std::string& format) const;
    void recoverSplit(const WriteRequest& request, const std::string& session, int keep) const;
    void recoverStatus(const std::string& provider, bool system) const;

    // Every workspace an editor keeps for the project, which is active, and the sessions the others hold
    // that it lacks; with `recover`, copies those into the active one and registers them.
    void detectOrphaned(const WriteRequest& request, bool recover) const;
    void recoverUndo(const std::string& manifest, bool force) const;

    // --- show ---
    // A session no tool's store holds any more (or recorded over the API) is shown from the harvest database
    // (`database`), saying so on stderr.
    void showSession(const std::string& id, const std::string& projectPath, const std::string& database) const;
    void showWorkspace(const std::string& nameOrHash) const;
    void showIndex(const std::string& path, bool all) const;
    void showPath(const std::string& path) const;

    // A project's sessions over time, every tool together, with the gaps (in calendar days, UTC) between them: where
    // history may be missing (a purge, a folder move, another machine).
    void showTimeline(const std::string& path, int gapDays, const std::string& provider) const;

    // --- find ---
    void findWorkspace(const std::string& pattern) const;

    struct SessionFilter
    {
        std::string pattern;
        std::string workspace;
        std::string provider;
        std::string after;
        std::string before;
        std::string date;       // a message on this day
        bool inProject = false; // find path: only the sessions of projectPath (empty: the working directory)
        std::string projectPath;
        bool titleOnly = false;
        bool content = false;
        int limit = 50;
    };

    void findSession(const SessionFilter& f) const;

    // --- providers and agents ---
    void printProviderTable(const QList<ProviderStatus>& statuses, bool withLocations) const;
    // Where each provider looked, found or missing.
    void printLocations(const QList<ProviderStatus>& statuses) const;

    // `provider list`, `detect providers`, `list agents`: the same facts, filtered.
    void listProviders(bool withSessions, bool agentsOnly) const;

    // --- harvest ---
    QString databasePath(const std::string& path) const;

    // The harvest database, migrated if need be (saying so on stderr when that takes a while).
    // A --format of harvest export or recover database; a usage error when it names no format.
    static SessionExport::Format exportFormat(const std::string& format);
    // `git`: its git repository too (harvest git init); `commit`: the run committed to it (harvest git commit).
    void harvestInit(const std::string& path, bool git) const;
    void harvestRun(const std::string& path, const std::string& only, const std::string& exclude, bool keepOriginals,
                    bool commit, const std::string& message) const;
    void harvestStatus(const std::string& path) const;
    struct SyncRequest
    {
        bool push = false;
        bool pull = false;
        std::string provider;
        std::string workspace;
        std::vector<std::string> sessions;
        std::string format = "auto";
        bool force = false;
        bool dryRun = false;
    };
    void sync(const std::string& path, const SyncRequest& request) const;
    void harvestSearch(const std::string& path, const std::string& query, const std::string& provider,
                       const std::string& workspace, const std::string& role, const std::string& after,
                       const std::string& before, int limit, bool exhaustive) const;
    void harvestList(const std::string& path, const std::string& provider, const std::string& search, int limit) const;
    QList<const Provider*> chosenProviders(const std::string& only, const std::string& exclude) const;
    // `webTimeout` > 0: also probes the web chat services (--web), each for that many seconds.
    void harvestScan(const std::string& path, bool withSessions, bool verbose, int webTimeout) const;
    void harvestImport(const std::string& path, const std::vector<std::string>& files) const;
    struct HarvestShare
    {
        std::string url;
        std::string name;
        std::string workspace;
        std::string service;
        int timeout = 30; // seconds
    };
    // A conversation shared by link into the database; exit 1 when the link failed (its row says why).
    void harvestShare(const std::string& path, const HarvestShare& share) const;
    void harvestShares(const std::string& path, const std::string& status, int limit) const;
    void harvestExport(const std::string& path, const std::string& output, const std::string& format,
                       const std::string& provider, const std::vector<std::string>& ids) const;
    static boost::json::object checkpointJson(const HarvestStore::Checkpoint& c);
    void harvestCheckpoint(const std::string& path, const std::string& id, const std::string& message) const;
    void harvestCheckpoints(const std::string& path, const std::string& id) const;
    void harvestRevert(const std::string& path, const std::string& id, int number) const;
    void harvestRebuild(const std::string& path) const;
    // What the tools delete within `days`, and whether the harvest database keeps it.
    void retention(const std::string& path, const std::string& provider, int days) const;

    // --- git (GitCommands.cpp): a project's sessions versioned in its Git repository, and the harvest database's ---
    void gitConfig(const GitVersioningService::ConfigRequest& request) const;
    void gitInit(const std::string& path) const;
    // add, snapshot and track.
    void gitRecord(const GitVersioningService::RecordRequest& request) const;
    void gitStatus(const std::string& path) const;
    void gitLog(const GitVersioningService::LogRequest& request) const;
    void gitDiff(const GitVersioningService::DiffRequest& request) const;
    // Each session that changed, in messages: what a diff prints.
    void printSessionChanges(const QList<GitVersioningService::SessionChange>& sessions) const;
    void gitRestore(const GitVersioningService::RestoreRequest& request) const;
    void harvestGitInit(const std::string& path) const;
    void harvestGitCommit(const std::string& path, const std::string& message) const;
    void harvestGitLog(const std::string& path, int limit) const;
    void harvestGitDiff(const std::string& path, const std::string& commit) const;
    void harvestGitRestore(const std::string& path, const std::string& commit) const;

    // --- detect ---
    QString activeWorkspace(const QList<Workspace>& matches) const;
    void detectWorkspace(const std::string& path) const;
    void detectAll(const std::string& path, bool verbose) const;
    void detectSession(const std::string& id, const std::string& projectPath) const;

private:
    SessionCatalog m_catalog;
    Output& m_o;
};

} // namespace chasm::cli
