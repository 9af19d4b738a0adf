#include "FixtureHome.h"
#include "providers/SessionCatalog.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestSessionCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A second listing reuses what the first read, and notices a file that changed.
    void relistingReadsOnlyChangedFiles()
    {
        test::FixtureHome home;
        SessionCatalog catalog(home.environment());
        const auto all = catalog.providers().value();
        const QList<SessionRef> first = catalog.sessions(all, catalog.workspaces(all));
        QCOMPARE(first.size(), 8);

        const QString log = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"
                                      "chatSessions/bbbb2222-3333-4444-8555-666677778888.jsonl"_s);
        QFile file(log);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        bytes.truncate(bytes.lastIndexOf('\n') + 1); // drop the cut-off line, as VS Code's next write would
        bytes += R"({"kind":1,"k":["customTitle"],"v":"Renamed while Chasm was open"})"
                 "\n";
        QVERIFY(file.resize(0));
        QCOMPARE(file.write(bytes), bytes.size());
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(5), QFileDevice::FileModificationTime));
        file.close();

        const QList<SessionRef> second = catalog.sessions(all, catalog.workspaces(all));
        QCOMPARE(second.size(), 8);
        for (const SessionRef& s : second) {
            const auto before =
                std::find_if(first.cbegin(), first.cend(), [&s](const SessionRef& f) { return f.id == s.id; });
            QVERIFY(before != first.cend());
            if (s.path == log) {
                QCOMPARE(s.title, u"Renamed while Chasm was open"_s);
                QCOMPARE(s.warnings.size(), 1); // the cut-off line is gone; the joined records remain
            } else {
                QCOMPARE(s.title, before->title);
                QCOMPARE(s.updatedAt, before->updatedAt);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSessionCatalog)
#include "TestSessionCatalog.moc"
