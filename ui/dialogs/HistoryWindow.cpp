// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HistoryWindow.h"

#include "services/CatalogService.h"
#include "services/UndoService.h"
#include "views/Background.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr int PointRole = Qt::UserRole + 1; // index into the points listed

// Where a recovery point was made: the workspace whose project or storage holds its .chasm_recovery, by
// name, else that folder.
QString placeOf(const RecoveryPoint& point, const QList<Workspace>& workspaces)
{
    QString folder = QFileInfo(point.manifest).absolutePath();
    if (QFileInfo(folder).fileName() == u".chasm_recovery"_s) {
        folder = QFileInfo(folder).absolutePath();
    }
    for (const Workspace& w : workspaces) {
        if (!w.editor.isEmpty() && (w.projectPath == folder || w.storagePath == folder)) {
            return w.displayName();
        }
    }
    return QDir::toNativeSeparators(folder);
}

struct PointListing
{
    QList<RecoveryPoint> points;
    QList<Workspace> workspaces;
};

} // namespace

HistoryWindow::HistoryWindow(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent)
    : QDialog(parent)
    , m_catalog(std::move(catalog))
    , m_points(new QTreeWidget(this))
    , m_details(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_undo(new QPushButton(tr("&Undo"), this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_force(new QCheckBox(tr("Even if a file &changed since (its current content is kept beside it)"), this))
    , m_showUndone(new QCheckBox(tr("Show the changes &undone"), this))
{
    setWindowTitle(tr("History"));
    resize(900, 600);
    auto* intro = new QLabel(tr("Every change Chasm made to your files, by this app or the chasm command, newest "
                                "first. Undo puts the files of a change back from its backups."),
                             this);
    intro->setWordWrap(true);
    m_points->setHeaderLabels({tr("When"), tr("What"), tr("Where"), tr("Files")});
    m_points->setRootIsDecorated(false);
    m_points->setUniformRowHeights(true);
    m_points->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_points->header()->setStretchLastSection(false);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_undo->setToolTip(tr("Put back every file this change wrote, from its backups"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_points);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_undo);
    buttons->addWidget(m_force);
    buttons->addStretch(1);
    buttons->addWidget(m_showUndone);
    buttons->addWidget(m_refresh);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &HistoryWindow::refresh);
    connect(m_showUndone, &QCheckBox::toggled, this, &HistoryWindow::refresh);
    connect(m_undo, &QPushButton::clicked, this, &HistoryWindow::undoSelected);
    connect(m_points, &QTreeWidget::currentItemChanged, this, &HistoryWindow::showDetails);
    updateButtons();
    refresh();
}

HistoryWindow::~HistoryWindow() = default;

HistoryWindow* HistoryWindow::open(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent)
{
    auto* window = parent ? parent->findChild<HistoryWindow*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!window) {
        window = new HistoryWindow(std::move(catalog), parent);
        window->setAttribute(Qt::WA_DeleteOnClose);
    } else {
        window->refresh();
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void HistoryWindow::refresh()
{
    m_busy = true;
    updateButtons();
    m_status->setText(tr("Looking for the changes Chasm made…"));
    Background::run(
        this,
        [catalog = m_catalog, withUndone = m_showUndone->isChecked()] {
            const auto workspaces = CatalogService(*catalog).workspaces({});
            PointListing listing{{}, workspaces ? *workspaces : QList<Workspace>()};
            listing.points = UndoService::history(listing.workspaces, withUndone);
            return listing;
        },
        [this](const PointListing& listing) {
            m_busy = false;
            m_list = listing.points;
            m_points->clear();
            int undoable = 0;
            for (int i = 0; i < m_list.size(); ++i) {
                const RecoveryPoint& point = m_list.at(i);
                const QString what = point.undone.isValid()
                                         ? tr("%1 (undone %2)")
                                               .arg(point.operation, QLocale().toString(point.undone.toLocalTime(),
                                                                                        QLocale::ShortFormat))
                                         : point.operation;
                auto* item = new QTreeWidgetItem(
                    m_points, {QLocale().toString(point.created.toLocalTime(), QLocale::ShortFormat), what,
                               placeOf(point, listing.workspaces), QString::number(point.files.size())});
                item->setData(0, PointRole, i);
                item->setToolTip(1, point.changes.value(0));
                item->setToolTip(2, QDir::toNativeSeparators(point.manifest));
                if (point.undone.isValid()) {
                    for (int column = 0; column < m_points->columnCount(); ++column) {
                        item->setForeground(column, palette().brush(QPalette::Disabled, QPalette::Text));
                    }
                } else {
                    ++undoable;
                }
            }
            for (int column : {0, 1, 3}) {
                m_points->resizeColumnToContents(column);
            }
            const QString count = undoable == 0
                                      ? tr("Chasm has changed none of your files (or every change was undone).")
                                      : tr("%n change(s) that can be undone.", nullptr, undoable);
            // What the last undo did stays readable above the count.
            m_status->setText(m_outcome.isEmpty() ? count : m_outcome + u'\n' + count);
            m_outcome.clear();
            if (m_points->topLevelItemCount() > 0) {
                m_points->setCurrentItem(m_points->topLevelItem(0));
            }
            showDetails();
            updateButtons();
            Q_EMIT loaded(int(m_list.size()));
        });
}

void HistoryWindow::showDetails()
{
    const QTreeWidgetItem* item = m_points->currentItem();
    if (!item) {
        m_details->clear();
        updateButtons();
        return;
    }
    const RecoveryPoint& point = m_list.at(item->data(0, PointRole).toInt());
    QStringList lines;
    lines << tr("%1, %2").arg(point.operation, QLocale().toString(point.created.toLocalTime(), QLocale::LongFormat));
    if (point.undone.isValid()) {
        lines << tr("Undone on %1: its files hold what they held before it.")
                     .arg(QLocale().toString(point.undone.toLocalTime(), QLocale::LongFormat));
    }
    for (const QString& change : point.changes) {
        lines << u"  "_s + change;
    }
    lines << tr("Files it changed:");
    for (const RecoveryPoint::File& file : point.files) {
        lines << u"  "_s + (file.backup.isEmpty()
                                ? tr("%1 (new: undo removes it)").arg(QDir::toNativeSeparators(file.path))
                                : tr("%1 (backup: %2)")
                                      .arg(QDir::toNativeSeparators(file.path), QDir::toNativeSeparators(file.backup)));
    }
    lines
        << tr("Recorded in %1; from a terminal: %2").arg(QDir::toNativeSeparators(point.manifest), point.undoCommand());
    m_details->setPlainText(lines.join(u'\n'));
    updateButtons();
}

void HistoryWindow::updateButtons()
{
    const QTreeWidgetItem* item = m_points->currentItem();
    m_undo->setEnabled(!m_busy && item && !m_list.at(item->data(0, PointRole).toInt()).undone.isValid());
    m_refresh->setEnabled(!m_busy);
}

void HistoryWindow::undoSelected()
{
    const QTreeWidgetItem* item = m_points->currentItem();
    if (!item || m_busy) {
        return;
    }
    const RecoveryPoint point = m_list.at(item->data(0, PointRole).toInt());
    m_busy = true;
    updateButtons();
    m_status->setText(tr("Undoing %1…").arg(point.operation));
    using Outcome = std::pair<QString, bool>;
    Background::run(
        this,
        [manifest = point.manifest, force = m_force->isChecked()] {
            const auto undone = UndoService::run({{manifest}, force});
            if (!undone) {
                return Outcome{undone.error().message, false};
            }
            return Outcome{undone->done.join(u'\n'), true};
        },
        [this, operation = point.operation](const Outcome& outcome) {
            const auto& [text, ok] = outcome;
            m_busy = false;
            m_outcome = ok ? tr("Undone: %1").arg(operation) + u'\n' + text : tr("Not undone: %1").arg(text);
            refresh();
            Q_EMIT undone(ok);
        });
}

QString HistoryWindow::detailsText() const
{
    return m_details->toPlainText();
}

QString HistoryWindow::statusText() const
{
    return m_status->text();
}

} // namespace chasm
