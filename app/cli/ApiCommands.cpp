// chasm api serve: the REST API (RestApi, this program's) and MCP (this program's engine) served on one port by
// the chasm-http module.

#include "Commands.h"
#include "http/ApiHttpPlugin.h"
#include "http/McpEngineAdapter.h"
#include "http/McpHttpPlugin.h"
#include "mcp/McpServer.h"
#include "rest/RestApi.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace chasm::cli {

void Commands::apiServe(const std::string& database, const ApiServe& serve) const
{
    http::ApiHttpOptions options;
    options.host = q(serve.host);
    options.port = quint16(serve.port);
    options.noAuth = serve.noAuth;
    options.token = serve.noAuth ? QByteArray() : serverToken(serve.tokenFile, m_catalog.environment());
    // The transport is a module: no other command loads QtNetwork and the libraries it brings.
    QString error;
    using Entry = const http::ApiHttpPlugin* (*)();
    const auto entry = reinterpret_cast<Entry>(programModule(http::mcpHttpPluginName, http::apiHttpPluginEntry, error));
    if (!entry) {
        throw CommandError{u"serving the API needs the chasm-http module, which cannot be loaded: "_s + error};
    }
    rest::RestApi api(m_catalog.environment(), {q(database)});
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
    QCoreApplication::exec();
}

} // namespace chasm::cli
