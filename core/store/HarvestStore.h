// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"
#include "store/HarvestCheckpoints.h"
#include "store/HarvestReader.h"
#include "store/HarvestSearch.h"
#include "store/HarvestWriter.h"

// What this header gave before it was split, which files that include it still use.
#include <QSet>
#include <QSqlQuery>

namespace chasm {

// The harvest tables of a Database, in one object: writing sessions, their sources and runs (HarvestWriter),
// reading them back (HarvestReader), searching their messages (HarvestSearch), and their checkpoints
// (HarvestCheckpoints), which write through the same writer and so inside its transaction. Each part's header
// says what it does; this class only holds them together.
class HarvestStore
{
public:
    explicit HarvestStore(const Database& database);
    ~HarvestStore();
    Q_DISABLE_COPY_MOVE(HarvestStore)

    // Writing (HarvestWriter).
    using Outcome = HarvestWriter::Outcome;
    using Shrink = HarvestWriter::Shrink;
    using SourceState = HarvestWriter::SourceState;
    using Prepared = HarvestWriter::Prepared;
    using KnownSource = HarvestWriter::KnownSource;
    using SourceFile = HarvestWriter::SourceFile;
    SourceState sourceState(const SessionRef& ref) { return m_writer.sourceState(ref); }
    static Prepared prepare(Session session) { return HarvestWriter::prepare(std::move(session)); }
    Result<Outcome> store(const SessionRef& ref, const Prepared& prepared, Shrink* shrink = nullptr)
    {
        return m_writer.store(ref, prepared, shrink);
    }
    using Read = HarvestWriter::Read;
    using ReadOutcome = HarvestWriter::ReadOutcome;
    Result<ReadOutcome> storeRead(SessionRef& ref, const Read& read, Shrink* shrink = nullptr)
    {
        return m_writer.storeRead(ref, read, shrink);
    }
    std::optional<Error> recordFailure(const SessionRef& ref, const QString& error)
    {
        return m_writer.recordFailure(ref, error);
    }
    QList<KnownSource> knownSources() const { return m_writer.knownSources(); }
    QList<SourceFile> sourceFiles() const { return m_writer.sourceFiles(); }
    std::optional<Error> begin() { return m_writer.begin(); }
    std::optional<Error> commit() { return m_writer.commit(); }
    void rollback() { m_writer.rollback(); }
    std::optional<Error> rebuildIndex() { return m_writer.rebuildIndex(); }
    std::optional<Error> atomically(const std::function<std::optional<QString>()>& body)
    {
        return m_writer.atomically(body);
    }
    std::optional<Error> recordRun(const QDateTime& started, int created, int updated, int unchanged, int failed)
    {
        return m_writer.recordRun(started, created, updated, unchanged, failed);
    }

    // Reading (HarvestReader).
    using Totals = HarvestReader::Totals;
    Result<Totals> totals() const { return m_reader.totals(); }
    Result<QList<SessionRef>> list(const QString& provider, const QString& query, int limit) const
    {
        return m_reader.list(provider, query, limit);
    }
    std::optional<QString> contentHash(const QString& id) const { return m_reader.contentHash(id); }
    Result<QString> resolve(const QString& idOrPrefix) const { return m_reader.resolve(idOrPrefix); }
    Result<Session> session(const QString& idOrPrefix) const { return m_reader.session(idOrPrefix); }
    std::optional<Error> forEachSession(const QString& provider, const QStringList& ids,
                                        const std::function<std::optional<Error>(const Session&)>& visit) const
    {
        return m_reader.forEachSession(provider, ids, visit);
    }

    // Searching (HarvestSearch).
    using SearchFilter = HarvestSearch::Filter;
    using SearchHit = HarvestSearch::Hit;
    using Unranked = HarvestSearch::Unranked;
    using SearchResults = HarvestSearch::Results;
    static constexpr QChar matchStart = HarvestSearch::matchStart;
    static constexpr QChar matchEnd = HarvestSearch::matchEnd;
    static constexpr int maxHitsPerSession = HarvestSearch::maxHitsPerSession;
    static constexpr int rankWindow = HarvestSearch::rankWindow;
    static QString bracketed(QString snippet) { return HarvestSearch::bracketed(std::move(snippet)); }
    Result<SearchResults> search(const QString& query, const SearchFilter& filter) const
    {
        return m_search.search(query, filter);
    }
    static QStringList queryWords(const QString& query) { return HarvestSearch::queryWords(query); }
    Result<QSet<QString>> sessionsContaining(const QString& text) const { return m_search.sessionsContaining(text); }

    // Checkpoints (HarvestCheckpoints).
    using Checkpoint = HarvestCheckpoints::Checkpoint;
    Result<Checkpoint> checkpoint(const QString& sessionId, const QString& message)
    {
        return m_checkpoints.checkpoint(sessionId, message);
    }
    Result<QList<Checkpoint>> checkpoints(const QString& sessionId) const
    {
        return m_checkpoints.checkpoints(sessionId);
    }
    Result<Checkpoint> revert(const QString& sessionId, int number) { return m_checkpoints.revert(sessionId, number); }

private:
    HarvestWriter m_writer;
    HarvestReader m_reader;
    HarvestSearch m_search;
    HarvestCheckpoints m_checkpoints;
};

} // namespace chasm
