// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace chasm {

// The jobs of the system keychain that SecretStore runs, through QtKeychain (the Secret Service over D-Bus on Linux,
// the Keychain on macOS, the Credential Store on Windows). QtKeychain and QtDBus, and the libraries they bring, cost a
// process about 4 ms at start, so the command line loads them from the module chasm-keychain when a secret is first
// asked for (SecretStore's default); the app and the tests link them in (the library chasm_keychain) and say so with
// SecretStore::useKeychain(qtKeychain()).
struct KeychainLibrary
{
    using Found = std::optional<QByteArray>;
    // Each starts a job on the keychain of `service` and returns at once. `done` is called on the calling thread, by
    // its event loop, when the job finished: with the secret or nothing stored under the key (read), or with an error
    // when the keychain could not be used (nothing stored under the key is not one for remove).
    void (*read)(const QString& service, const QString& key, std::function<void(Result<Found>)> done);
    void (*write)(const QString& service, const QString& key, const QByteArray& secret,
                  std::function<void(Result<bool>)> done);
    void (*remove)(const QString& service, const QString& key, std::function<void(Result<bool>)> done);
};

// The jobs over QtKeychain, in chasm_keychain and in the module.
const KeychainLibrary& qtKeychain();

// The module's one exported symbol, a function returning qtKeychain(), is named this.
inline constexpr char keychainPluginEntry[] = "chasmKeychainPlugin";
// The module's base name: QLibrary adds the platform's prefix and suffix.
inline constexpr char keychainPluginName[] = "chasm-keychain";

} // namespace chasm
