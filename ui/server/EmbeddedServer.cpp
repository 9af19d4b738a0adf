// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "EmbeddedServer.h"

#include "http/ApiHttpServer.h"
#include "http/McpEngineAdapter.h"
#include "llm/NetworkModelClient.h"
#include "mcp/McpServer.h"
#include "providers/Provider.h"
#include "rest/RestApi.h"
#include "services/ApiTokenService.h"
#include "services/HarvestDatabaseService.h"
#include "services/HarvestService.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace chasm {

namespace {

using RunReport = HarvestDatabaseService::RunReport;

// One harvest asked over HTTP, as the app's harvest service runs it: what the service's signals (GUI thread) tell,
// taken by the API's harvest thread.
struct AppRun
{
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<Harvester::Progress> progress;
    std::optional<Result<RunReport>> outcome;

    void end(Result<RunReport> result)
    {
        const std::lock_guard lock(mutex);
        outcome.emplace(std::move(result));
        changed.notify_all();
    }
};

// Starts the run on the GUI thread: the service's next run (the one that starts after this asked; one under way
// goes on first) is this request's.
void startOnService(const QPointer<HarvestService>& service, const QStringList& providers,
                    const std::shared_ptr<AppRun>& run)
{
    if (!service) {
        run->end(Error{u"the app is closing: no harvest is started"_s});
        return;
    }
    auto* watch = new QObject(service);
    auto mine = std::make_shared<bool>(false);
    const QString database = service->databasePath();
    QObject::connect(service, &HarvestService::started, watch, [mine] { *mine = true; });
    QObject::connect(service, &HarvestService::progressed, watch, [mine, run](const Harvester::Progress& progress) {
        if (*mine) {
            const std::lock_guard lock(run->mutex);
            run->progress = progress;
            run->changed.notify_all();
        }
    });
    QObject::connect(service, &HarvestService::finished, watch,
                     [mine, run, watch, database](const Harvester::Summary& summary) {
                         if (*mine) {
                             run->end(RunReport{database, summary, {}, {}});
                             watch->deleteLater();
                         }
                     });
    QObject::connect(service, &HarvestService::failed, watch, [mine, run, watch](const QString& error) {
        if (*mine) {
            run->end(Error{error});
            watch->deleteLater();
        }
    });
    // Waiting behind the app's own harvest, which the person cancelled: this one never starts.
    QObject::connect(service, &HarvestService::dropped, watch, [mine, run, watch] {
        if (!*mine) {
            run->end(Error{u"the harvest was cancelled in the app before it started"_s});
            watch->deleteLater();
        }
    });
    service->harvest(providers);
}

// POST /harvest in the app: the providers the request names, harvested by the app's service.
rest::RestApi::HarvestRunner appRunner(QPointer<HarvestService> service, std::shared_ptr<const SessionCatalog> catalog)
{
    return [service, catalog](const HarvestDatabaseService::RunRequest& request) -> Result<RunReport> {
        const auto chosen = HarvestDatabaseService(*catalog).chosenProviders(request.only, request.exclude);
        if (!chosen) {
            return chosen.error();
        }
        QStringList providers;
        for (const Provider* provider : *chosen) {
            providers << provider->id();
        }
        auto run = std::make_shared<AppRun>();
        QMetaObject::invokeMethod(QCoreApplication::instance(),
                                  [service, providers, run] { startOnService(service, providers, run); });
        std::unique_lock lock(run->mutex);
        while (!run->outcome) {
            if (request.options.cancel && request.options.cancel->load()) {
                return Error{u"the server stopped; the harvest goes on in the app"_s};
            }
            run->changed.wait_for(lock, 100ms);
            if (auto progress = std::exchange(run->progress, std::nullopt); progress && request.options.progress) {
                lock.unlock();
                request.options.progress(*progress);
                lock.lock();
            }
        }
        return *run->outcome;
    };
}

} // namespace

// What serves while the server runs; the transport first goes, then the controllers.
struct EmbeddedServer::Serving
{
    std::unique_ptr<rest::RestApi> api;
    std::unique_ptr<mcp::McpServer> mcp;
    std::unique_ptr<http::McpEngineAdapter> engine;
    std::unique_ptr<http::ApiHttpServer> http;
};

EmbeddedServer::EmbeddedServer(std::shared_ptr<const SessionCatalog> catalog, HarvestService* harvest, QObject* parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    , m_harvest(harvest)
{}

EmbeddedServer::~EmbeddedServer()
{
    if (m_serving) {
        m_serving->http.reset();
        m_serving.reset();
    }
}

QString EmbeddedServer::statusText() const
{
    switch (m_state) {
    case State::Stopped:
        return {};
    case State::Starting:
        return tr("API starting…");
    case State::Running:
        return tr("API on %1:%2").arg(m_url.host()).arg(m_url.port());
    case State::Failed:
        return tr("API not running: %1").arg(m_error);
    }
    return {};
}

void EmbeddedServer::start(const QString& host, quint16 port, const QStringList& allowedOrigins)
{
    release();
    const quint64 generation = ++m_generation;
    m_host = host;
    m_port = port;
    m_allowedOrigins = allowedOrigins;
    m_error.clear();
    setState(State::Starting);
    withToken([this, generation](const Result<QByteArray>& token) {
        if (generation != m_generation) {
            return;
        }
        if (!token) {
            fail(token.error().message);
            return;
        }
        listen(*token);
    });
}

void EmbeddedServer::withToken(std::function<void(const Result<QByteArray>&)> use)
{
    if (!m_token.isEmpty()) {
        use(m_token);
        return;
    }
    m_tokenWaiting.push_back(std::move(use));
    if (m_tokenWaiting.size() > 1) {
        return; // read already
    }
    ApiTokenService().tokenLater(this, [this](Result<ApiTokenService::Token> token) {
        // A token regenerated while this read ran is the one kept: what the read found may be the old one.
        if (token && m_token.isEmpty()) {
            m_token = token->value;
        }
        const Result<QByteArray> answer =
            !m_token.isEmpty() ? Result<QByteArray>(m_token) : Result<QByteArray>(token.error());
        for (const auto& waiting : std::exchange(m_tokenWaiting, {})) {
            waiting(answer);
        }
    });
}

void EmbeddedServer::stop()
{
    ++m_generation;
    release();
    m_error.clear();
    setState(State::Stopped);
}

void EmbeddedServer::listen(const QByteArray& token)
{
    const Environment& environment = m_catalog->environment();
    const QString database = m_harvest ? m_harvest->databasePath() : QString();
    http::ApiHttpOptions options;
    options.host = m_host;
    options.port = m_port;
    options.token = token;
    options.allowedOrigins = m_allowedOrigins;
    auto serving = std::make_unique<Serving>();
    serving->api =
        std::make_unique<rest::RestApi>(environment, rest::RestApi::Options{database, appRunner(m_harvest, m_catalog),
                                                                            [] { return &networkModelLibrary(); }});
    mcp::McpServer::Options mcpOptions;
    mcpOptions.database = database;
    mcpOptions.harvest = false; // the app's harvest service keeps the database up to date
    serving->mcp = std::make_unique<mcp::McpServer>(environment, mcpOptions);
    serving->engine = std::make_unique<http::McpEngineAdapter>(*serving->mcp);
    serving->http = std::make_unique<http::ApiHttpServer>(*serving->api, *serving->engine, options);
    if (auto listening = serving->http->listen(); !listening) {
        fail(listening.error().message);
        return;
    }
    m_url = serving->http->url();
    serving->api->setServing(options, quint16(m_url.port()));
    m_serving = std::move(serving);
    setState(State::Running);
}

void EmbeddedServer::fail(const QString& error)
{
    release();
    m_error = error;
    setState(State::Failed);
}

void EmbeddedServer::setState(State state)
{
    if (state != State::Running) {
        m_url.clear();
    }
    m_state = state;
    Q_EMIT stateChanged();
}

void EmbeddedServer::release()
{
    if (!m_serving) {
        return;
    }
    m_serving->http.reset();
    // The controllers wait for their requests (a harvest's thread leaves within 100 ms): not on the GUI thread.
    QThreadPool::globalInstance()->start(
        [rest = std::shared_ptr<Serving>(m_serving.release()), catalog = m_catalog]() mutable { rest.reset(); });
}

void EmbeddedServer::readToken()
{
    withToken([this](const Result<QByteArray>& token) {
        if (token) {
            Q_EMIT tokenRead(*token);
        } else {
            Q_EMIT tokenFailed(token.error().message);
        }
    });
}

void EmbeddedServer::regenerateToken()
{
    ApiTokenService().regenerateLater(this, [this](Result<ApiTokenService::Token> token) {
        if (!token) {
            Q_EMIT tokenFailed(token.error().message);
            return;
        }
        m_token = token->value;
        if (m_state == State::Running || m_state == State::Starting) {
            start(m_host, m_port, m_allowedOrigins);
        }
        Q_EMIT tokenRead(token->value);
    });
}

} // namespace chasm
