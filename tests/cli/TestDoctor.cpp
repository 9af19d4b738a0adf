// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// chasm doctor, run as a person runs it (the real binary, a fixture HOME, the test's own Secret Service): a healthy
// setup, then things broken one at a time as they break for people, each found with its severity, and --fix mending
// what it says it mends, with a backup.

#include "ChasmProcess.h"
#include "FakeModelServer.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "util/Settings.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <boost/json/parse.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;
using chasm::test::Ran;
using chasm::test::runChasm;
using chasm::test::withKeychain;

namespace {

const QStringList findingKeys = {u"check"_s, u"fix"_s, u"fixable"_s, u"message"_s, u"status"_s};
const QStringList reportKeys = {u"checked_at"_s, u"counts"_s, u"database"_s, u"findings"_s,
                                u"fixes"_s,      u"full"_s,   u"ok"_s};
const QStringList fixKeys = {u"backup"_s, u"check"_s, u"done"_s, u"message"_s};

QStringList keysOf(const boost::json::object& object)
{
    QStringList keys;
    for (const auto& item : object) {
        keys << json::toQString(std::string_view(item.key()));
    }
    keys.sort();
    return keys;
}

struct Doctor
{
    Ran ran;
    boost::json::value report;

    // The findings of one check (several for a check per workspace).
    QList<boost::json::object> findings(const QString& check) const
    {
        QList<boost::json::object> found;
        for (const boost::json::value& f : report.as_object().at("findings").as_array()) {
            if (json::string(f, "check") == check) {
                found << f.as_object();
            }
        }
        return found;
    }
    QString status(const QString& check) const
    {
        const auto found = findings(check);
        return found.size() == 1 ? json::string(found.constFirst(), "status") : u"(%1 findings)"_s.arg(found.size());
    }
    QStringList withStatus(const QString& status) const
    {
        QStringList checks;
        for (const boost::json::value& f : report.as_object().at("findings").as_array()) {
            if (json::string(f, "status") == status) {
                checks << json::string(f, "check") + u": "_s + json::string(f, "message");
            }
        }
        return checks;
    }
};

Doctor doctor(const QString& home, QStringList args = {})
{
    args.prepend(u"doctor"_s);
    args << u"--format"_s << u"json"_s;
    Doctor d;
    d.ran = runChasm(home, args, withKeychain(), 120000);
    boost::system::error_code error;
    d.report = boost::json::parse(std::string_view(d.ran.out.constData(), size_t(d.ran.out.size())), error);
    if (error || !d.report.is_object()) {
        d.report = boost::json::object{{"findings", boost::json::array()}, {"fixes", boost::json::array()}};
    }
    return d;
}

bool runSql(const QString& database, const QString& statement)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"doctor-test"_s);
        db.setDatabaseName(database);
        ok = db.open() && QSqlQuery(db).exec(statement);
    }
    QSqlDatabase::removeDatabase(u"doctor-test"_s);
    return ok;
}

QString databaseOf(const test::FixtureHome& home)
{
    return home.file(u".local/share/chasm/chasm.db"_s);
}

} // namespace

class TestDoctor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void healthySetup();
    void searchIndexEmptiedIsRebuiltWithBackup();
    void databaseThatIsNotSqlite();
    void stateDatabaseThatCannotBeRead();
    void sessionIndexRepairedUnlessTheEditorRuns();
    void missingFoldersAndStores();
    void sessionsAboutToBePurged();
    void modelEndpointsWithFull();
    void apiPortTakenByAnotherProgram();
    void humanOutput();

private:
    // A HOME with Claude Code transcripts and VS Code workspaces, harvested.
    std::unique_ptr<test::FixtureHome> harvestedHome();

    // Programs on the PATH of every chasm the test runs: a VS Code installation (its launcher linked from here, its
    // package.json saying its version) and Claude Code's `claude`.
    QTemporaryDir m_programs;
};

void TestDoctor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_programs.isValid());
    const QString install = m_programs.filePath(u"opt/code"_s);
    QVERIFY(test::writeFile(install + u"/bin/code"_s, "#!/bin/sh\nexit 0\n"));
    QVERIFY(test::writeFile(install + u"/resources/app/package.json"_s,
                            R"({"name": "code-oss-dev", "version": "1.99.3"})"));
    QVERIFY(test::writeFile(m_programs.filePath(u"bin/claude"_s), "#!/bin/sh\nexit 0\n"));
    for (const QString& program : QStringList{install + u"/bin/code"_s, m_programs.filePath(u"bin/claude"_s)}) {
        QVERIFY(QFile::setPermissions(program, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    QVERIFY(QFile::link(install + u"/bin/code"_s, m_programs.filePath(u"bin/code"_s)));
    qputenv("PATH", QByteArray(QFile::encodeName(m_programs.filePath(u"bin"_s)) + ':' + qgetenv("PATH")));
}

std::unique_ptr<test::FixtureHome> TestDoctor::harvestedHome()
{
    auto home = std::make_unique<test::FixtureHome>(QStringList{u"claude-code"_s, u"vscode"_s});
    if (!home->isValid()) {
        return nullptr;
    }
    const Ran harvest = runChasm(home->path(), {u"harvest"_s, u"run"_s});
    if (harvest.exitCode != 0 && harvest.exitCode != 3) {
        qWarning() << harvest.describe();
        return nullptr;
    }
    return home;
}

void TestDoctor::healthySetup()
{
    const auto home = harvestedHome();
    QVERIFY(home);
    // The fixture's indexes are left as a person's editor leaves them; repaired, nothing is wrong.
    const Ran repaired = runChasm(home->path(), {u"register"_s, u"repair"_s, u"--all"_s});
    QVERIFY2(repaired.exitCode == 0, repaired.describe());

    const Doctor d = doctor(home->path());
    QVERIFY2(d.ran.exitCode == 0, d.ran.describe());
    QCOMPARE(keysOf(d.report.as_object()), reportKeys);
    for (const boost::json::value& f : d.report.as_object().at("findings").as_array()) {
        QCOMPARE(keysOf(f.as_object()), findingKeys);
        QVERIFY(QStringList({u"ok"_s, u"info"_s, u"warning"_s, u"error"_s}).contains(json::string(f, "status")));
        QVERIFY(!json::string(f, "message").contains(u'\n'));
        QVERIFY(f.as_object().at("fix").is_null() || f.as_object().at("fix").is_string());
    }
    QCOMPARE(d.withStatus(u"error"_s), QStringList());
    QCOMPARE(d.withStatus(u"warning"_s), QStringList());
    QCOMPARE(json::boolean(d.report, "ok"), std::optional<bool>(true));
    QCOMPARE(json::string(d.report, "database"), databaseOf(*home));

    QCOMPARE(d.status(u"editor.code"_s), u"ok"_s);
    QVERIFY2(json::string(d.findings(u"editor.code"_s).constFirst(), "message").contains(u"1.99.3"_s),
             qPrintable(json::string(d.findings(u"editor.code"_s).constFirst(), "message")));
    QCOMPARE(d.status(u"editor.windsurf"_s), u"info"_s);
    QCOMPARE(d.status(u"workspace_storage.code"_s), u"ok"_s);
    QCOMPARE(d.status(u"provider.claude-code"_s), u"ok"_s);
    QVERIFY(json::string(d.findings(u"provider.claude-code"_s).constFirst(), "message")
                .contains(m_programs.filePath(u"bin/claude"_s)));
    QCOMPARE(d.status(u"provider.codex"_s), u"info"_s);
    QCOMPARE(d.status(u"database.integrity"_s), u"ok"_s);
    QCOMPARE(d.status(u"database.schema"_s), u"ok"_s);
    QCOMPARE(d.status(u"database.search_index"_s), u"ok"_s);
    QCOMPARE(d.status(u"database.disk_space"_s), u"ok"_s);
    QCOMPARE(d.status(u"keychain"_s), u"ok"_s);
    QCOMPARE(d.status(u"inotify"_s), u"ok"_s);
    QCOMPARE(d.status(u"retention"_s), u"ok"_s);

    // `check` is the same command; --fix with nothing to fix does nothing.
    const Doctor fixed = doctor(home->path(), {u"--fix"_s});
    QCOMPARE(fixed.ran.exitCode, 0);
    QCOMPARE(fixed.report.as_object().at("fixes").as_array().size(), size_t(0));
    const Ran alias = runChasm(home->path(), {u"check"_s, u"--json"_s}, withKeychain(), 120000);
    QCOMPARE(alias.exitCode, 0);
    QVERIFY(alias.out.contains("\"database.search_index\""));
}

void TestDoctor::searchIndexEmptiedIsRebuiltWithBackup()
{
    const auto home = harvestedHome();
    QVERIFY(home);
    const QString database = databaseOf(*home);
    const QStringList search = {u"harvest"_s, u"search"_s, u"build"_s, u"--json"_s};
    const QByteArray found = runChasm(home->path(), search).out;
    QVERIFY2(found.contains("\"session_id\""), found.constData());

    // The index's rows gone, the messages still there: searches find nothing.
    QVERIFY(runSql(database, u"INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')"_s));
    QVERIFY(!runChasm(home->path(), search).out.contains("\"session_id\""));

    const Doctor broken = doctor(home->path());
    QCOMPARE(broken.ran.exitCode, 1);
    QCOMPARE(broken.status(u"database.search_index"_s), u"error"_s);
    const boost::json::object finding = broken.findings(u"database.search_index"_s).constFirst();
    QCOMPARE(json::boolean(finding, "fixable"), std::optional<bool>(true));
    QVERIFY(json::string(finding, "fix").contains(u"--fix"_s));
    QCOMPARE(json::boolean(broken.report, "ok"), std::optional<bool>(false));

    const Doctor fixed = doctor(home->path(), {u"--fix"_s});
    QVERIFY2(fixed.ran.exitCode == 0, fixed.ran.describe());
    // (The fixture's session indexes are repaired too.)
    boost::json::object fix;
    for (const boost::json::value& f : fixed.report.as_object().at("fixes").as_array()) {
        if (json::string(f, "check") == u"database.search_index"_s) {
            QVERIFY(fix.empty());
            fix = f.as_object();
        }
    }
    QCOMPARE(keysOf(fix), fixKeys);
    QCOMPARE(json::boolean(fix, "done"), std::optional<bool>(true));
    QCOMPARE(fixed.status(u"database.search_index"_s), u"ok"_s);
    QVERIFY(runChasm(home->path(), search).out.contains("\"session_id\""));

    // The backup is the database as it was, broken index and all: a whole SQLite database beside it.
    const QString backup = json::string(fix, "backup");
    QVERIFY2(backup.startsWith(database + u".bak-"_s), qPrintable(backup));
    QVERIFY(QFileInfo(backup).size() > 0);
    QVERIFY(runSql(backup, u"SELECT count(*) FROM sessions"_s));
}

void TestDoctor::databaseThatIsNotSqlite()
{
    test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    const QByteArray notes = "my notes, saved over the database by mistake\n";
    QVERIFY(test::writeFile(databaseOf(home), notes));

    const Doctor d = doctor(home.path(), {u"--fix"_s});
    QCOMPARE(d.ran.exitCode, 1);
    QCOMPARE(d.status(u"database.integrity"_s), u"error"_s);
    const boost::json::object finding = d.findings(u"database.integrity"_s).constFirst();
    QVERIFY(json::string(finding, "message").contains(u"not an SQLite file"_s));
    QCOMPARE(json::boolean(finding, "fixable"), std::optional<bool>(false));
    QCOMPARE(test::readAll(databaseOf(home)), notes);
}

void TestDoctor::stateDatabaseThatCannotBeRead()
{
    test::FixtureHome home(u"vscode"_s);
    QVERIFY(home.isValid());
    const QString state =
        home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/state.vscdb"_s);
    QVERIFY(QFileInfo::exists(state));
    // A crash left something that is not SQLite (as root, a file without permissions would still be read).
    QVERIFY(test::writeFile(state, QByteArray(8192, 'x')));

    const Doctor d = doctor(home.path());
    QCOMPARE(d.ran.exitCode, 1);
    const auto findings = d.findings(u"workspace_storage.code"_s);
    QCOMPARE(findings.size(), 2); // the unreadable one, and the count of those checked
    QCOMPARE(json::string(findings[0], "status"), u"error"_s);
    QVERIFY(json::string(findings[0], "message").contains(u"5d41402abc4b2a76b9719d911017c592"_s));
    QVERIFY(json::string(findings[0], "fix").contains(u"state.vscdb.backup"_s));
}

void TestDoctor::sessionIndexRepairedUnlessTheEditorRuns()
{
    test::FixtureHome home(u"vscode"_s);
    QVERIFY(home.isValid());
    const Doctor before = doctor(home.path());
    const auto broken = before.findings(u"session_index.code"_s);
    QVERIFY2(!broken.isEmpty(), qPrintable(before.withStatus(u"warning"_s).join(u'\n')));
    QCOMPARE(json::string(broken.constFirst(), "status"), u"warning"_s);
    QCOMPARE(json::boolean(broken.constFirst(), "fixable"), std::optional<bool>(true));

    // While VS Code runs (a process of that name), the repair is refused and the index left as it is.
    QTemporaryDir bin;
    QVERIFY(QFile::copy(QStandardPaths::findExecutable(u"sleep"_s), bin.filePath(u"code"_s)));
    QProcess editor;
    editor.start(bin.filePath(u"code"_s), {u"60"_s});
    QVERIFY(editor.waitForStarted());
    const Doctor refused = doctor(home.path(), {u"--fix"_s});
    editor.kill();
    editor.waitForFinished();
    bool sawRefusal = false;
    for (const boost::json::value& fix : refused.report.as_object().at("fixes").as_array()) {
        if (json::string(fix, "check") == u"session_index.code"_s) {
            QCOMPARE(json::boolean(fix, "done"), std::optional<bool>(false));
            QVERIFY2(json::string(fix, "message").contains(u"VS Code"_s), qPrintable(json::string(fix, "message")));
            QVERIFY(fix.as_object().at("backup").is_null());
            sawRefusal = true;
        }
    }
    QVERIFY(sawRefusal);
    QCOMPARE(refused.findings(u"session_index.code"_s).size(), broken.size());

    // Closed, it is repaired, with a recovery point, and found right.
    const Doctor fixed = doctor(home.path(), {u"--fix"_s});
    QVERIFY2(fixed.findings(u"session_index.code"_s).isEmpty(), qPrintable(fixed.withStatus(u"warning"_s).join(u'\n')));
    int repaired = 0;
    for (const boost::json::value& fix : fixed.report.as_object().at("fixes").as_array()) {
        if (json::string(fix, "check") == u"session_index.code"_s) {
            QCOMPARE(json::boolean(fix, "done"), std::optional<bool>(true));
            QVERIFY2(QFileInfo::exists(json::string(fix, "backup")), qPrintable(json::string(fix, "backup")));
            ++repaired;
        }
    }
    QCOMPARE(repaired, int(broken.size()));
}

void TestDoctor::missingFoldersAndStores()
{
    test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    QVERIFY(QDir(home.file(u".claude/projects"_s)).removeRecursively());

    const Doctor d = doctor(home.path());
    QCOMPARE(d.ran.exitCode, 0);
    // Claude Code is installed but its store is gone: a note, nothing to make.
    QCOMPARE(d.status(u"provider.claude-code"_s), u"info"_s);
    QVERIFY(json::string(d.findings(u"provider.claude-code"_s).constFirst(), "message").contains(u"no sessions"_s));
    QCOMPARE(d.status(u"database.integrity"_s), u"info"_s);
    QCOMPARE(d.status(u"folder.data"_s), u"info"_s);
    QCOMPARE(json::boolean(d.findings(u"folder.data"_s).constFirst(), "fixable"), std::optional<bool>(true));
    // Without --fix nothing is made.
    QVERIFY(!QFileInfo::exists(home.file(u".local/share/chasm"_s)));
    QVERIFY(!QFileInfo::exists(home.file(u".config/chasm"_s)));

    const Doctor fixed = doctor(home.path(), {u"--fix"_s});
    QCOMPARE(fixed.ran.exitCode, 0);
    QVERIFY(QFileInfo(home.file(u".local/share/chasm"_s)).isDir());
    QVERIFY(QFileInfo(home.file(u".config/chasm"_s)).isDir());
    QCOMPARE(fixed.status(u"folder.data"_s), u"ok"_s);
    QCOMPARE(fixed.status(u"folder.config"_s), u"ok"_s);
    QCOMPARE(fixed.report.as_object().at("fixes").as_array().size(), size_t(2));
    QVERIFY(!QFileInfo::exists(databaseOf(home))); // a folder made, no database
}

void TestDoctor::sessionsAboutToBePurged()
{
    test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    // Claude Code deletes transcripts untouched for 30 days: this one goes in two days.
    QFile transcript(
        home.file(u".claude/projects/-home-dev-projects-web-app/11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s));
    QVERIFY(transcript.open(QIODevice::ReadWrite));
    QVERIFY(transcript.setFileTime(QDateTime::currentDateTimeUtc().addDays(-28), QFileDevice::FileModificationTime));
    transcript.close();

    const Doctor before = doctor(home.path());
    QCOMPARE(before.ran.exitCode, 0);
    QCOMPARE(before.status(u"retention"_s), u"warning"_s);
    const boost::json::object warning = before.findings(u"retention"_s).constFirst();
    QVERIFY2(json::string(warning, "message").startsWith(u"1 session their tools delete within 7 days"_s),
             qPrintable(json::string(warning, "message")));
    QVERIFY(json::string(warning, "fix").contains(u"chasm harvest run"_s));

    QVERIFY(runChasm(home.path(), {u"harvest"_s, u"run"_s}).exitCode == 0);
    const Doctor after = doctor(home.path());
    QCOMPARE(after.status(u"retention"_s), u"ok"_s);
    QVERIFY(json::string(after.findings(u"retention"_s).constFirst(), "message").contains(u"all kept"_s));
}

void TestDoctor::modelEndpointsWithFull()
{
    test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    test::FakeModelServer server;
    // A port that refuses: taken, then let go.
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    const quint16 refusing = taken.serverPort();
    taken.close();
    const Ran ollama = runChasm(
        home.path(),
        {u"provider"_s, u"config"_s, u"ollama"_s, u"--endpoint"_s, server.baseUrl(ModelApi::Ollama).toString()},
        withKeychain());
    QVERIFY2(ollama.exitCode == 0, ollama.describe());
    const QString gone = u"http://127.0.0.1:%1"_s.arg(refusing);
    const Ran labBox = runChasm(
        home.path(), {u"provider"_s, u"config"_s, u"lab-box"_s, u"--endpoint"_s, gone, u"--api"_s, u"ollama"_s},
        withKeychain());
    QVERIFY2(labBox.exitCode == 0, labBox.describe());

    const Doctor quick = doctor(home.path());
    QCOMPARE(quick.status(u"model_endpoints"_s), u"info"_s);
    QVERIFY(quick.findings(u"model.lab-box"_s).isEmpty());

    const Doctor full = doctor(home.path(), {u"--full"_s});
    QCOMPARE(full.ran.exitCode, 0); // a server that does not answer is a warning: Chasm works without it
    QCOMPARE(json::boolean(full.report, "full"), std::optional<bool>(true));
    QCOMPARE(full.status(u"model.ollama"_s), u"ok"_s);
    QVERIFY(json::string(full.findings(u"model.ollama"_s).constFirst(), "message").contains(u"2 models"_s));
    QCOMPARE(full.status(u"model.lab-box"_s), u"warning"_s);
    const boost::json::object refused = full.findings(u"model.lab-box"_s).constFirst();
    QVERIFY2(json::string(refused, "message").contains(gone), qPrintable(json::string(refused, "message")));
    QVERIFY(json::string(refused, "fix").contains(u"chasm provider config lab-box"_s));
    QCOMPARE(json::boolean(refused, "fixable"), std::optional<bool>(false));
}

// The API server's port: another program there is a warning (Chasm's server could not start); Chasm's own server
// answers its health and is named with its version.
void TestDoctor::apiPortTakenByAnotherProgram()
{
    test::FixtureHome home(u"claude-code"_s);
    QVERIFY(home.isValid());
    QTcpServer other; // takes connections, answers nothing
    QVERIFY(other.listen(QHostAddress::LocalHost));
    const quint16 port = other.serverPort();
    {
        Settings settings(Settings::defaultFile(home.environment()));
        settings.setValue(Settings::Key::ServerPort, port);
    }
    const Doctor taken = doctor(home.path());
    QCOMPARE(taken.status(u"api_server"_s), u"warning"_s);
    const boost::json::object warning = taken.findings(u"api_server"_s).constFirst();
    QVERIFY2(json::string(warning, "message").contains(u"another program listens on 127.0.0.1:%1"_s.arg(port)),
             qPrintable(json::string(warning, "message")));
    QVERIFY(json::string(warning, "fix").contains(u"--port"_s));
    other.close();

    QProcess server;
    test::startChasm(server, home.path(), {u"api"_s, u"serve"_s, u"--port"_s, QString::number(port), u"--no-auth"_s},
                     withKeychain());
    QTRY_VERIFY_WITH_TIMEOUT(
        [port] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(200);
        }(),
        20000);
    const Doctor served = doctor(home.path());
    server.terminate();
    QVERIFY(server.waitForFinished(20000));
    QCOMPARE(served.status(u"api_server"_s), u"ok"_s);
    const QString message = json::string(served.findings(u"api_server"_s).constFirst(), "message");
    QVERIFY2(message.contains(u"Chasm's API server " CHASM_VERSION ""_s), qPrintable(message));
}

void TestDoctor::humanOutput()
{
    const auto home = harvestedHome();
    QVERIFY(home);
    QVERIFY(runSql(databaseOf(*home), u"INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')"_s));
    QProcessEnvironment environment = withKeychain();
    environment.insert(u"NO_COLOR"_s, u"1"_s);
    const Ran ran = runChasm(home->path(), {u"doctor"_s}, environment, 120000);
    QCOMPARE(ran.exitCode, 1);
    QVERIFY(!ran.out.contains('\x1b'));
    // Every finding on one line: the severity, the check, and the message in one column for all.
    qsizetype column = -1;
    bool sawError = false;
    int findings = 0;
    for (const QString& line : QString::fromUtf8(ran.out).split(u'\n')) {
        if (!line.startsWith(u"✓ ok"_s) && !line.startsWith(u"· info"_s) && !line.startsWith(u"! warning"_s) &&
            !line.startsWith(u"✗ error"_s)) {
            continue;
        }
        ++findings;
        qsizetype start = line.indexOf(u' ', 10);
        while (start < line.size() && line.at(start) == u' ') {
            ++start;
        }
        column = column < 0 ? start : column;
        QCOMPARE(start, column);
        sawError = sawError || (line.startsWith(u"✗ error"_s) && line.contains(u"database.search_index"_s));
    }
    QVERIFY(findings >= 15);
    // One screen: the notes that say the same of several tools are one line.
    QVERIFY2(ran.out.count('\n') < 45, ran.out.constData());
    QVERIFY2(QRegularExpression(u"^· info +provider\\.\\* +not installed, no sessions: .*Codex CLI"_s,
                                QRegularExpression::MultilineOption)
                 .match(QString::fromUtf8(ran.out))
                 .hasMatch(),
             ran.out.constData());
    QVERIFY2(sawError, ran.out.constData());
    QVERIFY(ran.out.contains("→ chasm doctor --fix"));
    QVERIFY(ran.out.contains("1 errors"));
}

QTEST_GUILESS_MAIN(TestDoctor)
#include "TestDoctor.moc"
