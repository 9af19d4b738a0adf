// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/HttpRequest.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>
#include <optional>

namespace chasm {

// Brings recorded sessions back from a Chasm API server (`chasm recover recording`): lists them (GET
// /api/v1/recording/sessions) or takes the one asked, fetches each (GET /api/v1/recording/sessions/{id}) and either
// writes it into a folder as a session file of the export's json format, named after its id, or stores it in the
// harvest database as the recording stores a client's snapshot (RecordingService), so that it is a session of
// provider `recording` there. What the server says is checked as a client's snapshot is (ids, sizes, roles), and
// read no further than a bound. Run twice, it changes nothing the second time. Blocks until done: the command line,
// or a worker thread.
class RecoverRecordingService
{
public:
    // The largest answer read: the list of sessions, one session.
    static constexpr qint64 maxListBytes = 16 * 1024 * 1024;
    static constexpr qint64 maxSessionBytes = 64 * 1024 * 1024;

    // What carries the requests (HttpClient, through the chasm-http module).
    using Transport = std::function<Result<HttpAnswer>(const HttpRequest&)>;

    struct Request
    {
        QUrl server;       // http://HOST[:PORT], the API under /api/v1
        QString sessionId; // only this session; empty: every one the server recorded
        // A folder to write the sessions into (made when missing); empty: into `database`.
        QString outputFolder;
        QString database;
        QByteArray token; // the server's bearer token; empty: none is sent
        // Said after a refused or missing token: how the user gives one ("give it with --token-file FILE").
        QString tokenAdvice;
        std::chrono::milliseconds timeout{30000}; // per request
    };

    struct Item
    {
        enum class Outcome
        {
            Stored,    // into the database
            Written,   // a file into the folder
            Unchanged, // the database holds it up to the server's last event, or the folder the same file
            Failed,
        };
        QString sessionId; // as the server named it (when refused, as much as can be shown of it)
        // The session as fetched; none when it was not (unchanged by its last event, refused).
        QString title;
        std::optional<qsizetype> messages;
        qint64 lastSeq = 0;
        Outcome outcome = Outcome::Failed;
        QString file; // written, or found the same
        QString error;
    };
    struct Report
    {
        QString server;
        QString destination; // the folder, or the database
        bool intoDatabase = true;
        QList<Item> sessions;
        int count(Item::Outcome outcome) const;
    };

    static Result<Report> run(const Request& request, const Transport& transport);

    static QString outcomeName(Item::Outcome outcome);
};

// recover recording --json: {"server", "destination", "into", "sessions": [...], "stored", "written", "unchanged",
// "failed"}.
boost::json::object toJson(const RecoverRecordingService::Report& report);

} // namespace chasm
