// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "EditingSession.h"

#include "json/Json.h"
#include "vscode/ChatSessionConverter.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <boost/json.hpp>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

namespace bj = boost::json;

// Collects files and requests in the order they are met.
class Collector
{
public:
    explicit Collector(EditingSession& session)
        : m_session(session)
    {}

    EditingSession::File& file(const bj::value& uri)
    {
        const QString path = ChatSessionConverter::referenceText(uri);
        const auto it = std::find_if(m_session.files.begin(), m_session.files.end(),
                                     [&path](const EditingSession::File& f) { return f.path == path; });
        if (it != m_session.files.end()) {
            return *it;
        }
        m_session.files.append({path, {}, {}, {}, {}, 0});
        return m_session.files.last();
    }

    void request(const QString& id, EditingSession::File* file = nullptr)
    {
        if (id.isEmpty()) {
            return;
        }
        if (!m_session.requestIds.contains(id)) {
            m_session.requestIds << id;
        }
        if (file && !file->requestIds.contains(id)) {
            file->requestIds << id;
        }
    }

    // A snapshot entry: {resource, languageId, state, telemetryInfo: {requestId}, ...}.
    void entry(const bj::value& entry, bool latest)
    {
        const bj::value* resource = json::find(entry, "resource");
        if (!resource) {
            return;
        }
        EditingSession::File& f = file(*resource);
        if (f.languageId.isEmpty()) {
            f.languageId = json::string(entry, "languageId");
        }
        if (const auto state = json::integer(entry, "state"); latest && state && *state >= 0 && *state <= 2) {
            f.state = EditingSession::FileState(*state);
        }
        if (const bj::value* telemetry = json::find(entry, "telemetryInfo")) {
            request(json::string(*telemetry, "requestId"), &f);
        }
    }

private:
    EditingSession& m_session;
};

void readLinear(const bj::value& state, Collector& collect, EditingSession& session)
{
    const qint64 position = json::integer(state, "linearHistoryIndex").value_or(-1);
    qint64 stops = 0; // the position counts stops across requests (version 1: one per request)
    for (const bj::value& item : json::arrayAt(state, "linearHistory")) {
        collect.request(json::string(item, "requestId"));
        const bj::array* itemStops = json::findArray(item, "stops");
        const qint64 first = stops;
        if (itemStops) {
            for (const bj::value& stop : *itemStops) {
                for (const bj::value& entry : json::arrayAt(stop, "entries")) {
                    collect.entry(entry, false);
                }
            }
            stops += qint64(itemStops->size());
        } else {
            for (const bj::value& entry : json::arrayAt(item, "entries")) {
                collect.entry(entry, false);
            }
            ++stops;
        }
        if (position >= 0 && first >= position) {
            ++session.undoneRequests;
        }
    }
}

void readTimeline(const bj::value& timeline, Collector& collect, EditingSession& session)
{
    const qint64 current = json::integer(timeline, "currentEpoch").value_or(std::numeric_limits<qint64>::max());
    for (const bj::value& c : json::arrayAt(timeline, "checkpoints")) {
        const qint64 epoch = json::integer(c, "epoch").value_or(0);
        session.checkpoints.append({json::string(c, "label"), json::string(c, "requestId"),
                                    json::string(c, "undoStopId"), epoch, epoch >= current});
        collect.request(json::string(c, "requestId"));
    }
    for (const bj::value& baseline : json::arrayAt(timeline, "fileBaselines")) {
        // [key, {uri, requestId, content, epoch, ...}]
        if (baseline.is_array() && baseline.get_array().size() == 2) {
            const bj::value& value = baseline.get_array().at(1);
            if (const bj::value* uri = json::find(value, "uri")) {
                collect.request(json::string(value, "requestId"), &collect.file(*uri));
            }
        }
    }
    for (const bj::value& operation : json::arrayAt(timeline, "operations")) {
        const bj::value* uri = json::find(operation, "uri");
        if (!uri) {
            continue;
        }
        EditingSession::File& f = collect.file(*uri);
        ++f.operations[json::string(operation, "type")];
        if (json::integer(operation, "epoch").value_or(0) >= current) {
            ++f.undoneOperations;
        }
        collect.request(json::string(operation, "requestId"), &f);
    }
}

qint64 folderSize(const QString& folder)
{
    qint64 total = 0;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

} // namespace

QString EditingSession::stateName(FileState state)
{
    switch (state) {
    case FileState::Modified:
        return u"modified"_s;
    case FileState::Accepted:
        return u"accepted"_s;
    case FileState::Rejected:
        return u"rejected"_s;
    }
    return {};
}

EditingSession EditingSession::read(const QString& folder)
{
    EditingSession session;
    session.folder = folder;
    session.sessionId = QFileInfo(folder).fileName();
    const QString statePath = folder + u"/state.json"_s;
    session.updatedAt = QFileInfo(statePath).lastModified();
    session.sizeBytes = folderSize(folder);
    auto state = json::parseFile(statePath);
    if (!state) {
        session.error = state.error().message;
        return session;
    }
    if (!state->is_object()) {
        session.error = u"%1 is not an editing session: not a JSON object"_s.arg(statePath);
        return session;
    }
    session.version = int(json::integer(*state, "version").value_or(0));
    Collector collect(session);
    for (const bj::value& initial : json::arrayAt(*state, "initialFileContents")) {
        if (initial.is_array() && !initial.get_array().empty()) {
            collect.file(initial.get_array().at(0));
        }
    }
    if (const bj::value* timeline = json::find(*state, "timeline"); timeline && timeline->is_object()) {
        session.layout = u"timeline"_s;
        readTimeline(*timeline, collect, session);
    } else {
        session.layout = u"linear"_s;
        readLinear(*state, collect, session);
    }
    if (const bj::value* recent = json::find(*state, "recentSnapshot")) {
        for (const bj::value& entry : json::arrayAt(*recent, "entries")) {
            collect.entry(entry, true);
        }
    }
    return session;
}

QList<EditingSession> EditingSession::list(const QString& workspaceStoragePath)
{
    QList<EditingSession> result;
    const QDir root(workspaceStoragePath + u"/chatEditingSessions"_s);
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        result.append(read(root.filePath(name)));
    }
    std::sort(result.begin(), result.end(),
              [](const EditingSession& a, const EditingSession& b) { return a.updatedAt > b.updatedAt; });
    return result;
}

} // namespace chasm
