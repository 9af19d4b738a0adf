// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionCatalog.h"
#include "views/Background.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace chasm {

class Settings;

// Writes the chosen sessions out as files, in any format of `chasm export`: one file per session into
// a folder ("<date>-<title>-<short id>.<ext>", a name taken gets "-2"), or all into one file; nothing
// is overwritten. Sessions are read and written on a worker thread, with progress and Cancel; the
// sessions that cannot be read are named at the end. The folder and format are remembered.
class ExportDialog final : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(std::shared_ptr<const SessionCatalog> catalog, QList<SessionRef> sessions, Settings* settings,
                 QWidget* parent = nullptr);
    ~ExportDialog() override;

    QComboBox* formatBox() const { return m_format; }
    QRadioButton* oneFileButton() const { return m_oneFile; }
    QLineEdit* destinationField() const { return m_destination; }
    // Starts writing (the Export button).
    void start();
    QString resultText() const;
    QStringList writtenFiles() const { return m_written; }

Q_SIGNALS:
    void exported(bool ok);

protected:
    void reject() override;

private:
    void formatChanged();
    void browse();
    QString destination() const;

    std::shared_ptr<const SessionCatalog> m_catalog;
    QList<SessionRef> m_sessions;
    Settings* m_settings;
    QComboBox* m_format;
    QRadioButton* m_perSession;
    QRadioButton* m_oneFile;
    QLineEdit* m_destination;
    QPushButton* m_browse;
    QCheckBox* m_openWhenDone;
    QProgressBar* m_progress;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QPushButton* m_export;
    std::shared_ptr<std::atomic_bool> m_cancel;
    Latest m_exports;
    QStringList m_written;
    bool m_running = false;
};

} // namespace chasm
