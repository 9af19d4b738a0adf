// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "util/Environment.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QTemporaryDir>

namespace chasm {
class Provider;
class SessionCache;
struct SessionRef;
} // namespace chasm

namespace chasm::test {

// A user's HOME built from tests/data/<set>/home in a fresh temporary directory: `${HOME}` in files
// becomes the directory's path, each index.json becomes a real state.vscdb (SQLite, with VS
// Code's ItemTable) beside it, and each <name>.sql becomes the SQLite database <name>.
class FixtureHome
{
public:
    explicit FixtureHome(const QString& set = QStringLiteral("vscode"));
    // Several sets in one HOME (each tool keeps its own folders, so they do not overlap).
    explicit FixtureHome(const QStringList& sets);

    bool isValid() const { return m_valid; }
    QString path() const { return m_dir.path(); }
    QString file(const QString& relative) const { return m_dir.filePath(relative); }
    // A Linux environment with only HOME (and PWD = HOME) set.
    Environment environment() const;

    // Creates a state.vscdb holding `indexJson` under chat.ChatSessionStore.index, as VS Code does.
    static bool writeStateDatabase(const QString& path, const QByteArray& indexJson);
    // Creates a SQLite database from a script of ";"-separated statements (fixture files "<db>.sql").
    static bool runScript(const QString& path, const QByteArray& script);

private:
    bool add(const QString& set);

    QTemporaryDir m_dir;
    bool m_valid = false;
};

QByteArray readAll(const QString& path);
// Writes a file whole, creating its folder; false when it cannot.
bool writeFile(const QString& path, const QByteArray& bytes);
// Every file under a folder (hidden ones too), by its path relative to the folder, with its bytes: to
// check that an operation left a tree byte for byte as it was. Chasm's listing cache (.cache/chasm) is
// left out.
QMap<QString, QByteArray> fileTree(const QString& root);
// The files under `root` (hidden ones too) that hold `secret`: to check that a token was written nowhere.
QStringList filesHolding(const QString& root, const QByteArray& secret);
// Adds to a harvest database (with at least one session) tool calls that make a file's history slow by
// construction: it looks for the path in the calls' inputs with SQLite's instr, which compares the path at every
// position; inputs of two million 'a's and slowFilePath() (4 000 'a's, then a 'b') make that seconds for one
// statement over 40 MB. The error, or an empty string.
QString addSlowToolCalls(const QString& database);
QByteArray slowFilePath();
// What this process has read from files so far (Linux's count of it, rchar in /proc/self/io), or -1: how a test
// tells that a read was left, or went on from where an earlier one stopped, by what it read instead of a time.
qint64 bytesRead();
// The roles of a session's messages in order ("user", "assistant", "system").
QStringList roles(const Session& session);
// The session of the file at `path` of a provider that keeps one file per session, named after its file.
SessionRef fileSession(const Provider& provider, const QString& path);
// What a whole read (Provider::load) makes of a session, and what a read in parts (Provider::read) does: the same
// JSON text of the session (as `show --json` prints it), or "ERROR: " and the same error.
QString wholeRead(const Provider& provider, const SessionRef& ref);
QString readInParts(const Provider& provider, const SessionRef& ref, const SessionCache* checkpoints = nullptr);
// What a viewer's read (Provider::open, in parts whatever the file's size) makes of a session, as the same JSON text
// without the files the session refers to (which a viewer does not get): its messages asked for a few at a time from
// the last to the first, which must be what one pass through them (SessionMessages::scan) gives. And the same of a
// whole read without its files.
QString openedRead(const Provider& provider, const SessionRef& ref);
QString wholeReadWithoutFiles(const Provider& provider, const SessionRef& ref);
// Writes the log at `path` in `home` as its tool appends to it, up to each of `cuts` in turn (in order; the first is
// the first listing's), and lists the sessions of the provider `provider` after each: an empty string when every
// listing describes the log as a whole read (Provider::load) does, and each but the first read less than `most` bytes
// (it went on from where the last one stopped); else what differs.
QString listedAsGrown(const FixtureHome& home, const QString& provider, const QString& path, const QByteArray& full,
                      const QList<qint64>& cuts, qint64 most);
// VS Code's (and its forks') workspace id for a local folder on Linux, computed from the rule in workspaces.ts (md5
// of the path followed by the folder's inode number), not with Chasm's code; empty when the folder is not there.
QString editorWorkspaceId(const QString& folder);

} // namespace chasm::test
