// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ModelProviderService.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString group = u"models"_s;

QString entryPath(const QString& name, const QString& field)
{
    return group + u'/' + name + u'/' + field;
}

// A name of one's own: what a settings group and a keychain key can hold without escaping.
bool isProviderName(const QString& name)
{
    static const QRegularExpression pattern(u"^[a-z0-9][a-z0-9._-]{0,63}$"_s);
    return pattern.match(name).hasMatch();
}

std::optional<Error> checkEndpoint(const QString& endpoint)
{
    const QUrl url(endpoint, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty()) {
        return Error{u"'%1' is not an http:// or https:// address"_s.arg(endpoint), ErrorKind::Invalid};
    }
    if (!url.userInfo().isEmpty()) {
        return Error{u"the endpoint must not hold a user name or password; give the key with --api-key -"_s,
                     ErrorKind::Invalid};
    }
    return std::nullopt;
}

QString knownNames()
{
    QStringList names;
    for (const ModelProviderInfo& info : knownModelProviders()) {
        names << info.name;
    }
    return names.join(u", "_s);
}

} // namespace

ModelProviderService::ModelProviderService(Environment environment, Settings& settings, SecretStore store)
    : m_environment(std::move(environment))
    , m_settings(settings)
    , m_store(std::move(store))
{}

QString ModelProviderService::keychainKey(const QString& name)
{
    return entryPath(name, u"api-key"_s);
}

QString ModelProviderService::describe(KeySource source)
{
    switch (source) {
    case KeySource::None:
        return u"none"_s;
    case KeySource::Keychain:
        return u"keychain"_s;
    case KeySource::Environment:
        return u"environment"_s;
    }
    return {};
}

ModelProviderService::Provider ModelProviderService::fromSettings(const ModelProviderInfo& info, bool known) const
{
    Provider provider;
    provider.info = info;
    provider.known = known;
    provider.configured = m_settings.groups(group).contains(info.name);
    const QVariant endpoint = m_settings.entry(entryPath(info.name, u"endpoint"_s));
    const QVariant model = m_settings.entry(entryPath(info.name, u"model"_s));
    const QVariant enabled = m_settings.entry(entryPath(info.name, u"enabled"_s));
    provider.endpoint = endpoint.isNull() ? info.endpoint : endpoint.toString();
    provider.model = model.isNull() ? info.defaultModel : model.toString();
    provider.enabled = enabled.isNull() || enabled.toBool();
    return provider;
}

QList<ModelProviderService::Provider> ModelProviderService::providers() const
{
    QList<Provider> providers;
    for (const ModelProviderInfo& info : knownModelProviders()) {
        providers << fromSettings(info, true);
    }
    for (const QString& name : m_settings.groups(group)) {
        if (findKnownModelProvider(name) || !isProviderName(name)) {
            continue;
        }
        ModelProviderInfo info;
        info.name = name;
        info.title = name;
        info.api = modelApiFromName(m_settings.entry(entryPath(name, u"api"_s)).toString()).value_or(ModelApi::OpenAi);
        providers << fromSettings(info, false);
    }
    return providers;
}

Result<ModelProviderService::Provider> ModelProviderService::provider(const QString& name) const
{
    if (const ModelProviderInfo* known = findKnownModelProvider(name)) {
        return fromSettings(*known, true);
    }
    for (const Provider& provider : providers()) {
        if (provider.info.name == name) {
            return provider;
        }
    }
    return Error{u"unknown model provider '%1'; known: %2, or one of your own made with chasm provider config NAME "
                 u"--endpoint URL"_s.arg(name, knownNames()),
                 ErrorKind::NotFound};
}

Result<ModelProviderService::Provider> ModelProviderService::configure(const QString& name, const Change& change)
{
    const ModelProviderInfo* known = findKnownModelProvider(name);
    const QString id = known ? known->name : name;
    if (!known) {
        if (!isProviderName(name)) {
            return Error{
                u"a provider's name is 1 to 64 of a-z 0-9 . _ - (starting with a letter or digit), got '%1'"_s.arg(
                    name),
                ErrorKind::Invalid};
        }
        const bool exists = m_settings.groups(group).contains(name);
        if (!exists && (!change.endpoint || change.endpoint->isEmpty())) {
            return Error{u"unknown model provider '%1': to make one of your own, give its --endpoint (and --api if it "
                         u"does not speak OpenAI's); known: %2"_s.arg(name, knownNames()),
                         ErrorKind::NotFound};
        }
    }
    if (change.api) {
        if (known) {
            return Error{u"%1 speaks %2's API; --api is for providers of your own"_s.arg(id, modelApiName(known->api)),
                         ErrorKind::Invalid};
        }
        if (!modelApiFromName(*change.api)) {
            return Error{u"--api is openai, ollama, anthropic or gemini, got '%1'"_s.arg(*change.api),
                         ErrorKind::Invalid};
        }
    }
    if (change.endpoint && !change.endpoint->isEmpty()) {
        if (auto error = checkEndpoint(*change.endpoint)) {
            return *error;
        }
    }
    // The key first: a keychain that cannot be reached leaves the settings as they were.
    if (change.apiKey) {
        auto stored =
            change.apiKey->isEmpty() ? m_store.remove(keychainKey(id)) : m_store.write(keychainKey(id), *change.apiKey);
        if (!stored) {
            return Error{u"cannot keep the key of %1: %2"_s.arg(id, stored.error().message), ErrorKind::Unavailable};
        }
    }
    // The group exists once anything is set, so that a provider of one's own stays listed.
    m_settings.setEntry(entryPath(id, u"configured"_s), true);
    if (change.endpoint) {
        m_settings.setEntry(entryPath(id, u"endpoint"_s),
                            change.endpoint->isEmpty() && known ? QVariant() : QVariant(*change.endpoint));
    }
    if (change.model) {
        m_settings.setEntry(entryPath(id, u"model"_s), change.model->isEmpty() ? QVariant() : QVariant(*change.model));
    }
    if (change.api) {
        m_settings.setEntry(entryPath(id, u"api"_s), modelApiName(*modelApiFromName(*change.api)));
    }
    if (change.enabled) {
        m_settings.setEntry(entryPath(id, u"enabled"_s), *change.enabled);
    }
    return provider(id);
}

Result<ModelProviderService::Key> ModelProviderService::key(const Provider& provider) const
{
    return keyFrom(m_environment, provider, m_store.read(keychainKey(provider.info.name)));
}

void ModelProviderService::endpointLater(const Provider& provider, const QString& endpoint, QObject* context,
                                         std::function<void(Result<ModelEndpoint>)> done) const
{
    m_store.readLater(
        keychainKey(provider.info.name), context,
        [service = *this, provider, endpoint, done = std::move(done)](const Result<SecretStore::Found>& stored) {
            done(service.endpointWith(provider, keyFrom(service.m_environment, provider, stored), endpoint));
        });
}

Result<ModelProviderService::Key> ModelProviderService::keyFrom(const Environment& environment,
                                                                const Provider& provider,
                                                                const Result<SecretStore::Found>& stored)
{
    Key key;
    key.variable = provider.info.keyVariable;
    if (stored && *stored && !(*stored)->isEmpty()) {
        key.value = **stored;
        key.source = KeySource::Keychain;
        return key;
    }
    if (!key.variable.isEmpty()) {
        const QString value = environment.variable(key.variable);
        if (!value.isEmpty()) {
            key.value = value.toUtf8();
            key.source = KeySource::Environment;
            return key;
        }
    }
    // Servers of one's own and local ones may take none; the others refuse every request without one.
    if (provider.info.local || !provider.known) {
        return key;
    }
    return Error{u"no API key for %1: give one with chasm provider config %1 --api-key - (kept in the system "
                 u"keychain) or set %2%3"_s.arg(provider.info.name, key.variable,
                                                stored ? QString() : u" (%1)"_s.arg(stored.error().message)),
                 ErrorKind::Unavailable};
}

Result<ModelEndpoint> ModelProviderService::endpoint(const Provider& provider, const QString& endpoint) const
{
    return endpointWith(provider, key(provider), endpoint);
}

Result<ModelEndpoint> ModelProviderService::endpointWith(const Provider& provider, const Result<Key>& key,
                                                         const QString& endpoint) const
{
    QString address = endpoint.isEmpty() ? provider.endpoint : endpoint;
    // Ollama's own variable says where its server is.
    if (endpoint.isEmpty() && provider.info.api == ModelApi::Ollama && provider.known &&
        provider.endpoint == provider.info.endpoint) {
        QString host = m_environment.variable(u"OLLAMA_HOST"_s);
        if (!host.isEmpty()) {
            address = host.contains(u"://"_s) ? host : u"http://"_s + host;
        }
    }
    if (address.isEmpty()) {
        return Error{
            u"%1 has no endpoint: set it with chasm provider config %1 --endpoint URL"_s.arg(provider.info.name),
            ErrorKind::Invalid};
    }
    if (auto error = checkEndpoint(address)) {
        return *error;
    }
    if (!key) {
        return key.error();
    }
    ModelEndpoint result;
    result.provider = provider.info.name;
    result.api = provider.info.api;
    result.baseUrl = QUrl(address);
    result.apiKey = key->value;
    result.keyInApiKeyHeader = provider.info.keyInApiKeyHeader;
    return result;
}

} // namespace chasm
