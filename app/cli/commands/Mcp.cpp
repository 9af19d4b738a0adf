// chasm mcp: the history served to AI agents over the Model Context Protocol.

#include "Commands.h"
#include "commands/CommandTable.h"

namespace chasm::cli {

namespace {

struct McpOptions
{
    int maxTokens = 20000;
    bool noHarvest = false;
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
        "serve", "Answer an MCP client on stdin and stdout: search, list and read every tool's sessions");
    serve
        ->add_option("--max-tokens", o.maxTokens,
                     "Cut every answer to about this many tokens (characters / 4); the rest comes with a cursor")
        ->check(atLeast(1000));
    serve->add_flag("--no-harvest", o.noHarvest,
                    "Read the harvest database as it is: do not bring it up to date, nor make it when missing");
    serve->footer("Configure a client with the command `chasm mcp serve` (Claude Code: claude mcp add chasm -- "
                  "chasm mcp serve). Only protocol messages go to stdout; the server ends at the end of its input.");
    table.on(serve, [&o, &globals](Commands& c) { c.mcpServe(globals.database, o.maxTokens, !o.noHarvest); });
}

} // namespace chasm::cli
