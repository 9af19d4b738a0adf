// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "json/Json.h"
#include "ops/Registrar.h"
#include "ops/SessionFileRecovery.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/SessionCompatibility.h"
#include "vscode/SessionIndex.h"
#include "vscode/WorkspaceStorage.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <boost/json.hpp>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

namespace bj = boost::json;

QByteArray line(const bj::value& v)
{
    return QByteArray::fromStdString(bj::serialize(v));
}

bj::object request(const std::string& id, qint64 time, const std::string& text)
{
    return {{"requestId", id},
            {"timestamp", time},
            {"message", {{"text", text}, {"parts", bj::array()}}},
            {"response", bj::array()},
            {"futureField", {{"kept", true}}}};
}

bj::object state(const std::string& id, bj::array requests)
{
    return {{"version", 3},
            {"sessionId", id},
            {"creationDate", 1767000000000},
            {"initialLocation", "panel"},
            {"requests", std::move(requests)},
            {"unknownTopLevel", 7}};
}

// A VS Code workspace of the project "shop" with the failure modes the registrar fixes:
// a.jsonl  a log of five entries, two run together on one line, its last request left pending;
// b.json   in the index as empty and cancelled although it holds a request;
// c.jsonl  a clean snapshot the index does not list (an orphan);
// d.jsonl  not listed either, its last line cut off by a crash.
struct Tree
{
    QTemporaryDir dir;
    QString home = dir.path();
    QString project = home + u"/dev/shop"_s;
    QString storage = home + u"/.config/Code/User/workspaceStorage/0123456789abcdef0123456789abcdef"_s;
    QString sessions = storage + u"/chatSessions"_s;
    QString database = storage + u"/state.vscdb"_s;

    Tree()
    {
        QDir().mkpath(project);
        QDir().mkpath(sessions);
        write(storage + u"/workspace.json"_s, "{\n\t\"folder\": \"file://" + project.toUtf8() + "\"\n}");
        bj::object pending = request("r2", 1767000200000, "Now the refund path");
        pending["modelState"] = bj::object{{"value", 0}};
        bj::object answered = request("r1", 1767000100000, "Why does checkout double-charge?");
        write(sessions + u"/a.jsonl"_s,
              line({{"kind", 0}, {"v", state("a", {})}}) + '\n' +
                  line({{"kind", 2}, {"k", {"requests"}}, {"v", {answered}}}) + '\n' +
                  line({{"kind", 2},
                        {"k", {"requests", 0, "response"}},
                        {"v", {{{"value", "The retry handler charges again."}}}}}) +
                  line({{"kind", 1}, {"k", {"requests", 0, "modelState"}}, {"v", {{"value", 1}}}}) + '\n' +
                  line({{"kind", 2}, {"k", {"requests"}}, {"v", {pending}}}) + '\n');
        write(sessions + u"/b.json"_s, line(state("b", {request("r1", 1767000300000, "Explain the cart model")})));
        write(sessions + u"/c.jsonl"_s,
              line({{"kind", 0}, {"v", state("c", {request("r1", 1767000400000, "Add a coupon field")})}}) + '\n');
        write(sessions + u"/d.jsonl"_s,
              line({{"kind", 0}, {"v", state("d", {request("r1", 1767000500000, "Profile the search page")})}}) +
                  "\n{\"kind\":1,\"k\":[\"customT");
        bj::object index{{"version", 1}, {"entries", bj::object()}};
        index["entries"].as_object()["a"] = SessionIndex::entryFor(state("a", {}), u"a"_s, 1767000000000);
        bj::object b{{"sessionId", "b"},
                     {"title", "Explain the cart model"},
                     {"lastMessageDate", 1767000300000},
                     {"isEmpty", true},
                     {"lastResponseState", 2},
                     {"stats", {{"fileCount", 2}}}};
        index["entries"].as_object()["b"] = b;
        QVERIFY(test::FixtureHome::writeStateDatabase(database, line(index)));
    }

    static void write(const QString& path, const QByteArray& bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    Workspace workspace() const { return WorkspaceStorage::readWorkspace(storage, editorInfo(Editor::Code)); }

    QHash<QString, bj::object> index() const
    {
        QHash<QString, bj::object> entries;
        const auto read = SessionIndex::read(database);
        for (const IndexEntry& entry : read.value()) {
            entries.insert(entry.sessionId, entry.raw);
        }
        return entries;
    }

    bj::value replayed(const QString& name) const { return ChatSessionFile::read(sessions + u'/' + name)->tree; }
};

QString messageOf(const Result<Registrar::Report>& report)
{
    return report ? report->changes.join(u'\n') + u'\n' + report->warnings.join(u'\n') : report.error().message;
}

} // namespace

class TestRegistrar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void dryRunChangesNothing()
    {
        Tree tree;
        const auto before = test::fileTree(tree.home);
        const auto registered = Registrar::registerSessions(tree.workspace(), {}, {}, {.dryRun = true});
        QVERIFY2(registered, qPrintable(messageOf(registered)));
        QCOMPARE(registered->registered, 2);
        QVERIFY(registered->changes.join(u'\n').contains(u"would register \"Add a coupon field\" (c)"_s));
        QVERIFY(registered->recoveryPoint.isEmpty());
        const auto repaired = Registrar::repair(tree.workspace(), {.dryRun = true});
        QVERIFY2(repaired, qPrintable(messageOf(repaired)));
        QCOMPARE(repaired->repaired, 2);
        QCOMPARE(test::fileTree(tree.home), before); // byte-identical
    }

    void registerAddsOrphansAndUndoRestores()
    {
        Tree tree;
        const auto before = test::fileTree(tree.home);
        const auto report = Registrar::registerSessions(tree.workspace(), {}, {}, {});
        QVERIFY2(report, qPrintable(messageOf(report)));
        QCOMPARE(report->registered, 2);
        QCOMPARE(report->unchanged, 2);
        const auto index = tree.index();
        QCOMPARE(index.size(), 4);
        const bj::object& c = index.value(u"c"_s);
        QCOMPARE(json::string(c, "title"), u"Add a coupon field"_s);
        QCOMPARE(json::integer(c, "lastMessageDate"), std::optional<qint64>(1767000400000));
        QCOMPARE(json::string(c, "initialLocation"), u"panel"_s);
        QCOMPARE(json::boolean(c, "isEmpty"), std::optional<bool>(false));
        QCOMPARE(json::boolean(c, "isExternal"), std::optional<bool>(false));
        QCOMPARE(json::integer(c, "lastResponseState"), std::optional<qint64>(1));
        QCOMPARE(json::integer(*json::find(c, "timing"), "created"), std::optional<qint64>(1767000000000));
        QVERIFY(index.contains(u"d"_s));
        // The files are untouched; the database was backed up into the project's recovery folder.
        QCOMPARE(test::readAll(tree.sessions + u"/a.jsonl"_s),
                 before.value(QDir(tree.home).relativeFilePath(tree.sessions + u"/a.jsonl"_s)));
        QVERIFY(report->recoveryPoint.startsWith(tree.project + u"/.chasm_recovery/"_s));
        QVERIFY(report->undoCommand.contains(report->recoveryPoint));

        // Registering again finds nothing to do.
        const auto again = Registrar::registerSessions(tree.workspace(), {}, {}, {});
        QVERIFY(again);
        QCOMPARE(again->registered, 0);
        QVERIFY(again->recoveryPoint.isEmpty());

        // Undo restores the database byte for byte.
        const auto point = RecoveryPoint::read(report->recoveryPoint);
        QVERIFY(point);
        QVERIFY(FileTransaction::undo(*point));
        QCOMPARE(test::readAll(tree.database), before.value(QDir(tree.home).relativeFilePath(tree.database)));
    }

    void registerChosenSessions()
    {
        Tree tree;
        const auto byTitle = Registrar::registerSessions(tree.workspace(), {}, {u"COUPON"_s}, {});
        QVERIFY2(byTitle, qPrintable(messageOf(byTitle)));
        QCOMPARE(byTitle->registered, 1);
        QVERIFY(tree.index().contains(u"c"_s));
        QVERIFY(!tree.index().contains(u"d"_s));
        // An id no file has is reported (another workspace of the project may have it); a prefix that
        // names several sessions is an error.
        const auto unknown = Registrar::registerSessions(tree.workspace(), {u"zzz"_s}, {}, {});
        QVERIFY(unknown);
        QCOMPARE(unknown->unmatched, QStringList{u"zzz"_s});
        QCOMPARE(unknown->registered, 0);
        Tree::write(tree.sessions + u"/cx1.jsonl"_s, test::readAll(tree.sessions + u"/c.jsonl"_s));
        Tree::write(tree.sessions + u"/cx2.jsonl"_s, test::readAll(tree.sessions + u"/c.jsonl"_s));
        const auto ambiguous = Registrar::registerSessions(tree.workspace(), {u"cx"_s}, {}, {});
        QVERIFY(!ambiguous);
        QVERIFY2(ambiguous.error().message.contains(u"names 2 sessions"_s), qPrintable(ambiguous.error().message));
        const auto exact = Registrar::registerSessions(tree.workspace(), {u"c"_s, u"cx2"_s}, {}, {});
        QVERIFY(exact);                 // "c" is the whole id of c.jsonl, not a prefix of cx1 and cx2
        QCOMPARE(exact->registered, 1); // cx2; c was registered above
        QCOMPARE(exact->repaired, 1);   // c's entry rewritten from its file
        QVERIFY(tree.index().contains(u"cx2"_s));
        QVERIFY(!tree.index().contains(u"cx1"_s));
    }

    void repairFixesEveryFailureMode()
    {
        Tree tree;
        const bj::value aBefore = tree.replayed(u"a.jsonl"_s);
        const bj::value dBefore = tree.replayed(u"d.jsonl"_s);
        const QByteArray aBytes = test::readAll(tree.sessions + u"/a.jsonl"_s);
        const QByteArray bBytes = test::readAll(tree.sessions + u"/b.json"_s);
        const auto report = Registrar::repair(tree.workspace(), {});
        QVERIFY2(report, qPrintable(messageOf(report)));
        QCOMPARE(report->repaired, 2);   // a (compacted, split, pending fixed) and d (damaged tail)
        QCOMPARE(report->registered, 2); // c and d were orphans

        // a.jsonl: one kind-0 line; every request and field kept; the pending request now complete.
        const QByteArray a = test::readAll(tree.sessions + u"/a.jsonl"_s);
        QCOMPARE(a.count('\n'), 1);
        QVERIFY(a.startsWith("{\"kind\":0,\"v\":"));
        QCOMPARE(test::readAll(tree.sessions + u"/a.jsonl.bak"_s), aBytes);
        bj::value aAfter = tree.replayed(u"a.jsonl"_s);
        QCOMPARE(aAfter.at("requests").as_array().size(), std::size_t(2));
        QCOMPARE(aAfter.at("requests").at(0).at("response").at(0).at("value").as_string(),
                 "The retry handler charges again.");
        QCOMPARE(aAfter.at("requests").at(1).at("modelState").at("value").as_int64(), 1);
        QVERIFY(aAfter.at("requests").at(1).at("futureField").at("kept").as_bool());
        QCOMPARE(aAfter.at("unknownTopLevel").as_int64(), 7);
        aAfter.at("requests").at(1).at("modelState") = aBefore.at("requests").at(1).at("modelState");
        QCOMPARE(aAfter, aBefore); // nothing else changed
        QCOMPARE(tree.replayed(u"d.jsonl"_s), dBefore);
        QCOMPARE(test::readAll(tree.sessions + u"/b.json"_s), bBytes); // nothing to fix in the file

        // The index: every session, isEmpty from the requests, complete, the editor's own fields kept.
        const auto index = tree.index();
        QCOMPARE(index.size(), 4);
        const bj::object& b = index.value(u"b"_s);
        QCOMPARE(json::boolean(b, "isEmpty"), std::optional<bool>(false));
        QCOMPARE(json::integer(b, "lastResponseState"), std::optional<qint64>(1));
        QVERIFY(b.contains("stats"));
        QCOMPARE(json::boolean(index.value(u"a"_s), "isEmpty"), std::optional<bool>(false));
        QCOMPARE(json::string(index.value(u"a"_s), "title"), u"Why does checkout double-charge?"_s);

        // A second repair has nothing left to rewrite.
        const auto again = Registrar::repair(tree.workspace(), {});
        QVERIFY(again);
        QCOMPARE(again->repaired, 0);
        QCOMPARE(again->registered, 0);
        QVERIFY(again->recoveryPoint.isEmpty()); // and nothing was written
    }

    // The project was opened under another workspace id once: its sessions there are brought over.
    void adoptsSessionsOfAnOlderWorkspace()
    {
        Tree tree;
        const QString older = tree.home + u"/.config/Code/User/workspaceStorage/fedcba9876543210fedcba9876543210"_s;
        QDir().mkpath(older + u"/chatSessions"_s);
        Tree::write(older + u"/workspace.json"_s, test::readAll(tree.storage + u"/workspace.json"_s));
        QVERIFY(test::FixtureHome::writeStateDatabase(older + u"/state.vscdb"_s, "{\"version\":1,\"entries\":{}}"));
        const QByteArray old1 =
            line({{"kind", 0}, {"v", state("old1", {request("r1", 1766000000000, "The first design of checkout")})}}) +
            '\n';
        Tree::write(older + u"/chatSessions/old1.jsonl"_s, old1);
        Tree::write(older + u"/chatSessions/c.jsonl"_s, test::readAll(tree.sessions + u"/c.jsonl"_s));
        QFile state(older + u"/state.vscdb"_s);
        QVERIFY(state.open(QIODevice::ReadWrite));
        QVERIFY(state.setFileTime(QDateTime::currentDateTime().addDays(-30), QFileDevice::FileModificationTime));
        state.close();

        const Workspace other = WorkspaceStorage::readWorkspace(older, editorInfo(Editor::Code));
        const auto found = Registrar::findOrphanedWorkspaces({other, tree.workspace()});
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().active.storagePath, tree.storage);
        QCOMPARE(found.first().others.size(), 1);
        QCOMPARE(found.first().others.first().missing, QStringList{older + u"/chatSessions/old1.jsonl"_s});

        const auto before = test::fileTree(tree.home);
        const auto dry = Registrar::adopt(tree.workspace(), found.first().others.first().missing, {.dryRun = true});
        QVERIFY2(dry, qPrintable(messageOf(dry)));
        QCOMPARE(test::fileTree(tree.home), before);

        const auto adopted = Registrar::adopt(tree.workspace(), found.first().others.first().missing, {});
        QVERIFY2(adopted, qPrintable(messageOf(adopted)));
        QCOMPARE(adopted->registered, 1);
        QCOMPARE(test::readAll(tree.sessions + u"/old1.jsonl"_s), old1); // a .jsonl stays a .jsonl, as it was
        QCOMPARE(json::string(tree.index().value(u"old1"_s), "title"), u"The first design of checkout"_s);
        QVERIFY(Registrar::findOrphanedWorkspaces({other, tree.workspace()}).first().others.first().missing.isEmpty());

        // Undo: the copy is gone and the index as it was, byte for byte.
        QVERIFY(FileTransaction::undo(*RecoveryPoint::read(adopted->recoveryPoint)));
        auto after = test::fileTree(tree.home);
        after.removeIf([](const auto& item) { return item.key().startsWith(u"dev/shop/.chasm_recovery/"_s); });
        QCOMPARE(after, before);
    }

    // move: the sessions leave the workspace they were in (file and index entry, the file's backup kept
    // beside it) and show in the target; one undo puts both workspaces back byte for byte.
    void movesSessionsBetweenWorkspaces()
    {
        Tree tree;
        const QString otherProject = tree.home + u"/dev/admin"_s;
        const QString other = tree.home + u"/.config/Code/User/workspaceStorage/fedcba9876543210fedcba9876543210"_s;
        QDir().mkpath(otherProject);
        QDir().mkpath(other + u"/chatSessions"_s);
        Tree::write(other + u"/workspace.json"_s, "{\n\t\"folder\": \"file://" + otherProject.toUtf8() + "\"\n}");
        QVERIFY(test::FixtureHome::writeStateDatabase(other + u"/state.vscdb"_s, "{\"version\":1,\"entries\":{}}"));
        const Workspace target = WorkspaceStorage::readWorkspace(other, editorInfo(Editor::Code));
        const QStringList files{tree.sessions + u"/b.json"_s, tree.sessions + u"/c.jsonl"_s};
        const QByteArray b = test::readAll(files.at(0));

        const auto before = test::fileTree(tree.home);
        const auto dry = Registrar::move(target, {tree.workspace()}, files, {.dryRun = true});
        QVERIFY2(dry, qPrintable(messageOf(dry)));
        QCOMPARE(test::fileTree(tree.home), before);

        const auto moved = Registrar::move(target, {tree.workspace()}, files, {});
        QVERIFY2(moved, qPrintable(messageOf(moved)));
        QCOMPARE(moved->registered, 2);
        QCOMPARE(test::readAll(other + u"/chatSessions/b.json"_s), b);
        QVERIFY(!QFileInfo::exists(files.at(0)));
        QCOMPARE(test::readAll(files.at(0) + u".bak"_s), b);
        QVERIFY(!tree.index().contains(u"b"_s)); // out of the source's index
        QVERIFY(tree.index().contains(u"a"_s));  // the others stay
        QStringList targetIds;
        for (const IndexEntry& entry : SessionIndex::read(other + u"/state.vscdb"_s).value()) {
            targetIds << entry.sessionId;
        }
        targetIds.sort();
        QCOMPARE(targetIds, (QStringList{u"b"_s, u"c"_s}));

        // Undo: both workspaces as they were (the backups and the recovery point stay).
        QVERIFY(FileTransaction::undo(*RecoveryPoint::read(moved->recoveryPoint)));
        auto after = test::fileTree(tree.home);
        after.removeIf([](const auto& item) {
            return item.key().startsWith(u"dev/admin/.chasm_recovery/"_s) || item.key().endsWith(u".bak"_s);
        });
        QCOMPARE(after, before);

        // A session the target has already stays where it is.
        Tree::write(other + u"/chatSessions/c.jsonl"_s, test::readAll(files.at(1)));
        const auto kept = Registrar::move(target, {tree.workspace()}, {files.at(1)}, {});
        QVERIFY2(kept, qPrintable(messageOf(kept)));
        QCOMPARE(kept->unchanged, 1);
        QVERIFY(QFileInfo::exists(files.at(1)));
        QVERIFY(kept->warnings.join(u'\n').contains(u"c is in the workspace already"_s));
    }

    // split: the older requests of a big session become a session of their own; nothing is lost.
    void splitsABigSession()
    {
        Tree tree;
        bj::array requests;
        for (int i = 0; i < 5; ++i) {
            requests.push_back(request("r" + std::to_string(i), 1767000100000 + i, "Question " + std::to_string(i)));
        }
        const QString path = tree.sessions + u"/big.jsonl"_s;
        const QByteArray original = line({{"kind", 0}, {"v", state("big", requests)}}) + '\n';
        Tree::write(path, original);
        const auto before = test::fileTree(tree.home);
        QVERIFY(Registrar::split(tree.workspace(), path, 2, {.dryRun = true}));
        QCOMPARE(test::fileTree(tree.home), before);
        QVERIFY(!Registrar::split(tree.workspace(), path, 5, {})); // nothing to split off

        const auto split = Registrar::split(tree.workspace(), path, 2, {});
        QVERIFY2(split, qPrintable(messageOf(split)));
        QCOMPARE(test::readAll(path + u".bak"_s), original);
        const bj::value kept = tree.replayed(u"big.jsonl"_s);
        QCOMPARE(json::arrayAt(kept, "requests").size(), std::size_t(2));
        QCOMPARE(json::string(kept, "customTitle"), u"Question 0"_s); // the title it had
        QVERIFY(kept.at("unknownTopLevel") == bj::value(7));
        QStringList files = QDir(tree.sessions).entryList({u"*.jsonl"_s});
        files.removeAll(u"big.jsonl"_s);
        files.removeAll(u"a.jsonl"_s);
        files.removeAll(u"c.jsonl"_s);
        files.removeAll(u"d.jsonl"_s);
        QCOMPARE(files.size(), 1);
        const QString archiveId = files.first().chopped(6);
        const bj::value archive = tree.replayed(files.first());
        QCOMPARE(json::string(archive, "sessionId"), archiveId);
        QCOMPARE(json::string(archive, "customTitle"), u"Question 0 (part 1: requests 1–3)"_s);
        bj::array together = json::arrayAt(archive, "requests");
        for (const bj::value& r : json::arrayAt(kept, "requests")) {
            together.push_back(r);
        }
        QVERIFY(together == requests); // every request, unchanged, in order
        const auto index = tree.index();
        QVERIFY(index.contains(archiveId));
        QCOMPARE(json::string(index.value(u"big"_s), "title"), u"Question 0"_s);

        QVERIFY(FileTransaction::undo(*RecoveryPoint::read(split->recoveryPoint)));
        QCOMPARE(test::readAll(path), original);
        QVERIFY(!QFileInfo::exists(tree.sessions + u'/' + files.first()));
    }

    // Single files: what a file is, salvaging a damaged log, converting formats, repairing one file.
    void fileRecovery()
    {
        QTemporaryDir dir;
        const QByteArray initial = line({{"kind", 0}, {"v", state("s", {})}}) + '\n';
        const QByteArray push =
            line({{"kind", 2}, {"k", {"requests"}}, {"v", {request("r1", 1767000100000, "Keep this question")}}}) +
            '\n';
        const QByteArray damaged = "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"gar\n";
        const QByteArray title = line({{"kind", 1}, {"k", {"customTitle"}}, {"v", "Salvaged"}}) + '\n';
        const QString log = dir.filePath(u"s.jsonl"_s);
        const QByteArray original = initial + push + damaged + title;
        Tree::write(log, original);

        // VS Code's reader (and so detect) stops at the damaged line; salvage keeps the rest.
        const auto detected = SessionFileRecovery::detect(log);
        QVERIFY(detected.error.contains(u"line 3"_s));
        QCOMPARE(detected.format, u"jsonl"_s);
        const auto salvaged = SessionFileRecovery::salvage(log, {}, false, {});
        QVERIFY2(salvaged, qPrintable(messageOf(salvaged)));
        QVERIFY(salvaged->warnings.join(u'\n').contains(u"1 damaged line(s) skipped (3)"_s));
        const auto after = SessionFileRecovery::detect(log);
        QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
        QCOMPARE(after.entries, 1);
        QCOMPARE(after.requests, 1);
        QCOMPARE(after.title, u"Salvaged"_s);
        QCOMPARE(after.version, 3);
        QCOMPARE(test::readAll(log + u".bak"_s), original);
        QCOMPARE(SessionFileRecovery::detect(log + u".bak"_s).format, u"jsonl"_s); // a backup reads as its original
        QVERIFY(FileTransaction::undo(*RecoveryPoint::read(salvaged->recoveryPoint)));
        QCOMPARE(test::readAll(log), original);

        // Entries that cannot apply stop a plain salvage; --aggressive skips them, and finds a record
        // behind the damage on a line.
        const QString worse = dir.filePath(u"worse.jsonl"_s);
        Tree::write(worse, original + line({{"kind", 1}, {"k", {"requests", 7, "x"}}, {"v", 1}}) + '\n' + "garbage" +
                               line({{"kind", 1}, {"k", {"inputState"}}, {"v", 1}}) + '\n');
        const auto plain = SessionFileRecovery::salvage(worse, dir.filePath(u"plain.jsonl"_s), false, {});
        QVERIFY(!plain);
        QVERIFY2(plain.error().message.contains(u"--aggressive"_s), qPrintable(plain.error().message));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"plain.jsonl"_s)));
        const auto aggressive = SessionFileRecovery::salvage(worse, dir.filePath(u"out.jsonl"_s), true, {});
        QVERIFY2(aggressive, qPrintable(messageOf(aggressive)));
        const bj::value out = ChatSessionFile::read(dir.filePath(u"out.jsonl"_s))->tree;
        QCOMPARE(out.at("inputState").as_int64(), 1);
        QCOMPARE(out.at("customTitle").as_string(), "Salvaged");
        QCOMPARE(out.at("requests").as_array().size(), std::size_t(1));
        QVERIFY(!SessionFileRecovery::salvage(worse, dir.filePath(u"out.jsonl"_s), true, {})); // never overwrites

        // Convert: the other format beside the input, the same session; a dry run writes nothing.
        const QString legacy = dir.filePath(u"legacy.json"_s);
        bj::object complete = state("legacy", {request("r1", 1767000200000, "Old format")});
        complete["responderUsername"] = "GitHub Copilot";
        Tree::write(legacy, line(complete));
        const auto modern = SessionCompatibility::Readers::Modern;
        QVERIFY(SessionFileRecovery::convert(legacy, {}, {}, modern, {.dryRun = true}));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"legacy.jsonl"_s)));
        const auto converted = SessionFileRecovery::convert(legacy, {}, {}, modern, {});
        QVERIFY2(converted, qPrintable(messageOf(converted)));
        QCOMPARE(ChatSessionFile::read(dir.filePath(u"legacy.jsonl"_s))->tree, ChatSessionFile::read(legacy)->tree);
        QVERIFY(!SessionFileRecovery::convert(legacy, {}, {}, modern, {}));

        // Repair one file: the pending last request is completed, the log compacted.
        Tree tree;
        const auto repaired = Registrar::repairFile(tree.sessions + u"/a.jsonl"_s, {});
        QVERIFY2(repaired, qPrintable(messageOf(repaired)));
        QCOMPARE(repaired->repaired, 1);
        QCOMPARE(tree.replayed(u"a.jsonl"_s).at("requests").at(1).at("modelState").at("value").as_int64(), 1);
        QVERIFY(repaired->recoveryPoint.startsWith(tree.storage + u"/.chasm_recovery/"_s));
    }

    // recover convert --compat: what each generation of VS Code's readers needs is filled in, and
    // nothing of the session is lost.
    void convertsForEachGeneration()
    {
        QTemporaryDir dir;
        // As VS Code ≥ 1.107 writes it: no requesterUsername, no lastMessageDate; the second request was
        // cancelled (modelState only) and mentions a prompt file, a part kind older builds do not know.
        bj::object cancelled = request("r2", 1767000300000, "Stop that");
        cancelled["modelState"] = {{"value", 2}, {"completedAt", 1767000301000}};
        cancelled["message"].as_object()["parts"] = {{{"kind", "prompt"}, {"text", "#prompt:review"}}};
        bj::object modern = state("m", {request("r1", 1767000200000, "Hello"), cancelled});
        modern["responderUsername"] = "GitHub Copilot";
        const QString log = dir.filePath(u"m.jsonl"_s);
        Tree::write(log, line({{"kind", 0}, {"v", modern}}) + '\n');

        const auto legacy = SessionFileRecovery::convert(log, dir.filePath(u"old.json"_s), {},
                                                         SessionCompatibility::Readers::Legacy, {});
        QVERIFY2(legacy, qPrintable(messageOf(legacy)));
        const bj::value old = ChatSessionFile::read(dir.filePath(u"old.json"_s))->tree;
        // Everything the session held is there as it was; the only addition inside a request is the
        // cancelled one's isCanceled.
        bj::value without = old;
        without.at("requests").at(1).as_object().erase("isCanceled");
        for (const auto& field : modern) {
            QCOMPARE(without.at(field.key()), field.value());
        }
        QVERIFY(old.at("requesterUsername").is_string());
        QCOMPARE(old.at("lastMessageDate").as_int64(), 1767000300000);
        QVERIFY(old.at("requests").at(1).at("isCanceled").as_bool());
        QVERIFY(!old.at("requests").at(0).as_object().contains("isCanceled"));
        QVERIFY(legacy->changes.join(u'\n').contains(u"requesterUsername, lastMessageDate, requests[1].isCanceled"_s));
        QVERIFY(legacy->warnings.join(u'\n').contains(u"(prompt)"_s));
        // Legacy readers do not read logs at all.
        const auto refused =
            SessionFileRecovery::convert(log, dir.filePath(u"old.jsonl"_s), ChatSessionFile::Format::Jsonl,
                                         SessionCompatibility::Readers::Legacy, {});
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"before 1.109"_s));

        // For modern readers the session has all they need: written as it was.
        QVERIFY(SessionFileRecovery::convert(log, dir.filePath(u"new.json"_s), {},
                                             SessionCompatibility::Readers::Modern, {}));
        QCOMPARE(ChatSessionFile::read(dir.filePath(u"new.json"_s))->tree, bj::value(modern));
        // A session lacking what every reader needs gets it in every mode; a numeric location (no
        // reader's) becomes "panel".
        bj::object bare{{"sessionId", "b"}, {"initialLocation", 1}, {"requests", {request("r1", 1767000200000, "Hi")}}};
        const QString barePath = dir.filePath(u"b.json"_s);
        Tree::write(barePath, line(bare));
        QVERIFY(SessionFileRecovery::convert(barePath, {}, {}, SessionCompatibility::Readers::Modern, {}));
        const bj::value fixed = ChatSessionFile::read(dir.filePath(u"b.jsonl"_s))->tree;
        QCOMPARE(fixed.at("creationDate").as_int64(), 1767000200000);
        QCOMPARE(fixed.at("responderUsername").as_string(), "GitHub Copilot");
        QCOMPARE(fixed.at("initialLocation").as_string(), "panel");
        QVERIFY(!fixed.as_object().contains("requesterUsername"));
        QCOMPARE(fixed.at("requests"), bare.at("requests"));
    }

    // A .json cut off mid-write is closed after its last complete value; other damage is not guessed at.
    void closesCutOffJson()
    {
        QCOMPARE(json::closeTruncated("{\"a\":[1,2,{\"x\":\"y"), std::optional<std::string>("{\"a\":[1,2]}"));
        QCOMPARE(json::closeTruncated("{\"a\":[1,2,{\"x\":\"y\""),
                 std::optional<std::string>("{\"a\":[1,2,{\"x\":\"y\"}]}"));
        QCOMPARE(json::closeTruncated("{\"a\":[1,2],\"b\":tr"), std::optional<std::string>("{\"a\":[1,2]}"));
        QCOMPARE(json::closeTruncated("{\"k\":\"a \\\" quote\",\"n\":"),
                 std::optional<std::string>("{\"k\":\"a \\\" quote\"}"));
        QCOMPARE(json::closeTruncated("{\"a\":1}"), std::optional<std::string>()); // complete
        QCOMPARE(json::closeTruncated("{\"a\":]"), std::optional<std::string>());  // damaged otherwise
        QCOMPARE(json::closeTruncated("{\"a"), std::optional<std::string>());      // nothing complete

        // recover repair on such a file: every complete request kept, the original in the .bak.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cut.json"_s);
        const QByteArray whole = line(state(
            "cut", {request("r1", 1767000100000, "First, complete"), request("r2", 1767000200000, "Second, cut off")}));
        const QByteArray cut = whole.left(whole.indexOf("Second") + 3);
        Tree::write(path, cut);
        QVERIFY(!ChatSessionFile::read(path));
        const auto report = Registrar::repairFile(path, {});
        QVERIFY2(report, qPrintable(messageOf(report)));
        QVERIFY(report->changes.join(u'\n').contains(u"closed a document cut off mid-write"_s));
        const bj::value tree = ChatSessionFile::read(path)->tree;
        QCOMPARE(tree.at("requests").as_array().size(), std::size_t(2)); // the second as far as it went
        QCOMPARE(tree.at("requests").at(0).at("message").at("text").as_string(), "First, complete");
        QVERIFY(tree.at("requests").at(0).at("futureField").at("kept").as_bool());
        QCOMPARE(test::readAll(path + u".bak"_s), cut);
    }

#ifdef Q_OS_LINUX
    void refusesWhileTheEditorRuns()
    {
        Tree tree;
        const QString fake = tree.dir.filePath(u"code"_s);
        QVERIFY(QFile::copy(u"/bin/sleep"_s, fake));
        QProcess editor;
        editor.start(fake, {u"60"_s});
        QVERIFY(editor.waitForStarted());
        const auto before = test::fileTree(tree.storage);
        const auto refused = Registrar::registerSessions(tree.workspace(), {}, {}, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"VS Code is running"_s), qPrintable(refused.error().message));
        QCOMPARE(test::fileTree(tree.storage), before);
        const auto forced = Registrar::registerSessions(tree.workspace(), {}, {}, {.force = true});
        QVERIFY2(forced, qPrintable(messageOf(forced)));
        QVERIFY(forced->warnings.join(u'\n').contains(u"will overwrite"_s));
        QCOMPARE(tree.index().size(), 4);
        editor.kill();
        editor.waitForFinished();
    }
#endif
};

QTEST_GUILESS_MAIN(TestRegistrar)
#include "TestRegistrar.moc"
