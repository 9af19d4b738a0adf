#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace chasm {

class Provider;
class Settings;

// The preferences: where the database is, which tools the tray watches, the tray itself, the theme
// and the language. Changes are written when the dialog is accepted.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(Settings* settings, const QList<const Provider*>& providers, QWidget* parent = nullptr);

    void accept() override;

private:
    Settings* m_settings;
    QLineEdit* m_database;
    QListWidget* m_providers;
    QCheckBox* m_tray;
    QSpinBox* m_rescan;
    QComboBox* m_theme;
    QComboBox* m_language;
};

} // namespace chasm
