// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// A libFuzzer harness for one of Chasm's readers, chosen at build time (CHASM_FUZZ_READER): the input is
// put where that reader finds it (a session file in a HOME of its tool's layout, a row of a tool's
// database, a recovery manifest) and read through the same calls the CLI makes. Built by scripts/fuzz.
#include "json/Json.h"
#include "providers/ProviderRegistry.h"
#include "providers/SessionCache.h"
#include "store/SearchQuery.h"
#include "util/Environment.h"
#include "util/FileTransaction.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/SessionIndex.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

struct Target
{
    const char* reader;
    const char* provider; // read through this provider's listing and load; empty: a direct call
    const char* path;     // where the input goes, under HOME
};

constexpr Target targets[] = {
    {"vscode-json", "copilot", ".config/Code/User/workspaceStorage/0123456789abcdef/chatSessions/s.json"},
    {"vscode-jsonl", "copilot", ".config/Code/User/workspaceStorage/0123456789abcdef/chatSessions/s.jsonl"},
    {"claude-code", "claude-code", ".claude/projects/-home-dev-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"},
    {"codex", "codex",
     ".codex/sessions/2026/02/03/rollout-2026-02-03T08-00-00-0199aaaa-1111-7222-8333-444455556666.jsonl"},
    {"gemini-jsonl", "gemini", ".gemini/tmp/app/chats/session-2026-04-01T10-00-9a1b2c3d.jsonl"},
    {"gemini-json", "gemini", ".gemini/tmp/app/chats/session-2025-09-01T08-00-5cdd2021.json"},
    {"qwen", "qwen", ".qwen/projects/-home-dev-cli/chats/7b7b7b7b-0000-4000-8000-000000000003.jsonl"},
    {"droid", "droid", ".factory/sessions/-home-dev-shop/d1d1d1d1-0000-4000-8000-000000000001.jsonl"},
    {"continue", "continue", ".continue/sessions/0199aaaa-1111-7222-8333-444455556666.json"},
    {"aider", "aider", "project/.aider.chat.history.md"},
    {"opencode-rows", "opencode", ".local/share/opencode/opencode.db"},
    {"cursor-rows", "cursor", ".config/Cursor/User/globalStorage/state.vscdb"},
    {"vscode-index", "", ".config/Code/User/workspaceStorage/0123456789abcdef/state.vscdb"},
    {"manifest", "", "project/.chasm_recovery/20260101-000000-000.json"},
    {"search-query", "", ""},
};

const Target& target()
{
    for (const Target& t : targets) {
        if (qstrcmp(t.reader, CHASM_FUZZ_READER) == 0) {
            return t;
        }
    }
    qFatal("unknown reader %s", CHASM_FUZZ_READER);
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.write(bytes);
    }
}

// A SQLite database made of `statements`, the next of `values` bound to the one parameter of each that has one.
void writeDatabase(const QString& path, const QStringList& statements, const QVariantList& values)
{
    QFile::remove(path);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fuzz"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            qsizetype next = 0;
            for (const QString& statement : statements) {
                query.prepare(statement);
                if (statement.contains(u'?')) {
                    query.addBindValue(values.value(next++));
                }
                query.exec();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"fuzz"_s);
}

// Two rows' values in one input: what comes before the first newline, and what comes after it.
std::pair<QByteArray, QByteArray> splitAtNewline(const QByteArray& input)
{
    const qsizetype split = input.indexOf('\n');
    return split < 0 ? std::pair{input, QByteArray()} : std::pair{input.left(split), input.mid(split + 1)};
}

struct Harness
{
    QTemporaryDir home{QDir::tempPath() + u"/chasm-fuzz-XXXXXX"_s};
    Environment environment;
    QString path;

    Harness()
    {
        environment = Environment::fromVariables({{u"HOME"_s, home.path()}, {u"PWD"_s, home.filePath(u"project"_s)}},
                                                 Platform::Linux);
        path = home.filePath(QString::fromLatin1(target().path));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QDir().mkpath(home.filePath(u"project"_s));
        QFile descriptor(home.filePath(u".config/Code/User/workspaceStorage/0123456789abcdef/workspace.json"_s));
        if (descriptor.open(QIODevice::WriteOnly)) {
            descriptor.write(QString(u"{\"folder\":\"file://"_s + home.filePath(u"project"_s) + u"\"}"_s).toUtf8());
        }
        if (qstrcmp(target().reader, "cursor-rows") == 0) {
            // A Cursor workspace whose composer list names the fuzzed composer, so that the listing gives it
            // that workspace's project, as Cursor's own stores do.
            const QString workspace = home.filePath(u".config/Cursor/User/workspaceStorage/f00dfeed"_s);
            QDir().mkpath(workspace);
            write(workspace + u"/workspace.json"_s,
                  QString(u"{\"folder\":\"file://"_s + home.filePath(u"project"_s) + u"\"}"_s).toUtf8());
            writeDatabase(workspace + u"/state.vscdb"_s,
                          {u"CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)"_s,
                           u"INSERT INTO ItemTable VALUES ('composer.composerData', "
                           "'{\"allComposers\":[{\"composerId\":\"cmp-1111-aaaa\"}]}')"_s},
                          {});
        }
    }
};

// What a person types: whatever the parser accepts must be an expression FTS5 accepts, with the harvest
// database's tokenizer; anything else is a finding.
void searchQuery(const QByteArray& input)
{
    static const QSqlDatabase db = [] {
        QSqlDatabase memory = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fuzz-fts"_s);
        memory.setDatabaseName(u":memory:"_s);
        memory.open();
        QSqlQuery(memory).exec(
            u"CREATE VIRTUAL TABLE t USING fts5(content, tokenize='porter unicode61 remove_diacritics 2')"_s);
        QSqlQuery(memory).exec(u"INSERT INTO t VALUES ('the quokka fixed foo.bar() in auth middleware')"_s);
        return memory;
    }();
    const auto query = SearchQuery::parse(QString::fromUtf8(input));
    if (!query) {
        return;
    }
    QSqlQuery match(db);
    match.prepare(u"SELECT count(*) FROM t WHERE t MATCH ?"_s);
    match.addBindValue(query->fts());
    if (!match.exec()) {
        qFatal("FTS5 refused %s (from %s): %s", qPrintable(query->fts()), input.toHex().constData(),
               qPrintable(match.lastError().text()));
    }
}

void readThroughProvider(const Harness& harness, const char* id)
{
    const Provider* provider = ProviderRegistry::standard().find(QString::fromLatin1(id));
    SessionCache cache;
    const QList<Workspace> workspaces = provider->workspaces(harness.environment);
    for (const SessionRef& ref : provider->sessions(workspaces, cache, Listing::Described)) {
        const auto session = provider->load(ref, [](Session&&) {});
        if (session) {
            (void)provider->nativeRecord(ref, 0);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static Harness harness;
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const Target& t = target();
    const QString reader = QString::fromLatin1(t.reader);

    if (reader == u"search-query"_s) {
        searchQuery(input);
        return 0;
    }
    if (reader == u"opencode-rows"_s) {
        // The input is a message's data, then (after the first newline) its part's data.
        const auto [message, part] = splitAtNewline(input);
        writeDatabase(harness.path,
                      {u"CREATE TABLE session (id text PRIMARY KEY, project_id text NOT NULL, parent_id text, slug "
                       "text NOT NULL, directory text NOT NULL, title text NOT NULL, version text NOT NULL, "
                       "tokens_input integer DEFAULT 0 NOT NULL, tokens_output integer DEFAULT 0 NOT NULL, "
                       "time_created integer NOT NULL, time_updated integer NOT NULL)"_s,
                       u"CREATE TABLE message (id text PRIMARY KEY, session_id text NOT NULL, time_created integer "
                       "NOT NULL, time_updated integer NOT NULL, data text NOT NULL)"_s,
                       u"CREATE TABLE part (id text PRIMARY KEY, message_id text NOT NULL, session_id text NOT NULL, "
                       "time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL)"_s,
                       u"INSERT INTO session VALUES ('ses_a', 'prj', NULL, 'owl', '/home/dev/blog', 'Title', "
                       "'1.18.0', 0, 0, 1767600000000, 1767600090000)"_s,
                       u"INSERT INTO message VALUES ('msg_1', 'ses_a', 1767600001000, 1767600001000, ?)"_s,
                       u"INSERT INTO part VALUES ('prt_1', 'msg_1', 'ses_a', 1767600001000, 1767600001000, ?)"_s},
                      {QString::fromUtf8(message), QString::fromUtf8(part)});
    } else if (reader == u"cursor-rows"_s) {
        // The input is a composer's composerData value, then (after the first newline) the value of its bubble
        // b1, which a conversation header naming b1 reaches. Both are bound as BLOBs, the column's type, so that
        // bytes that are not UTF-8 reach the reader as they are.
        const auto [composer, bubble] = splitAtNewline(input);
        writeDatabase(harness.path,
                      {u"CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)"_s,
                       u"INSERT INTO cursorDiskKV VALUES ('composerData:cmp-1111-aaaa', ?)"_s,
                       u"INSERT INTO cursorDiskKV VALUES ('bubbleId:cmp-1111-aaaa:b1', ?)"_s},
                      {composer, bubble});
    } else if (reader == u"vscode-index"_s) {
        writeDatabase(harness.path,
                      {u"CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)"_s,
                       u"INSERT INTO ItemTable VALUES ('chat.ChatSessionStore.index', ?)"_s},
                      {QString::fromUtf8(input)});
        (void)SessionIndex::read(harness.path);
        return 0;
    } else {
        write(harness.path, input);
    }

    if (reader == u"manifest"_s) {
        (void)RecoveryPoint::read(harness.path);
    } else if (reader.startsWith(u"vscode-"_s)) {
        if (auto contents = ChatSessionFile::read(harness.path)) {
            (void)ChatSessionConverter::convert(contents->tree, {u"copilot"_s, u"s"_s, {}, {}, {}});
            (void)SessionIndex::entryFor(contents->tree, u"s"_s, 0);
        }
        readThroughProvider(harness, t.provider);
    } else {
        readThroughProvider(harness, t.provider);
    }
    return 0;
}
