// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <functional>

namespace chasm {

struct ArchiveLibrary;

// A migration package on disk: a tar compressed with zstd whose first entry, manifest.json, lists every
// other entry with its SHA-256, size, provider and where it came from. Written atomically; read as a
// hostile file: nothing in it is used before every entry was checked against the manifest (regular files
// only, relative names without "..", sizes as declared and capped, checksums equal).
class MigrationPackage
{
public:
    // How a file's path is re-keyed on the new machine (see Migration::restore).
    enum class Kind
    {
        VsCodeWorkspace, // <editor user dir>/workspaceStorage/<id>/...
        ClaudeProject,   // <claude>/projects/<project name>/...
        CodexRollout,    // <codex>/sessions/YYYY/MM/DD/rollout-*.jsonl
        QwenProject,     // <qwen>/projects/<project name>/... (named by Claude Code's rule)
        DroidProject,    // <factory>/sessions/<project path with / as ->/...
        ContinueSession, // <continue>/sessions/<id>.json, its project in "workspaceDirectory"
        ContinueIndex,   // <continue>/sessions/sessions.json, merged into the one there
        GeminiProject,   // <gemini>/tmp/<project's folder>/..., the folder registered in <gemini>/projects.json (Qwen
                         // Code's older <qwen>/tmp/ too, laid out alike)
        StoreSession,    // <store's workspace hash>/<native id>.json: a session of a tool's database (OpenCode's,
                         // and its older storage/ tree's; Cursor's composers), as Chasm's session JSON, written into
                         // the tool's database there
    };
    struct File
    {
        QString entry; // the archive's name for it: files/<provider>/<store>/<relative>
        QString provider;
        Kind kind = Kind::VsCodeWorkspace;
        int store = 0;     // which of the provider's storage locations it lies in
        QString relative;  // its path under that location
        QString original;  // its absolute path on the machine it came from
        QString project;   // the project path it belongs to
        QByteArray sha256; // hex
        qint64 size = 0;
        // The bytes the harvest database kept of a file its tool deleted (Originals), packed instead of reading
        // `original`, which is gone.
        std::optional<QByteArray> kept;
    };
    struct Manifest
    {
        QDateTime created;
        QString home;
        QStringList projects;
        QList<File> files;
    };

    static constexpr qint64 maxManifestBytes = 64LL << 20;
    static constexpr qint64 maxFileBytes = 1LL << 30;
    static constexpr qsizetype maxFiles = 200000;

    static QString kindName(Kind kind);
    // Whether `name` is a relative path of plain parts: not empty, no leading "/", no "\", no drive, no
    // "." or ".." part, no control characters.
    static bool isSafeRelativePath(const QString& name);

    // Writes the package to `path` (through a temporary file renamed into place). The files' sha256 and
    // size are filled in; a file that changes while it is packed is an error.
    static std::optional<Error> write(const QString& path, Manifest& manifest);
    // Reads the whole package and checks it: its manifest, then every entry. Nothing is returned
    // unless all is well.
    static Result<Manifest> verify(const QString& path);
    // Reads the package again, handing each file's bytes (checked once more against the manifest) in
    // archive order; stops at the first error `take` returns.
    static std::optional<Error> read(const QString& path, const Manifest& manifest,
                                     const std::function<std::optional<Error>(const File&, QByteArray)>& take);

    // The tar (util/TarArchive.h) linked into the program (libArchive() of chasm_archive) that every package is read
    // and written with from now on. Without it, the module chasm-archive is loaded when a package is first used.
    static void useArchive(const ArchiveLibrary& library);
};

} // namespace chasm
