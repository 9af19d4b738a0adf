#include "IndexInspector.h"

#include "models/IndexEntryModel.h"
#include "vscode/SessionIndex.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace chasm {

IndexInspector::IndexInspector(QWidget* parent)
    : QWidget(parent)
    , m_model(new IndexEntryModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
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
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
}

void IndexInspector::inspect(const Workspace& workspace, const QList<SessionRef>& files)
{
    const quint64 request = ++m_request;
    if (workspace.editor.isEmpty()) {
        m_model->setEntries({});
        m_summary->setText(tr("%1 keeps no session index: only VS Code-family editors do.")
                               .arg(workspace.application.isEmpty() ? workspace.provider : workspace.application));
        Q_EMIT inspected();
        return;
    }
    m_summary->setText(tr("Reading the index of %1…").arg(workspace.displayName()));
    auto* watcher = new QFutureWatcher<SessionIndex::Inspection>(this);
    connect(watcher, &QFutureWatcher<SessionIndex::Inspection>::finished, this, [this, watcher, request, workspace] {
        watcher->deleteLater();
        if (request != m_request) {
            return;
        }
        const SessionIndex::Inspection inspection = watcher->result();
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
            text += u' ' +
                    tr("The index could not be read (%1), so no file is called missing from it.").arg(inspection.error);
        }
        m_summary->setText(text);
        Q_EMIT inspected();
    });
    watcher->setFuture(
        QtConcurrent::run([path = workspace.stateDatabasePath, files] { return SessionIndex::inspect(path, files); }));
}

QString IndexInspector::summary() const
{
    return m_summary->text();
}

} // namespace chasm
