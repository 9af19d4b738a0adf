// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace chasm {

struct KeychainLibrary;

// The user's secrets (the API token, the keys of model providers, telemetry's remote key, the team database's
// password) in the system keychain (see util/Keychain.h), under the service "chasm", never in a settings file or a
// log. Without a keychain an operation fails: there is no plain-text fallback.
// The CLI waits for an answer (read, write); the app is answered later on its thread (readLater, writeLater).
class SecretStore final
{
public:
    explicit SecretStore(QString service = QStringLiteral("chasm"));

    // A secret, or nothing when none is stored under the key; an error when the keychain cannot be reached.
    using Found = std::optional<QByteArray>;

    // Waits at most `timeout` for the keychain (a local event loop: for the command line, never the GUI thread).
    Result<Found> read(const QString& key) const;
    Result<bool> write(const QString& key, const QByteArray& secret) const;
    // Removes the secret (nothing stored under the key is not an error).
    Result<bool> remove(const QString& key) const;

    // Asks the keychain and returns at once; `done` is called once on `context`'s thread, which must be the caller's
    // (not when it is gone first): with the keychain's answer, or with an error when it has not answered within the
    // time-out.
    void readLater(const QString& key, QObject* context, std::function<void(Result<Found>)> done) const;
    void writeLater(const QString& key, const QByteArray& secret, QObject* context,
                    std::function<void(Result<bool>)> done) const;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // The keychain every SecretStore of the process uses from now on, linked into the program (qtKeychain() of
    // chasm_keychain). Without it, the module chasm-keychain is loaded when a secret is first asked for.
    static void useKeychain(const KeychainLibrary& library);

private:
    QString m_service;
    std::chrono::milliseconds m_timeout{10000};
};

} // namespace chasm
