// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliJson.h"
#include "FixtureHome.h"
#include "json/Json.h"
#include "services/ExportService.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#include <boost/json/object.hpp>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

using Scope = ExportService::Request::Scope;

// A PDF renderer as a program installs one: here it writes the transcript's HTML as it comes, so that the test sees
// what the export handed it.
class FakeTypesetter final : public SessionExport::PdfTypesetter
{
public:
    explicit FakeTypesetter(QIODevice& device)
        : m_device(device)
    {}
    std::optional<Error> add(const QString& html, const QString&) override
    {
        m_device.write(html.toUtf8());
        return std::nullopt;
    }
    std::optional<Error> finish() override
    {
        m_device.write("\n%%EOF\n");
        return std::nullopt;
    }

private:
    QIODevice& m_device;
};

} // namespace

Q_DECLARE_METATYPE(ExportService::Request::Scope)
Q_DECLARE_METATYPE(SessionExport::Format)

class TestExportService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // export --json is the service's toJson, and its warnings the service's: the command on one fixture home, the
    // service on its twin.
    void cliJsonIsTheServiceShape_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Scope>("scope");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<SessionExport::Format>("format");
        QTest::addColumn<QString>("provider");
        QTest::newRow("path, md") << QStringList{u"export"_s, u"path"_s, u"${HOME}/out"_s, u"${PROJECT}"_s,
                                                 u"-f"_s,     u"md"_s,   u"--json"_s}
                                  << Scope::Paths << QStringList{u"${PROJECT}"_s} << u"out"_s
                                  << SessionExport::Format::Markdown << QString();
        QTest::newRow("paths, one without sessions")
            << QStringList{u"export"_s, u"batch"_s, u"${HOME}/all.json"_s, u"${PROJECT}"_s, u"${HOME}/elsewhere"_s,
                           u"--json"_s}
            << Scope::Paths << QStringList{u"${PROJECT}"_s, u"${HOME}/elsewhere"_s} << u"all.json"_s
            << SessionExport::Format::Json << QString();
        QTest::newRow("workspace, one csv")
            << QStringList{u"export"_s, u"workspace"_s, u"${HOME}/ws.csv"_s, u"5d41"_s, u"-f"_s, u"csv"_s, u"--json"_s}
            << Scope::Workspace << QStringList{u"5d41"_s} << u"ws.csv"_s << SessionExport::Format::Csv << QString();
        QTest::newRow("sessions, html, one tool")
            << QStringList{u"export"_s, u"sessions"_s, u"${HOME}/out"_s, u"aaaa"_s,    u"bbbb"_s,
                           u"-f"_s,     u"html"_s,     u"-p"_s,          u"copilot"_s, u"--json"_s}
            << Scope::Sessions << QStringList{u"aaaa"_s, u"bbbb"_s} << u"out"_s << SessionExport::Format::Html
            << u"copilot"_s;
    }
    void cliJsonIsTheServiceShape()
    {
        QFETCH(QStringList, args);
        QFETCH(Scope, scope);
        QFETCH(QStringList, names);
        QFETCH(QString, destination);
        QFETCH(SessionExport::Format, format);
        QFETCH(QString, provider);
        const test::FixtureHome cliHome(QStringList{u"vscode"_s, u"claude-code"_s});
        const test::FixtureHome serviceHome(QStringList{u"vscode"_s, u"claude-code"_s});
        QVERIFY(cliHome.isValid() && serviceHome.isValid());
        const test::CliRun run = test::runCli(cliHome.environment(), test::expanded(args, cliHome.path()));

        ExportService::Request request;
        request.scope = scope;
        request.names = test::expanded(names, serviceHome.path());
        request.destination = destination; // relative to the working directory, the home
        request.format = format;
        request.provider = provider;
        QStringList warnings;
        ExportService::Options options;
        options.warning = [&warnings](const QString& warning) { warnings << u"warning: "_s + warning + u'\n'; };
        const SessionCatalog catalog(serviceHome.environment());
        const auto report = ExportService(catalog).run(request, options);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(report->destination, serviceHome.file(destination));
        QCOMPARE(test::comparable(test::printed(toJson(*report)), serviceHome.path()),
                 test::comparable(run.out, cliHome.path()));
        QCOMPARE(test::comparable(warnings.join(QString()), serviceHome.path()),
                 test::comparable(run.err, cliHome.path()));
        for (const QString& file : report->files) {
            const QString cliFile = QString(file).replace(serviceHome.path(), cliHome.path());
            QCOMPARE(test::comparable(QString::fromUtf8(test::readAll(file)), serviceHome.path()),
                     test::comparable(QString::fromUtf8(test::readAll(cliFile)), cliHome.path()));
        }
    }

    // What cannot be exported fails with the command's message, and writes nothing.
    void failuresAreTheCommandsMessages_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Scope>("scope");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QString>("provider");
        QTest::newRow("no workspace matches") << QStringList{u"export"_s, u"workspace"_s, u"out"_s, u"nowhere"_s}
                                              << Scope::Workspace << QStringList{u"nowhere"_s} << QString();
        QTest::newRow("no sessions") << QStringList{u"export"_s, u"path"_s, u"out"_s, u"${HOME}"_s} << Scope::Paths
                                     << QStringList{u"${HOME}"_s} << QString();
        QTest::newRow("another tool's session")
            << QStringList{u"export"_s, u"sessions"_s, u"out"_s, u"aaaa"_s, u"-p"_s, u"claude-code"_s}
            << Scope::Sessions << QStringList{u"aaaa"_s} << u"claude-code"_s;
        QTest::newRow("unknown provider")
            << QStringList{u"export"_s, u"sessions"_s, u"out"_s, u"aaaa"_s, u"-p"_s, u"nonesuch"_s} << Scope::Sessions
            << QStringList{u"aaaa"_s} << u"nonesuch"_s;
    }
    void failuresAreTheCommandsMessages()
    {
        QFETCH(QStringList, args);
        QFETCH(Scope, scope);
        QFETCH(QStringList, names);
        QFETCH(QString, provider);
        const test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s});
        const auto before = test::fileTree(home.path());
        const test::CliRun run = test::runCli(home.environment(), test::expanded(args, home.path()));
        QCOMPARE(run.exitCode, 1);
        ExportService::Request request;
        request.scope = scope;
        request.names = test::expanded(names, home.path());
        request.destination = u"out"_s;
        request.provider = provider;
        QString warnings;
        ExportService::Options options;
        options.warning = [&warnings](const QString& warning) { warnings += u"warning: "_s + warning + u'\n'; };
        const SessionCatalog catalog(home.environment());
        const auto report = ExportService(catalog).run(request, options);
        QVERIFY(!report);
        QCOMPARE(warnings + u"chasm: "_s + report.error().message + u'\n', run.err);
        QCOMPARE(test::fileTree(home.path()), before);
    }

    // The app's export: the sessions as listed, every one read once, progress after each; the unreadable one named.
    void givenSessionsWithProgress()
    {
        const test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        QList<SessionRef> listed = catalog.sessions(*catalog.providers(), catalog.workspaces(*catalog.providers()));
        QVERIFY(listed.size() >= 3);
        listed.append(listed.first()); // chosen twice: written once
        ExportService::Request request;
        request.scope = Scope::Given;
        request.sessions = listed;
        request.destination = home.file(u"out"_s);
        request.format = SessionExport::Format::Jsonl;
        QList<Harvester::Progress> steps;
        ExportService::Options options;
        options.progress = [&steps](const Harvester::Progress& progress) { steps << progress; };
        const auto report = ExportService(catalog).run(request, options);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        const int unique = int(listed.size()) - 1;
        QCOMPARE(steps.size(), unique);
        QCOMPARE(steps.last().done, unique);
        QCOMPARE(steps.last().total, unique);
        QCOMPARE(steps.last().bytesDone, steps.last().bytesTotal);
        QCOMPARE(report->skipped.size(), 1); // ffff6666 cannot be read
        QVERIFY(report->skipped.first().contains(u"ffff6666"_s));
        QCOMPARE(report->sessions, unique - 1);
        QCOMPARE(report->files.size(), unique - 1);
        QCOMPARE(QDir(home.file(u"out"_s)).entryList(QDir::Files).size(), unique - 1);
        QVERIFY(!report->cancelled);
    }

    // A session whose log turns out damaged only when its requests are made again (a record below a request that
    // cannot apply) is left out of a file of several sessions and named on one line; the others are exported, and
    // the file is the one they make alone.
    void aDamagedLogIsLeftOutOfOneFile_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* format : {"md", "json", "jsonl", "csv", "html"}) {
            QTest::newRow(format) << QString::fromLatin1(format);
        }
    }
    void aDamagedLogIsLeftOutOfOneFile()
    {
        QFETCH(QString, format);
        const test::FixtureHome home;
        const test::FixtureHome twin;
        QVERIFY(home.isValid() && twin.isValid());
        const QString damaged =
            home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/chatSessions/"
                      "dada0000-1111-4222-8333-444455556666.jsonl"_s);
        QVERIFY(test::writeFile(damaged, test::readAll(QStringLiteral(CHASM_TEST_DATA_DIR) +
                                                       u"/vscode/snippets/damaged-below-a-request.jsonl"_s)));
        const QString file = u"all."_s + format;
        const test::CliRun run = test::runCli(home.environment(), {u"export"_s, u"sessions"_s, home.file(file),
                                                                   u"aaaa"_s, u"dada"_s, u"bbbb"_s, u"-f"_s, format});
        QCOMPARE(run.err, u"warning: not exported, as it cannot be read: cannot read %1: line 4: no value at "
                          ".requests[1].response[5].value\n"_s.arg(damaged));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, u"Exported 2 session(s) into 1 file(s): %1\n"_s.arg(home.file(file)));
        const test::CliRun others = test::runCli(
            twin.environment(), {u"export"_s, u"sessions"_s, twin.file(file), u"aaaa"_s, u"bbbb"_s, u"-f"_s, format});
        QCOMPARE(others.exitCode, 0);
        QCOMPARE(test::comparable(QString::fromUtf8(test::readAll(home.file(file))), home.path()),
                 test::comparable(QString::fromUtf8(test::readAll(twin.file(file))), twin.path()));
    }

    // Cancelled after the first session: a folder keeps the files written, each complete; one file is not written.
    void cancel_data()
    {
        QTest::addColumn<QString>("destination");
        QTest::addColumn<int>("files");
        QTest::newRow("a folder") << u"out"_s << 1;
        QTest::newRow("one file") << u"all.md"_s << 0;
    }
    void cancel()
    {
        QFETCH(QString, destination);
        QFETCH(int, files);
        const test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        ExportService::Request request;
        request.scope = Scope::Sessions;
        request.names = QStringList{u"aaaa"_s, u"bbbb"_s, u"dddd"_s};
        request.destination = destination;
        request.format = SessionExport::Format::Markdown;
        std::atomic_bool cancelled = false;
        ExportService::Options options;
        options.cancel = &cancelled;
        options.progress = [&cancelled](const Harvester::Progress&) { cancelled = true; };
        const auto report = ExportService(catalog).run(request, options);
        QVERIFY(report);
        QVERIFY(report->cancelled);
        QCOMPARE(report->sessions, 1);
        QCOMPARE(report->files.size(), files);
        const QFileInfo written(home.file(destination));
        QCOMPARE(written.isDir() ? int(QDir(written.filePath()).entryList(QDir::Files).size()) : int(written.exists()),
                 files);
    }

    // PDF goes through the renderer the program installed (the core has no typesetter of its own); without one it
    // is an error that writes nothing.
    void pdfThroughTheInstalledRenderer()
    {
        const test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        ExportService::Request request;
        request.scope = Scope::Sessions;
        request.names = QStringList{u"aaaa"_s};
        request.destination = u"one.pdf"_s;
        request.format = SessionExport::Format::Pdf;
        const auto refused = ExportService(catalog).run(request);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"PDF export needs Qt's GUI module"_s),
                 qPrintable(refused.error().message));
        QVERIFY(!QFileInfo::exists(home.file(u"one.pdf"_s)));

        SessionExport::setPdfRenderer([](QIODevice& device, const QString&, const QString& head) {
            device.write(head.toUtf8());
            return Result<std::unique_ptr<SessionExport::PdfTypesetter>>(std::make_unique<FakeTypesetter>(device));
        });
        const auto report = ExportService(catalog).run(request);
        SessionExport::setPdfRenderer({});
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->files, QStringList{home.file(u"one.pdf"_s)});
        const QByteArray typeset = test::readAll(home.file(u"one.pdf"_s));
        QVERIFY(typeset.contains("ECONNREFUSED"));
        QVERIFY(typeset.endsWith("%%EOF\n"));
    }
};

QTEST_GUILESS_MAIN(TestExportService)
#include "TestExportService.moc"
