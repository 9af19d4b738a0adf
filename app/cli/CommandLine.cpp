#include "CommandLine.h"

#include "TextTable.h"
#include "json/Json.h"
#include "model/ModelJson.h"
#include "export/SessionExport.h"
#include "ops/Harvester.h"
#include "ops/ProjectMove.h"
#include "ops/RecoveryScan.h"
#include "ops/Registrar.h"
#include "ops/SessionFileRecovery.h"
#include "providers/SessionCatalog.h"
#include "store/HarvestStore.h"
#include "vscode/Editor.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/EditorProcess.h"
#include "util/FileTransaction.h"
#include "util/ReadOnlyDatabase.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

// A failure the command reports on stderr; exit code 1.
struct CommandError
{
    QString message;
};

struct Output
{
    std::ostream& out;
    std::ostream& err;
    bool json = false;
    // Colour on stdout (a terminal, NO_COLOR unset, not --json); a progress bar on stderr (a terminal).
    bool colour = false;
    bool progress = false;

    void line(const QString& text = {}) const { out << text.toStdString() << '\n'; }
    void print(const boost::json::value& value) const { out << boost::json::serialize(value) << '\n'; }
};

template<typename T>
T take(Result<T> result)
{
    if (!result) {
        throw CommandError{result.error().message};
    }
    return std::move(result).value();
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString shortTime(const QDateTime& time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : u"-"_s;
}

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// Tool input and output can be megabytes; the table view shows the start and says what it left out.
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

// The shortest prefix of each session's id (at least 8 characters of its native id) that no other
// listed session shares, so that every id the table shows can be typed back. Sorted neighbours share
// the longest prefixes, so comparing with them suffices.
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

// A one-line progress bar for long runs on a terminal's stderr: sessions, megabytes and the time left,
// redrawn at most ten times a second.
class ProgressBar
{
public:
    explicit ProgressBar(std::ostream& err)
        : m_err(err)
    {
        m_timer.start();
    }

    void show(const Harvester::Progress& p)
    {
        if (m_drawn && m_lastDraw.elapsed() < 100 && p.done < p.total) {
            return;
        }
        if (!m_started.isValid() && p.bytesTotal > 0) {
            m_started.start(); // reading starts once listing is over
        }
        const double fraction = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal)
                                : p.total > 0    ? double(p.done) / double(p.total)
                                                 : 1.0;
        constexpr int width = 24;
        const int filled = std::clamp(int(fraction * width), 0, width);
        QString line = u"\r["_s + QString(filled, u'#') + QString(width - filled, u'.') +
                       u"] %1/%2 sessions  %3/%4 MB"_s.arg(QString::number(p.done), QString::number(p.total),
                                                           QString::number(double(p.bytesDone) / 1e6, 'f', 1),
                                                           QString::number(double(p.bytesTotal) / 1e6, 'f', 1));
        if (m_started.isValid() && fraction > 0.02 && fraction < 1.0) {
            const qint64 left = qint64(double(m_started.elapsed()) * (1.0 - fraction) / fraction / 1000.0);
            line += u"  ETA %1:%2"_s.arg(left / 60).arg(left % 60, 2, 10, QChar(u'0'));
        }
        m_err << line.toStdString() << "\x1b[K" << std::flush;
        m_drawn = true;
        m_lastDraw.start();
    }
    void clear()
    {
        if (m_drawn) {
            m_err << "\r\x1b[K" << std::flush;
        }
    }

private:
    std::ostream& m_err;
    QElapsedTimer m_timer, m_lastDraw, m_started;
    bool m_drawn = false;
};

QDateTime parseDate(const std::string& text, const char* option, bool endOfDay)
{
    const QDate date = QDate::fromString(q(text), Qt::ISODate);
    if (!date.isValid()) {
        throw CLI::ValidationError(option, "expects a date as YYYY-MM-DD, got '" + text + "'");
    }
    return endOfDay ? date.endOfDay(QTimeZone::utc()) : date.startOfDay(QTimeZone::utc());
}

boost::json::array jsonArray(const auto& items, auto shape)
{
    boost::json::array array;
    for (const auto& item : items) {
        array.emplace_back(shape(item));
    }
    return array;
}

void sortNewestFirst(QList<SessionRef>& sessions)
{
    std::stable_sort(sessions.begin(), sessions.end(),
                     [](const SessionRef& a, const SessionRef& b) { return a.updatedAt > b.updatedAt; });
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
    headers << u"PROJECT"_s;
    TextTable table(headers);
    table.setMaxWidth(1, 50);
    table.setRightAligned(2);
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
        row << (s.projectPath.isEmpty() ? s.workspaceName : s.projectPath);
        table.addRow(row);
    }
    table.print(o.out);
    qint64 total = 0;
    for (const SessionRef& s : sessions) {
        total += s.sizeBytes;
    }
    o.line(u"%1 session(s)%2"_s.arg(sessions.size()).arg(withSize ? u", "_s + humanSize(total) : QString()));
    for (const SessionRef& s : sessions) {
        if (!s.error.isEmpty()) {
            o.err << "warning: " << s.error.toStdString() << '\n';
        }
    }
}

void printWorkspaceTable(const Output& o, const QList<Workspace>& workspaces)
{
    if (workspaces.isEmpty()) {
        o.line(u"No workspaces found."_s);
        return;
    }
    TextTable table({u"EDITOR"_s, u"HASH"_s, u"SESSIONS"_s, u"LAST MODIFIED"_s, u"PROJECT"_s});
    table.setRightAligned(2);
    for (const Workspace& w : workspaces) {
        QString project = w.projectPath;
        if (w.kind == Workspace::Kind::Remote) {
            project = w.remoteAuthority + u':' + w.remotePath + u" (remote)"_s;
        } else if (w.kind == Workspace::Kind::Empty) {
            project = u"(no folder: empty window)"_s;
        } else if (!w.error.isEmpty()) {
            project = u"(unknown: "_s + w.error + u')';
        }
        table.addRow({w.editor, w.hash, QString::number(w.sessionCount), shortTime(w.lastModified), project});
    }
    table.print(o.out);
    o.line(u"%1 workspace(s)"_s.arg(workspaces.size()));
}

// The state every command works from: the catalog, and the providers the options select.
class Commands
{
public:
    Commands(const Environment& environment, Output& output)
        : m_catalog(environment)
        , m_o(output)
    {}

    QList<const Provider*> providers(const std::string& name) const { return take(m_catalog.providers(q(name))); }

    // `folder`: a project the command names, where tools that keep history in projects (Aider) look too.
    QList<Workspace> workspaces(const std::string& provider, const QString& folder = {}) const
    {
        return m_catalog.workspaces(providers(provider), folder.isEmpty() ? QStringList() : QStringList{folder});
    }

    QList<SessionRef> sessions(const std::string& provider, const QList<Workspace>& workspaces) const
    {
        QList<SessionRef> result = m_catalog.sessions(providers(provider), workspaces);
        sortNewestFirst(result);
        return result;
    }

    QString pathOrCwd(const std::string& path) const
    {
        return m_catalog.environment().absolutePath(path.empty() ? m_catalog.environment().workingDirectory()
                                                                 : q(path));
    }

    QList<Workspace> workspacesForPath(const QList<Workspace>& all, const QString& path) const
    {
        return m_catalog.workspacesForPath(all, path);
    }

    // --- list ---

    void listWorkspaces(const std::string& provider) const
    {
        const QList<Workspace> all = workspaces(provider);
        if (m_o.json) {
            m_o.print(jsonArray(all, shapes::workspace));
            return;
        }
        printWorkspaceTable(m_o, all);
    }

    void listSessions(const std::string& projectPath, const std::string& provider, bool withSize) const
    {
        const QString folder = projectPath.empty() ? QString() : pathOrCwd(projectPath);
        QList<Workspace> all = workspaces(provider, folder);
        if (!folder.isEmpty()) {
            all = workspacesForPath(all, folder);
        }
        printSessions(sessions(provider, all), withSize);
    }

    void printSessions(const QList<SessionRef>& list, bool withSize) const
    {
        if (m_o.json) {
            m_o.print(jsonArray(list, shapes::sessionSummary));
            return;
        }
        printSessionTable(m_o, list, withSize);
    }

    void listPath(const std::string& path) const
    {
        const QString project = pathOrCwd(path);
        const QList<Workspace> matches = workspacesForPath(workspaces({}, project), project);
        if (!m_o.json && matches.isEmpty()) {
            m_o.line(u"No editor workspace is known for %1."_s.arg(project));
            return;
        }
        printSessions(sessions({}, matches), true);
    }

    QList<Workspace> indexScope(const std::string& path, bool all) const
    {
        QList<Workspace> scope = workspaces({});
        if (!all) {
            scope = workspacesForPath(scope, pathOrCwd(path));
        }
        // Only the VS Code family keeps a session index.
        scope.removeIf([](const Workspace& w) {
            return w.editor.isEmpty() || (!w.hasChatSessions && !QFileInfo::exists(w.stateDatabasePath));
        });
        return scope;
    }

    struct WorkspaceIndex
    {
        Workspace workspace;
        QList<SessionRef> files;
        QList<IndexEntry> entries;
        QString error;
    };

    QList<WorkspaceIndex> inspectIndexes(const QList<Workspace>& scope) const
    {
        QList<WorkspaceIndex> result;
        for (const Workspace& workspace : scope) {
            WorkspaceIndex item{workspace, sessions({}, {workspace}), {}, {}};
            SessionIndex::Inspection inspection = SessionIndex::inspect(workspace.stateDatabasePath, item.files);
            item.entries = std::move(inspection.entries);
            item.error = std::move(inspection.error);
            result.append(item);
        }
        return result;
    }

    void listOrphaned(const std::string& path, bool all) const
    {
        const QList<Workspace> scope = indexScope(path, all);
        QList<SessionRef> orphans;
        for (const WorkspaceIndex& index : inspectIndexes(scope)) {
            if (!index.error.isEmpty()) {
                m_o.err << "warning: " << index.error.toStdString() << " (its sessions are not judged)\n";
            }
            for (const IndexEntry& entry : index.entries) {
                const bool orphan = std::any_of(entry.problems.cbegin(), entry.problems.cend(),
                                                [](const IndexProblem& p) { return p.code == u"not_in_index"_s; });
                const auto file = std::find_if(index.files.cbegin(), index.files.cend(),
                                               [&entry](const SessionRef& s) { return s.path == entry.file; });
                if (orphan && file != index.files.cend()) {
                    orphans.append(*file);
                }
            }
        }
        if (!m_o.json && scope.isEmpty()) {
            m_o.line(
                all ? u"No editor workspaces found."_s
                    : u"No editor workspace is known for %1 (use --all for every workspace)."_s.arg(pathOrCwd(path)));
            return;
        }
        if (!m_o.json && orphans.isEmpty()) {
            m_o.line(u"No orphaned sessions: every session file is in its editor's index."_s);
            return;
        }
        printSessions(orphans, true);
    }

    // --- register / repair / recover ---

    struct WriteRequest
    {
        std::string path;
        bool all = false;
        Registrar::Options options;
        bool closeEditor = false;
        bool reopen = false;
        // register recursive: every workspace of a project under `path`, at most `depth` folders down
        // (-1: any), whose project path matches none of `exclude` (wildcards).
        bool recursive = false;
        int depth = -1;
        std::vector<std::string> exclude;
    };

    QList<Workspace> writeScope(const WriteRequest& request) const
    {
        if (!request.recursive) {
            return indexScope(request.path, request.all);
        }
        const QString root = pathOrCwd(request.path);
        QList<QRegularExpression> excluded;
        for (const std::string& pattern : request.exclude) {
            excluded << QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                q(pattern), QRegularExpression::UnanchoredWildcardConversion));
        }
        QList<Workspace> scope = indexScope({}, true);
        scope.removeIf([&](const Workspace& w) {
            const QString relative = QDir(root).relativeFilePath(w.projectPath);
            if (w.projectPath.isEmpty() || relative.startsWith(u".."_s) || QDir::isAbsolutePath(relative)) {
                return true;
            }
            const int levels = relative == u"."_s ? 0 : int(relative.count(u'/')) + 1;
            return (request.depth >= 0 && levels > request.depth) ||
                   std::any_of(excluded.cbegin(), excluded.cend(),
                               [&w](const QRegularExpression& e) { return e.match(w.projectPath).hasMatch(); });
        });
        return scope;
    }

    // Runs a write operation on every VS Code-family workspace of the path (or all), closing the
    // editors first and starting them again after when asked; prints what changed and how to undo it.
    void writeEach(const WriteRequest& request,
                   const std::function<Result<Registrar::Report>(const Workspace&)>& operation) const
    {
        const QList<Workspace> scope = writeScope(request);
        if (scope.isEmpty() && request.recursive) {
            throw CommandError{u"no editor workspace of a project under %1 (within --depth, outside --exclude)"_s.arg(
                pathOrCwd(request.path))};
        }
        if (scope.isEmpty()) {
            throw CommandError{request.all
                                   ? u"no editor workspaces found"_s
                                   : u"no editor workspace is known for %1 (use --all for every workspace)"_s.arg(
                                         pathOrCwd(request.path))};
        }
        QList<Editor> editors;
        for (const Workspace& w : scope) {
            if (const auto editor = editorById(w.editor); editor && !editors.contains(*editor)) {
                editors.append(*editor);
            }
        }
        QList<Editor> closed;
        if ((request.closeEditor || request.reopen) && !request.options.dryRun) {
            for (Editor editor : std::as_const(editors)) {
                const auto running = EditorProcess::running(editor);
                if (!running || !running->isEmpty()) {
                    m_o.err << "closing " << editorInfo(editor).displayName.toStdString() << "…\n";
                    if (auto error = EditorProcess::close(editor, std::chrono::seconds(30))) {
                        throw CommandError{error->message};
                    }
                    closed.append(editor);
                }
            }
        }
        boost::json::array reports;
        QStringList failures;
        int registered = 0, repaired = 0;
        for (const Workspace& w : scope) {
            const auto report = operation(w);
            if (!report) {
                failures << report.error().message;
                m_o.err << "chasm: " << report.error().message.toStdString() << '\n';
                continue;
            }
            registered += report->registered;
            repaired += report->repaired;
            reports.push_back(reportJson(*report));
            if (!m_o.json) {
                printReport(*report);
            }
        }
        if (request.reopen) {
            for (Editor editor : std::as_const(closed)) {
                const Workspace& first = *std::find_if(scope.cbegin(), scope.cend(), [editor](const Workspace& w) {
                    return w.editor == editorInfo(editor).id;
                });
                if (auto error = EditorProcess::open(editor, first.projectPath)) {
                    m_o.err << "warning: " << error->message.toStdString() << '\n';
                }
            }
        }
        if (m_o.json) {
            m_o.print(boost::json::object{{"dry_run", request.options.dryRun}, {"workspaces", std::move(reports)}});
        } else {
            m_o.line(u"%1%2 registered, %3 repaired in %4 workspace(s)"_s
                         .arg(request.options.dryRun ? u"Dry run, nothing was written: "_s : QString())
                         .arg(registered)
                         .arg(repaired)
                         .arg(scope.size() - failures.size()));
        }
        if (!failures.isEmpty()) {
            throw CommandError{u"%1 workspace(s) were left unchanged (see above)"_s.arg(failures.size())};
        }
    }

    void printReport(const Registrar::Report& report) const
    {
        m_o.line(report.editor.isEmpty() ? report.workspace : u"%1 (%2)"_s.arg(report.workspace, report.editor));
        for (const QString& change : report.changes) {
            m_o.line(u"  "_s + change);
        }
        if (report.changes.isEmpty()) {
            m_o.line(u"  nothing to change"_s);
        }
        for (const QString& warning : report.warnings) {
            m_o.line(u"  warning: "_s + warning);
        }
        if (!report.undoCommand.isEmpty()) {
            m_o.line(u"  backups are listed in %1; to undo: %2"_s.arg(report.recoveryPoint, report.undoCommand));
        }
    }

    // One file's recovery: its report as JSON (the shape of a register workspace) or in words.
    void printFileReport(const Result<Registrar::Report>& result, bool dryRun) const
    {
        const Registrar::Report report = take(Result<Registrar::Report>(result));
        if (m_o.json) {
            boost::json::object shape = reportJson(report);
            shape["dry_run"] = dryRun;
            m_o.print(shape);
            return;
        }
        printReport(report);
        if (dryRun) {
            m_o.line(u"Dry run, nothing was written."_s);
        }
    }

    void movePath(const std::string& from, const std::string& to, const Registrar::Options& options) const
    {
        const QList<Registrar::Report> reports = take(ProjectMove::move(m_catalog, q(from), q(to), options));
        if (m_o.json) {
            boost::json::array shapes;
            for (const Registrar::Report& report : reports) {
                shapes.push_back(reportJson(report));
            }
            m_o.print(boost::json::object{{"dry_run", options.dryRun}, {"workspaces", std::move(shapes)}});
            return;
        }
        int copied = 0;
        for (const Registrar::Report& report : reports) {
            printReport(report);
            copied += report.registered;
        }
        m_o.line(u"%1%2 session(s) brought over"_s.arg(options.dryRun ? u"Dry run, nothing was written: "_s : QString())
                     .arg(copied));
    }

    // Sessions out of an old state.vscdb (VS Code's own files: json, jsonl; or transcripts: md), or out
    // of a harvest database (as harvest export writes them).
    void recoverDatabase(const std::string& backup, const std::string& session, const std::string& output,
                         const std::string& format) const
    {
        const QString path = pathOrCwd(backup);
        {
            const auto db = take(ReadOnlyDatabase::open(path));
            if (db->hasTable(u"sessions"_s) && db->hasTable(u"messages_v2"_s)) {
                // A harvest database, read from a copy: opening it may bring its schema up to date, and a
                // backup is never changed.
                QTemporaryDir copy;
                const QString copied = copy.filePath(u"backup.db"_s);
                for (const QString& suffix : {QString(), u"-wal"_s}) {
                    if (QFileInfo::exists(path + suffix) && !QFile::copy(path + suffix, copied + suffix)) {
                        throw CommandError{u"cannot copy %1 to read it"_s.arg(path + suffix)};
                    }
                }
                harvestExport(copied.toStdString(), output.empty() ? "recovered-sessions" : output, format, {},
                              session.empty() ? std::vector<std::string>{} : std::vector<std::string>{session});
                return;
            }
        }
        const QList<boost::json::value> found = take(SessionFileRecovery::sessionsInStateDatabase(path));
        const QString folder = pathOrCwd(output.empty() ? "recovered-sessions" : output);
        if (!QDir().mkpath(folder)) {
            throw CommandError{u"cannot create the folder %1"_s.arg(folder)};
        }
        QStringList written;
        for (int i = 0; i < found.size(); ++i) {
            const boost::json::value& tree = found.at(i);
            QString id = json::string(tree, "sessionId");
            if (id.isEmpty()) {
                id = u"session-%1"_s.arg(i + 1);
            }
            if (!session.empty() && !id.startsWith(q(session))) {
                continue;
            }
            QByteArray bytes;
            QString name;
            if (format == "md") {
                const Session converted =
                    ChatSessionConverter::convert(tree, {u"copilot"_s, id, {}, {}, QFileInfo(path).lastModified()});
                bytes = SessionExport::render(converted, SessionExport::Format::Markdown);
                name = id + u".md"_s;
            } else {
                bytes = ChatSessionFile::bytes(tree, format == "jsonl" ? ChatSessionFile::Format::Jsonl
                                                                       : ChatSessionFile::Format::Json);
                name = id + (format == "jsonl" ? u".jsonl"_s : u".json"_s);
            }
            const QString file = folder + u'/' + name;
            if (QFileInfo::exists(file)) {
                throw CommandError{
                    u"%1 exists already: Chasm does not overwrite it (%2 file(s) written before it)"_s.arg(
                        file, QString::number(written.size()))};
            }
            if (auto error = writeAtomically(file, bytes)) {
                throw CommandError{error->message};
            }
            written << file;
        }
        if (!session.empty() && written.isEmpty()) {
            throw CommandError{u"%1 holds no session with the id %2"_s.arg(path, q(session))};
        }
        if (m_o.json) {
            boost::json::array files;
            for (const QString& file : std::as_const(written)) {
                files.push_back(json::fromQString(file));
            }
            m_o.print(boost::json::object{{"sessions", written.size()}, {"files", std::move(files)}});
            return;
        }
        m_o.line(u"Recovered %1 session(s) from %2 into %3"_s.arg(written.size()).arg(path, folder));
        if (format != "md") {
            m_o.line(u"To bring them back: copy them into a workspace's chatSessions folder, then run chasm register "
                     "all --path PROJECT"_s);
        }
    }

    // The workspace sessions are brought into: the active one of the project for the editor (--editor,
    // else the first that keeps the project; VS Code first).
    Workspace targetWorkspace(const std::string& targetPath, const std::string& editor) const
    {
        const QString project = pathOrCwd(targetPath);
        QList<Workspace> candidates = workspacesForPath(workspaces({}), project);
        candidates.removeIf(
            [&editor](const Workspace& w) { return w.editor.isEmpty() || (!editor.empty() && w.editor != q(editor)); });
        if (candidates.isEmpty()) {
            throw CommandError{
                u"no %1workspace is known for %2: open the folder in the editor once, then try again"_s.arg(
                    editor.empty() ? QString() : q(editor) + u' ', project)};
        }
        std::stable_sort(candidates.begin(), candidates.end(), [](const Workspace& a, const Workspace& b) {
            return a.editor == u"code"_s && b.editor != u"code"_s;
        });
        const QString chosen = candidates.first().editor;
        candidates.removeIf([&chosen](const Workspace& w) { return w.editor != chosen; });
        const QList<Registrar::ProjectWorkspaces> grouped = Registrar::findOrphanedWorkspaces(candidates);
        return grouped.isEmpty() ? candidates.first() : grouped.first().active;
    }

    // Copies session files into the target workspace and registers them (fetch, import).
    void bringInto(const Workspace& target, const QStringList& files, const Registrar::Options& options) const
    {
        if (files.isEmpty()) {
            throw CommandError{u"no session files to bring in"_s};
        }
        const Registrar::Report report = take(Registrar::adopt(target, files, options));
        if (m_o.json) {
            boost::json::object shape = reportJson(report);
            shape["dry_run"] = options.dryRun;
            m_o.print(shape);
            return;
        }
        printReport(report);
        m_o.line(u"%1%2 session(s) brought in"_s.arg(options.dryRun ? u"Dry run, nothing was written: "_s : QString())
                     .arg(report.registered));
    }

    void fetchSessions(const std::vector<std::string>& ids, const std::string& targetPath, const std::string& editor,
                       const Registrar::Options& options) const
    {
        const Workspace target = targetWorkspace(targetPath, editor);
        QList<Workspace> sources = indexScope({}, true);
        sources.removeIf([&target](const Workspace& w) { return w.id == target.id; });
        const QList<SessionRef> all = sessions({}, sources);
        QStringList files;
        for (const std::string& id : ids) {
            files << take(SessionCatalog::resolveSession(all, q(id))).path;
        }
        bringInto(target, files, options);
    }

    void fetchWorkspace(const std::string& pattern, const std::string& targetPath, const std::string& editor,
                        const Registrar::Options& options) const
    {
        const Workspace target = targetWorkspace(targetPath, editor);
        QStringList files;
        int matched = 0;
        for (const Workspace& w : indexScope({}, true)) {
            const bool match = w.hash.startsWith(q(pattern)) ||
                               w.displayName().contains(q(pattern), Qt::CaseInsensitive) ||
                               w.projectPath.contains(q(pattern), Qt::CaseInsensitive);
            if (match && w.id != target.id) {
                ++matched;
                files += WorkspaceStorage::sessionFiles(w.chatSessionsPath);
            }
        }
        if (matched == 0) {
            throw CommandError{u"no other editor workspace matches %1"_s.arg(q(pattern))};
        }
        bringInto(target, files, options);
    }

    void importSessions(const std::vector<std::string>& paths, const std::string& targetPath, const std::string& editor,
                        const Registrar::Options& options) const
    {
        QStringList files;
        for (const std::string& path : paths) {
            files << pathOrCwd(path);
        }
        bringInto(targetWorkspace(targetPath, editor), files, options);
    }

    void recoverDetect(const std::string& file) const
    {
        const SessionFileRecovery::Detection d = SessionFileRecovery::detect(pathOrCwd(file));
        if (m_o.json) {
            m_o.print(
                boost::json::object{{"path", json::fromQString(d.path)},
                                    {"size_bytes", d.size},
                                    {"format", d.format.isEmpty() ? boost::json::value(nullptr)
                                                                  : boost::json::value(json::fromQString(d.format))},
                                    {"version", d.version},
                                    {"entries", d.entries},
                                    {"requests", d.requests},
                                    {"session_id", json::fromQString(d.sessionId)},
                                    {"title", json::fromQString(d.title)},
                                    {"concatenated_records", d.concatenatedRecords},
                                    {"damaged_tail", d.damagedTail},
                                    {"readable", d.error.isEmpty()},
                                    {"error", d.error.isEmpty() ? boost::json::value(nullptr)
                                                                : boost::json::value(json::fromQString(d.error))}});
            return;
        }
        m_o.line(d.path);
        m_o.line(u"  format:   %1%2, %3"_s.arg(d.format.isEmpty() ? u"unknown"_s : d.format,
                                               d.version ? u" version %1"_s.arg(d.version) : QString(),
                                               humanSize(d.size)));
        if (!d.error.isEmpty()) {
            m_o.line(u"  unreadable: "_s + d.error);
            if (!d.format.isEmpty()) {
                m_o.line(u"  salvage it with: chasm recover %1 \"%2\""_s.arg(
                    d.format == u"jsonl"_s ? u"jsonl"_s : u"repair"_s, d.path));
            }
            return;
        }
        m_o.line(u"  session:  %1 \"%2\", %3 request(s)"_s.arg(d.sessionId, d.title).arg(d.requests));
        if (d.format == u"jsonl"_s) {
            m_o.line(u"  log:      %1 entr(ies)%2%3"_s.arg(d.entries)
                         .arg(d.concatenatedRecords ? u", %1 record(s) run together"_s.arg(d.concatenatedRecords)
                                                    : QString())
                         .arg(d.damagedTail ? u", a damaged last line"_s : QString()));
        }
    }

    static boost::json::object reportJson(const Registrar::Report& report)
    {
        const auto strings = [](const QStringList& list) {
            boost::json::array array;
            for (const QString& item : list) {
                array.push_back(json::fromQString(item));
            }
            return array;
        };
        const auto orNull = [](const QString& text) {
            return text.isEmpty() ? boost::json::value(nullptr) : boost::json::value(json::fromQString(text));
        };
        return {{"workspace", json::fromQString(report.workspace)},
                {"editor", json::fromQString(report.editor)},
                {"registered", report.registered},
                {"repaired", report.repaired},
                {"unchanged", report.unchanged},
                {"changes", strings(report.changes)},
                {"warnings", strings(report.warnings)},
                {"recovery_point", orNull(report.recoveryPoint)},
                {"undo", orNull(report.undoCommand)}};
    }

    void registerSessions(const WriteRequest& request, const std::vector<std::string>& ids,
                          const std::vector<std::string>& titles) const
    {
        QStringList idList, titleList;
        for (const std::string& id : ids) {
            idList << q(id);
        }
        for (const std::string& title : titles) {
            titleList << q(title);
        }
        // An id is looked for in every workspace of the scope: it must name a session in one of them.
        QStringList unmatched = idList;
        writeEach(request, [&](const Workspace& w) {
            auto report = Registrar::registerSessions(w, idList, titleList, request.options);
            if (report) {
                unmatched.removeIf([&report](const QString& id) { return !report->unmatched.contains(id); });
            }
            return report;
        });
        if (!unmatched.isEmpty()) {
            throw CommandError{u"no session file of %1 has the id %2"_s.arg(
                request.all ? u"any workspace"_s : pathOrCwd(request.path), unmatched.join(u", "_s))};
        }
    }

    void repair(const WriteRequest& request) const
    {
        writeEach(request, [&](const Workspace& w) { return Registrar::repair(w, request.options); });
    }

    // Every recovery point and session backup Chasm made in the editors' workspaces.
    // Everything recoverable in the editors' stores, with the command that recovers each.
    void recoverScan(const std::string& provider) const
    {
        QList<Workspace> scope = indexScope({}, true);
        if (!provider.empty() && provider != "all") {
            const QString wanted = q(provider) == u"vscode"_s ? u"copilot"_s : q(provider);
            scope.removeIf([&wanted](const Workspace& w) { return w.provider != wanted; });
        }
        const QList<SessionRef> files = sessions({}, scope);
        const QList<RecoveryFinding> findings = RecoveryScan::scan(scope, files);
        const auto fixOf = [](const RecoveryFinding& f) -> QString {
            switch (f.kind) {
            case RecoveryFinding::Kind::OlderWorkspace:
                return u"chasm detect orphaned \"%1\" --recover"_s.arg(f.project);
            case RecoveryFinding::Kind::NotInIndex:
            case RecoveryFinding::Kind::WrongEntry: {
                // A workspace without a local folder (remote, empty window) is reached with --all.
                const QString where =
                    f.target.projectPath.isEmpty() ? u"--all"_s : u"--path \"%1\""_s.arg(f.target.projectPath);
                return (f.kind == RecoveryFinding::Kind::NotInIndex ? u"chasm register all "_s
                                                                    : u"chasm register repair "_s) +
                       where;
            }
            }
            return QString();
        };
        QList<const SessionRef*> damaged;
        for (const SessionRef& ref : files) {
            if (!ref.error.isEmpty() && !ref.path.isEmpty()) {
                damaged.append(&ref);
            }
        }
        const auto damagedFix = [](const SessionRef& ref) {
            return (ref.path.endsWith(u".jsonl"_s) ? u"chasm recover jsonl \"%1\""_s : u"chasm recover repair \"%1\""_s)
                .arg(ref.path);
        };
        if (m_o.json) {
            static const char* kinds[] = {"older_workspace", "not_in_index", "wrong_entry"};
            boost::json::array found;
            for (const RecoveryFinding& f : findings) {
                boost::json::array items;
                for (const RecoveryFinding::Item& item : f.items) {
                    items.push_back({{"id", json::fromQString(item.id)},
                                     {"title", json::fromQString(item.title)},
                                     {"path", json::fromQString(item.path)},
                                     {"updated_at", json::fromQString(item.updatedAt.toUTC().toString(Qt::ISODate))},
                                     {"message_count", item.messageCount}});
                }
                found.push_back({{"kind", kinds[int(f.kind)]},
                                 {"project", json::fromQString(f.project)},
                                 {"editor", json::fromQString(f.target.editor)},
                                 {"target", json::fromQString(f.target.storagePath)},
                                 {"source", f.source.storagePath.isEmpty()
                                                ? boost::json::value(nullptr)
                                                : boost::json::value(json::fromQString(f.source.storagePath))},
                                 {"sessions", std::move(items)},
                                 {"fix", json::fromQString(fixOf(f))}});
            }
            boost::json::array broken;
            for (const SessionRef* ref : std::as_const(damaged)) {
                broken.push_back({{"path", json::fromQString(ref->path)},
                                  {"error", json::fromQString(ref->error)},
                                  {"fix", json::fromQString(damagedFix(*ref))}});
            }
            m_o.print(boost::json::object{{"findings", std::move(found)}, {"damaged", std::move(broken)}});
            return;
        }
        if (findings.isEmpty() && damaged.isEmpty()) {
            m_o.line(u"Nothing to recover: every session file is in its editor's history and readable."_s);
            return;
        }
        static const QString words[] = {u"in an older workspace of the project"_s,
                                        u"on disk, missing from the editor's index"_s,
                                        u"hidden or broken by their index entry (empty or cancelled)"_s};
        for (const RecoveryFinding& f : findings) {
            m_o.line(u"%1 (%2): %3 session(s) %4"_s.arg(f.project, f.target.editor)
                         .arg(f.items.size())
                         .arg(words[int(f.kind)]));
            for (const RecoveryFinding::Item& item : f.items) {
                m_o.line(u"    %1  %2  %3"_s.arg(shortTime(item.updatedAt), item.id, item.title));
            }
            m_o.line(u"  fix: "_s + fixOf(f));
        }
        for (const SessionRef* ref : std::as_const(damaged)) {
            m_o.line(u"damaged: %1"_s.arg(ref->error));
            m_o.line(u"  fix: "_s + damagedFix(*ref));
        }
    }

    void recoverStatus() const
    {
        QStringList folders;
        QList<QFileInfo> backups;
        for (const Workspace& w : indexScope({}, true)) {
            for (const QString& base : {w.projectPath, w.storagePath}) {
                const QString folder = base + u"/.chasm_recovery"_s;
                if (!base.isEmpty() && !folders.contains(folder) && QFileInfo(folder).isDir()) {
                    folders << folder;
                }
            }
            const QDir sessions(w.storagePath + u"/chatSessions"_s);
            for (const QFileInfo& file : sessions.entryInfoList({u"*.bak"_s, u"*.bak-*"_s}, QDir::Files, QDir::Time)) {
                backups << file;
            }
        }
        QList<RecoveryPoint> points;
        for (const QString& folder : std::as_const(folders)) {
            points += RecoveryPoint::list(folder);
        }
        std::sort(points.begin(), points.end(),
                  [](const RecoveryPoint& a, const RecoveryPoint& b) { return a.created > b.created; });
        if (m_o.json) {
            boost::json::array pointArray;
            for (const RecoveryPoint& point : std::as_const(points)) {
                boost::json::array files;
                for (const RecoveryPoint::File& file : point.files) {
                    files.push_back(
                        {{"path", json::fromQString(file.path)},
                         {"backup", file.backup.isEmpty() ? boost::json::value(nullptr)
                                                          : boost::json::value(json::fromQString(file.backup))}});
                }
                boost::json::array changes;
                for (const QString& change : point.changes) {
                    changes.push_back(json::fromQString(change));
                }
                pointArray.push_back({{"manifest", json::fromQString(point.manifest)},
                                      {"operation", json::fromQString(point.operation)},
                                      {"created", json::fromQString(point.created.toString(Qt::ISODateWithMs))},
                                      {"files", std::move(files)},
                                      {"changes", std::move(changes)},
                                      {"undo", json::fromQString(point.undoCommand())}});
            }
            boost::json::array backupArray;
            for (const QFileInfo& file : std::as_const(backups)) {
                backupArray.push_back(
                    {{"path", json::fromQString(file.absoluteFilePath())},
                     {"size", file.size()},
                     {"modified", json::fromQString(file.lastModified().toUTC().toString(Qt::ISODate))}});
            }
            m_o.print(
                boost::json::object{{"recovery_points", std::move(pointArray)}, {"backups", std::move(backupArray)}});
            return;
        }
        if (points.isEmpty() && backups.isEmpty()) {
            m_o.line(u"No recovery points or backups: Chasm has not changed any editor's files."_s);
            return;
        }
        m_o.line(u"Recovery points, newest first:"_s);
        for (const RecoveryPoint& point : std::as_const(points)) {
            m_o.line(u"  %1  %2, %3 file(s)  %4"_s.arg(shortTime(point.created), point.operation)
                         .arg(point.files.size())
                         .arg(point.manifest));
            for (const QString& change : point.changes) {
                m_o.line(u"      "_s + change);
            }
            m_o.line(u"      undo: "_s + point.undoCommand());
        }
        if (!backups.isEmpty()) {
            m_o.line(u"Session file backups:"_s);
            for (const QFileInfo& file : std::as_const(backups)) {
                m_o.line(u"  %1  %2  %3"_s.arg(shortTime(file.lastModified()), humanSize(file.size()),
                                               file.absoluteFilePath()));
            }
        }
    }

    // Every workspace an editor keeps for the project, which is active, and the sessions the others hold
    // that it lacks; with `recover`, copies those into the active one and registers them.
    void detectOrphaned(const WriteRequest& request, bool recover) const
    {
        const QString project = pathOrCwd(request.path);
        const QList<Registrar::ProjectWorkspaces> found =
            Registrar::findOrphanedWorkspaces(workspacesForPath(workspaces({}), project));
        if (recover) {
            writeEach(request, [&](const Workspace& w) -> Result<Registrar::Report> {
                for (const Registrar::ProjectWorkspaces& p : found) {
                    if (p.active.id == w.id) {
                        QStringList files;
                        for (const auto& other : p.others) {
                            files += other.missing;
                        }
                        return Registrar::adopt(w, files, request.options);
                    }
                }
                Registrar::Report nothing;
                nothing.workspace = w.projectPath;
                nothing.editor = w.editor;
                return nothing;
            });
            return;
        }
        const auto hashOf = [](const Workspace& w) {
            return boost::json::object{{"hash", json::fromQString(w.hash)},
                                       {"storage", json::fromQString(w.storagePath)},
                                       {"sessions", w.sessionCount}};
        };
        if (m_o.json) {
            boost::json::array result;
            for (const Registrar::ProjectWorkspaces& p : found) {
                boost::json::array others;
                for (const auto& other : p.others) {
                    boost::json::object o = hashOf(other.workspace);
                    boost::json::array missing;
                    for (const QString& file : other.missing) {
                        missing.push_back(json::fromQString(file));
                    }
                    o["missing"] = std::move(missing);
                    others.push_back(std::move(o));
                }
                result.push_back({{"editor", json::fromQString(p.active.editor)},
                                  {"project_path", json::fromQString(project)},
                                  {"active", hashOf(p.active)},
                                  {"others", std::move(others)}});
            }
            m_o.print(result);
            return;
        }
        if (found.isEmpty()) {
            m_o.line(u"Each editor keeps one workspace for %1: no orphaned workspaces."_s.arg(project));
            return;
        }
        int missing = 0;
        for (const Registrar::ProjectWorkspaces& p : found) {
            m_o.line(
                u"%1 keeps %2 workspaces for %3:"_s.arg(p.active.application).arg(p.others.size() + 1).arg(project));
            m_o.line(u"  active  %1  %2 session(s)"_s.arg(p.active.hash).arg(p.active.sessionCount));
            for (const auto& other : p.others) {
                m_o.line(u"  older   %1  %2 session(s), %3 the active one lacks"_s.arg(other.workspace.hash)
                             .arg(other.workspace.sessionCount)
                             .arg(other.missing.size()));
                for (const QString& file : other.missing) {
                    m_o.line(u"            "_s + file);
                }
                missing += int(other.missing.size());
            }
        }
        if (missing > 0) {
            m_o.line(
                u"Bring them into the active workspaces with: chasm detect orphaned \"%1\" --recover"_s.arg(project));
        }
    }

    void recoverUndo(const std::string& manifest, bool force) const
    {
        const RecoveryPoint point = take(RecoveryPoint::read(pathOrCwd(manifest)));
        const QStringList done = take(FileTransaction::undo(point, force));
        if (m_o.json) {
            boost::json::array lines;
            for (const QString& line : done) {
                lines.push_back(json::fromQString(line));
            }
            m_o.print(boost::json::object{{"manifest", json::fromQString(point.manifest)}, {"done", std::move(lines)}});
            return;
        }
        for (const QString& line : done) {
            m_o.line(line);
        }
        m_o.line(u"Undid %1 of %2."_s.arg(point.operation, shortTime(point.created)));
    }

    // --- show ---

    void showSession(const std::string& id, const std::string& projectPath) const
    {
        QList<Workspace> scope = workspaces({});
        if (!projectPath.empty()) {
            scope = workspacesForPath(scope, pathOrCwd(projectPath));
        }
        const SessionRef ref = take(SessionCatalog::resolveSession(sessions({}, scope), q(id)));
        const Session session = take(m_catalog.load(ref));
        if (m_o.json) {
            m_o.print(shapes::session(session));
            return;
        }
        m_o.line(session.title);
        m_o.line(u"id:       "_s + session.id);
        m_o.line(u"project:  "_s + (session.projectPath.isEmpty() ? u"-"_s : session.projectPath));
        m_o.line(u"file:     "_s + ref.path);
        m_o.line(u"created:  "_s + shortTime(session.createdAt) + u"   updated: "_s + shortTime(session.updatedAt));
        m_o.line(u"model:    "_s + (session.model.isEmpty() ? u"-"_s : session.model) +
                 (session.totalTokens ? u"   tokens: "_s + QString::number(*session.totalTokens) : QString()));
        for (const QString& warning : session.warnings) {
            m_o.err << "warning: " << warning.toStdString() << '\n';
        }
        for (const Message& m : session.messages) {
            QString header = u"── "_s + roleName(m.role);
            if (m.timestamp.isValid()) {
                header += u" · "_s + shortTime(m.timestamp);
            }
            if (!m.model.isEmpty()) {
                header += u" · "_s + m.model;
            }
            if (!m.status.isEmpty() && m.status != u"complete"_s) {
                header += u" · "_s + m.status;
            }
            m_o.line();
            m_o.line(header + u' ' + QString(std::max<qsizetype>(3, 60 - header.size()), QChar(0x2500)));
            if (!m.content.isEmpty()) {
                m_o.line(m.content);
            }
            for (const ToolCall& call : m.toolCalls) {
                m_o.line(u"  [tool] %1 (%2)"_s.arg(call.name, call.status));
                if (!call.input.isEmpty()) {
                    m_o.line(u"    input:  "_s + clipped(call.input));
                }
                if (!call.output.isEmpty()) {
                    m_o.line(u"    output: "_s + clipped(call.output));
                }
            }
            if (!m.error.isEmpty()) {
                m_o.line(u"  [error] "_s + m.error);
            }
        }
    }

    void showWorkspace(const std::string& nameOrHash) const
    {
        const Workspace w = take(SessionCatalog::resolveWorkspace(workspaces({}), q(nameOrHash)));
        const QList<SessionRef> list = sessions({}, {w});
        if (m_o.json) {
            boost::json::object o = shapes::workspace(w);
            o["sessions"] = jsonArray(list, shapes::sessionSummary);
            m_o.print(o);
            return;
        }
        m_o.line(w.displayName());
        m_o.line(u"id:            "_s + w.id);
        m_o.line(u"kind:          "_s + w.kindName());
        m_o.line(u"project:       "_s + (w.projectPath.isEmpty() ? u"-"_s : w.projectPath));
        if (w.kind == Workspace::Kind::MultiRoot) {
            m_o.line(u"folders:       "_s + w.folders.join(u", "_s));
        }
        m_o.line(u"uri:           "_s + (w.uri.isEmpty() ? u"-"_s : w.uri));
        m_o.line(u"storage:       "_s + w.storagePath);
        m_o.line(u"sessions:      "_s + QString::number(w.sessionCount));
        m_o.line(u"last modified: "_s + shortTime(w.lastModified));
        if (!w.error.isEmpty()) {
            m_o.line(u"problem:       "_s + w.error);
        }
        m_o.line();
        printSessionTable(m_o, list, true);
    }

    void showIndex(const std::string& path, bool all) const
    {
        const QList<WorkspaceIndex> indexes = inspectIndexes(indexScope(path, all));
        if (m_o.json) {
            m_o.print(jsonArray(indexes, [](const WorkspaceIndex& index) {
                boost::json::object o;
                o["workspace"] = shapes::workspace(index.workspace);
                o["database"] = json::fromQString(index.workspace.stateDatabasePath);
                o["error"] = index.error.isEmpty() ? boost::json::value(nullptr)
                                                   : boost::json::value(json::fromQString(index.error));
                o["entries"] = jsonArray(index.entries, shapes::indexEntry);
                return o;
            }));
            return;
        }
        if (indexes.isEmpty()) {
            m_o.line(
                all ? u"No editor workspaces found."_s
                    : u"No editor workspace is known for %1 (use --all for every workspace)."_s.arg(pathOrCwd(path)));
            return;
        }
        for (const WorkspaceIndex& index : indexes) {
            m_o.line(u"%1  %2"_s.arg(index.workspace.id, index.workspace.projectPath.isEmpty()
                                                             ? index.workspace.displayName()
                                                             : index.workspace.projectPath));
            if (!index.error.isEmpty()) {
                m_o.line(u"  index unreadable: "_s + index.error);
            }
            TextTable table({u"SESSION"_s, u"INDEXED"_s, u"EMPTY"_s, u"STATE"_s, u"LOCATION"_s, u"CREATED"_s,
                             u"LAST MESSAGE"_s, u"TITLE"_s, u"PROBLEMS"_s});
            table.setMaxWidth(7, 40);
            for (const IndexEntry& e : index.entries) {
                QStringList codes;
                for (const IndexProblem& p : e.problems) {
                    codes << p.code;
                }
                table.addRow({
                    e.sessionId.left(8),
                    e.inIndex ? u"yes"_s : u"no"_s,
                    e.isEmpty ? (*e.isEmpty ? u"true"_s : u"false"_s) : u"-"_s,
                    e.lastResponseState ? IndexEntry::responseStateName(*e.lastResponseState) : u"-"_s,
                    e.initialLocation.isEmpty() ? u"-"_s : e.initialLocation,
                    shortTime(e.created),
                    shortTime(e.lastMessageDate),
                    e.title,
                    codes.isEmpty() ? u"ok"_s : codes.join(u','),
                });
            }
            if (table.isEmpty()) {
                m_o.line(u"  (the index is empty and there are no session files)"_s);
            } else {
                table.print(m_o.out);
            }
            for (const IndexEntry& e : index.entries) {
                for (const IndexProblem& p : e.problems) {
                    m_o.line(u"  %1: %2"_s.arg(e.sessionId.left(8), p.message));
                }
            }
            m_o.line();
        }
    }

    void showPath(const std::string& path) const
    {
        const QString project = pathOrCwd(path);
        const QList<Workspace> matches = workspacesForPath(workspaces({}), project);
        QList<SessionRef> list = sessions({}, matches);
        std::stable_sort(list.begin(), list.end(),
                         [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
        if (m_o.json) {
            boost::json::object o;
            o["path"] = json::fromQString(project);
            o["workspaces"] = jsonArray(matches, shapes::workspace);
            o["sessions"] = jsonArray(list, shapes::sessionSummary);
            m_o.print(o);
            return;
        }
        if (matches.isEmpty()) {
            m_o.line(u"No editor workspace is known for %1."_s.arg(project));
            return;
        }
        m_o.line(u"Chat history of %1: %2 session(s) in %3 workspace(s)"_s.arg(project, QString::number(list.size()),
                                                                               QString::number(matches.size())));
        TextTable table({u"FROM"_s, u"TO"_s, u"MSGS"_s, u"WORKSPACE"_s, u"ID"_s, u"TITLE"_s});
        table.setRightAligned(2);
        table.setMaxWidth(5, 50);
        const QHash<QString, QString> ids = shortIds(list);
        for (const SessionRef& s : list) {
            table.addRow({shortTime(s.createdAt), shortTime(s.updatedAt), QString::number(s.messageCount),
                          s.workspaceId.left(s.workspaceId.indexOf(u':') + 9), ids.value(s.id), s.title});
        }
        table.print(m_o.out);
    }

    // A project's sessions over time, every tool together, with the gaps (in calendar days, UTC) between them: where
    // history may be missing (a purge, a folder move, another machine).
    void showTimeline(const std::string& path, int gapDays) const
    {
        const QString project = pathOrCwd(path);
        QList<SessionRef> list = sessions({}, workspacesForPath(workspaces({}, project), project));
        // A session that cannot be read has no dates of its own (its file's time is no clue).
        const qsizetype unreadable = list.removeIf([](const SessionRef& s) { return !s.error.isEmpty(); });
        list.removeIf([](const SessionRef& s) { return !s.createdAt.isValid(); });
        std::stable_sort(list.begin(), list.end(),
                         [](const SessionRef& a, const SessionRef& b) { return a.createdAt < b.createdAt; });
        struct Gap
        {
            QDateTime from;
            QDateTime to;
            qint64 days;
        };
        QList<Gap> gaps;
        QDateTime reached;
        for (const SessionRef& s : std::as_const(list)) {
            if (reached.isValid() && reached.toUTC().daysTo(s.createdAt.toUTC()) >= gapDays) {
                gaps.append({reached, s.createdAt, reached.toUTC().daysTo(s.createdAt.toUTC())});
            }
            const QDateTime end = s.updatedAt.isValid() ? s.updatedAt : s.createdAt;
            reached = reached.isValid() ? std::max(reached, end) : end;
        }
        if (m_o.json) {
            boost::json::array gapArray;
            for (const Gap& gap : std::as_const(gaps)) {
                gapArray.push_back({{"from", json::fromQString(gap.from.toUTC().toString(Qt::ISODate))},
                                    {"to", json::fromQString(gap.to.toUTC().toString(Qt::ISODate))},
                                    {"days", gap.days}});
            }
            m_o.print(boost::json::object{{"path", json::fromQString(project)},
                                          {"sessions", jsonArray(list, shapes::sessionSummary)},
                                          {"gaps", std::move(gapArray)},
                                          {"unreadable", unreadable}});
            return;
        }
        if (list.isEmpty()) {
            m_o.line(u"No chat history is known for %1."_s.arg(project));
            return;
        }
        m_o.line(u"Chat history of %1, oldest first: %2 session(s), %3 gap(s) of %4 days or more"_s.arg(project)
                     .arg(list.size())
                     .arg(gaps.size())
                     .arg(gapDays));
        qsizetype nextGap = 0;
        for (const SessionRef& s : std::as_const(list)) {
            if (nextGap < gaps.size() && gaps.at(nextGap).to == s.createdAt) {
                const qint64 days = gaps.at(nextGap).days;
                m_o.line(u"  ---- %1 without a session ----"_s.arg(days == 1 ? u"1 day"_s : u"%1 days"_s.arg(days)));
                ++nextGap;
            }
            m_o.line(u"  %1  %2  %3  (%4 messages)"_s
                         .arg(shortTime(s.createdAt), s.provider.leftJustified(12), clipped(s.title))
                         .arg(s.messageCount));
        }
        if (unreadable > 0) {
            m_o.line(u"(%1 session(s) that cannot be read are left out: chasm recover scan)"_s.arg(unreadable));
        }
    }

    // --- find ---

    void findWorkspace(const std::string& pattern) const
    {
        const QString needle = pattern.empty() ? QFileInfo(pathOrCwd({})).fileName() : q(pattern);
        QList<Workspace> all = workspaces({});
        all.removeIf([&needle](const Workspace& w) {
            return !(w.projectPath.contains(needle, Qt::CaseInsensitive) ||
                     w.uri.contains(needle, Qt::CaseInsensitive) || w.hash.startsWith(needle, Qt::CaseInsensitive) ||
                     w.displayName().contains(needle, Qt::CaseInsensitive));
        });
        if (m_o.json) {
            m_o.print(jsonArray(all, shapes::workspace));
            return;
        }
        printWorkspaceTable(m_o, all);
    }

    struct SessionFilter
    {
        std::string pattern;
        std::string workspace;
        std::string provider;
        std::string after;
        std::string before;
        bool titleOnly = false;
        bool content = false;
        int limit = 50;
    };

    void findSession(const SessionFilter& f) const
    {
        const QString needle = q(f.pattern);
        const QDateTime after = f.after.empty() ? QDateTime() : parseDate(f.after, "--after", false);
        const QDateTime before = f.before.empty() ? QDateTime() : parseDate(f.before, "--before", true);
        QList<Workspace> scope = workspaces(f.provider);
        if (!f.workspace.empty()) {
            const QString w = q(f.workspace);
            scope.removeIf([&w](const Workspace& ws) {
                return !(ws.projectPath.contains(w, Qt::CaseInsensitive) || ws.hash.startsWith(w) ||
                         ws.displayName().contains(w, Qt::CaseInsensitive));
            });
        }
        // Content is searched in the harvest index for the sessions it holds as they are now, and in
        // the files for the rest (new or changed since the last harvest).
        std::unique_ptr<Database> db;
        std::unique_ptr<HarvestStore> store;
        QSet<QString> indexed;
        if (f.content && !f.titleOnly && !needle.isEmpty() && QFileInfo::exists(databasePath({}))) {
            db = openDatabase({});
            store = std::make_unique<HarvestStore>(*db);
            indexed = take(store->sessionsContaining(needle));
        }
        // As the index matches: every word of the pattern at the start of a word of one message.
        QList<QRegularExpression> wordStarts;
        static const QRegularExpression separators(u"[^\\p{L}\\p{N}]+"_s);
        for (const QString& word : needle.split(separators, Qt::SkipEmptyParts)) {
            wordStarts.append(QRegularExpression(u"\\b"_s + QRegularExpression::escape(word),
                                                 QRegularExpression::CaseInsensitiveOption));
        }
        QList<SessionRef> found;
        for (const SessionRef& s : sessions(f.provider, scope)) {
            if (int(found.size()) >= f.limit) {
                break;
            }
            if ((after.isValid() && s.updatedAt < after) || (before.isValid() && s.updatedAt > before)) {
                continue;
            }
            bool match = needle.isEmpty() || s.title.contains(needle, Qt::CaseInsensitive);
            if (!match && !f.titleOnly) {
                match = s.id.startsWith(needle) || s.nativeId.startsWith(needle);
            }
            if (!match && store && store->sourceState(s) == HarvestStore::SourceState::Unchanged) {
                match = indexed.contains(s.id);
            } else if (!match && f.content && !f.titleOnly && s.error.isEmpty()) {
                if (auto session = m_catalog.load(s)) {
                    match = std::any_of(session->messages.cbegin(), session->messages.cend(),
                                        [&wordStarts](const Message& m) {
                                            return std::all_of(wordStarts.cbegin(), wordStarts.cend(),
                                                               [&m](const QRegularExpression& word) {
                                                                   return m.content.contains(word);
                                                               });
                                        });
                }
            }
            if (match) {
                found.append(s);
            }
        }
        printSessions(found, false);
    }

    // --- providers and agents ---

    void printProviderTable(const QList<ProviderStatus>& statuses, bool withLocations) const
    {
        TextTable table({u"PROVIDER"_s, u"NAME"_s, u"DATA"_s, u"WORKSPACES"_s, u"SESSIONS"_s, u"PROGRAM"_s});
        table.setRightAligned(3);
        table.setRightAligned(4);
        for (const ProviderStatus& p : statuses) {
            QStringList programs;
            for (const ProviderStatus::Command& command : p.commands) {
                programs << (command.path.isEmpty() ? command.name + u" (not installed)"_s : command.path);
            }
            table.addRow({p.id, p.name, p.hasData() ? u"found"_s : u"-"_s, QString::number(p.workspaceCount),
                          QString::number(p.sessionCount), programs.join(u", "_s)});
        }
        table.print(m_o.out);
        if (withLocations) {
            for (const ProviderStatus& p : statuses) {
                for (const ProviderStatus::Location& location : p.locations) {
                    m_o.line(u"  %1  %2 %3"_s.arg(p.id.leftJustified(12), location.exists ? u"found  "_s : u"missing"_s,
                                                  location.path));
                }
            }
        }
    }

    // `provider list`, `detect providers`, `list agents`: the same facts, filtered.
    void listProviders(bool withSessions, bool agentsOnly) const
    {
        const QList<const Provider*> all = providers({});
        const QList<Workspace> everything = m_catalog.workspaces(all);
        QList<ProviderStatus> statuses = m_catalog.status(all, everything);
        if (agentsOnly) {
            // Agents are command-line tools; editors' launchers ("code", "cursor") do not make one.
            QStringList launchers;
            for (const EditorInfo& editor : allEditors()) {
                launchers << editor.command;
            }
            statuses.removeIf([&launchers](const ProviderStatus& p) {
                return std::all_of(
                    p.commands.cbegin(), p.commands.cend(),
                    [&launchers](const ProviderStatus::Command& c) { return launchers.contains(c.name); });
            });
        }
        const QList<SessionRef> list = withSessions ? sessions({}, everything) : QList<SessionRef>();
        if (m_o.json) {
            boost::json::array array;
            for (const ProviderStatus& status : statuses) {
                boost::json::object o = shapes::providerStatus(status);
                if (withSessions) {
                    boost::json::array own;
                    for (const SessionRef& s : list) {
                        if (s.provider == status.id) {
                            own.emplace_back(shapes::sessionSummary(s));
                        }
                    }
                    o["sessions"] = std::move(own);
                }
                array.emplace_back(std::move(o));
            }
            m_o.print(array);
            return;
        }
        printProviderTable(statuses, !agentsOnly);
        if (withSessions) {
            m_o.line();
            printSessionTable(m_o, list, false);
        }
    }

    // --- harvest ---

    QString databasePath(const std::string& path) const
    {
        return path.empty() ? Database::defaultPath(m_catalog.environment())
                            : m_catalog.environment().absolutePath(q(path));
    }

    // The harvest database, migrated if need be (saying so on stderr when that takes a while).
    std::unique_ptr<Database> openDatabase(const std::string& path) const
    {
        return take(Database::open(databasePath(path),
                                   [this](const QString& notice) { m_o.err << notice.toStdString() << std::endl; }));
    }

    void harvestInit(const std::string& path) const
    {
        const auto db = openDatabase(path);
        if (m_o.json) {
            m_o.print(boost::json::object{{"database", json::fromQString(db->path())},
                                          {"schema_version", Database::schemaVersion}});
            return;
        }
        m_o.line(u"Harvest database ready: "_s + db->path());
    }

    void harvestRun(const std::string& path, const std::string& only, const std::string& exclude) const
    {
        const QList<const Provider*> chosen = chosenProviders(only, exclude);
        const auto db = openDatabase(path);
        Harvester::Options options;
        ProgressBar bar(m_o.err);
        if (m_o.progress) {
            options.progress = [&bar](const Harvester::Progress& p) { bar.show(p); };
        }
        const Harvester::Summary s = take(Harvester::run(m_catalog, chosen, *db, options));
        bar.clear();
        if (m_o.json) {
            boost::json::array errors;
            for (const Harvester::Failure& f : s.errors) {
                errors.emplace_back(
                    boost::json::object{{"path", json::fromQString(f.path)}, {"error", json::fromQString(f.error)}});
            }
            m_o.print(boost::json::object{{"new", s.created},
                                          {"updated", s.updated},
                                          {"unchanged", s.unchanged},
                                          {"failed", s.failed},
                                          {"sessions_total", s.sessionsTotal},
                                          {"seconds", s.seconds},
                                          {"bytes_read", s.bytesRead},
                                          {"errors", std::move(errors)}});
            return;
        }
        for (const Harvester::Failure& f : s.errors) {
            m_o.err << "failed: " << f.error.toStdString() << '\n';
        }
        m_o.line(u"%1 new, %2 updated, %3 unchanged, %4 failed in %5 s; %6 sessions in %7"_s.arg(
            QString::number(s.created), QString::number(s.updated), QString::number(s.unchanged),
            QString::number(s.failed), QString::number(s.seconds, 'f', 2), QString::number(s.sessionsTotal),
            db->path()));
    }

    void harvestStatus(const std::string& path) const
    {
        const auto db = openDatabase(path);
        const HarvestStore::Totals t = take(HarvestStore(*db).totals());
        const qint64 size = QFileInfo(db->path()).size() + QFileInfo(db->path() + u"-wal"_s).size();
        if (m_o.json) {
            boost::json::object byProvider;
            for (const auto& [provider, count] : t.byProvider) {
                byProvider[json::fromQString(provider)] = count;
            }
            m_o.print(boost::json::object{{"database", json::fromQString(db->path())},
                                          {"size_bytes", size},
                                          {"sessions", t.sessions},
                                          {"messages", t.messages},
                                          {"by_provider", std::move(byProvider)},
                                          {"last_run", t.lastRun.isEmpty()
                                                           ? boost::json::value(nullptr)
                                                           : boost::json::value(json::fromQString(t.lastRun))},
                                          {"failures", t.failures}});
            return;
        }
        m_o.line(u"database:  "_s + db->path() + u" ("_s + humanSize(size) + u')');
        m_o.line(u"sessions:  %1 (%2 messages)"_s.arg(QString::number(t.sessions), QString::number(t.messages)));
        for (const auto& [provider, count] : t.byProvider) {
            m_o.line(u"  %1 %2"_s.arg(provider.leftJustified(12), QString::number(count)));
        }
        m_o.line(u"last run:  "_s + (t.lastRun.isEmpty() ? u"never"_s : t.lastRun));
        m_o.line(u"failures:  "_s + QString::number(t.failures));
    }

    void harvestSearch(const std::string& path, const std::string& query, const std::string& provider,
                       const std::string& workspace, const std::string& role, const std::string& after,
                       const std::string& before, int limit, bool exhaustive) const
    {
        const auto db = openDatabase(path);
        HarvestStore::SearchFilter filter;
        if (!provider.empty()) {
            filter.provider = providers(provider).constFirst()->id();
        }
        filter.workspace = q(workspace);
        filter.role = q(role);
        filter.after = after.empty() ? QDateTime() : parseDate(after, "--after", false);
        filter.before = before.empty() ? QDateTime() : parseDate(before, "--before", true);
        filter.limit = limit;
        filter.exhaustive = exhaustive;
        const HarvestStore::SearchResults results = take(HarvestStore(*db).search(q(query), filter));
        const QList<HarvestStore::SearchHit>& hits = results.hits;
        if (m_o.json) {
            m_o.print(jsonArray(hits, [](const HarvestStore::SearchHit& h) {
                return boost::json::object{
                    {"session_id", json::fromQString(h.sessionId)},
                    {"provider", json::fromQString(h.provider)},
                    {"title", json::fromQString(h.title)},
                    {"project_path", h.projectPath.isEmpty() ? boost::json::value(nullptr)
                                                             : boost::json::value(json::fromQString(h.projectPath))},
                    {"message_index", h.messageIndex},
                    {"role", json::fromQString(h.role)},
                    {"timestamp", h.timestamp.isEmpty() ? boost::json::value(nullptr)
                                                        : boost::json::value(json::fromQString(h.timestamp))},
                    {"snippet", json::fromQString(HarvestStore::bracketed(h.snippet))},
                    {"score", h.score}};
            }));
            return;
        }
        if (hits.isEmpty()) {
            m_o.line(u"No matches."_s);
            return;
        }
        const auto styled = [this](const QString& text, const char* style) {
            return m_o.colour ? u"\x1b[%1m"_s.arg(QLatin1StringView(style)) + text + u"\x1b[0m"_s : text;
        };
        QString session;
        for (const HarvestStore::SearchHit& h : hits) {
            if (h.sessionId != session) {
                session = h.sessionId;
                const QString where = h.projectPath.isEmpty() ? QString() : u" · "_s + h.projectPath;
                m_o.line(styled(h.title, "1") + u"  "_s + styled(h.provider + where + u" · "_s + h.sessionId, "2"));
            }
            QString snippet = h.snippet.simplified();
            snippet = m_o.colour ? snippet.replace(HarvestStore::matchStart, u"\x1b[1;33m"_s)
                                       .replace(HarvestStore::matchEnd, u"\x1b[0m"_s)
                                 : HarvestStore::bracketed(snippet);
            const QDateTime time = QDateTime::fromString(h.timestamp, Qt::ISODateWithMs);
            m_o.line(u"  #%1 %2 %3  %4"_s.arg(QString::number(h.messageIndex), h.role.leftJustified(9), shortTime(time),
                                              snippet));
        }
        if (results.windowed()) {
            using Unranked = HarvestStore::Unranked;
            const QString why =
                results.unranked == Unranked::CommonWords
                    ? u"Every word of this query is in at least one message in ten: these are the newest matches. "
                      "Add a rarer word"_s
                : results.unranked == Unranked::ManyPrefixMatches
                    ? u"Many words begin with this prefix: these are the newest matches. Make the prefix longer"_s
                    : u"More than %1 messages match: these are the newest. Add words to narrow the search"_s.arg(
                          HarvestStore::rankWindow);
            m_o.line(styled(why + u", or use --exhaustive to rank every match by relevance (slower)."_s, "2"));
        }
    }

    void harvestList(const std::string& path, const std::string& provider, const std::string& search, int limit) const
    {
        const auto db = openDatabase(path);
        const QString id = provider.empty() ? QString() : providers(provider).constFirst()->id();
        printSessions(take(HarvestStore(*db).list(id, q(search), limit)), false);
    }

    QList<const Provider*> chosenProviders(const std::string& only, const std::string& exclude) const
    {
        QList<const Provider*> chosen;
        if (only.empty()) {
            chosen = providers({});
        } else {
            for (const QString& name : q(only).split(u',', Qt::SkipEmptyParts)) {
                chosen.append(providers(name.trimmed().toStdString()));
            }
        }
        for (const QString& name : q(exclude).split(u',', Qt::SkipEmptyParts)) {
            const QList<const Provider*> excluded = providers(name.trimmed().toStdString());
            chosen.removeIf([&excluded](const Provider* p) { return excluded.contains(p); });
        }
        return chosen;
    }

    void harvestScan(const std::string& path, bool withSessions) const
    {
        const auto db = openDatabase(path);
        HarvestStore store(*db);
        const QList<const Provider*> all = providers({});
        const QList<Harvester::Planned> planned = Harvester::plan(m_catalog, all, store, Listing::Described);
        const auto stateName = [](const Harvester::Planned& p) {
            if (p.state == HarvestStore::SourceState::Unchanged) {
                return p.ref.error.isEmpty() ? u"unchanged"_s : u"failed"_s;
            }
            if (!p.ref.error.isEmpty()) {
                return u"unreadable"_s;
            }
            return p.state == HarvestStore::SourceState::New ? u"new"_s : u"changed"_s;
        };
        const QStringList states{u"new"_s, u"changed"_s, u"unchanged"_s, u"unreadable"_s, u"failed"_s};
        QList<std::pair<QString, QHash<QString, int>>> counts;
        for (const Provider* provider : all) {
            QHash<QString, int> byState;
            for (const Harvester::Planned& p : planned) {
                if (p.ref.provider == provider->id()) {
                    ++byState[stateName(p)];
                }
            }
            counts.append({provider->id(), byState});
        }
        if (m_o.json) {
            boost::json::array list;
            for (const auto& [provider, byState] : counts) {
                boost::json::object o{{"provider", json::fromQString(provider)}};
                int total = 0;
                for (const QString& state : states) {
                    o[state.toStdString()] = byState.value(state);
                    total += byState.value(state);
                }
                o["sessions"] = total;
                list.emplace_back(std::move(o));
            }
            boost::json::object result{{"database", json::fromQString(db->path())}, {"providers", std::move(list)}};
            if (withSessions) {
                result["sessions"] = jsonArray(planned, [&stateName](const Harvester::Planned& p) {
                    boost::json::object o = shapes::sessionSummary(p.ref);
                    o["state"] = json::fromQString(stateName(p));
                    return o;
                });
            }
            m_o.print(result);
            return;
        }
        TextTable table(
            {u"PROVIDER"_s, u"SESSIONS"_s, u"NEW"_s, u"CHANGED"_s, u"UNCHANGED"_s, u"UNREADABLE"_s, u"FAILED"_s});
        for (int column = 1; column <= 6; ++column) {
            table.setRightAligned(column);
        }
        for (const auto& [provider, byState] : counts) {
            QStringList row{provider};
            int total = 0;
            for (const QString& state : states) {
                total += byState.value(state);
            }
            row << QString::number(total);
            for (const QString& state : states) {
                row << QString::number(byState.value(state));
            }
            table.addRow(row);
        }
        table.print(m_o.out);
        if (withSessions) {
            m_o.line();
            TextTable sessions({u"STATE"_s, u"ID"_s, u"TITLE"_s});
            for (const Harvester::Planned& p : planned) {
                sessions.addRow({stateName(p), p.ref.id, p.ref.title});
            }
            sessions.print(m_o.out);
        }
        m_o.line(u"`chasm harvest run` reads the new and changed sessions into "_s + db->path());
    }

    void harvestExport(const std::string& path, const std::string& output, const std::string& format,
                       const std::string& provider, const std::vector<std::string>& ids) const
    {
        const auto db = openDatabase(path);
        const HarvestStore store(*db);
        const auto chosen = SessionExport::formatNamed(q(format));
        if (!chosen) {
            throw CLI::ValidationError("--format", "expects json, jsonl or md, got '" + format + "'");
        }
        QStringList wanted;
        for (const std::string& id : ids) {
            for (const QString& part : q(id).split(u',', Qt::SkipEmptyParts)) {
                wanted << take(store.session(part.trimmed())).id;
            }
        }
        const QString providerId = provider.empty() ? QString() : providers(provider).constFirst()->id();
        const auto out = take(SessionExport::open(m_catalog.environment().absolutePath(q(output)), *chosen));
        int count = 0;
        if (auto error = store.forEachSession(providerId, wanted, [&out, &count](const Session& session) {
                ++count;
                return out->add(session);
            })) {
            throw CommandError{error->message};
        }
        const QStringList files = take(out->finish());
        if (m_o.json) {
            boost::json::array written;
            for (const QString& file : files) {
                written.emplace_back(json::fromQString(file));
            }
            m_o.print(boost::json::object{{"sessions", count}, {"files", std::move(written)}});
            return;
        }
        m_o.line(u"Exported %1 session(s) into %2 file(s)%3"_s.arg(
            QString::number(count), QString::number(files.size()),
            files.size() == 1 ? u": "_s + files.constFirst() : u" in "_s + q(output)));
    }

    static boost::json::object checkpointJson(const HarvestStore::Checkpoint& c)
    {
        return {{"number", c.number},
                {"message", c.message.isEmpty() ? boost::json::value(nullptr) : json::fromQString(c.message)},
                {"created_at", shapes::isoTime(c.createdAt)},
                {"message_count", c.messageCount}};
    }

    void harvestCheckpoint(const std::string& path, const std::string& id, const std::string& message) const
    {
        const auto db = openDatabase(path);
        HarvestStore store(*db);
        const HarvestStore::Checkpoint c = take(store.checkpoint(q(id), q(message)));
        if (m_o.json) {
            m_o.print(checkpointJson(c));
            return;
        }
        m_o.line(u"Checkpoint %1 of %2 saved (%3 messages)."_s.arg(QString::number(c.number), q(id),
                                                                   QString::number(c.messageCount)));
    }

    void harvestCheckpoints(const std::string& path, const std::string& id) const
    {
        const auto db = openDatabase(path);
        const QList<HarvestStore::Checkpoint> list = take(HarvestStore(*db).checkpoints(q(id)));
        if (m_o.json) {
            m_o.print(jsonArray(list, checkpointJson));
            return;
        }
        if (list.isEmpty()) {
            m_o.line(u"No checkpoints yet (chasm harvest checkpoint %1 -m MESSAGE makes one)."_s.arg(q(id)));
            return;
        }
        TextTable table({u"N"_s, u"CREATED"_s, u"MESSAGES"_s, u"MESSAGE"_s});
        table.setRightAligned(0);
        table.setRightAligned(2);
        for (const HarvestStore::Checkpoint& c : list) {
            table.addRow(
                {QString::number(c.number), shortTime(c.createdAt), QString::number(c.messageCount), c.message});
        }
        table.print(m_o.out);
    }

    void harvestRevert(const std::string& path, const std::string& id, int number) const
    {
        const auto db = openDatabase(path);
        HarvestStore store(*db);
        const HarvestStore::Checkpoint saved = take(store.revert(q(id), number));
        if (m_o.json) {
            m_o.print(boost::json::object{{"reverted_to", number}, {"saved_as", checkpointJson(saved)}});
            return;
        }
        m_o.line(u"Reverted %1 to checkpoint %2. The content it replaced is checkpoint %3 "
                 "(chasm harvest revert %1 %3 undoes this)."_s.arg(q(id), QString::number(number),
                                                                   QString::number(saved.number)));
    }

    void harvestRebuild(const std::string& path) const
    {
        const auto db = openDatabase(path);
        HarvestStore store(*db);
        if (auto error = store.rebuildIndex()) {
            throw CommandError{error->message};
        }
        const qint64 messages = take(store.totals()).messages;
        if (m_o.json) {
            m_o.print(boost::json::object{{"database", json::fromQString(db->path())}, {"messages_indexed", messages}});
            return;
        }
        m_o.line(u"Full-text index rebuilt: %1 messages in %2"_s.arg(QString::number(messages), db->path()));
    }

    // --- detect ---

    QString activeWorkspace(const QList<Workspace>& matches) const
    {
        const auto newest =
            std::max_element(matches.cbegin(), matches.cend(), [](const Workspace& a, const Workspace& b) {
                return QFileInfo(a.stateDatabasePath).lastModified() < QFileInfo(b.stateDatabasePath).lastModified();
            });
        return newest == matches.cend() ? QString() : newest->id;
    }

    void detectWorkspace(const std::string& path) const
    {
        const QString project = pathOrCwd(path);
        const QList<Workspace> matches = workspacesForPath(workspaces({}), project);
        const QString active = activeWorkspace(matches);
        if (m_o.json) {
            boost::json::object o;
            o["path"] = json::fromQString(project);
            o["found"] = !matches.isEmpty();
            o["active_workspace"] = active.isEmpty() ? boost::json::value(nullptr) : json::fromQString(active);
            o["workspaces"] = jsonArray(matches, shapes::workspace);
            m_o.print(o);
            return;
        }
        if (matches.isEmpty()) {
            m_o.line(u"No editor workspace is known for %1."_s.arg(project));
            return;
        }
        m_o.line(u"%1 has %2 workspace(s); the editor's current one is %3"_s.arg(
            project, QString::number(matches.size()), active));
        printWorkspaceTable(m_o, matches);
    }

    void detectAll(const std::string& path, bool verbose) const
    {
        const QString project = pathOrCwd(path);
        const QList<const Provider*> all = providers({});
        const QList<Workspace> everything = m_catalog.workspaces(all);
        const QList<Workspace> matches = workspacesForPath(everything, project);
        const QList<SessionRef> list = sessions({}, matches);
        const QString active = activeWorkspace(matches);

        const QList<ProviderStatus> statuses = m_catalog.status(all, everything);
        if (m_o.json) {
            boost::json::object o;
            o["path"] = json::fromQString(project);
            o["active_workspace"] = active.isEmpty() ? boost::json::value(nullptr) : json::fromQString(active);
            o["workspaces"] = jsonArray(matches, shapes::workspace);
            o["providers"] = jsonArray(statuses, shapes::providerStatus);
            o["sessions"] = jsonArray(list, shapes::sessionSummary);
            m_o.print(o);
            return;
        }
        m_o.line(u"Path: "_s + project);
        m_o.line();
        m_o.line(u"Providers:"_s);
        printProviderTable(statuses, verbose);
        m_o.line();
        if (matches.isEmpty()) {
            m_o.line(u"No editor workspace is known for this path."_s);
            return;
        }
        m_o.line(u"Workspaces (current: %1):"_s.arg(active));
        printWorkspaceTable(m_o, matches);
        m_o.line();
        printSessionTable(m_o, list, verbose);
    }

private:
    SessionCatalog m_catalog;
    Output& m_o;
};

} // namespace

int run(int argc, const char* const* argv, const Environment& environment, std::ostream& out, std::ostream& err,
        Terminal terminal)
{
    CLI::App app{"Chasm: find, recover, repair, merge, search and export the chat histories of AI coding "
                 "assistants.",
                 "chasm"};
    app.set_version_flag("-V,--version", std::string("chasm ") + CHASM_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    Output output{out, err};
    output.progress = terminal.err;
    app.add_flag("--json", output.json, "Print the result as JSON (stable keys)");

    std::function<void(Commands&)> action;
    const auto on = [&action](CLI::App* command, std::function<void(Commands&)> run) {
        command->callback([&action, run = std::move(run)] { action = run; });
    };

    // Options are shared by several commands; CLI11 binds each to a variable.
    std::string projectPath, provider, path, id, pattern;
    bool allProviders = false, withSize = false, all = false, verbose = false, withSessions = false;
    int gapDays = 7;

    CLI::App* list = app.add_subcommand("list", "List workspaces, sessions, or paths")->require_subcommand(1);
    list->alias("ls");
    {
        CLI::App* ws = list->add_subcommand("workspaces", "List all editor workspaces that have chat sessions");
        ws->alias("ws");
        on(ws, [&](Commands& c) { c.listWorkspaces({}); });

        CLI::App* s = list->add_subcommand("sessions", "List chat sessions across workspaces");
        s->alias("s");
        s->add_option("--project-path", projectPath, "Only sessions of this project folder");
        s->add_option("-p,--provider", provider, "Only this provider (copilot, cursor, windsurf)");
        s->add_flag("--all-providers", allProviders, "Include every provider (already the default)");
        s->add_flag("-s,--size", withSize, "Show file sizes and formats");
        on(s, [&](Commands& c) { c.listSessions(projectPath, provider, withSize); });

        CLI::App* p = list->add_subcommand("path", "List the sessions of a project path (default: current directory)");
        p->add_option("project_path", path, "Project folder");
        on(p, [&](Commands& c) { c.listPath(path); });

        CLI::App* o = list->add_subcommand("orphaned", "List sessions on disk that the editor's index does not show");
        o->add_option("--path", path, "Project folder (default: current directory)");
        o->add_flag("-a,--all", all, "Every workspace");
        on(o, [&](Commands& c) { c.listOrphaned(path, all); });
    }

    {
        CLI::App* agents =
            list->add_subcommand("agents", "List the AI coding agents: installed or not, and their stores");
        agents->alias("a");
        on(agents, [&](Commands& c) { c.listProviders(false, true); });
    }

    CLI::App* providerCommand = app.add_subcommand("provider", "The providers Chasm reads")->require_subcommand(1);
    {
        CLI::App* l =
            providerCommand->add_subcommand("list", "List every provider, where it keeps its data and what is there");
        on(l, [&](Commands& c) { c.listProviders(false, false); });
    }

    CLI::App* show =
        app.add_subcommand("show", "Show details of a session, workspace, index or path")->require_subcommand(1);
    show->alias("info");
    {
        CLI::App* s = show->add_subcommand("session", "Show a session's messages and metadata");
        s->alias("s");
        s->add_option("session_id", id, "Session id, or a unique prefix of it")->required();
        s->add_option("--project-path", projectPath, "Look only in this project's workspaces");
        on(s, [&](Commands& c) { c.showSession(id, projectPath); });

        CLI::App* w = show->add_subcommand("workspace", "Show a workspace's details and sessions");
        w->alias("ws");
        w->add_option("workspace", id, "Workspace name, hash or a unique hash prefix")->required();
        on(w, [&](Commands& c) { c.showWorkspace(id); });

        CLI::App* i = show->add_subcommand("index", "Show the editor's session index beside the files on disk");
        i->alias("idx");
        i->add_option("--path", path, "Project folder (default: current directory)");
        i->add_flag("-a,--all", all, "Every workspace");
        on(i, [&](Commands& c) { c.showIndex(path, all); });

        CLI::App* t =
            show->add_subcommand("timeline", "Show a project's sessions over time, every tool, with the gaps");
        t->add_option("path", path, "Project folder (default: current directory)");
        t->add_option("--gap-days", gapDays, "Call a pause of this many days a gap (default: 7)")
            ->check(CLI::PositiveNumber);
        on(t, [&](Commands& c) { c.showTimeline(path, gapDays); });

        CLI::App* p = show->add_subcommand("path", "Show the chat history timeline of a project path");
        p->add_option("project_path", path, "Project folder (default: current directory)");
        on(p, [&](Commands& c) { c.showPath(path); });
    }

    Commands::SessionFilter filter;
    CLI::App* find = app.add_subcommand("find", "Search workspaces or sessions by text pattern")->require_subcommand(1);
    {
        CLI::App* w = find->add_subcommand("workspace", "Search workspaces by name, path or hash");
        w->alias("ws");
        w->add_option("pattern", pattern, "Case-insensitive text (default: the current directory's name)");
        on(w, [&](Commands& c) { c.findWorkspace(pattern); });

        CLI::App* s = find->add_subcommand("session", "Search sessions by title, id or content");
        s->alias("s");
        s->add_option("pattern", filter.pattern, "Case-insensitive text");
        s->add_option("-w,--workspace", filter.workspace, "Only workspaces matching this");
        s->add_flag("-t,--title-only", filter.titleOnly, "Only search titles");
        s->add_flag("-c,--content", filter.content,
                    "Also search message content (through the harvest index for harvested sessions)");
        s->add_option("--after", filter.after, "Updated on or after YYYY-MM-DD");
        s->add_option("--before", filter.before, "Updated on or before YYYY-MM-DD");
        s->add_option("-p,--provider", filter.provider, "Only this provider");
        s->add_flag("--all-providers", allProviders, "Include every provider (already the default)");
        s->add_flag("-a,--all", all, "Search all workspaces (already the default)");
        s->add_option("-n,--limit", filter.limit, "At most this many results")->check(CLI::PositiveNumber);
        on(s, [&](Commands& c) { c.findSession(filter); });
    }

    Commands::WriteRequest write;
    std::vector<std::string> ids, titles;
    const auto writeOptions = [&write](CLI::App* command, bool withAll) {
        command->add_option("--path", write.path, "Project folder (default: current directory)");
        if (withAll) {
            command->add_flag("-a,--all", write.all, "Every workspace of every VS Code-family editor");
        }
        command->add_flag("-f,--force", write.options.force,
                          "Write the index although the editor runs (it overwrites the index when it quits)");
        command->add_flag("--close-vscode", write.closeEditor, "Ask the editor to quit first, and wait");
        command->add_flag("--reopen", write.reopen,
                          "Start the editor again on the project after (implies --close-vscode)");
        command->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
    };
    CLI::App* registerCommand =
        app.add_subcommand("register", "Add on-disk sessions to the editor's index, so its chat history shows them")
            ->require_subcommand(1);
    {
        CLI::App* a = registerCommand->add_subcommand("all", "Register every session file the index lacks");
        writeOptions(a, true);
        on(a, [&](Commands& c) { c.registerSessions(write, {}, {}); });

        CLI::App* s = registerCommand->add_subcommand("session", "Register sessions by id (or prefix) or title");
        s->alias("s");
        s->add_option("ids", ids, "Session ids or unique prefixes");
        s->add_option("-t,--title", titles, "Sessions whose title contains this (case-insensitive)");
        writeOptions(s, false);
        on(s, [&](Commands& c) {
            if (ids.empty() && titles.empty()) {
                throw CLI::ValidationError("register session", "name at least one session id or --title");
            }
            c.registerSessions(write, ids, titles);
        });

        CLI::App* rec = registerCommand->add_subcommand(
            "recursive", "Register the orphaned sessions of every project under a folder");
        rec->alias("r");
        rec->add_option("path", write.path, "The folder (default: current directory)");
        rec->add_option("-d,--depth", write.depth, "At most this many folders down (default: any)")
            ->check(CLI::NonNegativeNumber);
        rec->add_option("-x,--exclude", write.exclude, "Leave out projects whose path matches (wildcards: *, ?)");
        rec->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        rec->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(rec, [&](Commands& c) {
            write.recursive = true;
            c.registerSessions(write, {}, {});
        });

        CLI::App* r = registerCommand->add_subcommand(
            "repair", "Compact and fix session files, and rebuild their index entries (isEmpty, lastResponseState)");
        r->alias("fix");
        writeOptions(r, true);
        on(r, [&](Commands& c) { c.repair(write); });
    }

    std::string manifest;
    bool recoverOrphans = false, undoForce = false, aggressive = false;
    std::string recoverFile, recoverOutput, convertFormat, recoverProvider, recoverSession, recoverFormat = "json";
    CLI::App* recover = app.add_subcommand("recover", "Recover lost sessions, and list or undo what Chasm changed")
                            ->require_subcommand(1);
    recover->alias("restore");
    {
        CLI::App* sc = recover->add_subcommand("scan", "Find sessions the editors do not show, and damaged files");
        sc->add_option("--provider", recoverProvider, "vscode, cursor, windsurf or all")
            ->check(CLI::IsMember({"all", "vscode", "copilot", "cursor", "windsurf"}));
        on(sc, [&](Commands& c) { c.recoverScan(recoverProvider); });

        CLI::App* s = recover->add_subcommand("status", "List Chasm's recovery points and session backups");
        on(s, [&](Commands& c) { c.recoverStatus(); });

        CLI::App* d = recover->add_subcommand("detect", "Say what a session file is: format, version, damage");
        d->add_option("file", recoverFile, "A .json or .jsonl session file")->required();
        on(d, [&](Commands& c) { c.recoverDetect(recoverFile); });

        CLI::App* j = recover->add_subcommand("jsonl", "Salvage every complete record of a damaged .jsonl log");
        j->add_option("file", recoverFile, "The damaged log")->required();
        j->add_option("-o,--output", recoverOutput, "Write the session here (a new file) instead of over the log");
        j->add_flag("--aggressive", aggressive,
                    "Also skip entries that cannot apply, and look for records inside damaged lines");
        j->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(j, [&](Commands& c) {
            c.printFileReport(
                SessionFileRecovery::salvage(c.pathOrCwd(recoverFile),
                                             recoverOutput.empty() ? QString() : c.pathOrCwd(recoverOutput), aggressive,
                                             write.options),
                write.options.dryRun);
        });

        CLI::App* r = recover->add_subcommand("repair", "Repair one session file in place (no index is written)");
        r->add_option("path", recoverFile, "The session file")->required();
        r->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(r, [&](Commands& c) {
            c.printFileReport(Registrar::repairFile(c.pathOrCwd(recoverFile), write.options), write.options.dryRun);
        });

        CLI::App* v = recover->add_subcommand("convert", "Write a session file in the other format (json, jsonl)");
        v->add_option("input", recoverFile, "The session file")->required();
        v->add_option("-o,--output", recoverOutput, "The new file (default: beside the input, other extension)");
        v->add_option("--format", convertFormat, "json or jsonl (default: the other one)")
            ->check(CLI::IsMember({"json", "jsonl"}));
        v->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(v, [&](Commands& c) {
            const auto format = convertFormat.empty()      ? std::nullopt
                                : convertFormat == "jsonl" ? std::optional(ChatSessionFile::Format::Jsonl)
                                                           : std::optional(ChatSessionFile::Format::Json);
            c.printFileReport(
                SessionFileRecovery::convert(c.pathOrCwd(recoverFile),
                                             recoverOutput.empty() ? QString() : c.pathOrCwd(recoverOutput), format,
                                             write.options),
                write.options.dryRun);
        });

        CLI::App* db = recover->add_subcommand(
            "database", "Extract sessions from an old state.vscdb (interactive.sessions) or a harvest database");
        db->add_option("backup", recoverFile, "The database file")->required();
        db->add_option("--session", recoverSession, "Only this session (id or prefix)");
        db->add_option("-o,--output", recoverOutput, "The folder to write into (default: ./recovered-sessions)");
        db->add_option("--format", recoverFormat, "json, jsonl or md")->check(CLI::IsMember({"json", "jsonl", "md"}));
        on(db, [&](Commands& c) { c.recoverDatabase(recoverFile, recoverSession, recoverOutput, recoverFormat); });

        CLI::App* u = recover->add_subcommand("undo", "Put every file of a recovery point back as it was");
        u->add_option("manifest", manifest, "The recovery point (a .json file in a .chasm_recovery folder)")
            ->required();
        u->add_flag("-f,--force", undoForce,
                    "Undo although a file changed since (its current content is kept beside it)");
        on(u, [&](Commands& c) { c.recoverUndo(manifest, undoForce); });
    }

    std::string targetPath, targetEditor;
    std::vector<std::string> fetchIds;
    const auto targetOptions = [&](CLI::App* command) {
        command->add_option("--target-path", targetPath, "The project to bring them into (default: current directory)");
        command->add_option("--editor", targetEditor,
                            "code, code-insiders, vscodium, cursor or windsurf (default: "
                            "the first that keeps the project)");
        command->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        command->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
    };
    CLI::App* fetch = app.add_subcommand("fetch", "Bring sessions of other workspaces into a project's workspace")
                          ->require_subcommand(1);
    {
        CLI::App* s = fetch->add_subcommand("session", "Sessions by id (or unique prefix), from any workspace");
        s->alias("s");
        s->add_option("ids", fetchIds, "Session ids")->required();
        targetOptions(s);
        on(s, [&](Commands& c) { c.fetchSessions(fetchIds, targetPath, targetEditor, write.options); });

        CLI::App* w = fetch->add_subcommand("workspace", "Every session of the workspaces matching a pattern");
        w->alias("ws");
        w->add_option("pattern", pattern, "Workspace hash prefix, name or project path part")->required();
        targetOptions(w);
        on(w, [&](Commands& c) { c.fetchWorkspace(pattern, targetPath, targetEditor, write.options); });
    }
    CLI::App* import =
        app.add_subcommand("import", "Bring session files into a project's workspace")->require_subcommand(1);
    {
        CLI::App* s =
            import->add_subcommand("sessions", "Session files (.json, .jsonl) from anywhere: checked, copied, "
                                               "registered");
        s->add_option("files", fetchIds, "The files")->required();
        targetOptions(s);
        on(s, [&](Commands& c) { c.importSessions(fetchIds, targetPath, targetEditor, write.options); });
    }

    std::string moveFrom, moveTo;
    CLI::App* move =
        app.add_subcommand("move", "Bring history over after a project folder moved")->require_subcommand(1);
    {
        CLI::App* p = move->add_subcommand(
            "path",
            "Copy the chat history of OLD to NEW: VS Code-family workspaces (registered) and Claude Code projects");
        p->add_option("old", moveFrom, "Where the project was")->required();
        p->add_option("new", moveTo, "Where it is now")->required();
        p->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        p->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(p, [&](Commands& c) { c.movePath(moveFrom, moveTo, write.options); });
    }

    std::string dbPath, onlyProviders, excludeProviders;
    bool incremental = false;
    std::string searchQuery, searchRole, searchWorkspace, exportOutput, exportFormat = "json", checkpointMessage;
    std::vector<std::string> exportSessions;
    int checkpointNumber = 0;
    int searchLimit = 20;
    bool exhaustive = false;
    int listLimit = 20;
    app.add_option("--db", dbPath, "The harvest database (default: $CHASM_DB, else ~/.local/share/chasm/chasm.db)");
    CLI::App* harvest =
        app.add_subcommand("harvest", "Collect every session into one database, kept after the tools delete them")
            ->require_subcommand(1);
    {
        const auto pathOption = [&dbPath](CLI::App* command) {
            command->add_option("--path", dbPath, "The harvest database (same as --db)");
        };
        CLI::App* i = harvest->add_subcommand("init", "Create the harvest database");
        pathOption(i);
        on(i, [&](Commands& c) { c.harvestInit(dbPath); });

        CLI::App* r = harvest->add_subcommand("run", "Collect new and changed sessions from every provider");
        pathOption(r);
        r->add_option("--providers", onlyProviders, "Only these providers (comma-separated)");
        r->add_option("--exclude", excludeProviders, "Not these providers (comma-separated)");
        r->add_flag("--incremental", incremental, "Only new and changed sessions (always the case)");
        on(r, [&](Commands& c) { c.harvestRun(dbPath, onlyProviders, excludeProviders); });

        CLI::App* f = harvest->add_subcommand("search", "Full-text search over every harvested message");
        pathOption(f);
        f->add_option("query", searchQuery, "Words, \"a phrase\", prefix*, AND/OR/NOT")->required();
        f->add_option("--provider", provider, "Only this provider");
        f->add_option("--workspace,-w", searchWorkspace, "Only workspaces whose hash, name or project path matches");
        f->add_option("--role", searchRole, "Only user, assistant or system messages")
            ->check(CLI::IsMember({"user", "assistant", "system"}));
        f->add_option("--after", filter.after, "On or after YYYY-MM-DD");
        f->add_option("--before", filter.before, "On or before YYYY-MM-DD");
        f->add_option("--limit,-n", searchLimit, "At most this many hits")->check(CLI::PositiveNumber);
        f->add_flag("--exhaustive", exhaustive,
                    "Rank by relevance however many messages match (by default a query matching more than " +
                        std::to_string(HarvestStore::rankWindow) +
                        " messages, made only of words found in one message in ten, or with a prefix that many "
                        "messages match, shows the newest matches)");
        on(f, [&](Commands& c) {
            c.harvestSearch(dbPath, searchQuery, provider, searchWorkspace, searchRole, filter.after, filter.before,
                            searchLimit, exhaustive);
        });

        CLI::App* l = harvest->add_subcommand("list", "List harvested sessions, newest first");
        pathOption(l);
        l->add_option("--provider", provider, "Only this provider");
        l->add_option("--search", searchQuery, "Only sessions whose title or messages match");
        l->add_option("--limit,-n", listLimit, "At most this many sessions")->check(CLI::PositiveNumber);
        on(l, [&](Commands& c) { c.harvestList(dbPath, provider, searchQuery, listLimit); });

        CLI::App* sc = harvest->add_subcommand("scan", "Show what a run would collect, per provider");
        pathOption(sc);
        sc->add_flag("--sessions", withSessions, "Also list each session and what a run would do with it");
        on(sc, [&](Commands& c) { c.harvestScan(dbPath, withSessions); });

        CLI::App* e = harvest->add_subcommand("export", "Write harvested sessions out as files");
        pathOption(e);
        e->add_option("output", exportOutput,
                      "A folder (one file per session), or a file ending in .json, .jsonl or .md (all in one)")
            ->required();
        e->add_option("--format,-f", exportFormat, "json (the session format), jsonl (a message per line) or md")
            ->check(CLI::IsMember({"json", "jsonl", "md"}));
        e->add_option("--provider", provider, "Only this provider's sessions");
        e->add_option("--sessions", exportSessions, "Only these sessions (ids or unique prefixes, comma-separated)");
        on(e, [&](Commands& c) { c.harvestExport(dbPath, exportOutput, exportFormat, provider, exportSessions); });

        CLI::App* cp = harvest->add_subcommand("checkpoint", "Save a version of a session's content in the database");
        pathOption(cp);
        cp->add_option("session", id, "Session id, or a unique prefix of it")->required();
        cp->add_option("--message,-m", checkpointMessage, "What this version is");
        on(cp, [&](Commands& c) { c.harvestCheckpoint(dbPath, id, checkpointMessage); });

        CLI::App* cps = harvest->add_subcommand("checkpoints", "List the saved versions of a session");
        pathOption(cps);
        cps->add_option("session", id, "Session id, or a unique prefix of it")->required();
        on(cps, [&](Commands& c) { c.harvestCheckpoints(dbPath, id); });

        CLI::App* rv = harvest->add_subcommand(
            "revert", "Put a saved version of a session back (the current content is saved first)");
        pathOption(rv);
        rv->add_option("session", id, "Session id, or a unique prefix of it")->required();
        rv->add_option("checkpoint", checkpointNumber, "The checkpoint's number")
            ->required()
            ->check(CLI::PositiveNumber);
        on(rv, [&](Commands& c) { c.harvestRevert(dbPath, id, checkpointNumber); });

        CLI::App* b = harvest->add_subcommand("rebuild", "Re-create the full-text index");
        pathOption(b);
        on(b, [&](Commands& c) { c.harvestRebuild(dbPath); });

        CLI::App* s = harvest->add_subcommand("status", "Show what the harvest database holds");
        pathOption(s);
        on(s, [&](Commands& c) { c.harvestStatus(dbPath); });
    }

    CLI::App* detect =
        app.add_subcommand("detect", "Detect workspaces and providers for a path")->require_subcommand(1);
    {
        CLI::App* w = detect->add_subcommand("workspace", "Detect the editor workspaces of a path");
        w->add_option("path", path, "Project folder (default: current directory)");
        on(w, [&](Commands& c) { c.detectWorkspace(path); });

        CLI::App* p = detect->add_subcommand("providers", "Detect which providers have data here");
        p->add_flag("--with-sessions", withSessions, "Also list each provider's sessions");
        on(p, [&](Commands& c) { c.listProviders(withSessions, false); });

        CLI::App* o = detect->add_subcommand(
            "orphaned", "Find every workspace an editor keeps for a project, and the sessions the active one lacks");
        o->add_option("path", write.path, "Project folder (default: current directory)");
        o->add_flag("-r,--recover", recoverOrphans, "Copy those sessions into the active workspace and register them");
        o->add_flag("-f,--force", write.options.force, "Write the index although the editor runs");
        o->add_flag("--dry-run", write.options.dryRun, "Only say what would change");
        on(o, [&](Commands& c) { c.detectOrphaned(write, recoverOrphans); });

        CLI::App* a = detect->add_subcommand("all", "Detect workspaces, providers and sessions of a path");
        a->add_option("path", path, "Project folder (default: current directory)");
        a->add_flag("--verbose", verbose, "Show where each provider looked, and file sizes");
        on(a, [&](Commands& c) { c.detectAll(path, verbose); });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        app.exit(e, out, err);
        return 0;
    } catch (const CLI::ParseError& e) {
        app.exit(e, out, err);
        return 2;
    }
    output.colour = terminal.out && !output.json && environment.variable(u"NO_COLOR"_s).isEmpty();

    try {
        Commands commands(environment, output);
        action(commands);
    } catch (const CLI::ValidationError& e) {
        err << "chasm: " << e.what() << '\n';
        return 2;
    } catch (const CommandError& e) {
        err << "chasm: " << e.message.toStdString() << '\n';
        return 1;
    }
    out.flush();
    return 0;
}

} // namespace chasm::cli
