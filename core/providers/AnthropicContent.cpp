// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "AnthropicContent.h"

#include "json/Json.h"

using namespace Qt::StringLiterals;

namespace chasm::anthropic {

ToolCall toolUse(const boost::json::value& block, ReferencedFiles& files)
{
    ToolCall call;
    call.id = json::string(block, "id");
    call.name = json::string(block, "name");
    call.status = u"pending"_s;
    if (const boost::json::value* input = json::find(block, "input")) {
        call.input = QString::fromStdString(json::serialize(*input));
        for (const char* key : {"file_path", "notebook_path", "path"}) {
            files.add(json::string(*input, key));
        }
    }
    return call;
}

QString resultText(const boost::json::value* content)
{
    return json::textOrParts(
        content,
        [](const boost::json::value& block) -> std::optional<QString> {
            const QString type = json::string(block, "type");
            if (type == u"text"_s) {
                return json::string(block, "text");
            }
            if (type == u"image"_s) {
                return u"[image]"_s;
            }
            return std::nullopt;
        },
        u"\n");
}

QString resultStatus(const boost::json::value& block)
{
    return json::boolean(block, "is_error").value_or(false) ? u"error"_s : u"completed"_s;
}

} // namespace chasm::anthropic
