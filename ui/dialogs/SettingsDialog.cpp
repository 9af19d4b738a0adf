#include "SettingsDialog.h"

#include "providers/Provider.h"
#include "util/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

SettingsDialog::SettingsDialog(Settings* settings, const QList<const Provider*>& providers, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_database(new QLineEdit(this))
    , m_providers(new QListWidget(this))
    , m_tray(new QCheckBox(tr("Keep Chasm in the system tray and harvest new sessions automatically"), this))
    , m_rescan(new QSpinBox(this))
    , m_theme(new QComboBox(this))
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    m_database->setText(settings->databasePath());
    m_database->setPlaceholderText(tr("The default (in your data folder)"));
    auto* browse = new QPushButton(tr("Choose…"), this);
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
    form->addRow(tr("Tools to harvest"), m_providers);
    form->addRow(QString(), m_tray);
    form->addRow(tr("Also rescan every"), m_rescan);
    form->addRow(tr("Theme"), m_theme);
    form->addRow(tr("Language"), m_language);
    auto* note = new QLabel(tr("A new language takes effect the next time Chasm starts."), this);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void SettingsDialog::accept()
{
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
    m_settings->setValue(Settings::Key::WatchedProviders, all ? QStringList() : watched);
    m_settings->setValue(Settings::Key::TrayEnabled, m_tray->isChecked());
    m_settings->setValue(Settings::Key::RescanMinutes, m_rescan->value());
    m_settings->setValue(Settings::Key::Theme, m_theme->currentData());
    m_settings->setValue(Settings::Key::Language, m_language->currentData());
    QDialog::accept();
}

} // namespace chasm
