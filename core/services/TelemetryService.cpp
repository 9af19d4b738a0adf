// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TelemetryService.h"

#include "json/Json.h"
#include "util/IsoTime.h"
#include "util/Settings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>
#include <QUrl>
#include <QUuid>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr qsizetype eventsPerRequest = 100;
constexpr qint64 maxLogBytes = qint64(256) << 20; // read no further: a log this large is not Chasm's
constexpr qint64 maxAnswerBytes = 64 * 1024;

const QString keyName = u"telemetry/api-key"_s;

std::string text(const QString& s)
{
    return s.toStdString();
}

// A lock beside the log for every change to it: appends of several processes and a rewrite never interleave.
class LogLock
{
public:
    explicit LogLock(const QString& log)
        : m_lock(log + u".lock"_s)
    {
        m_lock.setStaleLockTime(10000);
    }
    bool lock() { return m_lock.tryLock(5000); }

private:
    QLockFile m_lock;
};

std::optional<TelemetryService::Event> eventFrom(const QByteArray& line)
{
    auto parsed = json::parse(std::string_view(line.constData(), size_t(line.size())), u"event"_s);
    if (!parsed || !parsed->is_object()) {
        return std::nullopt;
    }
    const boost::json::object& o = parsed->as_object();
    TelemetryService::Event e;
    e.id = json::string(*parsed, "id");
    e.time = json::dateTime(*parsed, "time");
    e.category = json::string(*parsed, "category");
    e.event = json::string(*parsed, "event");
    e.source = json::string(*parsed, "source");
    if (e.id.isEmpty() || !e.time.isValid() || e.event.isEmpty()) {
        return std::nullopt;
    }
    if (const auto* data = o.if_contains("data"); data && data->is_object()) {
        e.data = data->as_object();
    }
    if (const auto* tags = json::findArray(*parsed, "tags")) {
        for (const auto& tag : *tags) {
            if (tag.is_string()) {
                e.tags << json::toQString(tag.as_string());
            }
        }
    }
    if (const auto* context = o.if_contains("context"); context && context->is_object()) {
        e.context = context->as_object();
    }
    return e;
}

QByteArray lineOf(const TelemetryService::Event& event)
{
    return QByteArray::fromStdString(boost::json::serialize(TelemetryService::toJson(event))) + '\n';
}

bool loopback(const QUrl& url)
{
    // The core does without QtNetwork: 127.0.0.0/8, ::1 and localhost by their text.
    const QString host = url.host().toLower();
    static const QRegularExpression ipv4Loopback(u"^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"_s);
    return host == u"localhost"_s || host == u"::1"_s || ipv4Loopback.match(host).hasMatch();
}

QString csvField(const QString& value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r')) {
        return value;
    }
    return u'"' + QString(value).replace(u'"', u"\"\""_s) + u'"';
}

QString answerText(const HttpAnswer& answer)
{
    QString body = QString::fromUtf8(answer.body.left(200)).simplified();
    for (QChar& c : body) {
        if (c.category() == QChar::Other_Control) {
            c = QChar::ReplacementCharacter;
        }
    }
    return body.isEmpty() ? u"HTTP %1"_s.arg(answer.status) : u"HTTP %1: %2"_s.arg(answer.status).arg(body);
}

} // namespace

TelemetryService::TelemetryService(Environment environment, Settings* settings, SecretStore store)
    : m_environment(std::move(environment))
    , m_settings(settings)
    , m_store(std::move(store))
{}

const QStringList& TelemetryService::categories()
{
    static const QStringList names{u"workflow"_s, u"error"_s, u"performance"_s, u"usage"_s, u"custom"_s};
    return names;
}

boost::json::object TelemetryService::toJson(const Event& event)
{
    boost::json::array tags;
    for (const QString& tag : event.tags) {
        tags.emplace_back(json::fromQString(tag));
    }
    boost::json::object o;
    o["id"] = text(event.id);
    o["time"] = text(isoUtc(event.time, TimePrecision::Milliseconds));
    o["category"] = text(event.category);
    o["event"] = text(event.event);
    o["source"] = text(event.source);
    o["data"] = event.data;
    o["tags"] = std::move(tags);
    if (event.context) {
        o["context"] = *event.context;
    } else {
        o["context"] = nullptr;
    }
    return o;
}

std::optional<QString> TelemetryService::invalidEventName(const QString& name)
{
    if (name.isEmpty() || name.size() > 100) {
        return u"an event name has 1 to 100 characters"_s;
    }
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || QStringView(u"._-:/").contains(c))) {
            return u"an event name holds letters, digits and . _ - : / only, not '%1'"_s.arg(c);
        }
    }
    return std::nullopt;
}

QString TelemetryService::logFile() const
{
    return m_environment.dataHome() + u"/chasm/telemetry.jsonl"_s;
}

QString TelemetryService::entry(const QString& name, const QString& fallback) const
{
    if (!m_settings) {
        return fallback;
    }
    const QVariant value = m_settings->entry(u"telemetry/"_s + name);
    return value.isNull() ? fallback : value.toString();
}

void TelemetryService::setEntry(const QString& name, const QVariant& value)
{
    if (m_settings) {
        m_settings->setEntry(u"telemetry/"_s + name, value);
    }
}

QString TelemetryService::installationId()
{
    QString id = entry(u"id"_s);
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        setEntry(u"id"_s, id);
    }
    return id;
}

QString TelemetryService::reset()
{
    setEntry(u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    return installationId();
}

void TelemetryService::setEnabled(bool enabled)
{
    setEntry(u"enabled"_s, enabled);
}

bool TelemetryService::recordsOwnEvents() const
{
    if (entry(u"enabled"_s, u"false"_s) != u"true"_s) {
        return false;
    }
    const QString doNotTrack = m_environment.variable(u"DO_NOT_TRACK"_s);
    const QString chasm = m_environment.variable(u"CHASM_TELEMETRY"_s).toLower();
    return !(doNotTrack == u"1"_s || doNotTrack == u"true"_s) && chasm != u"0"_s && chasm != u"off"_s &&
           chasm != u"false"_s;
}

boost::json::object TelemetryService::machineContext()
{
    boost::json::object o;
    o["chasm_version"] = CHASM_VERSION;
    o["os"] = text(QSysInfo::prettyProductName());
    o["kernel"] = text(QSysInfo::kernelType());
    o["cpu"] = text(QSysInfo::currentCpuArchitecture());
    o["qt_version"] = qVersion();
    return o;
}

Result<TelemetryService::Event> TelemetryService::record(Event event)
{
    if (!categories().contains(event.category)) {
        return Error{u"the category is one of %1, not '%2'"_s.arg(categories().join(u", "_s), event.category),
                     ErrorKind::Invalid};
    }
    if (const auto invalid = invalidEventName(event.event)) {
        return Error{*invalid, ErrorKind::Invalid};
    }
    event.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    event.time = QDateTime::currentDateTimeUtc();
    const QString path = logFile();
    if (!QDir().mkpath(QFileInfo(path).path())) {
        return Error{u"cannot create the folder of %1"_s.arg(path)};
    }
    LogLock lock(path);
    if (!lock.lock()) {
        return Error{u"%1 is locked by another Chasm for more than 5 s"_s.arg(path), ErrorKind::Unavailable};
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return Error{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    }
    // A log cut by a crash mid-line: the new event starts a line of its own.
    if (file.size() > 0) {
        QFile last(path);
        if (last.open(QIODevice::ReadOnly) && last.seek(file.size() - 1) && last.read(1) != "\n") {
            file.write("\n");
        }
    }
    const QByteArray line = lineOf(event);
    if (file.write(line) != line.size() || !file.flush()) {
        return Error{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    }
    return event;
}

void TelemetryService::recordCommand(const QString& command, int exitCode, qint64 milliseconds)
{
    if (!recordsOwnEvents()) {
        return;
    }
    Event event;
    event.category = exitCode == 0 ? u"usage"_s : u"error"_s;
    event.event = u"command"_s;
    event.source = u"chasm"_s;
    event.data["command"] = text(command);
    event.data["exit_code"] = exitCode;
    event.data["duration_ms"] = milliseconds;
    (void)record(std::move(event));
}

Result<QList<TelemetryService::Line>> TelemetryService::readLog() const
{
    QList<Line> lines;
    QFile file(logFile());
    if (!file.exists()) {
        return lines;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString())};
    }
    if (file.size() > maxLogBytes) {
        return Error{u"%1 is larger than 256 MiB: not a log Chasm wrote"_s.arg(file.fileName()), ErrorKind::TooLarge};
    }
    const QByteArray all = file.readAll();
    for (const QByteArray& line : all.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            lines.append({line, eventFrom(line)});
        }
    }
    return lines;
}

Result<bool> TelemetryService::writeLog(const QList<Line>& lines) const
{
    QSaveFile file(logFile());
    if (!file.open(QIODevice::WriteOnly)) {
        return Error{u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString())};
    }
    for (const Line& line : lines) {
        file.write(line.text);
        file.write("\n");
    }
    if (!file.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString())};
    }
    return true;
}

Result<QList<TelemetryService::Event>> TelemetryService::events(const Filter& filter) const
{
    auto lines = readLog();
    if (!lines) {
        return lines.error();
    }
    QList<Event> found;
    for (const Line& line : *lines) {
        if (!line.event) {
            continue;
        }
        const Event& e = *line.event;
        if ((!filter.category.isEmpty() && e.category != filter.category) ||
            (!filter.event.isEmpty() && e.event != filter.event) ||
            (!filter.tag.isEmpty() && !e.tags.contains(filter.tag)) ||
            (filter.after.isValid() && e.time < filter.after) || (filter.before.isValid() && e.time > filter.before)) {
            continue;
        }
        found.append(e);
    }
    if (filter.limit > 0 && found.size() > filter.limit) {
        found.remove(0, found.size() - filter.limit);
    }
    return found;
}

Result<TelemetryService::Status> TelemetryService::status()
{
    Status s;
    s.enabled = entry(u"enabled"_s, u"false"_s) == u"true"_s;
    for (const QString& variable : {u"DO_NOT_TRACK"_s, u"CHASM_TELEMETRY"_s}) {
        if (s.enabled && !recordsOwnEvents() && !m_environment.variable(variable).isEmpty()) {
            s.blockedBy = variable + u'=' + m_environment.variable(variable);
        }
    }
    s.installationId = installationId();
    s.logFile = logFile();
    s.bytes = QFileInfo(s.logFile).size();
    auto lines = readLog();
    if (!lines) {
        return lines.error();
    }
    const QString synced = entry(u"syncedThrough"_s);
    qsizetype afterSynced = 0; // events after the last one sent
    for (const Line& line : *lines) {
        if (!line.event) {
            ++s.unreadable;
            continue;
        }
        ++s.events;
        ++afterSynced;
        if (line.event->id == synced) {
            afterSynced = 0;
        }
        if (!s.oldest.isValid() || line.event->time < s.oldest) {
            s.oldest = line.event->time;
        }
        if (!s.newest.isValid() || line.event->time > s.newest) {
            s.newest = line.event->time;
        }
    }
    s.unsent = afterSynced;
    s.endpoint = entry(u"endpoint"_s);
    s.remote = entry(u"remote"_s, u"false"_s) == u"true"_s;
    s.keyStored = entry(u"keyStored"_s, u"false"_s) == u"true"_s;
    s.lastSync = QDateTime::fromString(entry(u"lastSync"_s), Qt::ISODateWithMs);
    return s;
}

std::optional<TelemetryService::Format> TelemetryService::formatNamed(const QString& name)
{
    if (name == u"json"_s) {
        return Format::Json;
    }
    if (name == u"jsonl"_s) {
        return Format::Jsonl;
    }
    if (name == u"csv"_s) {
        return Format::Csv;
    }
    return std::nullopt;
}

QByteArray TelemetryService::exported(const QList<Event>& events, Format format, bool withMetadata)
{
    boost::json::object metadata;
    if (withMetadata) {
        metadata["installation_id"] = text(installationId());
        metadata["chasm_version"] = CHASM_VERSION;
        metadata["exported"] = text(isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Seconds));
        metadata["events"] = events.size();
    }
    QByteArray out;
    switch (format) {
    case Format::Json: {
        boost::json::array array;
        for (const Event& e : events) {
            array.emplace_back(toJson(e));
        }
        if (withMetadata) {
            boost::json::object o;
            o["metadata"] = std::move(metadata);
            o["events"] = std::move(array);
            out = QByteArray::fromStdString(boost::json::serialize(o));
        } else {
            out = QByteArray::fromStdString(boost::json::serialize(array));
        }
        out += '\n';
        break;
    }
    case Format::Jsonl:
        if (withMetadata) {
            boost::json::object o;
            o["metadata"] = std::move(metadata);
            out += QByteArray::fromStdString(boost::json::serialize(o)) + '\n';
        }
        for (const Event& e : events) {
            out += lineOf(e);
        }
        break;
    case Format::Csv: {
        QString csv = u"id,time,category,event,source,tags,data,context"_s;
        const QString extra =
            withMetadata ? u",%1,%2"_s.arg(csvField(installationId()), u"" CHASM_VERSION ""_s) : QString();
        csv += withMetadata ? u",installation_id,chasm_version\r\n"_s : u"\r\n"_s;
        for (const Event& e : events) {
            csv += QStringList{csvField(e.id),
                               isoUtc(e.time, TimePrecision::Milliseconds),
                               csvField(e.category),
                               csvField(e.event),
                               csvField(e.source),
                               csvField(e.tags.join(u';')),
                               csvField(QString::fromStdString(boost::json::serialize(e.data))),
                               e.context ? csvField(QString::fromStdString(boost::json::serialize(*e.context)))
                                         : QString()}
                       .join(u',') +
                   extra + u"\r\n"_s;
        }
        out = csv.toUtf8();
        break;
    }
    }
    return out;
}

Result<TelemetryService::Removed> TelemetryService::clear(std::optional<int> olderThanDays)
{
    const QString path = logFile();
    if (!QFileInfo::exists(path)) {
        return Removed{};
    }
    LogLock lock(path);
    if (!lock.lock()) {
        return Error{u"%1 is locked by another Chasm for more than 5 s"_s.arg(path), ErrorKind::Unavailable};
    }
    auto lines = readLog();
    if (!lines) {
        return lines.error();
    }
    const QDateTime cut = olderThanDays ? QDateTime::currentDateTimeUtc().addDays(-*olderThanDays) : QDateTime();
    Removed removed;
    QList<Line> kept;
    for (const Line& line : *lines) {
        if (line.event && (!cut.isValid() || line.event->time < cut)) {
            ++removed.removed;
        } else {
            kept.append(line);
            removed.kept += line.event ? 1 : 0;
        }
    }
    if (removed.removed > 0) {
        if (auto written = writeLog(kept); !written) {
            return written.error();
        }
    }
    return removed;
}

Result<bool> TelemetryService::configure(const RemoteChange& change)
{
    if (change.endpoint && !change.endpoint->isEmpty()) {
        const QUrl url(*change.endpoint, QUrl::StrictMode);
        const bool https = url.scheme() == u"https"_s;
        if (!url.isValid() || url.host().isEmpty() || (!https && url.scheme() != u"http"_s)) {
            return Error{u"the endpoint is an http(s):// address, not '%1'"_s.arg(*change.endpoint),
                         ErrorKind::Invalid};
        }
        if (!https && !loopback(url)) {
            return Error{u"the endpoint must be https:// (plain http only to this machine, http://127.0.0.1…): events "
                         u"and the key are not sent across a network in clear"_s,
                         ErrorKind::Invalid};
        }
    }
    const QString endpoint = change.endpoint ? *change.endpoint : entry(u"endpoint"_s);
    if (change.enabled.value_or(false) && endpoint.isEmpty()) {
        return Error{u"remote sending needs an endpoint: --endpoint URL"_s, ErrorKind::Invalid};
    }
    if (change.apiKey) {
        if (change.apiKey->contains('\r') || change.apiKey->contains('\n')) {
            return Error{u"the key holds a line break"_s, ErrorKind::Invalid};
        }
        auto done = change.apiKey->isEmpty() ? m_store.remove(keyName) : m_store.write(keyName, *change.apiKey);
        if (!done) {
            return Error{u"the system keychain: "_s + done.error().message, done.error().kind};
        }
        setEntry(u"keyStored"_s, !change.apiKey->isEmpty());
    }
    if (change.endpoint) {
        setEntry(u"endpoint"_s, change.endpoint->isEmpty() ? QVariant() : QVariant(*change.endpoint));
        if (change.endpoint->isEmpty()) {
            setEntry(u"remote"_s, false);
        }
    }
    if (change.enabled) {
        setEntry(u"remote"_s, *change.enabled);
    }
    return true;
}

Result<QByteArray> TelemetryService::apiKey() const
{
    if (entry(u"keyStored"_s, u"false"_s) != u"true"_s) {
        return QByteArray();
    }
    auto found = m_store.read(keyName);
    if (!found) {
        return Error{u"the key is in the system keychain, which cannot be reached: "_s + found.error().message,
                     ErrorKind::Unavailable};
    }
    return found->value_or(QByteArray());
}

Result<HttpRequest> TelemetryService::remoteRequest(const QByteArray& body) const
{
    const QString endpoint = entry(u"endpoint"_s);
    if (endpoint.isEmpty()) {
        return Error{u"no remote endpoint is configured: chasm telemetry config --endpoint URL"_s, ErrorKind::Invalid};
    }
    auto key = apiKey();
    if (!key) {
        return key.error();
    }
    HttpRequest request;
    request.url = QUrl(endpoint);
    request.method = "POST";
    request.contentType = "application/json";
    request.body = body;
    request.bearerToken = *key;
    request.maxBytes = maxAnswerBytes;
    request.timeout = std::chrono::seconds(30);
    return request;
}

Result<TelemetryService::Synced> TelemetryService::sync(const Transport& transport, std::optional<qsizetype> limit,
                                                        bool clearAfter)
{
    if (entry(u"remote"_s, u"false"_s) != u"true"_s) {
        return Error{u"remote sending is off, so nothing was sent: turn it on with chasm telemetry config --endpoint "
                     u"URL --enable-remote"_s,
                     ErrorKind::Invalid};
    }
    auto lines = readLog();
    if (!lines) {
        return lines.error();
    }
    // The events after the last one sent (all of them when it is gone from the log, cleared since).
    QList<Event> unsent;
    const QString synced = entry(u"syncedThrough"_s);
    for (const Line& line : *lines) {
        if (!line.event) {
            continue;
        }
        if (line.event->id == synced) {
            unsent.clear();
        } else {
            unsent.append(*line.event);
        }
    }
    Synced result;
    const qsizetype wanted = limit ? std::min(*limit, unsent.size()) : unsent.size();
    const QString id = installationId();
    std::optional<Error> failure;
    for (qsizetype start = 0; start < wanted; start += eventsPerRequest) {
        boost::json::array batch;
        const qsizetype end = std::min(wanted, start + eventsPerRequest);
        for (qsizetype i = start; i < end; ++i) {
            batch.emplace_back(toJson(unsent.at(i)));
        }
        boost::json::object payload;
        payload["installation_id"] = text(id);
        payload["chasm_version"] = CHASM_VERSION;
        payload["events"] = std::move(batch);
        auto request = remoteRequest(QByteArray::fromStdString(boost::json::serialize(payload)));
        if (!request) {
            return request.error();
        }
        auto answer = transport(*request);
        if (!answer || answer->status < 200 || answer->status > 299) {
            failure = answer ? Error{u"the endpoint answered %1"_s.arg(answerText(*answer)), ErrorKind::Unavailable}
                             : answer.error();
            break;
        }
        ++result.requests;
        result.sent = end;
        setEntry(u"syncedThrough"_s, unsent.at(end - 1).id);
        setEntry(u"lastSync"_s, isoUtc(QDateTime::currentDateTimeUtc(), TimePrecision::Milliseconds));
    }
    result.left = unsent.size() - result.sent;
    const QString through = entry(u"syncedThrough"_s);
    if (clearAfter && !through.isEmpty()) {
        LogLock lock(logFile());
        if (!lock.lock()) {
            return Error{u"%1 is locked by another Chasm for more than 5 s"_s.arg(logFile()), ErrorKind::Unavailable};
        }
        // Read again under the lock: events recorded meanwhile are kept. Every event up to the last one sent goes,
        // those of earlier syncs too.
        auto current = readLog();
        if (!current) {
            return current.error();
        }
        const auto last = std::find_if(current->cbegin(), current->cend(), [&through](const Line& line) {
            return line.event && line.event->id == through;
        });
        if (last != current->cend()) {
            QList<Line> kept;
            for (auto line = current->cbegin(); line != current->cend(); ++line) {
                if (line->event && line <= last) {
                    ++result.cleared;
                } else {
                    kept.append(*line);
                }
            }
            if (auto written = writeLog(kept); !written) {
                return written.error();
            }
        }
    }
    if (failure) {
        return Error{u"sent %1 of %2 events, then: %3"_s.arg(result.sent).arg(wanted).arg(failure->message),
                     failure->kind};
    }
    return result;
}

Result<TelemetryService::Tested> TelemetryService::test(const Transport& transport) const
{
    boost::json::object payload;
    payload["test"] = true;
    payload["chasm_version"] = CHASM_VERSION;
    payload["events"] = boost::json::array();
    auto request = remoteRequest(QByteArray::fromStdString(boost::json::serialize(payload)));
    if (!request) {
        return request.error();
    }
    QElapsedTimer timer;
    timer.start();
    auto answer = transport(*request);
    if (!answer) {
        return answer.error();
    }
    if (answer->status < 200 || answer->status > 299) {
        return Error{u"the endpoint answered %1"_s.arg(answerText(*answer)), ErrorKind::Unavailable};
    }
    return Tested{entry(u"endpoint"_s), answer->status, timer.elapsed(), entry(u"remote"_s, u"false"_s) == u"true"_s};
}

} // namespace chasm
