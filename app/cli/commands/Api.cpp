// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm api serve (and its alias chasm serve): the REST API and MCP over HTTP on one port; chasm api token: the
// token it asks for when none is given.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct ApiTokenOptions
{
    bool regenerate = false;
};

// The options of `api serve`, which `serve` takes as well.
void addServeOptions(CommandTable& table, CLI::App* serve, Commands::ApiServe& o)
{
    const CommandTable::Globals& globals = table.globals();
    serve->add_option("--host", o.host, "The address to serve on (127.0.0.1); any other than loopback needs a token");
    serve->add_option("--port,-p", o.port, "The port (8787; 0: a free one, printed on stderr)")
        ->check(CLI::Range(0, 65535));
    serve->add_option("--token-file", o.tokenFile,
                      "A file holding the bearer token every request but GET /api/v1/health must bring (else "
                      "$CHASM_API_TOKEN, else the system keychain's)");
    serve->add_flag("--no-auth", o.noAuth, "Ask no token (a loopback address only)");
    serve->add_option("--allow-origin", o.allowOrigins,
                      "Let web pages of this origin (scheme://host[:port]) call the API (CORS); repeatable, added to "
                      "the settings' server/allowedOrigins");
    serve
        ->add_option("--max-in-flight", o.maxInFlight,
                     "API requests answered at once (64); more are answered 429 with Retry-After")
        ->check(CLI::Range(1, 100000));
    serve->footer("The token comes from --token-file, else $CHASM_API_TOKEN, else the system keychain, where one is "
                  "made and kept on the first start (`chasm api token` prints it). Without a keychain one of the "
                  "others, or --no-auth on a loopback address, is needed. The API is under /api/v1 (and /api), MCP's "
                  "Streamable HTTP at /mcp. Only requests whose Host and Origin name this server are answered. The "
                  "API reads the harvest database as it is (--db, else $CHASM_DB or the default one). CORS is off "
                  "unless origins are allowed. SIGTERM or Ctrl+C stops it gracefully: the requests running are "
                  "answered, a harvest running stops (what it stored stays), and it exits 0.");
    table.on(serve, [&o, &globals](Commands& c) { c.apiServe(globals.database, o); });
}

} // namespace

void addApiCommands(CommandTable& table)
{
    Commands::ApiServe& o = table.options<Commands::ApiServe>();
    CLI::App* api = table.app()
                        .add_subcommand("api", "Serve the chat history over HTTP: a REST API and MCP")
                        ->require_subcommand(1);
    addServeOptions(table, api->add_subcommand("serve", "Start the HTTP API server, until ended"), o);
    ApiTokenOptions& t = table.options<ApiTokenOptions>();
    CLI::App* token = api->add_subcommand("token", "Print the API's token kept in the system keychain");
    token->add_flag("--regenerate", t.regenerate,
                    "Replace it with a new one (servers started afterwards refuse the old one)");
    token->footer("The token is made and kept in the system keychain on first use, by this command or `chasm api "
                  "serve`; a token given with --token-file or $CHASM_API_TOKEN is used instead of it.");
    table.on(token, [&t](Commands& c) { c.apiToken(t.regenerate); });
    Commands::ApiServe& alias = table.options<Commands::ApiServe>();
    addServeOptions(table, table.app().add_subcommand("serve", "Start the HTTP API server (as chasm api serve)"),
                    alias);
}

} // namespace chasm::cli
