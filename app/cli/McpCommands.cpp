// chasm mcp serve.

#include "Commands.h"
#include "mcp/StdioTransport.h"

#include <cstdio>

namespace chasm::cli {

void Commands::mcpServe(const std::string& database, int maxTokens, bool harvest) const
{
    mcp::McpServer::Options options;
    options.database = q(database);
    options.maxTokens = maxTokens;
    options.harvest = harvest;
    mcp::McpServer server(m_catalog.environment(), options);
    m_o.err << "chasm mcp: serving the chat history on stdin and stdout (database "
            << server.databasePath().toStdString() << ")" << std::endl;
    if (mcp::serveStdio(server, stdin, stdout) != 0) {
        throw CommandError{QStringLiteral("cannot read the standard input")};
    }
}

} // namespace chasm::cli
