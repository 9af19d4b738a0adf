// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CursorProvider.h"

#include "json/Json.h"
#include "model/ReferencedFiles.h"
#include "util/ReadOnlyDatabase.h"
#include "vscode/Editor.h"

#include <QFileInfo>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

const QString composerFormat = u"cursor-composer"_s;
const QString chatTabFormat = u"cursor-chat"_s;
constexpr auto composerHash = "composer";

boost::json::value parsed(const QVariant& value)
{
    const QByteArray bytes = value.typeId() == QMetaType::QString ? value.toString().toUtf8() : value.toByteArray();
    auto tree = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), {});
    return tree ? std::move(tree.value()) : boost::json::value();
}

QDateTime fromMilliseconds(std::optional<qint64> ms)
{
    return ms && *ms > 0 ? QDateTime::fromMSecsSinceEpoch(*ms, QTimeZone::utc()) : QDateTime();
}

// composer id → project folder, from each workspace's composer.composerData.
QHash<QString, std::pair<QString, QString>> composerProjects(const QList<Workspace>& workspaces)
{
    QHash<QString, std::pair<QString, QString>> result; // id → (workspace hash, project path)
    for (const Workspace& w : workspaces) {
        if (w.editor != u"cursor"_s || !QFileInfo::exists(w.stateDatabasePath) || w.hash == u"empty-window"_s) {
            continue;
        }
        auto db = ReadOnlyDatabase::open(w.stateDatabasePath);
        auto rows = db ? db.value()->select(u"SELECT value FROM ItemTable WHERE key = 'composer.composerData'"_s)
                       : Result<QList<QVariantList>>(db.error());
        if (!rows || rows->isEmpty()) {
            continue;
        }
        const boost::json::value data = parsed(rows->first().first());
        for (const boost::json::value& composer : json::arrayAt(data, "allComposers")) {
            result.insert(json::string(composer, "composerId"), {w.hash, w.projectPath});
        }
    }
    return result;
}

Message bubbleMessage(const boost::json::value& bubble, ReferencedFiles& files, qint64& tokens, bool& haveTokens)
{
    Message m;
    const auto type = json::integer(bubble, "type");
    m.role = type == 1 ? Role::User : Role::Assistant;
    m.content = json::string(bubble, "text");
    m.timestamp = json::dateTime(bubble, "createdAt");
    if (const boost::json::value* model = json::find(bubble, "modelInfo")) {
        m.model = json::string(*model, "modelName");
    }
    if (const boost::json::value* count = json::find(bubble, "tokenCount")) {
        const qint64 n =
            json::integer(*count, "inputTokens").value_or(0) + json::integer(*count, "outputTokens").value_or(0);
        if (n > 0) {
            tokens += n;
            haveTokens = true;
        }
    }
    if (const boost::json::value* tool = json::find(bubble, "toolFormerData"); tool && tool->is_object()) {
        ToolCall call;
        call.id = json::string(*tool, "toolCallId");
        call.name = json::string(*tool, "name");
        call.input = json::string(*tool, "rawArgs");
        if (call.input.isEmpty()) {
            call.input = json::string(*tool, "params");
        }
        call.output = json::string(*tool, "result");
        const QString status = json::string(*tool, "status");
        call.status = status == u"completed"_s   ? status
                      : status == u"error"_s     ? status
                      : status == u"cancelled"_s ? status
                                                 : u"pending"_s;
        m.toolCalls.append(call);
    }
    for (const boost::json::value& file : json::arrayAt(bubble, "relevantFiles")) {
        if (file.is_string()) {
            files.add(json::toQString(file.get_string()));
        }
    }
    if (m.role == Role::Assistant) {
        m.status = u"complete"_s;
    }
    return m;
}

} // namespace

CursorProvider::CursorProvider()
    : Provider({u"cursor"_s, u"Cursor"_s, {}, {u"cursor"_s, u"cursor-agent"_s}})
    , m_chatSessions({u"cursor"_s, u"Cursor"_s, {}, {u"cursor"_s}}, {Editor::Cursor})
{}

QStringList CursorProvider::storageLocations(const Environment& environment) const
{
    return m_chatSessions.storageLocations(environment);
}

QList<Workspace> CursorProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result = m_chatSessions.workspaces(environment);
    const QString global = editorUserDirectory(environment, Editor::Cursor) + u"/globalStorage/state.vscdb"_s;
    // Older Cursor versions kept chat tabs in each workspace's database: count them with its sessions.
    for (Workspace& w : result) {
        if (!QFileInfo::exists(w.stateDatabasePath) || w.hash == u"empty-window"_s) {
            continue;
        }
        if (auto db = ReadOnlyDatabase::open(w.stateDatabasePath); db) {
            auto rows = db.value()->select(
                u"SELECT value FROM ItemTable WHERE key = 'workbench.panel.aichat.view.aichat.chatdata'"_s);
            if (rows && !rows->isEmpty()) {
                const int tabs = int(json::arrayAt(parsed(rows->first().first()), "tabs").size());
                w.sessionCount += tabs;
                w.hasChatSessions = w.hasChatSessions || tabs > 0;
            }
        }
    }
    if (QFileInfo::exists(global)) {
        Workspace w;
        w.provider = id();
        w.editor = u"cursor"_s;
        w.application = displayName();
        w.hash = QString::fromLatin1(composerHash);
        w.id = u"cursor:composer"_s;
        w.kind = Workspace::Kind::Store;
        w.storagePath = global;
        w.stateDatabasePath = global;
        w.lastModified = QFileInfo(global).lastModified().toUTC();
        if (auto db = ReadOnlyDatabase::open(global); db && db.value()->hasTable(u"cursorDiskKV"_s)) {
            auto rows = db.value()->select(u"SELECT count(*) FROM cursorDiskKV WHERE key LIKE 'composerData:%'"_s);
            w.sessionCount = rows && !rows->isEmpty() ? rows->first().first().toInt() : 0;
        }
        w.hasChatSessions = w.sessionCount > 0;
        result.append(w);
    }
    return result;
}

QList<SessionRef> CursorProvider::sessions(const QList<Workspace>& workspaces, SessionCache& cache,
                                           Listing listing) const
{
    QList<Workspace> folders = workspaces;
    folders.removeIf([](const Workspace& w) { return w.hash == QString::fromLatin1(composerHash); });
    QList<SessionRef> result = m_chatSessions.sessions(folders, cache, listing);
    const auto base = [this](const Workspace& w, const QString& nativeId, const QString& format) {
        SessionRef ref;
        ref.provider = id();
        ref.editor = u"cursor"_s;
        ref.nativeId = nativeId;
        ref.id = id() + u':' + nativeId;
        ref.workspaceId = w.id;
        ref.workspace = w.hash;
        ref.workspaceName = w.displayName();
        ref.projectPath = w.projectPath;
        ref.path = w.stateDatabasePath;
        ref.format = format;
        return ref;
    };
    for (const Workspace& w : workspaces) {
        if (w.provider != id() || !QFileInfo::exists(w.stateDatabasePath)) {
            continue;
        }
        auto db = ReadOnlyDatabase::open(w.stateDatabasePath);
        if (!db) {
            continue; // the chatSessions listing reports the workspace's files; an unreadable index is not a session
        }
        if (w.hash == QString::fromLatin1(composerHash)) {
            const auto projects = composerProjects(workspaces);
            auto rows = db.value()->select(
                u"SELECT key, value, length(value) FROM cursorDiskKV WHERE key LIKE 'composerData:%'"_s);
            for (const QVariantList& row : rows ? *rows : QList<QVariantList>()) {
                const boost::json::value data = parsed(row.at(1));
                const QString composerId = row.at(0).toString().mid(int(sizeof("composerData:") - 1));
                SessionRef ref = base(w, composerId, composerFormat);
                const auto project = projects.value(composerId);
                if (!project.second.isEmpty()) {
                    ref.projectPath = project.second;
                }
                ref.sizeBytes = row.at(2).toLongLong();
                ref.createdAt = fromMilliseconds(json::integer(data, "createdAt"));
                ref.updatedAt = fromMilliseconds(json::integer(data, "lastUpdatedAt"));
                if (!ref.updatedAt.isValid()) {
                    ref.updatedAt = ref.createdAt;
                }
                const boost::json::array& headers = json::arrayAt(data, "fullConversationHeadersOnly");
                const boost::json::array& inline_ = json::arrayAt(data, "conversation");
                ref.messageCount = int(headers.empty() ? inline_.size() : headers.size());
                QString firstUser;
                for (const boost::json::value& bubble : inline_) {
                    if (json::integer(bubble, "type") == 1) {
                        firstUser = json::string(bubble, "text");
                        break;
                    }
                }
                ref.title = sessionTitle(json::string(data, "name"), firstUser);
                result.append(ref);
            }
        } else {
            auto rows = db.value()->select(
                u"SELECT value FROM ItemTable WHERE key = 'workbench.panel.aichat.view.aichat.chatdata'"_s);
            if (!rows || rows->isEmpty()) {
                continue;
            }
            const boost::json::value data = parsed(rows->first().first());
            for (const boost::json::value& tab : json::arrayAt(data, "tabs")) {
                SessionRef ref = base(w, json::string(tab, "tabId"), chatTabFormat);
                const boost::json::array& bubbles = json::arrayAt(tab, "bubbles");
                ref.messageCount = int(bubbles.size());
                ref.title = sessionTitle(json::string(tab, "chatTitle"),
                                         bubbles.empty() ? QString() : json::string(bubbles.front(), "text"));
                ref.updatedAt = fromMilliseconds(json::integer(tab, "lastSendTime"));
                if (!ref.updatedAt.isValid()) {
                    ref.updatedAt = QFileInfo(w.stateDatabasePath).lastModified().toUTC();
                }
                ref.createdAt = ref.updatedAt;
                result.append(ref);
            }
        }
    }
    return result;
}

Result<QString> CursorProvider::nativeRecord(const SessionRef& ref, int nativeIndex) const
{
    return ref.format != composerFormat && ref.format != chatTabFormat ? m_chatSessions.nativeRecord(ref, nativeIndex)
                                                                       : Provider::nativeRecord(ref, nativeIndex);
}

QStringList CursorProvider::originalFiles(const SessionRef& ref) const
{
    return ref.format != composerFormat && ref.format != chatTabFormat ? m_chatSessions.originalFiles(ref)
                                                                       : QStringList();
}

Result<Session> CursorProvider::load(const SessionRef& ref, const SessionPreview& preview) const
{
    if (ref.format != composerFormat && ref.format != chatTabFormat) {
        return m_chatSessions.load(ref, preview);
    }
    auto db = ReadOnlyDatabase::open(ref.path);
    if (!db) {
        return db.error();
    }
    Session s;
    s.provider = id();
    s.nativeId = ref.nativeId;
    s.id = ref.id;
    s.workspace = ref.workspace;
    s.projectPath = ref.projectPath;
    s.title = ref.title;
    s.createdAt = ref.createdAt;
    s.updatedAt = ref.updatedAt;
    ReferencedFiles files;
    qint64 tokens = 0;
    bool haveTokens = false;
    if (ref.format == chatTabFormat) {
        auto rows = db.value()->select(
            u"SELECT value FROM ItemTable WHERE key = 'workbench.panel.aichat.view.aichat.chatdata'"_s);
        if (!rows) {
            return rows.error();
        }
        const boost::json::value data = rows->isEmpty() ? boost::json::value() : parsed(rows->first().first());
        for (const boost::json::value& tab : json::arrayAt(data, "tabs")) {
            if (json::string(tab, "tabId") != ref.nativeId) {
                continue;
            }
            for (const boost::json::value& bubble : json::arrayAt(tab, "bubbles")) {
                Message m;
                m.role = json::string(bubble, "type") == u"user"_s ? Role::User : Role::Assistant;
                m.content = json::string(bubble, "text");
                m.model = json::string(bubble, "modelType");
                s.messages.append(m);
            }
            return s;
        }
        return Error{u"cannot read %1: chat tab %2 is no longer in it"_s.arg(ref.path, ref.nativeId)};
    }
    auto composerRows = db.value()->select(u"SELECT value FROM cursorDiskKV WHERE key = ?"_s,
                                           {QString(u"composerData:"_s + ref.nativeId)});
    if (!composerRows) {
        return composerRows.error();
    }
    if (composerRows->isEmpty()) {
        return Error{u"cannot read %1: composer %2 is no longer in it"_s.arg(ref.path, ref.nativeId)};
    }
    const boost::json::value data = parsed(composerRows->first().first());
    QString model;
    if (const boost::json::value* config = json::find(data, "modelConfig")) {
        model = json::string(*config, "modelName");
    }
    std::vector<boost::json::value> bubbles;
    const boost::json::array& headers = json::arrayAt(data, "fullConversationHeadersOnly");
    if (headers.empty()) {
        for (const boost::json::value& bubble : json::arrayAt(data, "conversation")) {
            bubbles.push_back(bubble); // older versions kept the bubbles inline
        }
    } else {
        // A key range rather than LIKE: ids may hold LIKE's wildcards, and a range uses the key index.
        auto rows = db.value()->select(
            u"SELECT key, value FROM cursorDiskKV WHERE key >= ? AND key < ?"_s,
            {QString(u"bubbleId:"_s + ref.nativeId + u':'), QString(u"bubbleId:"_s + ref.nativeId + u';')});
        if (!rows) {
            return rows.error();
        }
        QHash<QString, boost::json::value> byId;
        for (const QVariantList& row : *rows) {
            byId.insert(row.at(0).toString().section(u':', 2), parsed(row.at(1)));
        }
        for (const boost::json::value& header : headers) {
            const auto found = byId.find(json::string(header, "bubbleId"));
            if (found != byId.end()) {
                bubbles.push_back(found.value());
            } else {
                s.warnings << u"%1: message %2 of composer %3 is missing"_s.arg(
                    ref.path, json::string(header, "bubbleId"), ref.nativeId);
            }
        }
    }
    for (const boost::json::value& bubble : bubbles) {
        Message m = bubbleMessage(bubble, files, tokens, haveTokens);
        if (m.role == Role::Assistant && m.model.isEmpty()) {
            m.model = model;
        }
        if (!m.model.isEmpty() && m.role == Role::Assistant) {
            s.model = m.model;
        }
        s.messages.append(m);
    }
    if (haveTokens) {
        s.totalTokens = tokens;
    }
    s.filesReferenced = files.take();
    return s;
}

} // namespace chasm
