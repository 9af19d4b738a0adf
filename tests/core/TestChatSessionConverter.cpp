// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "json/Json.h"
#include "vscode/ChatSessionConverter.h"
#include "vscode/ChatSessionFile.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString webApp = u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"_s;

Session load(const test::FixtureHome& home, const QString& relative, QStringList* warnings = nullptr)
{
    auto contents = ChatSessionFile::read(home.file(relative));
    if (!contents) {
        qWarning() << contents.error().message;
        return {};
    }
    if (warnings) {
        *warnings = contents->warnings;
    }
    return ChatSessionConverter::convert(contents->tree, {u"copilot"_s, u"id"_s, u"ws"_s, u"/p"_s, {}});
}

// Small sessions in tests/data/vscode/snippets/ for shapes the fixture home does not show.
Session fromFile(const QString& name)
{
    auto tree = json::parseFile(QStringLiteral(CHASM_TEST_DATA_DIR) + u"/vscode/snippets/"_s + name);
    return tree ? ChatSessionConverter::convert(*tree, {u"copilot"_s, u"x"_s, {}, {}, {}}) : Session{};
}

} // namespace

class TestChatSessionConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A legacy v3 .json session with markdown, an inline reference, a terminal tool call, edits,
    // injected instructions, a failed turn and a part kind Chasm does not know.
    void legacyJson()
    {
        test::FixtureHome home;
        const Session s = load(home, webApp + u"aaaa1111-2222-4333-8444-555566667777.json"_s);
        QCOMPARE(s.id, u"copilot:id"_s);
        QCOMPARE(s.title, u"Why does `npm test` fail with ECONNREFUSED here?"_s);
        QCOMPARE(s.createdAt, QDateTime::fromMSecsSinceEpoch(1768471100000, QTimeZone::utc()));
        QCOMPARE(s.updatedAt, QDateTime::fromMSecsSinceEpoch(1768471500000, QTimeZone::utc()));
        QCOMPARE(s.messages.size(), 5);
        QCOMPARE(s.conversationMessageCount(), 4);

        const Message& user = s.messages.at(0);
        QCOMPARE(user.role, Role::User);
        QCOMPARE(user.content, u"Why does `npm test` fail with ECONNREFUSED here?"_s);
        QCOMPARE(user.timestamp, QDateTime::fromMSecsSinceEpoch(1768471200000, QTimeZone::utc()));
        QCOMPARE(user.references, QStringList{u"/home/dev/projects/web app/test/db.test.ts"_s});

        const Message& answer = s.messages.at(1);
        QCOMPARE(answer.role, Role::Assistant);
        QCOMPARE(answer.model, u"copilot/claude-sonnet-4"_s);
        QCOMPARE(answer.agent, u"github.copilot.editsAgent"_s);
        QCOMPARE(answer.status, u"complete"_s);
        QCOMPARE(answer.timestamp, QDateTime::fromMSecsSinceEpoch(1768471206100, QTimeZone::utc()));
        QVERIFY(answer.content.startsWith(
            u"The test connects to Postgres on port 5432, but db.test.ts never starts a server. Let me check"_s));
        QVERIFY(answer.content.contains(u"\n\nOnly Redis is listening. Start the database first:\n\n```sh\n"
                                        "docker compose up -d db\n```"_s));
        QCOMPARE(answer.toolCalls.size(), 1);
        const ToolCall& call = answer.toolCalls.at(0);
        QCOMPARE(call.id, u"call_ss_01"_s);
        QCOMPARE(call.name, u"run_in_terminal"_s);
        QCOMPARE(call.input, uR"({"command":"ss -ltn","explanation":"List listening ports","isBackground":false})"_s);
        QVERIFY(call.output.endsWith(u"LISTEN 0      4096   127.0.0.1:6379"_s));
        QCOMPARE(call.status, u"completed"_s);

        const Message& context = s.messages.at(2);
        QCOMPARE(context.role, Role::System);
        QCOMPARE(context.content, u"Always use TypeScript strict mode."_s);

        const Message& failed = s.messages.at(4);
        QCOMPARE(failed.status, u"failed"_s);
        QCOMPARE(failed.error, u"Sorry, the response hit the length limit."_s);
        QCOMPARE(failed.content, u"I started on a helper, but\n\n(unsupported part: fancyNewPart)"_s);

        QCOMPARE(s.model, u"copilot/claude-sonnet-4"_s);
        QCOMPARE(s.totalTokens, std::optional<qint64>(1830 + 214));
        QVERIFY(s.filesReferenced.contains(u"/home/dev/projects/web app/docker-compose.yml"_s));
        QVERIFY(s.filesReferenced.contains(u"/home/dev/projects/web app/package.json"_s));
    }

    // The .jsonl log replays into the same kind of tree, with every mutation kind applied.
    void mutationLogSession()
    {
        test::FixtureHome home;
        QStringList warnings;
        const Session s = load(home, webApp + u"bbbb2222-3333-4444-8555-666677778888.jsonl"_s, &warnings);
        QCOMPARE(s.title, u"Deploy script review"_s);
        QCOMPARE(s.messages.size(), 4);
        QCOMPARE(s.messages.at(1).content, u"Line 12 uses `rm -rf $DIR/` with an unset variable."_s);
        QCOMPARE(s.messages.at(2).content, u"And the rollback step?"_s);
        QCOMPARE(s.messages.at(3).content,
                 u"The rollback restores the previous symlink but never restarts the service."_s);
        QCOMPARE(s.messages.at(3).status, u"cancelled"_s);
        QCOMPARE(warnings.size(), 2);

        auto contents = ChatSessionFile::read(home.file(webApp + u"bbbb2222-3333-4444-8555-666677778888.jsonl"_s));
        QVERIFY(contents.ok());
        QCOMPARE(contents->format, ChatSessionFile::Format::Jsonl);
        QVERIFY(!contents->tree.as_object().contains("inputState")); // kind 3
    }

    // Fields Chasm does not know stay in the native tree, in their place.
    void unknownFieldsAreKept()
    {
        test::FixtureHome home;
        auto contents = ChatSessionFile::read(home.file(webApp + u"aaaa1111-2222-4333-8444-555566667777.json"_s));
        QVERIFY(contents.ok());
        const boost::json::object& tree = contents->tree.as_object();
        QCOMPARE(json::serialize(tree.at("someFieldFromTheFuture")), std::string(R"({"keep":"me"})"));
        QCOMPARE(std::string(tree.begin()->key()), std::string("version"));
        QCOMPARE(std::string((tree.end() - 1)->key()), std::string("someFieldFromTheFuture"));
    }

    void surrogatesInFile()
    {
        test::FixtureHome home;
        const Session s = load(
            home,
            u".config/Code/User/globalStorage/emptyWindowChatSessions/eeee5555-6666-4777-8888-9999aaaabbbb.jsonl"_s);
        QCOMPARE(s.messages.at(0).content, u"What does the é in café 😀 look like in UTF-8? (pasted: \uFFFD)"_s);
    }

    void unreadableFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("error");
        QTest::newRow("truncated json") << QByteArray("{\"version\":3,\"requests\":[{\"req") << u".json"_s
                                        << u"not valid JSON: incomplete JSON (byte 30)"_s;
        QTest::newRow("empty") << QByteArray() << u".json"_s << u"the file is empty"_s;
        QTest::newRow("not an object") << QByteArray("[1,2]") << u".json"_s << u"the session is not a JSON object"_s;
        QTest::newRow("jsonl without initial entry") << QByteArray(R"({"kind":1,"k":["a"],"v":1})") << u".jsonl"_s
                                                     << u"line 1: the log is missing an initial entry"_s;
    }

    void unreadableFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, suffix);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken"_s + suffix);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        const auto contents = ChatSessionFile::read(path);
        QVERIFY(!contents.ok());
        QVERIFY2(contents.error().message.startsWith(u"cannot read "_s + path + u": "_s),
                 qPrintable(contents.error().message));
        QVERIFY2(contents.error().message.contains(error), qPrintable(contents.error().message));
    }

    void title_data()
    {
        QTest::addColumn<QString>("customTitle");
        QTest::addColumn<QString>("firstMessage");
        QTest::addColumn<QString>("title");
        QTest::newRow("custom title wins") << u"  Mine "_s << u"hello"_s << u"Mine"_s;
        QTest::newRow("first message") << QString() << u"Fix the\n  build   please"_s << u"Fix the build please"_s;
        QTest::newRow("untitled") << QString() << u"  \n"_s << u"Untitled"_s;
        const QString long80 = QString(79, u'a') + u"😀b"_s;
        QTest::newRow("long message cut before an emoji, not inside it")
            << QString() << long80 << QString(79, u'a') + QChar(0x2026);
        const QString combining = QString(78, u'x') + u"e\u0301e\u0301e\u0301"_s;
        QTest::newRow("combining marks stay with their letter")
            << QString() << combining << QString(78, u'x') + u"e\u0301"_s + QChar(0x2026);
        QTest::newRow("exactly 80 is not cut") << QString() << QString(80, u'z') << QString(80, u'z');
    }

    void title()
    {
        QFETCH(QString, customTitle);
        QFETCH(QString, firstMessage);
        QFETCH(QString, title);
        QCOMPARE(sessionTitle(customTitle, firstMessage), title);
    }

    void oldShapes()
    {
        const Session s = fromFile(u"old-shapes.json"_s);
        QCOMPARE(s.messages.size(), 2);
        QCOMPARE(s.messages.at(0).content, u"plain string"_s);
        QCOMPARE(s.messages.at(1).content, u"an old answer"_s);
        QCOMPARE(s.title, u"plain string"_s);
        QCOMPARE(s.createdAt, QDateTime::fromMSecsSinceEpoch(1500000000000, QTimeZone::utc()));
        QVERIFY(!s.totalTokens.has_value());
    }

    // Parts missing what their kind promises are shown as far as they go, never a reason to fail.
    void damagedParts()
    {
        const Session s = fromFile(u"damaged-parts.json"_s);
        QCOMPARE(s.messages.size(), 2);
        QCOMPARE(s.messages.at(1).content, u"In Parser.cs"_s);
        QCOMPARE(s.messages.at(1).references, QStringList{u"/home/me/C#/100%41/Parser.cs"_s});
        QCOMPARE(s.messages.at(1).toolCalls.size(), 1);
    }

    void toolResultDetails()
    {
        const Session s = fromFile(u"tool-result-details.json"_s);
        const QList<ToolCall>& calls = s.messages.at(1).toolCalls;
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).input, uR"({"path":"a.txt"})"_s);
        QCOMPARE(calls.at(0).output, u"hello\n(image/png data)"_s);
        QCOMPARE(calls.at(0).status, u"error"_s);
        QCOMPARE(calls.at(1).input, u"Searching for `x`"_s);
        QCOMPARE(calls.at(1).status, u"cancelled"_s);
    }
};

QTEST_GUILESS_MAIN(TestChatSessionConverter)
#include "TestChatSessionConverter.moc"
