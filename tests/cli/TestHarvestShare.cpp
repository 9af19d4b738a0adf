// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// `chasm harvest share` and `harvest shares` against share pages of the test's own, served on 127.0.0.1: a ChatGPT
// page of today (React Router's turbo-stream) and an older one (__NEXT_DATA__), a Claude snapshot; each becomes a
// session of provider `shared` that list, show and search find, and a second import replaces it. A page that is not
// there, holds no conversation, is cut off or is not UTF-8, a redirect away, a plain http link elsewhere and a Gemini
// link are each recorded as failed with the reason, and leave no session behind.

#include "ChasmProcess.h"
#include "PathServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray httpAnswer(const QByteArray& status, const QByteArray& head, const QByteArray& body)
{
    return "HTTP/1.1 " + status + "\r\n" + head + "Content-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray page(const QByteArray& body)
{
    return httpAnswer("200 OK", "Content-Type: text/html; charset=utf-8\r\n", body);
}

// A ChatGPT message node of `mapping`.
QJsonObject node(const QString& id, const QString& parent, const QString& role, const QString& text, double time,
                 const QJsonObject& metadata = {})
{
    const QJsonObject message{
        {u"id"_s, id},
        {u"author"_s, QJsonObject{{u"role"_s, role}}},
        {u"create_time"_s, time},
        {u"content"_s, QJsonObject{{u"content_type"_s, u"text"_s}, {u"parts"_s, QJsonArray{text}}}},
        {u"metadata"_s, metadata}};
    return {{u"id"_s, id}, {u"message"_s, message}, {u"parent"_s, parent}};
}

// serverResponse.data of a shared ChatGPT conversation: a hidden system message, then user and assistant in turn.
QJsonObject chatGptData(const QString& title, const QStringList& turns)
{
    QJsonObject mapping{{u"root"_s, QJsonObject{{u"id"_s, u"root"_s}, {u"message"_s, QJsonValue::Null}}},
                        {u"sys"_s, node(u"sys"_s, u"root"_s, u"system"_s, u"You are ChatGPT."_s, 1764000000,
                                        {{u"is_visually_hidden_from_conversation"_s, true}})}};
    QJsonArray linear{QJsonObject{{u"id"_s, u"root"_s}}, QJsonObject{{u"id"_s, u"sys"_s}}};
    QString parent = u"sys"_s;
    for (qsizetype i = 0; i < turns.size(); ++i) {
        const QString id = u"n%1"_s.arg(i);
        const bool user = i % 2 == 0;
        mapping.insert(id, node(id, parent, user ? u"user"_s : u"assistant"_s, turns.at(i), 1764000001.5 + i,
                                user ? QJsonObject{} : QJsonObject{{u"model_slug"_s, u"gpt-4o"_s}}));
        linear.append(QJsonObject{{u"id"_s, id}});
        parent = id;
    }
    return {{u"title"_s, title},     {u"create_time"_s, 1764000000.25},  {u"update_time"_s, 1764000300.75},
            {u"mapping"_s, mapping}, {u"linear_conversation"_s, linear}, {u"current_node"_s, parent}};
}

// A value as turbo-stream writes it: a flat array, element 0 the root, objects {"_KEY": VALUE} of indexes.
class TurboStream
{
public:
    int add(const QJsonValue& value)
    {
        if (value.isNull()) {
            return -5;
        }
        const int index = int(m_flat.size());
        m_flat.append(QJsonValue());
        if (value.isObject()) {
            QJsonObject object;
            const QJsonObject source = value.toObject();
            for (auto it = source.begin(); it != source.end(); ++it) {
                const int key = add(it.key());
                object.insert(u"_%1"_s.arg(key), add(it.value()));
            }
            m_flat[index] = object;
        } else if (value.isArray()) {
            QJsonArray array;
            for (const QJsonValue& element : value.toArray()) {
                array.append(add(element));
            }
            m_flat[index] = array;
        } else {
            m_flat[index] = value;
        }
        return index;
    }
    QByteArray text() const { return QJsonDocument(m_flat).toJson(QJsonDocument::Compact); }

private:
    QJsonArray m_flat;
};

// A ChatGPT share page of today: the loader data in a turbo-stream, handed to streamController.enqueue() in two
// JavaScript strings, followed by a promise's line.
QByteArray chatGptPage(const QJsonObject& data)
{
    const QJsonObject root{
        {u"loaderData"_s,
         QJsonObject{{u"root"_s, QJsonObject{{u"clientBootstrap"_s, QJsonObject{{u"locale"_s, u"en-US"_s}}}}},
                     {u"routes/share.$shareId.($action)"_s,
                      QJsonObject{{u"serverResponse"_s, QJsonObject{{u"type"_s, u"data"_s}, {u"data"_s, data}}}}}}},
        {u"actionData"_s, QJsonValue::Null}};
    TurboStream stream;
    stream.add(root);
    const QString text = QString::fromUtf8(stream.text()) + u"\nP12:[\"later\"]\n"_s;
    const auto literal = [](const QString& s) {
        const QByteArray json = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return json.mid(1, json.size() - 2); // the string of ["…"]
    };
    const qsizetype half = text.size() / 2;
    return "<!DOCTYPE html><html><head><title>ChatGPT</title></head><body><div id=\"root\"></div><script>"
           "window.__reactRouterContext = {\"basename\":\"/\",\"future\":{}};"
           "window.__reactRouterContext.stream = new ReadableStream({start(controller){"
           "window.__reactRouterContext.streamController = controller;}}).pipeThrough(new TextEncoderStream());"
           "</script><script>window.__reactRouterContext.streamController.enqueue(" +
           literal(text.left(half)) + ");</script><script>window.__reactRouterContext.streamController.enqueue(" +
           literal(text.mid(half)) +
           ");</script><script>window.__reactRouterContext.streamController.close();"
           "</script></body></html>";
}

// An older ChatGPT share page: Next.js's __NEXT_DATA__, its conversation found from current_node.
QByteArray nextDataPage(QJsonObject data)
{
    data.remove(u"linear_conversation"_s);
    const QJsonObject next{
        {u"props"_s, QJsonObject{{u"pageProps"_s, QJsonObject{{u"serverResponse"_s, QJsonObject{{u"type"_s, u"data"_s},
                                                                                                {u"data"_s, data}}}}}}},
        {u"page"_s, u"/share/[[...shareParams]]"_s}};
    return "<html><head><script id=\"__NEXT_DATA__\" type=\"application/json\">" +
           QJsonDocument(next).toJson(QJsonDocument::Compact) + "</script></head><body></body></html>";
}

// Claude's snapshot of a shared chat, as /api/chat_snapshots/ID gives it.
QByteArray claudeSnapshot()
{
    const auto message = [](const QString& sender, const QString& time, const QJsonArray& content) {
        return QJsonObject{{u"uuid"_s, QString(sender + time)},
                           {u"sender"_s, sender},
                           {u"created_at"_s, time},
                           {u"content"_s, content}};
    };
    const QJsonObject text{{u"type"_s, u"text"_s}, {u"text"_s, u"Which vegetables grow well in shade?"_s}};
    const QJsonArray answer{
        QJsonObject{{u"type"_s, u"tool_use"_s},
                    {u"id"_s, u"toolu_1"_s},
                    {u"name"_s, u"web_search"_s},
                    {u"input"_s, QJsonObject{{u"query"_s, u"shade vegetables"_s}}}},
        QJsonObject{{u"type"_s, u"tool_result"_s},
                    {u"tool_use_id"_s, u"toolu_1"_s},
                    {u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u"3 results"_s}}}}},
        QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u"Lettuce, spinach and kale tolerate partial shade."_s}}};
    const QJsonObject snapshot{
        {u"uuid"_s, u"4b7c2f0e-1111-4222-8333-944455556666"_s},
        {u"snapshot_name"_s, u"Planning a shady garden"_s},
        {u"created_at"_s, u"2026-11-02T10:00:00.000000Z"_s},
        {u"updated_at"_s, u"2026-11-02T10:05:00.000000Z"_s},
        {u"chat_messages"_s, QJsonArray{message(u"human"_s, u"2026-11-02T10:00:00Z"_s, QJsonArray{text}),
                                        message(u"assistant"_s, u"2026-11-02T10:00:09Z"_s, answer)}}};
    return QJsonDocument(snapshot).toJson(QJsonDocument::Compact);
}

QJsonValue parsed(const QByteArray& out)
{
    const QJsonDocument document = QJsonDocument::fromJson(out);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

} // namespace

class TestHarvestShare : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void chatGptPage_becomesASession();
    void olderChatGptPage_becomesASession();
    void claudeSnapshot_becomesASession();
    void sharedSessions_areSearchedAndShown();
    void importAgain_replacesTheSession();
    void failures_areRecordedWithTheirReason_data();
    void failures_areRecordedWithTheirReason();
    void shares_listEveryLinkAndFilterByStatus();

private:
    chasm::test::Ran run(const QStringList& args) const;
    QJsonArray sharedSessions() const;
    QJsonObject share(const QString& url, const QStringList& extra, int expectedExit);

    QTemporaryDir m_home;
    // The share pages: each path answered as served at the time, any other with 404.
    chasm::test::PathServer m_pages{httpAnswer("404 Not Found", "Content-Type: text/html\r\n", "gone")};
    QString m_origin;
    QStringList m_failed; // the links each failure test tried
};

chasm::test::Ran TestHarvestShare::run(const QStringList& args) const
{
    return chasm::test::runChasm(m_home.path(), args);
}

QJsonArray TestHarvestShare::sharedSessions() const
{
    const auto listed = run({u"list"_s, u"sessions"_s, u"--provider"_s, u"shared"_s, u"--json"_s});
    if (listed.exitCode != 0) {
        qWarning("%s", listed.describe().constData());
    }
    return parsed(listed.out).toArray();
}

QJsonObject TestHarvestShare::share(const QString& url, const QStringList& extra, int expectedExit)
{
    const auto ran = run(QStringList{u"harvest"_s, u"share"_s, url, u"--json"_s} + extra);
    if (ran.exitCode != expectedExit) {
        qWarning("%s", ran.describe().constData());
        return {};
    }
    return parsed(ran.out).toObject();
}

void TestHarvestShare::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_home.isValid());
    m_origin = m_pages.listen();
}

void TestHarvestShare::chatGptPage_becomesASession()
{
    m_pages.serve("/share/6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42",
                  page(chatGptPage(chatGptData(u"Sorting floats in Rust"_s,
                                               {u"How do I sort a vector of floats in Rust?"_s,
                                                u"Use sort_by with partial_cmp: v.sort_by(|a, b| a.partial_cmp(b))."_s,
                                                u"And descending?"_s, u"Swap a and b in the comparison."_s}))));
    const QString url = m_origin + u"/share/6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42?utm_source=chat"_s;
    const QJsonObject link = share(url, {u"--service"_s, u"chatgpt"_s, u"--workspace"_s, u"rust-notes"_s}, 0);
    QCOMPARE(link.value(u"status"_s).toString(), u"imported"_s);
    QCOMPARE(link.value(u"service"_s).toString(), u"chatgpt"_s);
    QCOMPARE(link.value(u"url"_s).toString(), m_origin + u"/share/6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42"_s);
    QCOMPARE(link.value(u"session_id"_s).toString(), u"shared:chatgpt-6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42"_s);
    QCOMPARE(link.value(u"messages"_s).toInt(), 4);
    QCOMPARE(link.value(u"replaced"_s).toBool(), false);

    const QJsonArray sessions = sharedSessions();
    QCOMPARE(sessions.size(), 1);
    const QJsonObject session = sessions.first().toObject();
    QCOMPARE(session.value(u"id"_s).toString(), link.value(u"session_id"_s).toString());
    QCOMPARE(session.value(u"title"_s).toString(), u"Sorting floats in Rust"_s);
    QCOMPARE(session.value(u"message_count"_s).toInt(), 4);
    QCOMPARE(session.value(u"workspace_name"_s).toString(), u"rust-notes"_s);
    QCOMPARE(session.value(u"created_at"_s).toString(), u"2025-11-24T16:00:00Z"_s);
}

void TestHarvestShare::olderChatGptPage_becomesASession()
{
    m_pages.serve(
        "/share/old-1234",
        page(nextDataPage(chatGptData(u"Old page"_s, {u"What is a monad?"_s, u"A monoid in the category of "
                                                                             u"endofunctors, loosely speaking."_s}))));
    const QJsonObject link =
        share(m_origin + u"/share/old-1234"_s, {u"--service"_s, u"chatgpt"_s, u"--name"_s, u"Monads, briefly"_s}, 0);
    QCOMPARE(link.value(u"status"_s).toString(), u"imported"_s);
    QCOMPARE(link.value(u"title"_s).toString(), u"Monads, briefly"_s);
    QCOMPARE(link.value(u"name"_s).toString(), u"Monads, briefly"_s);

    const auto shown = run({u"show"_s, u"session"_s, u"shared:chatgpt-old-1234"_s, u"--json"_s});
    QVERIFY2(shown.exitCode == 0, shown.describe().constData());
    const QJsonObject session = parsed(shown.out).toObject();
    QCOMPARE(session.value(u"title"_s).toString(), u"Monads, briefly"_s);
    const QJsonArray messages = session.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 2); // the hidden system message is left out
    QCOMPARE(messages.at(0)[u"role"_s].toString(), u"user"_s);
    QCOMPARE(messages.at(0)[u"content"_s].toString(), u"What is a monad?"_s);
    QCOMPARE(messages.at(1)[u"role"_s].toString(), u"assistant"_s);
    QCOMPARE(messages.at(1)[u"model"_s].toString(), u"gpt-4o"_s);
}

void TestHarvestShare::claudeSnapshot_becomesASession()
{
    const QByteArray id = "4b7c2f0e-1111-4222-8333-944455556666";
    m_pages.serve("/api/chat_snapshots/" + id + "?rendering_mode=messages&render_all_tools=true",
                  httpAnswer("200 OK", "Content-Type: application/json\r\n", claudeSnapshot()));
    const QJsonObject link = share(m_origin + u"/share/"_s + QString::fromLatin1(id), {u"--service"_s, u"claude"_s}, 0);
    QCOMPARE(link.value(u"status"_s).toString(), u"imported"_s);
    QCOMPARE(link.value(u"title"_s).toString(), u"Planning a shady garden"_s);

    const auto shown = run({u"show"_s, u"session"_s, u"shared:claude-"_s + QString::fromLatin1(id), u"--json"_s});
    QVERIFY2(shown.exitCode == 0, shown.describe().constData());
    const QJsonArray messages = parsed(shown.out).toObject().value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0)[u"role"_s].toString(), u"user"_s);
    QCOMPARE(messages.at(1)[u"content"_s].toString(), u"Lettuce, spinach and kale tolerate partial shade."_s);
    const QJsonObject call = messages.at(1)[u"tool_calls"_s].toArray().first().toObject();
    QCOMPARE(call.value(u"name"_s).toString(), u"web_search"_s);
    QCOMPARE(call.value(u"output"_s).toString(), u"3 results"_s);
}

void TestHarvestShare::sharedSessions_areSearchedAndShown()
{
    const auto found = run({u"harvest"_s, u"search"_s, u"spinach"_s, u"--json"_s});
    QVERIFY2(found.exitCode == 0, found.describe().constData());
    QVERIFY2(found.out.contains("shared:claude-4b7c2f0e-1111-4222-8333-944455556666"), found.out.constData());
    const auto sorted = run({u"harvest"_s, u"search"_s, u"partial_cmp"_s, u"--provider"_s, u"shared"_s});
    QVERIFY2(sorted.exitCode == 0, sorted.describe().constData());
    QVERIFY2(sorted.out.contains("Sorting floats in Rust"), sorted.out.constData());
}

void TestHarvestShare::importAgain_replacesTheSession()
{
    // The conversation was shared again, shorter: the session is what the link holds now, still one session.
    m_pages.serve(
        "/share/6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42",
        page(chatGptPage(chatGptData(u"Sorting floats in Rust, again"_s,
                                     {u"How do I sort floats?"_s, u"Use total_cmp: v.sort_by(f64::total_cmp)."_s}))));
    const QJsonObject link =
        share(m_origin + u"/share/6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42"_s, {u"--service"_s, u"chatgpt"_s}, 0);
    QCOMPARE(link.value(u"status"_s).toString(), u"imported"_s);
    QCOMPARE(link.value(u"replaced"_s).toBool(), true);
    QCOMPARE(link.value(u"messages"_s).toInt(), 2);
    const QJsonArray sessions = sharedSessions();
    QCOMPARE(sessions.size(), 3);
    int found = 0;
    for (const QJsonValue& s : sessions) {
        if (s[u"id"_s].toString() == u"shared:chatgpt-6840aa11-0b6c-800f-9a3c-5d2b7f1e0c42"_s) {
            ++found;
            QCOMPARE(s[u"title"_s].toString(), u"Sorting floats in Rust, again"_s);
            QCOMPARE(s[u"message_count"_s].toInt(), 2);
        }
    }
    QCOMPARE(found, 1);
    const auto old = run({u"harvest"_s, u"search"_s, u"partial_cmp"_s, u"--json"_s});
    QVERIFY2(!old.out.contains("shared:chatgpt-6840aa11"), old.out.constData());
}

void TestHarvestShare::failures_areRecordedWithTheirReason_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("served"); // the path the answer is served at, when not `path`
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("reason");

    const QByteArray cut = chatGptPage(chatGptData(u"Cut"_s, {u"never"_s, u"seen"_s}));
    QTest::newRow("404") << u"/share/deleted-1"_s << QByteArray() << QByteArray()
                         << QStringList{u"--service"_s, u"chatgpt"_s} << u"was not found (HTTP 404)"_s;
    QTest::newRow("no conversation") << u"/share/login-wall"_s << QByteArray()
                                     << page("<html><body><h1>Log in to see this chat</h1></body></html>")
                                     << QStringList{u"--service"_s, u"chatgpt"_s}
                                     << u"the page carries no conversation"_s;
    QTest::newRow("cut off") << u"/share/cut-1"_s << QByteArray() << page(cut.left(cut.indexOf("enqueue(") + 400))
                             << QStringList{u"--service"_s, u"chatgpt"_s} << u"cut off"_s;
    QTest::newRow("not UTF-8")
        << u"/share/latin-1"_s << QByteArray()
        << page(nextDataPage(chatGptData(u"caf\u00e9"_s, {u"x"_s, u"y"_s})).replace("caf\xc3\xa9", "caf\xe9"))
        << QStringList{u"--service"_s, u"chatgpt"_s} << u"is not valid UTF-8"_s;
    QTest::newRow("claude without chat_messages")
        << u"/share/0e1d2c3b-aaaa-4bbb-8ccc-123456789abc"_s
        << QByteArray("/api/chat_snapshots/0e1d2c3b-aaaa-4bbb-8ccc-123456789abc?rendering_mode=messages&"
                      "render_all_tools=true")
        << httpAnswer("200 OK", "Content-Type: application/json\r\n", R"({"uuid":"x","snapshot_name":"Empty"})")
        << QStringList{u"--service"_s, u"claude"_s} << u"the snapshot holds no conversation (no chat_messages)"_s;
    QTest::newRow("redirect away") << u"/share/moved-1"_s << QByteArray()
                                   << httpAnswer("302 Found", "Location: https://example.invalid/share/moved-1\r\n", "")
                                   << QStringList{u"--service"_s, u"chatgpt"_s} << u"is not followed"_s;
    QTest::newRow("no service") << u"/share/which-1"_s << QByteArray() << QByteArray() << QStringList{}
                                << u"needs its service named (--service"_s;
    QTest::newRow("plain http elsewhere") << u"http://example.com/share/abc123"_s << QByteArray() << QByteArray()
                                          << QStringList{} << u"only https links are fetched"_s;
    QTest::newRow("gemini") << u"https://g.co/gemini/share/a1b2c3d4e5f6"_s << QByteArray() << QByteArray()
                            << QStringList{} << u"Gemini's share pages carry no conversation Chasm can read"_s;
}

void TestHarvestShare::failures_areRecordedWithTheirReason()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, served);
    QFETCH(QByteArray, answer);
    QFETCH(QStringList, extra);
    QFETCH(QString, reason);
    if (!answer.isEmpty()) {
        m_pages.serve(served.isEmpty() ? path.toUtf8() : served, answer);
    }
    const QString url = path.startsWith(u'/') ? m_origin + path : path;
    const qsizetype requests = m_pages.paths().size();
    const QJsonObject link = share(url, extra, 1);
    QCOMPARE(link.value(u"status"_s).toString(), u"failed"_s);
    QVERIFY2(link.value(u"reason"_s).toString().contains(reason), qPrintable(link.value(u"reason"_s).toString()));
    QVERIFY(link.value(u"session_id"_s).isNull());
    if (!path.startsWith(u'/') || extra.isEmpty()) {
        QCOMPARE(m_pages.paths().size(), requests); // refused before anything was asked
    }
    // Said in one line on stderr without --json.
    const auto plain = run(QStringList{u"harvest"_s, u"share"_s, url} + extra);
    QCOMPARE(plain.exitCode, 1);
    QVERIFY2(plain.err.count('\n') == 1 && plain.err.contains(reason.toUtf8()), plain.err.constData());
    QCOMPARE(sharedSessions().size(), 3);
    m_failed << link.value(u"url"_s).toString();
}

void TestHarvestShare::shares_listEveryLinkAndFilterByStatus()
{
    const auto all = run({u"harvest"_s, u"shares"_s, u"--json"_s, u"--limit"_s, u"100"_s});
    QVERIFY2(all.exitCode == 0, all.describe().constData());
    const QJsonArray links = parsed(all.out).toArray();
    QCOMPARE(links.size(), 3 + m_failed.size());
    const QJsonObject first = links.first().toObject();
    for (const QString& key : {u"url"_s, u"service"_s, u"status"_s, u"reason"_s, u"session_id"_s, u"title"_s, u"name"_s,
                               u"workspace"_s, u"messages"_s, u"added"_s, u"imported"_s}) {
        QVERIFY2(first.contains(key), qPrintable(key));
    }

    const auto failed = run({u"harvest"_s, u"shares"_s, u"--status"_s, u"failed"_s, u"--json"_s, u"-n"_s, u"100"_s});
    QVERIFY2(failed.exitCode == 0, failed.describe().constData());
    QStringList urls;
    for (const QJsonValue& link : parsed(failed.out).toArray()) {
        QCOMPARE(link[u"status"_s].toString(), u"failed"_s);
        QVERIFY(!link[u"reason"_s].toString().isEmpty());
        urls << link[u"url"_s].toString();
    }
    urls.sort();
    m_failed.sort();
    QCOMPARE(urls, m_failed);

    const auto imported = run({u"harvest"_s, u"shares"_s, u"--status"_s, u"imported"_s});
    QVERIFY2(imported.exitCode == 0, imported.describe().constData());
    QCOMPARE(imported.out.count("imported"), 3);
    QVERIFY(imported.out.contains("Planning a shady garden"));
    QVERIFY(!imported.out.contains("deleted-1"));
}

QTEST_GUILESS_MAIN(TestHarvestShare)
#include "TestHarvestShare.moc"
