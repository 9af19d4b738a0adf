// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"
#include "util/HttpRequest.h"
#include "util/Result.h"
#include "util/SecretStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <boost/json/object.hpp>

#include <functional>
#include <optional>

namespace chasm {

class Settings;

// Structured events kept on this machine for the person's own analysis (`chasm telemetry`, docs/telemetry.md):
// one JSON object per line in <data home>/chasm/telemetry.jsonl. Two sources write there: the person (`telemetry
// record`, any event they like) and Chasm itself, which notes each command it ran (its name, exit code and duration;
// never a path, a title, an argument or a word of a message) once the person opted in (off by default: a command,
// a dry run above all, writes nothing it was not asked to; DO_NOT_TRACK=1 or CHASM_TELEMETRY=0 stop it even then).
// Nothing leaves the machine unless a remote endpoint is configured
// and remote sending enabled, both explicitly; then `sync` posts the events not sent yet, its key from the system
// keychain (key "telemetry/api-key"). Every change to the log holds a lock file beside it, and a rewrite (clear)
// replaces it atomically: a crash leaves the old log or the new one.
class TelemetryService final
{
public:
    // `settings`: where the switches live (group "telemetry"); nullptr reads the defaults and changes nothing.
    TelemetryService(Environment environment, Settings* settings, SecretStore store = SecretStore());

    static const QStringList& categories(); // workflow, error, performance, usage, custom

    struct Event
    {
        QString id; // a UUID, made when recorded
        QDateTime time;
        QString category;
        QString event;
        QString source; // "user" (telemetry record) or "chasm" (the commands Chasm ran)
        boost::json::object data;
        QStringList tags;
        std::optional<boost::json::object> context;
    };
    static boost::json::object toJson(const Event& event);
    // Event names: letters, digits and . _ - : / (at most 100); a name is an identifier, not a message.
    static std::optional<QString> invalidEventName(const QString& name);

    struct Status
    {
        bool enabled = true;    // the switch (opt-in / opt-out)
        QString blockedBy;      // the environment variable that stops Chasm's own events (DO_NOT_TRACK=1), if any
        QString installationId; // random, made on first use; `reset` makes a new one
        QString logFile;
        qsizetype events = 0;
        qsizetype unreadable = 0; // lines that are not an event (a crash mid-write): kept, never sent
        qint64 bytes = 0;
        QDateTime oldest, newest;
        QString endpoint; // empty: none configured
        bool remote = false;
        bool keyStored = false;
        qsizetype unsent = 0;
        QDateTime lastSync;
    };
    Result<Status> status();
    void setEnabled(bool enabled);
    // A new installation id, which later events carry (exported with --with-metadata, sent by sync).
    QString reset();

    // Whether Chasm notes its own commands now: the switch on and no DO_NOT_TRACK / CHASM_TELEMETRY=0.
    bool recordsOwnEvents() const;
    // Appends the event (its id and time made here); an invalid category or name is an error.
    Result<Event> record(Event event);
    // Chasm's own event for one command ("list sessions"), when recordsOwnEvents(); a failure to write is ignored
    // (telemetry never fails a command).
    void recordCommand(const QString& command, int exitCode, qint64 milliseconds);
    // What `record --context` attaches: Chasm's version, the system and Qt's version.
    static boost::json::object machineContext();

    struct Filter
    {
        QString category;
        QString event;
        QString tag;
        QDateTime after;
        QDateTime before;
        qsizetype limit = 0; // the latest this many (0: all)
    };
    // Oldest first.
    Result<QList<Event>> events(const Filter& filter) const;

    enum class Format
    {
        Json,
        Jsonl,
        Csv,
    };
    static std::optional<Format> formatNamed(const QString& name);
    // The events as the format writes them; with metadata: the installation id, Chasm's version and the time of
    // the export (json: {"metadata", "events"}; jsonl: a first line {"metadata": …}; csv: two more columns).
    QByteArray exported(const QList<Event>& events, Format format, bool withMetadata);

    // Removes the events older than `olderThanDays` (all without it); lines that are not events are kept.
    struct Removed
    {
        qsizetype removed = 0;
        qsizetype kept = 0;
    };
    Result<Removed> clear(std::optional<int> olderThanDays);

    struct RemoteChange
    {
        std::optional<QString> endpoint;  // empty: none
        std::optional<QByteArray> apiKey; // empty: removed from the keychain
        std::optional<bool> enabled;
    };
    // https://, or http:// to this machine only (a key never crosses a network in clear).
    Result<bool> configure(const RemoteChange& change);

    using Transport = std::function<Result<HttpAnswer>(const HttpRequest&)>;
    struct Synced
    {
        qsizetype sent = 0;
        qsizetype requests = 0;
        qsizetype cleared = 0; // removed from the log after sending (--clear-after)
        qsizetype left = 0;    // not sent yet
    };
    // Posts the events not sent yet (at most `limit`), oldest first, in requests of at most 100:
    // {"installation_id", "chasm_version", "events": [...]}. Refused unless remote sending is enabled. A request
    // that fails stops the sync; what was sent before stays sent.
    // With clearAfter, every event sent (by this sync or an earlier one) is removed from the log.
    Result<Synced> sync(const Transport& transport, std::optional<qsizetype> limit, bool clearAfter);
    struct Tested
    {
        QString endpoint;
        int status = 0;
        qint64 milliseconds = 0;
        bool remote = false; // whether remote sending is on
    };
    // Posts {"test": true, "events": []} to the endpoint (no event), enabled or not; a status other than 2xx is an
    // error saying what the server answered.
    Result<Tested> test(const Transport& transport) const;

    QString logFile() const;

private:
    struct Line
    {
        QByteArray text;
        std::optional<Event> event;
    };
    Result<QList<Line>> readLog() const;
    Result<bool> writeLog(const QList<Line>& lines) const;
    Result<QByteArray> apiKey() const;
    Result<HttpRequest> remoteRequest(const QByteArray& body) const;
    QString entry(const QString& name, const QString& fallback = {}) const;
    void setEntry(const QString& name, const QVariant& value);
    QString installationId();

    Environment m_environment;
    Settings* m_settings;
    SecretStore m_store;
};

} // namespace chasm
