// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChatWindow.h"

#include "services/ChatService.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QTextBlockFormat>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QVBoxLayout>

#include <deque>

using namespace Qt::StringLiterals;

namespace chasm {

// The window's model calls, on its thread: the chat (ChatService records it) and the model listings. Its own
// Settings: QSettings is not shared between threads.
class ChatWorker final : public QObject
{
    Q_OBJECT

public:
    ChatWorker(QString databasePath, ChatWindow::ClientFactory clients)
        : m_databasePath(std::move(databasePath))
        , m_clients(std::move(clients))
    {}

    // Runs `work` now, or after the call under way when one is: a client's call runs an event loop, in which the
    // next call handed to this thread would otherwise start (and replace the client it is using).
    void serially(std::function<void()> work)
    {
        m_pending.push_back(std::move(work));
        if (m_busy) {
            return;
        }
        m_busy = true;
        while (!m_pending.empty()) {
            std::function<void()> next = std::move(m_pending.front());
            m_pending.pop_front();
            next();
        }
        m_busy = false;
    }

    // The models of a provider, answered by modelsListed.
    void listModels(const ModelEndpoint& endpoint, int request, const std::shared_ptr<std::atomic<bool>>& cancel)
    {
        if (*cancel) {
            return;
        }
        auto models = clientFor(endpoint).models(cancel.get());
        if (!*cancel) {
            Q_EMIT modelsListed(request, models ? *models : QStringList(), models ? QString() : models.error().message);
        }
    }

    // One prompt of the chat; the first starts the recorded chat (continuing `continued`, when it has messages).
    void ask(const ModelEndpoint& endpoint, const ModelProviderService::Provider& provider, const QString& model,
             const QString& prompt, const Session& continued, std::atomic<bool>* cancel)
    {
        ModelClient& client = clientFor(endpoint);
        if (!m_chat) {
            m_chat = std::make_unique<ChatService>(m_databasePath);
            ChatService::Options options;
            options.provider = provider.info.name;
            options.api = provider.info.api;
            options.localServer = provider.info.local;
            options.model = model;
            options.projectPath = continued.projectPath;
            m_chat->start(options, continued.messages.isEmpty() ? nullptr : &continued);
        }
        m_chat->setModel(model);
        auto answer = m_chat->ask(
            client, prompt, [this](QStringView piece) { Q_EMIT text(piece.toString()); }, cancel);
        const auto recorded = m_chat->flush();
        if (!answer) {
            Q_EMIT finished(false, answer.error().message, m_chat->sessionId());
        } else if (recorded) {
            Q_EMIT finished(false, recorded->message, m_chat->sessionId());
        } else {
            Q_EMIT finished(!answer->cancelled, answer->cancelled ? ChatWindow::tr("Stopped") : QString(),
                            m_chat->sessionId());
        }
    }

Q_SIGNALS:
    void modelsListed(int request, const QStringList& models, const QString& error);
    void text(const QString& piece);
    void finished(bool ok, const QString& message, const QString& sessionId);

private:
    // A client of the endpoint, made on this thread (its network access lives here) when it changed.
    ModelClient& clientFor(const ModelEndpoint& endpoint)
    {
        if (!m_client || m_endpoint.provider != endpoint.provider || m_endpoint.baseUrl != endpoint.baseUrl ||
            m_endpoint.apiKey != endpoint.apiKey) {
            m_client = m_clients(endpoint);
            m_endpoint = endpoint;
        }
        return *m_client;
    }

    QString m_databasePath;
    ChatWindow::ClientFactory m_clients;
    ModelEndpoint m_endpoint;
    std::unique_ptr<ModelClient> m_client;
    std::unique_ptr<ChatService> m_chat;
    std::deque<std::function<void()>> m_pending;
    bool m_busy = false;
};

ChatWindow::ChatWindow(Session continued, QString databasePath, Environment environment, Settings& settings,
                       ClientFactory clients, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_continued(std::move(continued))
    , m_databasePath(std::move(databasePath))
    , m_environment(std::move(environment))
    , m_settings(settings)
    , m_clients(std::move(clients))
    , m_intro(new QLabel(this))
    , m_provider(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_transcript(new QTextBrowser(this))
    , m_prompt(new QPlainTextEdit(this))
    , m_send(new QPushButton(QIcon::fromTheme(u"mail-send"_s), tr("&Send"), this))
    , m_stop(new QPushButton(QIcon::fromTheme(u"process-stop"_s), tr("S&top"), this))
    , m_status(new QLabel(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(m_continued.messages.isEmpty() ? tr("Chat") : tr("Continue “%1”").arg(m_continued.title));
    resize(760, 640);
    setObjectName(u"chatWindow"_s);
    m_provider->setObjectName(u"chatProvider"_s);
    m_model->setObjectName(u"chatModel"_s);
    m_prompt->setObjectName(u"chatPrompt"_s);
    m_send->setObjectName(u"chatSend"_s);
    m_stop->setObjectName(u"chatStop"_s);

    m_intro->setWordWrap(true);
    m_intro->setText(
        m_continued.messages.isEmpty()
            ? tr("A chat with a model of your choice. Every message is recorded in the harvest database.")
            : tr("Carries on “%1” (%2) with a model of your choice: its messages go to the model as context, the "
                 "oldest left out if they do not fit. The new turns are recorded as a chat of their own.")
                  .arg(m_continued.title, m_continued.provider));
    m_model->setEditable(true);
    m_model->setMinimumContentsLength(24);
    m_transcript->setOpenLinks(false);
    m_prompt->setPlaceholderText(tr("Ask something (Ctrl+Enter sends)"));
    m_prompt->setMaximumHeight(120);
    m_stop->setEnabled(false);

    const ModelProviderService providers(m_environment, m_settings);
    for (const ModelProviderService::Provider& provider : providers.providers()) {
        if (provider.enabled && !provider.endpoint.isEmpty()) {
            m_provider->addItem(provider.info.title, provider.info.name);
        }
    }

    auto* choose = new QFormLayout;
    choose->addRow(tr("&Provider:"), m_provider);
    choose->addRow(tr("&Model:"), m_model);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_send);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(choose);
    layout->addWidget(m_transcript, 1);
    layout->addWidget(m_prompt);
    layout->addLayout(buttons);

    // The end of the conversation the model is given: the newest turns, as many as a person scrolls back through.
    constexpr int shownTurns = 200;
    QList<const Message*> turns;
    for (const Message& message : m_continued.messages) {
        if (message.role != Role::System && !message.content.trimmed().isEmpty()) {
            turns << &message;
        }
    }
    if (turns.size() > shownTurns) {
        appendNote(tr("%n earlier message(s) not shown", nullptr, int(turns.size() - shownTurns)));
    }
    for (const Message* message : turns.mid(turns.size() > shownTurns ? turns.size() - shownTurns : 0)) {
        appendTurn(message->role == Role::Assistant ? tr("Assistant") : tr("You"), message->content, true);
    }
    if (!turns.isEmpty()) {
        appendNote(tr("The conversation goes on here"));
    }

    m_worker = new ChatWorker(m_databasePath, m_clients);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ChatWorker::text, this, &ChatWindow::appendText);
    connect(m_worker, &ChatWorker::finished, this, &ChatWindow::finished);
    connect(m_worker, &ChatWorker::modelsListed, this,
            [this](int request, const QStringList& models, const QString& error) {
                if (request != m_modelRequest) {
                    return;
                }
                const QString typed = m_model->currentText();
                m_model->clear();
                m_model->addItems(models);
                const auto provider =
                    ModelProviderService(m_environment, m_settings).provider(m_provider->currentData().toString());
                const QString configured = provider ? provider->model : QString();
                const QString wanted = !configured.isEmpty() ? configured : typed;
                if (!wanted.isEmpty()) {
                    m_model->setCurrentText(wanted);
                }
                m_status->setText(error.isEmpty() ? tr("%n model(s) listed", nullptr, int(models.size())) : error);
                Q_EMIT modelsListed();
            });
    m_thread.start();

    connect(m_provider, &QComboBox::currentIndexChanged, this, &ChatWindow::providerChosen);
    connect(m_send, &QPushButton::clicked, this, &ChatWindow::send);
    connect(m_stop, &QPushButton::clicked, this, &ChatWindow::stop);
    auto* sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_prompt);
    connect(sendShortcut, &QShortcut::activated, this, &ChatWindow::send);
    auto* stopShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(stopShortcut, &QShortcut::activated, this, &ChatWindow::stop);
    if (m_provider->count() == 0) {
        m_status->setText(tr("No model provider is set up: chasm provider config NAME --endpoint URL"));
        m_send->setEnabled(false);
    } else {
        providerChosen();
    }
    m_prompt->setFocus();
}

ChatWindow::~ChatWindow()
{
    m_cancel = true;
    *m_listing = true;
    m_thread.quit();
    m_thread.wait();
}

void ChatWindow::providerChosen()
{
    const QString name = m_provider->currentData().toString();
    if (name.isEmpty()) {
        return;
    }
    const ModelProviderService providers(m_environment, m_settings);
    auto provider = providers.provider(name);
    if (!provider) {
        m_status->setText(provider.error().message);
        return;
    }
    m_chosen = *provider;
    m_endpoint.reset();
    // The listing of the provider chosen before is not waited for.
    *m_listing = true;
    m_listing = std::make_shared<std::atomic<bool>>(false);
    m_status->setText(tr("Asking %1 for its models…").arg(m_provider->currentText()));
    const int request = ++m_modelRequest;
    // The key from the keychain (asked from this thread), then the models from the server (on the worker's).
    providers.endpointLater(m_chosen, {}, this, [this, request](const Result<ModelEndpoint>& endpoint) {
        if (request != m_modelRequest) {
            return;
        }
        m_endpoint = endpoint;
        if (!endpoint) {
            m_status->setText(endpoint.error().message);
            Q_EMIT modelsListed();
            return;
        }
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, endpoint = *endpoint, request, cancel = m_listing] {
            worker->serially([=] { worker->listModels(endpoint, request, cancel); });
        });
    });
}

void ChatWindow::send()
{
    const QString prompt = m_prompt->toPlainText().trimmed();
    const QString model = m_model->currentText().trimmed();
    if (m_busy || prompt.isEmpty()) {
        return;
    }
    if (!m_endpoint || !*m_endpoint) {
        m_status->setText(m_endpoint ? m_endpoint->error().message : tr("Choose a provider first"));
        return;
    }
    if (model.isEmpty()) {
        m_status->setText(tr("Choose a model first"));
        return;
    }
    appendTurn(tr("You"), prompt, false);
    appendTurn(model, QString(), false);
    m_prompt->clear();
    m_cancel = false;
    setBusy(true);
    m_status->setText(tr("%1 is answering…").arg(model));
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, endpoint = **m_endpoint, provider = m_chosen, model, prompt,
                                         continued = m_continued, cancel = &m_cancel] {
        worker->serially([=] { worker->ask(endpoint, provider, model, prompt, continued, cancel); });
    });
}

void ChatWindow::stop()
{
    if (m_busy) {
        m_cancel = true;
        m_status->setText(tr("Stopping…"));
    }
}

void ChatWindow::appendTurn(const QString& who, const QString& text, bool context)
{
    QTextCursor cursor(m_transcript->document());
    cursor.movePosition(QTextCursor::End);
    QTextBlockFormat block;
    block.setTopMargin(m_transcript->document()->isEmpty() ? 0 : 10);
    QTextCharFormat name;
    name.setFontWeight(QFont::Bold);
    QTextCharFormat body;
    if (context) {
        name.setForeground(palette().placeholderText());
        body.setForeground(palette().placeholderText());
    }
    if (m_transcript->document()->isEmpty()) {
        cursor.setBlockFormat(block);
        cursor.setBlockCharFormat(name);
    } else {
        cursor.insertBlock(block, name);
    }
    cursor.insertText(who, name);
    cursor.insertBlock(QTextBlockFormat(), body);
    cursor.insertText(text, body);
    m_text = body;
}

void ChatWindow::appendNote(const QString& note)
{
    QTextCursor cursor(m_transcript->document());
    cursor.movePosition(QTextCursor::End);
    QTextBlockFormat block;
    block.setTopMargin(10);
    block.setAlignment(Qt::AlignHCenter);
    QTextCharFormat format;
    format.setFontItalic(true);
    format.setForeground(palette().placeholderText());
    cursor.insertBlock(block, format);
    cursor.insertText(note, format);
}

void ChatWindow::appendText(const QString& piece)
{
    QTextCursor cursor(m_transcript->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(piece, m_text);
    m_transcript->ensureCursorVisible();
}

void ChatWindow::finished(bool ok, const QString& message, const QString& sessionId)
{
    setBusy(false);
    if (!sessionId.isEmpty()) {
        m_sessionId = sessionId;
    }
    const QString recorded = m_sessionId.isEmpty() ? QString() : tr("recorded as %1").arg(m_sessionId);
    m_status->setText(ok ? recorded : message + (recorded.isEmpty() ? QString() : u" ("_s + recorded + u")"_s));
    Q_EMIT answered(ok, ok ? recorded : message);
}

void ChatWindow::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setEnabled(!busy);
    m_stop->setEnabled(busy);
    m_provider->setEnabled(!busy);
    m_model->setEnabled(!busy);
}

} // namespace chasm

#include "ChatWindow.moc"
