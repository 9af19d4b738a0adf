// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Settings.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr int formatVersion = 1;

struct KeyInfo
{
    QString name;
    QVariant fallback;
};

KeyInfo info(Settings::Key key)
{
    switch (key) {
    case Settings::Key::DatabasePath:
        return {u"database/path"_s, QString()};
    case Settings::Key::WatchedProviders:
        return {u"tray/providers"_s, QStringList()};
    case Settings::Key::TrayEnabled:
        return {u"tray/enabled"_s, false};
    case Settings::Key::RescanMinutes:
        return {u"tray/rescanMinutes"_s, 5};
    case Settings::Key::Theme:
        return {u"appearance/theme"_s, int(Settings::Theme::System)};
    case Settings::Key::Language:
        return {u"appearance/language"_s, QString()};
    case Settings::Key::WindowGeometry:
        return {u"window/geometry"_s, QByteArray()};
    case Settings::Key::WindowState:
        return {u"window/state"_s, QByteArray()};
    case Settings::Key::SplitterState:
        return {u"window/splitters"_s, QByteArray()};
    case Settings::Key::SavedSearches:
        return {u"search/saved"_s, QStringList()};
    case Settings::Key::ExportFolder:
        return {u"export/folder"_s, QString()};
    case Settings::Key::ExportFormat:
        return {u"export/format"_s, u"md"_s};
    case Settings::Key::ViewInPartsFrom:
        // As the harvest's Harvester::Options::streamBytes: what the app holds whole stays in the tens of megabytes.
        return {u"viewer/inPartsFrom"_s, qint64(32) << 20};
    case Settings::Key::ServerEnabled:
        return {u"server/enabled"_s, false};
    case Settings::Key::ServerHost:
        return {u"server/host"_s, u"127.0.0.1"_s};
    case Settings::Key::ServerPort:
        return {u"server/port"_s, 8787};
    case Settings::Key::ServerAllowedOrigins:
        return {u"server/allowedOrigins"_s, QStringList()};
    case Settings::Key::KeepOriginals:
        return {u"harvest/keepOriginals"_s, true};
    case Settings::Key::TeamDatabase:
        return {u"team/database"_s, QString()};
    case Settings::Key::TeamPublish:
        return {u"team/publish"_s, false};
    }
    return {};
}

} // namespace

Settings::Settings(const QString& file, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(file, QSettings::IniFormat))
{
    migrate();
}

Settings::~Settings() = default;

QString Settings::defaultFile(const Environment& environment)
{
    return QDir(environment.configHome()).filePath(u"chasm/chasm.conf"_s);
}

QString Settings::file() const
{
    return m_settings->fileName();
}

QVariant Settings::value(Key key) const
{
    const KeyInfo k = info(key);
    QVariant v = m_settings->value(k.name, k.fallback);
    // INI files store lists of one element and empty lists as plain strings.
    if (k.fallback.typeId() == QMetaType::QStringList && v.typeId() == QMetaType::QString) {
        const QString s = v.toString();
        return s.isEmpty() ? QStringList() : QStringList{s};
    }
    return v;
}

void Settings::setValue(Key key, const QVariant& value)
{
    if (this->value(key) == value) {
        return;
    }
    m_settings->setValue(info(key).name, value);
    m_settings->sync();
    Q_EMIT changed(key);
}

QVariant Settings::entry(const QString& path) const
{
    return m_settings->value(path);
}

void Settings::setEntry(const QString& path, const QVariant& value)
{
    if (value.isNull()) {
        m_settings->remove(path);
    } else {
        m_settings->setValue(path, value);
    }
    m_settings->sync();
}

QStringList Settings::groups(const QString& group) const
{
    m_settings->beginGroup(group);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    return names;
}

void Settings::migrate()
{
    if (m_settings->value(u"version"_s, 0).toInt() >= formatVersion) {
        return;
    }
    // Version 0 is a new file: nothing to bring over yet.
    m_settings->setValue(u"version"_s, formatVersion);
}

} // namespace chasm
