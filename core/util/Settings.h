// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"

#include <QObject>
#include <QSettings>
#include <QStringList>

#include <memory>

namespace chasm {

// The user's preferences, kept in <config home>/chasm/chasm.conf: one typed accessor per key with its
// default, and changed(key) when one changes. Tests give each instance its own file.
class Settings final : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        DatabasePath,     // empty: Database::defaultPath()
        WatchedProviders, // provider ids the tray watches; empty: every provider
        TrayEnabled,      // keep running in the system tray and harvest changes automatically
        RescanMinutes,    // how often the tray rescans stores a file watcher cannot cover
        Theme,
        Language, // a locale name ("de", "zh_CN"); empty: the system's
        WindowGeometry,
        WindowState,
        SplitterState,
        SavedSearches,
        ExportFolder, // where the export dialog wrote last; empty: the documents folder
        ExportFormat, // the export dialog's format name ("md", "html", ...)
        // The size from which a session file is shown from its file as the reader moves through it rather than
        // loaded whole (Provider::open), in bytes.
        ViewInPartsFrom,
        // The app's embedded HTTP API server (off by default): whether it runs, where, and the web origins allowed
        // to call it from a browser (as `api serve --allow-origin` takes them). Its token is kept in the system
        // keychain, never here.
        ServerEnabled,
        ServerHost,
        ServerPort,
        ServerAllowedOrigins,
        // Whether harvests keep each session's files byte for byte (Harvester::Options::keepOriginals).
        KeepOriginals,
        // A team database on PostgreSQL (postgresql://USER@HOST[:PORT]/DATABASE), which search may read besides the
        // database on this computer; empty: none. Never with its password, which the system keychain keeps.
        TeamDatabase,
        // Whether the app pushes the database on this computer into the team database after each of its harvests.
        TeamPublish,
    };
    Q_ENUM(Key)
    enum class Theme
    {
        System,
        Light,
        Dark,
    };

    explicit Settings(const QString& file, QObject* parent = nullptr);
    ~Settings() override;
    static QString defaultFile(const Environment& environment);
    QString file() const;

    QString databasePath() const { return value(Key::DatabasePath).toString(); }
    QStringList watchedProviders() const { return value(Key::WatchedProviders).toStringList(); }
    bool trayEnabled() const { return value(Key::TrayEnabled).toBool(); }
    int rescanMinutes() const { return std::max(1, value(Key::RescanMinutes).toInt()); }
    Theme theme() const { return Theme(value(Key::Theme).toInt()); }
    QString language() const { return value(Key::Language).toString(); }
    QStringList savedSearches() const { return value(Key::SavedSearches).toStringList(); }
    qint64 viewInPartsFrom() const { return value(Key::ViewInPartsFrom).toLongLong(); }
    bool serverEnabled() const { return value(Key::ServerEnabled).toBool(); }
    QString serverHost() const { return value(Key::ServerHost).toString(); }
    quint16 serverPort() const { return quint16(value(Key::ServerPort).toUInt()); }
    QStringList serverAllowedOrigins() const { return value(Key::ServerAllowedOrigins).toStringList(); }
    bool keepOriginals() const { return value(Key::KeepOriginals).toBool(); }
    QString teamDatabase() const { return value(Key::TeamDatabase).toString(); }
    bool teamPublish() const { return value(Key::TeamPublish).toBool(); }

    // Entries of a group named at run time ("models/ollama/endpoint": the model providers configured), which the
    // keys above do not cover. A null value removes the entry.
    QVariant entry(const QString& path) const;
    void setEntry(const QString& path, const QVariant& value);
    QStringList groups(const QString& group) const;

    QVariant value(Key key) const;
    // Stores and writes the value at once, and says so when it differs from the one before.
    void setValue(Key key, const QVariant& value);

Q_SIGNALS:
    void changed(chasm::Settings::Key key);

private:
    // Brings settings written by an older Chasm to the current keys.
    void migrate();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace chasm
