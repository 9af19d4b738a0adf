// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace chasm {

// A Git repository as Chasm versions sessions in it: stage, commit, tag, walk the history, read what a commit
// holds and what changed between two. Implemented over libgit2 (ops/git) in the chasm-git module, which the program
// hands to the services that version (as it hands them an HTTP transport, HttpRequest.h): only the commands that
// version load it, so that no other command pays for libgit2 and the libraries it brings at start. Every failure is one
// line naming the repository.
class GitRepository
{
public:
    virtual ~GitRepository() = default;

    struct Commit
    {
        QString id;
        QString summary; // the message's first line
        QString message;
        QString author;
        QDateTime time;
        QStringList paths; // the files it changed, against its first parent
    };
    // A file that differs between two versions: "added", "modified", "deleted" or "renamed".
    struct Change
    {
        QString path;
        QString status;
    };
    // A file git status names: where it differs (staged: the index from HEAD; unstaged: the work tree from the
    // index), as "new", "modified", "deleted", or empty where it does not.
    struct StatusEntry
    {
        QString path;
        QString staged;
        QString unstaged;
    };

    // The work tree's folder, without a trailing slash.
    virtual QString workTree() const = 0;
    // The value of a configuration key (local, else global), empty when unset.
    virtual Result<QString> config(const QString& key) const = 0;
    // Sets a key in the repository's own configuration (.git/config).
    virtual std::optional<Error> setConfig(const QString& key, const QString& value) = 0;
    // Ignore rules (.gitignore syntax) for as long as this repository is open, written nowhere.
    virtual std::optional<Error> ignore(const QString& rules) = 0;
    // git add -A -- PATHSPECS: new, changed and deleted files under them staged (ignored files left out).
    virtual std::optional<Error> stage(const QStringList& pathspecs) = 0;
    virtual Result<QList<StatusEntry>> status(const QStringList& pathspecs) const = 0;
    // Commits what is staged on HEAD's branch; an empty id when it holds what HEAD holds (nothing to commit).
    virtual Result<QString> commit(const QString& message) = 0;
    // An annotated tag on a commit; a tag of that name already there is an error.
    virtual std::optional<Error> tag(const QString& name, const QString& commit, const QString& message) = 0;
    // A revision (an id or a prefix of it, HEAD~2, a tag, a branch) as the full id of its commit.
    virtual Result<QString> resolve(const QString& revision) const = 0;
    // HEAD's history, newest first, at most `limit` commits; with `touching`, only those that changed a file under
    // that folder. Empty for a repository without commits.
    virtual Result<QList<Commit>> log(int limit, const QString& touching = {}) const = 0;
    // The files under the folder `prefix` (every file when empty; the file itself when it names one) at a commit, by
    // path, with their bytes.
    virtual Result<QMap<QString, QByteArray>> files(const QString& commit, const QString& prefix) const = 0;
    // What differs under `prefix` (everything when empty) from commit `from` to commit `to`, or to the work tree when
    // `to` is empty (untracked files count as added).
    virtual Result<QList<Change>> changes(const QString& from, const QString& to, const QString& prefix) const = 0;
};

// What the chasm-git module offers: open the repository a folder is in (it or a folder above it), or make one.
// `home` is where the user's global configuration (~/.gitconfig) is looked for: the environment's HOME.
struct GitLibrary
{
    Result<std::unique_ptr<GitRepository>> (*open)(const QString& folder, const QString& home);
    Result<std::unique_ptr<GitRepository>> (*init)(const QString& folder, const QString& home);
};

// The module's one exported symbol, a function returning the GitLibrary, is named this.
inline constexpr char gitPluginEntry[] = "chasmGitPlugin";
// The module's base name: QLibrary adds the platform's prefix and suffix.
inline constexpr char gitPluginName[] = "chasm-git";

} // namespace chasm
