#pragma once

#include "model/Session.h"
#include "model/SessionRef.h"
#include "store/Database.h"

namespace chasm {

// Reads and writes the harvest tables of a Database: one session at a time, each in one transaction,
// so that a crash leaves every session either as it was or as it is now.
class HarvestStore
{
public:
    explicit HarvestStore(const Database& database);

    enum class Outcome
    {
        New,
        Updated,
    };

    // Whether the session was harvested (or failed) as it is now: same size, last activity and
    // message count. Unchanged sessions are not read again, failed ones not retried.
    bool unchanged(const SessionRef& ref) const;
    Result<Outcome> store(const SessionRef& ref, const Session& session);
    std::optional<Error> recordFailure(const SessionRef& ref, const QString& error);

    struct Totals
    {
        qint64 sessions = 0;
        qint64 messages = 0;
        QList<std::pair<QString, qint64>> byProvider;
        qint64 failures = 0;
        QString lastRun;
    };
    Result<Totals> totals() const;

    struct SearchFilter
    {
        QString provider;
        QString role;
        QDateTime after;
        QDateTime before;
        int limit = 20;
    };
    struct SearchHit
    {
        QString sessionId;
        QString provider;
        QString title;
        QString projectPath;
        int messageIndex = 0;
        QString role;
        QString timestamp;
        QString snippet;  // matches between "[" and "]"
        double score = 0; // higher is better
    };
    // Full-text search over message content. `query` is FTS5 syntax (phrases, prefix*, AND/OR/NOT);
    // plain words are matched as words, whatever punctuation they hold.
    Result<QList<SearchHit>> search(const QString& query, const SearchFilter& filter) const;

    // Harvested sessions, newest first, as the listing shape: optionally of one provider, and only those
    // whose title or messages match a search query.
    Result<QList<SessionRef>> list(const QString& provider, const QString& query, int limit) const;
    // Re-creates the full-text index from the messages.
    std::optional<Error> rebuildIndex();

    // Records a finished run (for `harvest status`).
    std::optional<Error> recordRun(const QDateTime& started, int created, int updated, int unchanged, int failed);

private:
    const Database& m_db;
};

} // namespace chasm
