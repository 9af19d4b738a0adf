// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelProviders.h"
#include "util/Environment.h"
#include "util/SecretStore.h"
#include "util/Settings.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace chasm {

// The model providers a person can chat with (chasm run, provider list|info|config|test, the app's "Continue
// with…"): the known ones and any they configured under a name of their own, with what they set (endpoint, model,
// enabled) in the settings file (group "models/NAME") and the API key in the system keychain (key
// "models/NAME/api-key"), never in a file; the provider's environment variable (OPENAI_API_KEY…) is the fallback.
class ModelProviderService final
{
public:
    ModelProviderService(Environment environment, Settings& settings, SecretStore store = SecretStore());

    struct Provider
    {
        ModelProviderInfo info; // a configured provider of one's own: its name, protocol and endpoint
        bool known = true;      // one of knownModelProviders()
        bool configured = false;
        QString endpoint; // configured, else the provider's default
        QString model;    // configured, else the provider's default (empty: the first the server lists)
        bool enabled = true;
    };
    QList<Provider> providers() const;
    // By name or alias; an unknown name is an error listing the known ones.
    Result<Provider> provider(const QString& name) const;

    struct Change
    {
        std::optional<QString> endpoint; // empty: back to the default
        std::optional<QString> model;
        std::optional<QString> api; // openai, ollama, anthropic, gemini (a provider of one's own only)
        std::optional<bool> enabled;
        std::optional<QByteArray> apiKey; // empty: removed from the keychain
    };
    // A provider of one's own is made by naming it with an endpoint (its protocol: OpenAI's unless --api says).
    Result<Provider> configure(const QString& name, const Change& change);

    enum class KeySource
    {
        None,
        Keychain,
        Environment,
    };
    struct Key
    {
        QByteArray value;
        KeySource source = KeySource::None;
        QString variable; // the environment variable it came from, or would
    };
    // The keychain's key, else the environment's. An unreachable keychain is an error only when the environment
    // has none either and the provider needs one.
    Result<Key> key(const Provider& provider) const;
    // Where and how to reach it, its key included; `endpoint` overrides the configured one (--endpoint).
    Result<ModelEndpoint> endpoint(const Provider& provider, const QString& endpoint = {}) const;
    // The same for the app: the keychain asked without waiting, `done` called later on `context`'s thread (the
    // keychain is asked from the GUI thread only).
    void endpointLater(const Provider& provider, const QString& endpoint, QObject* context,
                       std::function<void(Result<ModelEndpoint>)> done) const;

    static QString keychainKey(const QString& name);
    static QString describe(KeySource source);

private:
    static Result<Key> keyFrom(const Environment& environment, const Provider& provider,
                               const Result<SecretStore::Found>& stored);
    Result<ModelEndpoint> endpointWith(const Provider& provider, const Result<Key>& key, const QString& endpoint) const;
    Provider fromSettings(const ModelProviderInfo& info, bool known) const;

    Environment m_environment;
    Settings& m_settings;
    SecretStore m_store;
};

} // namespace chasm
