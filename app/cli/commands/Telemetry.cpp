// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm telemetry: structured events kept on this machine (TelemetryService), sent nowhere unless a remote endpoint
// is configured and enabled.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "http/HttpClientPlugin.h"
#include "json/Json.h"
#include "services/TelemetryService.h"
#include "util/IsoTime.h"
#include "util/Settings.h"

#include <QSaveFile>

#include <boost/json/array.hpp>

#include <iostream>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#else
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

struct TelemetryOptions
{
    // record
    std::string category = "custom";
    std::string event;
    std::string data;
    std::vector<std::string> pairs;
    std::vector<std::string> tags;
    std::optional<std::string> context;
    bool verbose = false;
    // show, export
    std::string filterCategory;
    std::string filterEvent;
    std::string filterTag;
    qsizetype limit = 20;
    std::string showFormat = "table";
    std::string after;
    std::string before;
    std::string output;
    std::string exportFormat;
    bool withMetadata = false;
    // clear
    bool force = false;
    std::optional<int> olderThan;
    // config
    std::optional<std::string> endpoint;
    std::optional<std::string> apiKey;
    bool enableRemote = false;
    bool disableRemote = false;
    // sync
    std::optional<qsizetype> syncLimit;
    bool clearAfter = false;
};

QString timeText(const QDateTime& time)
{
    return time.isValid() ? isoUtc(time, TimePrecision::Seconds) : u"—"_s;
}

boost::json::object statusJson(const TelemetryService::Status& s)
{
    boost::json::object remote{
        {"endpoint", s.endpoint.isEmpty() ? boost::json::value(nullptr) : boost::json::value(s.endpoint.toStdString())},
        {"enabled", s.remote},
        {"api_key", s.keyStored ? "keychain" : "none"},
        {"unsent", s.unsent},
        {"last_sync",
         s.lastSync.isValid() ? boost::json::value(timeText(s.lastSync).toStdString()) : boost::json::value(nullptr)}};
    return {{"enabled", s.enabled},
            {"records_commands", s.enabled && s.blockedBy.isEmpty()},
            {"blocked_by",
             s.blockedBy.isEmpty() ? boost::json::value(nullptr) : boost::json::value(s.blockedBy.toStdString())},
            {"installation_id", s.installationId.toStdString()},
            {"log", s.logFile.toStdString()},
            {"events", s.events},
            {"unreadable_lines", s.unreadable},
            {"bytes", s.bytes},
            {"oldest",
             s.oldest.isValid() ? boost::json::value(timeText(s.oldest).toStdString()) : boost::json::value(nullptr)},
            {"newest",
             s.newest.isValid() ? boost::json::value(timeText(s.newest).toStdString()) : boost::json::value(nullptr)},
            {"remote", std::move(remote)}};
}

void printStatus(const Output& o, TelemetryService& service)
{
    const TelemetryService::Status s = take(service.status());
    if (o.json) {
        o.print(statusJson(s));
        return;
    }
    QString recording =
        s.enabled
            ? u"on: each command Chasm runs is noted (its name, exit code and duration; never a "
              u"path, an argument or a word of a chat)"_s
            : u"off: Chasm notes none of its commands (chasm telemetry opt-in to let it; events you record are kept)"_s;
    if (s.enabled && !s.blockedBy.isEmpty()) {
        recording = u"on, but %1 stops Chasm noting its commands"_s.arg(s.blockedBy);
    }
    o.line(u"Telemetry:        "_s + recording);
    o.line(u"Log:              %1 (%2 events, %3%4)"_s.arg(s.logFile)
               .arg(s.events)
               .arg(humanSize(s.bytes))
               .arg(s.unreadable ? u", %1 unreadable lines kept"_s.arg(s.unreadable) : QString()));
    if (s.events > 0) {
        o.line(u"Events from:      %1 to %2"_s.arg(timeText(s.oldest), timeText(s.newest)));
    }
    o.line(u"Installation id:  "_s + s.installationId);
    if (s.endpoint.isEmpty() || !s.remote) {
        o.line(u"Remote sending:   off: nothing leaves this machine%1"_s.arg(
            s.endpoint.isEmpty() ? QString() : u" (endpoint %1 configured)"_s.arg(s.endpoint)));
    } else {
        o.line(u"Remote sending:   on, to %1 (key: %2); %3 events not sent yet%4"_s.arg(s.endpoint)
                   .arg(s.keyStored ? u"in the system keychain"_s : u"none"_s)
                   .arg(s.unsent)
                   .arg(s.lastSync.isValid() ? u", last sync %1"_s.arg(timeText(s.lastSync)) : QString()));
    }
}

// A value of -k key=value: a number, true, false or null as JSON takes them, anything else as text.
boost::json::value pairValue(const QString& text)
{
    if (text == u"true"_s || text == u"false"_s) {
        return text == u"true"_s;
    }
    if (text == u"null"_s) {
        return nullptr;
    }
    bool integer = false;
    const qint64 n = text.toLongLong(&integer);
    if (integer) {
        return n;
    }
    bool real = false;
    const double d = text.toDouble(&real);
    if (real && !text.trimmed().isEmpty()) {
        return d;
    }
    return json::fromQString(text);
}

void record(const Commands& commands, const TelemetryOptions& o)
{
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    TelemetryService::Event event;
    event.category = q(o.category);
    event.event = q(o.event);
    event.source = u"user"_s;
    if (!o.data.empty()) {
        auto data = json::parse(o.data, u"--data"_s);
        if (!data || !data->is_object()) {
            throw CommandError{u"--data is a JSON object, as in -d '{\"files\": 3}'"_s};
        }
        event.data = data->as_object();
    }
    for (const std::string& pair : o.pairs) {
        const QString text = q(pair);
        const qsizetype equals = text.indexOf(u'=');
        if (equals <= 0) {
            throw CommandError{u"-k takes key=value, not '%1'"_s.arg(text)};
        }
        event.data[text.left(equals).toStdString()] = pairValue(text.mid(equals + 1));
    }
    for (const std::string& tag : o.tags) {
        if (!tag.empty()) {
            event.tags << q(tag);
        }
    }
    if (o.context) {
        boost::json::object context = TelemetryService::machineContext();
        if (!o.context->empty()) {
            context["note"] = *o.context;
        }
        event.context = std::move(context);
    }
    const TelemetryService::Event recorded = take(service.record(std::move(event)));
    const Output& out = commands.output();
    if (out.json || o.verbose) {
        out.print(TelemetryService::toJson(recorded));
    } else {
        out.line(u"recorded %1/%2 (%3)"_s.arg(recorded.category, recorded.event, recorded.id));
    }
}

TelemetryService::Filter filterOf(const TelemetryOptions& o, qsizetype limit)
{
    TelemetryService::Filter f;
    f.category = q(o.filterCategory);
    f.event = q(o.filterEvent);
    f.tag = q(o.filterTag);
    if (!o.after.empty()) {
        f.after = parseDate(o.after, "--after", false);
    }
    if (!o.before.empty()) {
        f.before = parseDate(o.before, "--before", true);
    }
    f.limit = limit;
    return f;
}

void show(const Commands& commands, const TelemetryOptions& o)
{
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    const QList<TelemetryService::Event> events = take(service.events(filterOf(o, o.limit)));
    const Output& out = commands.output();
    const std::string format = out.json ? "json" : o.showFormat;
    if (format != "table") {
        out.out << service.exported(events, *TelemetryService::formatNamed(q(format)), false).toStdString();
        return;
    }
    if (events.isEmpty()) {
        out.line(u"No events%1."_s.arg(o.filterCategory.empty() && o.filterEvent.empty() && o.filterTag.empty() &&
                                               o.after.empty() && o.before.empty()
                                           ? QString()
                                           : u" match"_s));
        return;
    }
    TextTable table({u"TIME"_s, u"CATEGORY"_s, u"EVENT"_s, u"SOURCE"_s, u"TAGS"_s, u"DATA"_s});
    table.setWhole(0);
    for (const TelemetryService::Event& e : events) {
        table.addRow({timeText(e.time), e.category, e.event, e.source, e.tags.join(u","_s),
                      e.data.empty() ? QString() : QString::fromStdString(boost::json::serialize(e.data))});
    }
    out.table(table);
}

void exportEvents(const Commands& commands, const TelemetryOptions& o)
{
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    const QString output = q(o.output);
    // The format by name, else by the file's suffix, else JSON Lines (the seed's default).
    QString name = q(o.exportFormat);
    if (name.isEmpty()) {
        const QString suffix = output.section(u'.', -1).toLower();
        name = TelemetryService::formatNamed(suffix) && output.contains(u'.') ? suffix : u"jsonl"_s;
    }
    TelemetryOptions filter = o;
    filter.filterEvent.clear();
    filter.filterTag.clear();
    const QList<TelemetryService::Event> events = take(service.events(filterOf(filter, 0)));
    const QByteArray bytes = service.exported(events, *TelemetryService::formatNamed(name), o.withMetadata);
    const Output& out = commands.output();
    if (output == u"-"_s) {
        out.out << bytes.toStdString();
        return;
    }
    const QString path = commands.catalog().environment().absolutePath(output);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        throw CommandError{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    }
    if (out.json) {
        out.print(boost::json::object{
            {"file", path.toStdString()}, {"format", name.toStdString()}, {"events", events.size()}});
    } else {
        out.line(u"exported %1 events to %2 (%3)"_s.arg(events.size()).arg(path, name));
    }
}

void clear(const Commands& commands, const TelemetryOptions& o)
{
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    const Output& out = commands.output();
    if (!o.force) {
        TelemetryService::Filter f;
        if (o.olderThan) {
            f.before = QDateTime::currentDateTimeUtc().addDays(-*o.olderThan);
        }
        const qsizetype count = take(service.events(f)).size();
        if (count == 0) {
            out.line(u"No events to remove."_s);
            return;
        }
        const QString what = o.olderThan ? u"%1 events older than %2 days"_s.arg(count).arg(*o.olderThan)
                                         : u"all %1 events"_s.arg(count);
        if (isatty(STDIN_FILENO) != 1 || out.json) {
            throw CommandError{u"this removes %1 from %2: add --force to do it"_s.arg(what, service.logFile())};
        }
        out.err << "Remove " << what.toStdString() << " from " << service.logFile().toStdString() << "? [y/N] "
                << std::flush;
        std::string answer;
        std::getline(std::cin, answer);
        if (answer != "y" && answer != "Y" && answer != "yes") {
            out.line(u"Nothing removed."_s);
            return;
        }
    }
    const TelemetryService::Removed removed = take(service.clear(o.olderThan));
    if (out.json) {
        out.print(boost::json::object{{"removed", removed.removed}, {"kept", removed.kept}});
    } else {
        out.line(u"removed %1 events, %2 kept"_s.arg(removed.removed).arg(removed.kept));
    }
}

void configure(const Commands& commands, const TelemetryOptions& o)
{
    if (o.enableRemote && o.disableRemote) {
        throw CommandError{u"--enable-remote and --disable-remote: one or the other"_s};
    }
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    TelemetryService::RemoteChange change;
    if (o.endpoint) {
        change.endpoint = q(*o.endpoint).trimmed();
    }
    if (o.apiKey) {
        if (*o.apiKey == "-") {
            // From stdin, so that the key is in no process list nor shell history.
            std::string key;
            std::getline(std::cin, key);
            change.apiKey = QByteArray::fromStdString(key).trimmed();
        } else {
            change.apiKey = QByteArray::fromStdString(*o.apiKey).trimmed();
            if (!change.apiKey->isEmpty()) {
                commands.output().err << "chasm telemetry: a key on the command line is seen by every process list "
                                         "and kept in your shell's history; --api-key - reads it from stdin"
                                      << std::endl;
            }
        }
    }
    if (o.enableRemote || o.disableRemote) {
        change.enabled = o.enableRemote;
    }
    take(service.configure(change));
    printStatus(commands.output(), service);
}

void sync(const Commands& commands, const TelemetryOptions& o)
{
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    const TelemetryService::Synced synced = take(service.sync(httpClients().send, o.syncLimit, o.clearAfter));
    const Output& out = commands.output();
    if (out.json) {
        out.print(boost::json::object{
            {"sent", synced.sent}, {"requests", synced.requests}, {"cleared", synced.cleared}, {"left", synced.left}});
        return;
    }
    out.line(u"sent %1 events in %2 requests%3; %4 not sent yet"_s.arg(synced.sent)
                 .arg(synced.requests)
                 .arg(o.clearAfter ? u", %1 removed from the log"_s.arg(synced.cleared) : QString())
                 .arg(synced.left));
}

void test(const Commands& commands)
{
    Settings settings = commands.settings();
    TelemetryService service(commands.catalog().environment(), &settings);
    const TelemetryService::Tested tested = take(service.test(httpClients().send));
    const Output& out = commands.output();
    if (out.json) {
        out.print(boost::json::object{{"endpoint", tested.endpoint.toStdString()},
                                      {"status", tested.status},
                                      {"milliseconds", tested.milliseconds},
                                      {"remote_enabled", tested.remote}});
        return;
    }
    out.line(
        u"%1 answered HTTP %2 in %3 ms (a test message, no event)%4"_s.arg(tested.endpoint)
            .arg(tested.status)
            .arg(tested.milliseconds)
            .arg(tested.remote ? QString() : u"; remote sending is off: sync sends nothing until --enable-remote"_s));
}

} // namespace

void addTelemetryCommands(CommandTable& table)
{
    TelemetryOptions& o = table.options<TelemetryOptions>();
    CLI::App* t = table.app()
                      .add_subcommand("telemetry", "Structured events kept on this machine for your own analysis; "
                                                   "nothing is sent unless you configure and enable a remote endpoint")
                      ->require_subcommand(1);

    CLI::App* info = t->add_subcommand("info", "Show whether Chasm notes its commands, the log, and remote sending")
                         ->alias("status");
    table.on(info, [](Commands& c) {
        Settings settings = c.settings();
        TelemetryService service(c.catalog().environment(), &settings);
        printStatus(c.output(), service);
    });
    const auto toggle = [&table](CLI::App* command, bool enabled) {
        table.on(command, [enabled](Commands& c) {
            Settings settings = c.settings();
            TelemetryService service(c.catalog().environment(), &settings);
            service.setEnabled(enabled);
            printStatus(c.output(), service);
        });
    };
    toggle(t->add_subcommand("opt-in", "Let Chasm note each command it runs in the local log (off until you do)")
               ->alias("enable"),
           true);
    toggle(
        t->add_subcommand("opt-out", "Stop Chasm noting its commands (the default; events you record are still kept)")
            ->alias("disable"),
        false);
    CLI::App* reset = t->add_subcommand("reset", "Make a new installation id (exports and syncs carry it)");
    table.on(reset, [](Commands& c) {
        Settings settings = c.settings();
        TelemetryService service(c.catalog().environment(), &settings);
        const QString id = service.reset();
        if (c.output().json) {
            c.output().print(boost::json::object{{"installation_id", id.toStdString()}});
        } else {
            c.output().line(u"new installation id: "_s + id);
        }
    });

    CLI::App* r = t->add_subcommand("record", "Record a structured event for later analysis")->alias("log");
    table.oneOf(r->add_option("-c,--category", o.category, "The event's category (default: custom)"),
                {"workflow", "error", "performance", "usage", "custom"});
    r->add_option("-e,--event", o.event, "The event's name (letters, digits and . _ - : /)")->required();
    r->add_option("-d,--data", o.data, "Its data, a JSON object");
    r->add_option("-k,--kv", o.pairs, "key=value added to its data (numbers and true/false as such); repeatable");
    r->add_option("-t,--tags", o.tags, "Tags; repeatable");
    r->add_option("--context", o.context,
                  "Attach the machine's context (Chasm's version, the system, Qt's version), and TEXT as a note")
        ->expected(0, 1)
        ->default_str("")
        ->type_name("[TEXT]");
    r->add_flag("-v,--verbose", o.verbose, "Print the event recorded, as JSON");
    table.on(r, [&o](Commands& c) { record(c, o); });

    CLI::App* s = t->add_subcommand("show", "Show recorded events, the latest last")->alias("logs");
    table.suggest(s->add_option("-c,--category", o.filterCategory, "Only this category"),
                  {"workflow", "error", "performance", "usage", "custom"});
    s->add_option("-e,--event", o.filterEvent, "Only this event");
    s->add_option("-t,--tag", o.filterTag, "Only events with this tag");
    s->add_option("-n,--limit", o.limit, "The latest this many (default: 20; 0: all)");
    table.oneOf(s->add_option("-f,--format", o.showFormat, "table (default), json or jsonl"),
                {"table", "json", "jsonl"});
    s->add_option("--after", o.after, "From this date or time on (YYYY-MM-DD or ISO 8601)");
    s->add_option("--before", o.before, "Up to this date or time (YYYY-MM-DD or ISO 8601)");
    table.on(s, [&o](Commands& c) { show(c, o); });

    CLI::App* e = t->add_subcommand("export", "Write the events to a file for analysis (- writes to stdout)");
    e->add_option("output", o.output, "The file to write (replaced whole)")->required();
    table.oneOf(
        e->add_option("-f,--format", o.exportFormat, "json, jsonl or csv (default: by the file's suffix, else jsonl)"),
        {"json", "jsonl", "csv"});
    table.suggest(e->add_option("-c,--category", o.filterCategory, "Only this category"),
                  {"workflow", "error", "performance", "usage", "custom"});
    e->add_option("--after", o.after, "From this date or time on");
    e->add_option("--before", o.before, "Up to this date or time");
    e->add_flag("--with-metadata", o.withMetadata,
                "Add the installation id, Chasm's version and the time of the export");
    table.on(e, [&o](Commands& c) { exportEvents(c, o); });

    CLI::App* cl = t->add_subcommand("clear", "Remove recorded events (asks first on a terminal)");
    cl->add_flag("-f,--force", o.force, "Without asking");
    cl->add_option("--older-than", o.olderThan, "Only events older than this many days")->check(CLI::NonNegativeNumber);
    table.on(cl, [&o](Commands& c) { clear(c, o); });

    CLI::App* cf = t->add_subcommand(
        "config", "Configure the remote endpoint sync sends to (https; the key goes to the system keychain)");
    cf->add_option("--endpoint", o.endpoint,
                   "The endpoint events are posted to: https://…, or http:// on this machine (empty: none)");
    cf->add_option("--api-key", o.apiKey, "The key sent as a bearer token; - reads it from stdin (empty: remove it)");
    cf->add_flag("--enable-remote", o.enableRemote, "Allow sync to send events to the endpoint");
    cf->add_flag("--disable-remote", o.disableRemote, "Send nothing (the default)");
    table.on(cf, [&o](Commands& c) { configure(c, o); });

    CLI::App* sy = t->add_subcommand("sync", "Send the events not sent yet to the remote endpoint (when enabled)");
    sy->add_option("-n,--limit", o.syncLimit, "At most this many events")->check(CLI::PositiveNumber);
    sy->add_flag("--clear-after", o.clearAfter, "Remove the events sent from the local log");
    table.on(sy, [&o](Commands& c) { sync(c, o); });

    CLI::App* te = t->add_subcommand("test", "Send a test message (no event) to the remote endpoint");
    table.on(te, [](Commands& c) { test(c); });
}

} // namespace chasm::cli
