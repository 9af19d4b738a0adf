// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Commands.h"

#include "services/HarvestGitService.h"

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

QString shortCommit(const QString& id)
{
    return id.left(7);
}

QString copiedLine(const GitVersioningService::Copies& c)
{
    return u"Copied into %1: %2 new, %3 changed, %4 unchanged (%5 session files)"_s.arg(
        GitVersioningService::sessionsFolder.toString(), QString::number(c.added.size()),
        QString::number(c.updated.size()), QString::number(c.unchanged), QString::number(c.sessions));
}

} // namespace

void Commands::printSessionChanges(const QList<GitVersioningService::SessionChange>& sessions) const
{
    if (sessions.isEmpty()) {
        m_o.line(u"No session changed."_s);
    }
    for (const GitVersioningService::SessionChange& s : sessions) {
        m_o.line();
        m_o.line(
            u"%1 \"%2\" (%3): %4"_s.arg(s.session.isEmpty() ? s.file : s.session, s.title, s.state, s.diff.summary()));
        if (!s.error.isEmpty()) {
            m_o.line(u"  cannot read a version: "_s + s.error);
        }
        for (const ConversationDiff::Change& c : s.diff.changes) {
            const QString role = c.role == Role::User        ? u"request"_s
                                 : c.role == Role::Assistant ? u"response"_s
                                                             : u"context"_s;
            if (c.kind == ConversationDiff::Kind::Changed) {
                m_o.line(u"  ~ %1 %2: %3"_s.arg(role, QString::number(c.index + 1), shortened(c.oldText, 100)));
                m_o.line(u"    now: "_s + shortened(c.text, 100));
            } else {
                m_o.line(u"  %1 %2 %3: %4"_s.arg(c.kind == ConversationDiff::Kind::Added ? u"+"_s : u"-"_s, role,
                                                 QString::number(c.index + 1), shortened(c.text, 100)));
            }
        }
    }
}

void Commands::gitConfig(const GitVersioningService::ConfigRequest& request) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).config(request));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"Repository: "_s + report.repository);
    m_o.line(u"  user.name:  "_s + (report.name.isEmpty() ? u"(not set)"_s : report.name));
    m_o.line(u"  user.email: "_s + (report.email.isEmpty() ? u"(not set)"_s : report.email));
}

void Commands::gitInit(const std::string& path) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).init(q(path)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"Versioning the chat sessions of %1 in %2%3"_s.arg(
        report.project, report.repository, report.created ? u" (a new repository)"_s : QString()));
    m_o.line(copiedLine(report.copies));
    m_o.line(u"Next: chasm git add \"%1\" --commit"_s.arg(report.project));
}

void Commands::gitRecord(const GitVersioningService::RecordRequest& request) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).record(request));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(copiedLine(report.copies));
    m_o.line(u"Staged: %1 files"_s.arg(report.staged.size()));
    if (!request.commit) {
        return;
    }
    m_o.line(report.commit.isEmpty() ? u"Nothing to commit"_s : u"Committed: "_s + shortCommit(report.commit));
    if (!report.tag.isEmpty()) {
        m_o.line(u"Tagged: "_s + report.tag);
    }
}

void Commands::gitStatus(const std::string& path) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).status(q(path)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"Project:    "_s + report.project);
    m_o.line(u"Repository: "_s + report.repository);
    m_o.line(u"HEAD:       "_s + (report.head.isEmpty() ? u"(no commit yet)"_s : shortCommit(report.head)));
    m_o.line(u"Sessions:   %1 session files; %2 not copied yet, %3 changed since copied, %4 kept only here"_s.arg(
        QString::number(report.sessions), QString::number(report.notCopied.size()),
        QString::number(report.changed.size()), QString::number(report.gone.size())));
    for (const QString& f : report.notCopied) {
        m_o.line(u"  new      "_s + f);
    }
    for (const QString& f : report.changed) {
        m_o.line(u"  changed  "_s + f);
    }
    for (const QString& f : report.gone) {
        m_o.line(u"  gone     "_s + f + u" (its tool no longer has it)"_s);
    }
    const auto staged = std::count_if(report.files.cbegin(), report.files.cend(),
                                      [](const GitRepository::StatusEntry& e) { return !e.staged.isEmpty(); });
    m_o.line(u"Git:        %1 files staged, %2 not staged"_s.arg(QString::number(staged),
                                                                 QString::number(report.files.size() - staged)));
}

void Commands::gitLog(const GitVersioningService::LogRequest& request) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).log(request));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (report.commits.isEmpty()) {
        m_o.line(u"No commits."_s);
        return;
    }
    for (const GitVersioningService::LogEntry& e : report.commits) {
        m_o.line(u"%1 %2 %3 %4 (%5 files)"_s.arg(
            shortCommit(e.commit.id), e.sessionFiles > 0 ? u"[chat]"_s : u"      "_s,
            e.commit.time.toString(u"yyyy-MM-dd"_s), e.commit.summary, QString::number(e.commit.paths.size())));
    }
}

void Commands::gitDiff(const GitVersioningService::DiffRequest& request) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).diff(request));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"From %1 to %2"_s.arg(shortCommit(report.from), report.to.isEmpty()
                                                                  ? u"the sessions as their tools hold them now"_s
                                                                  : shortCommit(report.to)));
    printSessionChanges(report.sessions);
    if (request.withFiles) {
        m_o.line();
        m_o.line(report.files.isEmpty() ? u"No other file changed."_s : u"Other files:"_s);
        for (const GitRepository::Change& c : report.files) {
            m_o.line(u"  %1 %2"_s.arg(c.status.leftJustified(9), c.path));
        }
    }
}

void Commands::gitRestore(const GitVersioningService::RestoreRequest& request) const
{
    const auto report = take(GitVersioningService(m_catalog, gitLibrary()).restore(request));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (!report.backupCommit.isEmpty()) {
        m_o.line(u"The sessions as they were: commit "_s + shortCommit(report.backupCommit));
    }
    m_o.line(u"Restored %1 files from %2 (%3 unchanged)"_s.arg(
        QString::number(report.restored.size()), shortCommit(report.commit), QString::number(report.unchanged)));
    for (const QString& f : report.restored) {
        m_o.line(u"  "_s + f);
    }
    if (!report.undoCommand.isEmpty()) {
        m_o.line(u"Undo: "_s + report.undoCommand);
    }
}

void Commands::harvestGitInit(const std::string& path) const
{
    const auto report = take(HarvestGitService(m_catalog, gitLibrary()).init(q(path), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(
        (report.created ? u"Made the git repository %1 for %2"_s : u"The git repository %1 of %2 is there already"_s)
            .arg(report.repository, report.database));
    m_o.line(u"Next: chasm harvest git commit"_s);
}

void Commands::harvestGitCommit(const std::string& path, const std::string& message) const
{
    const auto report = take(HarvestGitService(m_catalog, gitLibrary()).commit(q(path), q(message), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"%1 sessions: %2 files written, %3 removed"_s.arg(
        QString::number(report.sessions), QString::number(report.written), QString::number(report.removed)));
    m_o.line(report.commit.isEmpty() ? u"Nothing to commit"_s : u"Committed: "_s + shortCommit(report.commit));
}

void Commands::harvestGitLog(const std::string& path, int limit) const
{
    const auto report = take(HarvestGitService(m_catalog, gitLibrary()).log(q(path), limit, noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    if (report.commits.isEmpty()) {
        m_o.line(u"No commits."_s);
    }
    for (const GitRepository::Commit& c : report.commits) {
        m_o.line(u"%1 %2 %3 (%4 files)"_s.arg(shortCommit(c.id), c.time.toString(u"yyyy-MM-dd HH:mm"_s), c.summary,
                                              QString::number(c.paths.size())));
    }
}

void Commands::harvestGitDiff(const std::string& path, const std::string& commit) const
{
    const auto report = take(HarvestGitService(m_catalog, gitLibrary()).diff(q(path), q(commit), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"From %1 to %2"_s.arg(report.from.isEmpty() ? u"the start"_s : shortCommit(report.from),
                                    report.to.isEmpty() ? u"the database now"_s : shortCommit(report.to)));
    printSessionChanges(report.sessions);
}

void Commands::harvestGitRestore(const std::string& path, const std::string& commit) const
{
    const auto report = take(HarvestGitService(m_catalog, gitLibrary()).restore(q(path), q(commit), noticeOn(m_o)));
    if (m_o.json) {
        m_o.print(toJson(report));
        return;
    }
    m_o.line(u"Restored %1 sessions from %2 (%3 unchanged)"_s.arg(
        QString::number(report.restored.size()), shortCommit(report.commit), QString::number(report.unchanged)));
    for (const QString& c : report.checkpointed) {
        m_o.line(u"  the content it replaced: checkpoint "_s + c + u" (chasm harvest revert)"_s);
    }
}

} // namespace chasm::cli
