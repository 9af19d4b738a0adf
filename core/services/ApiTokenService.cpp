// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ApiTokenService.h"

#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace chasm {

ApiTokenService::ApiTokenService(SecretStore store)
    : m_store(std::move(store))
{}

QByteArray ApiTokenService::generate()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char*>(words.data()), qsizetype(sizeof words))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString ApiTokenService::keychainKey()
{
    return u"api-token"_s;
}

Result<ApiTokenService::Token> ApiTokenService::token() const
{
    auto kept = stored();
    if (!kept) {
        return kept.error();
    }
    if (kept->has_value()) {
        return Token{**kept, false};
    }
    return regenerate();
}

Result<SecretStore::Found> ApiTokenService::stored() const
{
    auto stored = m_store.read(keychainKey());
    if (!stored) {
        return stored.error();
    }
    return stored->has_value() && (*stored)->isEmpty() ? SecretStore::Found() : *stored;
}

Result<ApiTokenService::Token> ApiTokenService::regenerate() const
{
    Token made{generate(), true};
    if (auto written = m_store.write(keychainKey(), made.value); !written) {
        return written.error();
    }
    return made;
}

void ApiTokenService::tokenLater(QObject* context, std::function<void(Result<Token>)> done) const
{
    m_store.readLater(keychainKey(), context,
                      [this_ = *this, context, done = std::move(done)](Result<SecretStore::Found> stored) {
                          if (!stored) {
                              done(stored.error());
                          } else if (stored->has_value() && !(*stored)->isEmpty()) {
                              done(Token{**stored, false});
                          } else {
                              this_.regenerateLater(context, done);
                          }
                      });
}

void ApiTokenService::regenerateLater(QObject* context, std::function<void(Result<Token>)> done) const
{
    const QByteArray value = generate();
    m_store.writeLater(keychainKey(), value, context, [value, done = std::move(done)](Result<bool> written) {
        if (!written) {
            done(written.error());
        } else {
            done(Token{value, true});
        }
    });
}

} // namespace chasm
