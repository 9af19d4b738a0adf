// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RecoveryWizard.h"

#include "WizardSupport.h"
#include "dialogs/HistoryWindow.h"

#include "services/EditorGuardService.h"
#include "views/Background.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr int FindingRole = Qt::UserRole + 1; // index into the findings, on finding rows
constexpr int SessionIdRole = Qt::UserRole + 2;

QString describe(const RecoveryFinding& finding)
{
    const int n = int(finding.items.size());
    switch (finding.kind) {
    case RecoveryFinding::Kind::OlderWorkspace:
        return RecoveryWizard::tr("%n session(s) in an older workspace of this project (%1), which the editor no "
                                  "longer opens: from before the folder was moved, renamed or reopened another way",
                                  nullptr, n)
            .arg(finding.source.hash);
    case RecoveryFinding::Kind::NotInIndex:
        return RecoveryWizard::tr("%n session(s) on disk that the editor's history does not list", nullptr, n);
    case RecoveryFinding::Kind::WrongEntry:
        return RecoveryWizard::tr("%n session(s) hidden or failing to open because the index says they are empty "
                                  "or were cancelled",
                                  nullptr, n);
    case RecoveryFinding::Kind::OldBackup:
        return RecoveryWizard::tr("%n session(s) kept only in backup files (%1)", nullptr, n).arg(finding.source.hash);
    case RecoveryFinding::Kind::OldDatabase:
        return RecoveryWizard::tr("%n session(s) kept only in an old state database (%1), from before the editor "
                                  "saved sessions as files",
                                  nullptr, n)
            .arg(QFileInfo(finding.items.value(0).path).fileName());
    }
    return {};
}

QList<Editor> editorsOf(const QList<RecoveryFinding>& findings, const QList<std::pair<int, QStringList>>& chosen)
{
    QList<Editor> editors;
    for (const auto& [finding, ids] : chosen) {
        const auto editor = editorById(findings.at(finding).target.editor);
        if (editor && !editors.contains(*editor)) {
            editors.append(*editor);
        }
    }
    return editors;
}

} // namespace

RecoveryWizard::RecoveryWizard(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent)
    : QWizard(parent)
    , m_catalog(std::move(catalog))
    , m_scanPage(new WizardPage(this))
    , m_applyPage(new WizardPage(this))
    , m_scanStatus(new QLabel(this))
    , m_scanProgress(new QProgressBar(this))
    , m_findingsView(new QTreeWidget(this))
    , m_preview(new QLabel(this))
    , m_editorCheck(new EditorCheckPage(this))
    , m_applyProgress(new QProgressBar(this))
    , m_applyStatus(new QLabel(this))
    , m_summary(new QPlainTextEdit(this))
    , m_undo(new QPushButton(tr("&Undo all of it"), this))
{
    setWindowTitle(tr("Recovery assistant"));
    setWizardStyle(QWizard::ClassicStyle);
    resize(820, 600);

    m_scanPage->setTitle(tr("Looking for lost sessions"));
    m_scanPage->setSubTitle(tr("Chasm reads every VS Code, Cursor and Windsurf workspace; nothing is changed yet."));
    m_scanProgress->setRange(0, 0);
    m_scanStatus->setWordWrap(true);
    auto* scanLayout = new QVBoxLayout(m_scanPage);
    scanLayout->addWidget(m_scanProgress);
    scanLayout->addWidget(m_scanStatus);
    scanLayout->addStretch(1);
    m_scanPage->ready = [this] { return m_scanned && !m_findings.isEmpty(); };

    auto* choosePage = new WizardPage(this);
    choosePage->setTitle(tr("Choose what to bring back"));
    choosePage->setSubTitle(tr("Grouped by project. Everything is chosen; untick what you want to leave as it is."));
    m_findingsView->setHeaderLabels({tr("Finding"), tr("Last activity"), tr("Messages")});
    m_findingsView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_findingsView->header()->setStretchLastSection(false);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* chooseLayout = new QVBoxLayout(choosePage);
    chooseLayout->addWidget(m_findingsView, 1);
    chooseLayout->addWidget(m_preview);
    choosePage->ready = [this] { return !chosen().isEmpty(); };
    connect(m_findingsView, &QTreeWidget::itemChanged, choosePage, &WizardPage::recheck);
    connect(m_findingsView, &QTreeWidget::currentItemChanged, this, &RecoveryWizard::showPreview);

    m_applyPage->setTitle(tr("Bringing the sessions back"));
    m_applyPage->setSubTitle(tr("Every file is backed up before it changes."));
    m_applyStatus->setWordWrap(true);
    auto* applyLayout = new QVBoxLayout(m_applyPage);
    applyLayout->addWidget(m_applyProgress);
    applyLayout->addWidget(m_applyStatus);
    applyLayout->addStretch(1);
    m_applyPage->ready = [this] { return m_applied; };
    // The point of no return is the check page's Commit: nothing is written before it is pressed.
    m_editorCheck->setCommitPage(true);

    auto* summaryPage = new WizardPage(this);
    summaryPage->setTitle(tr("Done"));
    summaryPage->setSubTitle(tr("What changed, and the backups made. Undo puts every file back as it was."));
    m_summary->setReadOnly(true);
    auto* summaryLayout = new QVBoxLayout(summaryPage);
    summaryLayout->addWidget(m_summary, 1);
    auto* history = new QPushButton(tr("&History…"), this);
    history->setToolTip(tr("Every change Chasm made to your files, these included, each with an Undo"));
    connect(history, &QPushButton::clicked, this, [this] { HistoryWindow::open(m_catalog, this); });
    auto* summaryButtons = new QHBoxLayout;
    summaryButtons->addWidget(m_undo);
    summaryButtons->addStretch(1);
    summaryButtons->addWidget(history);
    summaryLayout->addLayout(summaryButtons);
    connect(m_undo, &QPushButton::clicked, this, &RecoveryWizard::undo);

    setPage(ScanPage, m_scanPage);
    setPage(ChoosePage, choosePage);
    setPage(CheckPage, m_editorCheck);
    setPage(ApplyPage, m_applyPage);
    setPage(SummaryPage, summaryPage);
    scan();
}

RecoveryWizard::~RecoveryWizard() = default;

void RecoveryWizard::scan()
{
    m_scanStatus->setText(tr("Reading workspaces and their session indexes…"));
    Background::run(
        this,
        [catalog = m_catalog] {
            RecoverScanService::Request request;
            request.includeOld = true;
            const auto report = RecoverScanService(*catalog).run(request);
            QList<RecoveryFinding> findings;
            for (const RecoverScanService::Finding& found : report->findings) {
                findings.append(found.finding);
            }
            return findings;
        },
        [this](const QList<RecoveryFinding>& findings) {
            m_findings = findings;
            m_scanned = true;
            m_scanProgress->setRange(0, 1);
            m_scanProgress->setValue(1);
            int sessions = 0;
            QStringList projects;
            for (const RecoveryFinding& finding : std::as_const(m_findings)) {
                sessions += int(finding.items.size());
                if (!projects.contains(finding.project)) {
                    projects << finding.project;
                }
            }
            m_scanStatus->setText(
                m_findings.isEmpty()
                    ? tr("Nothing to recover: every session file is in its editor's history.")
                    : tr("Found %n session(s) to bring back, in %1 project(s). Next shows them.", nullptr, sessions)
                          .arg(projects.size()));
            showFindings();
            m_scanPage->recheck();
            Q_EMIT scanned(int(m_findings.size()));
        });
}

void RecoveryWizard::showFindings()
{
    const QSignalBlocker blocker(m_findingsView);
    m_findingsView->clear();
    QHash<QString, QTreeWidgetItem*> projects;
    for (int i = 0; i < m_findings.size(); ++i) {
        const RecoveryFinding& finding = m_findings.at(i);
        QTreeWidgetItem*& project = projects[finding.project];
        if (!project) {
            project = new QTreeWidgetItem(m_findingsView, {finding.project});
            QFont bold = project->font(0);
            bold.setBold(true);
            project->setFont(0, bold);
            project->setFlags(Qt::ItemIsEnabled);
        }
        auto* group = new QTreeWidgetItem(project, {describe(finding)});
        group->setData(0, FindingRole, i);
        group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
        group->setCheckState(0, Qt::Checked);
        for (const RecoveryFinding::Item& item : finding.items) {
            auto* session = new QTreeWidgetItem(
                group, {item.title, QLocale().toString(item.updatedAt.toLocalTime(), QLocale::ShortFormat),
                        QString::number(item.messageCount)});
            session->setData(0, SessionIdRole, item.id);
            session->setToolTip(0, item.path);
            session->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            session->setCheckState(0, Qt::Checked);
        }
    }
    m_findingsView->expandAll();
}

void RecoveryWizard::showPreview()
{
    const QTreeWidgetItem* item = m_findingsView->currentItem();
    if (!item || !item->parent() || !item->parent()->data(0, FindingRole).isValid()) {
        m_preview->clear();
        return;
    }
    const RecoveryFinding& finding = m_findings.at(item->parent()->data(0, FindingRole).toInt());
    for (const RecoveryFinding::Item& session : finding.items) {
        if (session.id == item->data(0, SessionIdRole).toString()) {
            m_preview->setText(
                tr("“%1”: %n message(s), last active %2.\nFile: %3\nGoes into: %4", nullptr, session.messageCount)
                    .arg(session.title, QLocale().toString(session.updatedAt.toLocalTime(), QLocale::LongFormat),
                         session.path, finding.target.storagePath));
        }
    }
}

QList<std::pair<int, QStringList>> RecoveryWizard::chosen() const
{
    QList<std::pair<int, QStringList>> result;
    for (int p = 0; p < m_findingsView->topLevelItemCount(); ++p) {
        const QTreeWidgetItem* project = m_findingsView->topLevelItem(p);
        for (int g = 0; g < project->childCount(); ++g) {
            const QTreeWidgetItem* group = project->child(g);
            QStringList ids;
            for (int s = 0; s < group->childCount(); ++s) {
                if (group->child(s)->checkState(0) == Qt::Checked) {
                    ids << group->child(s)->data(0, SessionIdRole).toString();
                }
            }
            if (!ids.isEmpty()) {
                result.append({group->data(0, FindingRole).toInt(), ids});
            }
        }
    }
    return result;
}

void RecoveryWizard::initializePage(int id)
{
    if (id == CheckPage) {
        m_editorCheck->check(editorsOf(m_findings, chosen()));
    } else if (id == ApplyPage) {
        apply();
    }
    QWizard::initializePage(id);
}

void RecoveryWizard::apply()
{
    const QList<std::pair<int, QStringList>> work = chosen();
    m_applyProgress->setRange(0, int(work.size()));
    m_applyProgress->setValue(0);
    m_applyStatus->setText(tr("Writing…"));
    Registrar::Options options;
    options.force = m_editorCheck->force();
    // One result per finding applied, as each is done: the progress bar follows them.
    struct Step
    {
        QStringList lines;
        QString point;
        bool ok = true;
    };
    auto outcome = std::make_shared<Step>();
    Background::stream<Step>(
        this, m_applies, m_applies.start(),
        [findings = m_findings, work, options](QPromise<Step>& promise) {
            for (const auto& [finding, ids] : work) {
                const RecoveryFinding& chosen = findings.at(finding);
                const auto report = RecoverScanService::apply(chosen, ids, options);
                Step step{{chosen.project}, {}, bool(report)};
                if (!report) {
                    step.lines << u"  "_s + tr("Not changed: %1").arg(report.error().message);
                } else {
                    for (const QString& change : report->changes) {
                        step.lines << u"  "_s + change;
                    }
                    for (const QString& warning : report->warnings) {
                        step.lines << u"  "_s + tr("Note: %1").arg(warning);
                    }
                    if (!report->recoveryPoint.isEmpty()) {
                        step.point = report->recoveryPoint;
                        step.lines << u"  "_s + tr("Backups: %1").arg(report->recoveryPoint);
                    }
                }
                promise.addResult(step);
            }
        },
        [this, outcome](const Step& step) {
            outcome->lines += step.lines;
            outcome->ok = outcome->ok && step.ok;
            if (!step.point.isEmpty()) {
                m_points << step.point;
            }
            m_applyProgress->setValue(m_applyProgress->value() + 1);
        },
        [this, outcome] {
            m_summary->setPlainText(outcome->lines.join(u'\n'));
            m_undo->setEnabled(!m_points.isEmpty());
            m_applied = true;
            m_applyStatus->setText(outcome->ok ? tr("Done.") : tr("Done, with problems: see the next page."));
            QList<Workspace> targets;
            for (const RecoveryFinding& finding : std::as_const(m_findings)) {
                targets << finding.target;
            }
            (void)EditorGuardService::reopen(m_editorCheck->toReopen(), targets);
            m_applyPage->recheck();
            Q_EMIT applied(outcome->ok);
        });
}

void RecoveryWizard::undo()
{
    m_undo->setEnabled(false);
    undoRecoveryPoints(this, m_points, [this](const QString& text, bool ok) {
        if (ok) {
            m_points.clear();
        }
        m_summary->appendPlainText(u"\n"_s + text);
        m_undo->setEnabled(!ok);
        Q_EMIT undone(ok);
    });
}

QString RecoveryWizard::summaryText() const
{
    return m_summary->toPlainText();
}

} // namespace chasm
