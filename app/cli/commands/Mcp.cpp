// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm mcp: the history served to AI agents over the Model Context Protocol.

#include "Commands.h"
#include "commands/CommandTable.h"
#include "mcp/McpClientSetup.h"

namespace chasm::cli {

namespace {

struct McpOptions
{
    int maxTokens = 20000;
    bool noHarvest = false;
    std::string client;
    bool http = false;
    Commands::McpHttp served{"127.0.0.1", 8788, {}};
};

} // namespace

void addMcpCommands(CommandTable& table)
{
    McpOptions& o = table.options<McpOptions>();
    const CommandTable::Globals& globals = table.globals();
    CLI::App* mcp = table.app()
                        .add_subcommand("mcp", "Serve the chat history to AI agents (Model Context Protocol)")
                        ->require_subcommand(1);
    CLI::App* serve = mcp->add_subcommand(
        "serve", "Answer an MCP client on stdin and stdout (or HTTP clients, --http): search, list and read every "
                 "tool's sessions");
    serve
        ->add_option("--max-tokens", o.maxTokens,
                     "Cut every answer to about this many tokens (characters / 4); the rest comes with a cursor")
        ->check(atLeast(1000));
    serve->add_flag("--no-harvest", o.noHarvest,
                    "Read the harvest database as it is: do not bring it up to date, nor make it when missing");
    CLI::Option* http = serve->add_flag(
        "--http", o.http, "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdin and stdout, until ended");
    serve
        ->add_option("--host", o.served.host,
                     "The address to serve HTTP on (127.0.0.1); any other than loopback needs a token")
        ->needs(http);
    serve->add_option("--port", o.served.port, "The HTTP port (8788; 0: a free one, printed on stderr)")
        ->check(CLI::Range(0, 65535))
        ->needs(http);
    serve
        ->add_option("--token-file", o.served.tokenFile,
                     "A file holding the bearer token every HTTP request must bring (else $CHASM_API_TOKEN; off "
                     "loopback, else the keychain's, as chasm api serve)")
        ->needs(http);
    serve->footer(
        "Configure a client with the command `chasm mcp serve` (Claude Code: claude mcp add chasm -- "
        "chasm mcp serve). Only protocol messages go to stdout; the server ends at the end of its input. With "
        "--http, only requests whose Host and Origin name this server are answered.");
    table.on(serve, [&o, &globals](Commands& c) {
        if (o.http) {
            c.mcpServeHttp(globals.database, o.maxTokens, !o.noHarvest, o.served);
        } else {
            c.mcpServe(globals.database, o.maxTokens, !o.noHarvest);
        }
    });

    CLI::App* config = mcp->add_subcommand(
        "config", "Print what to paste into an AI agent's settings so that it starts `chasm mcp serve`");
    std::vector<std::string> clients;
    for (const QString& id : mcp::mcpClientIds()) {
        clients.push_back(id.toStdString());
    }
    table.oneOf(config->add_option("--client", o.client, "Only this client's configuration (default: every client's)"),
                clients);
    config->footer("With --client, the text to paste goes to stdout and where it goes to stderr. The server reads "
                   "the database of --db (or $CHASM_DB) when that is not the default one.");
    table.on(config, [&o, &globals](Commands& c) { c.mcpConfig(o.client, globals.database); });
}

} // namespace chasm::cli
