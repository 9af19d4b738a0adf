// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TarArchive.h"

#include <QFile>
#include <QIODevice>

#include <archive.h>
#include <archive_entry.h>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

struct ReadFree
{
    void operator()(archive* a) const { archive_read_free(a); }
};
struct WriteFree
{
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryFree
{
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Error archiveError(archive* a)
{
    const char* text = archive_error_string(a);
    return Error{text ? QString::fromUtf8(text) : u"unknown error"_s};
}

class LibArchiveReader final : public TarReader
{
public:
    explicit LibArchiveReader(archive* a)
        : m_archive(a)
    {}

    Result<std::optional<TarEntry>> next() override
    {
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(m_archive.get(), &entry);
        if (status == ARCHIVE_EOF) {
            return std::optional<TarEntry>();
        }
        if (status != ARCHIVE_OK) {
            return archiveError(m_archive.get());
        }
        const char* utf8 = archive_entry_pathname_utf8(entry);
        TarEntry found;
        found.name = utf8 ? QString::fromUtf8(utf8) : QString();
        found.regularFile = archive_entry_filetype(entry) == AE_IFREG && !archive_entry_hardlink(entry) &&
                            !archive_entry_symlink(entry);
        found.sized = archive_entry_size_is_set(entry) && archive_entry_size(entry) >= 0;
        found.size = found.sized ? qint64(archive_entry_size(entry)) : 0;
        return std::optional(std::move(found));
    }

    Result<qint64> read(char* buffer, qint64 capacity) override
    {
        const la_ssize_t n = archive_read_data(m_archive.get(), buffer, size_t(capacity));
        if (n < 0) {
            return archiveError(m_archive.get());
        }
        return qint64(n);
    }

private:
    std::unique_ptr<archive, ReadFree> m_archive;
};

la_ssize_t writeToDevice(archive*, void* context, const void* buffer, size_t length)
{
    return la_ssize_t(static_cast<QIODevice*>(context)->write(static_cast<const char*>(buffer), qint64(length)));
}

class LibArchiveWriter final : public TarWriter
{
public:
    explicit LibArchiveWriter(archive* a)
        : m_archive(a)
    {}

    std::optional<Error> add(const QString& name, qint64 size, qint64 modified) override
    {
        std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), name.toUtf8().constData());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0600);
        archive_entry_set_size(entry.get(), size);
        archive_entry_set_mtime(entry.get(), modified, 0);
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK) {
            return archiveError(m_archive.get());
        }
        return std::nullopt;
    }

    std::optional<Error> write(const char* data, qint64 size) override
    {
        if (archive_write_data(m_archive.get(), data, size_t(size)) != la_ssize_t(size)) {
            return archiveError(m_archive.get());
        }
        return std::nullopt;
    }

    std::optional<Error> close() override
    {
        if (archive_write_close(m_archive.get()) != ARCHIVE_OK) {
            return archiveError(m_archive.get());
        }
        return std::nullopt;
    }

private:
    std::unique_ptr<archive, WriteFree> m_archive;
};

Result<std::unique_ptr<TarReader>> openTarZstd(const QString& path)
{
    archive* a = archive_read_new();
    auto reader = std::make_unique<LibArchiveReader>(a); // which frees it
    archive_read_support_filter_zstd(a);
    archive_read_support_format_tar(a);
    if (archive_read_open_filename(a, QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK) {
        return archiveError(a);
    }
    return std::unique_ptr<TarReader>(std::move(reader));
}

Result<std::unique_ptr<TarWriter>> createTarZstd(QIODevice& out)
{
    archive* a = archive_write_new();
    auto writer = std::make_unique<LibArchiveWriter>(a); // which frees it
    // No padding after the compressed stream: zstd(1) refuses trailing zeros.
    archive_write_set_bytes_in_last_block(a, 1);
    if (archive_write_add_filter_zstd(a) != ARCHIVE_OK || archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
        archive_write_open(a, &out, nullptr, writeToDevice, nullptr) != ARCHIVE_OK) {
        return archiveError(a);
    }
    return std::unique_ptr<TarWriter>(std::move(writer));
}

} // namespace

const ArchiveLibrary& libArchive()
{
    static const ArchiveLibrary library{openTarZstd, createTarZstd};
    return library;
}

} // namespace chasm
