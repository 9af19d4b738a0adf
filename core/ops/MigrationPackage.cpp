// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MigrationPackage.h"

#include "json/Json.h"
#include "util/ProgramModule.h"
#include "util/RegularFile.h"
#include "util/SafePath.h"
#include "util/TarArchive.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr qint64 chunkSize = 1 << 20;
const QString manifestName = u"manifest.json"_s;

ModuleLibrary<ArchiveLibrary> archiveModule(archivePluginName, archivePluginEntry);

// The tar of libarchive, linked or loaded; when the module cannot be loaded, an error saying that the package at
// `path` cannot be read (or written).
Result<const ArchiveLibrary*> archiveLibrary(const QString& path, bool writing)
{
    auto library = archiveModule.get();
    if (!library) {
        return Error{u"cannot %1 %2: %3"_s.arg(writing ? u"write"_s : u"read"_s, path, library.error().message),
                     ErrorKind::Unavailable};
    }
    return library;
}

const std::pair<MigrationPackage::Kind, const char*> kindNames[] = {
    {MigrationPackage::Kind::VsCodeWorkspace, "vscode-workspace"},
    {MigrationPackage::Kind::ClaudeProject, "claude-project"},
    {MigrationPackage::Kind::CodexRollout, "codex-rollout"},
    {MigrationPackage::Kind::QwenProject, "qwen-project"},
    {MigrationPackage::Kind::DroidProject, "droid-project"},
    {MigrationPackage::Kind::ContinueSession, "continue-session"},
    {MigrationPackage::Kind::ContinueIndex, "continue-index"},
    {MigrationPackage::Kind::GeminiProject, "gemini-project"},
    {MigrationPackage::Kind::StoreSession, "store-session"},
};

boost::json::object manifestJson(const MigrationPackage::Manifest& manifest)
{
    boost::json::array projects;
    for (const QString& project : manifest.projects) {
        projects.push_back(json::fromQString(project));
    }
    boost::json::array files;
    for (const MigrationPackage::File& file : manifest.files) {
        files.push_back(boost::json::object{
            {"entry", json::fromQString(file.entry)},
            {"provider", json::fromQString(file.provider)},
            {"kind", json::fromQString(MigrationPackage::kindName(file.kind))},
            {"store", file.store},
            {"relative", json::fromQString(file.relative)},
            {"original", json::fromQString(file.original)},
            {"project", json::fromQString(file.project)},
            {"sha256", json::fromQString(QString::fromLatin1(file.sha256))},
            {"size", file.size},
        });
    }
    return {{"chasm_migration", 1},
            {"created", json::fromQString(manifest.created.toString(Qt::ISODateWithMs))},
            {"home", json::fromQString(manifest.home)},
            {"projects", std::move(projects)},
            {"files", std::move(files)}};
}

Result<MigrationPackage::Manifest> parseManifest(const QByteArray& bytes, const QString& package)
{
    const auto refused = [&package](const QString& why) {
        return Error{u"%1 is not a usable migration package: %2; nothing was written"_s.arg(package, why),
                     ErrorKind::Invalid};
    };
    auto tree = json::parse(std::string_view(bytes.constData(), size_t(bytes.size())), manifestName);
    if (!tree || !tree->is_object() || json::integer(*tree, "chasm_migration") != 1) {
        return refused(u"its manifest.json is not a Chasm migration manifest (version 1)"_s);
    }
    MigrationPackage::Manifest manifest;
    manifest.created = json::dateTime(*tree, "created");
    manifest.home = json::string(*tree, "home");
    for (const boost::json::value& project : json::arrayAt(*tree, "projects")) {
        if (project.is_string()) {
            manifest.projects << json::toQString(project.get_string());
        }
    }
    const boost::json::array& files = json::arrayAt(*tree, "files");
    if (qsizetype(files.size()) > MigrationPackage::maxFiles) {
        return refused(u"it lists more than %1 files"_s.arg(MigrationPackage::maxFiles));
    }
    QSet<QString> entries;
    static const QRegularExpression sha256(u"^[0-9a-f]{64}$"_s);
    for (const boost::json::value& value : files) {
        MigrationPackage::File file;
        file.entry = json::string(value, "entry");
        file.provider = json::string(value, "provider");
        const QString kind = json::string(value, "kind");
        const auto known = std::find_if(std::begin(kindNames), std::end(kindNames),
                                        [&kind](const auto& k) { return kind == QLatin1StringView(k.second); });
        file.store = int(json::integer(value, "store").value_or(-1));
        file.relative = json::string(value, "relative");
        file.original = json::string(value, "original");
        file.project = json::string(value, "project");
        file.sha256 = json::string(value, "sha256").toLatin1();
        file.size = json::integer(value, "size").value_or(-1);
        if (known == std::end(kindNames)) {
            return refused(u"%1 has an unknown kind \"%2\""_s.arg(file.entry, kind));
        }
        file.kind = known->first;
        if (!SafePath::isSafeName(file.provider) || file.store < 0 || file.store > 16 ||
            !MigrationPackage::isSafeRelativePath(file.relative) ||
            file.entry != u"files/%1/%2/%3"_s.arg(file.provider).arg(file.store).arg(file.relative)) {
            return refused(u"the entry \"%1\" (%2) is not a safe relative path"_s.arg(file.entry, file.relative));
        }
        if (!sha256.match(QString::fromLatin1(file.sha256)).hasMatch() || file.size < 0 ||
            file.size > MigrationPackage::maxFileBytes) {
            return refused(u"%1 has no valid checksum or size"_s.arg(file.entry));
        }
        if (entries.contains(file.entry)) {
            return refused(u"%1 is listed twice"_s.arg(file.entry));
        }
        entries.insert(file.entry);
        manifest.files.append(std::move(file));
    }
    return manifest;
}

// The package read entry by entry, each one refused unless it is a regular file with a size.
class PackageReader
{
public:
    explicit PackageReader(QString path)
        : m_path(std::move(path))
    {}

    std::optional<Error> open()
    {
        const auto library = archiveLibrary(m_path, false);
        if (!library) {
            return library.error();
        }
        auto opened = (*library)->openTarZstd(m_path);
        if (!opened) {
            return failure(u"cannot open it: %1"_s.arg(opened.error().message));
        }
        m_archive = std::move(opened).value();
        return std::nullopt;
    }

    // The next entry's name and size; an empty name at the end.
    Result<std::pair<QString, qint64>> next()
    {
        const auto entry = m_archive->next();
        if (!entry) {
            return failure(u"it is damaged or cut short (%1)"_s.arg(entry.error().message));
        }
        if (!*entry) {
            return std::pair<QString, qint64>{};
        }
        const TarEntry& found = **entry;
        if (!found.regularFile) {
            return failure(u"its entry \"%1\" is not a regular file (a link, device or folder)"_s.arg(found.name));
        }
        if (!found.sized) {
            return failure(u"its entry \"%1\" has no size"_s.arg(found.name));
        }
        return std::pair{found.name, found.size};
    }

    // The current entry's data, which must be `size` bytes, handed on in chunks.
    std::optional<Error> data(const QString& name, qint64 size, const std::function<void(const char*, qint64)>& take)
    {
        QByteArray buffer(chunkSize, Qt::Uninitialized);
        qint64 total = 0;
        for (;;) {
            const auto read = m_archive->read(buffer.data(), buffer.size());
            if (!read) {
                return failure(u"%1 in it is damaged or cut short (%2)"_s.arg(name, read.error().message));
            }
            const qint64 n = *read;
            if (n == 0) {
                break;
            }
            total += n;
            if (total > size) {
                return failure(u"%1 in it is longer than it says"_s.arg(name));
            }
            take(buffer.constData(), n);
        }
        if (total != size) {
            return failure(u"%1 in it is cut short"_s.arg(name));
        }
        return std::nullopt;
    }

    Error failure(const QString& why) const
    {
        return Error{u"%1 is not a usable migration package: %2; nothing was written"_s.arg(m_path, why),
                     ErrorKind::Invalid};
    }

    // The manifest, which must come first.
    Result<MigrationPackage::Manifest> manifest()
    {
        auto first = next();
        if (!first) {
            return first.error();
        }
        if (first->first != manifestName || first->second > MigrationPackage::maxManifestBytes) {
            return failure(u"its first entry is not a manifest.json of at most 64 MiB"_s);
        }
        QByteArray bytes;
        if (auto error =
                data(manifestName, first->second, [&bytes](const char* chunk, qint64 n) { bytes.append(chunk, n); })) {
            return *error;
        }
        return parseManifest(bytes, m_path);
    }

    // Each entry after the manifest, checked against it, handed with its bytes when `keep` (else only checked).
    std::optional<Error>
    entries(const MigrationPackage::Manifest& manifest, bool keep,
            const std::function<std::optional<Error>(const MigrationPackage::File&, QByteArray)>& take)
    {
        QHash<QString, qsizetype> byEntry;
        for (qsizetype i = 0; i < manifest.files.size(); ++i) {
            byEntry.insert(manifest.files.at(i).entry, i);
        }
        QSet<QString> seen;
        for (;;) {
            auto header = next();
            if (!header) {
                return header.error();
            }
            const auto& [name, size] = *header;
            if (name.isEmpty()) {
                break;
            }
            const auto found = byEntry.constFind(name);
            if (found == byEntry.cend() || seen.contains(name)) {
                return failure(u"its entry \"%1\" is not in its manifest (or comes twice)"_s.arg(name));
            }
            seen.insert(name);
            const MigrationPackage::File& file = manifest.files.at(*found);
            if (size != file.size) {
                return failure(u"%1 in it is %2 bytes, its manifest says %3"_s.arg(name).arg(size).arg(file.size));
            }
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QByteArray bytes;
            if (auto error = data(name, size, [&](const char* chunk, qint64 n) {
                    hash.addData(QByteArrayView(chunk, n));
                    if (keep) {
                        bytes.append(chunk, n);
                    }
                })) {
                return error;
            }
            if (hash.result().toHex() != file.sha256) {
                return failure(
                    u"the checksum of %1 in it does not match its manifest (the package is damaged)"_s.arg(name));
            }
            if (take) {
                if (auto error = take(file, std::move(bytes))) {
                    return error;
                }
            }
        }
        if (seen.size() != manifest.files.size()) {
            return failure(u"%1 file(s) its manifest lists are missing (it is cut short)"_s.arg(manifest.files.size() -
                                                                                                seen.size()));
        }
        return std::nullopt;
    }

private:
    QString m_path;
    std::unique_ptr<TarReader> m_archive;
};

} // namespace

void MigrationPackage::useArchive(const ArchiveLibrary& library)
{
    archiveModule.link(library);
}

QString MigrationPackage::kindName(Kind kind)
{
    for (const auto& [k, name] : kindNames) {
        if (k == kind) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

bool MigrationPackage::isSafeRelativePath(const QString& name)
{
    if (name.isEmpty() || name.startsWith(u'/') || name.contains(u'\\') || name.contains(u':')) {
        return false;
    }
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            return false;
        }
    }
    const QStringList parts = name.split(u'/');
    return std::none_of(parts.cbegin(), parts.cend(),
                        [](const QString& part) { return part.isEmpty() || part == u"."_s || part == u".."_s; });
}

namespace {

// A file's bytes to pack: those the database kept, or the file's (a regular file, not too large).
Result<std::unique_ptr<QIODevice>> openSource(const MigrationPackage::File& file)
{
    if (file.kept) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(*file.kept);
        buffer->open(QIODevice::ReadOnly);
        return std::unique_ptr<QIODevice>(std::move(buffer));
    }
    auto source = std::make_unique<QFile>();
    if (auto error = RegularFile::open(*source, file.original, MigrationPackage::maxFileBytes)) {
        return *error;
    }
    return std::unique_ptr<QIODevice>(std::move(source));
}

} // namespace

std::optional<Error> MigrationPackage::write(const QString& path, Manifest& manifest)
{
    for (File& file : manifest.files) {
        auto source = openSource(file);
        if (!source) {
            return source.error();
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(source->get())) {
            return Error{u"cannot read %1"_s.arg(file.original)};
        }
        file.sha256 = hash.result().toHex();
        file.size = (*source)->size();
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        return Error{u"cannot write %1: %2"_s.arg(path, out.errorString())};
    }
    const auto library = archiveLibrary(path, true);
    if (!library) {
        return library.error();
    }
    auto created = (*library)->createTarZstd(out);
    if (!created) {
        return Error{u"cannot write %1: %2"_s.arg(path, created.error().message)};
    }
    TarWriter& tar = **created;
    const auto writeError = [&path](const Error& error) {
        return Error{u"cannot write %1: %2"_s.arg(path, error.message)};
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const auto addEntry = [&](const QString& name, qint64 size,
                              const std::function<std::optional<Error>()>& body) -> std::optional<Error> {
        if (auto error = tar.add(name, size, now)) {
            return writeError(*error);
        }
        return body();
    };
    const std::string text = json::pretty(manifestJson(manifest));
    if (auto error = addEntry(manifestName, qint64(text.size()), [&]() -> std::optional<Error> {
            if (auto failed = tar.write(text.data(), qint64(text.size()))) {
                return writeError(*failed);
            }
            return std::nullopt;
        })) {
        return error;
    }
    for (const File& file : std::as_const(manifest.files)) {
        const auto error = addEntry(file.entry, file.size, [&]() -> std::optional<Error> {
            auto opened = openSource(file);
            if (!opened) {
                return opened.error();
            }
            QIODevice& source = **opened;
            QCryptographicHash hash(QCryptographicHash::Sha256);
            qint64 total = 0;
            while (!source.atEnd()) {
                const QByteArray chunk = source.read(chunkSize);
                if (chunk.isEmpty()) {
                    return Error{u"cannot read %1"_s.arg(file.original)};
                }
                total += chunk.size();
                if (total > file.size) {
                    break;
                }
                hash.addData(chunk);
                if (auto failed = tar.write(chunk.constData(), chunk.size())) {
                    return writeError(*failed);
                }
            }
            if (total != file.size || hash.result().toHex() != file.sha256) {
                return Error{u"%1 changed while it was packed: run the command again"_s.arg(file.original)};
            }
            return std::nullopt;
        });
        if (error) {
            return error;
        }
    }
    if (auto error = tar.close()) {
        return writeError(*error);
    }
    if (!out.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(path, out.errorString())};
    }
    return std::nullopt;
}

Result<MigrationPackage::Manifest> MigrationPackage::verify(const QString& path)
{
    PackageReader reader(path);
    if (auto error = reader.open()) {
        return *error;
    }
    auto manifest = reader.manifest();
    if (!manifest) {
        return manifest;
    }
    if (auto error = reader.entries(*manifest, false, {})) {
        return *error;
    }
    return manifest;
}

std::optional<Error> MigrationPackage::read(const QString& path, const Manifest& manifest,
                                            const std::function<std::optional<Error>(const File&, QByteArray)>& take)
{
    PackageReader reader(path);
    if (auto error = reader.open()) {
        return error;
    }
    auto again = reader.manifest();
    if (!again) {
        return again.error();
    }
    if (again->files.size() != manifest.files.size()) {
        return reader.failure(u"it changed since it was checked"_s);
    }
    return reader.entries(manifest, true, take);
}

} // namespace chasm
