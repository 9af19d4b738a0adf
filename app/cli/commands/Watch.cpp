// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm watch: the tools' stores watched, and what changes harvested as it is written.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "services/HarvestService.h"
#include "services/WatchService.h"

#include <QCoreApplication>
#include <QTime>

namespace chasm::cli {

namespace {

using namespace Qt::StringLiterals;

struct WatchOptions
{
    std::string agent;
    std::string path;
    int debounce = 3;
    bool noHarvest = false;
    bool verbose = false;
    int maxWatches = WatchService::defaultMaxWatches;
};

QString now()
{
    return QTime::currentTime().toString(u"HH:mm:ss"_s);
}

void watch(Commands& c, const WatchOptions& o, const std::string& database, Output& output)
{
    QStringList providerIds;
    if (!o.agent.empty()) {
        for (const Provider* provider : c.providers(o.agent)) {
            providerIds.append(provider->id());
        }
    }
    const QStringList paths =
        o.path.empty() ? QStringList() : QStringList{c.catalog().environment().absolutePath(q(o.path))};
    const auto catalog = std::make_shared<const SessionCatalog>(c.catalog().environment());
    HarvestService harvest(catalog, HarvestDatabaseService(c.catalog()).databasePath(q(database)));
    // --no-harvest: the same watcher, telling what changed instead.
    WatchService dryRun;
    WatchService& watcher = o.noHarvest ? dryRun : harvest.watcher();
    watcher.setMaxWatches(o.maxWatches);
    const auto debounce = std::chrono::seconds(o.debounce);

    QObject::connect(&watcher, &WatchService::limitReached, &watcher, [&output](const QString& message) {
        output.err << "chasm watch: " << message.toStdString() << std::endl;
    });
    if (o.verbose) {
        QObject::connect(&watcher, &WatchService::noticed, &watcher, [&output](const QString& path) {
            output.err << now().toStdString() << " changed " << path.toStdString() << std::endl;
        });
    }
    if (o.noHarvest) {
        dryRun.setDebounce(debounce);
        dryRun.setStores(paths.isEmpty()
                             ? WatchService::storesOf(take(catalog->providers(q(o.agent))), catalog->environment())
                             : QList<WatchService::Store>{{QString(), paths.constFirst()}});
        QObject::connect(&dryRun, &WatchService::changed, &dryRun,
                         [&output](const QStringList& ids, const QStringList&) {
                             if (output.json) {
                                 boost::json::array changed;
                                 for (const QString& id : ids) {
                                     changed.emplace_back(id.isEmpty() ? "" : id.toStdString());
                                 }
                                 output.print(boost::json::object{{"time", now().toStdString()}, {"changed", changed}});
                             } else {
                                 QStringList names;
                                 for (const QString& id : ids) {
                                     names.append(id.isEmpty() ? u"the watched path"_s : id);
                                 }
                                 output.line(u"%1 changed: %2"_s.arg(now(), names.join(u", "_s)));
                             }
                             output.out.flush();
                         });
        dryRun.start();
    } else {
        harvest.setProviders(providerIds);
        harvest.setWatchedPaths(paths);
        harvest.setDebounce(debounce);
        harvest.setRescanInterval(std::chrono::milliseconds(0));
        QObject::connect(&harvest, &HarvestService::finished, &harvest, [&output](const Harvester::Summary& summary) {
            if (output.json) {
                output.print(boost::json::object{{"time", now().toStdString()},
                                                 {"created", summary.created},
                                                 {"updated", summary.updated},
                                                 {"unchanged", summary.unchanged},
                                                 {"failed", summary.failed}});
            } else {
                output.line(u"%1 harvested: %2 new, %3 updated, %4 unchanged, %5 failed"_s.arg(now())
                                .arg(summary.created)
                                .arg(summary.updated)
                                .arg(summary.unchanged)
                                .arg(summary.failed));
            }
            output.out.flush();
        });
        QObject::connect(&harvest, &HarvestService::paced, &harvest, [&output](qint64 waitMs, qint64 lastRunMs) {
            if (!output.json) {
                output.line(u"%1 changes seen: harvesting them in %2 s (the last harvest took %3 s)"_s.arg(now())
                                .arg(qMax(qint64(1), (waitMs + 999) / 1000))
                                .arg(double(lastRunMs) / 1000, 0, 'f', 1));
                output.out.flush();
            }
        });
        QObject::connect(&harvest, &HarvestService::failed, &harvest, [&output](const QString& error) {
            output.err << "chasm watch: the harvest failed: " << error.toStdString() << std::endl;
            output.status = 3;
        });
        harvest.setWatching(true);
    }
    output.err << "chasm watch: watching " << watcher.watchedFolders().size() << " folders of "
               << watcher.stores().size() << " stores; Ctrl+C stops" << std::endl;
    // Ctrl+C or SIGTERM: the harvest under way stores what it read, then the command ends.
    const StopSignals stopSignals([] { QCoreApplication::quit(); });
    QCoreApplication::exec();
}

} // namespace

void addWatchCommands(CommandTable& table)
{
    WatchOptions& o = table.options<WatchOptions>();
    const CommandTable::Globals& globals = table.globals();
    CLI::App* w =
        table.app()
            .add_subcommand("watch", "Watch the tools' session stores and harvest what changes as it is written")
            ->alias("w");
    table.suggest(w->add_option("--agent,-a", o.agent, "Only this provider's store (claude, gemini, …)"),
                  CommandTable::providerIds());
    w->add_option("--path,-p", o.path,
                  "Watch this folder (or file) instead of the providers' stores; a change harvests every provider");
    w->add_option("--debounce,-d", o.debounce, "Seconds the stores must be quiet before a harvest (default 3)")
        ->check(atLeast(0));
    w->add_flag("--no-harvest", o.noHarvest, "Only tell which providers' stores changed (a dry run)");
    w->add_flag("--verbose,-v", o.verbose, "Also tell each change as the system reports it");
    w->add_option("--max-watches", o.maxWatches,
                  "Watch at most this many folders (default 4096; inotify watches are limited per user, "
                  "fs.inotify.max_user_watches)")
        ->check(atLeast(1));
    table.on(w, [&o, &globals, &table](Commands& c) { watch(c, o, globals.database, table.output()); });
}

} // namespace chasm::cli
