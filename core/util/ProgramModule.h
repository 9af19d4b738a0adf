// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Result.h"

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <mutex>
#include <optional>

namespace chasm {

// The entry function of a module that comes with the program (chasm-pdf, chasm-http, chasm-keychain), loaded only
// when it is needed: found beside the program (the build tree, Windows) or in ../lib/chasm/modules (an installed Unix
// tree). nullptr, with the reason in `error`, when neither loads.
QFunctionPointer programModule(const char* name, const char* entry, QString& error);

// A library of functions (a struct of function pointers) that the program either links in and hands over with
// link(), or finds in its module, loaded the first time get() is called: how the command line keeps a heavy library
// (QtKeychain, libarchive) out of every command's start while the app and the tests link it. The module's entry is a
// function returning the library.
template<typename Library>
class ModuleLibrary
{
public:
    constexpr ModuleLibrary(const char* module, const char* entry)
        : m_module(module)
        , m_entry(entry)
    {}

    void link(const Library& library) { m_linked = &library; }

    // The linked library, else the module's; an error (Unavailable) saying why the module cannot be loaded.
    Result<const Library*> get()
    {
        if (const Library* linked = m_linked.load()) {
            return linked;
        }
        std::call_once(m_loading, [this] {
            using Entry = const Library* (*)();
            QString error;
            if (const auto entry = reinterpret_cast<Entry>(programModule(m_module, m_entry, error))) {
                m_loaded = entry();
            } else {
                m_loaded =
                    Error{QStringLiteral("the %1 module cannot be loaded: %2").arg(QLatin1StringView(m_module), error),
                          ErrorKind::Unavailable};
            }
        });
        return *m_loaded;
    }

private:
    const char* m_module;
    const char* m_entry;
    std::atomic<const Library*> m_linked = nullptr;
    std::once_flag m_loading;
    std::optional<Result<const Library*>> m_loaded;
};

} // namespace chasm
