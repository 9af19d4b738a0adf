#include "Harvester.h"

#include "store/HarvestStore.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentMap>

using namespace Qt::StringLiterals;

namespace chasm {

Result<Harvester::Summary> Harvester::run(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                                          const Database& database, const Progress& progress)
{
    QElapsedTimer timer;
    timer.start();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    HarvestStore store(database);
    Summary summary;

    const QList<SessionRef> refs = catalog.sessions(providers, catalog.workspaces(providers));
    QList<SessionRef> changed;
    for (const SessionRef& ref : refs) {
        if (store.unchanged(ref)) {
            ++summary.unchanged;
        } else if (!ref.error.isEmpty()) {
            if (auto error = store.recordFailure(ref, ref.error)) {
                return *error;
            }
            ++summary.failed;
            summary.errors.append({ref.path, ref.error});
        } else {
            changed.append(ref);
        }
    }

    constexpr qsizetype batch = 16;
    int done = summary.unchanged + summary.failed;
    for (qsizetype start = 0; start < changed.size(); start += batch) {
        const QList<SessionRef> slice = changed.mid(start, batch);
        const QList<Result<Session>> loaded = QtConcurrent::blockingMapped<QList<Result<Session>>>(
            slice, [&catalog](const SessionRef& ref) { return catalog.load(ref); });
        for (qsizetype i = 0; i < slice.size(); ++i) {
            const SessionRef& ref = slice.at(i);
            if (!loaded.at(i)) {
                if (auto error = store.recordFailure(ref, loaded.at(i).error().message)) {
                    return *error;
                }
                ++summary.failed;
                summary.errors.append({ref.path, loaded.at(i).error().message});
                continue;
            }
            auto outcome = store.store(ref, loaded.at(i).value());
            if (!outcome) {
                return outcome.error();
            }
            (*outcome == HarvestStore::Outcome::New ? summary.created : summary.updated) += 1;
        }
        done += int(slice.size());
        if (progress) {
            progress(done, int(refs.size()));
        }
    }
    if (auto error = store.recordRun(started, summary.created, summary.updated, summary.unchanged, summary.failed)) {
        return *error;
    }
    const auto totals = store.totals();
    summary.sessionsTotal = totals ? totals->sessions : 0;
    summary.seconds = double(timer.elapsed()) / 1000.0;
    return summary;
}

} // namespace chasm
