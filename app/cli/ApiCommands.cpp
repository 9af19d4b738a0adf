// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm api serve: the REST API (RestApi, this program's) and MCP (this program's engine) served on one port by
// the chasm-http module; chasm api token: the token kept in the system keychain.

#include "Commands.h"
#include "http/ApiHttpPlugin.h"
#include "http/McpEngineAdapter.h"
#include "http/McpHttpPlugin.h"
#include "mcp/McpServer.h"
#include "rest/RestApi.h"
#include "services/ApiTokenService.h"
#include "util/Settings.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace chasm::cli {

void Commands::apiServe(const std::string& database, const ApiServe& serve) const
{
    http::ApiHttpOptions options;
    options.host = q(serve.host);
    options.port = quint16(serve.port);
    options.noAuth = serve.noAuth;
    options.token = serve.noAuth ? QByteArray() : serverToken(serve.tokenFile, m_catalog.environment());
    options.maxInFlight = serve.maxInFlight;
    // Allowed origins from the settings (read only when there is a settings file: serving makes none) and the options.
    const QString settingsFile = Settings::defaultFile(m_catalog.environment());
    if (QFileInfo::exists(settingsFile)) {
        options.allowedOrigins = Settings(settingsFile).serverAllowedOrigins();
    }
    for (const std::string& origin : serve.allowOrigins) {
        options.allowedOrigins << q(origin);
    }
    options.allowedOrigins.removeDuplicates();
    if (!serve.noAuth && options.token.isEmpty()) {
        // Neither --token-file nor $CHASM_API_TOKEN: the keychain's token, made on the first start. Without a
        // keychain the server has none, and listening refuses (unless --no-auth on loopback, which asks none).
        const auto kept = ApiTokenService().token();
        if (kept) {
            options.token = kept->value;
            if (kept->created) {
                m_o.err << "chasm api: made a new token and kept it in the system keychain (`chasm api token` "
                           "prints it)"
                        << std::endl;
            }
        } else {
            m_o.err << "chasm api: no token kept: " << kept.error().message.toStdString() << std::endl;
        }
    }
    // The transport is a module: no other command loads QtNetwork and the libraries it brings.
    QString error;
    using Entry = const http::ApiHttpPlugin* (*)();
    const auto entry = reinterpret_cast<Entry>(programModule(http::mcpHttpPluginName, http::apiHttpPluginEntry, error));
    if (!entry) {
        throw CommandError{u"serving the API needs the chasm-http module, which cannot be loaded: "_s + error};
    }
    rest::RestApi api(m_catalog.environment(), {q(database), {}, modelLibrary});
    // MCP at /mcp reads the same database as it is, as the API does: POST /harvest or `chasm harvest run` updates it.
    mcp::McpServer::Options mcpOptions;
    mcpOptions.database = q(database);
    mcpOptions.harvest = false;
    mcp::McpServer mcp(m_catalog.environment(), mcpOptions);
    http::McpEngineAdapter engine(mcp);
    const http::ApiHttpPlugin::Serving serving = take(entry()->serve(api, engine, options));
    api.setServing(options, quint16(serving.url.port()));
    m_o.err << "chasm api: serving " << serving.url.toString().toStdString() << "/api/v1 and "
            << serving.url.toString().toStdString() << "/mcp"
            << (options.noAuth ? " without a token" : " (bearer token)") << " (database "
            << api.databasePath().toStdString() << ")" << std::endl;
    // SIGTERM (or Ctrl+C) ends serving gracefully: no new request is taken, a harvest running stops at its next
    // session (what it stored stays, its temporary files go), the requests running are answered, and the command
    // exits 0.
    const StopSignals stopSignals([this, &serving, &api] {
        m_o.err << "chasm api: stopping: answering the requests still running" << std::endl;
        api.stop();
        serving.shutdown([] { QCoreApplication::quit(); });
    });
    QCoreApplication::exec();
}

void Commands::apiToken(bool regenerate) const
{
    const ApiTokenService tokens;
    const auto token = regenerate ? tokens.regenerate() : tokens.token();
    if (!token) {
        throw CommandError{token.error().message + u": no token can be kept, give one to `chasm api serve` with "
                                                   u"--token-file FILE or CHASM_API_TOKEN"_s};
    }
    if (!m_catalog.environment().variable(u"CHASM_API_TOKEN"_s).trimmed().isEmpty()) {
        m_o.err << "chasm api: CHASM_API_TOKEN is set: `chasm api serve` uses it, not the keychain's token below"
                << std::endl;
    }
    if (m_o.json) {
        m_o.print(boost::json::object{{"token", token->value.toStdString()}, {"created", token->created}});
        return;
    }
    m_o.out << token->value.toStdString() << std::endl;
}

} // namespace chasm::cli
