// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "StoredSession.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "util/Compression.h"

#include <QCryptographicHash>

namespace chasm::stored {

QString hashOf(const std::vector<std::string>& parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const std::string& part : parts) {
        hash.addData(QByteArrayView(part.data(), qsizetype(part.size())));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString hashOf(const std::string& json)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(json.data(), qsizetype(json.size())), QCryptographicHash::Sha1)
            .toHex());
}

Result<std::string> jsonOf(const QVariant& data)
{
    return decompressText(data.toByteArray());
}

Result<Session> sessionFromJson(const std::string& text, const QString& what)
{
    auto value = json::parse(text, what);
    if (!value) {
        return value.error();
    }
    return shapes::sessionFromJson(*value);
}

Result<Session> sessionFromData(const QVariant& data, const QString& what)
{
    const auto text = jsonOf(data);
    return text ? sessionFromJson(*text, what) : Result<Session>(text.error());
}

} // namespace chasm::stored
