// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace chasm {

class EmbeddedServer;
class Provider;
class Settings;

// The preferences: where the database is, the team database search may read, which tools the tray watches, the
// tray itself, the theme and the language (General); the embedded HTTP API server, its address, its token and the
// origins allowed to call it (Server). Changes are written when the dialog is accepted; the token is kept in the system
// keychain, never in the settings, and regenerating it takes effect at once.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    // `server`: the app's embedded server, for its token and state (may be null: then the token is not shown).
    SettingsDialog(Settings* settings, const QList<const Provider*>& providers, EmbeddedServer* server,
                   QWidget* parent = nullptr);

    void accept() override;

    QTabWidget* pages() const { return m_pages; }

private:
    QWidget* generalPage(const QList<const Provider*>& providers);
    QWidget* serverPage();
    void showServerState();
    // The allowed origins as typed, one a line; the first line that is not an origin is named in `bad`.
    QStringList origins(QString* bad) const;

    Settings* m_settings;
    EmbeddedServer* m_server;
    QTabWidget* m_pages;
    QLineEdit* m_database;
    QLineEdit* m_team;
    QCheckBox* m_publish;
    QLabel* m_teamState;
    QListWidget* m_providers;
    QCheckBox* m_tray;
    QSpinBox* m_rescan;
    QComboBox* m_theme;
    QComboBox* m_language;
    QCheckBox* m_serverEnabled;
    QLineEdit* m_serverHost;
    QSpinBox* m_serverPort;
    QLineEdit* m_token;
    QPushButton* m_showToken;
    QPushButton* m_copyToken;
    QPushButton* m_regenerateToken;
    QLabel* m_tokenState;
    QPlainTextEdit* m_origins;
    QLabel* m_serverState;
};

} // namespace chasm
