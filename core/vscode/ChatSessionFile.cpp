#include "ChatSessionFile.h"

#include "json/Json.h"
#include "vscode/MutationLog.h"

#include "util/MappedFile.h"

using namespace Qt::StringLiterals;

namespace chasm {

std::optional<ChatSessionFile::Format> ChatSessionFile::formatOf(const QString& path)
{
    if (path.endsWith(u".jsonl"_s)) {
        return Format::Jsonl;
    }
    if (path.endsWith(u".json"_s)) {
        return Format::Json;
    }
    return std::nullopt;
}

QString ChatSessionFile::formatName(Format format)
{
    return format == Format::Jsonl ? u"jsonl"_s : u"json"_s;
}

Result<ChatSessionFile::Contents> ChatSessionFile::read(const QString& path)
{
    const auto format = formatOf(path);
    if (!format) {
        return Error{u"cannot read %1: not a .json or .jsonl session file"_s.arg(path)};
    }
    auto file = MappedFile::open(path);
    if (!file) {
        return file.error();
    }
    const std::string_view text = file.value()->bytes();

    Contents contents;
    contents.format = *format;
    if (*format == Format::Jsonl) {
        auto replay = MutationLog::replay(text, path);
        if (!replay) {
            return replay.error();
        }
        contents.tree = std::move(replay->state);
        contents.warnings = std::move(replay->warnings);
    } else {
        auto tree = json::parse(text, u"cannot read "_s + path);
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

} // namespace chasm
