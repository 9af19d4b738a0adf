// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "ops/Registrar.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/SessionCompatibility.h"

#include <QDateTime>

namespace chasm {

// Recovery on single VS Code-family session files, wherever they are (a workspace, a backup, a copy):
// what a file is, salvaging a damaged log, converting between the two formats. Writes go through a
// FileTransaction: a new file is never written over an existing one, a file rewritten in place keeps
// its backup beside it, and every change can be undone.
class SessionFileRecovery
{
public:
    struct Detection
    {
        QString path;
        qint64 size = 0;
        QString format;  // "json" or "jsonl"
        int version = 0; // the session's "version" (3 today), 0 when it has none
        int entries = 0; // log entries (1 for a .json)
        int requests = 0;
        QString sessionId;
        QString title;
        int concatenatedRecords = 0;
        bool damagedTail = false;
        QString error; // why it cannot be read, if it cannot
        // What the reader noticed on the way (a line cut off, a lone surrogate replaced), and each request: for
        // `recover detect --verbose`.
        QStringList warnings;
        struct Request
        {
            QString id;
            QDateTime time; // invalid when it has none
            QString message;
        };
        QList<Request> requestList;
    };
    static Detection detect(const QString& path);

    // Replays a damaged log keeping every record that can be read (aggressively: also skipping entries
    // that cannot apply, and looking for records inside damaged lines), and writes the session as one
    // snapshot: to `output`, a new file, or over the log (its .bak kept) when `output` is empty.
    static Result<Registrar::Report> salvage(const QString& log, const QString& output, bool aggressive,
                                             const Registrar::Options& options);

    // The sessions an editor's state database holds itself: very old VS Code kept them all under the
    // key `interactive.sessions` before it moved them to files. A database that holds only the index
    // (titles and dates) says so: the contents are in the chatSessions files.
    static Result<QList<boost::json::value>> sessionsInStateDatabase(const QString& database);

    // Copies every session file of the workspaces, byte for byte, into `folder`, a new or empty folder:
    // one folder per workspace (<editor>-<hash>) and workspaces.json saying which project each was. With
    // `allFormats` every session is also written in the other format and as a Markdown transcript; with
    // `includeEdits` the editor's record of its file edits (chatEditingSessions/<id>) is copied as well.
    // Unreadable files are copied as they are and named in the warnings. Returns the files written (in
    // a dry run, those it would write).
    struct Extraction
    {
        QStringList files;
        QStringList warnings;
        int sessions = 0;
    };
    static Result<Extraction> extract(const QList<Workspace>& workspaces, const QString& folder, bool allFormats,
                                      bool includeEdits, bool dryRun);

    // Writes the session in the other format (or `format`): a .json as a one-snapshot .jsonl, a .jsonl
    // as a .json. To `output` (a new file), or beside the input with the other extension. What the
    // chosen generation of readers needs and the session lacks is filled in (SessionCompatibility);
    // legacy readers read only .json, so that is their default format.
    static Result<Registrar::Report> convert(const QString& input, const QString& output,
                                             std::optional<ChatSessionFile::Format> format,
                                             SessionCompatibility::Readers readers, const Registrar::Options& options);
};

} // namespace chasm
