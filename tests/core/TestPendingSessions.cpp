#include "ops/PendingSessions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// A ref as a harvest's listing makes it (Listing::FilesOnly): id and title from the file's name.
SessionRef listed(const QString& workspace, const QString& name, qint64 modifiedMs)
{
    SessionRef ref;
    ref.provider = u"claude-code"_s;
    ref.editor = u"cli"_s;
    ref.nativeId = name;
    ref.id = ref.provider + u':' + name;
    ref.title = name;
    ref.workspaceId = u"claude-code:"_s + workspace;
    ref.workspace = workspace;
    ref.projectPath = u"/home/me/"_s + workspace;
    ref.workspaceName = workspace;
    ref.path = u"/home/me/.claude/projects/-home-me-"_s + workspace + u'/' + name + u".jsonl"_s;
    ref.format = u"jsonl"_s;
    ref.fileModifiedMs = modifiedMs;
    ref.updatedAt = QDateTime::fromMSecsSinceEpoch(modifiedMs, Qt::UTC);
    ref.createdAt = ref.updatedAt;
    ref.sizeBytes = 1000 + modifiedMs % 977;
    ref.described = false;
    return ref;
}

void compare(const SessionRef& actual, const SessionRef& expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.provider, expected.provider);
    QCOMPARE(actual.editor, expected.editor);
    QCOMPARE(actual.nativeId, expected.nativeId);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.workspaceId, expected.workspaceId);
    QCOMPARE(actual.workspace, expected.workspace);
    QCOMPARE(actual.projectPath, expected.projectPath);
    QCOMPARE(actual.workspaceName, expected.workspaceName);
    QCOMPARE(actual.path, expected.path);
    QCOMPARE(actual.format, expected.format);
    QCOMPARE(actual.createdAt, expected.createdAt);
    QCOMPARE(actual.updatedAt, expected.updatedAt);
    QCOMPARE(actual.createdAt.timeSpec(), expected.createdAt.timeSpec());
    QCOMPARE(actual.messageCount, expected.messageCount);
    QCOMPARE(actual.sizeBytes, expected.sizeBytes);
    QCOMPARE(actual.fileModifiedMs, expected.fileModifiedMs);
    QCOMPARE(actual.error, expected.error);
    QCOMPARE(actual.warnings, expected.warnings);
    QCOMPARE(actual.described, expected.described);
}

} // namespace

class TestPendingSessions : public QObject
{
    Q_OBJECT

private slots:
    // Every ref comes back as it was appended, every field: the listed ones, whose id, title and names are made again
    // from what is kept, and those that keep more (a described ref from the database, one whose file name is not
    // valid UTF-16, one with an error and warnings, one with nothing at all).
    void refsComeBackWhole()
    {
        QList<SessionRef> refs{listed(u"web"_s, u"b1b1b1b1-0000-4000-8000-000000000001"_s, 1'700'000'000'000),
                               listed(u"api"_s, u"ünïcode-名前"_s, 1'700'000'100'000),
                               listed(u"web"_s, u"c2"_s, 1'700'000'200'000)};
        SessionRef described = listed(u"api"_s, u"d3"_s, 1'700'000'300'000);
        described.title = u"Fix the login form"_s;
        described.messageCount = 42;
        described.createdAt = QDateTime::fromMSecsSinceEpoch(1'600'000'000'000, Qt::LocalTime);
        described.described = true;
        refs.append(described);
        SessionRef otherId = listed(u"web"_s, u"e4"_s, 1'700'000'400'000);
        otherId.id = u"claude-code:e4~1234abcd"_s;
        refs.append(otherId);
        SessionRef surrogate = listed(u"web"_s, u"f5"_s, 1'700'000'500'000);
        surrogate.path = u"/home/me/bad"_s + QChar(0xd800) + u".jsonl"_s; // a file name not in UTF-8
        surrogate.nativeId = u"f5"_s + QChar(0xdc00);
        surrogate.id = surrogate.provider + u':' + surrogate.nativeId;
        surrogate.title = surrogate.nativeId;
        refs.append(surrogate);
        SessionRef failed = listed(u"api"_s, u"g6"_s, 1'700'000'600'000);
        failed.error = u"cannot read it: permission denied"_s;
        failed.warnings = {u"line 3 skipped"_s, u"line 9 skipped"_s};
        refs.append(failed);
        refs.append(SessionRef());

        PendingSessions pending;
        for (SessionRef ref : refs) {
            pending.append(std::move(ref));
        }
        QCOMPARE(pending.size(), refs.size());
        for (qsizetype i = 0; i < refs.size(); ++i) {
            QCOMPARE(pending.sizeBytes(i), refs.at(i).sizeBytes);
            compare(pending.take(i), refs.at(i));
            if (QTest::currentTestFailed()) {
                qWarning("ref %lld", qlonglong(i));
                return;
            }
        }
        compare(pending.take(0), SessionRef()); // taken once
    }

    // The sessions are ordered by when they were last active, oldest first, and those of the same time keep their
    // order.
    void sortsOldestFirst()
    {
        PendingSessions pending;
        const QList<qint64> times{5000, 1000, 3000, 1000, 2000};
        for (int i = 0; i < times.size(); ++i) {
            pending.append(listed(u"web"_s, u"s%1"_s.arg(i), times.at(i)));
        }
        pending.sortByUpdate();
        QStringList order;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            order << pending.take(i).nativeId;
        }
        QCOMPARE(order, (QStringList{u"s1"_s, u"s3"_s, u"s4"_s, u"s2"_s, u"s0"_s}));
    }
};

QTEST_GUILESS_MAIN(TestPendingSessions)
#include "TestPendingSessions.moc"
