// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "json/Json.h"
#include "services/InsightService.h"
#include "store/HarvestStore.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// A value that looks random, written nowhere as it is (see TestSecretScanner).
QString drawn(int n, quint32 seed)
{
    static const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString s;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        s += alphabet.at(int((seed >> 8) % quint32(alphabet.size())));
    }
    return s;
}

QString base64Url(const QByteArray& data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The secrets the fixture leaks.
const QString githubToken = u"ghp_"_s + drawn(36, 1);
const QString titleToken = u"glpat-"_s + drawn(20, 2);
const QString pemBody = drawn(64, 3) + u'\n' + drawn(64, 4);
const QString privateKey =
    u"-----BEGIN OPENSSH PRIVATE KEY-----\n"_s + pemBody + u"\n-----END OPENSSH PRIVATE KEY-----"_s;
const QString jwt = base64Url(R"({"alg":"RS256"})") + u'.' + base64Url(R"({"sub":"42"})") + u'.' + drawn(40, 5);
const QString dbPassword = u"pW9"_s + drawn(10, 6);

// The project paths: one with LIKE's wildcards in it, the folder under it, and two it would match as a pattern.
const QString project = u"/home/me/100%_done"_s;
const QString subProject = u"/home/me/100%_done/sub"_s;
const QString lookalike = u"/home/me/100X_done"_s;
const QString sibling = u"/home/me/100%_done2"_s;

ToolCall call(const QString& name, const QString& input, const QString& status, const QString& output = {})
{
    ToolCall c;
    c.id = name + u"-1"_s;
    c.name = name;
    c.input = input;
    c.status = status;
    c.output = output;
    return c;
}

Message message(Role role, const QString& text, const QDateTime& time, const QList<ToolCall>& calls = {})
{
    Message m;
    m.role = role;
    m.content = text;
    m.timestamp = time;
    m.toolCalls = calls;
    return m;
}

Session session(const QString& provider, const QString& id, const QString& projectPath, const QDateTime& updated,
                const QList<Message>& messages, const QString& title = {})
{
    Session s;
    s.provider = provider;
    s.nativeId = id;
    s.id = provider + u':' + id;
    s.title = title.isEmpty() ? id : title;
    s.projectPath = projectPath;
    s.createdAt = updated.addSecs(-3600);
    s.updatedAt = updated;
    s.messages = messages;
    return s;
}

QString fileInput(const QString& path)
{
    return u"{\"file_path\": \""_s + path + u"\", \"old_string\": \"a\", \"new_string\": \"b\"}"_s;
}

// The fixture sessions, newest first.
QList<Session> fixtureSessions()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime a = now.addDays(-1);
    Session alpha = session(
        u"codex"_s, u"alpha"_s, project, a,
        {message(Role::User, u"Fix the login bug in auth.py"_s, a.addSecs(-600)),
         message(Role::Assistant, u"Reading it."_s, a.addSecs(-590),
                 {call(u"Read"_s, u"{\"file_path\": \"/home/me/100%_done/auth.py\"}"_s, u"completed"_s),
                  call(u"Edit"_s, fileInput(project + u"/auth.py"_s), u"completed"_s)}),
         message(Role::Assistant, u"Done, see https://docs.python.org/3/library/hashlib.html."_s, a.addSecs(-580)),
         message(Role::User, u"Unrelated: why does my CI fail? token is "_s + githubToken + u" if it helps"_s,
                 a.addSecs(-500)),
         message(Role::Assistant, u"Let me look."_s, a.addSecs(-490),
                 {call(u"Bash"_s, u"{\"command\": \"gh run list\"}"_s, u"error"_s),
                  call(u"Write"_s, fileInput(project + u"/notes.md"_s), u"completed"_s),
                  call(u"Edit"_s, fileInput(project + u"/never.md"_s), u"error"_s),
                  call(u"apply_patch"_s,
                       u"*** Begin Patch\n*** Update File: ci.yml\n@@\n-a\n+b\n*** Add File: ci2.yml\n+x\n"
                       "*** End Patch"_s,
                       u"completed"_s)}),
         message(Role::User, u"Back to the bug (see https://en.wikipedia.org/wiki/Salt_(cryptography))."_s,
                 a.addSecs(-400)),
         message(Role::Assistant, u"Adding tests; https://docs.python.org/3/library/hashlib.html again"_s,
                 a.addSecs(-390))});
    alpha.filesReferenced = {project + u"/auth.py"_s};

    const QDateTime b = now.addDays(-2);
    const Session lookalikeSession =
        session(u"claude-code"_s, u"beta"_s, lookalike, b,
                {message(Role::User, u"Tidy the README, link https://lookalike.example.net/page"_s, b),
                 message(Role::Assistant, u"Done."_s, b,
                         {call(u"Edit"_s, fileInput(lookalike + u"/README.md"_s), u"completed"_s)})});
    const QDateTime c = now.addDays(-3);
    const Session sub =
        session(u"codex"_s, u"gamma"_s, subProject, c,
                {message(Role::User, u"Deploy, the docs are at https://docs.python.org/3/library/hashlib.html"_s, c),
                 message(Role::Assistant, u"Editing."_s, c,
                         {call(u"Edit"_s, fileInput(project + u"/auth.py"_s), u"completed"_s)})},
                u"deploy with "_s + titleToken);
    const QDateTime d = now.addDays(-20);
    const Session siblingSession = session(
        u"codex"_s, u"delta"_s, sibling, d,
        {message(Role::User, u"Sibling project, see https://sibling.example.net/"_s, d),
         message(Role::Assistant, u"ok"_s, d, {call(u"Edit"_s, fileInput(sibling + u"/x.py"_s), u"completed"_s)})});
    const QDateTime e = now.addDays(-40);
    const Session keys = session(
        u"gemini"_s, u"epsilon"_s, {}, e,
        {message(Role::User, u"Why is this rejected? Authorization: Bearer "_s + jwt, e),
         message(Role::Assistant, u"Reading your key file."_s, e,
                 {call(u"read_file"_s, u"{\"path\": \"~/.ssh/id_ed25519\"}"_s, u"completed"_s, privateKey),
                  call(u"run_shell"_s, u"{\"command\": \"psql postgres://app:"_s + dbPassword + u"@db:5432/app\"}"_s,
                       u"completed"_s)})});
    return {alpha, lookalikeSession, sub, siblingSession, keys};
}

// A harvest database holding the fixture sessions, written through the harvest's store.
std::unique_ptr<Database> fixtureDatabase(const QTemporaryDir& dir)
{
    auto db = Database::open(dir.filePath(u"harvest.db"_s));
    if (!db) {
        qWarning() << db.error().message;
        return nullptr;
    }
    HarvestStore store(**db);
    for (const Session& s : fixtureSessions()) {
        SessionRef ref;
        ref.id = s.id;
        ref.provider = s.provider;
        ref.path = u"/x/"_s + s.nativeId;
        ref.workspaceName = s.projectPath.section(u'/', -1);
        if (!store.store(ref, HarvestStore::prepare(s))) {
            return nullptr;
        }
    }
    return std::move(db).value();
}

QString text(const boost::json::value& value)
{
    return json::toQString(value.as_string());
}

QString printed(const boost::json::object& shape)
{
    return QString::fromStdString(boost::json::serialize(shape));
}

} // namespace

// The insight reports the MCP server's prompts are filled with, on a real harvest database.
class TestInsightService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_db = fixtureDatabase(m_dir);
        QVERIFY(m_db);
    }

    void recentWork()
    {
        const auto work = InsightService::recentWork(*m_db, 7, 10);
        QVERIFY2(work.ok(), qPrintable(work.ok() ? QString() : work.error().message));
        QCOMPARE(work->sessions.size(), 3);
        QCOMPARE(work->sessions.at(0).id, u"codex:alpha"_s);
        QCOMPARE(work->sessions.at(1).id, u"claude-code:beta"_s);
        QCOMPARE(work->sessions.at(2).id, u"codex:gamma"_s);
        QVERIFY(!work->truncated);
        const InsightService::RecentSession& alpha = work->sessions.first();
        QCOMPARE(alpha.firstUserMessage, u"Fix the login bug in auth.py"_s);
        QCOMPARE(alpha.projectPath, project);
        QCOMPARE(alpha.messageCount, 7);
        QCOMPARE(alpha.toolCalls, 6);
        QCOMPARE(alpha.tools.first().tool, u"Edit"_s);
        QCOMPARE(alpha.tools.first().calls, 2);
        // The title with a token in it is masked.
        QCOMPARE(work->sessions.at(2).title, u"deploy with glpa****************"_s);
        QCOMPARE(work->projects.size(), 3);
        QCOMPARE(work->projects.first().projectPath, project);
        QCOMPARE(work->projects.first().sessions, 1);

        const auto two = InsightService::recentWork(*m_db, 7, 2);
        QVERIFY(two.ok());
        QCOMPARE(two->sessions.size(), 2);
        QVERIFY(two->truncated);
        const auto month = InsightService::recentWork(*m_db, 30, 10);
        QCOMPARE(month->sessions.size(), 4);

        const boost::json::object json = toJson(*work);
        QCOMPARE(json.at("days").as_int64(), 7);
        QCOMPARE(json.at("sessions").as_array().size(), 3u);
        const auto& first = json.at("sessions").as_array().at(0).as_object();
        QCOMPARE(text(first.at("first_user_message")), u"Fix the login bug in auth.py"_s);
        QCOMPARE(first.at("tool_calls").as_int64(), 6);
        QVERIFY(text(first.at("updated_at")).endsWith(u'Z'));
        QCOMPARE(text(json.at("projects").as_array().at(0).as_object().at("project_path")), project);

        QVERIFY(!InsightService::recentWork(*m_db, 0, 10).ok());
        QCOMPARE(InsightService::recentWork(*m_db, 7, 0).error().message, u"the limit must be at least 1 (it was 0)"_s);
    }

    void sessionOutline()
    {
        const auto outline = InsightService::sessionOutline(*m_db, u"codex:al"_s, 10);
        QVERIFY2(outline.ok(), qPrintable(outline.ok() ? QString() : outline.error().message));
        QCOMPARE(outline->sessionId, u"codex:alpha"_s);
        QCOMPARE(outline->userMessages, 3);
        QCOMPARE(outline->steps.size(), 3);
        QVERIFY(!outline->truncated);
        const auto& fix = outline->steps.at(0);
        QCOMPARE(fix.index, 0);
        QCOMPARE(fix.text, u"Fix the login bug in auth.py"_s);
        QCOMPARE(fix.assistantMessages, 2);
        QCOMPARE(fix.toolCalls, 2);
        QCOMPARE(fix.filesChanged, QStringList{project + u"/auth.py"_s});
        const auto& tangent = outline->steps.at(1);
        QCOMPARE(tangent.index, 3);
        QVERIFY(tangent.text.contains(u"ghp_****************"_s));
        QVERIFY(!tangent.text.contains(githubToken));
        QCOMPARE(tangent.toolCalls, 4);
        // The failed edit changed nothing; the patch changed two files.
        QCOMPARE(tangent.filesChanged, (QStringList{project + u"/notes.md"_s, u"ci.yml"_s, u"ci2.yml"_s}));
        QCOMPARE(tangent.filesChangedCount, 3);
        QCOMPARE(outline->steps.at(2).assistantMessages, 1);
        QCOMPARE(outline->steps.at(2).toolCalls, 0);

        const auto two = InsightService::sessionOutline(*m_db, u"codex:alpha"_s, 2);
        QVERIFY(two.ok());
        QCOMPARE(two->steps.size(), 2);
        QVERIFY(two->truncated);
        QCOMPARE(two->steps.at(1).toolCalls, 4);

        const boost::json::object json = toJson(*outline);
        QCOMPARE(json.at("steps").as_array().size(), 3u);
        QCOMPARE(json.at("steps").as_array().at(1).as_object().at("files_changed").as_array().size(), 3u);

        QVERIFY(InsightService::sessionOutline(*m_db, u"codex:"_s, 10).error().message.contains(u"several"_s));
        QVERIFY(
            InsightService::sessionOutline(*m_db, u"nope"_s, 10).error().message.contains(u"no harvested session"_s));
    }

    // A project is its path or a folder under it, whatever characters the path holds.
    void codeInsight()
    {
        for (const QString& path : {project, QString(project + u'/')}) {
            const auto insight = InsightService::codeInsight(*m_db, path, 20);
            QVERIFY2(insight.ok(), qPrintable(insight.ok() ? QString() : insight.error().message));
            QCOMPARE(insight->sessions, 2); // alpha and gamma, not the lookalike or the sibling
            QCOMPARE(insight->toolCalls, 7);
            const InsightService::ToolUsage& edit = insight->tools.first();
            QCOMPARE(edit.tool, u"Edit"_s);
            QCOMPARE(edit.calls, 3);
            QCOMPARE(edit.failures, 1);
            QCOMPARE(edit.sessions, 2);
            QCOMPARE(edit.statuses.value(u"completed"_s), 2);
            QCOMPARE(edit.statuses.value(u"error"_s), 1);
            const InsightService::FileActivity& auth = insight->files.first();
            QCOMPARE(auth.path, project + u"/auth.py"_s);
            QCOMPARE(auth.changes, 3); // named by alpha, edited in alpha and in gamma
            QCOMPARE(auth.changeTypes.value(u"edited"_s), 2);
            QCOMPARE(auth.changeTypes.value(u"referenced"_s), 1);
            QCOMPARE(auth.sessions, 2);
            QVERIFY(auth.lastChanged.isValid());
            QStringList paths;
            for (const auto& f : insight->files) {
                paths << f.path;
            }
            paths.sort();
            QCOMPARE(paths,
                     (QStringList{project + u"/auth.py"_s, project + u"/notes.md"_s, u"ci.yml"_s, u"ci2.yml"_s}));
        }
        const auto all = InsightService::codeInsight(*m_db, {}, 20);
        QCOMPARE(all->sessions, 5);
        QCOMPARE(all->toolCalls, 11);
        const auto one = InsightService::codeInsight(*m_db, project, 1);
        QCOMPARE(one->tools.size(), 1);
        QCOMPARE(one->files.size(), 1);
        QVERIFY(one->toolsTruncated && one->filesTruncated);
        const auto none = InsightService::codeInsight(*m_db, u"/home/me/100"_s, 20);
        QCOMPARE(none->sessions, 0);

        const boost::json::object json = toJson(*one);
        QCOMPARE(json.at("tools").as_array().at(0).as_object().at("statuses").as_object().at("error").as_int64(), 1);
        QCOMPARE(json.at("files").as_array().at(0).as_object().at("change_types").as_object().at("edited").as_int64(),
                 2);
    }

    void organizerData()
    {
        const auto all = InsightService::organizerData(*m_db, 10);
        QVERIFY(all.ok());
        QCOMPARE(all->totalSessions, 5);
        QCOMPARE(all->sessions.size(), 5);
        QVERIFY(!all->truncated);
        QCOMPARE(all->sessions.last().id, u"gemini:epsilon"_s);
        QCOMPARE(all->sessions.first().workspaceName, u"100%_done"_s);
        // The bearer token of its first message is masked.
        QVERIFY(
            all->sessions.last().firstUserMessage.startsWith(u"Why is this rejected? Authorization: Bearer eyJh*"_s));
        const auto three = InsightService::organizerData(*m_db, 3);
        QCOMPARE(three->sessions.size(), 3);
        QVERIFY(three->truncated);
        const boost::json::object json = toJson(*three);
        QCOMPARE(json.at("total_sessions").as_int64(), 5);
        QVERIFY(json.at("truncated").as_bool());
    }

    void secrets()
    {
        const auto all = InsightService::secrets(*m_db, {}, 50);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        QCOMPARE(all->messagesScanned, 15);
        QCOMPARE(all->toolCallsScanned, 11);
        QStringList rules;
        for (const auto& f : all->findings) {
            rules << f.sessionId + u' ' + f.source + u' ' + QString::number(f.messageIndex) + u' ' + f.rule;
        }
        QCOMPARE(rules, (QStringList{u"codex:alpha message 3 github-token"_s, u"gemini:epsilon message 0 jwt"_s,
                                     u"gemini:epsilon tool_output 1 private-key"_s,
                                     u"gemini:epsilon tool_input 1 database-url"_s}));
        const auto& github = all->findings.first();
        QCOMPARE(github.role, u"user"_s);
        QCOMPARE(github.masked, u"ghp_****************"_s);
        QCOMPARE(github.context, u"Unrelated: why does my CI fail? token is ghp_**************** if it helps"_s);
        QCOMPARE(all->findings.at(2).toolName, u"read_file"_s);
        QCOMPARE(all->findings.at(3).context, u"{\"command\": \"psql postgres://app:pW9**********@db:5432/app\"}"_s);

        const auto one = InsightService::secrets(*m_db, u"codex:alpha"_s, 50);
        QCOMPARE(one->findings.size(), 1);
        QCOMPARE(one->sessionId, u"codex:alpha"_s);
        QCOMPARE(one->messagesScanned, 7);
        const auto limited = InsightService::secrets(*m_db, {}, 2);
        QCOMPARE(limited->findings.size(), 2);
        QVERIFY(limited->truncated);
        // A secret in a title alone is no finding (titles are masked wherever a report shows them).
        const auto titled = InsightService::secrets(*m_db, u"codex:gamma"_s, 50);
        QCOMPARE(titled->findings.size(), 0);
    }

    // No report shows a secret of the fixture, or any piece of one longer than a mask shows.
    void neverARawSecret()
    {
        QStringList shapes;
        shapes << printed(toJson(InsightService::secrets(*m_db, {}, 50).value()));
        shapes << printed(toJson(InsightService::recentWork(*m_db, 365, 50).value()));
        shapes << printed(toJson(InsightService::organizerData(*m_db, 50).value()));
        shapes << printed(toJson(InsightService::links(*m_db, {}, 50).value()));
        for (const QString& id : {u"codex:alpha"_s, u"codex:gamma"_s, u"gemini:epsilon"_s}) {
            shapes << printed(toJson(InsightService::sessionOutline(*m_db, id, 50).value()));
            shapes << printed(toJson(InsightService::secrets(*m_db, id, 50).value()));
        }
        for (const QString& secret : {githubToken, titleToken, pemBody, jwt, dbPassword}) {
            for (const QString& shape : std::as_const(shapes)) {
                for (qsizetype at = 4; at + 8 <= secret.size(); at += 8) {
                    QVERIFY2(!shape.contains(secret.mid(at, 8)),
                             qPrintable(QString(secret.mid(at, 8) + u" in "_s + shape)));
                }
            }
        }
    }

    void links()
    {
        const auto all = InsightService::links(*m_db, {}, 50);
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
        QCOMPARE(all->messagesScanned, 6);
        QCOMPARE(all->distinct, 4);
        const InsightService::Link& top = all->links.first();
        QCOMPARE(top.url, u"https://docs.python.org/3/library/hashlib.html"_s);
        QCOMPARE(top.count, 3);
        QCOMPARE(top.sessions, 2);
        QVERIFY(top.firstSeen < top.lastSeen);
        QStringList urls;
        for (const auto& l : all->links) {
            urls << l.url;
        }
        QVERIFY(urls.contains(u"https://en.wikipedia.org/wiki/Salt_(cryptography)"_s));

        const auto scoped = InsightService::links(*m_db, project, 50);
        QCOMPARE(scoped->links.size(), 2);
        QCOMPARE(scoped->links.first().count, 3);
        const auto one = InsightService::links(*m_db, {}, 1);
        QCOMPARE(one->links.size(), 1);
        QVERIFY(one->truncated);
        const boost::json::object json = toJson(*one);
        QCOMPARE(json.at("links").as_array().at(0).as_object().at("count").as_int64(), 3);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("urls");
        QTest::newRow("sentence") << u"See https://a.org/x."_s << QStringList{u"https://a.org/x"_s};
        QTest::newRow("parenthesis") << u"(see http://a.org/y)"_s << QStringList{u"http://a.org/y"_s};
        QTest::newRow("balanced") << u"https://en.wikipedia.org/wiki/Foo_(bar), ok"_s
                                  << QStringList{u"https://en.wikipedia.org/wiki/Foo_(bar)"_s};
        QTest::newRow("markdown") << u"[docs](https://a.org/d?q=1&r=2#s) and **https://b.org/**"_s
                                  << QStringList{u"https://a.org/d?q=1&r=2#s"_s, u"https://b.org/"_s};
        QTest::newRow("quoted") << u"\"https://a.org/q\", 'https://b.org/q'"_s
                                << QStringList{u"https://a.org/q"_s, u"https://b.org/q"_s};
        QTest::newRow("unicode") << u"文档：https://例子.中国/路径。谢谢"_s << QStringList{u"https://例子.中国/路径"_s};
        QTest::newRow("no host") << u"http:// and https://"_s << QStringList();
        QTest::newRow("JSON-escaped") << u"{\"u\": \"https://a.org/j\\n\"}"_s << QStringList{u"https://a.org/j"_s};
    }

    void urls()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, urls);
        QCOMPARE(InsightService::urls(text), urls);
    }

    void cancellation()
    {
        std::atomic_bool cancel = true;
        const auto check = [](const auto& result) { return !result.ok() && result.error().message == u"cancelled"_s; };
        QVERIFY(check(InsightService::recentWork(*m_db, 7, 10, &cancel)));
        QVERIFY(check(InsightService::sessionOutline(*m_db, u"codex:alpha"_s, 10, &cancel)));
        QVERIFY(check(InsightService::codeInsight(*m_db, {}, 10, &cancel)));
        QVERIFY(check(InsightService::organizerData(*m_db, 10, &cancel)));
        QVERIFY(check(InsightService::secrets(*m_db, {}, 10, &cancel)));
        QVERIFY(check(InsightService::links(*m_db, {}, 10, &cancel)));
        cancel = false;
        QVERIFY(InsightService::secrets(*m_db, {}, 10, &cancel).ok());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestInsightService)
#include "TestInsightService.moc"
