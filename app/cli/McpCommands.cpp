// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm mcp serve (over stdio, or with --http Streamable HTTP) and chasm mcp config.

#include "Commands.h"
#include "http/McpEngineAdapter.h"
#include "http/McpHttpPlugin.h"
#include "mcp/McpClientSetup.h"
#include "mcp/StdioTransport.h"
#include "services/ApiTokenService.h"

#include <QCoreApplication>

#include <boost/json/object.hpp>

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

namespace {

const char* formName(mcp::McpClientSetup::Form form)
{
    switch (form) {
    case mcp::McpClientSetup::Form::Json:
        return "json";
    case mcp::McpClientSetup::Form::Toml:
        return "toml";
    case mcp::McpClientSetup::Form::Command:
        break;
    }
    return "command";
}

// Where a client's text goes, in words, one line each.
QStringList whereItGoes(const mcp::McpClientSetup& setup)
{
    if (setup.form == mcp::McpClientSetup::Form::Command) {
        return {u"Run in a terminal:"_s};
    }
    QStringList lines{u"File: "_s + setup.file};
    if (!setup.projectFile.isEmpty()) {
        lines << u"(for one project only: "_s + setup.projectFile + u" in its folder)"_s;
    }
    lines << u"When the file exists, add the \"chasm\" entry to its \"%1\"."_s.arg(setup.serversKey);
    return lines;
}

} // namespace

void Commands::mcpConfig(const std::string& client, const std::string& database) const
{
    const Environment& environment = m_catalog.environment();
    const mcp::McpLaunch launch = mcp::mcpLaunch(environment, QCoreApplication::applicationFilePath(), q(database));
    QList<mcp::McpClientSetup> setups = mcp::mcpClientSetups(environment, launch);
    if (!client.empty()) {
        setups.removeIf([&client](const mcp::McpClientSetup& setup) { return setup.id != q(client); });
    }
    if (m_o.json) {
        const boost::json::array array = jsonArray(setups, [](const mcp::McpClientSetup& setup) {
            return boost::json::object{
                {"id", setup.id.toStdString()},
                {"name", setup.name.toStdString()},
                {"form", formName(setup.form)},
                {"file", setup.file.toStdString()},
                {"project_file", setup.projectFile.toStdString()},
                {"servers_key", setup.serversKey.toStdString()},
                {"text", setup.text.toStdString()},
            };
        });
        m_o.print(client.empty() ? boost::json::value(array) : array.at(0));
        return;
    }
    if (!client.empty()) {
        // The text alone on stdout, to redirect into a file or a shell.
        m_o.err << whereItGoes(setups.at(0)).join(u'\n').toStdString() << std::endl;
        m_o.out << setups.at(0).text.toStdString();
        return;
    }
    for (const mcp::McpClientSetup& setup : std::as_const(setups)) {
        m_o.line(u"== %1 (--client %2) =="_s.arg(setup.name, setup.id));
        for (const QString& line : whereItGoes(setup)) {
            m_o.line(line);
        }
        m_o.line();
        m_o.out << setup.text.toStdString() << '\n';
    }
}

void Commands::mcpServeHttp(const std::string& database, int maxTokens, bool harvest, const McpHttp& http) const
{
    http::McpHttpOptions options;
    options.host = q(http.host);
    options.port = quint16(http.port);
    options.token = serverToken(http.tokenFile, m_catalog.environment());
    // Neither --token-file nor $CHASM_API_TOKEN: on an address that is not loopback, the token `chasm api serve` uses,
    // kept in the system keychain (made now if there is none). Loopback asks for none.
    options.keptToken = [this]() -> Result<QByteArray> {
        auto kept = ApiTokenService().token();
        if (!kept) {
            return kept.error();
        }
        if (kept->created) {
            m_o.err << "chasm mcp: made a new token and kept it in the system keychain (`chasm api token` prints it)"
                    << std::endl;
        }
        return kept->value;
    };
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
    // SIGTERM (or Ctrl+C) ends serving gracefully: running requests are answered or cancelled, streams are ended,
    // and the command exits 0.
    const StopSignals stopSignals([this, &serving] {
        m_o.err << "chasm mcp: stopping: answering the requests still running" << std::endl;
        serving.shutdown([] { QCoreApplication::quit(); });
    });
    QCoreApplication::exec();
}

} // namespace chasm::cli
