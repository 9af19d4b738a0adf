// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelClient.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace chasm {

// A model provider Chasm knows without being told: its wire protocol, where it answers by default, the environment
// variable its key is read from when the keychain has none, and a model to use when none is configured.
struct ModelProviderInfo
{
    QString name;
    QStringList aliases;
    QString title;
    ModelApi api = ModelApi::OpenAi;
    QString endpoint;     // empty: none by default (it is the user's own: Azure)
    QString keyVariable;  // OPENAI_API_KEY; empty for servers that take none
    QString defaultModel; // empty: the first model the server lists
    bool local = false;   // a server on the user's machine by default, which takes no key
    bool keyInApiKeyHeader = false;
};

// Every provider of the seed's list, in the order `provider list` shows them.
const QList<ModelProviderInfo>& knownModelProviders();
// By name or alias, case-insensitively; null when unknown.
const ModelProviderInfo* findKnownModelProvider(QStringView name);

// The protocol's name as the user writes it (openai, ollama, anthropic, gemini), and back.
QString modelApiName(ModelApi api);
std::optional<ModelApi> modelApiFromName(QStringView name);

} // namespace chasm
