// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "AiderProvider.h"

#include "util/LineReader.h"
#include "util/RegularFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// "1.2k" → 1200
qint64 tokenCount(const QString& text)
{
    QString number = text.trimmed();
    double factor = 1;
    if (number.endsWith(u'k', Qt::CaseInsensitive)) {
        factor = 1000;
        number.chop(1);
    } else if (number.endsWith(u'm', Qt::CaseInsensitive)) {
        factor = 1000000;
        number.chop(1);
    }
    number.remove(u',');
    bool ok = false;
    const double value = number.toDouble(&ok);
    return ok ? qint64(value * factor + 0.5) : 0;
}

class History
{
public:
    explicit History(QString path)
        : m_path(std::move(path))
        , m_pathHash(
              QString::fromLatin1(QCryptographicHash::hash(m_path.toUtf8(), QCryptographicHash::Sha1).toHex().left(8)))
    {}

    void addLine(const QString& line)
    {
        static const QRegularExpression started(
            u"^# aider chat started at (\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})"_s);
        static const QRegularExpression tokens(u"^> Tokens: ([\\d.,]+[kKmM]?) sent, ([\\d.,]+[kKmM]?) received"_s);
        static const QRegularExpression model(u"^> (?:Main )?[Mm]odel: (\\S+)"_s);
        if (const auto match = started.match(line); match.hasMatch()) {
            flush();
            m_sessions.append(Session{});
            Session& s = m_sessions.last();
            // Aider writes local time without a zone.
            s.createdAt = QDateTime::fromString(match.captured(1), u"yyyy-MM-dd HH:mm:ss"_s).toUTC();
            s.updatedAt = s.createdAt;
            s.nativeId = m_pathHash + u'-' + match.captured(1).remove(u'-').remove(u':').remove(u' ');
            s.projectPath = QFileInfo(m_path).absolutePath();
            return;
        }
        if (m_sessions.isEmpty()) {
            return; // text before the first header
        }
        Session& s = m_sessions.last();
        Role role = Role::Assistant;
        QString text = line;
        if (line.startsWith(u"#### "_s) || line == u"####"_s) {
            role = Role::User;
            text = line.mid(5);
        } else if (line.startsWith(u"> "_s) || line == u">"_s) {
            role = Role::System;
            text = line.mid(2);
            if (const auto t = tokens.match(line); t.hasMatch()) {
                s.totalTokens = s.totalTokens.value_or(0) + tokenCount(t.captured(1)) + tokenCount(t.captured(2));
            }
            if (const auto m = model.match(line); m.hasMatch()) {
                m_model = m.captured(1);
                s.model = m_model;
            }
        } else if (line.trimmed().isEmpty() && m_role != Role::Assistant) {
            // A blank line ends a prompt or a block of aider output; inside an answer it is Markdown.
            flushMessage();
            return;
        }
        if (role != m_role) {
            flushMessage();
            m_role = role;
        }
        m_lines << text;
    }

    QList<Session> finish()
    {
        flush();
        for (Session& s : m_sessions) {
            const QString firstUser = s.firstUserMessage();
            s.title = sessionTitle({}, firstUser);
        }
        return m_sessions;
    }

private:
    void flushMessage()
    {
        while (!m_lines.isEmpty() && m_lines.last().trimmed().isEmpty()) {
            m_lines.removeLast();
        }
        while (!m_lines.isEmpty() && m_lines.first().trimmed().isEmpty()) {
            m_lines.removeFirst();
        }
        if (!m_lines.isEmpty() && !m_sessions.isEmpty()) {
            Message m;
            m.role = m_role;
            m.content = m_lines.join(u'\n');
            if (m_role == Role::Assistant) {
                m.model = m_model;
                m.status = u"complete"_s;
            }
            m_sessions.last().messages.append(m);
        }
        m_lines.clear();
        m_role = Role::Assistant;
    }

    void flush()
    {
        flushMessage();
        m_model.clear();
    }

    QString m_path;
    QString m_pathHash;
    QList<Session> m_sessions;
    QStringList m_lines;
    Role m_role = Role::Assistant;
    QString m_model;
};

} // namespace

AiderProvider::AiderProvider()
    : Provider({u"aider"_s, u"Aider"_s, {}, {u"aider"_s}})
{}

QStringList AiderProvider::storageLocations(const Environment& environment) const
{
    return {environment.workingDirectory() + u'/' + QString::fromLatin1(historyFileName)};
}

QList<Workspace> AiderProvider::workspaces(const Environment& environment) const
{
    return workspacesIn(environment, {});
}

QList<Workspace> AiderProvider::workspacesIn(const Environment& environment, const QStringList& projectFolders) const
{
    QStringList folders = projectFolders;
    // The current directory counts when it is inside HOME: with HOME=/x Chasm sees only /x unless a
    // command names a folder.
    const QString cwd = environment.workingDirectory();
    if (cwd == environment.home() || cwd.startsWith(environment.home() + u'/')) {
        folders.prepend(cwd);
    }
    QList<Workspace> result;
    QSet<QString> seen;
    for (const QString& folder : std::as_const(folders)) {
        const QString history = QDir::cleanPath(folder + u'/' + QString::fromLatin1(historyFileName));
        const QFileInfo info(history);
        if (folder.isEmpty() || seen.contains(history) || !info.isFile()) {
            continue;
        }
        seen.insert(history);
        Workspace w;
        w.provider = id();
        w.application = displayName();
        w.hash =
            QString::fromLatin1(QCryptographicHash::hash(history.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
        w.id = id() + u':' + w.hash;
        w.kind = Workspace::Kind::Folder;
        w.projectPath = info.absolutePath();
        w.folders = {w.projectPath};
        w.storagePath = history;
        w.chatSessionsPath = history;
        w.hasChatSessions = true;
        w.lastModified = info.lastModified().toUTC();
        // Counting sessions means reading the file; a header per session makes that a quick scan.
        QFile file;
        if (!RegularFile::open(file, history)) {
            LineReader lines(file);
            while (const auto line = lines.next()) {
                w.sessionCount += line->starts_with("# aider chat started at ") ? 1 : 0;
            }
        }
        result.append(w);
    }
    return result;
}

Result<QList<Session>> AiderProvider::readHistory(const QString& path)
{
    QFile file;
    if (auto error = RegularFile::open(file, path)) {
        return *error;
    }
    History history(QFileInfo(path).absoluteFilePath());
    LineReader lines(file);
    while (const auto line = lines.next()) {
        QString text = QString::fromUtf8(line->data(), qsizetype(line->size()));
        if (text.endsWith(u'\r')) {
            text.chop(1);
        }
        history.addLine(text);
    }
    if (!lines.error().isEmpty()) {
        return Error{u"cannot read %1: %2"_s.arg(path, lines.error())};
    }
    return history.finish();
}

QList<SessionRef> AiderProvider::sessions(const QList<Workspace>& workspaces, SessionCache& cache,
                                          Listing listing) const
{
    // One read lists every session of a history file or store: nothing to skip, nothing to save.
    Q_UNUSED(cache)
    Q_UNUSED(listing)
    QList<SessionRef> result;
    for (const Workspace& w : workspaces) {
        if (w.provider != id()) {
            continue;
        }
        const auto sessions = readHistory(w.storagePath);
        if (!sessions) {
            SessionRef failed;
            failed.provider = id();
            failed.nativeId = w.hash;
            failed.id = id() + u':' + w.hash;
            failed.title = QFileInfo(w.storagePath).fileName();
            failed.path = w.storagePath;
            failed.error = sessions.error().message;
            result.append(failed);
            continue;
        }
        for (const Session& s : *sessions) {
            SessionRef ref;
            ref.provider = id();
            ref.nativeId = s.nativeId;
            ref.id = id() + u':' + s.nativeId;
            ref.title = s.title;
            ref.workspaceId = w.id;
            ref.workspace = w.hash;
            ref.workspaceName = w.displayName();
            ref.projectPath = w.projectPath;
            ref.path = w.storagePath;
            ref.format = u"md"_s;
            ref.createdAt = s.createdAt;
            ref.updatedAt = s.updatedAt;
            ref.messageCount = s.conversationMessageCount();
            for (const Message& m : s.messages) {
                ref.sizeBytes += m.content.toUtf8().size();
            }
            result.append(ref);
        }
    }
    return result;
}

Result<Session> AiderProvider::load(const SessionRef& ref, const SessionPreview& /*preview*/) const
{
    auto sessions = readHistory(ref.path);
    if (!sessions) {
        return sessions.error();
    }
    for (Session& s : *sessions) {
        if (s.nativeId == ref.nativeId) {
            s.provider = id();
            s.id = ref.id;
            s.workspace = ref.workspace;
            return s;
        }
    }
    return Error{u"cannot read %1: session %2 is no longer in it"_s.arg(ref.path, ref.nativeId)};
}

} // namespace chasm
