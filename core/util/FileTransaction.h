// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace chasm {

class Environment;

// What one operation changed in a user's files, as recorded in its manifest: enough to list it and to
// put every file back.
struct RecoveryPoint
{
    struct File
    {
        QString path;
        // The copy of the file as it was; empty for a file the operation created.
        QString backup;
        // SHA-256 of what the operation left in the file: undo notices a file changed since.
        QByteArray sha256;
        // The operation deleted the file (after backing it up).
        bool removed = false;
    };
    QString manifest; // <recovery folder>/<stamp>.json
    QString operation;
    QDateTime created;
    // The folders the operation was allowed to change (its workspace's storage, the project): every file
    // of the point lies inside one of them.
    QStringList scope;
    QList<File> files;
    // One line per change, in the words the operation printed.
    QStringList changes;
    // When it was undone; invalid while it can be undone.
    QDateTime undone;

    // A manifest is trusted only as Chasm wrote it: signed with this user's recovery key (an HMAC kept
    // outside every project, see recoveryKeyPath), its files inside its scope, its backups beside them or
    // in its own recovery folder, none of them a link. Anything else is an error: a recovery folder
    // comes along with a cloned repository, and undo writes wherever a manifest says.
    static Result<RecoveryPoint> read(const QString& manifest);
    // Where the key that signs recovery points is kept: <config>/chasm/recovery.key, made on first use
    // (readable by the user only).
    static QString recoveryKeyPath();
    // The recovery points kept in a folder that were not undone (and with `withUndone` those undone too),
    // newest first; unreadable manifests are left out.
    static QList<RecoveryPoint> list(const QString& folder, bool withUndone = false);
    // The command that undoes this point.
    QString undoCommand() const;

    // The journal of recovery folders: every folder a point was made in, one absolute path per line, so
    // that the points outside every workspace (a session file repaired where it lies, a Claude Code
    // project moved) are listed too. The programs keep it at journalFile(); unset (in a library's own
    // tests), nothing is recorded.
    static void setJournal(const QString& file);
    static QString journalFile(const Environment& environment);
    // The folders of the journal that exist.
    static QStringList journalFolders();
};

// Changes to a user's files made so that nothing is lost: before a file is replaced it is copied (a
// session file beside itself as <name>.bak, or <name>.bak-<stamp> when that exists; anything else into
// the recovery folder), each write goes to a temporary file renamed over the original (QSaveFile), so
// a crash leaves the old or the new file, and a manifest in the recovery folder, rewritten after each
// step, records what changed so `undo` can put it back, even after a crash half way. With `dryRun`
// nothing is written: the changes are only described.
class FileTransaction
{
public:
    enum class BackupPlace
    {
        Beside,         // <name>.bak next to the file
        RecoveryFolder, // <recovery folder>/<stamp>/<name>
    };

    // `scope`: the folders the operation may change; a file outside them (links resolved) is refused.
    FileTransaction(QString operation, QString recoveryFolder, bool dryRun, QStringList scope);

    bool dryRun() const { return m_dryRun; }
    QString recoveryFolder() const { return m_folder; }

    // Copies the file before the caller changes it by other means (a database written through SQL);
    // finish() then records what it holds.
    std::optional<Error> preserve(const QString& path, BackupPlace place, const QString& change);
    // Backs the file up and replaces its bytes.
    std::optional<Error> replace(const QString& path, const QByteArray& bytes, BackupPlace place,
                                 const QString& change);
    // Backs the file up and deletes it; undo puts it back.
    std::optional<Error> remove(const QString& path, BackupPlace place, const QString& change);
    // Records a new file the caller is about to create by other means (a database through SQL), so that
    // undo removes it.
    std::optional<Error> willCreate(const QString& path, const QString& change);
    // Writes a new file; one that exists already is an error, never overwritten.
    std::optional<Error> create(const QString& path, const QByteArray& bytes, const QString& change);
    // A change to describe that touches no file (a dry run's plan, a skipped step).
    void note(const QString& change) { m_point.changes << change; }

    // Records the final state of the files and returns the recovery point (manifest empty when nothing
    // was written).
    Result<RecoveryPoint> finish();
    const QStringList& changes() const { return m_point.changes; }
    bool wroteAnything() const { return !m_point.files.isEmpty(); }

    // Puts every file of a recovery point back: backups are restored (atomically) and files the
    // operation created are removed; the manifest is then renamed <stamp>.undone.json, so a point is
    // undone once. A file that changed after the operation (the editor wrote to it since) stops the
    // undo unless `force`; then its current content is first kept beside it as
    // <name>.before-undo-<stamp>, so undo loses nothing either. Returns what it did.
    static Result<QStringList> undo(const RecoveryPoint& point, bool force = false);

private:
    Result<QString> backup(const QString& path, BackupPlace place);
    // An error unless `path` lies inside the scope and is not a link.
    std::optional<Error> checkInScope(const QString& path) const;
    std::optional<Error> saveManifest();

    bool m_dryRun;
    QString m_folder;
    QString m_stamp;
    RecoveryPoint m_point;
};

// Copies a file through a temporary file renamed into place, in chunks (files may be gigabytes).
std::optional<Error> copyAtomically(const QString& from, const QString& to);
// Writes bytes through a temporary file renamed into place.
std::optional<Error> writeAtomically(const QString& path, const QByteArray& bytes);
// SHA-256 of a file's bytes, read in chunks; empty when it cannot be read.
QByteArray fileSha256(const QString& path);

} // namespace chasm
