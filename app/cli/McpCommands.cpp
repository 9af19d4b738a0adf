// chasm mcp serve, over stdio or (--http) Streamable HTTP.

#include "Commands.h"
#include "http/McpEngineAdapter.h"
#include "http/McpHttpPlugin.h"
#include "mcp/StdioTransport.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

mcp::McpServer::Options serverOptions(const std::string& database, int maxTokens, bool harvest)
{
    mcp::McpServer::Options options;
    options.database = q(database);
    options.maxTokens = maxTokens;
    options.harvest = harvest;
    return options;
}

// The bearer token HTTP clients must bring: the file's content without its surrounding white space, or
// $CHASM_API_TOKEN; empty when neither is given.
QByteArray tokenOf(const std::string& tokenFile, const Environment& environment)
{
    if (tokenFile.empty()) {
        return environment.variable(u"CHASM_API_TOKEN"_s).trimmed().toUtf8();
    }
    QFile file(environment.absolutePath(q(tokenFile)));
    if (!file.open(QIODevice::ReadOnly)) {
        throw CommandError{u"cannot read the token file %1: %2"_s.arg(file.fileName(), file.errorString())};
    }
    const QByteArray token = file.read(64 * 1024).trimmed();
    if (token.isEmpty()) {
        throw CommandError{u"the token file %1 is empty"_s.arg(file.fileName())};
    }
    return token;
}

} // namespace

void Commands::mcpServe(const std::string& database, int maxTokens, bool harvest) const
{
    mcp::McpServer server(m_catalog.environment(), serverOptions(database, maxTokens, harvest));
    m_o.err << "chasm mcp: serving the chat history on stdin and stdout (database "
            << server.databasePath().toStdString() << ")" << std::endl;
    if (mcp::serveStdio(server, stdin, stdout) != 0) {
        throw CommandError{QStringLiteral("cannot read the standard input")};
    }
}

void Commands::mcpServeHttp(const std::string& database, int maxTokens, bool harvest, const McpHttp& http) const
{
    http::McpHttpOptions options;
    options.host = q(http.host);
    options.port = quint16(http.port);
    options.token = tokenOf(http.tokenFile, m_catalog.environment());
    // The transport is a module: no other command loads QtNetwork and the libraries it brings.
    QString error;
    using Entry = const http::McpHttpPlugin* (*)();
    const auto entry = reinterpret_cast<Entry>(programModule(http::mcpHttpPluginName, http::mcpHttpPluginEntry, error));
    if (!entry) {
        throw CommandError{u"serving MCP over HTTP needs the chasm-http module, which cannot be loaded: "_s + error};
    }
    mcp::McpServer server(m_catalog.environment(), serverOptions(database, maxTokens, harvest));
    http::McpEngineAdapter engine(server);
    const http::McpHttpPlugin::Serving serving = take(entry()->serve(engine, options));
    m_o.err << "chasm mcp: serving the chat history on " << serving.url.toString().toStdString() << " (database "
            << server.databasePath().toStdString() << ")" << std::endl;
    QCoreApplication::exec();
}

} // namespace chasm::cli
