// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "util/Environment.h"
#include "util/HttpRequest.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <boost/json/object.hpp>

#include <chrono>
#include <functional>

namespace chasm {

// Whether the web chat services whose share links Chasm imports (ChatGPT, Claude, Gemini) can be reached from here
// (`harvest scan --web`): one HEAD request for each home page, all at once, each within the timeout. Nothing else is
// sent. Blocks until every probe answered or its time ran out.
class WebScanService
{
public:
    // What carries a probe (HttpClient::head, through the chasm-http module).
    using Transport = std::function<HttpProbeResult(const HttpProbe&)>;

    struct Service
    {
        QString name; // "chatgpt"
        QUrl url;     // its home page
    };

    struct Probe
    {
        Service service;
        HttpProbeResult result;
        qint64 latencyMs = 0; // from the start to the status line, or to the failure
    };

    struct Report
    {
        std::chrono::milliseconds timeout{};
        QList<Probe> probes; // in the order of the services
    };

    // The services probed: ChatGPT, Claude and Gemini, or for tests those of CHASM_WEB_SERVICES
    // (`name=url,name=url`); an error names an entry that is not one.
    static Result<QList<Service>> services(const Environment& environment);

    static Report run(const QList<Service>& services, std::chrono::milliseconds timeout, const Transport& transport);

    // "dns", "refused", "timeout", "tls", "error"; empty when it answered.
    static QString failureName(HttpProbeResult::Failure failure);
};

boost::json::object toJson(const WebScanService::Report& report);

} // namespace chasm
