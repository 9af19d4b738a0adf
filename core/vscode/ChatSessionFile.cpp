// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChatSessionFile.h"

#include "json/Json.h"
#include "vscode/MutationLog.h"

#include "util/LineReader.h"
#include "util/RegularFile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <boost/json/object.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A backup Chasm made (<name>.bak, <name>.bak-<stamp>) has the format and id of its original.
QString withoutBackupSuffix(QString path)
{
    static const QRegularExpression backup(u"\\.bak(-[0-9-]+)?$"_s);
    return path.remove(backup);
}

} // namespace

std::optional<ChatSessionFile::Format> ChatSessionFile::formatOf(const QString& path)
{
    const QString name = withoutBackupSuffix(path);
    if (name.endsWith(u".jsonl"_s)) {
        return Format::Jsonl;
    }
    if (name.endsWith(u".json"_s)) {
        return Format::Json;
    }
    return std::nullopt;
}

QByteArray ChatSessionFile::bytes(const boost::json::value& tree, Format format)
{
    const std::string text = format == Format::Jsonl
                                 ? json::serialize(boost::json::object{{"kind", 0}, {"v", tree}}) + '\n'
                                 : json::serialize(tree);
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString ChatSessionFile::idOf(const QString& path)
{
    return QFileInfo(withoutBackupSuffix(path)).completeBaseName();
}

QString ChatSessionFile::formatName(Format format)
{
    return format == Format::Jsonl ? u"jsonl"_s : u"json"_s;
}

Result<ChatSessionFile::Contents> ChatSessionFile::read(const QString& path,
                                                        const std::function<void(const boost::json::value&)>& preview,
                                                        MutationLog::Damage damage)
{
    const auto format = formatOf(path);
    if (!format) {
        return Error{u"cannot read %1: not a .json or .jsonl session file"_s.arg(path)};
    }
    Contents contents;
    contents.format = *format;
    if (*format == Format::Jsonl) {
        // Streamed line by line: memory follows the replayed state, not the size of the log.
        QFile file;
        if (auto error = RegularFile::open(file, path)) {
            return *error;
        }
        MutationLog log(path, damage);
        LineReader lines(file);
        bool previewed = !preview || file.size() <= previewBytes;
        while (const auto line = lines.next()) {
            if (auto error = log.addLine(*line, lines.lineOffset())) {
                return *error;
            }
            if (!previewed && lines.lineOffset() >= previewBytes && log.state().is_object()) {
                preview(log.state());
                previewed = true;
            }
        }
        if (!lines.error().isEmpty()) {
            return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
        }
        auto replay = log.finish();
        if (!replay) {
            return replay.error();
        }
        contents.tree = std::move(replay->state);
        contents.warnings = std::move(replay->warnings);
        contents.entries = replay->entries;
        contents.concatenatedRecords = replay->concatenatedRecords;
        contents.truncatedTail = replay->truncatedTail;
        contents.skippedLines = replay->skippedLines;
        contents.skippedEntries = replay->skippedEntries;
    } else {
        auto tree = json::parseFile(path);
        if (!tree && damage != MutationLog::Damage::Read) {
            // Salvaging: a document cut off mid-write is closed after its last complete value.
            const auto read = RegularFile::read(path);
            const QByteArray bytes = read ? *read : QByteArray();
            if (const auto closed =
                    json::closeTruncated(std::string_view(bytes.constData(), std::size_t(bytes.size())))) {
                if (auto salvaged = json::parse(*closed, u"cannot read "_s + path)) {
                    contents.truncatedTail = true;
                    contents.warnings << u"%1 was cut off mid-write: it was closed after its last complete value "
                                         "(%2 of %3 bytes kept)"_s.arg(path)
                                             .arg(closed->size())
                                             .arg(bytes.size());
                    tree = std::move(salvaged);
                }
            }
        }
        if (!tree) {
            return tree.error();
        }
        contents.tree = std::move(tree.value());
    }
    if (!contents.tree.is_object()) {
        return Error{u"cannot read %1: the session is not a JSON object"_s.arg(path)};
    }
    return contents;
}

Result<boost::json::value> ChatSessionFile::beginning(const QString& path, qint64 bytes)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    MutationLog log(path, MutationLog::Damage::Read);
    LineReader lines(file);
    while (const auto line = lines.next()) {
        if (auto error = log.addLine(*line, lines.lineOffset())) {
            return *error;
        }
        if (lines.lineOffset() >= bytes && log.state().is_object()) {
            break;
        }
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    if (!log.state().is_object()) {
        return Error{u"cannot read %1: the session is not a JSON object"_s.arg(path)};
    }
    return log.state();
}

} // namespace chasm
