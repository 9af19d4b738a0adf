// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ModelProviders.h"

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

ModelProviderInfo openAiCompatible(QString name, QStringList aliases, QString title, QString endpoint,
                                   QString keyVariable, QString defaultModel)
{
    return {std::move(name),
            std::move(aliases),
            std::move(title),
            ModelApi::OpenAi,
            std::move(endpoint),
            std::move(keyVariable),
            std::move(defaultModel),
            false,
            false};
}

// A server on the user's machine that speaks OpenAI's API and takes no key; its model is the first it lists.
ModelProviderInfo local(QString name, QStringList aliases, QString title, QString endpoint)
{
    return {std::move(name),
            std::move(aliases),
            std::move(title),
            ModelApi::OpenAi,
            std::move(endpoint),
            {},
            {},
            true,
            false};
}

QList<ModelProviderInfo> makeProviders()
{
    QList<ModelProviderInfo> providers = {
        {u"ollama"_s, {}, u"Ollama"_s, ModelApi::Ollama, u"http://localhost:11434"_s, {}, {}, true, false},
        openAiCompatible(u"openai"_s, {u"chatgpt"_s, u"gpt"_s}, u"OpenAI"_s, u"https://api.openai.com/v1"_s,
                         u"OPENAI_API_KEY"_s, u"gpt-4o-mini"_s),
        {u"anthropic"_s,
         {u"claude-api"_s},
         u"Anthropic"_s,
         ModelApi::Anthropic,
         u"https://api.anthropic.com"_s,
         u"ANTHROPIC_API_KEY"_s,
         u"claude-sonnet-4-5"_s,
         false,
         false},
        {u"google"_s,
         {u"gemini-api"_s},
         u"Google Gemini API"_s,
         ModelApi::Gemini,
         u"https://generativelanguage.googleapis.com/v1beta"_s,
         u"GEMINI_API_KEY"_s,
         u"gemini-2.5-flash"_s,
         false,
         false},
        // Azure AI Foundry's endpoint is the user's own resource (https://NAME.services.ai.azure.com/openai/v1).
        {u"azure"_s,
         {u"azure-ai-foundry"_s, u"foundry"_s},
         u"Azure AI Foundry"_s,
         ModelApi::OpenAi,
         {},
         u"AZURE_OPENAI_API_KEY"_s,
         {},
         false,
         true},
        openAiCompatible(u"deepseek"_s, {}, u"DeepSeek"_s, u"https://api.deepseek.com/v1"_s, u"DEEPSEEK_API_KEY"_s,
                         u"deepseek-chat"_s),
        openAiCompatible(u"perplexity"_s, {}, u"Perplexity"_s, u"https://api.perplexity.ai"_s, u"PERPLEXITY_API_KEY"_s,
                         u"sonar"_s),
        openAiCompatible(u"mistral"_s, {}, u"Mistral AI"_s, u"https://api.mistral.ai/v1"_s, u"MISTRAL_API_KEY"_s,
                         u"mistral-small-latest"_s),
        openAiCompatible(u"groq"_s, {}, u"Groq"_s, u"https://api.groq.com/openai/v1"_s, u"GROQ_API_KEY"_s,
                         u"llama-3.3-70b-versatile"_s),
        openAiCompatible(u"together"_s, {u"together-ai"_s}, u"Together AI"_s, u"https://api.together.xyz/v1"_s,
                         u"TOGETHER_API_KEY"_s, u"meta-llama/Llama-3.3-70B-Instruct-Turbo"_s),
        openAiCompatible(u"fireworks"_s, {u"fireworks-ai"_s}, u"Fireworks AI"_s,
                         u"https://api.fireworks.ai/inference/v1"_s, u"FIREWORKS_API_KEY"_s,
                         u"accounts/fireworks/models/llama-v3p1-8b-instruct"_s),
        openAiCompatible(u"openrouter"_s, {}, u"OpenRouter"_s, u"https://openrouter.ai/api/v1"_s,
                         u"OPENROUTER_API_KEY"_s, u"openrouter/auto"_s),
        openAiCompatible(u"xai"_s, {u"grok"_s}, u"xAI"_s, u"https://api.x.ai/v1"_s, u"XAI_API_KEY"_s, u"grok-3-mini"_s),
        local(u"lmstudio"_s, {u"lm-studio"_s}, u"LM Studio"_s, u"http://localhost:1234/v1"_s),
        local(u"vllm"_s, {}, u"vLLM"_s, u"http://localhost:8000/v1"_s),
        local(u"localai"_s, {}, u"LocalAI"_s, u"http://localhost:8080/v1"_s),
        local(u"llamacpp"_s, {u"llama.cpp"_s, u"llamafile"_s, u"llama-cpp"_s}, u"llama.cpp / llamafile"_s,
              u"http://localhost:8080/v1"_s),
        local(u"jan"_s, {}, u"Jan"_s, u"http://localhost:1337/v1"_s),
        local(u"gpt4all"_s, {}, u"GPT4All"_s, u"http://localhost:4891/v1"_s),
        local(u"textgen"_s, {u"text-generation-webui"_s, u"oobabooga"_s}, u"Text Generation WebUI"_s,
              u"http://localhost:5000/v1"_s),
    };
    return providers;
}

} // namespace

const QList<ModelProviderInfo>& knownModelProviders()
{
    static const QList<ModelProviderInfo> providers = makeProviders();
    return providers;
}

const ModelProviderInfo* findKnownModelProvider(QStringView name)
{
    for (const ModelProviderInfo& provider : knownModelProviders()) {
        if (name.compare(provider.name, Qt::CaseInsensitive) == 0) {
            return &provider;
        }
        for (const QString& alias : provider.aliases) {
            if (name.compare(alias, Qt::CaseInsensitive) == 0) {
                return &provider;
            }
        }
    }
    return nullptr;
}

QString modelApiName(ModelApi api)
{
    switch (api) {
    case ModelApi::OpenAi:
        return u"openai"_s;
    case ModelApi::Ollama:
        return u"ollama"_s;
    case ModelApi::Anthropic:
        return u"anthropic"_s;
    case ModelApi::Gemini:
        return u"gemini"_s;
    }
    return {};
}

std::optional<ModelApi> modelApiFromName(QStringView name)
{
    for (const ModelApi api : {ModelApi::OpenAi, ModelApi::Ollama, ModelApi::Anthropic, ModelApi::Gemini}) {
        if (name.compare(modelApiName(api), Qt::CaseInsensitive) == 0) {
            return api;
        }
    }
    return std::nullopt;
}

} // namespace chasm
