// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QHash>
#include <QString>

namespace chasm {

enum class Platform
{
    Linux,
    MacOS,
    Windows,
};

// The platform this build runs on.
#if defined(Q_OS_WIN)
inline constexpr Platform hostPlatform = Platform::Windows;
#elif defined(Q_OS_MACOS)
inline constexpr Platform hostPlatform = Platform::MacOS;
#else
inline constexpr Platform hostPlatform = Platform::Linux;
#endif

// Where the user's data lives, resolved once from HOME, the XDG variables and APPDATA/LOCALAPPDATA.
// Every location Chasm reads or writes comes from here, so HOME=/x makes Chasm see only /x.
class Environment
{
public:
    // The environment of this process on the platform it was built for.
    static Environment fromProcess();
    // An explicit set of variables, for tests and for reading another platform's layout.
    static Environment fromVariables(const QHash<QString, QString>& variables, Platform platform);

    Platform platform() const { return m_platform; }
    QString home() const { return m_home; }
    // Linux: $XDG_CONFIG_HOME or ~/.config; macOS: ~/Library/Application Support; Windows: %APPDATA%.
    QString configHome() const { return m_configHome; }
    // Linux: $XDG_DATA_HOME or ~/.local/share; macOS: ~/Library/Application Support; Windows: %LOCALAPPDATA%.
    QString dataHome() const { return m_dataHome; }
    // What can be rebuilt at any time (Chasm's listing cache). Linux: $XDG_CACHE_HOME or ~/.cache; macOS:
    // ~/Library/Caches; Windows: %LOCALAPPDATA%.
    QString cacheHome() const { return m_cacheHome; }
    // The current directory relative paths on the command line resolve against.
    QString workingDirectory() const { return m_workingDirectory; }

    QString variable(const QString& name) const { return m_variables.value(name); }
    // The same environment with `name` set to `value` (the command line's --db, as CHASM_DB).
    Environment withVariable(const QString& name, const QString& value) const
    {
        Environment changed = *this;
        changed.m_variables.insert(name, value);
        return changed;
    }

    // An absolute, clean form of a path as the user typed it ("~" expanded, relative to the working
    // directory), with "/" separators.
    QString absolutePath(const QString& path) const;

private:
    Platform m_platform = Platform::Linux;
    QHash<QString, QString> m_variables;
    QString m_home;
    QString m_configHome;
    QString m_dataHome;
    QString m_cacheHome;
    QString m_workingDirectory;
};

} // namespace chasm
