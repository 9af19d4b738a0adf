// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WebScanService.h"

#include "json/Json.h"

#include <QElapsedTimer>

#include <future>
#include <memory>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm {

Result<QList<WebScanService::Service>> WebScanService::services(const Environment& environment)
{
    const QString given = environment.variable(u"CHASM_WEB_SERVICES"_s);
    if (given.isEmpty()) {
        return QList<Service>{{u"chatgpt"_s, QUrl(u"https://chatgpt.com/"_s)},
                              {u"claude"_s, QUrl(u"https://claude.ai/"_s)},
                              {u"gemini"_s, QUrl(u"https://gemini.google.com/"_s)}};
    }
    QList<Service> list;
    for (const QString& entry : given.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype equals = entry.indexOf(u'=');
        const QUrl url(equals > 0 ? entry.mid(equals + 1).trimmed() : QString());
        if (equals <= 0 || !url.isValid() || url.host().isEmpty() ||
            (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
            return Error{u"CHASM_WEB_SERVICES: '%1' is not NAME=http(s)://HOST[:PORT]/"_s.arg(entry),
                         ErrorKind::Invalid};
        }
        list.append({entry.left(equals).trimmed(), url});
    }
    return list;
}

WebScanService::Report WebScanService::run(const QList<Service>& services, std::chrono::milliseconds timeout,
                                           const Transport& transport)
{
    // Each probe on a thread of its own, waited for until the timeout and a second more: a name lookup the system
    // does not cut short is left behind, reported as a timeout, and ends with the process.
    std::vector<std::future<Probe>> pending;
    for (const Service& service : services) {
        auto promise = std::make_shared<std::promise<Probe>>();
        pending.push_back(promise->get_future());
        std::thread([promise, service, timeout, transport] {
            QElapsedTimer clock;
            clock.start();
            Probe probe{service, transport({service.url, timeout}), 0};
            probe.latencyMs = clock.elapsed();
            promise->set_value(probe);
        }).detach();
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout + std::chrono::seconds(1);
    Report report{timeout, {}};
    for (size_t i = 0; i < pending.size(); ++i) {
        if (pending[i].wait_until(deadline) == std::future_status::ready) {
            report.probes.append(pending[i].get());
            continue;
        }
        const HttpProbeResult late{0, HttpProbeResult::Failure::Timeout,
                                   u"no answer within %1 ms"_s.arg(qint64(timeout.count()))};
        report.probes.append({services.at(qsizetype(i)), late, qint64((timeout + std::chrono::seconds(1)).count())});
    }
    return report;
}

QString WebScanService::failureName(HttpProbeResult::Failure failure)
{
    switch (failure) {
    case HttpProbeResult::Failure::None:
        return {};
    case HttpProbeResult::Failure::Dns:
        return u"dns"_s;
    case HttpProbeResult::Failure::Refused:
        return u"refused"_s;
    case HttpProbeResult::Failure::Timeout:
        return u"timeout"_s;
    case HttpProbeResult::Failure::Tls:
        return u"tls"_s;
    case HttpProbeResult::Failure::Other:
        return u"error"_s;
    }
    return u"error"_s;
}

boost::json::object toJson(const WebScanService::Report& report)
{
    boost::json::array probes;
    for (const WebScanService::Probe& p : report.probes) {
        const bool reachable = p.result.failure == HttpProbeResult::Failure::None;
        boost::json::object o{{"name", json::fromQString(p.service.name)},
                              {"url", json::fromQString(p.service.url.toString())},
                              {"reachable", reachable},
                              {"latency_ms", p.latencyMs}};
        o["status"] = reachable ? boost::json::value(p.result.status) : boost::json::value(nullptr);
        o["reason"] = reachable ? boost::json::value(nullptr)
                                : boost::json::value(json::fromQString(WebScanService::failureName(p.result.failure)));
        o["message"] =
            reachable ? boost::json::value(nullptr) : boost::json::value(json::fromQString(p.result.message));
        probes.emplace_back(std::move(o));
    }
    return {{"timeout_seconds", double(report.timeout.count()) / 1000.0}, {"services", std::move(probes)}};
}

} // namespace chasm
