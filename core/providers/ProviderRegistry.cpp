// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ProviderRegistry.h"

#include "providers/aider/AiderProvider.h"
#include "providers/claudecode/ClaudeCodeProvider.h"
#include "providers/codex/CodexProvider.h"
#include "providers/continuedev/ContinueProvider.h"
#include "providers/cursor/CursorProvider.h"
#include "providers/droid/DroidProvider.h"
#include "providers/opencode/OpenCodeProvider.h"
#include "providers/gemini/GeminiProvider.h"
#include "providers/qwen/QwenProvider.h"
#include "providers/vscode/VsCodeProvider.h"
#include "providers/windsurf/WindsurfProvider.h"

using namespace Qt::StringLiterals;

namespace chasm {

const ProviderRegistry& ProviderRegistry::standard()
{
    static const ProviderRegistry registry = [] {
        ProviderRegistry r;
        r.add(
            std::make_unique<VsCodeProvider>(Provider::Identity{u"copilot"_s,
                                                                u"GitHub Copilot Chat (VS Code, Insiders, VSCodium)"_s,
                                                                {u"vscode"_s, u"code"_s, u"github-copilot"_s},
                                                                {}},
                                             QList<Editor>{Editor::Code, Editor::CodeInsiders, Editor::VSCodium}));
        r.add(std::make_unique<CursorProvider>());
        r.add(std::make_unique<WindsurfProvider>());
        r.add(std::make_unique<ClaudeCodeProvider>());
        r.add(std::make_unique<CodexProvider>());
        r.add(std::make_unique<GeminiProvider>());
        r.add(std::make_unique<QwenProvider>());
        r.add(std::make_unique<ContinueProvider>());
        r.add(std::make_unique<DroidProvider>());
        r.add(std::make_unique<OpenCodeProvider>());
        r.add(std::make_unique<AiderProvider>());
        return r;
    }();
    return registry;
}

void ProviderRegistry::add(std::unique_ptr<Provider> provider)
{
    m_providers.push_back(std::move(provider));
}

QList<const Provider*> ProviderRegistry::all() const
{
    QList<const Provider*> result;
    for (const auto& provider : m_providers) {
        result.append(provider.get());
    }
    return result;
}

const Provider* ProviderRegistry::find(const QString& name) const
{
    for (const auto& provider : m_providers) {
        if (provider->id().compare(name, Qt::CaseInsensitive) == 0 ||
            provider->aliases().contains(name, Qt::CaseInsensitive)) {
            return provider.get();
        }
    }
    return nullptr;
}

QString ProviderRegistry::describeNames() const
{
    QStringList names;
    for (const auto& provider : m_providers) {
        const QStringList aliases = provider->aliases();
        names << (aliases.isEmpty() ? provider->id() : provider->id() + u" ("_s + aliases.join(u", "_s) + u')');
    }
    return names.join(u", "_s);
}

} // namespace chasm
