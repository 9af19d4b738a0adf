// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "IndexInspector.h"

#include "models/IndexEntryModel.h"
#include "services/OrphanService.h"
#include "services/RecoverService.h"
#include "services/RegisterService.h"
#include "services/UndoService.h"
#include "views/Background.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

// What a fix did, in words, and its recovery point.
struct FixOutcome
{
    QString text;
    QStringList recoveryPoints; // a fix: those it made; an undo: those left to undo (it failed)
    bool changed = false;
};

namespace {

FixOutcome outcomeOf(const Result<Registrar::Report>& report)
{
    if (!report) {
        return {IndexInspector::tr("Nothing was changed: %1").arg(report.error().message), {}, false};
    }
    QStringList lines = report->changes;
    if (lines.isEmpty()) {
        lines << IndexInspector::tr("Nothing needed fixing.");
    }
    for (const QString& warning : report->warnings) {
        lines << IndexInspector::tr("Note: %1").arg(warning);
    }
    if (!report->recoveryPoint.isEmpty()) {
        lines
            << IndexInspector::tr("Backups are recorded in %1; Undo puts everything back.").arg(report->recoveryPoint);
        return {lines.join(u'\n'), {report->recoveryPoint}, true};
    }
    return {lines.join(u'\n'), {}, false};
}

// Two steps of one fix, as one.
FixOutcome joined(const FixOutcome& first, const FixOutcome& second)
{
    return {first.text + u'\n' + second.text, first.recoveryPoints + second.recoveryPoints,
            first.changed || second.changed};
}

} // namespace

IndexInspector::IndexInspector(QWidget* parent)
    : QWidget(parent)
    , m_model(new IndexEntryModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_report(new QLabel(this))
    , m_fix(new QPushButton(tr("&Fix selected"), this))
    , m_repair(new QPushButton(tr("&Repair all"), this))
    , m_undo(new QPushButton(tr("&Undo"), this))
    , m_history(new QPushButton(tr("Histor&y…"), this))
    , m_force(new QCheckBox(tr("Even while the editor runs"), this))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Select a VS Code, Cursor or Windsurf workspace to compare its session index with "
                          "its files."));
    m_fix->setToolTip(tr("Rebuild the selected sessions' index entries from their files, adding those the index "
                         "lacks, so the editor's chat history shows them; take out the selected entries whose "
                         "file is gone"));
    m_repair->setToolTip(tr("Compact damaged or long session logs, complete requests left pending, and rebuild "
                            "every entry of this workspace's index"));
    m_undo->setToolTip(tr("Put back every file the last fix changed, from its backups; again for the fix before"));
    m_history->setToolTip(tr("Every change Chasm made to your files, each with an Undo"));
    m_force->setToolTip(tr("The editor keeps its index in memory and overwrites it when it quits: a change made "
                           "while it runs is lost. Close the editor first when you can."));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_fix);
    buttons->addWidget(m_repair);
    buttons->addWidget(m_undo);
    buttons->addWidget(m_force);
    buttons->addStretch(1);
    buttons->addWidget(m_history);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addWidget(m_report);
    layout->addWidget(m_view, 1);
    connect(m_fix, &QPushButton::clicked, this, &IndexInspector::fixSelected);
    connect(m_repair, &QPushButton::clicked, this, &IndexInspector::repairAll);
    connect(m_undo, &QPushButton::clicked, this, &IndexInspector::undo);
    connect(m_history, &QPushButton::clicked, this, &IndexInspector::historyRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &IndexInspector::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &IndexInspector::updateButtons);
    updateButtons();
}

void IndexInspector::updateButtons()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // A session with its file is registered again; an entry without one (a ghost) is taken out.
    const bool fixable = std::any_of(rows.cbegin(), rows.cend(), [this](const QModelIndex& row) {
        const IndexEntry& entry = m_model->entry(row.row());
        return !entry.file.isEmpty() || entry.inIndex;
    });
    const bool vsCode = !m_workspace.editor.isEmpty();
    m_fix->setEnabled(!m_fixing && vsCode && fixable);
    m_repair->setEnabled(!m_fixing && vsCode && m_model->rowCount() > 0);
    m_undo->setEnabled(!m_fixing && !m_fixes.isEmpty());
    m_force->setEnabled(vsCode);
}

QString IndexInspector::fixReport() const
{
    return m_report->text();
}

void IndexInspector::fixSelected()
{
    QStringList ids, ghosts;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows()) {
        const IndexEntry& entry = m_model->entry(row.row());
        if (!entry.file.isEmpty()) {
            ids << entry.sessionId;
        } else if (entry.inIndex) {
            ghosts << entry.sessionId;
        }
    }
    if ((ids.isEmpty() && ghosts.isEmpty()) || m_fixing) {
        return;
    }
    Registrar::Options options;
    options.force = m_force->isChecked();
    options.complete = true;
    RegisterService::Request request;
    request.scope = {m_workspace};
    request.ids = ids;
    request.options = options;
    runFix(tr("Fixing %n session(s)…", nullptr, int(ids.size() + ghosts.size())),
           [request, ghosts, options, workspace = m_workspace] {
               FixOutcome outcome;
               if (!request.ids.isEmpty()) {
                   outcome = outcomeOf(RegisterService(request).write(workspace));
               }
               if (!ghosts.isEmpty()) {
                   const FixOutcome removed = outcomeOf(RecoverService::removeIndexEntries(workspace, ghosts, options));
                   outcome = request.ids.isEmpty() ? removed : joined(outcome, removed);
               }
               return outcome;
           });
}

void IndexInspector::repairAll()
{
    if (m_fixing) {
        return;
    }
    Registrar::Options options;
    options.force = m_force->isChecked();
    RegisterService::Request request;
    request.action = RegisterService::Request::Action::Repair;
    request.scope = {m_workspace};
    request.options = options;
    runFix(tr("Repairing %1…").arg(m_workspace.displayName()),
           [request, workspace = m_workspace] { return outcomeOf(RegisterService(request).write(workspace)); });
}

void IndexInspector::undo()
{
    if (m_fixes.isEmpty() || m_fixing) {
        return;
    }
    // Taken off now: a failed undo puts back what is left of it.
    const QStringList points = m_fixes.takeLast();
    runFix(tr("Undoing…"), [points] {
        const auto undone = UndoService::run({points});
        if (!undone) {
            return FixOutcome{tr("Undo failed, nothing was changed: %1").arg(undone.error().message), points, false};
        }
        QStringList left = points.mid(0, points.size() - undone->undone.size());
        QString text = undone->done.join(u'\n');
        if (undone->stopped) {
            text += u'\n' + tr("Undo stopped: %1").arg(undone->stopped->message);
        }
        return FixOutcome{text, left, true};
    });
}

void IndexInspector::runFix(const QString& what, std::function<FixOutcome()> work)
{
    m_fixing = true;
    updateButtons();
    m_report->setText(what);
    Background::run(this, std::move(work), [this, workspace = m_workspace.id](const FixOutcome& outcome) {
        m_fixing = false;
        // Another workspace may be shown by now: its Undo must not undo this fix.
        if (workspace == m_workspace.id) {
            m_report->setText(outcome.text);
            if (!outcome.recoveryPoints.isEmpty()) {
                m_fixes.append(outcome.recoveryPoints); // a fix to undo, or what a failed undo left
            }
            if (outcome.changed) {
                inspect(m_workspace, m_files);
            }
        }
        updateButtons();
        Q_EMIT fixFinished(outcome.changed);
    });
}

void IndexInspector::inspect(const Workspace& workspace, const QList<SessionRef>& files)
{
    const quint64 request = m_inspections.start();
    if (workspace.id != m_workspace.id) {
        m_fixes.clear();
        m_report->clear();
    }
    m_workspace = workspace;
    m_files = files;
    updateButtons();
    if (workspace.editor.isEmpty()) {
        m_model->setEntries({});
        m_summary->setText(tr("%1 keeps no session index: only VS Code-family editors do.")
                               .arg(workspace.application.isEmpty() ? workspace.provider : workspace.application));
        Q_EMIT inspected();
        return;
    }
    m_summary->setText(tr("Reading the index of %1…").arg(workspace.displayName()));
    Background::runLatest(
        this, m_inspections, request, [workspace, files] { return OrphanService::inspectIndex(workspace, files); },
        [this, workspace](const OrphanService::WorkspaceIndex& inspection) {
            m_model->setEntries(inspection.entries);
            m_view->resizeColumnsToContents();
            const auto count = [&](const auto& test) {
                return int(std::count_if(inspection.entries.cbegin(), inspection.entries.cend(), test));
            };
            QString text = tr("%1: %2 index entries, %3 session files; %4 problems.")
                               .arg(workspace.displayName())
                               .arg(count([](const IndexEntry& e) { return e.inIndex; }))
                               .arg(count([](const IndexEntry& e) { return !e.file.isEmpty(); }))
                               .arg(m_model->problemCount());
            if (!inspection.error.isEmpty()) {
                text +=
                    u' ' +
                    tr("The index could not be read (%1), so no file is called missing from it.").arg(inspection.error);
            }
            m_summary->setText(text);
            Q_EMIT inspected();
        });
}

QString IndexInspector::summary() const
{
    return m_summary->text();
}

} // namespace chasm
