// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Commands.h"

#include "http/HttpClientPlugin.h"

#include "services/SyncService.h"

#include "export/SessionExport.h"
#include "services/HarvestDatabaseService.h"
#include "services/RetentionService.h"
#include "services/HarvestGitService.h"
#include "services/SearchService.h"
#include "services/ShareImportService.h"
#include "services/WebScanService.h"
#include "services/SyncService.h"
#include "store/HarvestStore.h"

#include <CLI/CLI.hpp>

using namespace Qt::StringLiterals;

namespace chasm::cli {

// --- harvest ---
QString Commands::databasePath(const std::string& path) const
{
    return HarvestDatabaseService(m_catalog).databasePath(q(path));
}

// The harvest database, migrated if need be (saying so on stderr when that takes a while).
void Commands::harvestInit(const std::string& path, bool git) const
{
    const HarvestDatabaseService::InitReport report =
        take(HarvestDatabaseService(m_catalog).init(q(path), noticeOn(m_o)));
    std::optional<HarvestGitService::InitReport> versioned;
    if (git) {
        versioned = take(HarvestGitService(m_catalog, gitLibrary()).init(q(path), noticeOn(m_o)));
    }
    if (m_o.json) {
        boost::json::object shape = toJson(report);
        if (versioned) {
            shape["git"] = toJson(*versioned);
        }
        m_o.print(shape);
        return;
    }
    m_o.line(u"Harvest database ready: "_s + report.database);
    if (versioned) {
        m_o.line(u"Its git repository: "_s + versioned->repository);
    }
}

void Commands::harvestRun(const std::string& path, const std::string& only, const std::string& exclude,
                          bool keepOriginals, bool commit, const std::string& message) const
{
    if (commit && HarvestDatabaseService(m_catalog).isTeam(q(path))) {
        throw CLI::ValidationError("--commit", "a team database has no git repository: --commit versions a harvest "
                                               "database on this machine (--db PATH)");
    }
    HarvestDatabaseService::RunRequest request{q(path), q(only), q(exclude), noticeOn(m_o), {}, {}};
    request.options.keepOriginals = keepOriginals;
    ProgressBar bar(m_o.err);
    if (m_o.progress) {
        request.options.progress = [&bar](const Harvester::Progress& p) { bar.show(p); };
    }
    request.options.waiting = [this](const QString& message) { m_o.err << message.toStdString() << std::endl; };
    ProgressBar pushBar(m_o.err);
    if (m_o.progress) {
        request.pushProgress = [&bar, &pushBar](qint64 done, qint64 total) {
            bar.clear();
            pushBar.show({int(done), int(total), 0, 0});
        };
    }
    const HarvestDatabaseService::RunReport report = take(HarvestDatabaseService(m_catalog).run(request));
    const Harvester::Summary& s = report.summary;
    bar.clear();
    pushBar.clear();
    // Finished, but some sessions could not be read: 3, so that scripts and schedulers notice (1 is an error that
    // stopped the run, 2 a usage error). A session whose source shrank is kept as stored, which is no failure.
    if (s.failed > 0) {
        m_o.status = 3;
    }
    std::optional<HarvestGitService::CommitReport> committed;
    if (commit) {
        committed = take(HarvestGitService(m_catalog, gitLibrary()).commit(q(path), q(message), noticeOn(m_o)));
    }
    if (m_o.json) {
        boost::json::object shape = toJson(report);
        if (committed) {
            shape["git"] = toJson(*committed);
        }
        m_o.print(shape);
        return;
    }
    for (const Harvester::Failure& f : s.errors) {
        m_o.err << "failed: " << f.error.toStdString() << '\n';
    }
    for (const Harvester::Failure& f : s.originalsMissed) {
        m_o.err << "original not kept: " << f.error.toStdString() << '\n';
    }
    for (const Harvester::ShrunkSource& k : s.shrunk) {
        m_o.err << k.shrink.reason.toStdString() << ": " << k.sessionId.toStdString() << " (" << k.path.toStdString()
                << "), also in checkpoint " << k.shrink.checkpoint << '\n';
    }
    const QString shrunk =
        s.shrunk.isEmpty() ? QString() : u", %1 kept as stored (source shrank)"_s.arg(s.shrunk.size());
    m_o.line(u"%1 new, %2 updated, %3 unchanged, %4 failed%5 in %6 s; %7 sessions in %8"_s.arg(
        QString::number(s.created), QString::number(s.updated), QString::number(s.unchanged), QString::number(s.failed),
        shrunk, QString::number(s.seconds, 'f', 2), QString::number(s.sessionsTotal), report.database));
    if (report.pushed) {
        m_o.line(u"pushed into %1 as %2: %3"_s.arg(report.team, report.pushed->origin, pushedCounts(*report.pushed)));
    }
    if (committed) {
        m_o.line(committed->commit.isEmpty() ? u"Nothing to commit"_s
                                             : u"Committed: %1 (%2 session files written)"_s.arg(
                                                   committed->commit.left(7), QString::number(committed->written)));
    }
}

void Commands::sync(const std::string& path, const SyncRequest& r) const
{
    if (!r.push && !r.pull) {
        throw CLI::ValidationError("sync", "say --pull (harvest into the database), --push (write back), or both");
    }
    if (r.pull && !r.workspace.empty()) {
        throw CLI::ValidationError("--workspace", "a pull harvests whole stores: --workspace applies to --push only");
    }
    if (r.pull) {
        // A pull is a harvest of the providers asked for; its summary goes to stderr when a push follows.
        if (r.push && !m_o.json) {
            harvestRun(path, r.provider, {}, true, false, {});
        } else if (!r.push) {
            harvestRun(path, r.provider, {}, true, false, {});
            return;
        } else {
            HarvestDatabaseService::RunRequest request{q(path), q(r.provider), {}, noticeOn(m_o), {}, {}};
            take(HarvestDatabaseService(m_catalog).run(request));
        }
    }
    SyncService::PushRequest request;
    request.database = q(path);
    request.provider = q(r.provider);
    request.workspace = q(r.workspace);
    for (const std::string& id : r.sessions) {
        request.sessions << q(id);
    }
    request.format = q(r.format);
    request.force = r.force;
    request.dryRun = r.dryRun;
    const SyncService::PushReport report = take(SyncService(m_catalog).push(request));
    // Conflicts and sessions that could not be written back are not errors of the run, but scripts must notice: 3,
    // as a harvest that could not read every session.
    if (report.count(u"conflict"_s) > 0 || (!request.sessions.isEmpty() && report.count(u"skipped"_s) > 0)) {
        m_o.status = 3;
    }
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    const QString would = report.dryRun ? u"would be "_s : QString();
    for (const SyncService::Pushed& p : report.files) {
        if (p.action == u"present"_s) {
            continue;
        }
        QString line =
            u"%1 %2%3"_s.arg(p.action.leftJustified(9), p.sessionId, p.path.isEmpty() ? QString() : u" → "_s + p.path);
        if (p.registered) {
            line += u" (registered)"_s;
        }
        if (!p.reason.isEmpty()) {
            line += u": "_s + p.reason;
        }
        m_o.line(line);
    }
    for (const QString& warning : report.warnings) {
        m_o.warn(warning);
    }
    m_o.line(u"%1 %2restored, %3 replaced, %4 already there, %5 conflicts, %6 skipped"_s.arg(
        QString::number(report.count(u"restored"_s)), would, QString::number(report.count(u"replaced"_s)),
        QString::number(report.count(u"present"_s)), QString::number(report.count(u"conflict"_s)),
        QString::number(report.count(u"skipped"_s))));
    if (!report.undoCommand.isEmpty()) {
        m_o.line(u"Undo with: "_s + report.undoCommand);
    }
}

void Commands::harvestStatus(const std::string& path) const
{
    const HarvestDatabaseService service(m_catalog);
    const HarvestDatabaseService::StatusReport report = take(service.status(q(path), noticeOn(m_o)));
    const HarvestStore::Totals& t = report.totals;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"database:  "_s + report.database + u" ("_s + humanSize(report.sizeBytes) + u')');
    m_o.line(u"sessions:  %1 (%2 messages)"_s.arg(QString::number(t.sessions), QString::number(t.messages)));
    for (const auto& [provider, count] : t.byProvider) {
        m_o.line(u"  %1 %2"_s.arg(provider.leftJustified(12), QString::number(count)));
    }
    if (service.isTeam(q(path))) {
        // What a team database holds comes from pushes: no harvest runs there, nor keeps files.
        m_o.line(u"last push: "_s + (t.lastRun.isEmpty() ? u"never"_s : t.lastRun));
        return;
    }
    m_o.line(u"last run:  "_s + (t.lastRun.isEmpty() ? u"never"_s : t.lastRun));
    m_o.line(u"failures:  "_s + QString::number(t.failures));
    const Originals::Totals& o = report.originals;
    m_o.line(o.files == 0
                 ? u"originals: none kept"_s
                 : u"originals: %1 files of %2 sessions, %3 kept in %4"_s.arg(
                       QString::number(o.files), QString::number(o.sessions), humanSize(o.bytes), humanSize(o.stored)));
}

void Commands::harvestSearch(const std::string& path, const std::string& query, const std::string& provider,
                             const std::string& workspace, const std::string& role, const std::string& after,
                             const std::string& before, int limit, bool exhaustive) const
{
    SearchService::HarvestRequest request;
    request.database = q(path);
    request.query = q(query);
    request.provider = q(provider);
    request.filter.workspace = q(workspace);
    request.filter.role = q(role);
    request.filter.after = after.empty() ? QDateTime() : parseDate(after, "--after", false);
    request.filter.before = before.empty() ? QDateTime() : parseDate(before, "--before", true);
    request.filter.limit = limit;
    request.filter.exhaustive = exhaustive;
    request.notice = noticeOn(m_o);
    const SearchService::HarvestReport report = take(SearchService(m_catalog).searchHarvest(request));
    const HarvestStore::SearchResults& results = report.results;
    const QList<HarvestStore::SearchHit>& hits = results.hits;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (hits.isEmpty()) {
        m_o.line(u"No matches."_s);
        return;
    }
    // The colours are ours; what comes from the messages is shown without its control characters.
    const auto styled = [this](const QString& text, const char* style) {
        const QString shown = withoutControlCharacters(text);
        return m_o.colour ? u"\x1b[%1m"_s.arg(QLatin1StringView(style)) + shown + u"\x1b[0m"_s : shown;
    };
    std::pair<QString, QString> session; // origin (in a team database) and id
    for (const HarvestStore::SearchHit& h : hits) {
        if (std::pair(h.origin, h.sessionId) != session) {
            session = {h.origin, h.sessionId};
            const QString where = h.projectPath.isEmpty() ? QString() : u" · "_s + h.projectPath;
            const QString origin = h.origin.isEmpty() ? QString() : u" · "_s + h.origin;
            m_o.styledLine(styled(h.title, "1") + u"  "_s +
                           styled(h.provider + where + u" · "_s + h.sessionId + origin, "2"));
        }
        QString snippet = h.snippet.simplified();
        for (QChar& c : snippet) {
            if (isControlCharacter(c) && c != HarvestStore::matchStart && c != HarvestStore::matchEnd) {
                c = QChar::ReplacementCharacter;
            }
        }
        snippet = m_o.colour ? snippet.replace(HarvestStore::matchStart, u"\x1b[1;33m"_s)
                                   .replace(HarvestStore::matchEnd, u"\x1b[0m"_s)
                             : HarvestStore::bracketed(snippet);
        const QDateTime time = QDateTime::fromString(h.timestamp, Qt::ISODateWithMs);
        m_o.styledLine(u"  #%1 %2 %3  %4"_s.arg(QString::number(h.messageIndex),
                                                withoutControlCharacters(h.role).leftJustified(9), shortTime(time),
                                                snippet));
    }
    if (results.windowed()) {
        using Unranked = HarvestStore::Unranked;
        const QString why =
            results.unranked == Unranked::CommonWords
                ? u"Every word of this query is in at least one message in ten: these are the newest matches. "
                  "Add a rarer word"_s
            : results.unranked == Unranked::ManyPrefixMatches
                ? u"Many words begin with this prefix: these are the newest matches. Make the prefix longer"_s
                : u"More than %1 messages match: these are the newest. Add words to narrow the search"_s.arg(
                      HarvestStore::rankWindow);
        m_o.line(styled(why + u", or use --exhaustive to rank every match by relevance (slower)."_s, "2"));
    }
}

void Commands::harvestList(const std::string& path, const std::string& provider, const std::string& search,
                           int limit) const
{
    printSessions(take(HarvestDatabaseService(m_catalog).list({q(path), q(provider), q(search), limit, noticeOn(m_o)})),
                  false);
}

QList<const Provider*> Commands::chosenProviders(const std::string& only, const std::string& exclude) const
{
    return take(HarvestDatabaseService(m_catalog).chosenProviders(q(only), q(exclude)));
}

void Commands::harvestScan(const std::string& path, bool withSessions, bool verbose, int webTimeout) const
{
    const HarvestDatabaseService::ScanReport report =
        take(HarvestDatabaseService(m_catalog).scan(q(path), withSessions, noticeOn(m_o)));
    // -v: where each provider looked, as `provider list` says it.
    const CatalogService::ProvidersReport places =
        verbose ? take(CatalogService(m_catalog).providerStatuses({false, false})) : CatalogService::ProvidersReport();
    std::optional<WebScanService::Report> web;
    if (webTimeout > 0) {
        // The probes go through the chasm-http module: no other command loads QtNetwork.
        web = WebScanService::run(take(WebScanService::services(m_catalog.environment())),
                                  std::chrono::seconds(webTimeout), httpClients().head);
    }
    if (m_o.json) {
        boost::json::object o = toJson(report);
        if (verbose) {
            o["providers"] = toJson(places);
        }
        if (web) {
            o["web"] = toJson(*web);
        }
        m_o.print(o);
        return;
    }
    const QStringList& states = HarvestDatabaseService::scanStates();
    TextTable table(
        {u"PROVIDER"_s, u"SESSIONS"_s, u"NEW"_s, u"CHANGED"_s, u"UNCHANGED"_s, u"UNREADABLE"_s, u"FAILED"_s});
    for (int column = 1; column <= 6; ++column) {
        table.setRightAligned(column);
    }
    for (const auto& [provider, byState] : report.counts) {
        QStringList row{provider};
        int total = 0;
        for (const QString& state : states) {
            total += byState.value(state);
        }
        row << QString::number(total);
        for (const QString& state : states) {
            row << QString::number(byState.value(state));
        }
        table.addRow(row);
    }
    m_o.table(table);
    if (withSessions) {
        m_o.line();
        TextTable sessions({u"STATE"_s, u"ID"_s, u"TITLE"_s});
        for (const Harvester::Planned& p : report.planned) {
            sessions.addRow({HarvestDatabaseService::stateName(p), p.ref.id, p.ref.title});
        }
        m_o.table(sessions);
    }
    if (verbose) {
        m_o.line();
        m_o.line(u"Where each provider looked:"_s);
        printLocations(places.statuses);
    }
    if (web) {
        m_o.line();
        TextTable services({u"SERVICE"_s, u"URL"_s, u"REACHABLE"_s, u"HTTP"_s, u"LATENCY"_s, u"REASON"_s});
        services.setRightAligned(3);
        services.setRightAligned(4);
        for (const WebScanService::Probe& p : web->probes) {
            const bool reachable = p.result.failure == HttpProbeResult::Failure::None;
            services.addRow(
                {p.service.name, p.service.url.toString(), reachable ? u"yes"_s : u"no"_s,
                 reachable ? QString::number(p.result.status) : u"-"_s, u"%1 ms"_s.arg(p.latencyMs),
                 reachable ? QString() : WebScanService::failureName(p.result.failure) + u": "_s + p.result.message});
        }
        m_o.table(services);
    }
    m_o.line(u"`chasm harvest run` reads the new and changed sessions into "_s + report.database);
}

SessionExport::Format Commands::exportFormat(const std::string& format)
{
    const auto chosen = SessionExport::formatNamed(q(format));
    if (!chosen) {
        throw CLI::ValidationError("--format",
                                   "expects " + SessionExport::formatNames().toStdString() + ", got '" + format + "'");
    }
    return *chosen;
}

void Commands::harvestExport(const std::string& path, const std::string& output, const std::string& format,
                             const std::string& provider, const std::vector<std::string>& ids) const
{
    HarvestDatabaseService::ExportRequest request{q(path),     q(output), exportFormat(format),
                                                  q(provider), {},        noticeOn(m_o)};
    for (const std::string& id : ids) {
        request.sessions += q(id).split(u',', Qt::SkipEmptyParts);
    }
    const ExportService::Report report = take(HarvestDatabaseService(m_catalog).exportSessions(request));
    printExported(report.sessions, report.files, report.skipped, q(output));
}

void Commands::harvestImport(const std::string& path, const std::vector<std::string>& files) const
{
    QStringList named;
    for (const std::string& file : files) {
        named << q(file);
    }
    const HarvestDatabaseService::ImportReport report =
        take(HarvestDatabaseService(m_catalog).importExports(q(path), named, noticeOn(m_o)));
    const Harvester::Imported& imported = report.imported;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    for (const QString& change : imported.renamed) {
        m_o.line(u"another session under a taken id, stored as: "_s + change);
    }
    m_o.line(u"%1 session(s) imported, %2 there already, into %3"_s.arg(imported.created)
                 .arg(imported.unchanged)
                 .arg(report.database));
}

void Commands::harvestShare(const std::string& path, const HarvestShare& share) const
{
    const ShareImportService::Request request{databasePath(path), q(share.url),
                                              q(share.name),      q(share.workspace),
                                              q(share.service),   std::chrono::seconds(share.timeout)};
    const ShareImportService::Report report = take(ShareImportService::import(request, httpClients().getPage));
    const ShareLinks::Link& link = report.link;
    if (!report.imported()) {
        m_o.status = 1;
    }
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (!report.imported()) {
        m_o.err << "chasm: " << withoutControlCharacters(link.url).toStdString() << ": " << link.status.toStdString()
                << ": " << withoutControlCharacters(link.reason).toStdString() << '\n';
        return;
    }
    m_o.line(u"%1 %2 \"%3\" (%4 messages) from %5 into %6"_s.arg(
        report.replaced ? u"Replaced"_s : u"Imported"_s, link.sessionId, withoutControlCharacters(link.title),
        QString::number(link.messages.value_or(0)), link.url, report.database));
}

void Commands::harvestShares(const std::string& path, const std::string& status, int limit) const
{
    const ShareImportService::ListReport report = take(ShareImportService::list(databasePath(path), q(status), limit));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (report.links.isEmpty()) {
        m_o.line(status.empty() ? u"No share links tried yet (chasm harvest share URL imports one)."_s
                                : u"No share links %1."_s.arg(q(status)));
        return;
    }
    TextTable table(
        {u"TRIED"_s, u"STATUS"_s, u"SERVICE"_s, u"MESSAGES"_s, u"SESSION"_s, u"URL"_s, u"TITLE OR REASON"_s});
    table.setWhole(0);
    table.setRightAligned(3);
    table.setWhole(4);
    for (const ShareLinks::Link& link : report.links) {
        table.addRow({shortTime(link.tried), link.status, link.service,
                      link.messages ? QString::number(*link.messages) : QString(), link.sessionId, link.url,
                      withoutControlCharacters(link.reason.isEmpty() ? link.title : link.reason)});
    }
    m_o.table(table);
}

boost::json::object Commands::checkpointJson(const HarvestStore::Checkpoint& c)
{
    return toJson(c);
}

void Commands::harvestCheckpoint(const std::string& path, const std::string& id, const std::string& message) const
{
    const HarvestStore::Checkpoint c =
        take(HarvestDatabaseService(m_catalog).checkpoint(q(path), q(id), q(message), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(c));
        return;
    }
    m_o.line(u"Checkpoint %1 of %2 saved (%3 messages)."_s.arg(QString::number(c.number), q(id),
                                                               QString::number(c.messageCount)));
}

void Commands::harvestCheckpoints(const std::string& path, const std::string& id) const
{
    const QList<HarvestStore::Checkpoint> list =
        take(HarvestDatabaseService(m_catalog).checkpoints(q(path), q(id), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(list));
        return;
    }
    if (list.isEmpty()) {
        m_o.line(u"No checkpoints yet (chasm harvest checkpoint %1 -m MESSAGE makes one)."_s.arg(q(id)));
        return;
    }
    TextTable table({u"N"_s, u"CREATED"_s, u"MESSAGES"_s, u"MESSAGE"_s});
    table.setRightAligned(0);
    table.setRightAligned(2);
    for (const HarvestStore::Checkpoint& c : list) {
        table.addRow({QString::number(c.number), shortTime(c.createdAt), QString::number(c.messageCount), c.message});
    }
    m_o.table(table);
}

void Commands::harvestRevert(const std::string& path, const std::string& id, int number) const
{
    const HarvestDatabaseService::RevertReport report =
        take(HarvestDatabaseService(m_catalog).revert(q(path), q(id), number, noticeOn(m_o)));
    const HarvestStore::Checkpoint& saved = report.savedAs;
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"Reverted %1 to checkpoint %2. The content it replaced is checkpoint %3 "
             "(chasm harvest revert %1 %3 undoes this)."_s.arg(q(id), QString::number(number),
                                                               QString::number(saved.number)));
}

void Commands::harvestRebuild(const std::string& path) const
{
    const HarvestDatabaseService::RebuildReport report =
        take(HarvestDatabaseService(m_catalog).rebuildIndex(q(path), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(
        u"Full-text index rebuilt: %1 messages in %2"_s.arg(QString::number(report.messagesIndexed), report.database));
}

// --- retention ---
namespace {

QString ruleText(const RetentionRule& rule)
{
    if (!rule.purges()) {
        return rule.enabled || rule.source == RetentionRule::defaultSource() ? u"keeps every session"_s
                                                                             : u"cleanup turned off"_s;
    }
    QStringList parts;
    if (rule.maxAgeMs > 0) {
        constexpr qint64 hourMs = 3600ll * 1000;
        const QString age = rule.maxAgeMs % (24 * hourMs) == 0 ? u"%1 days"_s.arg(rule.maxAgeMs / (24 * hourMs))
                                                               : u"%1 hours"_s.arg(rule.maxAgeMs / hourMs);
        parts << age + (rule.basis == RetentionRule::Basis::FileModified ? u" after the file's last change"_s
                                                                         : u" after the last activity"_s);
    }
    if (rule.maxCount > 0) {
        parts << u"the newest %1 of each project kept"_s.arg(rule.maxCount);
    }
    return parts.join(u"; "_s);
}

QString whenText(const QDateTime& purgeAt, const QDateTime& now)
{
    if (purgeAt <= now) {
        return u"at the tool's next start"_s;
    }
    const qint64 hours = now.secsTo(purgeAt) / 3600;
    return purgeAt.toString(u"yyyy-MM-dd HH:mm"_s) +
           (hours < 48 ? u" (in %1 h)"_s.arg(hours) : u" (in %1 days)"_s.arg(hours / 24));
}

} // namespace

void Commands::retention(const std::string& path, const std::string& provider, int days) const
{
    const RetentionService::Report report = take(RetentionService(m_catalog).report({q(path), q(provider), days}));
    for (const RetentionService::Tool& tool : report.tools) {
        if (!tool.rule.error.isEmpty()) {
            m_o.errLine(u"chasm: warning: "_s + tool.rule.error, "33");
        }
    }
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    TextTable rules({u"TOOL"_s, u"RULE"_s, u"FROM"_s});
    for (const RetentionService::Tool& tool : report.tools) {
        rules.addRow({tool.displayName, ruleText(tool.rule), tool.rule.source});
    }
    m_o.table(rules);
    m_o.line();
    const QDateTime now = report.checkedAt;
    TextTable sessions({u"DELETED"_s, u"ID"_s, u"TITLE"_s, u"KEPT BY CHASM"_s});
    int unkept = 0;
    for (const RetentionService::Tool& tool : report.tools) {
        for (const RetentionService::AtRisk& a : tool.atRisk) {
            sessions.addRow({whenText(a.purgeAt.toLocalTime(), now.toLocalTime()), a.session.id, a.session.title,
                             a.inDatabase ? u"yes"_s : u"no"_s});
            unkept += a.inDatabase ? 0 : 1;
        }
    }
    if (sessions.isEmpty()) {
        m_o.line(u"No session is deleted by its tool within %1 days."_s.arg(days));
        return;
    }
    m_o.line(u"Deleted by their tool within %1 days:"_s.arg(days));
    m_o.table(sessions);
    if (unkept > 0) {
        m_o.line(u"%1 of them not kept in %2 as they are now: `chasm harvest run` keeps those it can read."_s.arg(
            QString::number(unkept), report.database));
    }
}

} // namespace chasm::cli
