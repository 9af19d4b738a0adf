// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The chasm-llm module's entry: the commands that talk to a model load it (QLibrary), so that QtNetwork and TLS are
// loaded by them only.

#include "llm/NetworkModelClient.h"

extern "C" Q_DECL_EXPORT const chasm::ModelLibrary* chasmLlmPlugin()
{
    return &chasm::networkModelLibrary();
}
