#pragma once

#include "providers/SessionCatalog.h"
#include "store/Database.h"

#include <functional>

namespace chasm {

// Collects every session of the chosen providers into the harvest database: new and changed sessions
// are read (in parallel, in small batches so memory stays bounded) and stored one transaction each;
// unchanged ones are skipped; a session that cannot be read is recorded with its error and retried
// only when it changes. Sessions that disappeared from their tool stay in the database.
class Harvester
{
public:
    struct Failure
    {
        QString path;
        QString error;
    };
    struct Summary
    {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        qint64 sessionsTotal = 0;
        double seconds = 0;
        QList<Failure> errors;
    };
    // done, total
    using Progress = std::function<void(int, int)>;

    static Result<Summary> run(const SessionCatalog& catalog, const QList<const Provider*>& providers,
                               const Database& database, const Progress& progress = {});
};

} // namespace chasm
