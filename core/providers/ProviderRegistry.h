// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/Provider.h"

#include <memory>
#include <vector>

namespace chasm {

// The providers Chasm knows. Adding a provider is one folder under core/providers/ and one line in
// standard().
class ProviderRegistry
{
public:
    static const ProviderRegistry& standard();

    void add(std::unique_ptr<Provider> provider);
    QList<const Provider*> all() const;
    // By id or alias, ignoring case; nullptr when unknown.
    const Provider* find(const QString& name) const;
    // "copilot (vscode, code), cursor, ..." for error messages.
    QString describeNames() const;

private:
    std::vector<std::unique_ptr<Provider>> m_providers;
};

} // namespace chasm
