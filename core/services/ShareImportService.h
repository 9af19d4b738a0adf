// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/ShareLinks.h"
#include "util/HttpRequest.h"
#include "util/Result.h"

#include <QList>
#include <QString>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <functional>

namespace chasm {

// Imports a conversation shared by link (`chasm harvest share`): ChatGPT's and Claude's share links become sessions of
// provider `shared` in the harvest database, kept there only (KeptProvider), so that they are listed, shown, searched
// and exported like the tools' sessions. Every link tried is a row of the database's share links (`harvest shares`)
// with how it ended; a link tried again updates its row and replaces its session. A link that fails leaves its reason
// and nothing else: the session is written whole, with its row, or not at all. Blocks until done: the command line,
// or a worker thread.
class ShareImportService
{
public:
    // The largest page read.
    static constexpr qint64 maxPageBytes = 32 * 1024 * 1024;

    // What fetches a page (PageClient, through the chasm-http module).
    using Transport = std::function<Result<HttpAnswer>(const HttpRequest&)>;

    struct Request
    {
        QString database;
        QString url;
        QString name;      // the session's title; empty: the conversation's own
        QString workspace; // a workspace name the session is filed under
        QString service;   // chatgpt, claude, gemini: needed for a link on this machine (see SharePage::recognise)
        std::chrono::milliseconds timeout{30000};
    };
    struct Report
    {
        QString database;
        ShareLinks::Link link;
        bool replaced = false; // an earlier import of the link was replaced
        bool imported() const { return link.status == u"imported"; }
    };
    // An error only when the database cannot be read or written; a link that fails is a Report saying why.
    static Result<Report> import(const Request& request, const Transport& transport);

    struct ListReport
    {
        QString database;
        QList<ShareLinks::Link> links;
    };
    // Newest tried first; `status` one of the statuses, or empty for all.
    static Result<ListReport> list(const QString& database, const QString& status, int limit);
};

// The keys of a share link: url, service, status, reason, session_id, title, name, workspace, messages, added,
// imported, tried (null when unknown).
boost::json::object toJson(const ShareLinks::Link& link);
// harvest share --json: the link's keys, "database" and "replaced".
boost::json::object toJson(const ShareImportService::Report& report);
// harvest shares --json: the links.
boost::json::array toJson(const ShareImportService::ListReport& report);

} // namespace chasm
