// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliSupport.h"

#include "http/HttpClientPlugin.h"
#include "http/McpHttpPlugin.h"
#include "services/CatalogService.h"
#include "util/IsoTime.h"

#include <QDir>
#include <QFile>
#include <QLocale>

#include <CLI/CLI.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm::cli {

void Output::errLine(const QString& text, const char* style) const
{
    out.flush();
    const QString shown =
        errColour && style ? u"\x1b["_s + QLatin1StringView(style) + u'm' + text + u"\x1b[0m"_s : text;
    err << QString(shown + u'\n').toStdString() << std::flush;
}

void Output::warn(const QString& text) const
{
    errLine(u"warning: "_s + text, "33");
}

std::function<void(const QString&)> noticeOn(const Output& o)
{
    return [&o](const QString& notice) { o.errLine(notice); };
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString shortTime(const QDateTime& time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : u"-"_s;
}

QString pushedCounts(const PostgresPush::Report& report)
{
    return u"%1 new, %2 updated, %3 unchanged (%4 message%5)"_s.arg(
        QString::number(report.created), QString::number(report.updated), QString::number(report.unchanged),
        QString::number(report.messages), report.messages == 1 ? QString() : u"s"_s);
}

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString clipped(const QString& text)
{
    constexpr qsizetype limit = 2000;
    QString shown = text.left(limit);
    shown.replace(u'\n', u"\n            "_s); // continuation lines under the first
    if (text.size() <= limit) {
        return shown;
    }
    return shown + u"\n            … %1 more characters (--json shows everything)"_s.arg(text.size() - limit);
}

QHash<QString, QString> shortIds(const QList<SessionRef>& sessions)
{
    QStringList ids;
    for (const SessionRef& s : sessions) {
        ids << s.id;
    }
    ids.sort();
    ids.removeDuplicates();
    const auto common = [](const QString& a, const QString& b) {
        qsizetype n = 0;
        while (n < a.size() && n < b.size() && a.at(n) == b.at(n)) {
            ++n;
        }
        return n;
    };
    QHash<QString, QString> result;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QString& id = ids.at(i);
        qsizetype length = id.indexOf(u':') + 1 + 8;
        if (i > 0) {
            length = std::max(length, common(id, ids.at(i - 1)) + 1);
        }
        if (i + 1 < ids.size()) {
            length = std::max(length, common(id, ids.at(i + 1)) + 1);
        }
        result.insert(id, id.left(length));
    }
    return result;
}

ProgressBar::ProgressBar(std::ostream& err)
    : m_err(err)
{}

void ProgressBar::show(const Harvester::Progress& p)
{
    if (m_drawn && m_lastDraw.elapsed() < 100 && p.done < p.total) {
        return;
    }
    // The time left is reckoned from where the measure starts: reading, once a harvest's listing is over and its
    // sizes are known; else the first session counted (a push's).
    if (p.bytesTotal > 0 ? !m_byBytes : (!m_started.isValid() && p.total > 0)) {
        m_started.start();
        m_byBytes = p.bytesTotal > 0;
    }
    const double fraction = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal)
                            : p.total > 0    ? double(p.done) / double(p.total)
                                             : 1.0;
    constexpr int width = 24;
    const int filled = std::clamp(int(fraction * width), 0, width);
    QString line = u"\r["_s + QString(filled, u'#') + QString(width - filled, u'.') +
                   u"] %1/%2 sessions"_s.arg(QString::number(p.done), QString::number(p.total));
    // Sizes once they are known (a harvest's listing is over); a count alone otherwise.
    if (p.bytesTotal > 0) {
        line += u"  %1/%2 MB"_s.arg(QString::number(double(p.bytesDone) / 1e6, 'f', 1),
                                    QString::number(double(p.bytesTotal) / 1e6, 'f', 1));
    }
    if (m_started.isValid() && fraction > 0.02 && fraction < 1.0) {
        const qint64 left = qint64(double(m_started.elapsed()) * (1.0 - fraction) / fraction / 1000.0);
        line += u"  ETA %1:%2"_s.arg(left / 60).arg(left % 60, 2, 10, QChar(u'0'));
    }
    m_err << line.toStdString() << "\x1b[K" << std::flush;
    m_drawn = true;
    m_lastDraw.start();
}

void ProgressBar::clear()
{
    if (m_drawn) {
        m_err << "\r\x1b[K" << std::flush;
    }
    // A bar shown again starts over, with a time left of its own.
    m_drawn = false;
    m_started.invalidate();
    m_byBytes = false;
}

std::optional<QDateTime> readDate(const std::string& text, bool endOfDay)
{
    return readIsoDate(q(text), endOfDay);
}

std::string dateExpected(const std::string& text)
{
    return "expects a date as YYYY-MM-DD or a date and time as YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], got '" + text + "'";
}

QDateTime parseDate(const std::string& text, const char* option, bool endOfDay)
{
    if (const std::optional<QDateTime> time = readDate(text, endOfDay)) {
        return *time;
    }
    throw CLI::ValidationError(option, dateExpected(text));
}

void sortNewestFirst(QList<SessionRef>& sessions)
{
    CatalogService::sortNewestFirst(sessions);
}

void printSessionTable(const Output& o, const QList<SessionRef>& sessions, bool withSize)
{
    if (sessions.isEmpty()) {
        o.line(u"No sessions found."_s);
        return;
    }
    QStringList headers{u"ID"_s, u"TITLE"_s, u"MSGS"_s, u"UPDATED"_s};
    if (withSize) {
        headers << u"SIZE"_s << u"FORMAT"_s;
    }
    // A team database's: who harvested each where (two origins' copies of one session are two rows).
    const bool origins =
        std::any_of(sessions.cbegin(), sessions.cend(), [](const SessionRef& s) { return !s.origin.isEmpty(); });
    if (origins) {
        headers << u"ORIGIN"_s;
    }
    headers << u"PROJECT"_s;
    TextTable table(headers);
    table.setWhole(0);
    table.setRightAligned(2);
    table.setWhole(3);
    if (withSize) {
        table.setRightAligned(4);
    }
    const QHash<QString, QString> ids = shortIds(sessions);
    for (const SessionRef& s : sessions) {
        QStringList row{ids.value(s.id), s.error.isEmpty() ? s.title : u"(unreadable) "_s + s.title,
                        QString::number(s.messageCount), shortTime(s.updatedAt)};
        if (withSize) {
            row << humanSize(s.sizeBytes) << s.format;
        }
        if (origins) {
            row << s.origin;
        }
        row << (s.projectPath.isEmpty() ? s.workspaceName : s.projectPath);
        table.addRow(row);
    }
    o.table(table);
    qint64 total = 0;
    for (const SessionRef& s : sessions) {
        total += s.sizeBytes;
    }
    o.line(u"%1 session(s)%2"_s.arg(sessions.size()).arg(withSize ? u", "_s + humanSize(total) : QString()));
    for (const SessionRef& s : sessions) {
        if (!s.error.isEmpty()) {
            o.warn(s.error);
        }
    }
}

void printWorkspaceTable(const Output& o, const QList<Workspace>& workspaces)
{
    if (workspaces.isEmpty()) {
        o.line(u"No workspaces found."_s);
        return;
    }
    // TOOL tells the editors and agents apart (two stores are both called `sessions`: Codex CLI's and Continue's),
    // WORKSPACE is what `show workspace` takes.
    TextTable table({u"TOOL"_s, u"WORKSPACE"_s, u"SESSIONS"_s, u"LAST MODIFIED"_s, u"PROJECT"_s});
    table.setWhole(0);
    table.setRightAligned(2);
    table.setWhole(3);
    for (const Workspace& w : workspaces) {
        QString project = w.projectPath;
        if (w.kind == Workspace::Kind::Remote) {
            project = w.remoteAuthority + u':' + w.remotePath + u" (remote)"_s;
        } else if (w.kind == Workspace::Kind::Empty) {
            project = u"(no folder: empty window)"_s;
        } else if (w.kind == Workspace::Kind::Store) {
            project = u"(all projects: "_s + w.storagePath + u')';
        } else if (!w.error.isEmpty()) {
            project = u"(unknown: "_s + w.error + u')';
        } else if (project.isEmpty()) {
            project = u"(unknown)"_s;
        } else if (w.folderMissing) {
            project += u" (folder gone)"_s;
        }
        table.addRow({w.application.isEmpty() ? w.provider : w.application, w.hash, QString::number(w.sessionCount),
                      shortTime(w.lastModified), project});
    }
    o.table(table);
    o.line(u"%1 workspace(s)"_s.arg(workspaces.size()));
}

const GitLibrary& gitLibrary()
{
    using Entry = const GitLibrary* (*)();
    QString error;
    const auto entry = reinterpret_cast<Entry>(programModule(gitPluginName, gitPluginEntry, error));
    if (!entry) {
        throw CommandError{u"cannot load the chasm-git module: "_s + error};
    }
    return *entry();
}

Result<const ModelLibrary*> modelLibrary()
{
    using Entry = const ModelLibrary* (*)();
    QString error;
    const auto entry = reinterpret_cast<Entry>(programModule(llmPluginName, llmPluginEntry, error));
    if (!entry) {
        return Error{u"cannot load the chasm-llm module: "_s + error, ErrorKind::Unavailable};
    }
    return entry();
}

const http::HttpClientPlugin& httpClients()
{
    QString error;
    using Entry = const http::HttpClientPlugin* (*)();
    const auto entry =
        reinterpret_cast<Entry>(programModule(http::mcpHttpPluginName, http::httpClientPluginEntry, error));
    if (!entry) {
        throw CommandError{u"asking a server needs the chasm-http module, which cannot be loaded: "_s + error};
    }
    return *entry();
}

QByteArray serverToken(const std::string& tokenFile, const Environment& environment)
{
    if (tokenFile.empty()) {
        return environment.variable(u"CHASM_API_TOKEN"_s).trimmed().toUtf8();
    }
    QFile file(environment.absolutePath(q(tokenFile)));
    if (!file.open(QIODevice::ReadOnly)) {
        throw CommandError{u"cannot read the token file %1: %2"_s.arg(file.fileName(), file.errorString())};
    }
    const QByteArray token = file.read(64 * 1024).trimmed();
    if (token.isEmpty()) {
        throw CommandError{u"the token file %1 is empty"_s.arg(file.fileName())};
    }
    return token;
}

} // namespace chasm::cli
