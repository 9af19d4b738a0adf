// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "OpenCodeProvider.h"

#include "json/Json.h"
#include "model/ReferencedFiles.h"
#include "util/ReadOnlyDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr auto databaseHash = "opencode.db";
constexpr auto storageHash = "storage";

QString databasePath(const Environment& environment)
{
    const QString configured = environment.variable(u"OPENCODE_DB"_s);
    return configured.isEmpty() ? environment.dataHome() + u"/opencode/opencode.db"_s
                                : environment.absolutePath(configured);
}

QDateTime fromMilliseconds(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()) : QDateTime();
}

boost::json::value parsed(const QVariant& text)
{
    const QByteArray bytes = text.toString().toUtf8();
    auto value = json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), {});
    return value ? std::move(value.value()) : boost::json::value();
}

// One message with its parts, from either store.
struct StoredMessage
{
    boost::json::value data;
    std::vector<boost::json::value> parts;
};

// Builds the normalized conversation from messages in order.
Session convert(const std::vector<StoredMessage>& messages)
{
    Session s;
    ReferencedFiles files;
    qint64 tokens = 0;
    bool haveTokens = false;
    for (const StoredMessage& stored : messages) {
        const boost::json::value& data = stored.data;
        Message m;
        const boost::json::value* time = json::find(data, "time");
        if (const auto created = time ? json::integer(*time, "created") : std::nullopt) {
            m.timestamp = fromMilliseconds(*created);
        }
        const bool assistant = json::string(data, "role") == u"assistant"_s;
        QStringList texts;
        QStringList injected;
        for (const boost::json::value& part : stored.parts) {
            const QString type = json::string(part, "type");
            if (type == u"text"_s) {
                // Text OpenCode added by itself (file contents, reminders) is marked synthetic.
                (json::boolean(part, "synthetic").value_or(false) ? injected : texts) << json::string(part, "text");
            } else if (type == u"file"_s) {
                const QString file = json::string(part, "filename");
                if (!file.isEmpty()) {
                    m.references << file;
                }
            } else if (type == u"tool"_s) {
                ToolCall call;
                call.id = json::string(part, "callID");
                call.name = json::string(part, "tool");
                const boost::json::value* state = json::find(part, "state");
                if (state) {
                    if (const boost::json::value* input = json::find(*state, "input")) {
                        call.input = QString::fromStdString(json::serialize(*input));
                        files.add(json::string(*input, "filePath"));
                    }
                    call.output = json::string(*state, "output");
                    if (call.output.isEmpty()) {
                        call.output = json::string(*state, "error");
                    }
                    const QString status = json::string(*state, "status");
                    call.status = status == u"completed"_s ? status : (status == u"error"_s ? status : u"pending"_s);
                }
                // The parts are in the order they were streamed: the call sits after the text so far.
                call.at = texts.isEmpty() ? 0 : texts.join(u"\n\n"_s).size();
                m.toolCalls.append(call);
            }
            // reasoning, step-start/step-finish, snapshot, patch, agent, retry, compaction: no transcript text
        }
        m.content = texts.join(u"\n\n"_s);
        if (assistant) {
            m.role = Role::Assistant;
            m.model = json::string(data, "modelID");
            m.agent = json::string(data, "agent");
            m.status = u"complete"_s;
            if (const boost::json::value* error = json::find(data, "error")) {
                const boost::json::value* details = json::find(*error, "data");
                m.status = json::string(*error, "name") == u"MessageAbortedError"_s ? u"cancelled"_s : u"failed"_s;
                m.error = details ? json::string(*details, "message") : json::string(*error, "name");
            }
            if (!m.model.isEmpty()) {
                s.model = m.model;
            }
            if (const boost::json::value* usage = json::find(data, "tokens")) {
                qint64 total = json::integer(*usage, "input").value_or(0) +
                               json::integer(*usage, "output").value_or(0) +
                               json::integer(*usage, "reasoning").value_or(0);
                if (const boost::json::value* cache = json::find(*usage, "cache")) {
                    total += json::integer(*cache, "read").value_or(0) + json::integer(*cache, "write").value_or(0);
                }
                tokens += total;
                haveTokens = true;
            }
        } else {
            if (!injected.isEmpty()) {
                Message context;
                context.role = Role::System;
                context.timestamp = m.timestamp;
                context.content = injected.join(u"\n\n"_s);
                s.messages.append(context);
            }
            if (texts.isEmpty() && m.references.isEmpty()) {
                continue;
            }
            m.role = Role::User;
        }
        s.messages.append(m);
    }
    if (haveTokens) {
        s.totalTokens = tokens;
    }
    s.filesReferenced = files.take();
    return s;
}

Workspace storeWorkspace(const QString& provider, const QString& application, const QString& hash, const QString& path,
                         int sessions)
{
    Workspace w;
    w.provider = provider;
    w.application = application;
    w.hash = hash;
    w.id = provider + u':' + hash;
    w.kind = Workspace::Kind::Store;
    w.storagePath = path;
    w.chatSessionsPath = path;
    w.sessionCount = sessions;
    w.hasChatSessions = sessions > 0;
    QDateTime newest = QFileInfo(path).lastModified();
    for (const QString& suffix : {u"-wal"_s, u"/session"_s}) {
        if (QFileInfo::exists(path + suffix)) {
            newest = std::max(newest, QFileInfo(path + suffix).lastModified());
        }
    }
    w.lastModified = newest.toUTC();
    return w;
}

QStringList legacySessionFiles(const QString& storage)
{
    QStringList files;
    const QDir sessions(storage + u"/session"_s);
    for (const QString& project : sessions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir folder(sessions.filePath(project));
        for (const QString& name : folder.entryList({u"ses_*.json"_s}, QDir::Files, QDir::Name)) {
            files << folder.filePath(name);
        }
    }
    return files;
}

// The JSON files of one folder of the older tree; a damaged one (OpenCode was writing it when it
// stopped) is left out with a warning.
std::vector<boost::json::value> jsonFilesIn(const QString& folder, QStringList& warnings)
{
    std::vector<boost::json::value> values;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        auto value = json::parseFile(dir.filePath(name));
        if (value) {
            values.push_back(std::move(value.value()));
        } else {
            warnings << value.error().message + u"; it was left out"_s;
        }
    }
    return values;
}

} // namespace

OpenCodeProvider::OpenCodeProvider()
    : Provider({u"opencode"_s, u"OpenCode"_s, {u"open-code"_s}, {u"opencode"_s}})
{}

QStringList OpenCodeProvider::storageLocations(const Environment& environment) const
{
    return {databasePath(environment), environment.dataHome() + u"/opencode/storage"_s};
}

QList<Workspace> OpenCodeProvider::workspaces(const Environment& environment) const
{
    QList<Workspace> result;
    const QString db = databasePath(environment);
    if (QFileInfo::exists(db)) {
        int count = 0;
        if (auto store = ReadOnlyDatabase::open(db); store) {
            if (auto rows = store.value()->select(u"SELECT count(*) FROM session"_s); rows && !rows->isEmpty()) {
                count = rows->first().first().toInt();
            }
        }
        result.append(storeWorkspace(id(), displayName(), QString::fromLatin1(databaseHash), db, count));
    }
    const QString storage = storageLocations(environment).at(1);
    if (QFileInfo(storage + u"/session"_s).isDir()) {
        result.append(storeWorkspace(id(), displayName(), QString::fromLatin1(storageHash), storage,
                                     int(legacySessionFiles(storage).size())));
    }
    return result;
}

QList<SessionRef> OpenCodeProvider::sessions(const QList<Workspace>& workspaces, SessionCache& cache,
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
        const auto base = [&](const QString& nativeId, const QString& path, const QString& format) {
            SessionRef ref;
            ref.provider = id();
            ref.nativeId = nativeId;
            ref.id = id() + u':' + nativeId;
            ref.workspaceId = w.id;
            ref.workspace = w.hash;
            ref.workspaceName = w.displayName();
            ref.path = path;
            ref.format = format;
            return ref;
        };
        if (w.hash == QString::fromLatin1(databaseHash)) {
            auto store = ReadOnlyDatabase::open(w.storagePath);
            auto rows = store ? store.value()->select(
                                    u"SELECT s.id, s.title, s.directory, s.time_created, s.time_updated, "
                                    "(SELECT count(*) FROM message m WHERE m.session_id = s.id), "
                                    "(SELECT coalesce(sum(length(p.data)), 0) FROM part p WHERE p.session_id = s.id) "
                                    "FROM session s ORDER BY s.time_created"_s)
                              : Result<QList<QVariantList>>(store.error());
            if (!rows) {
                SessionRef failed = base(u"(store)"_s, w.storagePath, u"sqlite"_s);
                failed.title = u"OpenCode store"_s;
                failed.error = rows.error().message;
                result.append(failed);
                continue;
            }
            for (const QVariantList& row : *rows) {
                SessionRef ref = base(row.at(0).toString(), w.storagePath, u"sqlite"_s);
                ref.title = sessionTitle(row.at(1).toString(), {});
                ref.projectPath = row.at(2).toString();
                ref.createdAt = fromMilliseconds(row.at(3).toLongLong());
                ref.updatedAt = fromMilliseconds(row.at(4).toLongLong());
                ref.messageCount = row.at(5).toInt();
                ref.sizeBytes = row.at(6).toLongLong();
                result.append(ref);
            }
        } else {
            for (const QString& file : legacySessionFiles(w.storagePath)) {
                SessionRef ref = base(QFileInfo(file).completeBaseName(), file, u"json"_s);
                ref.sizeBytes = QFileInfo(file).size();
                auto info = json::parseFile(file);
                if (!info) {
                    ref.title = ref.nativeId;
                    ref.error = info.error().message;
                    result.append(ref);
                    continue;
                }
                ref.title = sessionTitle(json::string(*info, "title"), {});
                ref.projectPath = json::string(*info, "directory");
                if (const boost::json::value* time = json::find(*info, "time")) {
                    ref.createdAt = fromMilliseconds(json::integer(*time, "created").value_or(0));
                    ref.updatedAt = fromMilliseconds(json::integer(*time, "updated").value_or(0));
                }
                ref.messageCount = int(
                    QDir(w.storagePath + u"/message/"_s + ref.nativeId).entryList({u"*.json"_s}, QDir::Files).size());
                result.append(ref);
            }
        }
    }
    return result;
}

Result<Session> OpenCodeProvider::load(const SessionRef& ref, const SessionPreview& /*preview*/) const
{
    std::vector<StoredMessage> messages;
    QStringList warnings;
    if (ref.format == u"sqlite"_s) {
        auto store = ReadOnlyDatabase::open(ref.path);
        if (!store) {
            return store.error();
        }
        auto messageRows = store.value()->select(
            u"SELECT id, data FROM message WHERE session_id = ? ORDER BY time_created, id"_s, {ref.nativeId});
        auto partRows = store.value()->select(
            u"SELECT message_id, data FROM part WHERE session_id = ? ORDER BY message_id, id"_s, {ref.nativeId});
        if (!messageRows) {
            return messageRows.error();
        }
        if (!partRows) {
            return partRows.error();
        }
        QHash<QString, std::size_t> index;
        for (const QVariantList& row : *messageRows) {
            index.insert(row.at(0).toString(), messages.size());
            messages.push_back({parsed(row.at(1)), {}});
        }
        for (const QVariantList& row : *partRows) {
            const auto found = index.find(row.at(0).toString());
            if (found != index.end()) {
                messages[found.value()].parts.push_back(parsed(row.at(1)));
            }
        }
    } else {
        const QString storage = QFileInfo(ref.path).absoluteDir().absoluteFilePath(u"../.."_s);
        for (boost::json::value& data : jsonFilesIn(storage + u"/message/"_s + ref.nativeId, warnings)) {
            const QString messageId = json::string(data, "id");
            messages.push_back({std::move(data), jsonFilesIn(storage + u"/part/"_s + messageId, warnings)});
        }
        std::stable_sort(messages.begin(), messages.end(), [](const StoredMessage& a, const StoredMessage& b) {
            const boost::json::value* ta = json::find(a.data, "time");
            const boost::json::value* tb = json::find(b.data, "time");
            return (ta ? json::integer(*ta, "created").value_or(0) : 0) <
                   (tb ? json::integer(*tb, "created").value_or(0) : 0);
        });
    }
    Session session = convert(messages);
    session.warnings = warnings;
    session.provider = id();
    session.nativeId = ref.nativeId;
    session.id = ref.id;
    session.workspace = ref.workspace;
    session.projectPath = ref.projectPath;
    session.createdAt = ref.createdAt;
    session.updatedAt = ref.updatedAt;
    const QString firstUser = session.firstUserMessage();
    session.title = sessionTitle(ref.title == u"Untitled"_s ? QString() : ref.title, firstUser);
    return session;
}

} // namespace chasm
