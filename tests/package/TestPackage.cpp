// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The packages as a user gets them (the .rpm too, at the end):
// The Debian package as a user gets it: made by CPack from this build tree, checked by lintian, desktop-file-validate
// and appstreamcli, installed for real by dpkg into a throw-away root, and its programs run from there.
//
// The root is installed with `dpkg --root`, not unpacked with `dpkg-deb -x`: dpkg then checks the package's
// dependencies and its files against the packages this machine has (their status and file lists are copied into the
// root), so a dependency shlibdeps missed, or a file another package owns, fails the install. The programs run from
// the root with the machine's libraries, which those dependencies name.

#include "ChasmProcess.h"
#include "FixtureHome.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString appId = QStringLiteral(CHASM_APP_ID);

// A program of the machine run to its end, with what it printed for a failed check.
test::Ran tool(const QString& program, const QStringList& args, const QProcessEnvironment& environment = {},
               int timeoutMs = 120000)
{
    QProcessEnvironment used = environment;
    if (used.isEmpty()) {
        used = QProcessEnvironment::systemEnvironment();
    }
    return test::run(program, args, used, timeoutMs);
}

// CPack on the install rules of this build tree: one package of `generator` (DEB, RPM) in `output`.
test::Ran cpack(const QString& generator, const QString& output)
{
    return tool(
        QStringLiteral(CHASM_CPACK),
        {u"-G"_s, generator, u"-B"_s, output, u"--config"_s, QStringLiteral(CHASM_BINARY_DIR "/CPackConfig.cmake")}, {},
        300000);
}

QByteArray failure(const QString& what, const test::Ran& ran)
{
    return what.toUtf8() + ": " + ran.describe();
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_work.isValid());

        // The package, from the install rules of this build tree.
        const QString output = m_work.filePath(u"package"_s);
        const test::Ran made = cpack(u"DEB"_s, output);
        QVERIFY2(made.finished && made.exitCode == 0, failure(u"cpack"_s, made).constData());
        const QStringList debs = QDir(output).entryList({u"*.deb"_s}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        QVERIFY2(debs.first().startsWith(u"chasm_" CHASM_VERSION "-1_"_s), qPrintable(debs.first()));
        m_deb = QDir(output).filePath(debs.first());

        // A root that knows the machine's packages, and the package installed into it.
        m_root = m_work.filePath(u"root"_s);
        const QString database = m_root + u"/var/lib/dpkg"_s;
        for (const QString& folder : {u"info"_s, u"updates"_s, u"triggers"_s}) {
            QVERIFY(QDir().mkpath(database + u'/' + folder));
        }
        QVERIFY(QFile::copy(u"/var/lib/dpkg/status"_s, database + u"/status"_s));
        const QDir info(u"/var/lib/dpkg/info"_s);
        for (const QString& list : info.entryList({u"*.list"_s}, QDir::Files)) {
            QVERIFY(QFile::copy(info.filePath(list), database + u"/info/"_s + list));
        }
        const test::Ran dpkg = tool(
            u"dpkg"_s, {u"--root="_s + m_root, u"--log=/dev/null"_s, u"--force-not-root"_s, u"--install"_s, m_deb});
        QVERIFY2(dpkg.finished && dpkg.exitCode == 0, failure(u"dpkg --install"_s, dpkg).constData());
    }

    void lintianFindsNoError()
    {
        const test::Ran lintian = tool(u"lintian"_s, {u"--no-cfg"_s, m_deb}, {}, 300000);
        QVERIFY2(lintian.finished && !lintian.crashed, failure(u"lintian"_s, lintian).constData());
        QStringList errors;
        for (const QByteArray& line : lintian.out.split('\n')) {
            if (line.startsWith("E: ")) {
                errors.append(QString::fromUtf8(line));
            } else if (!line.isEmpty()) {
                qInfo("%s", line.constData()); // the warnings that stay: docs/PACKAGING.md
            }
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    void installsEveryFile_data()
    {
        QTest::addColumn<QString>("path");
        for (const auto& [name, path] : packagedFiles()) {
            QTest::newRow(qPrintable(name)) << path;
        }
        QTest::newRow("changelog") << u"usr/share/doc/chasm/changelog.Debian.gz"_s;
    }

    void installsEveryFile()
    {
        QFETCH(QString, path);
        const QFileInfo file(m_root + u'/' + path);
        QVERIFY2(file.isFile() && file.size() > 0, qPrintable(path));
    }

    void iconsHaveTheirSizes()
    {
        for (const int size : iconSizes()) {
            const QImage icon(m_root + u'/' + iconPath(size));
            QCOMPARE(icon.size(), QSize(size, size));
        }
    }

    void copyrightNamesTheLicence()
    {
        const QByteArray copyright = test::readAll(m_root + u"/usr/share/doc/chasm/copyright"_s);
        QVERIFY(copyright.startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
        QVERIFY(copyright.contains("\nLicense: AGPL-3.0-only\n"));
        QVERIFY(copyright.contains("\n                     GNU AFFERO GENERAL PUBLIC LICENSE\n"));
    }

    void desktopEntryIsValid()
    {
        const test::Ran validate =
            tool(u"desktop-file-validate"_s, {m_root + u"/usr/share/applications/%1.desktop"_s.arg(appId)});
        QVERIFY2(validate.finished && validate.exitCode == 0 && validate.out.isEmpty() && validate.err.isEmpty(),
                 failure(u"desktop-file-validate"_s, validate).constData());
    }

    void metainfoIsValid()
    {
        const test::Ran validate =
            tool(u"appstreamcli"_s,
                 {u"validate"_s, u"--no-net"_s, m_root + u"/usr/share/metainfo/%1.metainfo.xml"_s.arg(appId)});
        QVERIFY2(validate.finished && validate.exitCode == 0,
                 failure(u"appstreamcli validate"_s, validate).constData());
    }

    void version()
    {
        const test::Ran ran = tool(program(u"chasm"_s), {u"--version"_s});
        QVERIFY2(ran.finished && ran.exitCode == 0, failure(u"chasm --version"_s, ran).constData());
        QCOMPARE(ran.out.trimmed(), QByteArray("chasm " CHASM_VERSION));
    }

    void listsSessions()
    {
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const test::Ran ran = test::run(program(u"chasm"_s), {u"list"_s, u"sessions"_s, u"--json"_s},
                                        test::homeEnvironment(home.path()), 60000, home.path());
        QVERIFY2(ran.finished && ran.exitCode == 0, failure(u"chasm list sessions --json"_s, ran).constData());
        QStringList ids;
        for (const QJsonValue& session : QJsonDocument::fromJson(ran.out).array()) {
            ids.append(session[u"id"_s].toString());
        }
        ids.sort();
        QCOMPARE(ids, QStringList({u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s,
                                   u"claude-code:22222222-aaaa-4bbb-8ccc-000000000002"_s,
                                   u"claude-code:33333333-aaaa-4bbb-8ccc-000000000003"_s}));
    }

    // The modules are found in the installed layout (../lib/chasm/modules from the program): a PDF export loads
    // chasm-pdf.
    void loadsItsModules()
    {
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const QString pdf = home.file(u"out/session.pdf"_s);
        const test::Ran ran =
            test::run(program(u"chasm"_s), {u"export"_s, u"sessions"_s, pdf, u"11111111"_s, u"--format"_s, u"pdf"_s},
                      test::homeEnvironment(home.path()), 60000, home.path());
        QVERIFY2(ran.finished && ran.exitCode == 0, failure(u"chasm export sessions --format pdf"_s, ran).constData());
        QVERIFY(test::readAll(pdf).startsWith("%PDF-"));
    }

    void completesInBash()
    {
        const QString script = m_root + u"/usr/share/bash-completion/completions/chasm"_s;
        const test::Ran ran = tool(u"bash"_s, {u"-c"_s, u"source \"$0\" && complete -p chasm"_s, script});
        QVERIFY2(ran.finished && ran.exitCode == 0, failure(u"bash"_s, ran).constData());
        QVERIFY2(ran.out.contains(" -F _chasm chasm"), ran.out.constData());
    }

    // man finds the pages by name in the installed tree, csm-mcp's through its link to chasm-mcp's.
    void manPages_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("chasm") << u"chasm"_s << QByteArray("CHASM(1)");
        QTest::newRow("chasm-gui") << u"chasm-gui"_s << QByteArray("CHASM-GUI(1)");
        QTest::newRow("csm-mcp") << u"csm-mcp"_s << QByteArray("CHASM-MCP(1)");
    }

    void manPages()
    {
        QFETCH(QString, page);
        QFETCH(QByteArray, name);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"MANPATH"_s, m_root + u"/usr/share/man"_s);
        environment.insert(u"MANPAGER"_s, u"cat"_s);
        const test::Ran byName = tool(u"man"_s, {page}, environment);
        QVERIFY2(byName.finished && byName.exitCode == 0, failure(u"man "_s + page, byName).constData());
        QVERIFY2(byName.out.startsWith(name), byName.out.left(200).constData());
        const test::Ran byFile =
            tool(u"man"_s, {u"-l"_s, m_root + u"/usr/share/man/man1/%1.1.gz"_s.arg(page)}, environment);
        QVERIFY2(byFile.finished && byFile.exitCode == 0, failure(u"man -l"_s, byFile).constData());
        QCOMPARE(byFile.out, byName.out);
    }

    // The .rpm as a Fedora or openSUSE user gets it: made by CPack from the same build tree, its metadata (licence,
    // requirements found in the binaries), installed by rpm into a throw-away root (its requirements not checked:
    // this machine's libraries are Debian's, not in an rpm database), with the same files as the .deb, and run.
    void rpmInstallsTheSameFiles()
    {
        if (QStandardPaths::findExecutable(u"rpmbuild"_s).isEmpty() ||
            QStandardPaths::findExecutable(u"rpm"_s).isEmpty()) {
            QFAIL("rpm and rpmbuild are needed (scripts/install-deps installs the rpm package)");
        }
        const QString output = m_work.filePath(u"rpm"_s);
        const test::Ran made = cpack(u"RPM"_s, output);
        QVERIFY2(made.finished && made.exitCode == 0, failure(u"cpack -G RPM"_s, made).constData());
        const QStringList rpms = QDir(output).entryList({u"*.rpm"_s}, QDir::Files);
        QCOMPARE(rpms.size(), 1);
        QVERIFY2(rpms.first().startsWith(u"chasm-" CHASM_VERSION "-1."_s), qPrintable(rpms.first()));
        const QString rpm = QDir(output).filePath(rpms.first());

        const test::Ran licence = tool(u"rpm"_s, {u"-qp"_s, u"--queryformat"_s, u"%{LICENSE}"_s, rpm});
        QCOMPARE(licence.out, QByteArray("AGPL-3.0-only"));
        const test::Ran needed = tool(u"rpm"_s, {u"-qp"_s, u"--requires"_s, rpm});
        QVERIFY2(needed.out.contains("libQt6Core.so.6()(64bit)") && needed.out.contains("libsqlite3.so.0()(64bit)"),
                 needed.out.constData());

        const QString root = m_work.filePath(u"rpm-root"_s);
        const test::Ran installed = tool(u"rpm"_s, {u"--root"_s, root, u"--dbpath"_s, u"/var/lib/rpm"_s, u"--nodeps"_s,
                                                    u"--noscripts"_s, u"--ignorearch"_s, u"-i"_s, rpm});
        QVERIFY2(installed.finished && installed.exitCode == 0, failure(u"rpm -i"_s, installed).constData());
        for (const auto& [name, path] : packagedFiles()) {
            QVERIFY2(QFileInfo(root + u'/' + path).isFile(), qPrintable(path));
        }
        const test::Ran version = tool(root + u"/usr/bin/chasm"_s, {u"--version"_s});
        QCOMPARE(version.out.trimmed(), QByteArray("chasm " CHASM_VERSION));
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        const test::Ran listed = test::run(root + u"/usr/bin/chasm"_s, {u"list"_s, u"sessions"_s, u"--json"_s},
                                           test::homeEnvironment(home.path()), 60000, home.path());
        QVERIFY2(listed.exitCode == 0 && QJsonDocument::fromJson(listed.out).array().size() == 3,
                 failure(u"chasm list sessions --json (rpm)"_s, listed).constData());
    }

    // chasm-gui starts offscreen on a fixture HOME, stays up, and ends as File → Quit ends it when asked to (SIGTERM):
    // exit 0, its window layout saved.
    void guiStartsAndQuits()
    {
        const test::FixtureHome home(u"claude-code"_s);
        QVERIFY(home.isValid());
        QProcessEnvironment environment = test::homeEnvironment(home.path());
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        QProcess gui;
        gui.setProcessEnvironment(environment);
        gui.setWorkingDirectory(home.path());
        gui.start(program(u"chasm-gui"_s), QStringList());
        QVERIFY2(gui.waitForStarted(), qPrintable(gui.errorString()));
        QVERIFY2(!gui.waitForFinished(2000), gui.readAllStandardError().constData());
        gui.terminate();
        QVERIFY(gui.waitForFinished(30000));
        QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0,
                 gui.readAllStandardError().constData());
        const QSettings settings(home.file(u".config/chasm/chasm.conf"_s), QSettings::IniFormat);
        QVERIFY(!settings.value(u"window/geometry"_s).toByteArray().isEmpty());
    }

private:
    // What both packages install, by a name for a test row: the programs, modules, manual pages, completions,
    // desktop entry, metainfo, icons and the copyright.
    static QList<std::pair<QString, QString>> packagedFiles()
    {
        QList<std::pair<QString, QString>> files;
        for (const QString& program : {u"chasm"_s, u"chasm-gui"_s, u"csm-mcp"_s}) {
            files.append({program, u"usr/bin/"_s + program});
        }
        for (const QString& module : {u"chasm-pdf"_s, u"chasm-http"_s, u"chasm-git"_s, u"chasm-llm"_s}) {
            files.append({module, u"usr/lib/chasm/modules/%1.so"_s.arg(module)});
        }
        for (const QString& page : {u"chasm"_s, u"chasm-list"_s, u"chasm-gui"_s, u"csm-mcp"_s}) {
            files.append({page + u".1"_s, u"usr/share/man/man1/%1.1.gz"_s.arg(page)});
        }
        files.append({u"bash"_s, u"usr/share/bash-completion/completions/chasm"_s});
        files.append({u"zsh"_s, u"usr/share/zsh/vendor-completions/_chasm"_s});
        files.append({u"fish"_s, u"usr/share/fish/vendor_completions.d/chasm.fish"_s});
        files.append({u"desktop"_s, u"usr/share/applications/%1.desktop"_s.arg(appId)});
        files.append({u"metainfo"_s, u"usr/share/metainfo/%1.metainfo.xml"_s.arg(appId)});
        files.append({u"scalable icon"_s, u"usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(appId)});
        for (const int size : iconSizes()) {
            files.append({u"icon %1"_s.arg(size), iconPath(size)});
        }
        files.append({u"copyright"_s, u"usr/share/doc/chasm/copyright"_s});
        return files;
    }
    static QList<int> iconSizes() { return {16, 22, 24, 32, 48, 64, 128, 256, 512}; }
    static QString iconPath(int size) { return u"usr/share/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(appId); }
    QString program(const QString& name) const { return m_root + u"/usr/bin/"_s + name; }

    QTemporaryDir m_work;
    QString m_deb;
    QString m_root;
};

QTEST_GUILESS_MAIN(TestPackage)
#include "TestPackage.moc"
