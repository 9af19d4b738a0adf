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
#include <QTextCursor>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

// The window's model calls, on its thread: the chat (ChatService records it) and the model listings. Its own
// Settings: QSettings is not shared between threads.
class ChatWorker final : public QObject
{
    Q_OBJECT

public:
    ChatWorker(QString databasePath, Environment environment, QString settingsFile, ChatWindow::ClientFactory clients)
        : m_databasePath(std::move(databasePath))
        , m_environment(std::move(environment))
        , m_settingsFile(std::move(settingsFile))
        , m_clients(std::move(clients))
    {}

    // The models of `provider`, answered by modelsListed.
    void listModels(const QString& provider, int request)
    {
        auto client = clientFor(provider);
        if (!client) {
            Q_EMIT modelsListed(request, {}, client.error().message);
            return;
        }
        auto models = (*client)->models(nullptr);
        Q_EMIT modelsListed(request, models ? *models : QStringList(), models ? QString() : models.error().message);
    }

    // One prompt of the chat; the first starts the recorded chat (continuing `continued`, when it has messages).
    void ask(const QString& provider, const QString& model, const QString& prompt, const Session& continued,
             std::atomic<bool>* cancel)
    {
        auto client = clientFor(provider);
        if (!client) {
            Q_EMIT finished(false, client.error().message, QString());
            return;
        }
        if (!m_chat) {
            m_chat = std::make_unique<ChatService>(m_databasePath);
        }
        if (!m_started) {
            ChatService::Options options;
            options.provider = m_provider.info.name;
            options.api = m_provider.info.api;
            options.localServer = m_provider.info.local;
            options.model = model;
            options.projectPath = continued.projectPath;
            m_chat->start(options, continued.messages.isEmpty() ? nullptr : &continued);
            m_started = true;
        }
        m_chat->setModel(model);
        auto answer = m_chat->ask(
            **client, prompt, [this](QStringView piece) { Q_EMIT text(piece.toString()); }, cancel);
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
    // The client of a provider, made once per provider (its key read from the keychain then).
    Result<ModelClient*> clientFor(const QString& name)
    {
        if (m_client && m_clientProvider == name) {
            return m_client.get();
        }
        Settings settings(m_settingsFile);
        const ModelProviderService providers(m_environment, settings);
        auto provider = providers.provider(name);
        if (!provider) {
            return provider.error();
        }
        auto endpoint = providers.endpoint(*provider);
        if (!endpoint) {
            return endpoint.error();
        }
        m_provider = *provider;
        m_client = m_clients(*endpoint);
        m_clientProvider = name;
        return m_client.get();
    }

    QString m_databasePath;
    Environment m_environment;
    QString m_settingsFile;
    ChatWindow::ClientFactory m_clients;
    ModelProviderService::Provider m_provider;
    std::unique_ptr<ModelClient> m_client;
    QString m_clientProvider;
    std::unique_ptr<ChatService> m_chat;
    bool m_started = false;
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

    // What the model is given, as far as the person can read it.
    int shown = 0;
    for (const Message& message : m_continued.messages) {
        if (message.role != Role::System && !message.content.trimmed().isEmpty()) {
            appendTurn(message.role == Role::Assistant ? tr("Assistant") : tr("You"), message.content, true);
            ++shown;
        }
    }
    if (shown > 0) {
        m_transcript->append(u"<hr/>"_s);
    }

    m_worker = new ChatWorker(m_databasePath, m_environment, m_settings.file(), m_clients);
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
    m_thread.quit();
    m_thread.wait();
}

void ChatWindow::providerChosen()
{
    const QString provider = m_provider->currentData().toString();
    if (provider.isEmpty()) {
        return;
    }
    m_status->setText(tr("Asking %1 for its models…").arg(m_provider->currentText()));
    const int request = ++m_modelRequest;
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, provider, request] { worker->listModels(provider, request); });
}

void ChatWindow::send()
{
    const QString prompt = m_prompt->toPlainText().trimmed();
    const QString model = m_model->currentText().trimmed();
    if (m_busy || prompt.isEmpty()) {
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
    const QString provider = m_provider->currentData().toString();
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, provider, model, prompt, continued = m_continued,
                               cancel = &m_cancel] { worker->ask(provider, model, prompt, continued, cancel); });
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
    const QString colour = context ? u"#808080"_s : u"palette(text)"_s;
    m_transcript->append(u"<p style=\"color:%1\"><b>%2</b></p>"_s.arg(colour, who.toHtmlEscaped()));
    if (!text.isEmpty()) {
        QTextCursor cursor(m_transcript->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertBlock();
        cursor.insertText(text);
    } else {
        QTextCursor cursor(m_transcript->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertBlock();
    }
}

void ChatWindow::appendText(const QString& piece)
{
    QTextCursor cursor(m_transcript->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(piece);
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
