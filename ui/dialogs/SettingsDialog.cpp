// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SettingsDialog.h"

#include "providers/Provider.h"
#include "server/EmbeddedServer.h"
#include "store/postgres/PostgresUrl.h"
#include "util/Settings.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

SettingsDialog::SettingsDialog(Settings* settings, const QList<const Provider*>& providers, EmbeddedServer* server,
                               QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_server(server)
    , m_pages(new QTabWidget(this))
    , m_database(new QLineEdit(this))
    , m_team(new QLineEdit(this))
    , m_publish(new QCheckBox(tr("Publish my sessions there after each harvest"), this))
    , m_teamState(new QLabel(this))
    , m_providers(new QListWidget(this))
    , m_tray(new QCheckBox(tr("Keep Chasm in the system tray and harvest new sessions automatically"), this))
    , m_rescan(new QSpinBox(this))
    , m_theme(new QComboBox(this))
    , m_language(new QComboBox(this))
    , m_serverEnabled(new QCheckBox(tr("Run the HTTP API server in Chasm"), this))
    , m_serverHost(new QLineEdit(this))
    , m_serverPort(new QSpinBox(this))
    , m_token(new QLineEdit(this))
    , m_showToken(new QPushButton(tr("Show"), this))
    , m_copyToken(new QPushButton(tr("Copy"), this))
    , m_regenerateToken(new QPushButton(tr("Regenerate"), this))
    , m_tokenState(new QLabel(this))
    , m_origins(new QPlainTextEdit(this))
    , m_serverState(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    m_pages->addTab(generalPage(providers), tr("General"));
    m_pages->addTab(serverPage(), tr("Server"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
}

QWidget* SettingsDialog::generalPage(const QList<const Provider*>& providers)
{
    auto* page = new QWidget(this);
    const Settings* settings = m_settings;
    m_database->setText(settings->databasePath());
    m_database->setPlaceholderText(tr("The default (in your data folder)"));
    auto* browse = new QPushButton(tr("Choose…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Database"), m_database->text(), tr("SQLite databases (*.db)"),
                                         nullptr, QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty()) {
            m_database->setText(file);
        }
    });
    auto* databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(browse);

    m_team->setObjectName(u"teamDatabase"_s);
    m_team->setText(settings->teamDatabase());
    m_team->setPlaceholderText(tr("None (postgresql://you@host/database)"));
    m_team->setToolTip(tr("A team database on PostgreSQL, which search can read besides this computer's. Its "
                          "password is not kept here: Chasm reads it from the system keychain, PGPASSWORD or "
                          "~/.pgpass."));
    m_publish->setChecked(settings->teamPublish());
    m_publish->setToolTip(tr("Push the sessions new or changed in this computer's database into the team database, "
                             "as yours, after each harvest (as chasm harvest push does)"));
    m_publish->setEnabled(!m_team->text().trimmed().isEmpty());
    connect(m_team, &QLineEdit::textChanged, m_publish,
            [this](const QString& text) { m_publish->setEnabled(!text.trimmed().isEmpty()); });
    m_teamState->setObjectName(u"teamDatabaseState"_s);
    m_teamState->setWordWrap(true);
    m_teamState->hide();

    const QStringList watched = settings->watchedProviders();
    for (const Provider* provider : providers) {
        auto* item = new QListWidgetItem(provider->displayName(), m_providers);
        item->setData(Qt::UserRole, provider->id());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(watched.isEmpty() || watched.contains(provider->id()) ? Qt::Checked : Qt::Unchecked);
    }
    m_tray->setChecked(settings->trayEnabled());
    m_rescan->setRange(1, 24 * 60);
    m_rescan->setSuffix(tr(" min"));
    m_rescan->setValue(settings->rescanMinutes());
    m_theme->addItem(tr("System"), int(Settings::Theme::System));
    m_theme->addItem(tr("Light"), int(Settings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(Settings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(settings->theme())));
    m_language->addItem(tr("The system's"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings->language())));

    auto* form = new QFormLayout;
    form->addRow(tr("Database"), databaseRow);
    form->addRow(tr("Team database"), m_team);
    form->addRow(QString(), m_teamState);
    form->addRow(QString(), m_publish);
    form->addRow(tr("Tools to harvest"), m_providers);
    form->addRow(QString(), m_tray);
    form->addRow(tr("Also rescan every"), m_rescan);
    form->addRow(tr("Theme"), m_theme);
    form->addRow(tr("Language"), m_language);
    auto* note = new QLabel(tr("A new language takes effect the next time Chasm starts."), page);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);
    return page;
}

QWidget* SettingsDialog::serverPage()
{
    auto* page = new QWidget(this);
    m_serverEnabled->setChecked(m_settings->serverEnabled());
    m_serverHost->setText(m_settings->serverHost());
    m_serverHost->setToolTip(tr("An IP address: 127.0.0.1 serves only this computer, any other address the network "
                                "(every request must then bring the token)"));
    m_serverPort->setRange(1, 65535);
    m_serverPort->setValue(m_settings->serverPort());

    m_token->setObjectName(u"token"_s);
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setMinimumWidth(m_token->fontMetrics().averageCharWidth() * 46); // the 43 characters of a token
    m_token->setPlaceholderText(tr("Reading the system keychain…"));
    m_showToken->setCheckable(true);
    m_copyToken->setToolTip(tr("Copy the token to the clipboard"));
    m_regenerateToken->setToolTip(tr("Make a new token: clients that bring the old one are refused from now on"));
    for (QPushButton* button : {m_showToken, m_copyToken, m_regenerateToken}) {
        button->setEnabled(false);
    }
    connect(m_showToken, &QPushButton::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_copyToken, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_token->text()); });
    auto* tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_showToken);
    tokenRow->addWidget(m_copyToken);
    tokenRow->addWidget(m_regenerateToken);
    m_tokenState->setWordWrap(true);
    m_tokenState->setText(tr("Every request but GET /api/v1/health must bring it as \"Authorization: Bearer TOKEN\". "
                             "It is kept in the system keychain."));
    if (m_server) {
        connect(m_server, &EmbeddedServer::tokenRead, this, [this](const QByteArray& token) {
            m_token->setText(QString::fromLatin1(token));
            for (QPushButton* button : {m_showToken, m_copyToken, m_regenerateToken}) {
                button->setEnabled(true);
            }
        });
        connect(m_server, &EmbeddedServer::tokenFailed, this, [this](const QString& error) {
            m_token->clear();
            m_token->setPlaceholderText(tr("No token"));
            m_tokenState->setText(tr("No token can be kept: %1").arg(error));
            m_regenerateToken->setEnabled(true);
        });
        connect(m_regenerateToken, &QPushButton::clicked, m_server, &EmbeddedServer::regenerateToken);
        connect(m_server, &EmbeddedServer::stateChanged, this, &SettingsDialog::showServerState);
        m_server->readToken();
    }

    m_origins->setObjectName(u"allowedOrigins"_s);
    m_origins->setPlaceholderText(u"https://example.com"_s);
    m_origins->setPlainText(m_settings->serverAllowedOrigins().join(u'\n'));
    m_origins->setMaximumHeight(m_origins->fontMetrics().lineSpacing() * 5);
    auto* originsNote =
        new QLabel(tr("One a line, as scheme://host[:port]. Web pages of these origins may call the API "
                      "from a browser (CORS); any other origin is refused."),
                   page);
    originsNote->setWordWrap(true);
    m_serverState->setObjectName(u"serverState"_s);
    m_serverState->setWordWrap(true);
    m_serverState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showServerState();

    auto* form = new QFormLayout;
    form->addRow(QString(), m_serverEnabled);
    form->addRow(tr("Address"), m_serverHost);
    form->addRow(tr("Port"), m_serverPort);
    form->addRow(tr("Token"), tokenRow);
    form->addRow(QString(), m_tokenState);
    form->addRow(tr("Allowed origins"), m_origins);
    form->addRow(QString(), originsNote);
    form->addRow(tr("Status"), m_serverState);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addStretch(1);
    return page;
}

void SettingsDialog::showServerState()
{
    if (!m_server) {
        m_serverState->setText(tr("Not running"));
        return;
    }
    switch (m_server->state()) {
    case EmbeddedServer::State::Stopped:
        m_serverState->setText(tr("Not running"));
        break;
    case EmbeddedServer::State::Starting:
        m_serverState->setText(tr("Starting…"));
        break;
    case EmbeddedServer::State::Running:
        m_serverState->setText(tr("Serving the API at %1/api/v1 and MCP at %1/mcp").arg(m_server->url().toString()));
        break;
    case EmbeddedServer::State::Failed:
        m_serverState->setText(tr("Not running: %1").arg(m_server->error()));
        break;
    }
}

QStringList SettingsDialog::origins(QString* bad) const
{
    QStringList origins;
    for (const QString& line : m_origins->toPlainText().split(u'\n')) {
        const QString origin = line.trimmed();
        if (origin.isEmpty()) {
            continue;
        }
        // scheme://host[:port], nothing after: what a browser sends as Origin.
        const QUrl url(origin, QUrl::StrictMode);
        const bool valid = url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s) &&
                           !url.host().isEmpty() && url.path().isEmpty() && !url.hasQuery() && !url.hasFragment() &&
                           url.userInfo().isEmpty();
        if (!valid && bad->isEmpty()) {
            *bad = origin;
        }
        if (valid && !origins.contains(origin)) {
            origins << origin;
        }
    }
    return origins;
}

void SettingsDialog::accept()
{
    // A team database is a postgresql:// URL, kept without its password.
    const QString team = m_team->text().trimmed();
    if (!team.isEmpty()) {
        const Result<PostgresUrl> url = PostgresUrl::isPostgres(team)
                                            ? PostgresUrl::parse(team)
                                            : Result<PostgresUrl>(Error{tr("%1 is not a postgresql:// URL").arg(team)});
        const QString problem =
            !url ? url.error().message
            : url->password()
                ? tr("Leave the password out of the URL: Chasm does not keep it in its settings, it reads it from the "
                     "system keychain (under %1), PGPASSWORD or ~/.pgpass.")
                      .arg(url->keychainKey())
                : QString();
        if (!problem.isEmpty()) {
            m_pages->setCurrentIndex(0);
            m_teamState->setText(problem);
            m_teamState->show();
            m_team->setFocus();
            return;
        }
    }
    QString badOrigin;
    const QStringList allowed = origins(&badOrigin);
    if (!badOrigin.isEmpty()) {
        m_pages->setCurrentIndex(1);
        m_serverState->setText(
            tr("\"%1\" is not an origin: write it as scheme://host[:port], e.g. https://example.com").arg(badOrigin));
        m_origins->setFocus();
        return;
    }
    QStringList watched;
    bool all = true;
    for (int i = 0; i < m_providers->count(); ++i) {
        const QListWidgetItem* item = m_providers->item(i);
        if (item->checkState() == Qt::Checked) {
            watched << item->data(Qt::UserRole).toString();
        } else {
            all = false;
        }
    }
    m_settings->setValue(Settings::Key::DatabasePath, m_database->text().trimmed());
    m_settings->setValue(Settings::Key::TeamDatabase, team);
    m_settings->setValue(Settings::Key::TeamPublish, !team.isEmpty() && m_publish->isChecked());
    m_settings->setValue(Settings::Key::WatchedProviders, all ? QStringList() : watched);
    m_settings->setValue(Settings::Key::TrayEnabled, m_tray->isChecked());
    m_settings->setValue(Settings::Key::RescanMinutes, m_rescan->value());
    m_settings->setValue(Settings::Key::Theme, m_theme->currentData());
    m_settings->setValue(Settings::Key::Language, m_language->currentData());
    m_settings->setValue(Settings::Key::ServerAllowedOrigins, allowed);
    m_settings->setValue(Settings::Key::ServerHost, m_serverHost->text().trimmed());
    m_settings->setValue(Settings::Key::ServerPort, m_serverPort->value());
    m_settings->setValue(Settings::Key::ServerEnabled, m_serverEnabled->isChecked());
    QDialog::accept();
}

} // namespace chasm
