// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WizardSupport.h"

#include "services/EditorGuardService.h"
#include "services/UndoService.h"
#include "views/Background.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

EditorCheckPage::EditorCheckPage(QWidget* parent)
    : QWizardPage(parent)
    , m_status(new QLabel(this))
    , m_close(new QPushButton(tr("&Close them now"), this))
    , m_reopen(new QCheckBox(tr("&Start them again afterwards"), this))
    , m_force(new QCheckBox(tr("&Write anyway (the editor will overwrite its index when it quits)"), this))
{
    setTitle(tr("Checks"));
    setSubTitle(tr("An editor keeps its session index in memory and writes it back when it quits, so it must be "
                   "closed while Chasm writes. Nothing is written until you press Commit."));
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_close, 0, Qt::AlignLeft);
    layout->addWidget(m_reopen);
    layout->addWidget(m_force);
    layout->addStretch(1);
    connect(m_force, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    connect(m_close, &QPushButton::clicked, this, &EditorCheckPage::closeRunning);
}

void EditorCheckPage::check(const QList<Editor>& editors, std::function<void()> then)
{
    // The process list is read on a worker (on some systems that means starting a program); until it is
    // back the page is not complete. A later check makes an earlier one's answer moot.
    const quint64 request = m_checks.start();
    m_checking = true;
    m_status->setText(tr("Looking for running editors…"));
    m_close->setVisible(false);
    m_reopen->setVisible(false);
    m_force->setVisible(false);
    Q_EMIT completeChanged();
    Background::runLatest(
        this, m_checks, request, [editors] { return EditorGuardService::running(editors); },
        [this, then = std::move(then)](const QList<Editor>& running) {
            m_checking = false;
            showRunning(running);
            if (then) {
                then();
            }
        });
}

void EditorCheckPage::showRunning(const QList<Editor>& running)
{
    m_running = running;
    QStringList names;
    for (Editor editor : std::as_const(m_running)) {
        names << editorInfo(editor).displayName;
    }
    m_status->setText(names.isEmpty() ? tr("No editor that Chasm writes for is running: ready.")
                                      : tr("Running now: %1. Close it first (your open windows come back when it "
                                           "restarts), or write anyway.")
                                            .arg(names.join(u", "_s)));
    m_close->setVisible(!m_running.isEmpty());
    m_close->setEnabled(true);
    m_reopen->setVisible(!m_running.isEmpty() || !m_closed.isEmpty());
    m_reopen->setChecked(true);
    m_force->setVisible(!m_running.isEmpty());
    Q_EMIT completeChanged();
}

bool EditorCheckPage::isComplete() const
{
    return !m_checking && (m_running.isEmpty() || m_force->isChecked());
}

bool EditorCheckPage::force() const
{
    return m_force->isChecked();
}

QList<Editor> EditorCheckPage::toReopen() const
{
    return m_reopen->isChecked() ? m_closed : QList<Editor>();
}

void EditorCheckPage::closeRunning()
{
    m_close->setEnabled(false);
    m_status->setText(tr("Asking the editors to quit…"));
    Background::run(
        this, [editors = m_running] { return EditorGuardService::close(editors); },
        [this](const QStringList& errors) {
            const QList<Editor> asked = m_running;
            check(asked, [this, asked, errors] {
                for (Editor editor : asked) {
                    if (!m_running.contains(editor)) {
                        m_closed.append(editor); // it quit: start it again afterwards if wanted
                    }
                }
                m_reopen->setVisible(!m_running.isEmpty() || !m_closed.isEmpty());
                if (!errors.isEmpty()) {
                    m_status->setText(m_status->text() + u"\n"_s + errors.join(u'\n'));
                }
            });
        });
}

void undoRecoveryPoints(QObject* context, const QStringList& points,
                        std::function<void(const QString& text, bool ok)> done)
{
    using Outcome = std::pair<QStringList, bool>;
    Background::run(
        context,
        [points] {
            const auto undone = UndoService::run({points});
            if (!undone) {
                return Outcome{{undone.error().message}, false};
            }
            QStringList lines = undone->done;
            if (undone->stopped) {
                lines << undone->stopped->message;
            }
            return Outcome{lines, !undone->stopped};
        },
        [done = std::move(done)](const Outcome& outcome) {
            const auto& [lines, ok] = outcome;
            const QString heading = ok ? QCoreApplication::translate("chasm::WizardSupport", "Undone:")
                                       : QCoreApplication::translate("chasm::WizardSupport", "Undo stopped:");
            done(heading + u'\n' + lines.join(u'\n'), ok);
        });
}

} // namespace chasm
