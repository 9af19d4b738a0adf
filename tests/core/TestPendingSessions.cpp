// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "ops/PendingSessions.h"
#include "providers/SessionCache.h"
#include "providers/SessionCatalog.h"
#include "util/QtVersions.h"

#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// Every field of a ref, in their order. They are bound by name, so that this stops compiling once SessionRef has a
// field more, which PendingSessions and this test must then carry.
auto fieldsOf(const SessionRef& ref)
{
    const auto& [id, provider, editor, nativeId, title, workspaceId, workspace, projectPath, workspaceName, path,
                 format, createdAt, updatedAt, messageCount, sizeBytes, fileModifiedMs, error, warnings, described,
                 origin] = ref;
    return std::tie(id, provider, editor, nativeId, title, workspaceId, workspace, projectPath, workspaceName, path,
                    format, createdAt, updatedAt, messageCount, sizeBytes, fileModifiedMs, error, warnings, described,
                    origin);
}
constexpr const char* fieldNames[] = {
    "id",          "provider",       "editor", "nativeId", "title",     "workspaceId", "workspace",
    "projectPath", "workspaceName",  "path",   "format",   "createdAt", "updatedAt",   "messageCount",
    "sizeBytes",   "fileModifiedMs", "error",  "warnings", "described", "origin"};
static_assert(std::size(fieldNames) == std::tuple_size_v<decltype(fieldsOf(SessionRef()))>);

// The same value, down to what == does not tell: a null text from an empty one, a time's zone.
bool same(const QString& a, const QString& b)
{
    return a == b && a.isNull() == b.isNull();
}
bool same(const QStringList& a, const QStringList& b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const QString& x, const QString& y) { return same(x, y); });
}
bool same(const QDateTime& a, const QDateTime& b)
{
    return a == b && a.isValid() == b.isValid() && a.timeSpec() == b.timeSpec() &&
           (!a.isValid() || a.offsetFromUtc() == b.offsetFromUtc());
}
template<typename T>
bool same(const T& a, const T& b)
{
    return a == b;
}

// The fields in which two refs differ, by name.
QStringList differences(const SessionRef& actual, const SessionRef& expected)
{
    QStringList names;
    const auto a = fieldsOf(actual);
    const auto e = fieldsOf(expected);
    [&]<std::size_t... I>(std::index_sequence<I...>)
    {
        ((same(std::get<I>(a), std::get<I>(e)) ? void() : names.append(QLatin1String(fieldNames[I]))), ...);
    }
    (std::make_index_sequence<std::size(fieldNames)>());
    return names;
}

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
    ref.updatedAt = chasm::utcFromMs(modifiedMs);
    ref.createdAt = ref.updatedAt;
    ref.sizeBytes = 1000 + modifiedMs % 977;
    ref.described = false;
    return ref;
}

void compare(const SessionRef& actual, const SessionRef& expected)
{
    const QStringList differ = differences(actual, expected);
    QVERIFY2(differ.isEmpty(), qPrintable(u"%1 differs in %2"_s.arg(expected.id, differ.join(u", "_s))));
}

} // namespace

class TestPendingSessions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Every session of every provider's fixtures comes back whole, as a harvest lists them (from the files alone) and
    // as the app does (described): the ids, titles, paths and dates the readers make, of workspaces that
    // several sessions share. Taken from the last to the first, and in the order of sortByUpdate().
    void listedSessionsComeBackWhole()
    {
        test::FixtureHome home(QStringList{u"aider"_s, u"claude-code"_s, u"codex"_s, u"continue"_s, u"cursor"_s,
                                           u"droid"_s, u"gemini"_s, u"opencode"_s, u"qwen"_s, u"vscode"_s});
        QVERIFY(home.isValid());
        SessionCatalog catalog(home.environment());
        const QList<const Provider*> providers = catalog.providers().value();
        const QList<Workspace> workspaces = catalog.workspaces(providers);
        for (const Listing listing : {Listing::FilesOnly, Listing::Described}) {
            SessionCache cache;
            QList<SessionRef> refs = catalog.sessions(providers, workspaces, cache, listing);
            // What the listing holds of what PendingSessions keeps apart, so that the test covers it.
            QSet<QString> kinds;
            QSet<QString> shared;
            for (const SessionRef& ref : refs) {
                kinds << ref.provider;
                shared << ref.provider + ref.workspaceId;
                if (ref.title != ref.nativeId) {
                    kinds << u"titled"_s;
                }
                if (ref.fileModifiedMs == 0) {
                    kinds << u"in a database"_s;
                }
            }
            QVERIFY2(refs.size() >= 30, qPrintable(QString::number(refs.size())));
            QVERIFY(shared.size() < refs.size()); // some share their workspace
            for (const QString& kind :
                 {u"aider"_s, u"claude-code"_s, u"codex"_s, u"continue"_s, u"cursor"_s, u"droid"_s, u"gemini"_s,
                  u"opencode"_s, u"qwen"_s, u"copilot"_s, u"in a database"_s}) {
                QVERIFY2(kinds.contains(kind), qPrintable(kind));
            }
            QVERIFY(listing == Listing::FilesOnly || kinds.contains(u"titled"_s));

            PendingSessions pending;
            pending.reserve(refs.size());
            for (SessionRef ref : refs) {
                pending.append(std::move(ref));
            }
            QCOMPARE(pending.size(), refs.size());
            if (listing == Listing::Described) {
                pending.sortByUpdate();
                std::stable_sort(refs.begin(), refs.end(),
                                 [](const SessionRef& a, const SessionRef& b) { return a.updatedAt < b.updatedAt; });
            }
            for (qsizetype n = 0; n < refs.size(); ++n) {
                const qsizetype i = listing == Listing::Described ? n : refs.size() - 1 - n;
                QCOMPARE(pending.sizeBytes(i), refs.at(i).sizeBytes);
                compare(pending.take(i), refs.at(i));
                if (QTest::currentTestFailed()) {
                    return;
                }
                compare(pending.take(i), SessionRef());
            }
        }
    }

    // Values no fixture has: texts empty but not null, and null; long ones, in every kind of script, and with a zero
    // inside; times with an offset, local, invalid, far off; the largest numbers.
    void unusualValuesComeBackWhole()
    {
        const QString unicode = u"会話 🚀 مرحبا Ωμέγα e\u0301 \U0001F9EA"_s;
        QList<SessionRef> refs;

        SessionRef empty;
        for (QString* text :
             {&empty.id, &empty.provider, &empty.editor, &empty.nativeId, &empty.title, &empty.workspaceId,
              &empty.workspace, &empty.projectPath, &empty.workspaceName, &empty.path, &empty.format, &empty.error}) {
            *text = u""_s;
        }
        empty.warnings = {u""_s};
        empty.described = false;
        refs.append(empty);

        SessionRef nullNames = listed(u"web"_s, u"n1"_s, 1'700'000'000'000);
        nullNames.path = QString();
        nullNames.nativeId = QString();
        nullNames.id = nullNames.provider + u':';
        nullNames.title = u""_s; // as empty as the native id, but not null
        refs.append(nullNames);

        SessionRef untitled = listed(u"web"_s, u"n2"_s, 1'700'000'000'000);
        untitled.nativeId = u""_s;
        untitled.id = untitled.provider + u':';
        untitled.title = QString(); // as empty as the native id, but null
        refs.append(untitled);

        SessionRef badName = listed(u"web"_s, u"b"_s + QChar(0xdc00), 1'700'000'000'000); // kept beside, not in UTF-8
        badName.title = u""_s;
        refs.append(badName);

        SessionRef foreign = listed(unicode, unicode + u"-id"_s, 1'700'000'000'000);
        foreign.title = unicode;
        foreign.error = unicode;
        foreign.warnings = {unicode, unicode + unicode};
        foreign.editor = u"vs-code-ünï"_s;
        refs.append(foreign);

        SessionRef zeros = listed(u"api"_s, u"z"_s + QChar(0) + u"z"_s, 1'700'000'000'000);
        zeros.path = u"/home/me/a"_s + QChar(0) + u"b.jsonl"_s;
        zeros.title = zeros.nativeId;
        zeros.id = zeros.provider + u':' + zeros.nativeId;
        refs.append(zeros);

        SessionRef large = listed(u"api"_s, unicode.repeated(200), 1'700'000'000'000);
        large.path = u"/home/me/"_s + u"deep/"_s.repeated(8000) + large.nativeId + u".jsonl"_s;
        large.projectPath = u"/srv/"_s + unicode.repeated(1000);
        large.title = QString(unicode + u' ').repeated(40'000); // about a megabyte
        large.warnings = QStringList(10'000, u"line skipped: "_s + unicode);
        large.messageCount = std::numeric_limits<int>::max();
        large.sizeBytes = std::numeric_limits<qint64>::max();
        large.fileModifiedMs = -86'400'000; // a file from 1969
        large.createdAt = QDateTime(QDate(1, 1, 1), QTime(0, 0), QTimeZone(-12 * 3600));
        large.updatedAt = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), QTimeZone(5 * 3600 + 1800));
        refs.append(large);

        SessionRef times = listed(u"api"_s, u"t"_s, 1'700'000'000'000);
        times.createdAt = chasm::localDateTime(QDate(2026, 3, 29), QTime(2, 30));
        times.updatedAt = QDateTime();
        refs.append(times);

        PendingSessions pending;
        for (SessionRef ref : refs) {
            pending.append(std::move(ref));
        }
        // The odd ones, then the even ones: each is kept apart from the others.
        for (const int parity : {1, 0}) {
            for (qsizetype i = parity; i < refs.size(); i += 2) {
                compare(pending.take(i), refs.at(i));
                if (QTest::currentTestFailed()) {
                    qWarning("ref %lld", qlonglong(i));
                    return;
                }
            }
        }
    }

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
        described.createdAt = chasm::localFromMs(1'600'000'000'000);
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
