// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelClient.h"
#include "model/Session.h"
#include "model/SessionSink.h"
#include "services/RecordingService.h"

#include <QList>
#include <QMutex>
#include <QString>

#include <deque>
#include <memory>
#include <optional>

namespace chasm {

// A chat with a model, recorded as it happens (chasm run, the app's "Continue with…"): each message is handed to a
// RecordingService of provider `chasm` as it arrives, the answer piece by piece, so that a process killed in the
// middle of an answer leaves the prompt and what had arrived, marked "interrupted". A chat may continue any session
// of any tool: its turns go to the model as context, the oldest left out when they do not fit the model's window,
// and the recorded chat is a session of its own that names the one it continues.
class ChatService
{
public:
    explicit ChatService(QString databasePath);
    // Commits what was recorded, then stops.
    ~ChatService();
    Q_DISABLE_COPY_MOVE(ChatService)

    struct Options
    {
        QString provider; // the model provider's name ("ollama"), kept as the recorded session's client
        QString model;
        ModelApi api = ModelApi::OpenAi;
        bool localServer = false;         // a server on the user's machine (a smaller window by default)
        QString system;                   // the system prompt
        QString title;                    // empty: the first prompt is the title
        QString projectPath;              // the folder it was started in
        std::optional<int> contextTokens; // the model's window in tokens; unset: a default by API and model
        std::optional<int> maxTokens;     // of each answer; unset: the API's default
        std::optional<double> temperature;
    };

    // What of a continued session goes to the model.
    struct Context
    {
        QList<ChatTurn> turns;
        int messages = 0; // the session's user and assistant messages with text
        int leftOut = 0;  // the oldest of them, not sent
    };

    // A sink that keeps of a session its header and the newest turns that fit `budgetTokens`: what continuing it
    // needs, so that continuing a session of a gigabyte holds the model's window in memory, not the session.
    class RecentTurns final : public SessionSink
    {
    public:
        explicit RecentTurns(int budgetTokens)
            : m_budget(budgetTokens)
        {}
        std::optional<Error> begin(const Session& header, int conversationMessages) override;
        std::optional<Error> add(QList<Message>&& messages) override;
        std::optional<Error> end(const QStringList& filesReferenced) override;
        // The session with the turns kept; `leftOut` the older ones that were not.
        Session take();
        int leftOut() const { return m_leftOut; }

    private:
        int m_budget;
        Session m_session;
        std::deque<Message> m_turns;
        qint64 m_tokens = 0;
        int m_leftOut = 0;
    };
    // The tokens of a continued session that may go with each prompt: the window less the answer's room and the
    // system prompt.
    static int contextBudget(const Options& options);

    // Starts a new recorded chat (a new session id), continuing `continued` when given, of which `leftOutBefore`
    // older turns were left out already (RecentTurns). The previous chat, if any, stays as it is.
    void start(const Options& options, const Session* continued = nullptr, int leftOutBefore = 0);
    // The conversation so far as a client that keeps it itself sends it (the REST API's chat completions): recorded
    // as the chat's next messages, and sent with the next prompt.
    void seed(const QList<ChatTurn>& turns);
    // Goes on with a chat recorded before (its id without "chasm:"), whose turns a client sends again: the next
    // prompt and answer are recorded after its last message.
    void resume(const Options& options, const QString& nativeId, const QList<ChatTurn>& turns);
    // "chasm:<uuid>", empty before start().
    QString sessionId() const;
    const Options& options() const { return m_options; }
    // Later answers come from this model (/model); the title of the recorded session (/title).
    void setModel(const QString& model);
    void setTitle(const QString& title);
    // What of the continued session was sent as context (empty when none).
    const Context& continued() const { return m_continued; }

    // Sends the prompt with the conversation so far and records both; `onText` gets the answer as it arrives. A
    // cancelled answer is recorded as far as it came ("cancelled"), a failed one with its error ("failed").
    Result<ChatAnswer> ask(ModelClient& client, const QString& prompt, const std::function<void(QStringView)>& onText,
                           const CancelFlag* cancel = nullptr);

    // Waits until everything handed to the recording is committed: the recording's error, if it failed.
    std::optional<Error> flush();

    // The model's context window in tokens, as far as Chasm knows it.
    static int contextWindow(const Options& options);
    // A session's turns that fit `budgetTokens` (the newest; about four characters a token), oldest first.
    static Context contextOf(const Session& session, int budgetTokens);

private:
    void record(RecordingEvent event);
    // The turns sent with the next prompt: the continued session's and this chat's, the newest that fit.
    QList<ChatTurn> turnsFor(const QString& prompt, int& leftOut) const;

    std::unique_ptr<RecordingService> m_recording;
    Options m_options;
    QString m_nativeId;
    qint64 m_seq = 0;
    int m_messages = 0;
    Context m_continued;
    QString m_continuedNote; // told to the model with the system prompt
    QList<ChatTurn> m_turns; // this chat's own, answered
    mutable QMutex m_mutex;
    std::optional<Error> m_recordingError;
};

} // namespace chasm
