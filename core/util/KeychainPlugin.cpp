// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The chasm-keychain module's entry: SecretStore loads it (QLibrary) when a secret is first asked for, so that
// QtKeychain is loaded by the commands that keep secrets only.

#include "Keychain.h"

extern "C" Q_DECL_EXPORT const chasm::KeychainLibrary* chasmKeychainPlugin()
{
    return &chasm::qtKeychain();
}
