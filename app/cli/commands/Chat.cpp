// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm run PROVIDER (a chat with a model, recorded as it happens) and chasm provider list|info|config|test for the
// model providers.

#include "Commands.h"
#include "LineEditor.h"
#include "commands/CommandTable.h"
#include "services/CatalogService.h"
#include "services/ChatService.h"
#include "services/ModelProviderService.h"

#include <QDir>
#include <QFile>

#include <iostream>
#include <iterator>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

struct ChatOptions
{
    std::string provider;
    std::string model;
    std::string endpoint;
    std::string system;
    std::string continueSession;
    std::string prompt;
    bool promptGiven = false;
    int contextTokens = 0;
};

struct ProviderOptions
{
    std::string name;
    std::string endpoint;
    std::string apiKey;
    std::string model;
    std::string api;
    std::string enabled;
    bool models = false;
};

std::unique_ptr<ModelClient> openClient(const ModelEndpoint& endpoint)
{
    return take(modelLibrary())->open(endpoint);
}

// Of a session of any tool (from its store, or from the harvest database that keeps it), what continuing it with
// the model can send: its newest turns (RecentTurns).
void readRecentTurns(const Commands& commands, const QString& id, const QString& database,
                     ChatService::RecentTurns& turns)
{
    const CatalogService service(commands.catalog());
    auto found = service.findSession({id, {}});
    if (found) {
        if (auto error = service.readSession(*found, turns)) {
            throw CommandError{error->message};
        }
        return;
    }
    if (found.error().kind != ErrorKind::NotFound) {
        throw CommandError{found.error().message};
    }
    auto kept = HarvestDatabaseService(commands.catalog()).keptSession(database, id);
    if (!kept) {
        throw CommandError{kept.error().kind == ErrorKind::NotFound ? found.error().message : kept.error().message};
    }
    if (auto error = SessionSink::feed(std::move(kept->session), turns)) {
        throw CommandError{error->message};
    }
}

// The model to use: asked for, configured, the provider's default, else the first the server lists.
QString chooseModel(const ModelProviderService::Provider& provider, const QString& asked, ModelClient& client)
{
    if (!asked.isEmpty()) {
        return asked;
    }
    if (!provider.model.isEmpty()) {
        return provider.model;
    }
    const QStringList models = take(client.models());
    if (models.isEmpty()) {
        throw CommandError{provider.info.api == ModelApi::Ollama
                               ? u"%1 has no model: pull one first (ollama pull llama3.2), or name one with -m"_s.arg(
                                     provider.info.name)
                               : u"%1 lists no model: name one with -m MODEL"_s.arg(provider.info.name)};
    }
    return models.constFirst();
}

class Chat
{
public:
    Chat(const Commands& commands, const ChatOptions& options, const QString& database)
        : m_commands(commands)
        , m_o(commands.output())
        , m_settings(commands.settings())
        , m_providers(commands.catalog().environment(), m_settings)
        , m_database(database)
        , m_chat(database)
    {
        m_provider = take(m_providers.provider(q(options.provider)));
        if (!m_provider.enabled) {
            throw CommandError{
                u"%1 is turned off: chasm provider config %1 --enabled true"_s.arg(m_provider.info.name)};
        }
        m_endpoint = take(m_providers.endpoint(m_provider, q(options.endpoint)));
        m_client = openClient(m_endpoint);
        m_options.provider = m_provider.info.name;
        m_options.api = m_provider.info.api;
        m_options.localServer = m_provider.info.local;
        m_options.system = q(options.system);
        m_options.projectPath = commands.catalog().environment().workingDirectory();
        if (options.contextTokens > 0) {
            m_options.contextTokens = options.contextTokens;
        }
        m_options.model = chooseModel(m_provider, q(options.model), *m_client);
    }

    // Starts a new recorded chat, continuing `sessionId` when not empty.
    void start(const QString& sessionId)
    {
        std::optional<Session> continued;
        int leftOut = 0;
        if (!sessionId.isEmpty()) {
            ChatService::RecentTurns turns(ChatService::contextBudget(m_options));
            readRecentTurns(m_commands, sessionId, m_database, turns);
            leftOut = turns.leftOut();
            continued = turns.take();
        }
        m_chat.start(m_options, continued ? &*continued : nullptr, leftOut);
        if (continued) {
            const ChatService::Context& context = m_chat.continued();
            m_o.err << "Continuing " << continued->id.toStdString() << ": " << context.turns.size() << " of "
                    << context.messages << " messages sent as context";
            if (context.leftOut > 0) {
                m_o.err << " (the " << context.leftOut << " oldest left out to fit the model's window)";
            }
            m_o.err << '\n';
        }
    }

    // Asks and prints the answer as it arrives; false when it failed or was stopped (stopped() tells which).
    bool ask(const QString& prompt)
    {
        std::atomic<bool> cancel{false};
        LineEditor::setCancelFlag(&cancel);
        bool endsWithNewline = true;
        auto answer = m_chat.ask(
            *m_client, prompt,
            [this, &endsWithNewline](QStringView piece) {
                const std::string text = withoutControlCharacters(piece.toString()).toStdString();
                m_o.out << text << std::flush;
                endsWithNewline = !text.empty() && text.back() == '\n';
            },
            &cancel);
        LineEditor::setCancelFlag(nullptr);
        if (!endsWithNewline) {
            m_o.out << std::endl;
        }
        if (!answer) {
            m_o.err << "chasm run: " << answer.error().message.toStdString() << std::endl;
            return false;
        }
        m_stopped = answer->cancelled;
        if (answer->cancelled) {
            m_o.err << "[stopped]" << std::endl;
            return false;
        }
        return true;
    }
    // The last answer was stopped with Ctrl+C.
    bool stopped() const { return m_stopped; }

    std::optional<Error> flush() { return m_chat.flush(); }
    QString sessionId() const { return m_chat.sessionId(); }

    void interactive(LineEditor& editor)
    {
        m_o.err << "Chatting with " << m_options.model.toStdString() << " on " << m_provider.info.name.toStdString()
                << " (" << m_endpoint.baseUrl.toString().toStdString() << "), recorded as "
                << m_chat.sessionId().toStdString() << ". /help for commands; Ctrl+C stops an answer, Ctrl+D leaves."
                << std::endl;
        while (const auto line = editor.readLine(u"> "_s)) {
            const QString text = line->trimmed();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith(u'/')) {
                if (!command(text)) {
                    break;
                }
                continue;
            }
            ask(*line);
        }
        saved();
    }

private:
    // A /command; false for /quit.
    bool command(const QString& text)
    {
        const QString name = text.section(u' ', 0, 0);
        const QString argument = text.section(u' ', 1).trimmed();
        if (name == u"/quit"_s || name == u"/exit"_s) {
            return false;
        }
        if (name == u"/model"_s) {
            if (argument.isEmpty()) {
                auto models = m_client->models();
                m_o.err << "model: " << m_options.model.toStdString() << '\n';
                if (models) {
                    m_o.err << "available: " << models->join(u", "_s).toStdString() << '\n';
                }
                return true;
            }
            m_options.model = argument;
            m_chat.setModel(argument);
            m_o.err << "Answers now come from " << argument.toStdString() << std::endl;
        } else if (name == u"/title"_s) {
            if (argument.isEmpty()) {
                m_o.err << "/title TEXT names the recorded chat" << std::endl;
                return true;
            }
            m_chat.setTitle(argument);
            m_o.err << "Titled \u201c" << argument.toStdString() << "\u201d" << std::endl;
        } else if (name == u"/continue"_s) {
            if (argument.isEmpty()) {
                m_o.err << "/continue SESSION continues a session of any tool (an id or a unique prefix)" << std::endl;
                return true;
            }
            try {
                saved();
                start(argument);
                m_o.err << "Recorded as " << m_chat.sessionId().toStdString() << std::endl;
            } catch (const CommandError& error) {
                m_o.err << "chasm run: " << error.message.toStdString() << std::endl;
            }
        } else if (name == u"/save"_s) {
            saved();
        } else {
            m_o.err << "/model [NAME]  the model that answers (without a name: the models available)\n"
                       "/title TEXT    names the recorded chat\n"
                       "/continue ID   continues another session (any tool's) in a new recorded chat\n"
                       "/save          waits until everything is written, and says where\n"
                       "/quit          leaves (Ctrl+D too)"
                    << std::endl;
        }
        return true;
    }

    void saved()
    {
        if (auto error = m_chat.flush()) {
            m_o.err << "chasm run: " << error->message.toStdString() << std::endl;
            return;
        }
        m_o.err << "Saved as " << m_chat.sessionId().toStdString() << " in " << m_database.toStdString()
                << " (chasm show session " << m_chat.sessionId().toStdString() << ")" << std::endl;
    }

    const Commands& m_commands;
    const Output& m_o;
    Settings m_settings;
    ModelProviderService m_providers;
    QString m_database;
    ChatService m_chat;
    ModelProviderService::Provider m_provider;
    ModelEndpoint m_endpoint;
    std::unique_ptr<ModelClient> m_client;
    ChatService::Options m_options;
    bool m_stopped = false;
};

void runChat(const Commands& commands, const ChatOptions& options, const QString& database, Output& output)
{
    const Environment& environment = commands.catalog().environment();
    // The prompt from -p, else all of stdin when it is not a terminal (a script's), else a conversation.
    QString prompt = q(options.prompt);
    LineEditor editor(QDir(environment.dataHome()).filePath(u"chasm/chat_history"_s));
    bool oneShot = options.promptGiven;
#ifdef Q_OS_UNIX
    if (!oneShot && isatty(STDIN_FILENO) != 1) {
        std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        prompt = QString::fromStdString(all).trimmed();
        oneShot = true;
        if (prompt.isEmpty()) {
            throw CommandError{u"no prompt: give one with -p TEXT or on stdin"_s};
        }
    }
#endif
    Chat chat(commands, options, database);
    chat.start(q(options.continueSession));
    if (oneShot) {
        commands.output().err << "recorded as " << chat.sessionId().toStdString() << std::endl;
    }
    if (!oneShot) {
        chat.interactive(editor);
        return;
    }
    const bool answered = chat.ask(prompt);
    if (auto error = chat.flush()) {
        throw CommandError{error->message};
    }
    if (!answered && chat.stopped()) {
        output.status = 130; // as a program ended by Ctrl+C: what arrived is recorded, "cancelled"
        return;
    }
    if (!answered) {
        throw CommandError{u"no complete answer (what arrived is recorded)"_s};
    }
}

boost::json::object providerJson(const ModelProviderService& service, const ModelProviderService::Provider& provider)
{
    boost::json::array aliases;
    for (const QString& alias : provider.info.aliases) {
        aliases.emplace_back(alias.toStdString());
    }
    const auto key = service.key(provider);
    return {{"name", provider.info.name.toStdString()},
            {"title", provider.info.title.toStdString()},
            {"aliases", std::move(aliases)},
            {"api", modelApiName(provider.info.api).toStdString()},
            {"endpoint", provider.endpoint.toStdString()},
            {"model", provider.model.toStdString()},
            {"enabled", provider.enabled},
            {"known", provider.known},
            {"configured", provider.configured},
            {"local", provider.info.local},
            {"key_variable", provider.info.keyVariable.toStdString()},
            {"key", key ? ModelProviderService::describe(key->source).toStdString() : std::string("missing")}};
}

} // namespace

void listModelProviders(const Commands& commands)
{
    Settings settings = commands.settings();
    const ModelProviderService service(commands.catalog().environment(), settings);
    const Output& o = commands.output();
    const auto providers = service.providers();
    if (o.json) {
        o.print(jsonArray(providers, [&service](const auto& p) { return providerJson(service, p); }));
        return;
    }
    TextTable table({u"NAME"_s, u"API"_s, u"ENDPOINT"_s, u"MODEL"_s, u"KEY"_s, u"STATE"_s});
    for (const auto& provider : providers) {
        const auto key = service.key(provider);
        table.addRow({provider.info.name, modelApiName(provider.info.api),
                      provider.endpoint.isEmpty() ? u"(set one)"_s : provider.endpoint,
                      provider.model.isEmpty() ? u"(first listed)"_s : provider.model,
                      key ? ModelProviderService::describe(key->source) : u"missing"_s,
                      provider.enabled ? (provider.configured ? u"configured"_s : u"default"_s) : u"off"_s});
    }
    o.table(table);
    o.line(u"%1 model provider(s); keys are kept in the system keychain (chasm provider config NAME --api-key -)"_s.arg(
        providers.size()));
}

namespace {

void providerInfo(const Commands& commands, const QString& name)
{
    Settings settings = commands.settings();
    const ModelProviderService service(commands.catalog().environment(), settings);
    const auto provider = take(service.provider(name));
    const Output& o = commands.output();
    if (o.json) {
        o.print(providerJson(service, provider));
        return;
    }
    const auto key = service.key(provider);
    o.line(u"%1 (%2)"_s.arg(provider.info.title, provider.info.name));
    if (!provider.info.aliases.isEmpty()) {
        o.line(u"  aliases:   %1"_s.arg(provider.info.aliases.join(u", "_s)));
    }
    o.line(u"  api:       %1"_s.arg(modelApiName(provider.info.api)));
    o.line(u"  endpoint:  %1"_s.arg(provider.endpoint.isEmpty()
                                        ? u"none (chasm provider config %1 --endpoint URL)"_s.arg(provider.info.name)
                                        : provider.endpoint));
    o.line(u"  model:     %1"_s.arg(provider.model.isEmpty() ? u"the first the server lists"_s : provider.model));
    o.line(u"  enabled:   %1"_s.arg(provider.enabled ? u"yes"_s : u"no"_s));
    if (!key) {
        o.line(u"  key:       missing: %1"_s.arg(key.error().message));
    } else if (key->source == ModelProviderService::KeySource::Environment) {
        o.line(u"  key:       from %1"_s.arg(key->variable));
    } else {
        o.line(u"  key:       %1"_s.arg(ModelProviderService::describe(key->source)));
    }
}

void configureProvider(const Commands& commands, const ProviderOptions& options, const CLI::App& command)
{
    Settings settings = commands.settings();
    ModelProviderService service(commands.catalog().environment(), settings);
    ModelProviderService::Change change;
    if (command.count("--endpoint")) {
        change.endpoint = q(options.endpoint);
    }
    if (command.count("--model")) {
        change.model = q(options.model);
    }
    if (command.count("--api")) {
        change.api = q(options.api);
    }
    if (command.count("--enabled")) {
        const QString enabled = q(options.enabled).toLower();
        if (enabled != u"true"_s && enabled != u"false"_s) {
            throw CommandError{u"--enabled is true or false, got '%1'"_s.arg(enabled)};
        }
        change.enabled = enabled == u"true"_s;
    }
    if (command.count("--api-key")) {
        if (options.apiKey == "-") {
            // From stdin, so that the key is in no process list nor shell history.
            std::string key;
            std::getline(std::cin, key);
            change.apiKey = QByteArray::fromStdString(key).trimmed();
        } else {
            change.apiKey = QByteArray::fromStdString(options.apiKey).trimmed();
            if (!change.apiKey->isEmpty()) {
                commands.output().err << "chasm provider: a key on the command line is seen by every process list "
                                         "and kept in your shell's history; --api-key - reads it from stdin"
                                      << std::endl;
            }
        }
    }
    const auto provider = take(service.configure(q(options.name), change));
    const Output& o = commands.output();
    if (o.json) {
        o.print(providerJson(service, provider));
        return;
    }
    o.line(u"%1: endpoint %2, model %3, %4%5"_s.arg(
        provider.info.name, provider.endpoint.isEmpty() ? u"none"_s : provider.endpoint,
        provider.model.isEmpty() ? u"the first listed"_s : provider.model,
        provider.enabled ? u"enabled"_s : u"turned off"_s,
        change.apiKey ? (change.apiKey->isEmpty() ? u", key removed from the system keychain"_s
                                                  : u", key kept in the system keychain"_s)
                      : QString()));
}

void testProvider(const Commands& commands, const QString& name, const QString& endpointOverride)
{
    Settings settings = commands.settings();
    const ModelProviderService service(commands.catalog().environment(), settings);
    const auto provider = take(service.provider(name));
    const auto endpoint = take(service.endpoint(provider, endpointOverride));
    const auto client = openClient(endpoint);
    const auto key = service.key(provider);
    const Output& o = commands.output();
    const auto models = client->models();
    boost::json::object report{{"provider", provider.info.name.toStdString()},
                               {"endpoint", endpoint.baseUrl.toString().toStdString()},
                               {"key", key ? ModelProviderService::describe(key->source).toStdString() : "missing"},
                               {"ok", models.ok()}};
    if (!models) {
        report["error"] = models.error().message.toStdString();
    } else {
        report["models"] = jsonArray(*models, [](const QString& m) { return boost::json::value(m.toStdString()); });
        if (!provider.model.isEmpty()) {
            report["model"] = provider.model.toStdString();
            report["model_available"] = models->contains(provider.model);
        }
    }
    if (o.json) {
        o.print(report);
    } else if (!models) {
        o.line(u"%1: %2"_s.arg(provider.info.name, models.error().message));
    } else {
        o.line(u"%1: the server at %2 answered%3, with %4 model(s)"_s.arg(
            provider.info.name, endpoint.baseUrl.toString(),
            endpoint.apiKey.isEmpty() ? QString()
                                      : u" and took the key (%1)"_s.arg(ModelProviderService::describe(key->source)),
            QString::number(models->size())));
        if (!provider.model.isEmpty()) {
            o.line(models->contains(provider.model)
                       ? u"  model %1: available"_s.arg(provider.model)
                       : u"  model %1: not listed (chasm provider config %2 --model NAME)"_s.arg(provider.model,
                                                                                                 provider.info.name));
        }
    }
    if (!models) {
        throw CommandError{u"%1 cannot be used as configured"_s.arg(provider.info.name)};
    }
}

} // namespace

void addChatCommands(CommandTable& table, CLI::App* run)
{
    ChatOptions& o = table.options<ChatOptions>();
    std::vector<std::string> names;
    for (const ModelProviderInfo& info : knownModelProviders()) {
        names.push_back(info.name.toStdString());
    }
    table.suggest(run->add_option("provider", o.provider,
                                  "Chat with a model: ollama, openai (chatgpt), anthropic, google (gemini-api), any "
                                  "provider of `chasm provider list`, or one of your own"),
                  names);
    run->add_option("-m,--model", o.model, "The model (default: the provider's configured one)");
    run->add_option("--endpoint", o.endpoint, "The server's address, for this chat only");
    run->add_option("--system", o.system, "A system prompt");
    run->add_option("--continue", o.continueSession,
                    "Continue any tool's session (an id or a unique prefix) with this model, in a new recorded chat");
    run->add_option("-p,--prompt", o.prompt,
                    "Ask once, print the answer and exit (stdin that is not a terminal "
                    "does the same)")
        ->each([&o](const std::string&) { o.promptGiven = true; });
    run->add_option("--context-tokens", o.contextTokens,
                    "The model's context window in tokens (default: known per model, 4096 for Ollama)")
        ->check(atLeast(256));
    table.on(run, [&o, &db = table.globals().database, &table](Commands& commands) {
        if (o.provider.empty()) {
            throw CommandError{u"name a model provider (chasm run ollama) or an agent (chasm run claude); chasm run "
                               u"--help lists them"_s};
        }
        runChat(commands, o, commands.databasePath(db), table.output());
    });
}

void addModelProviderCommands(CommandTable& table, CLI::App* provider)
{
    ProviderOptions& o = table.options<ProviderOptions>();

    CLI::App* i = provider->add_subcommand("info", "Show a model provider's settings and where its key comes from");
    i->add_option("provider", o.name, "The model provider")->required();
    table.on(i, [&o](Commands& commands) { providerInfo(commands, q(o.name)); });

    CLI::App* c = provider->add_subcommand(
        "config", "Configure a model provider (or make one of your own with --endpoint); the key goes to the system "
                  "keychain");
    c->add_option("provider", o.name, "The model provider, or a name of your own")->required();
    c->add_option("--endpoint", o.endpoint, "The server's address (empty: the default)");
    c->add_option("--api-key", o.apiKey, "The API key; - reads it from stdin (empty: remove it)");
    c->add_option("--model", o.model, "The model chats use by default");
    table.oneOf(c->add_option("--api", o.api, "The protocol of a provider of your own (default: openai)"),
                {"openai", "ollama", "anthropic", "gemini"});
    table.oneOf(c->add_option("--enabled", o.enabled, "Whether it may be used"), {"true", "false"});
    table.on(c, [&o, c](Commands& commands) { configureProvider(commands, o, *c); });

    CLI::App* t = provider->add_subcommand("test", "Make one real request to a model provider and say what worked");
    t->add_option("provider", o.name, "The model provider")->required();
    t->add_option("--endpoint", o.endpoint, "Another address than the configured one");
    table.on(t, [&o](Commands& commands) { testProvider(commands, q(o.name), q(o.endpoint)); });
}

} // namespace chasm::cli
