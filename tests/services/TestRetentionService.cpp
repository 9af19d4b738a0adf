// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliRun.h"
#include "FixtureHome.h"
#include "services/HarvestService.h"
#include "services/RetentionService.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <boost/json/parse.hpp>

#include <memory>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

constexpr qint64 dayMs = 24ll * 3600 * 1000;

const QString claudeProject = u".claude/projects/-home-dev-projects-web-app/"_s;
const QString claudeOld = u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s;    // 25 days since written
const QString claudeRecent = u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s; // 5 days
const QString claudeToday = u"claude-code:33333333-aaaa-4bbb-8ccc-000000000003"_s;  // now

bool setAge(const QString& path, qint64 days)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) &&
           file.setFileTime(QDateTime::currentDateTimeUtc().addMSecs(-days * dayMs), QFileDevice::FileModificationTime);
}

// Claude Code's three fixture transcripts, written 25 and 5 days ago and now.
bool ageClaudeTranscripts(const test::FixtureHome& home)
{
    return setAge(home.file(claudeProject + u"11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s), 25) &&
           setAge(home.file(claudeProject + u"22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s), 5);
}

// A Gemini CLI chat of the project "proj" last updated `days` ago; its file is written now, so only its own
// lastUpdated tells its age.
bool writeGeminiChat(const test::FixtureHome& home, const QString& id8, qint64 days)
{
    const QString updated = QDateTime::currentDateTimeUtc().addMSecs(-days * dayMs).toString(Qt::ISODateWithMs);
    const QString id = id8 + u"-0000-4000-8000-000000000000"_s;
    const QString lines =
        u"{\"sessionId\":\"%1\",\"projectHash\":\"p\",\"startTime\":\"%2\",\"lastUpdated\":\"%2\",\"kind\":\"main\"}\n"
        "{\"id\":\"u1\",\"timestamp\":\"%2\",\"type\":\"user\",\"content\":[{\"text\":\"Chat %3\"}]}\n"_s.arg(
            id, updated, id8);
    return test::writeFile(home.file(u".gemini/tmp/proj/.project_root"_s), "/home/dev/proj\n") &&
           test::writeFile(home.file(u".gemini/tmp/proj/chats/session-%1.jsonl"_s.arg(id8)), lines.toUtf8());
}

struct Listed
{
    test::CliRun run;
    boost::json::object tool; // the provider's entry
};

Listed retention(const test::FixtureHome& home, const QString& provider, const QStringList& extra = {})
{
    Listed listed;
    listed.run = test::runCli(home.environment(), QStringList{u"retention"_s, u"--json"_s} + extra);
    boost::system::error_code error;
    const boost::json::value parsed = boost::json::parse(listed.run.out.toStdString(), error);
    if (!error && parsed.is_object()) {
        for (const boost::json::value& tool : parsed.at("tools").as_array()) {
            if (tool.at("provider").as_string() == provider.toStdString()) {
                listed.tool = tool.as_object();
            }
        }
    }
    return listed;
}

QStringList atRiskIds(const boost::json::object& tool)
{
    QStringList ids;
    for (const boost::json::value& session : tool.at("at_risk").as_array()) {
        ids << QString::fromStdString(std::string(session.at("session_id").as_string()));
    }
    ids.sort();
    return ids;
}

QString text(const boost::json::value& value)
{
    return value.is_string() ? QString::fromStdString(std::string(value.as_string())) : QString();
}

} // namespace

// chasm retention: each tool's purge rule as its settings say, and exactly the sessions it deletes within the days
// asked, marked whether the harvest database keeps them.
class TestRetentionService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void claudeCode_data()
    {
        QTest::addColumn<QByteArray>("settings"); // ~/.claude/settings.json; empty: none
        QTest::addColumn<QStringList>("days");    // --days, when given
        QTest::addColumn<QStringList>("atRisk");
        QTest::addColumn<int>("ruleDays");
        QTest::addColumn<bool>("fromFile"); // the rule's source is the settings file
        QTest::addColumn<QString>("error"); // what the warning and rule.error say, after the file's path
        const QStringList week;
        QTest::newRow("no settings: 30 days")
            << QByteArray() << week << QStringList{claudeOld} << 30 << false << QString();
        QTest::newRow("settings without the key")
            << QByteArray(R"({"theme":"dark"})") << week << QStringList{claudeOld} << 30 << false << QString();
        QTest::newRow("10 days") << QByteArray(R"({"cleanupPeriodDays": 10})") << week
                                 << QStringList{claudeOld, claudeRecent} << 10 << true << QString();
        QTest::newRow("10 days, --days 0: only what is due already")
            << QByteArray(R"({"cleanupPeriodDays": 10})") << QStringList{u"--days"_s, u"0"_s} << QStringList{claudeOld}
            << 10 << true << QString();
        QTest::newRow("default, --days 29") << QByteArray() << QStringList{u"--days"_s, u"29"_s}
                                            << QStringList{claudeOld, claudeRecent} << 30 << false << QString();
        QTest::newRow("default, --days 4")
            << QByteArray() << QStringList{u"--days"_s, u"4"_s} << QStringList() << 30 << false << QString();
        QTest::newRow("a word") << QByteArray(R"({"cleanupPeriodDays": "ten"})") << week << QStringList{claudeOld} << 30
                                << false
                                << u"cleanupPeriodDays must be a whole number of days of at least 1, not \"ten\"; "
                                   "Claude Code's default of 30 days is assumed"_s;
        QTest::newRow("zero") << QByteArray(R"({"cleanupPeriodDays": 0})") << week << QStringList{claudeOld} << 30
                              << false
                              << u"cleanupPeriodDays must be a whole number of days of at least 1, not 0; Claude "
                                 "Code's default of 30 days is assumed"_s;
        QTest::newRow("not JSON") << QByteArray("{\"cleanupPeriodDays\": 10") << week << QStringList{claudeOld} << 30
                                  << false << u"Claude Code's default of 30 days is assumed"_s;
    }

    void claudeCode()
    {
        QFETCH(QByteArray, settings);
        QFETCH(QStringList, days);
        QFETCH(QStringList, atRisk);
        QFETCH(int, ruleDays);
        QFETCH(bool, fromFile);
        QFETCH(QString, error);
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(ageClaudeTranscripts(home));
        const QString settingsFile = home.file(u".claude/settings.json"_s);
        if (!settings.isEmpty()) {
            QVERIFY(test::writeFile(settingsFile, settings));
        }
        const Listed listed = retention(home, u"claude-code"_s, days);
        QCOMPARE(listed.run.exitCode, 0);
        QVERIFY2(!listed.tool.empty(), qPrintable(listed.run.out + listed.run.err));
        QCOMPARE(atRiskIds(listed.tool), atRisk);
        const boost::json::object& rule = listed.tool.at("rule").as_object();
        QCOMPARE(text(rule.at("kind")), u"max_age"_s);
        QCOMPARE(rule.at("days").as_int64(), ruleDays);
        QCOMPARE(text(rule.at("source")), fromFile ? settingsFile : u"default"_s);
        if (error.isEmpty()) {
            QVERIFY(rule.at("error").is_null());
            QVERIFY2(listed.run.err.isEmpty(), qPrintable(listed.run.err));
        } else {
            const QString said = text(rule.at("error"));
            QVERIFY2(said.contains(settingsFile) && said.endsWith(error), qPrintable(said));
            // One line on stderr, naming the file.
            QCOMPARE(listed.run.err, u"chasm: warning: "_s + said + u'\n');
        }
        // Every session at risk is due within the days asked, and none is in a database yet.
        const QDateTime horizon = QDateTime::currentDateTimeUtc().addDays(days.isEmpty() ? 7 : days.at(1).toInt());
        for (const boost::json::value& session : listed.tool.at("at_risk").as_array()) {
            QVERIFY(QDateTime::fromString(text(session.at("purge_at")), Qt::ISODate) <= horizon);
            QCOMPARE(session.at("in_database").as_bool(), false);
            QVERIFY(text(session.at("source_path")).startsWith(home.file(claudeProject)));
        }
    }

    void geminiCli_data()
    {
        QTest::addColumn<QByteArray>("settings"); // ~/.gemini/settings.json; empty: none
        QTest::addColumn<QStringList>("atRisk");  // of the chats last updated 40, 25 and 5 days ago
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("error");
        const QString ancient = u"gemini:aaaa0040-0000-4000-8000-000000000000"_s;
        const QString old = u"gemini:bbbb0025-0000-4000-8000-000000000000"_s;
        const QString recent = u"gemini:cccc0005-0000-4000-8000-000000000000"_s;
        QTest::newRow("no settings: on, 30 days")
            << QByteArray() << QStringList{ancient, old} << u"max_age"_s << QString();
        QTest::newRow("turned off") << QByteArray(R"({"general":{"sessionRetention":{"enabled":false}}})")
                                    << QStringList() << u"none"_s << QString();
        QTest::newRow("10 days, with a comment")
            << QByteArray("// kept short\n{\"general\":{\"sessionRetention\":{\"maxAge\":\"10d\"}}}")
            << QStringList{ancient, old, recent} << u"max_age"_s << QString();
        QTest::newRow("the newest 1 of each project")
            << QByteArray(R"({"general":{"sessionRetention":{"maxAge":"","maxCount":1}}})") << QStringList{ancient, old}
            << u"max_count"_s << QString();
        QTest::newRow("a period Gemini CLI refuses turns its cleanup off")
            << QByteArray(R"({"general":{"sessionRetention":{"maxAge":"5x"}}})") << QStringList() << u"none"_s
            << u"general.sessionRetention: maxAge \"5x\" is not a number and one of h, d, w, m; Gemini CLI then "
               "deletes nothing"_s;
        QTest::newRow("a value of the wrong type: the default")
            << QByteArray(R"({"general":{"sessionRetention":{"maxCount":"many"}}})") << QStringList{ancient, old}
            << u"max_age"_s << u"Gemini CLI's default (30 days) is assumed"_s;
    }

    void geminiCli()
    {
        QFETCH(QByteArray, settings);
        QFETCH(QStringList, atRisk);
        QFETCH(QString, kind);
        QFETCH(QString, error);
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(writeGeminiChat(home, u"aaaa0040"_s, 40));
        QVERIFY(writeGeminiChat(home, u"bbbb0025"_s, 25));
        QVERIFY(writeGeminiChat(home, u"cccc0005"_s, 5));
        const QString settingsFile = home.file(u".gemini/settings.json"_s);
        if (!settings.isEmpty()) {
            QVERIFY(test::writeFile(settingsFile, settings));
        }
        const Listed listed = retention(home, u"gemini"_s);
        QCOMPARE(listed.run.exitCode, 0);
        QVERIFY2(!listed.tool.empty(), qPrintable(listed.run.out + listed.run.err));
        QCOMPARE(atRiskIds(listed.tool), atRisk);
        const boost::json::object& rule = listed.tool.at("rule").as_object();
        QCOMPARE(text(rule.at("kind")), kind);
        if (error.isEmpty()) {
            QVERIFY(rule.at("error").is_null());
        } else {
            const QString said = text(rule.at("error"));
            QVERIFY2(said.contains(settingsFile) && said.endsWith(error), qPrintable(said));
            QVERIFY2(listed.run.err.contains(said), qPrintable(listed.run.err));
        }
    }

    // A session at risk is marked in_database once `chasm harvest run` kept it, and no longer when it changed since.
    void inDatabaseAfterHarvest()
    {
        test::FixtureHome home(u"claude-code"_s);
        QVERIFY(ageClaudeTranscripts(home));
        // A transcript Chasm cannot read, as old.
        const QString damaged = home.file(claudeProject + u"44444444-aaaa-4bbb-8ccc-000000000004.jsonl"_s);
        QVERIFY(test::writeFile(damaged, "{\"type\":\"user\",\n"));
        QVERIFY(setAge(damaged, 25));
        const QString damagedId = u"claude-code:44444444-aaaa-4bbb-8ccc-000000000004"_s;
        QCOMPARE(atRiskIds(retention(home, u"claude-code"_s).tool), (QStringList{claudeOld, damagedId}));
        QVERIFY(!QFile::exists(home.file(u".local/share/chasm/chasm.db"_s))); // not made by looking

        // 3: the run finished, one session failed.
        QCOMPARE(test::runCli(home.environment(), {u"harvest"_s, u"run"_s}).exitCode, 3);
        Listed listed = retention(home, u"claude-code"_s);
        QCOMPARE(atRiskIds(listed.tool), (QStringList{claudeOld, damagedId}));
        QHash<QString, bool> kept;
        for (const boost::json::value& session : listed.tool.at("at_risk").as_array()) {
            kept.insert(text(session.at("session_id")), session.at("in_database").as_bool());
        }
        QCOMPARE(kept.value(claudeOld), true);
        QCOMPARE(kept.value(damagedId, true), false); // its failure is recorded, nothing is kept
        QVERIFY(QFile::remove(damaged));

        // Claude Code appended to it (and the file is as old as before): what is kept is no longer what it has.
        const QString file = home.file(claudeProject + u"11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s);
        QFile transcript(file);
        QVERIFY(transcript.open(QIODevice::Append));
        transcript.write(
            R"({"type":"user","sessionId":"11111111-aaaa-4bbb-8ccc-000000000001","uuid":"late","timestamp":"2026-11-01T10:00:00.000Z","message":{"role":"user","content":"One more thing"}})"
            "\n");
        transcript.close();
        QVERIFY(setAge(file, 25));
        listed = retention(home, u"claude-code"_s);
        QCOMPARE(listed.tool.at("at_risk").as_array().at(0).at("in_database").as_bool(), false);

        // The human table says the same.
        const test::CliRun table = test::runCli(home.environment(), {u"retention"_s, u"--provider"_s, u"claude"_s});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(u"Claude Code  30 days after the file's last change  default"_s),
                 qPrintable(table.out));
        QVERIFY2(table.out.contains(claudeOld), qPrintable(table.out));
        QVERIFY2(table.out.contains(u"1 of them not kept in "_s), qPrintable(table.out));
        QVERIFY(!table.out.contains(claudeToday));
    }

    // The app's harvester reads what a tool deletes soon before the rest: a Claude Code transcript due in five days
    // is stored before older Codex sessions that nothing deletes (by default the oldest go first).
    void harvesterStoresSessionsAtRiskFirst()
    {
        test::FixtureHome home(QStringList{u"claude-code"_s, u"codex"_s});
        QVERIFY(ageClaudeTranscripts(home));
        QDirIterator codex(home.file(u".codex"_s), {u"*.jsonl"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (codex.hasNext()) {
            QVERIFY(setAge(codex.next(), 60));
        }
        const QString database = home.file(u"chasm.db"_s);
        HarvestService harvest(std::make_shared<const SessionCatalog>(home.environment()), database);
        QSignalSpy finished(&harvest, &HarvestService::finished);
        harvest.harvestNow();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.at(0).at(0).value<Harvester::Summary>().failed, 0);

        // The order sessions were stored in: their messages' ids.
        QMap<qint64, QString> firstMessage;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"order"_s);
            db.setDatabaseName(database);
            QVERIFY(db.open());
            QSqlQuery query(u"SELECT session_id, MIN(id) FROM messages_v2 GROUP BY session_id"_s, db);
            while (query.next()) {
                firstMessage.insert(query.value(1).toLongLong(), query.value(0).toString());
            }
        }
        QSqlDatabase::removeDatabase(u"order"_s);
        QVERIFY2(firstMessage.size() >= 3, qPrintable(QStringList(firstMessage.values()).join(u' ')));
        QCOMPARE(firstMessage.first(), claudeOld);
        QVERIFY(firstMessage.values().at(1).startsWith(u"codex:"_s));
    }
};

QTEST_GUILESS_MAIN(TestRetentionService)
#include "TestRetentionService.moc"
