// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/SecretStore.h"

#include <QByteArray>

#include <functional>

namespace chasm {

// The bearer token of the HTTP API when none is given (--token-file, CHASM_API_TOKEN): kept in the system keychain
// (SecretStore, key "api-token"), made on first use from 32 random bytes of the system's generator (base64url), and
// replaced on demand. `chasm api serve`, `chasm api token` and the app's embedded server share it; `chasm recover
// recording` sends it to a server when given none.
class ApiTokenService final
{
public:
    explicit ApiTokenService(SecretStore store = SecretStore());

    struct Token
    {
        QByteArray value;
        bool created = false; // made now (none was stored, or regenerate)
    };

    // The stored token, made and stored when there is none. Waits for the keychain (the command line).
    Result<Token> token() const;
    // The stored token, nothing when none is; never makes one (a client of a server: `recover recording`).
    Result<SecretStore::Found> stored() const;
    // A new token stored in place of the old one, which no server started afterwards accepts.
    Result<Token> regenerate() const;

    // The same for the app: `done` is called later on `context`'s thread.
    void tokenLater(QObject* context, std::function<void(Result<Token>)> done) const;
    void regenerateLater(QObject* context, std::function<void(Result<Token>)> done) const;

    // 32 random bytes from QRandomGenerator::system(), base64url without padding (43 characters).
    static QByteArray generate();
    // The key the token is kept under in the keychain.
    static QString keychainKey();

private:
    SecretStore m_store;
};

} // namespace chasm
