// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestStatusBar.h"

#include "services/HarvestService.h"
#include "views/ToolLook.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

HarvestStatusBar::HarvestStatusBar(HarvestService* harvest, QWidget* parent)
    : QStatusBar(parent)
    , m_harvest(harvest)
    , m_status(new QLabel(this))
    , m_count(new QLabel(this))
    , m_server(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_failuresAction(new QAction(tr("Show &failures…"), this))
{
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(200);
    m_busy->hide();
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the harvest: what was read is kept"));
    m_cancel->hide();
    m_failuresAction->setEnabled(false);
    addWidget(m_status, 1);
    m_count->setObjectName(u"sessionCount"_s);
    addPermanentWidget(m_count);
    m_server->setObjectName(u"serverStatus"_s);
    m_server->hide();
    addPermanentWidget(m_server);
    addPermanentWidget(m_busy);
    addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, m_harvest, &HarvestService::cancel);
    connect(m_failuresAction, &QAction::triggered, this, &HarvestStatusBar::showFailures);
    connect(m_harvest, &HarvestService::started, this, &HarvestStatusBar::harvestStarted);
    connect(m_harvest, &HarvestService::progressed, this, &HarvestStatusBar::harvestProgressed);
    connect(m_harvest, &HarvestService::waiting, this, [this] {
        m_status->setText(tr("Another harvest is running on this database; waiting for it to finish…"));
    });
    connect(m_harvest, &HarvestService::paced, this, [this](qint64 waitMs, qint64 lastRunMs) {
        m_status->setText(tr("Changes seen: harvesting them in %1 s (the last harvest took %2 s)")
                              .arg(qMax(qint64(1), (waitMs + 999) / 1000))
                              .arg(QLocale().toString(double(lastRunMs) / 1000, 'f', 1)));
    });
    connect(m_harvest, &HarvestService::finished, this, &HarvestStatusBar::harvestFinished);
    connect(m_harvest, &HarvestService::failed, this, &HarvestStatusBar::harvestFailed);
    // A harvest's run ends after its summary: a publish to the team database follows it. Other work that ended
    // meanwhile left the bar shown for it.
    connect(m_harvest, &HarvestService::settled, this, [this] {
        if (m_pendingJobs == 0) {
            m_busy->hide();
        }
    });
}

void HarvestStatusBar::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString HarvestStatusBar::status() const
{
    return m_status->text();
}

void HarvestStatusBar::setSessionCount(int shown, int total)
{
    m_count->setText(shown == total
                         ? ToolLook::sessions(total)
                         : tr("%1 of %2", "shown of all sessions").arg(shown).arg(ToolLook::sessions(total)));
}

QString HarvestStatusBar::sessionCount() const
{
    return m_count->text();
}

void HarvestStatusBar::setServerStatus(const QString& text)
{
    m_server->setText(text);
    m_server->setVisible(!text.isEmpty());
}

QString HarvestStatusBar::serverStatus() const
{
    return m_server->text();
}

void HarvestStatusBar::jobStarted(const QString& what)
{
    ++m_pendingJobs;
    m_status->setText(what);
    m_busy->show();
}

void HarvestStatusBar::jobFinished()
{
    --m_pendingJobs;
    if (m_pendingJobs == 0 && !m_harvest->isRunning()) {
        m_busy->hide();
    }
}

void HarvestStatusBar::harvestStarted()
{
    m_busy->setRange(0, 0);
    m_busy->show();
    m_cancel->show();
    m_status->setText(tr("Harvesting…"));
}

void HarvestStatusBar::harvestProgressed(const Harvester::Progress& progress)
{
    m_busy->setRange(0, std::max(1, progress.total));
    m_busy->setValue(progress.done);
    const QLocale locale;
    m_status->setText(
        tr("Harvesting: %1 of %2 sessions, %3 of %4")
            .arg(progress.done)
            .arg(progress.total)
            .arg(locale.formattedDataSize(progress.bytesDone), locale.formattedDataSize(progress.bytesTotal)));
}

void HarvestStatusBar::harvestFinished(const Harvester::Summary& summary)
{
    m_cancel->hide();
    if (m_pendingJobs == 0) {
        m_busy->hide();
    }
    // The sessions whose source shrank are listed with the failures: what their sources hold now was not taken.
    m_failures = summary.errors;
    for (const Harvester::ShrunkSource& shrunk : summary.shrunk) {
        m_failures.append({shrunk.path, shrunk.shrink.reason});
    }
    m_failuresAction->setEnabled(!m_failures.isEmpty());
    QString text = tr("Harvested: %1 new, %2 updated, %3 unchanged, %4 failed in %5 s (%6 sessions in the database)")
                       .arg(summary.created)
                       .arg(summary.updated)
                       .arg(summary.unchanged)
                       .arg(summary.failed)
                       .arg(summary.seconds, 0, 'f', 1)
                       .arg(summary.sessionsTotal);
    if (summary.cancelled) {
        text += u" — "_s + tr("cancelled; the next harvest reads the rest");
    }
    if (!summary.shrunk.isEmpty()) {
        text +=
            u" — "_s + tr("%n session(s) kept as stored: their sources shrank", nullptr, int(summary.shrunk.size()));
    }
    if (!m_failures.isEmpty()) {
        text += u" — "_s + tr("see Harvest → Show failures");
    }
    m_status->setText(text);
}

void HarvestStatusBar::harvestFailed(const QString& error)
{
    m_busy->hide();
    m_cancel->hide();
    m_status->setText(tr("Harvest failed: %1").arg(error));
}

void HarvestStatusBar::showFailures()
{
    QDialog dialog(window());
    dialog.setWindowTitle(tr("Sessions that could not be harvested"));
    auto* table = new QTableWidget(int(m_failures.size()), 2, &dialog);
    table->setHorizontalHeaderLabels({tr("File"), tr("Error")});
    for (int i = 0; i < m_failures.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(m_failures.at(i).path));
        table->setItem(i, 1, new QTableWidgetItem(m_failures.at(i).error));
    }
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Each is retried when its file changes."), &dialog));
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    dialog.resize(900, 400);
    dialog.exec();
}

} // namespace chasm
