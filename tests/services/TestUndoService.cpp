// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "ServiceTestSupport.h"
#include "json/Json.h"
#include "ops/Registrar.h"
#include "services/UndoService.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// The files of the HOME but Chasm's own: the recovery points and the backups beside rewritten files.
QMap<QString, QByteArray> userFiles(const QString& home)
{
    QMap<QString, QByteArray> kept;
    const auto files = test::fileTree(home);
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!it.key().contains(u".chasm_recovery"_s) && !it.key().contains(u".bak"_s)) {
            kept.insert(it.key(), it.value());
        }
    }
    return kept;
}

const QString webApp = u"/dev/projects/web app"_s;

// Registers the orphans of "web app" (VS Code's workspace: one session), then repairs it: two recovery
// points, oldest first.
QStringList twoWrites(const test::FixtureHome& home)
{
    QStringList points;
    QList<Workspace> scope = test::indexedWorkspaces(home, home.path() + webApp);
    scope.removeIf([](const Workspace& w) { return w.editor != u"code"_s; });
    const auto registered = Registrar::registerSessions(scope.value(0), {}, {}, {});
    const auto repaired = Registrar::repair(scope.value(0), {});
    if (registered && repaired) {
        points << registered->recoveryPoint << repaired->recoveryPoint;
    }
    return points;
}

} // namespace

class TestUndoService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Undoing every point puts every file back byte for byte (the recovery folder aside); undoing only
    // the newest leaves the older write in place.
    void undoes_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("both, newest first") << 2;
        QTest::newRow("the newest") << 1;
    }
    void undoes()
    {
        QFETCH(int, count);
        test::FixtureHome home;
        const auto before = userFiles(home.path());
        const QStringList points = twoWrites(home);
        QCOMPARE(points.size(), 2);
        QVERIFY(!points.contains(QString()));
        const auto report = UndoService::run({points.mid(2 - count)});
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->undone.size(), count);
        QCOMPARE(report->undone.first().manifest, points.last()); // the newest first
        QVERIFY(!report->stopped);
        QVERIFY(!report->done.isEmpty());
        const auto after = userFiles(home.path());
        QCOMPARE(after == before, count == 2);
    }

    // The newest point fails: an error, nothing changed. A later (older) one fails: what was undone is
    // reported, with why it stopped.
    void stops()
    {
        test::FixtureHome home;
        const QStringList points = twoWrites(home);
        const QString missing = home.file(u"no-such-manifest.json"_s);
        const auto first = UndoService::run({points + QStringList{missing}});
        QVERIFY(!first);
        QVERIFY2(first.error().message.contains(missing), qPrintable(first.error().message));

        const auto later = UndoService::run({QStringList{missing} + points});
        QVERIFY(later);
        QCOMPARE(later->undone.size(), 2);
        QVERIFY(later->stopped);
        QVERIFY(later->stopped->message.contains(missing));
    }

    // recover undo --json prints the service's shape (of another write of the same kind: an undone point
    // cannot be undone twice).
    void cliPrintsTheServiceShape()
    {
        test::FixtureHome home;
        const QString project = home.path() + webApp;
        const auto registerAll = [&] {
            const test::CliRun run = test::runCli(home, {u"register"_s, u"all"_s, u"--path"_s, project, u"--json"_s});
            const boost::json::value shape = boost::json::parse(run.out.toStdString());
            for (const auto& w : shape.at("workspaces").as_array()) {
                if (w.at("recovery_point").is_string()) {
                    return json::string(w, "recovery_point");
                }
            }
            return QString();
        };
        const QString byCli = registerAll();
        QVERIFY(!byCli.isEmpty());
        const test::CliRun cli = test::runCli(home, {u"recover"_s, u"undo"_s, byCli, u"--json"_s});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));

        const QString byService = registerAll();
        QVERIFY(!byService.isEmpty());
        const auto report = UndoService::run({{byService}});
        QVERIFY(report);
        // The two writes differ only in their time stamp, which names the manifest and the backups' folder.
        const QString cliStamp = QFileInfo(byCli).completeBaseName();
        const QString serviceStamp = QFileInfo(byService).completeBaseName();
        QCOMPARE(QString(cli.out).replace(cliStamp, serviceStamp), test::printed(toJson(*report)));
        QVERIFY(cli.out.contains(u"\"done\":[\"restored "_s));
    }
};

QTEST_GUILESS_MAIN(TestUndoService)
#include "TestUndoService.moc"
