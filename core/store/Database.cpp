// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Database.h"

#include "Fts5Rank.h"
#include "NativeSqlite.h"

#include "util/Compression.h"
#include "util/RegularFile.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QtEndian>

#include <atomic>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Version 1: the seed's tables (sessions, messages_v2, tool_invocations, file_changes) so its
// documented SQL works, an external-content FTS5 index over message text kept in sync by triggers,
// and the bookkeeping of harvests.
const QStringList schemaV1 = {
    uR"(CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        native_id TEXT NOT NULL,
        title TEXT NOT NULL,
        workspace_name TEXT,
        workspace TEXT,
        project_path TEXT,
        source_path TEXT,
        format TEXT,
        created_at TEXT,
        updated_at TEXT,
        message_count INTEGER NOT NULL DEFAULT 0,
        model TEXT,
        total_tokens INTEGER,
        size_bytes INTEGER NOT NULL DEFAULT 0,
        source_hash TEXT,
        harvested_at TEXT NOT NULL,
        data TEXT NOT NULL))"_s,
    u"CREATE INDEX sessions_provider ON sessions(provider)"_s,
    u"CREATE INDEX sessions_updated ON sessions(updated_at)"_s,
    uR"(CREATE TABLE messages_v2 (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL,
        timestamp TEXT,
        model TEXT,
        token_count INTEGER,
        UNIQUE (session_id, seq)))"_s,
    uR"(CREATE TABLE tool_invocations (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        message_seq INTEGER NOT NULL,
        call_id TEXT,
        tool_name TEXT NOT NULL,
        input TEXT,
        output TEXT,
        status TEXT,
        timestamp TEXT))"_s,
    u"CREATE INDEX tool_invocations_session ON tool_invocations(session_id)"_s,
    uR"(CREATE TABLE file_changes (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        file_path TEXT NOT NULL,
        change_type TEXT NOT NULL,
        timestamp TEXT))"_s,
    u"CREATE INDEX file_changes_session ON file_changes(session_id)"_s,
    uR"(CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, content='messages_v2', content_rowid='id', tokenize='unicode61 remove_diacritics 2'))"_s,
    uR"(CREATE TRIGGER messages_v2_ai AFTER INSERT ON messages_v2 BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
    END)"_s,
    uR"(CREATE TRIGGER messages_v2_ad AFTER DELETE ON messages_v2 BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    END)"_s,
    uR"(CREATE TRIGGER messages_v2_au AFTER UPDATE ON messages_v2 BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
    END)"_s,
    uR"(CREATE TABLE harvest_sources (
        session_id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        message_count INTEGER NOT NULL,
        result TEXT NOT NULL,
        error TEXT,
        harvested_at TEXT NOT NULL))"_s,
    uR"(CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        message TEXT,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (session_id, number)))"_s,
    uR"(CREATE TABLE harvest_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        new INTEGER, updated INTEGER, unchanged INTEGER, failed INTEGER))"_s,
};

// Version 2: what incremental runs need to skip unchanged files without reading them (the file's
// modification time and workspace as listed) and to skip rewriting a session whose file was touched but
// whose content did not change (a hash of the normalized session).
const QStringList schemaV2 = {
    u"ALTER TABLE harvest_sources ADD COLUMN file_modified_ms INTEGER"_s,
    u"ALTER TABLE harvest_sources ADD COLUMN workspace_id TEXT"_s,
    u"ALTER TABLE harvest_sources ADD COLUMN hash TEXT"_s,
};

// Version 3: the index stems English words (porter over the same unicode61 tokenizer): "fix" finds
// "fixed" and "fixes", "test" finds "tests" and "testing". Measured with bench_tokenizer on 416 000
// paragraphs of developer prose, it found 25 % more messages for 30 words people search their chat
// history for, for 6 % more indexing time and an index of the same size.
const QStringList schemaV3 = {
    u"DROP TABLE messages_fts"_s,
    uR"(CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, content='messages_v2', content_rowid='id', tokenize='%1'))"_s.arg(Database::messageTokenizer),
    u"INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"_s,
};

// Version 4: the index is not merged after every write, only when a level holds 16 segments (FTS5's crisis
// merge) instead of 4: a 1 GB harvest spent 4 s less merging, and searches were as fast.
const QStringList schemaV4 = {
    u"INSERT INTO messages_fts(messages_fts, rank) VALUES ('automerge', 0)"_s,
};

// Version 5: the sessions' and checkpoints' JSON is stored compressed (see util/Compression.h; the columns keep
// their declared type), so a checkpoint keeps its message count beside it. Database::compressJson converts
// the rows of earlier versions.
const QStringList schemaV5 = {
    u"ALTER TABLE checkpoints ADD COLUMN message_count INTEGER"_s,
    u"UPDATE checkpoints SET message_count = json_array_length(data, '$.messages')"_s,
};

// Version 6: FTS5 keeps up to 16 MiB of new terms in memory before writing them out (1 MiB by default), so a
// harvest writes about one index segment per transaction instead of several and merges less; and, in a database
// of pages larger than 4 KiB, it writes index leaves of nine tenths of a page (4 050 bytes by default, sized for
// 4 KiB pages; a leaf overruns its size by up to one entry). Measured over 8 alternating runs of a 100 MB cold
// harvest: 5 % faster (medians 2.18 s against 2.30 s), searches as fast at 1.1 M messages.
QStringList schemaV6(int pageSize)
{
    QStringList steps{u"INSERT INTO messages_fts(messages_fts, rank) VALUES ('hashsize', 16777216)"_s};
    if (pageSize > 4096) {
        steps << u"INSERT INTO messages_fts(messages_fts, rank) VALUES ('pgsz', %1)"_s.arg(pageSize * 9 / 10);
    }
    return steps;
}

// Version 7: what reads of a window of one session and of a listing's page need (HistoryService), in time bounded by
// what they answer rather than by the session or the database: a message's tool calls (indexed by session alone, a
// window of a session read all of the session's calls), the messages of one role in order (a window of the user's
// messages, and their count, read from the index instead of every message's row), and the sessions of a workspace
// or of a folder and the folders under it. The index by session alone is the first column of the new one: it goes.
// (IF NOT EXISTS: a database set back to an earlier version in the tests holds them.)
const QStringList schemaV7 = {
    u"CREATE INDEX IF NOT EXISTS tool_invocations_message ON tool_invocations(session_id, message_seq)"_s,
    u"DROP INDEX IF EXISTS tool_invocations_session"_s,
    u"CREATE INDEX IF NOT EXISTS messages_v2_role ON messages_v2(session_id, role, seq)"_s,
    u"CREATE INDEX IF NOT EXISTS sessions_workspace ON sessions(workspace)"_s,
    u"CREATE INDEX IF NOT EXISTS sessions_project ON sessions(project_path)"_s,
};

// Versions 8 and 11: the index also keeps, for every one-, two-, three- and four-letter start of a word, the messages
// that hold a word with that start, so a prefix query of that length ("a*", "go*", "auth*", "aler*") reads one list,
// newest first, as a word does. Without it FTS5 merges the lists of every word with the prefix, whole, before it
// returns a row: 87 ms for the newest 200 messages with "and*" (566 000 of 1.19 M messages) against 0.2 ms, 210 ms for
// "to*", and 1.6 s for a common prefix of a syllable vocabulary in 0.5 M messages. (The stemmer shortens some
// prefixes: "has*" is read as "ha*".) Other lengths are read as before. Version 8 kept two to four letters: at 1.19 M
// messages the index grew from 160 to 434 MB (the database by 19 %) and took about 2.5 times as long to build.
// Version 11 adds one letter, the one start whose list every search still merged (the newest 5 001 messages with "a*"
// in 1.19 M messages: 150 ms against under 10 ms; 1.5 s at 11.8 M): the index grew by 9 % (474 to 516 MB), and
// rebuilding it took 36 s. FTS5 takes the lengths only when the table is created: it is made again (with the settings
// of versions 4 and 6) and rebuilt.
QStringList searchIndex(int pageSize)
{
    return QStringList{u"DROP TABLE messages_fts"_s,
                       uR"(CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages_v2',
                           content_rowid='id', tokenize='%1', prefix='1 2 3 4'))"_s.arg(Database::messageTokenizer)} +
           schemaV4 + schemaV6(pageSize) + QStringList{u"INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"_s};
}

// Version 9: the files each session was read from, byte for byte (see Originals): their chunks, compressed and stored
// once under their hash (in a rowid table: WITHOUT ROWID keeps at most a quarter of a page of a row in the tree and
// spills the rest of a chunk of a few kilobytes into overflow pages of its own, and the database of a 1 GB corpus grew
// by 347 MB for 223 MB of chunks), and which chunks make up each file. (IF NOT EXISTS: a database set back to an
// earlier version in the tests holds them.)
const QStringList schemaV9 = {
    uR"(CREATE TABLE IF NOT EXISTS original_chunks (
        id INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        data BLOB NOT NULL))"_s,
    uR"(CREATE TABLE IF NOT EXISTS original_files (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        modified_ms INTEGER NOT NULL,
        kept_at TEXT NOT NULL,
        PRIMARY KEY (session_id, path)))"_s,
    uR"(CREATE TABLE IF NOT EXISTS original_parts (
        session_id TEXT NOT NULL,
        path TEXT NOT NULL,
        part INTEGER NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY (session_id, path, part),
        FOREIGN KEY (session_id, path) REFERENCES original_files(session_id, path) ON DELETE CASCADE))"_s,
    u"CREATE INDEX IF NOT EXISTS original_parts_hash ON original_parts(hash)"_s,
};

// Version 10: every share link `harvest share` was given (see ShareLinks): the page it named, the service, how the
// last try ended and why, and the session it made. (IF NOT EXISTS: a database set back to an earlier version in the
// tests holds it.)
const QStringList schemaV10 = {
    uR"(CREATE TABLE IF NOT EXISTS share_links (
        url TEXT PRIMARY KEY,
        service TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        session_id TEXT,
        title TEXT,
        name TEXT,
        workspace TEXT,
        messages INTEGER,
        added TEXT NOT NULL,
        imported TEXT,
        tried TEXT NOT NULL))"_s,
    u"CREATE INDEX IF NOT EXISTS share_links_tried ON share_links(status, tried)"_s,
};

// Version 12: the columns a search filter chooses sessions by, and each session's id, in an index of their own: a
// search that repeats a filter reads which messages it keeps once (see Fts5Rank::eligibleMessages), from this index
// rather than from the sessions' rows, which hold their whole JSON (at 252 620 sessions: 44 ms against 280 ms warm,
// and 5 s when the rows were not in memory).
const QStringList schemaV12 = {
    u"CREATE INDEX IF NOT EXISTS sessions_filter ON sessions(provider, workspace, workspace_name, project_path, "
    "message_count, id)"_s,
};

// Pages are read through a map of the file's first 2 GiB (the most SQLite builds map) rather than copied into the
// page cache: a search reads the text of a few hundred messages it has not read before, each from a page of its
// own.
constexpr qint64 mmapBytes = 0x7fff0000;

// The scheme of a URL ("postgresql", "file"), or nothing when `text` is a path. A one-letter scheme is a Windows
// drive ("C:/x.db"), and a colon in a file name ("notes:v2.db") does not make a URL: a URL has "//" after its
// scheme, or one of the schemes a database is named with.
QString urlScheme(const QString& text)
{
    static const QRegularExpression url(u"^([A-Za-z][A-Za-z0-9+.-]+):(//)?"_s);
    const QRegularExpressionMatch match = url.match(text);
    if (!match.hasMatch()) {
        return {};
    }
    static const QStringList databaseSchemes{u"file"_s, u"postgres"_s, u"postgresql"_s, u"sqlite"_s};
    const QString scheme = match.captured(1).toLower();
    return !match.captured(2).isEmpty() || databaseSchemes.contains(scheme) ? scheme : QString();
}

// The file a file: URL names, or nothing when it names more (a host, SQLite's URI parameters).
QString fileOfUrl(const QString& text)
{
    const QUrl url(text);
    return url.isLocalFile() && !url.hasQuery() && !url.hasFragment() ? url.toLocalFile() : QString();
}

// The file the database is in: a path as it is, a file: URL's path. Any other URL is refused: taken as a path, it
// made a folder named after its scheme ("postgresql:") with a database in it.
Result<QString> databaseFile(const QString& text)
{
    const QString scheme = urlScheme(text);
    if (scheme.isEmpty()) {
        return text;
    }
    const QString shown = QUrl(text).toDisplayString(QUrl::RemovePassword);
    if (scheme == u"postgres"_s || scheme == u"postgresql"_s) {
        return Error{u"this command does not work on a team database yet: %1 (harvest run, search, list, status and "
                     "export do, and show session reads it)"_s.arg(shown)};
    }
    if (scheme == u"file"_s) {
        const QString file = fileOfUrl(text);
        if (!file.isEmpty()) {
            return file;
        }
        return Error{
            u"%1 names more than a file (a host, or SQLite's URI parameters): give the database's path"_s.arg(shown)};
    }
    return Error{u"%1 is a URL, not the path of a database file"_s.arg(shown)};
}

// What SQLite reads of a database without writing anything: its schema version and tables.
struct Contents
{
    int version = 0;
    QStringList tables;
};

// `withLog`: read-only with locks, which reads the write-ahead log too (and may write SQLite's shared-memory index
// beside it; with no log there, it would create the log and the index). Without: the main file alone, as an
// immutable file (no lock, no log, no index: nothing beside it is created or changed).
Result<Contents> contentsOf(const QString& path, bool withLog)
{
    static std::atomic<int> counter = 0;
    const QString name = u"chasm-inspect-%1"_s.arg(counter.fetch_add(1));
    Result<Contents> result = Contents{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        if (withLog) {
            db.setDatabaseName(path);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1"_s.arg(Database::busyTimeoutMs));
        } else {
            db.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + u"?immutable=1"_s);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"_s);
        }
        if (db.open()) {
            QSqlQuery query(db);
            // The version and the tables are read in one read transaction, from one state of the file: read apart,
            // a database another harvest made between the two reads showed its tables without its version (and was
            // refused as not Chasm's).
            if (!query.exec(u"BEGIN"_s) || !query.exec(u"PRAGMA user_version"_s) || !query.next()) {
                result = Error{query.lastError().text()};
            } else {
                result->version = query.value(0).toInt();
                query.finish();
                if (!query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s)) {
                    result = Error{query.lastError().text()};
                }
                while (result && query.next()) {
                    result->tables << query.value(0).toString();
                }
            }
            query.finish();
            query.exec(u"COMMIT"_s);
        } else {
            result = Error{db.lastError().text()};
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Error refusal(const QString& path, const Contents& contents)
{
    const QStringList& tables = contents.tables;
    const QString held = tables.isEmpty()
                             ? u"no tables, schema version %1"_s.arg(contents.version)
                             : u"other tables: "_s + QStringList(tables.mid(0, 3)).join(u", "_s) +
                                   (tables.size() > 3 ? u" and %1 more"_s.arg(tables.size() - 3) : QString());
    return Error{u"%1 is not a Chasm database (it holds %2); it was left as it is"_s.arg(path, held)};
}

// Why a file is not Chasm's database, when it is not: opening another application's database as Chasm's added
// Chasm's tables to it, and closing it folded its write-ahead log into it and deleted the log. Nothing there (the
// database is created), an empty file and an SQLite database without tables are Chasm's to fill.
std::optional<Error> notChasms(const QString& path)
{
    // Nothing there: the database is created (looked for before and after the open, as another process may be
    // creating it meanwhile).
    const auto missing = [&path] {
        const QFileInfo info(path);
        return !info.exists() && !info.isSymLink();
    };
    if (missing()) {
        return std::nullopt;
    }
    // Opened as a regular file, or not at all: SQLite, opening by name, waited on a FIFO forever.
    QFile file;
    if (auto error = RegularFile::open(file, path, -1)) {
        return missing() ? std::nullopt : error;
    }
    const QByteArray header = file.read(100);
    file.close();
    if (header.isEmpty()) {
        return std::nullopt;
    }
    if (!header.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
        return Error{u"%1 is not a Chasm database (not an SQLite file); it was left as it is"_s.arg(path)};
    }
    // A database Chasm made or upgraded says so in its header (written with its schema, so a header that says it
    // was written whole). Another file's header may say anything else, or be older than its write-ahead log: its
    // tables tell.
    if (header.size() == 100 && qFromBigEndian<quint32>(header.constData() + 68) == Database::applicationId) {
        return std::nullopt;
    }
    static const QStringList chasmTables{u"harvest_sources"_s, u"messages_v2"_s, u"sessions"_s};
    const auto isChasms = [](const Contents& c) {
        return (c.version == 0 && c.tables.isEmpty()) ||
               (c.version >= 1 && std::all_of(chasmTables.cbegin(), chasmTables.cend(),
                                              [&c](const QString& table) { return c.tables.contains(table); }));
    };
    // The file alone, read without a lock taken or a byte beside it touched, tells when it holds Chasm's tables, or
    // only others. Otherwise, when a write-ahead log is beside it, it may not: its tables may all be in the log (a
    // database just made, its maker still running), or a checkpoint was writing it as it was read (a page read half
    // old, half new: Chasm's tables without their version). Read with locks, the log included, it tells. (The log is
    // looked for before and after: a checkpoint that ended meanwhile may have deleted it.)
    const QString log = path + u"-wal"_s;
    const bool logBefore = QFileInfo::exists(log);
    Result<Contents> contents = contentsOf(path, false);
    if (contents && !contents->tables.isEmpty()) {
        const bool foreign = std::none_of(chasmTables.cbegin(), chasmTables.cend(), [&contents](const QString& table) {
            return contents->tables.contains(table);
        });
        if (foreign) {
            return refusal(path, *contents);
        }
        if (isChasms(*contents)) {
            return std::nullopt;
        }
    }
    // Chasm's tables without all the others or their version may also be a database another harvest is creating
    // in its first transaction, its pages read as they were written: read with locks too.
    if (logBefore || QFileInfo::exists(log) || !contents || !contents->tables.isEmpty()) {
        contents = contentsOf(path, true);
    }
    if (!contents) {
        return Error{u"%1 is not a Chasm database (SQLite cannot read it: %2); it was left as it is"_s.arg(
            path, contents.error().message)};
    }
    if (isChasms(*contents)) {
        return std::nullopt;
    }
    return refusal(path, *contents);
}

} // namespace

QString Database::defaultPath(const Environment& environment)
{
    return resolvePath(environment, {});
}

QString Database::standardPath(const Environment& environment)
{
    return environment.dataHome() + u"/chasm/chasm.db"_s;
}

QString Database::resolvePath(const Environment& environment, const QString& given)
{
    const QString named = given.isEmpty() ? environment.variable(u"CHASM_DB"_s) : given;
    if (named.isEmpty()) {
        return standardPath(environment);
    }
    const QString scheme = urlScheme(named);
    if (scheme.isEmpty()) {
        return environment.absolutePath(named);
    }
    const QString file = scheme == u"file"_s ? fileOfUrl(named) : QString();
    return file.isEmpty() ? named : environment.absolutePath(file);
}

std::optional<Error> Database::refusal(const QString& path)
{
    return notChasms(QFileInfo(path).absoluteFilePath());
}

Result<std::unique_ptr<Database>> Database::open(const QString& given,
                                                 const std::function<void(const QString&)>& notice)
{
    const auto file = databaseFile(given);
    if (!file) {
        return file.error();
    }
    const QFileInfo info(*file);
    const QString path = info.absoluteFilePath();
    if (auto refused = notChasms(path)) {
        return *refused;
    }
    if (!QDir().mkpath(info.absolutePath())) {
        return Error{u"cannot create the folder of %1"_s.arg(path)};
    }
    std::unique_ptr<Database> db(new Database);
    static std::atomic<int> counter = 0;
    db->m_path = path;
    db->m_connection = u"chasm-store-%1"_s.arg(counter.fetch_add(1));
    QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, db->m_connection);
    connection.setDatabaseName(db->m_path);
    connection.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!connection.open()) {
        return Error{u"cannot open %1: %2"_s.arg(path, connection.lastError().text())};
    }
    // 16 KiB pages (set before WAL, so only a new database takes them): a session's JSON spans a quarter of the
    // pages it would at 4 KiB, and a 1 GB harvest ran 10 % faster. A 64 MiB page cache and the staging table in
    // memory (see HarvestStore) saved another 6 %; both are bounds, not allocations.
    if (auto error = db->execute({u"PRAGMA page_size=16384"_s})) {
        return *error;
    }
    if (auto error = db->enterWal()) {
        return *error;
    }
    if (auto error =
            db->execute({u"PRAGMA synchronous=NORMAL"_s, u"PRAGMA foreign_keys=ON"_s, u"PRAGMA cache_size=-65536"_s})) {
        return *error;
    }
    // An upgrade may rewrite the whole index, so it runs before the map of the file is made and with temporary files
    // on disk: the pages it reads are copied into the page cache, which bounds them, and the pages a statement changes
    // (dropping the old index frees every page of it) are kept in a file rather than in memory. Rebuilding the index of
    // 1.16 M messages peaked at 1.3 GiB through the map, and dropping an index of 430 MB took 440 MiB in memory.
    if (auto error = db->execute({u"PRAGMA temp_store=FILE"_s})) {
        return *error;
    }
    if (auto error = db->migrate(notice)) {
        return *error;
    }
    if (auto error = db->execute({u"PRAGMA temp_store=MEMORY"_s, u"PRAGMA mmap_size=%1"_s.arg(mmapBytes)})) {
        return *error;
    }
    db->m_rank = Fts5Rank::install(nativeSqlite(db->connection()));
    return db;
}

Database::~Database()
{
    if (m_connection.isEmpty()) {
        return;
    }
    {
        QSqlDatabase connection = QSqlDatabase::database(m_connection, false);
        connection.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

std::optional<Error> Database::compressJson(const QString& table, const std::function<void(const QString&)>& notice)
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT rowid FROM %1 WHERE typeof(data) = 'text'"_s.arg(table))) {
        return Error{u"cannot read %1: %2"_s.arg(m_path, query.lastError().text())};
    }
    QList<qint64> rows;
    while (query.next()) {
        rows.append(query.value(0).toLongLong());
    }
    query.finish();
    if (rows.size() > 1000 && notice) {
        notice(u"Upgrading %1: the JSON of %2 %3 is compressed (this happens once)."_s.arg(
            m_path, QString::number(rows.size()), table));
    }
    QSqlQuery write(connection());
    query.prepare(u"SELECT CAST(data AS BLOB) FROM %1 WHERE rowid = ?"_s.arg(table));
    write.prepare(u"UPDATE %1 SET data = ? WHERE rowid = ?"_s.arg(table));
    for (const qint64 row : std::as_const(rows)) {
        query.addBindValue(row);
        if (!query.exec() || !query.next()) {
            return Error{u"cannot read %1: %2"_s.arg(m_path, query.lastError().text())};
        }
        const QByteArray text = query.value(0).toByteArray();
        query.finish();
        write.addBindValue(compressText(std::string_view(text.constData(), std::size_t(text.size()))));
        write.addBindValue(row);
        if (!write.exec()) {
            return Error{u"cannot write %1: %2"_s.arg(m_path, write.lastError().text())};
        }
    }
    return std::nullopt;
}

std::optional<Error> Database::enterWal()
{
    // Two connections making a new database at once both find it in rollback mode; the one that does not switch it
    // is told "database is locked" at once, without SQLite's busy handler: it asks again, up to the busy timeout.
    QSqlQuery query(connection());
    QDeadlineTimer deadline(busyTimeoutMs);
    while (true) {
        if (query.exec(u"PRAGMA journal_mode=WAL"_s) && query.next() &&
            query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0) {
            return std::nullopt;
        }
        const QString error = query.lastError().isValid() ? query.lastError().text() : u"database is locked"_s;
        query.finish();
        if (deadline.hasExpired()) {
            return Error{u"cannot open %1 in WAL mode: %2"_s.arg(m_path, error)};
        }
        QThread::msleep(20);
    }
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connection, false);
}

std::optional<Error> Database::execute(const QStringList& statements) const
{
    QSqlQuery query(connection());
    for (const QString& statement : statements) {
        if (!query.exec(statement)) {
            return Error{u"%1: %2"_s.arg(m_path, query.lastError().text())};
        }
    }
    return std::nullopt;
}

std::optional<Error> Database::migrate(const std::function<void(const QString&)>& notice)
{
    QSqlQuery query(connection());
    const auto readVersion = [&]() -> Result<int> {
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            return Error{u"cannot read %1: %2"_s.arg(m_path, query.lastError().text())};
        }
        const int version = query.value(0).toInt();
        query.finish();
        if (version > schemaVersion) {
            return Error{
                u"%1 was written by a newer Chasm (schema %2; this one knows up to %3); it was not changed"_s.arg(
                    m_path, QString::number(version), QString::number(schemaVersion))};
        }
        return version;
    };
    // The version is read again once the database is ours to write (a write lock from the start): another process may
    // have created or migrated it meanwhile. Read in a deferred transaction, the second of two processes creating a
    // database both found it empty and failed ("table sessions already exists"), or could not take the lock it
    // waited for ("database is locked"). The lock is asked for a tenth of a second at a time, and the version read
    // between: the process that made the schema holds the lock again at once for its harvest's writes, which may
    // last longer than the busy timeout.
    QSqlDatabase db = connection();
    const QDeadlineTimer deadline(busyTimeoutMs);
    Result<int> current = 0;
    while (true) {
        current = readVersion();
        if (!current || *current == schemaVersion) {
            return current ? std::nullopt : std::optional<Error>(current.error());
        }
        execute({u"PRAGMA busy_timeout = 100"_s});
        const bool locked = query.exec(u"BEGIN IMMEDIATE"_s);
        const QString error = query.lastError().text();
        execute({u"PRAGMA busy_timeout = %1"_s.arg(busyTimeoutMs)});
        if (locked) {
            break;
        }
        if (deadline.hasExpired()) {
            return Error{u"cannot write %1: %2"_s.arg(m_path, error)};
        }
    }
    current = readVersion();
    if (!current || *current == schemaVersion) {
        db.rollback();
        return current ? std::nullopt : std::optional<Error>(current.error());
    }
    const int version = *current;
    QStringList steps;
    if (version < 1) {
        steps << schemaV1;
    }
    if (version < 2) {
        steps << schemaV2;
    }
    // About how many messages the database holds (the last one's row), for the notices of long upgrades.
    const auto storedMessages = [&query] {
        query.exec(u"SELECT max(id) FROM messages_v2"_s);
        const qint64 messages = query.next() ? query.value(0).toLongLong() : 0;
        query.finish();
        return messages;
    };
    if (version < 3) {
        if (version >= 1 && notice) {
            const qint64 messages = storedMessages();
            if (messages > 0) {
                notice(u"Upgrading %1: its search index is rebuilt so that words find their other forms "
                       "(about %2 messages; this happens once)."_s.arg(m_path, QString::number(messages)));
            }
        }
        steps << schemaV3;
    }
    if (version < 4) {
        steps << schemaV4;
    }
    if (version < 5) {
        steps << schemaV5;
    }
    const auto pageSize = [&query] {
        query.exec(u"PRAGMA page_size"_s);
        const int size = query.next() ? query.value(0).toInt() : 4096;
        query.finish();
        return size;
    };
    if (version < 6) {
        steps << schemaV6(pageSize());
    }
    if (version < 7) {
        if (version >= 1 && notice) {
            const qint64 messages = storedMessages();
            if (messages > 100000) {
                notice(u"Upgrading %1: its messages and tool calls are indexed for reading long sessions in parts "
                       "(about %2 messages; this happens once)."_s.arg(m_path, QString::number(messages)));
            }
        }
        steps << schemaV7;
    }
    if (version < 9) {
        steps << schemaV9;
    }
    if (version < 10) {
        steps << schemaV10;
    }
    if (version < 11) { // and 8
        if (version >= 1 && notice) {
            const qint64 messages = storedMessages();
            if (messages > 100000) {
                notice(u"Upgrading %1: its search index is rebuilt so that searches for the start of a word are fast "
                       "(about %2 messages, half a minute or so for a million; this happens once)."_s.arg(
                           m_path, QString::number(messages)));
            }
        }
        steps << searchIndex(pageSize());
    }
    if (version < 12) {
        steps << schemaV12;
    }
    steps << u"PRAGMA user_version = %1"_s.arg(schemaVersion) << u"PRAGMA application_id = %1"_s.arg(applicationId);
    if (auto error = execute(steps)) {
        db.rollback();
        return error;
    }
    if (version >= 1 && version < 5) {
        for (const QString& table : {u"sessions"_s, u"checkpoints"_s}) {
            if (auto error = compressJson(table, notice)) {
                db.rollback();
                return error;
            }
        }
    }
    if (!db.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(m_path, db.lastError().text())};
    }
    return std::nullopt;
}

} // namespace chasm
