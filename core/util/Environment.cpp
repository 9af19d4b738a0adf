// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Environment.h"

#include <QDir>
#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString joined(const QString& base, const QString& child)
{
    return QDir::cleanPath(base + u'/' + child);
}

} // namespace

Environment Environment::fromProcess()
{
    QHash<QString, QString> variables;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString& key : system.keys()) {
        variables.insert(key, system.value(key));
    }
    if (!variables.contains(u"PWD"_s)) {
        variables.insert(u"PWD"_s, QDir::currentPath());
    }
    Environment environment = fromVariables(variables, hostPlatform);
    environment.m_workingDirectory = QDir::currentPath();
    return environment;
}

Environment Environment::fromVariables(const QHash<QString, QString>& variables, Platform platform)
{
    Environment environment;
    environment.m_platform = platform;
    environment.m_variables = variables;

    // Windows paths keep "/" inside Chasm whatever platform reads them, so tests of the Windows layout
    // run everywhere.
    const auto value = [&variables, platform](const QString& name) {
        QString v = variables.value(name);
        if (platform == Platform::Windows) {
            v.replace(u'\\', u'/');
        }
        return v;
    };

    switch (platform) {
    case Platform::Linux: {
        environment.m_home = QDir::cleanPath(value(u"HOME"_s));
        const QString xdgConfig = value(u"XDG_CONFIG_HOME"_s);
        const QString xdgData = value(u"XDG_DATA_HOME"_s);
        // The XDG spec ignores relative values.
        environment.m_configHome =
            QDir::isAbsolutePath(xdgConfig) ? QDir::cleanPath(xdgConfig) : joined(environment.m_home, u".config"_s);
        environment.m_dataHome =
            QDir::isAbsolutePath(xdgData) ? QDir::cleanPath(xdgData) : joined(environment.m_home, u".local/share"_s);
        const QString xdgCache = value(u"XDG_CACHE_HOME"_s);
        environment.m_cacheHome =
            QDir::isAbsolutePath(xdgCache) ? QDir::cleanPath(xdgCache) : joined(environment.m_home, u".cache"_s);
        break;
    }
    case Platform::MacOS:
        environment.m_home = QDir::cleanPath(value(u"HOME"_s));
        environment.m_configHome = joined(environment.m_home, u"Library/Application Support"_s);
        environment.m_dataHome = environment.m_configHome;
        environment.m_cacheHome = joined(environment.m_home, u"Library/Caches"_s);
        break;
    case Platform::Windows: {
        QString home = value(u"USERPROFILE"_s);
        if (home.isEmpty()) {
            home = value(u"HOME"_s);
        }
        environment.m_home = QDir::cleanPath(home);
        const QString appData = value(u"APPDATA"_s);
        const QString localAppData = value(u"LOCALAPPDATA"_s);
        environment.m_configHome =
            appData.isEmpty() ? joined(environment.m_home, u"AppData/Roaming"_s) : QDir::cleanPath(appData);
        environment.m_dataHome =
            localAppData.isEmpty() ? joined(environment.m_home, u"AppData/Local"_s) : QDir::cleanPath(localAppData);
        environment.m_cacheHome = environment.m_dataHome;
        break;
    }
    }
    environment.m_workingDirectory = value(u"PWD"_s);
    if (environment.m_workingDirectory.isEmpty()) {
        environment.m_workingDirectory = environment.m_home;
    }
    return environment;
}

QString Environment::absolutePath(const QString& path) const
{
    QString result = path;
    if (m_platform == Platform::Windows) {
        result.replace(u'\\', u'/');
    }
    if (result == u"~"_s || result.startsWith(u"~/"_s)) {
        result = m_home + result.mid(1);
    }
    const bool absolute = result.startsWith(u'/') || (result.size() >= 2 && result.at(1) == u':');
    if (!absolute) {
        result = m_workingDirectory + u'/' + result;
    }
    return QDir::cleanPath(result);
}

} // namespace chasm
