// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ChatService.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QUuid>

#include <future>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// About four characters a token in the languages and code people chat in: a guess that errs on the large side is
// what keeps a request inside the window.
int tokensOf(const QString& text)
{
    return int((text.size() + 3) / 4) + 4;
}

// Room kept for the answer out of a window.
int answerRoom(int window)
{
    return std::min(4096, window / 4);
}

} // namespace

ChatService::ChatService(QString databasePath)
    : m_recording(
          std::make_unique<RecordingService>(std::move(databasePath), RecordingService::chatProvider.toString()))
{}

ChatService::~ChatService()
{
    // The recording commits what it holds and answers its callbacks, which use the members below it: first.
    m_recording.reset();
}

int ChatService::contextWindow(const Options& options)
{
    if (options.contextTokens && *options.contextTokens > 0) {
        return *options.contextTokens;
    }
    const QString model = options.model.toLower();
    switch (options.api) {
    case ModelApi::Anthropic:
        return 200000;
    case ModelApi::Gemini:
        return 1048576;
    case ModelApi::Ollama:
        // Ollama's default num_ctx: it cuts a longer prompt without saying so.
        return 4096;
    case ModelApi::OpenAi:
        break;
    }
    if (options.localServer) {
        return 8192;
    }
    if (model.startsWith(u"gpt-4.1"_s)) {
        return 1000000;
    }
    return 128000;
}

ChatService::Context ChatService::contextOf(const Session& session, int budgetTokens)
{
    QList<ChatTurn> turns;
    for (const Message& message : session.messages) {
        if (message.role == Role::System || message.content.trimmed().isEmpty()) {
            continue;
        }
        turns.append({message.role == Role::Assistant ? u"assistant"_s : u"user"_s, message.content});
    }
    Context context;
    context.messages = int(turns.size());
    int used = 0;
    qsizetype first = turns.size();
    while (first > 0) {
        const int cost = tokensOf(turns[first - 1].content);
        if (used + cost > budgetTokens) {
            break;
        }
        used += cost;
        --first;
    }
    // The newest message alone does not fit: its end is sent, which is what the next answer follows on from.
    if (first == turns.size() && first > 0 && budgetTokens > 64) {
        ChatTurn last = turns.constLast();
        last.content = last.content.right(qsizetype(budgetTokens - 8) * 4);
        context.turns = {last};
        context.leftOut = context.messages - 1;
        return context;
    }
    context.turns = turns.mid(first);
    context.leftOut = int(first);
    return context;
}

int ChatService::contextBudget(const Options& options)
{
    const int window = contextWindow(options);
    return std::max(256, window - answerRoom(window) - tokensOf(options.system) - 200);
}

std::optional<Error> ChatService::RecentTurns::begin(const Session& header, int)
{
    m_session = header;
    return std::nullopt;
}

std::optional<Error> ChatService::RecentTurns::add(QList<Message>&& messages)
{
    for (Message& message : messages) {
        if (message.role == Role::System || message.content.trimmed().isEmpty()) {
            continue;
        }
        message.toolCalls.clear();
        message.references.clear();
        m_tokens += tokensOf(message.content);
        m_turns.push_back(std::move(message));
        // The newest always stays (contextOf cuts it to fit).
        while (m_tokens > m_budget && m_turns.size() > 1) {
            m_tokens -= tokensOf(m_turns.front().content);
            m_turns.pop_front();
            ++m_leftOut;
        }
    }
    return std::nullopt;
}

std::optional<Error> ChatService::RecentTurns::end(const QStringList&)
{
    return std::nullopt;
}

Session ChatService::RecentTurns::take()
{
    m_session.messages =
        QList<Message>(std::make_move_iterator(m_turns.begin()), std::make_move_iterator(m_turns.end()));
    m_turns.clear();
    return std::move(m_session);
}

void ChatService::start(const Options& options, const Session* continued, int leftOutBefore)
{
    m_options = options;
    m_nativeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_seq = 0;
    m_messages = 0;
    m_turns.clear();
    m_continued = {};
    m_continuedNote.clear();

    RecordingEvent begin;
    begin.type = u"session_start"_s;
    begin.title = options.title;
    begin.client = options.provider;
    begin.projectPath = options.projectPath;
    begin.model = options.model;
    record(begin);

    if (!continued) {
        return;
    }
    const int window = contextWindow(options);
    m_continued = contextOf(*continued, contextBudget(options));
    m_continued.messages += leftOutBefore;
    m_continued.leftOut += leftOutBefore;
    const QString title = continued->title.isEmpty() ? QString() : u" (\u201c%1\u201d)"_s.arg(continued->title);
    QString what = u"%1 of its %2 messages sent as context"_s.arg(m_continued.turns.size()).arg(m_continued.messages);
    if (m_continued.leftOut > 0) {
        what +=
            u", the %1 oldest left out to fit the model's window of %2 tokens"_s.arg(m_continued.leftOut).arg(window);
    }
    RecordingEvent note;
    note.type = u"message_add"_s;
    note.role = u"system"_s;
    note.content = u"Continues %1%2: %3."_s.arg(continued->id, title, what);
    record(note);

    m_continuedNote =
        u"The conversation so far was had with another assistant (%1%2)."_s.arg(continued->provider, title);
    if (m_continued.leftOut > 0) {
        m_continuedNote += u" Its %1 oldest messages are left out here; the newest follow."_s.arg(m_continued.leftOut);
    }
}

void ChatService::seed(const QList<ChatTurn>& turns)
{
    for (const ChatTurn& turn : turns) {
        RecordingEvent event;
        event.type = u"message_add"_s;
        event.role = turn.role;
        event.content = turn.content;
        if (turn.role == u"assistant"_s) {
            event.messageId = u"m"_s + QString::number(++m_messages);
            event.model = m_options.model;
        }
        record(event);
        m_turns.append(turn);
    }
}

void ChatService::resume(const Options& options, const QString& nativeId, const QList<ChatTurn>& turns)
{
    m_options = options;
    m_nativeId = nativeId;
    m_continued = {};
    m_continuedNote.clear();
    m_turns = turns;
    std::promise<qint64> last;
    m_recording->lastSeq(m_nativeId, [&last](const Result<qint64>& seq) { last.set_value(seq ? *seq : 0); });
    m_seq = last.get_future().get();
    // Answer ids stay unique: no chat has more answers than events.
    m_messages = int(m_seq);
}

QString ChatService::sessionId() const
{
    return m_nativeId.isEmpty() ? QString() : RecordingService::chatProvider.toString() + u':' + m_nativeId;
}

void ChatService::setModel(const QString& model)
{
    m_options.model = model;
}

void ChatService::setTitle(const QString& title)
{
    m_options.title = title;
    RecordingEvent event;
    event.type = u"session_start"_s;
    event.title = title;
    event.client = m_options.provider;
    event.projectPath = m_options.projectPath;
    event.model = m_options.model;
    record(event);
}

void ChatService::record(RecordingEvent event)
{
    event.sessionId = m_nativeId;
    event.seq = ++m_seq;
    if (!event.timestamp.isValid()) {
        event.timestamp = QDateTime::currentDateTimeUtc();
    }
    m_recording->record({std::move(event)}, [this](const RecordingService::Outcome& outcome) {
        if (!outcome.error && outcome.gaps.isEmpty()) {
            return;
        }
        QMutexLocker lock(&m_mutex);
        if (!m_recordingError) {
            m_recordingError = outcome.error ? *outcome.error
                                             : Error{u"the recording of %1 lost event %2"_s.arg(
                                                   m_nativeId, QString::number(outcome.gaps.constFirst().seq))};
        }
    });
}

QList<ChatTurn> ChatService::turnsFor(const QString& prompt, int& leftOut) const
{
    const int window = contextWindow(m_options);
    int budget =
        window - answerRoom(window) - tokensOf(m_options.system) - tokensOf(m_continuedNote) - tokensOf(prompt);
    QList<ChatTurn> all = m_continued.turns + m_turns;
    qsizetype first = all.size();
    while (first > 0 && budget - tokensOf(all[first - 1].content) >= 0) {
        budget -= tokensOf(all[first - 1].content);
        --first;
    }
    leftOut = int(first);
    QList<ChatTurn> turns = all.mid(first);
    turns.append({u"user"_s, prompt});
    return turns;
}

Result<ChatAnswer> ChatService::ask(ModelClient& client, const QString& prompt,
                                    const std::function<void(QStringView)>& onText, const CancelFlag* cancel)
{
    RecordingEvent question;
    question.type = u"message_add"_s;
    question.role = u"user"_s;
    question.content = prompt;
    record(question);

    // The answer is recorded from its first piece; until it ends it counts as interrupted, which is what stays if
    // the process dies before.
    const QString answerId = u"m"_s + QString::number(++m_messages);
    RecordingEvent answer;
    answer.type = u"message_add"_s;
    answer.role = u"assistant"_s;
    answer.messageId = answerId;
    answer.model = m_options.model;
    answer.status = u"interrupted"_s;
    record(answer);

    ChatRequest request;
    request.model = m_options.model;
    request.system = m_options.system;
    request.maxTokens = m_options.maxTokens;
    request.temperature = m_options.temperature;
    if (!m_continuedNote.isEmpty()) {
        request.system = request.system.isEmpty() ? m_continuedNote : request.system + u"\n\n"_s + m_continuedNote;
    }
    int leftOut = 0;
    request.turns = turnsFor(prompt, leftOut);

    QString text;
    const auto received = [&](QStringView piece) {
        if (piece.isEmpty()) {
            return;
        }
        if (onText) {
            onText(piece);
        }
        text += piece;
        RecordingEvent more;
        more.type = u"message_append"_s;
        more.messageId = answerId;
        more.content = piece.toString();
        record(more);
    };
    auto result = client.chat(request, received, cancel);

    RecordingEvent end;
    end.type = u"message_update"_s;
    end.messageId = answerId;
    if (!result) {
        end.status = u"failed"_s;
        end.error = result.error().message;
    } else {
        end.status = result->cancelled ? u"cancelled"_s : u"complete"_s;
        // A client that gave the text only at the end (no stream): what the answer holds is the answer.
        if (result->text != text) {
            end.content = result->text;
            end.hasContent = true;
        }
        m_turns.append({u"user"_s, prompt});
        m_turns.append({u"assistant"_s, result->text});
    }
    record(end);
    return result;
}

std::optional<Error> ChatService::flush()
{
    std::promise<void> committed;
    // Everything handed over before is committed once a read queued after it runs.
    m_recording->lastSeq(m_nativeId, [&committed](const Result<qint64>&) { committed.set_value(); });
    committed.get_future().wait();
    QMutexLocker lock(&m_mutex);
    return m_recordingError;
}

} // namespace chasm
