// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MergeWizard.h"

#include "WizardSupport.h"
#include "dialogs/HistoryWindow.h"
#include "json/Json.h"
#include "vscode/EditorProcess.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr int SessionIdRole = Qt::UserRole + 1;

QString shortTime(const QDateTime& time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString day(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

QString targetLabel(const Workspace& w)
{
    const auto editor = editorById(w.editor);
    return u"%1 — %2 (%3)"_s.arg(editor ? editorInfo(*editor).displayName : w.editor, w.displayName(), w.hash.left(8));
}

} // namespace

MergeWizard::MergeWizard(std::shared_ptr<const SessionCatalog> catalog, QList<Workspace> workspaces,
                         QList<SessionRef> sessions, const QStringList& selected, QWidget* parent)
    : QWizard(parent)
    , m_catalog(std::move(catalog))
    , m_workspaces(std::move(workspaces))
    , m_sessions(std::move(sessions))
    , m_selectPage(new WizardPage(this))
    , m_previewPage(new WizardPage(this))
    , m_targetPage(new WizardPage(this))
    , m_writePage(new WizardPage(this))
    , m_project(new QComboBox(this))
    , m_provider(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_sessionsView(new QTreeWidget(this))
    , m_chosenLabel(new QLabel(this))
    , m_previewStatus(new QLabel(this))
    , m_timeline(new QTreeWidget(this))
    , m_notCarried(new QLabel(this))
    , m_title(new QLineEdit(this))
    , m_target(new QComboBox(this))
    , m_targetNote(new QLabel(this))
    , m_existingNote(new QLabel(this))
    , m_openExisting(new QPushButton(tr("Open the &existing one"), this))
    , m_writeAgain(new QCheckBox(tr("Write &another copy anyway"), this))
    , m_editorCheck(new EditorCheckPage(this))
    , m_writeProgress(new QProgressBar(this))
    , m_writeStatus(new QLabel(this))
    , m_summary(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("&Open the merged session"), this))
    , m_undo(new QPushButton(tr("&Undo the merge"), this))
{
    setWindowTitle(tr("Merge sessions"));
    setWizardStyle(QWizard::ClassicStyle);
    resize(860, 620);
    m_sessions.removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });

    // Choose: the sessions pane's selection, or by project, tool and dates.
    m_selectPage->setTitle(tr("Choose the sessions to merge"));
    m_selectPage->setSubTitle(tr("Sessions of any tool can be merged; the originals are not changed."));
    m_sessionsView->setHeaderLabels({tr("Session"), tr("Tool"), tr("Project"), tr("Last activity"), tr("Messages")});
    m_sessionsView->setRootIsDecorated(false);
    m_sessionsView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_sessionsView->header()->setStretchLastSection(false);
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    auto* filters = new QHBoxLayout;
    auto* projectLabel = new QLabel(tr("&Project:"), this);
    projectLabel->setBuddy(m_project);
    filters->addWidget(projectLabel);
    filters->addWidget(m_project, 2);
    filters->addWidget(m_provider, 1);
    filters->addWidget(new QLabel(tr("From"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    auto* tickShown = new QPushButton(tr("&Tick all shown"), this);
    auto* untickAll = new QPushButton(tr("U&ntick all"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_chosenLabel, 1);
    buttons->addWidget(tickShown);
    buttons->addWidget(untickAll);
    auto* selectLayout = new QVBoxLayout(m_selectPage);
    selectLayout->addLayout(filters);
    selectLayout->addWidget(m_sessionsView, 1);
    selectLayout->addLayout(buttons);
    m_selectPage->ready = [this] { return !chosenIds().isEmpty(); };
    fillSessions(selected);
    for (QComboBox* box : {m_project, m_provider}) {
        connect(box, &QComboBox::currentIndexChanged, this, &MergeWizard::applyFilters);
    }
    for (QDateEdit* edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, &MergeWizard::applyFilters);
    }
    connect(m_sessionsView, &QTreeWidget::itemChanged, this, &MergeWizard::updateChosen);
    const auto tickAll = [this](Qt::CheckState state, bool shownOnly) {
        const QSignalBlocker blocker(m_sessionsView);
        for (int i = 0; i < m_sessionsView->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = m_sessionsView->topLevelItem(i);
            if (!shownOnly || !item->isHidden()) {
                item->setCheckState(0, state);
            }
        }
        updateChosen();
    };
    connect(tickShown, &QPushButton::clicked, this, [tickAll] { tickAll(Qt::Checked, true); });
    connect(untickAll, &QPushButton::clicked, this, [tickAll] { tickAll(Qt::Unchecked, false); });

    // Preview: the merged timeline.
    m_previewPage->setTitle(tr("The merged timeline"));
    m_previewPage->setSubTitle(tr("Requests in time order; a request found twice is kept once."));
    m_previewStatus->setWordWrap(true);
    m_notCarried->setWordWrap(true);
    m_notCarried->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timeline->setHeaderLabels({tr("Time"), tr("From"), tr("Prompt")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->header()->setStretchLastSection(true);
    auto* previewLayout = new QVBoxLayout(m_previewPage);
    previewLayout->addWidget(m_previewStatus);
    previewLayout->addWidget(m_timeline, 1);
    previewLayout->addWidget(m_notCarried);
    m_previewPage->ready = [this] { return m_previewed && !m_plan.tree.is_null(); };

    // Title and target.
    m_targetPage->setTitle(tr("Title and workspace"));
    m_targetPage->setSubTitle(tr("The merged session goes into a workspace of the VS Code family and is added to "
                                 "its history."));
    m_targetNote->setWordWrap(true);
    auto* targetLayout = new QFormLayout(m_targetPage);
    targetLayout->addRow(tr("&Title:"), m_title);
    targetLayout->addRow(tr("&Workspace:"), m_target);
    targetLayout->addRow(m_targetNote);
    m_existingNote->setWordWrap(true);
    auto* existingButtons = new QHBoxLayout;
    existingButtons->addWidget(m_openExisting);
    existingButtons->addWidget(m_writeAgain);
    existingButtons->addStretch(1);
    targetLayout->addRow(m_existingNote);
    targetLayout->addRow(existingButtons);
    m_openExisting->setVisible(false);
    m_writeAgain->setVisible(false);
    // Running the same merge again makes a second copy under the same title: only when the user says so.
    m_targetPage->ready = [this] {
        return target() && !m_title->text().trimmed().isEmpty() && m_existingChecked &&
               (!m_existing || m_writeAgain->isChecked());
    };
    connect(m_writeAgain, &QCheckBox::toggled, m_targetPage, &WizardPage::recheck);
    connect(m_openExisting, &QPushButton::clicked, this, [this] {
        if (m_existing) {
            Q_EMIT openRequested(m_existing->sessionId);
            accept();
        }
    });
    connect(m_title, &QLineEdit::textChanged, m_targetPage, &WizardPage::recheck);
    connect(m_target, &QComboBox::currentIndexChanged, this, &MergeWizard::showTargetFormat);
    fillTargets();

    m_writePage->setTitle(tr("Writing the merged session"));
    m_writePage->setSubTitle(tr("Every file is backed up before it changes."));
    m_writeStatus->setWordWrap(true);
    auto* writeLayout = new QVBoxLayout(m_writePage);
    writeLayout->addWidget(m_writeProgress);
    writeLayout->addWidget(m_writeStatus);
    writeLayout->addStretch(1);
    m_writePage->ready = [this] { return m_written || !m_writeStatus->text().isEmpty(); };
    // The point of no return is the check page's Commit: nothing is written before it is pressed, and the
    // write cannot be run twice by going back.
    m_editorCheck->setCommitPage(true);

    auto* donePage = new WizardPage(this);
    donePage->setTitle(tr("Done"));
    donePage->setSubTitle(tr("What was written, and the backups made. Undo removes the merged session again."));
    m_summary->setReadOnly(true);
    auto* history = new QPushButton(tr("&History…"), this);
    history->setToolTip(tr("Every change Chasm made to your files, this merge included, each with an Undo"));
    connect(history, &QPushButton::clicked, this, [this] { HistoryWindow::open(m_catalog, this); });
    auto* doneButtons = new QHBoxLayout;
    doneButtons->addWidget(m_open);
    doneButtons->addWidget(m_undo);
    doneButtons->addStretch(1);
    doneButtons->addWidget(history);
    auto* doneLayout = new QVBoxLayout(donePage);
    doneLayout->addWidget(m_summary, 1);
    doneLayout->addLayout(doneButtons);
    connect(m_undo, &QPushButton::clicked, this, &MergeWizard::undo);
    connect(m_open, &QPushButton::clicked, this, [this] {
        Q_EMIT openRequested(m_plan.sessionId);
        accept();
    });

    setPage(SelectPage, m_selectPage);
    setPage(PreviewPage, m_previewPage);
    setPage(TargetPage, m_targetPage);
    setPage(CheckPage, m_editorCheck);
    setPage(WritePage, m_writePage);
    setPage(DonePage, donePage);
}

MergeWizard::~MergeWizard() = default;

void MergeWizard::fillSessions(const QStringList& selected)
{
    QStringList projects, providers;
    QDate first, last;
    for (const SessionRef& s : std::as_const(m_sessions)) {
        if (!s.projectPath.isEmpty() && !projects.contains(s.projectPath)) {
            projects << s.projectPath;
        }
        if (!providers.contains(s.provider)) {
            providers << s.provider;
        }
        const QDate date = (s.updatedAt.isValid() ? s.updatedAt : s.createdAt).toLocalTime().date();
        if (date.isValid()) {
            first = first.isValid() ? std::min(first, date) : date;
            last = last.isValid() ? std::max(last, date) : date;
        }
    }
    projects.sort();
    providers.sort();
    const QSignalBlocker projectBlocker(m_project), providerBlocker(m_provider), fromBlocker(m_from), toBlocker(m_to),
        viewBlocker(m_sessionsView);
    m_project->addItem(tr("Any project"));
    for (const QString& project : std::as_const(projects)) {
        m_project->addItem(project, project);
    }
    m_provider->addItem(tr("Any tool"));
    for (const QString& provider : std::as_const(providers)) {
        m_provider->addItem(provider, provider);
    }
    m_from->setDate(first.isValid() ? first : QDate::currentDate());
    m_to->setDate(last.isValid() ? last : QDate::currentDate());
    // The newest first, as in the sessions pane.
    QList<SessionRef> sorted = m_sessions;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.updatedAt > b.updatedAt; });
    for (const SessionRef& s : std::as_const(sorted)) {
        auto* item = new QTreeWidgetItem(m_sessionsView, {s.title, s.provider,
                                                          s.workspaceName.isEmpty() ? s.projectPath : s.workspaceName,
                                                          shortTime(s.updatedAt), QString::number(s.messageCount)});
        item->setData(0, SessionIdRole, s.id);
        item->setToolTip(0, s.path);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(0, selected.contains(s.id) ? Qt::Checked : Qt::Unchecked);
    }
    updateChosen();
}

void MergeWizard::applyFilters()
{
    const QString project = m_project->currentData().toString();
    const QString provider = m_provider->currentData().toString();
    QHash<QString, const SessionRef*> byId;
    for (const SessionRef& s : std::as_const(m_sessions)) {
        byId.insert(s.id, &s);
    }
    for (int i = 0; i < m_sessionsView->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_sessionsView->topLevelItem(i);
        const SessionRef* s = byId.value(item->data(0, SessionIdRole).toString());
        const QDate date = (s->updatedAt.isValid() ? s->updatedAt : s->createdAt).toLocalTime().date();
        const bool shown = (project.isEmpty() || s->projectPath == project) &&
                           (provider.isEmpty() || s->provider == provider) &&
                           (!date.isValid() || (date >= m_from->date() && date <= m_to->date()));
        item->setHidden(!shown);
    }
    updateChosen();
}

QStringList MergeWizard::chosenIds() const
{
    QStringList ids;
    for (int i = 0; i < m_sessionsView->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_sessionsView->topLevelItem(i);
        if (!item->isHidden() && item->checkState(0) == Qt::Checked) {
            ids << item->data(0, SessionIdRole).toString();
        }
    }
    return ids;
}

void MergeWizard::updateChosen()
{
    const int n = int(chosenIds().size());
    m_chosenLabel->setText(n == 1 ? tr("1 session chosen: it becomes a VS Code session of its own.")
                                  : tr("%n session(s) chosen.", nullptr, n));
    m_selectPage->recheck();
}

QStringList MergeWizard::chosenProjects() const
{
    QHash<QString, int> counts;
    const QStringList ids = chosenIds();
    for (const SessionRef& s : std::as_const(m_sessions)) {
        if (ids.contains(s.id) && !s.projectPath.isEmpty()) {
            ++counts[s.projectPath];
        }
    }
    QStringList projects = counts.keys();
    std::sort(projects.begin(), projects.end(), [&counts](const QString& a, const QString& b) {
        return counts.value(a) != counts.value(b) ? counts.value(a) > counts.value(b) : a < b;
    });
    return projects;
}

void MergeWizard::initializePage(int id)
{
    switch (id) {
    case PreviewPage:
        preview();
        break;
    case CheckPage:
        if (const Workspace* w = target(); w && editorById(w->editor)) {
            m_editorCheck->check({*editorById(w->editor)});
        } else {
            m_editorCheck->check({});
        }
        break;
    case WritePage:
        write();
        break;
    default:
        break;
    }
    QWizard::initializePage(id);
}

void MergeWizard::preview()
{
    const QStringList ids = chosenIds();
    if (ids == m_planned && m_previewed) {
        return; // back and forth: the same sessions
    }
    m_planned = ids;
    m_previewed = false;
    m_plan = {};
    m_timeline->clear();
    m_notCarried->clear();
    m_previewStatus->setText(tr("Reading %n session(s)…", nullptr, int(ids.size())));
    QList<SessionRef> refs;
    for (const SessionRef& s : std::as_const(m_sessions)) {
        if (ids.contains(s.id)) {
            refs.append(s);
        }
    }
    // The plan, and the workspace it goes into by default (the id of the chosen projects' active one).
    const auto work = [catalog = m_catalog, refs, projects = chosenProjects(), targets = m_targets] {
        return MergeService(*catalog).preview(refs, projects, targets);
    };
    // A result for another choice is dropped: a newer preview is on its way.
    Background::runLatest(this, m_previews, m_previews.start(), work, [this](const MergeService::Preview& preview) {
        for (int i = 0; i < m_targets.size(); ++i) {
            if (m_targets.at(i).id == preview.targetId) {
                m_target->setCurrentIndex(i);
            }
        }
        showTargetFormat();
        m_previewed = true;
        if (!preview.plan) {
            m_previewStatus->setText(tr("These sessions cannot be merged: %1").arg(preview.plan.error().message));
            m_previewPage->recheck();
            Q_EMIT previewed(false);
            return;
        }
        m_plan = *preview.plan;
        QString status =
            tr("%n request(s) from %1 session(s), %2 – %3; %4 duplicate(s) left out.", nullptr, m_plan.requests)
                .arg(m_plan.sessions)
                .arg(day(m_plan.first), day(m_plan.last))
                .arg(m_plan.duplicates);
        if (!m_plan.conflicts.isEmpty()) {
            status += u' ' + tr("%n request(s) found again with other content: %1 cut off (the complete copy is "
                                "kept), %2 kept as well under a new id.",
                                nullptr, int(m_plan.conflicts.size()))
                                 .arg(m_plan.keptComplete())
                                 .arg(m_plan.keptBoth());
        }
        m_previewStatus->setText(status);
        for (const boost::json::value& request : json::arrayAt(m_plan.tree, "requests")) {
            const auto ms = json::integer(request, "timestamp");
            const QDateTime time = ms ? QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc()) : QDateTime();
            const boost::json::value* chasm = json::find(request, "chasm");
            const boost::json::value* message = json::find(request, "message");
            const QString source = chasm ? json::string(*chasm, "source_session") : QString();
            auto* item =
                new QTreeWidgetItem(m_timeline, {shortTime(time), source.section(u':', 0, 0),
                                                 shortened(message ? json::string(*message, "text") : QString(), 120)});
            item->setToolTip(1, source);
        }
        m_timeline->resizeColumnToContents(0);
        m_timeline->resizeColumnToContents(1);
        m_notCarried->setText(m_plan.notCarried.isEmpty()
                                  ? tr("Everything is carried over.")
                                  : tr("Cannot be carried over:") + u"\n• "_s + m_plan.notCarried.join(u"\n• "_s));
        m_title->setText(m_plan.title);
        findExisting();
        m_previewPage->recheck();
        Q_EMIT previewed(true);
    });
}

void MergeWizard::fillTargets()
{
    m_targets = m_workspaces;
    m_targets.removeIf([](const Workspace& w) { return w.editor.isEmpty() || !w.error.isEmpty(); });
    std::sort(m_targets.begin(), m_targets.end(),
              [](const Workspace& a, const Workspace& b) { return a.lastModified > b.lastModified; });
    const QSignalBlocker blocker(m_target);
    for (int i = 0; i < m_targets.size(); ++i) {
        m_target->addItem(targetLabel(m_targets.at(i)));
        m_target->setItemData(i, m_targets.at(i).storagePath, Qt::ToolTipRole);
    }
    if (m_targets.isEmpty()) {
        m_targetNote->setText(tr("No workspace of VS Code, Cursor or Windsurf is known: open the project in the "
                                 "editor once, then merge again."));
    }
}

void MergeWizard::showTargetFormat()
{
    m_targetPage->recheck();
    const Workspace* w = target();
    if (!w) {
        return;
    }
    findExisting();
    // The format is the one of the sessions there: read off the GUI thread.
    Background::runLatest(
        this, m_formats, m_formats.start(), [workspace = *w] { return SessionMerge::formatFor(workspace); },
        [this](ChatSessionFile::Format format) {
            m_targetNote->setText(tr("Written as %1, the format this workspace's editor reads.")
                                      .arg(ChatSessionFile::formatName(format).toUpper()));
        });
}

void MergeWizard::findExisting()
{
    m_existing.reset();
    m_existingChecked = false;
    m_existingNote->clear();
    m_openExisting->setVisible(false);
    m_writeAgain->setVisible(false);
    m_writeAgain->setChecked(false);
    m_targetPage->recheck();
    const Workspace* w = target();
    if (!w || m_plan.tree.is_null()) {
        m_existingChecked = true; // nothing to compare yet: the preview calls again
        return;
    }
    Background::runLatest(
        this, m_existings, m_existings.start(),
        [workspace = *w, plan = m_plan] { return MergeService::existingMerge(workspace, plan); },
        [this](const std::optional<MergeService::Existing>& existing) {
            m_existing = existing;
            m_existingChecked = true;
            if (existing) {
                m_existingNote->setText(tr("This workspace holds a merge of the same sessions already: “%1” (%2). "
                                           "Open it, or write another copy anyway.")
                                            .arg(existing->title, existing->path));
            }
            m_openExisting->setVisible(bool(existing));
            m_writeAgain->setVisible(bool(existing));
            m_targetPage->recheck();
        });
}

QString MergeWizard::existingText() const
{
    return m_existingNote->text();
}

const Workspace* MergeWizard::target() const
{
    const int i = m_target->currentIndex();
    return i >= 0 && i < m_targets.size() ? &m_targets.at(i) : nullptr;
}

void MergeWizard::write()
{
    m_writeProgress->setRange(0, 0);
    m_writeStatus->clear();
    const Workspace workspace = *target();
    Registrar::Options options;
    options.force = m_editorCheck->force();
    const auto work = [workspace, plan = m_plan, title = m_title->text().trimmed(), options] {
        return MergeService::write(workspace, plan, title, options);
    };
    Background::run(this, work, [this, workspace](const Result<Registrar::Report>& report) {
        m_writeProgress->setRange(0, 1);
        m_writeProgress->setValue(1);
        QStringList lines;
        if (!report) {
            lines << tr("Nothing was written: %1").arg(report.error().message);
            m_writeStatus->setText(tr("The merge failed: see the next page."));
        } else {
            m_written = report->registered > 0 || !report->recoveryPoint.isEmpty();
            m_point = report->recoveryPoint;
            lines << tr("“%1”: %n request(s) from %2 session(s), into %3", nullptr, m_plan.requests)
                         .arg(m_title->text().trimmed())
                         .arg(m_plan.sessions)
                         .arg(workspace.storagePath);
            for (const QString& change : report->changes) {
                lines << u"  "_s + change;
            }
            for (const QString& warning : report->warnings) {
                lines << u"  "_s + tr("Note: %1").arg(warning);
            }
            for (const QString& item : std::as_const(m_plan.notCarried)) {
                lines << u"  "_s + tr("Not carried over: %1").arg(item);
            }
            if (!m_point.isEmpty()) {
                lines << u"  "_s + tr("Backups: %1").arg(m_point);
            }
            m_writeStatus->setText(tr("Done."));
        }
        m_summary->setPlainText(lines.join(u'\n'));
        m_open->setEnabled(m_written);
        m_undo->setEnabled(changedFiles());
        for (Editor editor : m_editorCheck->toReopen()) {
            (void)EditorProcess::open(editor, workspace.projectPath);
        }
        m_writePage->recheck();
        Q_EMIT written(m_written);
    });
}

void MergeWizard::undo()
{
    m_undo->setEnabled(false);
    undoRecoveryPoints(this, {m_point}, [this](const QString& text, bool ok) {
        if (ok) {
            m_point.clear();
            m_written = false;
            m_open->setEnabled(false);
        }
        m_summary->appendPlainText(u"\n"_s + text);
        m_undo->setEnabled(!ok);
        Q_EMIT undone(ok);
    });
}

QString MergeWizard::previewText() const
{
    return m_previewStatus->text() + u'\n' + m_notCarried->text();
}

QString MergeWizard::summaryText() const
{
    return m_summary->toPlainText();
}

} // namespace chasm
