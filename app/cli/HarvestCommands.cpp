#include "Commands.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "export/SessionExport.h"
#include "ops/Harvester.h"
#include "store/HarvestStore.h"

#include <CLI/CLI.hpp>

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

// --- harvest ---
QString Commands::databasePath(const std::string& path) const
{
    return Database::resolvePath(m_catalog.environment(), q(path));
}

// The harvest database, migrated if need be (saying so on stderr when that takes a while).
std::unique_ptr<Database> Commands::openDatabase(const std::string& path) const
{
    return take(Database::open(databasePath(path),
                               [this](const QString& notice) { m_o.err << notice.toStdString() << std::endl; }));
}

void Commands::harvestInit(const std::string& path) const
{
    const auto db = openDatabase(path);
    if (m_o.json) {
        m_o.print(boost::json::object{{"database", json::fromQString(db->path())},
                                      {"schema_version", Database::schemaVersion}});
        return;
    }
    m_o.line(u"Harvest database ready: "_s + db->path());
}

void Commands::harvestRun(const std::string& path, const std::string& only, const std::string& exclude) const
{
    const QList<const Provider*> chosen = chosenProviders(only, exclude);
    const auto db = openDatabase(path);
    Harvester::Options options;
    ProgressBar bar(m_o.err);
    if (m_o.progress) {
        options.progress = [&bar](const Harvester::Progress& p) { bar.show(p); };
    }
    options.waiting = [this](const QString& message) { m_o.err << message.toStdString() << std::endl; };
    const Harvester::Summary s = take(Harvester::run(m_catalog, chosen, *db, options));
    bar.clear();
    // Finished, but some sessions could not be read: 3, so that scripts and schedulers notice (1 is an error that
    // stopped the run, 2 a usage error). A session whose source shrank is kept as stored, which is no failure.
    if (s.failed > 0) {
        m_o.status = 3;
    }
    if (m_o.json) {
        boost::json::array errors, shrunk;
        for (const Harvester::Failure& f : s.errors) {
            errors.emplace_back(
                boost::json::object{{"path", json::fromQString(f.path)}, {"error", json::fromQString(f.error)}});
        }
        for (const Harvester::ShrunkSource& k : s.shrunk) {
            shrunk.emplace_back(boost::json::object{{"session_id", json::fromQString(k.sessionId)},
                                                    {"path", json::fromQString(k.path)},
                                                    {"stored_messages", k.shrink.storedMessages},
                                                    {"source_messages", k.shrink.sourceMessages},
                                                    {"checkpoint", k.shrink.checkpoint},
                                                    {"message", json::fromQString(k.shrink.reason)}});
        }
        m_o.print(boost::json::object{{"new", s.created},
                                      {"updated", s.updated},
                                      {"unchanged", s.unchanged},
                                      {"failed", s.failed},
                                      {"sessions_total", s.sessionsTotal},
                                      {"seconds", s.seconds},
                                      {"bytes_read", s.bytesRead},
                                      {"errors", std::move(errors)},
                                      {"shrunk", s.shrunk.size()},
                                      {"shrunk_sessions", std::move(shrunk)}});
        return;
    }
    for (const Harvester::Failure& f : s.errors) {
        m_o.err << "failed: " << f.error.toStdString() << '\n';
    }
    for (const Harvester::ShrunkSource& k : s.shrunk) {
        m_o.err << k.shrink.reason.toStdString() << ": " << k.sessionId.toStdString() << " (" << k.path.toStdString()
                << "), also in checkpoint " << k.shrink.checkpoint << '\n';
    }
    const QString shrunk =
        s.shrunk.isEmpty() ? QString() : u", %1 kept as stored (source shrank)"_s.arg(s.shrunk.size());
    m_o.line(u"%1 new, %2 updated, %3 unchanged, %4 failed%5 in %6 s; %7 sessions in %8"_s.arg(
        QString::number(s.created), QString::number(s.updated), QString::number(s.unchanged), QString::number(s.failed),
        shrunk, QString::number(s.seconds, 'f', 2), QString::number(s.sessionsTotal), db->path()));
}

void Commands::harvestStatus(const std::string& path) const
{
    const auto db = openDatabase(path);
    const HarvestStore::Totals t = take(HarvestStore(*db).totals());
    const qint64 size = QFileInfo(db->path()).size() + QFileInfo(db->path() + u"-wal"_s).size();
    if (m_o.json) {
        boost::json::object byProvider;
        for (const auto& [provider, count] : t.byProvider) {
            byProvider[json::fromQString(provider)] = count;
        }
        m_o.print(
            boost::json::object{{"database", json::fromQString(db->path())},
                                {"size_bytes", size},
                                {"sessions", t.sessions},
                                {"messages", t.messages},
                                {"by_provider", std::move(byProvider)},
                                {"last_run", t.lastRun.isEmpty() ? boost::json::value(nullptr)
                                                                 : boost::json::value(json::fromQString(t.lastRun))},
                                {"failures", t.failures}});
        return;
    }
    m_o.line(u"database:  "_s + db->path() + u" ("_s + humanSize(size) + u')');
    m_o.line(u"sessions:  %1 (%2 messages)"_s.arg(QString::number(t.sessions), QString::number(t.messages)));
    for (const auto& [provider, count] : t.byProvider) {
        m_o.line(u"  %1 %2"_s.arg(provider.leftJustified(12), QString::number(count)));
    }
    m_o.line(u"last run:  "_s + (t.lastRun.isEmpty() ? u"never"_s : t.lastRun));
    m_o.line(u"failures:  "_s + QString::number(t.failures));
}

void Commands::harvestSearch(const std::string& path, const std::string& query, const std::string& provider,
                             const std::string& workspace, const std::string& role, const std::string& after,
                             const std::string& before, int limit, bool exhaustive) const
{
    const auto db = openDatabase(path);
    HarvestStore::SearchFilter filter;
    if (!provider.empty()) {
        filter.provider = providers(provider).constFirst()->id();
    }
    filter.workspace = q(workspace);
    filter.role = q(role);
    filter.after = after.empty() ? QDateTime() : parseDate(after, "--after", false);
    filter.before = before.empty() ? QDateTime() : parseDate(before, "--before", true);
    filter.limit = limit;
    filter.exhaustive = exhaustive;
    const HarvestStore::SearchResults results = take(HarvestStore(*db).search(q(query), filter));
    const QList<HarvestStore::SearchHit>& hits = results.hits;
    if (m_o.json) {
        m_o.print(jsonArray(hits, [](const HarvestStore::SearchHit& h) {
            return boost::json::object{
                {"session_id", json::fromQString(h.sessionId)},
                {"provider", json::fromQString(h.provider)},
                {"title", json::fromQString(h.title)},
                {"project_path", h.projectPath.isEmpty() ? boost::json::value(nullptr)
                                                         : boost::json::value(json::fromQString(h.projectPath))},
                {"message_index", h.messageIndex},
                {"role", json::fromQString(h.role)},
                {"timestamp", h.timestamp.isEmpty() ? boost::json::value(nullptr)
                                                    : boost::json::value(json::fromQString(h.timestamp))},
                {"snippet", json::fromQString(HarvestStore::bracketed(h.snippet))},
                {"score", h.score}};
        }));
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
    QString session;
    for (const HarvestStore::SearchHit& h : hits) {
        if (h.sessionId != session) {
            session = h.sessionId;
            const QString where = h.projectPath.isEmpty() ? QString() : u" · "_s + h.projectPath;
            m_o.styledLine(styled(h.title, "1") + u"  "_s + styled(h.provider + where + u" · "_s + h.sessionId, "2"));
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
    const auto db = openDatabase(path);
    const QString id = provider.empty() ? QString() : providers(provider).constFirst()->id();
    printSessions(take(HarvestStore(*db).list(id, q(search), limit)), false);
}

QList<const Provider*> Commands::chosenProviders(const std::string& only, const std::string& exclude) const
{
    QList<const Provider*> chosen;
    if (only.empty()) {
        chosen = providers({});
    } else {
        for (const QString& name : q(only).split(u',', Qt::SkipEmptyParts)) {
            chosen.append(providers(name.trimmed().toStdString()));
        }
    }
    for (const QString& name : q(exclude).split(u',', Qt::SkipEmptyParts)) {
        const QList<const Provider*> excluded = providers(name.trimmed().toStdString());
        chosen.removeIf([&excluded](const Provider* p) { return excluded.contains(p); });
    }
    return chosen;
}

void Commands::harvestScan(const std::string& path, bool withSessions) const
{
    const auto db = openDatabase(path);
    HarvestStore store(*db);
    const QList<const Provider*> all = providers({});
    const QList<Harvester::Planned> planned = Harvester::plan(m_catalog, all, store, Listing::Described);
    const auto stateName = [](const Harvester::Planned& p) {
        if (p.state == HarvestStore::SourceState::Unchanged) {
            return p.ref.error.isEmpty() ? u"unchanged"_s : u"failed"_s;
        }
        if (!p.ref.error.isEmpty()) {
            return u"unreadable"_s;
        }
        return p.state == HarvestStore::SourceState::New ? u"new"_s : u"changed"_s;
    };
    const QStringList states{u"new"_s, u"changed"_s, u"unchanged"_s, u"unreadable"_s, u"failed"_s};
    QList<std::pair<QString, QHash<QString, int>>> counts;
    for (const Provider* provider : all) {
        QHash<QString, int> byState;
        for (const Harvester::Planned& p : planned) {
            if (p.ref.provider == provider->id()) {
                ++byState[stateName(p)];
            }
        }
        counts.append({provider->id(), byState});
    }
    if (m_o.json) {
        boost::json::array list;
        for (const auto& [provider, byState] : counts) {
            boost::json::object o{{"provider", json::fromQString(provider)}};
            int total = 0;
            for (const QString& state : states) {
                o[state.toStdString()] = byState.value(state);
                total += byState.value(state);
            }
            o["sessions"] = total;
            list.emplace_back(std::move(o));
        }
        boost::json::object result{{"database", json::fromQString(db->path())}, {"providers", std::move(list)}};
        if (withSessions) {
            result["sessions"] = jsonArray(planned, [&stateName](const Harvester::Planned& p) {
                boost::json::object o = shapes::sessionSummary(p.ref);
                o["state"] = json::fromQString(stateName(p));
                return o;
            });
        }
        m_o.print(result);
        return;
    }
    TextTable table(
        {u"PROVIDER"_s, u"SESSIONS"_s, u"NEW"_s, u"CHANGED"_s, u"UNCHANGED"_s, u"UNREADABLE"_s, u"FAILED"_s});
    for (int column = 1; column <= 6; ++column) {
        table.setRightAligned(column);
    }
    for (const auto& [provider, byState] : counts) {
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
    table.print(m_o.out);
    if (withSessions) {
        m_o.line();
        TextTable sessions({u"STATE"_s, u"ID"_s, u"TITLE"_s});
        for (const Harvester::Planned& p : planned) {
            sessions.addRow({stateName(p), p.ref.id, p.ref.title});
        }
        sessions.print(m_o.out);
    }
    m_o.line(u"`chasm harvest run` reads the new and changed sessions into "_s + db->path());
}

void Commands::harvestExport(const std::string& path, const std::string& output, const std::string& format,
                             const std::string& provider, const std::vector<std::string>& ids) const
{
    const auto db = openDatabase(path);
    const HarvestStore store(*db);
    const auto chosen = SessionExport::formatNamed(q(format));
    if (!chosen) {
        throw CLI::ValidationError("--format",
                                   "expects " + SessionExport::formatNames().toStdString() + ", got '" + format + "'");
    }
    QStringList wanted;
    for (const std::string& id : ids) {
        for (const QString& part : q(id).split(u',', Qt::SkipEmptyParts)) {
            wanted << take(store.session(part.trimmed())).id;
        }
    }
    const QString providerId = provider.empty() ? QString() : providers(provider).constFirst()->id();
    const auto out = take(SessionExport::open(m_catalog.environment().absolutePath(q(output)), *chosen));
    int count = 0;
    if (auto error = store.forEachSession(providerId, wanted, [&out, &count](const Session& session) {
            ++count;
            return out->add(session);
        })) {
        throw CommandError{error->message};
    }
    printExported(count, take(out->finish()), {}, q(output));
}

void Commands::harvestImport(const std::string& path, const std::vector<std::string>& files) const
{
    QStringList paths;
    for (const std::string& file : files) {
        paths << m_catalog.environment().absolutePath(q(file));
    }
    const auto db = openDatabase(path);
    const Harvester::Imported imported = take(Harvester::importExports(*db, paths));
    if (m_o.json) {
        boost::json::array ids, renamed;
        for (const QString& id : imported.ids) {
            ids.emplace_back(json::fromQString(id));
        }
        for (const QString& change : imported.renamed) {
            renamed.emplace_back(json::fromQString(change));
        }
        m_o.print(boost::json::object{{"new", imported.created},
                                      {"unchanged", imported.unchanged},
                                      {"renamed", std::move(renamed)},
                                      {"sessions", std::move(ids)}});
        return;
    }
    for (const QString& change : imported.renamed) {
        m_o.line(u"another session under a taken id, stored as: "_s + change);
    }
    m_o.line(u"%1 session(s) imported, %2 there already, into %3"_s.arg(imported.created)
                 .arg(imported.unchanged)
                 .arg(db->path()));
}

boost::json::object Commands::checkpointJson(const HarvestStore::Checkpoint& c)
{
    return {{"number", c.number},
            {"message", c.message.isEmpty() ? boost::json::value(nullptr) : json::fromQString(c.message)},
            {"created_at", shapes::isoTime(c.createdAt)},
            {"message_count", c.messageCount}};
}

void Commands::harvestCheckpoint(const std::string& path, const std::string& id, const std::string& message) const
{
    const auto db = openDatabase(path);
    HarvestStore store(*db);
    const HarvestStore::Checkpoint c = take(store.checkpoint(q(id), q(message)));
    if (m_o.json) {
        m_o.print(checkpointJson(c));
        return;
    }
    m_o.line(u"Checkpoint %1 of %2 saved (%3 messages)."_s.arg(QString::number(c.number), q(id),
                                                               QString::number(c.messageCount)));
}

void Commands::harvestCheckpoints(const std::string& path, const std::string& id) const
{
    const auto db = openDatabase(path);
    const QList<HarvestStore::Checkpoint> list = take(HarvestStore(*db).checkpoints(q(id)));
    if (m_o.json) {
        m_o.print(jsonArray(list, checkpointJson));
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
    table.print(m_o.out);
}

void Commands::harvestRevert(const std::string& path, const std::string& id, int number) const
{
    const auto db = openDatabase(path);
    HarvestStore store(*db);
    const HarvestStore::Checkpoint saved = take(store.revert(q(id), number));
    if (m_o.json) {
        m_o.print(boost::json::object{{"reverted_to", number}, {"saved_as", checkpointJson(saved)}});
        return;
    }
    m_o.line(u"Reverted %1 to checkpoint %2. The content it replaced is checkpoint %3 "
             "(chasm harvest revert %1 %3 undoes this)."_s.arg(q(id), QString::number(number),
                                                               QString::number(saved.number)));
}

void Commands::harvestRebuild(const std::string& path) const
{
    const auto db = openDatabase(path);
    HarvestStore store(*db);
    if (auto error = store.rebuildIndex()) {
        throw CommandError{error->message};
    }
    const qint64 messages = take(store.totals()).messages;
    if (m_o.json) {
        m_o.print(boost::json::object{{"database", json::fromQString(db->path())}, {"messages_indexed", messages}});
        return;
    }
    m_o.line(u"Full-text index rebuilt: %1 messages in %2"_s.arg(QString::number(messages), db->path()));
}

} // namespace chasm::cli
