#pragma once

#include "model/Session.h"
#include "model/SessionRef.h"
#include "store/Database.h"

#include <QSet>
#include <QSqlQuery>

#include <functional>

#include <memory>

namespace chasm {

// Reads and writes the harvest tables of a Database. Each session is written whole inside a savepoint,
// so that a crash leaves every session either as it was or as it is now, whether or not the caller
// groups several sessions into one transaction (which the harvester does, for speed). Inside such a
// transaction the messages of the sessions stored reach messages_v2 (and the index) at commit().
class HarvestStore
{
public:
    explicit HarvestStore(const Database& database);
    ~HarvestStore();
    Q_DISABLE_COPY_MOVE(HarvestStore)

    enum class Outcome
    {
        New,
        Updated,
        // The file changed (it was touched, or rewritten the same) but the session did not.
        Unchanged,
        // The source holds less than the stored session (see Shrink): the stored content stays.
        Kept,
    };
    // A source that now holds fewer messages than its stored session, or ends earlier: a crash truncated a
    // transcript, a tool rewrote its file with less. The database is where history outlives the tools, so the stored
    // session stays as it is, in a checkpoint too (the latest, if it holds that content already), which keeps it
    // when a source that grows again replaces it. The source is remembered as read, so that it is not read again
    // until it changes.
    struct Shrink
    {
        int storedMessages = 0;
        int sourceMessages = 0;
        int checkpoint = 0; // the number of the checkpoint that holds the stored content
        QString reason;     // "source shrank: kept the 3 stored messages (the source now has 1)"
    };

    enum class SourceState
    {
        New,
        Changed,
        // Harvested (or failed) as it is now: same size, last activity and message count. Unchanged
        // sessions are not read again, failed ones not retried.
        Unchanged,
    };
    // A file that was only touched has its new modification time remembered, so that the next run
    // need not read it.
    SourceState sourceState(const SessionRef& ref);
    // A session with its stored form (the normalized JSON compressed, the JSON's size and its hash), made on
    // any thread so that the one writer does not have to.
    struct Prepared
    {
        Session session;
        QByteArray data;
        qint64 jsonBytes = 0;
        QString hash;
    };
    static Prepared prepare(Session session);
    // `shrink` hears why a session was Kept.
    Result<Outcome> store(const SessionRef& ref, const Prepared& prepared, Shrink* shrink = nullptr);
    std::optional<Error> recordFailure(const SessionRef& ref, const QString& error);

    // What earlier runs saw of each session file (one file, one session): the listing as it was, with
    // the file's size and modification time, so that a run can skip reading files that did not change.
    struct KnownSource
    {
        SessionRef ref;
        qint64 fileModifiedMs = 0;
    };
    QList<KnownSource> knownSources() const;
    // Every file sessions were harvested from (a session file, or a tool's database), with its
    // modification time as last seen (ms since the epoch; 0 when unknown).
    struct SourceFile
    {
        QString path;
        qint64 modifiedMs = 0;
    };
    QList<SourceFile> sourceFiles() const;

    // Groups the following writes into one transaction (each session still in its own savepoint).
    std::optional<Error> begin();
    std::optional<Error> commit();
    void rollback();

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
        // A workspace hash, or part of a workspace's name or project path.
        QString workspace;
        QString role;
        QDateTime after;
        QDateTime before;
        int limit = 20;
        // Rank by relevance however many messages match (see rankWindow).
        bool exhaustive = false;
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
        QString snippet;  // matches between matchStart and matchEnd
        double score = 0; // higher is better: BM25 (1 when unranked) with a mild boost for recent messages
    };
    static constexpr QChar matchStart = QChar(2);
    static constexpr QChar matchEnd = QChar(3);
    static constexpr int maxHitsPerSession = 3;
    // A snippet with its matches marked by "[" and "]" (the JSON shape).
    static QString bracketed(QString snippet);
    // A query with more matches than this is too common to rank quickly (or usefully): unless the search
    // is exhaustive, its newest matches are shown, unranked (see Unranked for the other such queries).
    static constexpr int rankWindow = 5000;
    // Why a search shows the newest matches rather than the best ones.
    enum class Unranked
    {
        No,
        ManyMatches,      // more than rankWindow
        CommonWords,      // every word of the query is in one message in ten
        ManyPrefixMatches // a prefix query with at least as many eligible matches as a search shows
    };
    struct SearchResults
    {
        QList<SearchHit> hits;
        Unranked unranked = Unranked::No;
        // The hits are the newest matches, all with the same base score.
        bool windowed() const { return unranked != Unranked::No; }
    };
    // Full-text search over message content. `query` is what a person types, read by SearchQuery (words,
    // "phrases", prefix*, AND/OR/NOT, -word, groups): a query it cannot read is an error in its words. Hits are
    // grouped per session (sessions in the order of their best hit, at most maxHitsPerSession each), best first.
    Result<SearchResults> search(const QString& query, const SearchFilter& filter) const;
    // The words of a query, and the starts of its prefix terms: what to highlight in a hit's message.
    static QStringList queryWords(const QString& query);

    // The sessions with a message that holds every word of `text` (words, or the starts of words).
    Result<QSet<QString>> sessionsContaining(const QString& text) const;

    // Harvested sessions, newest first, as the listing shape: optionally of one provider, and only those
    // whose title holds the query's text or whose messages match it as a search query (SearchQuery).
    Result<QList<SessionRef>> list(const QString& provider, const QString& query, int limit) const;
    // Re-creates the full-text index from the messages.
    std::optional<Error> rebuildIndex();

    // The hash of a stored session's content (that of Prepared), or nothing when there is no such session.
    std::optional<QString> contentHash(const QString& id) const;
    // The stored session, by id or a unique prefix of it.
    Result<Session> session(const QString& idOrPrefix) const;
    // Every stored session (optionally of one provider, or only those listed), oldest first, one at a
    // time: memory stays that of one session.
    std::optional<Error> forEachSession(const QString& provider, const QStringList& ids,
                                        const std::function<std::optional<Error>(const Session&)>& visit) const;

    // Versions of a session's content inside the database. A checkpoint keeps the session as it is
    // now; revert puts a checkpoint's content back (after checkpointing the current content, so that
    // a revert can itself be reverted). Numbers count from 1 per session.
    struct Checkpoint
    {
        int number = 0;
        QString message;
        QDateTime createdAt;
        int messageCount = 0;
    };
    Result<Checkpoint> checkpoint(const QString& sessionId, const QString& message);
    Result<QList<Checkpoint>> checkpoints(const QString& sessionId) const;
    // Returns the checkpoint that saved the content replaced.
    Result<Checkpoint> revert(const QString& sessionId, int number);

    // Records a finished run (for `harvest status`).
    std::optional<Error> recordRun(const QDateTime& started, int created, int updated, int unchanged, int failed);

private:
    struct Statements;
    Result<QString> resolve(const QString& idOrPrefix) const;
    // Runs `body` inside a savepoint: all of its writes or none. `body` returns the error, if any.
    std::optional<Error> atomically(const std::function<std::optional<QString>()>& body);
    static QString hashOf(const std::string& data);
    // Writes a session's rows (the caller holds the savepoint): nothing, or the error.
    std::optional<QString> writeSession(const SessionRef& ref, const Session& session, const QByteArray& data,
                                        const QString& hash, bool existed);
    std::optional<QString> saveCheckpoint(const QString& id, const QString& message, Checkpoint& made);
    // Makes sure a checkpoint holds the stored session (the latest one, or a new one): nothing, or the error.
    std::optional<QString> keepStored(const QString& id, Shrink& shrink);
    // Moves the staged messages into messages_v2: nothing, or the error.
    std::optional<QString> moveStaged();
    Statements& statements();

    const Database& m_db;
    std::unique_ptr<Statements> m_statements;
    bool m_inTransaction = false;
};

} // namespace chasm
