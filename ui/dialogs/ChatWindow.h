// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelClient.h"
#include "model/Session.h"
#include "services/ModelProviderService.h"

#include <QPointer>
#include <QTextCharFormat>
#include <QThread>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace chasm {

class ChatWorker;

// "Continue with…": a session of any tool carried on with a model the person chooses. The window shows the
// conversation, a provider and a model chooser, and a prompt; answers stream in as they arrive, Stop ends one, and
// everything is recorded as a chat of provider `chasm` (ChatService) that names the session it continues. The model
// is asked on a thread of the window's own.
class ChatWindow final : public QWidget
{
    Q_OBJECT

public:
    using ClientFactory = std::function<std::unique_ptr<ModelClient>(const ModelEndpoint&)>;

    // `continued` may be empty (a new chat). `settings` outlives the window.
    ChatWindow(Session continued, QString databasePath, Environment environment, Settings& settings,
               ClientFactory clients, QWidget* parent = nullptr);
    ~ChatWindow() override;

    QComboBox* providerBox() const { return m_provider; }
    QComboBox* modelBox() const { return m_model; }
    QPlainTextEdit* promptField() const { return m_prompt; }
    QPushButton* sendButton() const { return m_send; }
    QPushButton* stopButton() const { return m_stop; }
    QTextBrowser* transcript() const { return m_transcript; }
    QLabel* statusLabel() const { return m_status; }
    // The recorded chat's id once the first prompt was sent ("chasm:…").
    QString sessionId() const { return m_sessionId; }

Q_SIGNALS:
    // An answer ended (complete, stopped or failed): for the person's status bar, and for tests.
    void answered(bool ok, const QString& message);
    // The models a provider lists arrived (or could not be had).
    void modelsListed();

private:
    void providerChosen();
    void send();
    void stop();
    void appendTurn(const QString& who, const QString& text, bool context);
    void appendNote(const QString& note);
    void appendText(const QString& piece);
    void finished(bool ok, const QString& message, const QString& sessionId);
    void setBusy(bool busy);

    Session m_continued;
    QString m_databasePath;
    Environment m_environment;
    Settings& m_settings;
    ClientFactory m_clients;
    QThread m_thread;
    ChatWorker* m_worker = nullptr; // lives on m_thread
    std::atomic<bool> m_cancel{false};
    // Set when the models being listed are no longer wanted (another provider was chosen, the window closed).
    std::shared_ptr<std::atomic<bool>> m_listing = std::make_shared<std::atomic<bool>>(false);
    QString m_sessionId;
    bool m_busy = false;
    int m_modelRequest = 0;
    QTextCharFormat m_text; // of the turn being written
    ModelProviderService::Provider m_chosen;
    std::optional<Result<ModelEndpoint>> m_endpoint; // the chosen provider's, once its key was read

    QLabel* m_intro;
    QComboBox* m_provider;
    QComboBox* m_model;
    QTextBrowser* m_transcript;
    QPlainTextEdit* m_prompt;
    QPushButton* m_send;
    QPushButton* m_stop;
    QLabel* m_status;
};

} // namespace chasm
