// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "util/QtVersions.h"
#include "vscode/ChatSessionFile.h"

#include <QCryptographicHash>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <string>

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
        bytes += "{\"kind\":1,\"k\":[\"customTitle\"],\"v\":\"Renamed while Chasm was open\"}"
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

    // A listing run on the thread pool, as the app runs it in the background, while the pool has no other thread (a
    // one-core machine, or every other thread busy): it maps the providers and their files on that pool, and waited
    // for threads that never came. Then the same from threads that wait for the pool as the listing's do.
    void listingFromTheOnlyThreadOfThePool()
    {
        test::FixtureHome home;
        const SessionCatalog catalog(home.environment());
        const auto all = catalog.providers().value();
        const qsizetype expected = catalog.sessions(all, catalog.workspaces(all)).size();
        QCOMPARE(expected, 8);
        QThreadPool* pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        const auto restore = qScopeGuard([pool, threads] { pool->setMaxThreadCount(threads); });
        for (const int size : {1, 2}) {
            pool->setMaxThreadCount(size);
            QList<QFuture<qsizetype>> listings;
            for (int i = 0; i < size; ++i) {
                listings << QtConcurrent::run(
                    [&catalog, &all] { return catalog.sessions(all, catalog.workspaces(all)).size(); });
            }
            for (QFuture<qsizetype>& listing : listings) {
                QVERIFY2(QTest::qWaitFor([&listing] { return listing.isFinished(); }, 20'000),
                         qPrintable(u"a listing on a pool of %1 thread(s) did not finish"_s.arg(size)));
                QCOMPARE(listing.result(), expected);
            }
        }
    }

    // A log longer than the preview size shows its beginning first: complete messages, in order, with
    // the session's id, then the whole session, which may still change what the preview showed.
    void hugeLogPreviewsItsBeginning()
    {
        test::FixtureHome home;
        const QString log = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"
                                      "chatSessions/cccc3333-4444-4555-8666-777788889999.jsonl"_s);
        QFile file(log);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const auto write = [&file](const boost::json::value& record) {
            file.write(QByteArray::fromStdString(boost::json::serialize(record)) + '\n');
        };
        write({{"kind", 0},
               {"v",
                {{"version", 3},
                 {"creationDate", 1767225600000},
                 {"sessionId", "cccc3333-4444-4555-8666-777788889999"},
                 {"requests", boost::json::array()}}}});
        const std::string filler(20000, 'x');
        const int requests = 300; // 6 MB, past the 4 MiB preview point
        for (int r = 0; r < requests; ++r) {
            write({{"kind", 2},
                   {"k", {"requests"}},
                   {"v",
                    {{{"requestId", "request_" + std::to_string(r)},
                      {"timestamp", 1767225600000 + r * 1000},
                      {"message",
                       {{"text", "question " + std::to_string(r) + " " + filler}, {"parts", boost::json::array()}}},
                      {"response", boost::json::array()}}}}});
            write(
                {{"kind", 2}, {"k", {"requests", r, "response"}}, {"v", {{{"value", "answer " + std::to_string(r)}}}}});
        }
        // A late edit of the first answer: only the whole session has it.
        write({{"kind", 1}, {"k", {"requests", 0, "response", 0, "value"}}, {"v", "answer 0, edited"}});
        file.close();
        QVERIFY(file.size() > ChatSessionFile::previewBytes);

        SessionCatalog catalog(home.environment());
        const auto all = catalog.providers().value();
        const QList<SessionRef> sessions = catalog.sessions(all, catalog.workspaces(all));
        const auto ref = SessionCatalog::resolveSession(sessions, u"copilot:cccc3333-4444-4555-8666-777788889999"_s);
        QVERIFY(ref.ok());
        QList<Session> previews;
        const auto whole = catalog.load(*ref, [&previews](Session&& beginning) { previews.append(beginning); });
        QVERIFY(whole.ok());
        QCOMPARE(whole->messages.size(), 2 * requests);
        QCOMPARE(whole->messages.at(1).content, u"answer 0, edited"_s);
        QCOMPARE(previews.size(), 1);
        const Session& beginning = previews.constFirst();
        QCOMPARE(beginning.id, whole->id);
        QVERIFY(beginning.messages.size() > 100);
        QVERIFY(beginning.messages.size() < whole->messages.size());
        QCOMPARE(beginning.messages.at(1).content, u"answer 0"_s);
        for (int i = 2; i < beginning.messages.size() - 2; ++i) {
            QCOMPARE(beginning.messages.at(i).content, whole->messages.at(i).content);
        }

        // Small sessions are read at once, without a preview.
        previews.clear();
        QVERIFY(
            catalog
                .load(
                    SessionCatalog::resolveSession(sessions, u"copilot:bbbb2222-3333-4444-8555-666677778888"_s).value(),
                    [&previews](Session&& beginning) { previews.append(beginning); })
                .ok());
        QVERIFY(previews.isEmpty());
    }
    // What the cache file gives back is what was listed, field for field (times in their own time spec,
    // warnings, errors), and a cache file cut short or of another version is ignored, not half read.
    void cachedListingIsTheListing()
    {
        test::FixtureHome home;
        const auto listing = [&home]() {
            SessionCatalog catalog(home.environment());
            const auto all = catalog.providers().value();
            return catalog.sessions(all, catalog.workspaces(all));
        };
        const auto same = [](const QList<SessionRef>& a, const QList<SessionRef>& b) {
            if (a.size() != b.size()) {
                return u"%1 sessions, then %2"_s.arg(a.size()).arg(b.size());
            }
            for (qsizetype i = 0; i < a.size(); ++i) {
                const SessionRef& x = a[i];
                const SessionRef& y = b[i];
                const bool equal =
                    x.id == y.id && x.provider == y.provider && x.editor == y.editor && x.nativeId == y.nativeId &&
                    x.title == y.title && x.workspaceId == y.workspaceId && x.workspace == y.workspace &&
                    x.projectPath == y.projectPath && x.workspaceName == y.workspaceName && x.path == y.path &&
                    x.format == y.format && x.createdAt == y.createdAt && x.updatedAt == y.updatedAt &&
                    x.createdAt.timeSpec() == y.createdAt.timeSpec() &&
                    x.updatedAt.timeSpec() == y.updatedAt.timeSpec() && x.messageCount == y.messageCount &&
                    x.sizeBytes == y.sizeBytes && x.fileModifiedMs == y.fileModifiedMs && x.error == y.error &&
                    x.warnings == y.warnings && x.described == y.described;
                if (!equal) {
                    return u"%1 differs"_s.arg(x.id);
                }
            }
            return QString();
        };
        const QString cacheFile = home.file(u".cache/chasm/sessions.cache"_s);
        const QList<SessionRef> read = listing();
        QVERIFY(std::any_of(read.cbegin(), read.cend(), [](const SessionRef& s) { return !s.warnings.isEmpty(); }));
        QVERIFY(std::any_of(read.cbegin(), read.cend(), [](const SessionRef& s) { return !s.error.isEmpty(); }));
        QVERIFY(QFileInfo::exists(cacheFile));
        const QString cachedDifference = same(read, listing());
        QVERIFY2(cachedDifference.isEmpty(), qPrintable(cachedDifference));

        // Cut short: ignored, and written whole again by the listing that read the files.
        QFile file(cacheFile);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 whole = file.size();
        QVERIFY(file.resize(whole / 2));
        file.close();
        const QString cutDifference = same(read, listing());
        QVERIFY2(cutDifference.isEmpty(), qPrintable(cutDifference));
        QCOMPARE(QFileInfo(cacheFile).size(), whole);
    }

    // The listing cache outlives its catalog (the CLI's next run, the app): a file whose size,
    // modification time and inode are those listed is not read again; any of them changing reads it.
    void listingCachePersists()
    {
        test::FixtureHome home;
        const QString log = home.file(u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/"
                                      "chatSessions/12121212-3434-4565-8787-909090909090.jsonl"_s);
        const QDateTime listedAt = QDateTime::currentDateTimeUtc().addDays(-1);
        const auto setTime = [&log](const QDateTime& time) {
            QFile file(log);
            return file.open(QIODevice::ReadWrite) && file.setFileTime(time, QFileDevice::FileModificationTime);
        };
        const auto titleNow = [&home]() {
            SessionCatalog catalog(home.environment());
            const auto all = catalog.providers().value();
            const QList<SessionRef> listed = catalog.sessions(all, catalog.workspaces(all));
            const auto found = std::find_if(listed.cbegin(), listed.cend(), [](const SessionRef& s) {
                return s.nativeId == u"12121212-3434-4565-8787-909090909090"_s;
            });
            return found == listed.cend() ? u"(not listed)"_s : found->title;
        };
        // Another title, written in place (the same inode; the same size when the title is as long).
        const auto retitle = [&log](const QByteArray& from, const QByteArray& to) {
            QFile file(log);
            if (!file.open(QIODevice::ReadWrite)) {
                return false;
            }
            QByteArray bytes = file.readAll();
            const qsizetype at = bytes.indexOf(from);
            if (at < 0) {
                return false;
            }
            bytes.replace(at, from.size(), to);
            return file.seek(0) && file.write(bytes) == bytes.size() && file.resize(bytes.size());
        };
        QVERIFY(setTime(listedAt));
        const QString title = titleNow();
        QVERIFY(QFileInfo::exists(home.file(u".cache/chasm/sessions.cache"_s)));
        QVERIFY(!title.isEmpty());
        const QByteArray original = title.left(6).toUtf8();
        QCOMPARE(original.size(), 6);

        QVERIFY(retitle(original, "Zzzzzz"));
        QVERIFY(setTime(listedAt));
        QCOMPARE(titleNow(), title); // not read again: the cache said what it held

        QVERIFY(setTime(listedAt.addSecs(1)));
        QVERIFY(titleNow().startsWith(u"Zzzzzz"_s)); // a new modification time

        QVERIFY(retitle("Zzzzzz", "Yyyyyy"));
        QVERIFY(setTime(listedAt.addSecs(1)));
        QVERIFY(QFile::rename(log, log + u".old"_s));
        QVERIFY(QFile::copy(log + u".old"_s, log)); // another inode, the same size and time
        QVERIFY(QFile::remove(log + u".old"_s));
        QVERIFY(setTime(listedAt.addSecs(1)));
        QVERIFY(titleNow().startsWith(u"Yyyyyy"_s));

        QVERIFY(retitle("Yyyyyy", "Xxxxxxx"));
        QVERIFY(setTime(listedAt.addSecs(1)));
        QVERIFY(titleNow().startsWith(u"Xxxxxxx"_s)); // a new size
    }

    // Claude Code transcripts and Codex rollouts are listed in outline (their messages counted, their tool calls
    // and assistants' text left out), VS Code logs from RequestIndex's first pass: for every provider, the
    // listing says what loading the session and describing it says, on the fixtures and on logs made to trip an
    // outline (one API message in two records, a repeated record, a subagent's, injected context, an interrupted
    // turn, a turn that starts with a tool call, a damaged line, a title given later, times out of order).
    void listingMatchesLoadForEveryProvider()
    {
        test::FixtureHome home({u"vscode"_s, u"claude-code"_s, u"codex"_s, u"gemini"_s, u"qwen"_s, u"continue"_s,
                                u"droid"_s, u"opencode"_s, u"aider"_s, u"cursor"_s});
        QVERIFY(home.isValid());
        const QByteArray common =
            "\"cwd\":\"/home/dev/projects/edge\",\"sessionId\":\"eeee1111-0000-4000-8000-000000000001\"";
        const QByteArray claudeLog =
            "{\"type\":\"queue-operation\",\"operation\":\"enqueue\",\"timestamp\":\"2026-03-01T10:00:00.000Z\"}\n"
            "{\"type\":\"user\",\"uuid\":\"u1\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:01.000Z\",\"message\":{\"role\":\"user\",\"content\":\"<system-reminder>"
            "x</system-reminder>\"}}"
            "\n{\"type\":\"user\",\"uuid\":\"u2\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:02.000Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":"
            "\"text\",\"text\":\"Fix the edge cases\"},{\"type\":\"image\"}]}}"
            "\n{\"type\":\"assistant\",\"uuid\":\"a1\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:04.000Z\",\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"model\":"
            "\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Reading.\"}]}}"
            "\n{\"type\":\"assistant\",\"uuid\":\"a2\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:03.000Z\",\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"content\":"
            "[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\",\"input\":{\"file_path\":\"/x\"}}]}}"
            "\n{\"type\":\"user\",\"uuid\":\"u3\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:05.000Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_"
            "result\",\"tool_use_id\":\"t1\",\"content\":\"text\"}]}}"
            "\n{\"type\":\"user\",\"uuid\":\"u3\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:05.000Z\",\"message\":{\"role\":\"user\",\"content\":\"repeated\"}}"
            "\n{\"type\":\"assistant\",\"uuid\":\"s1\",\"isSidechain\":true," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:06.000Z\",\"message\":{\"id\":\"m2\",\"role\":\"assistant\",\"content\":"
            "\"subagent\"}}"
            "\n{\"type\":\"user\",\"uuid\":\"u4\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:07.000+02:00\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":"
            "\"text\",\"text\":\"[Request interrupted by user]\"}]}}"
            "\n{not json\n"
            // Values an outline leaves out: nested, with a lone surrogate (the line read again, repaired), with an
            // invalid escape (a damaged line), under a key written with an escape.
            "{\"type\":\"user\",\"uuid\":\"u6\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:07.500Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":"
            "\"tool_result\",\"tool_use_id\":\"t1\",\"content\":[{\"type\":\"text\",\"text\":\"a \\\"b\\\"\\n\"}]}]},"
            "\"toolUseResult\":{\"stdout\":\"x\\ud800y\",\"lines\":[1,2.5,{\"z\":null}]}}"
            "\n{\"type\":\"user\",\"uuid\":\"u7\"," +
            common +
            ",\"toolUseResult\":\"bad \\q escape\",\"message\":{\"role\":\"user\",\"content\":\"lost\"}}"
            "\n{\"type\":\"user\",\"uuid\":\"u8\"," +
            common +
            ",\"timestamp\":\"2026-03-01T10:00:07.700Z\",\"tool\\u0055seResult\":{\"a\":[]},\"message\":{\"role\":"
            "\"user\",\"content\":\"Typed with \\\"quotes\\\" and \\u00e9\"}}"
            "\n{\"type\":\"custom-title\",\"customTitle\":\"Edge cases\"}"
            "\n{\"type\":\"user\",\"uuid\":\"u5\"," +
            common +
            ",\"isMeta\":true,\"timestamp\":\"2026-03-01T10:00:08.000Z\",\"message\":{\"role\":\"user\",\"content\":"
            "\"meta\"}}"
            "\n";
        QVERIFY(test::writeFile(
            home.file(u".claude/projects/-home-dev-projects-edge/eeee1111-0000-4000-8000-000000000001.jsonl"_s),
            claudeLog));
        const QByteArray codexLog =
            "{\"timestamp\":\"2026-03-01T10:00:01.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"eeee2222-0000-"
            "4000-8000-000000000002\",\"timestamp\":\"2026-03-01T09:59:00.000Z\",\"cwd\":\"/home/dev/projects/edge\"}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:02.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_"
            "call\",\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c0\"}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:03.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
            "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<environment_context>x</"
            "environment_context>\"}]}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:04.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
            "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Run the tests\"}]}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:09.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
            "\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"rules\"}]}}"
            "\n{damaged\n"
            "{\"timestamp\":\"2026-03-01T10:00:04.500Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
            "\"reasoning\","
            "\"encrypted_content\":\"tab\tinside\"}}\n"
            "{\"timestamp\":\"2026-03-01T10:00:04.600Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
            "\"reasoning\","
            "\"summary\":[{\"type\":\"summary_text\",\"text\":\"\\udc00\"}],\"encrypted_content\":\"e\"}}\n"
            "{\"timestamp\":\"2026-03-01T10:00:05.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_"
            "call\",\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c1\"}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:06.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_"
            "call_output\",\"call_id\":\"c1\",\"output\":\"{\\\"output\\\":\\\"ok\\\",\\\"metadata\\\":{\\\"exit_"
            "code\\\":1}}\"}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:07.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
            "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Done\"}]}}"
            "\n"
            "{\"timestamp\":\"2026-03-01T10:00:08.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"turn_aborted\"}"
            "}"
            "\n";
        QVERIFY(test::writeFile(
            home.file(
                u".codex/sessions/2026/03/01/rollout-2026-03-01T10-00-00-eeee2222-0000-4000-8000-000000000002.jsonl"_s),
            codexLog));
        SessionCatalog catalog(home.environment());
        const auto all = catalog.providers().value();
        const QList<SessionRef> listed = catalog.sessions(all, catalog.workspaces(all));
        QSet<QString> providers;
        // The providers that keep one file per session; Cursor and OpenCode list theirs from their databases.
        const QStringList filed = {u"copilot"_s, u"claude-code"_s, u"codex"_s, u"gemini"_s,
                                   u"qwen"_s,    u"continue"_s,    u"droid"_s, u"aider"_s};
        for (const SessionRef& ref : listed) {
            if (!ref.error.isEmpty() || !filed.contains(ref.provider)) {
                continue;
            }
            providers.insert(ref.provider);
            const auto session = catalog.load(ref);
            QVERIFY2(session, qPrintable(ref.id));
            SessionRef loaded = ref;
            describe(loaded, *session);
            const QString what = ref.id + u" ("_s + ref.path + u')';
            QVERIFY2(ref.id == loaded.id && ref.nativeId == loaded.nativeId, qPrintable(what));
            QVERIFY2(ref.title == loaded.title, qPrintable(what + u": "_s + ref.title + u" / "_s + loaded.title));
            QVERIFY2(ref.messageCount == loaded.messageCount,
                     qPrintable(what + u": %1 / %2 messages"_s.arg(ref.messageCount).arg(loaded.messageCount)));
            QVERIFY2(ref.createdAt == loaded.createdAt && ref.createdAt.timeSpec() == loaded.createdAt.timeSpec(),
                     qPrintable(what));
            QVERIFY2(ref.updatedAt == loaded.updatedAt && ref.updatedAt.timeSpec() == loaded.updatedAt.timeSpec(),
                     qPrintable(what));
            QVERIFY2(ref.projectPath == loaded.projectPath, qPrintable(what));
            QVERIFY2(ref.warnings == loaded.warnings, qPrintable(what));
        }
        for (const QString& provider : filed) {
            QVERIFY2(providers.contains(provider), qPrintable(provider));
        }
        const auto edge = [&listed](const QString& nativeId) {
            return *std::find_if(listed.cbegin(), listed.cend(),
                                 [&nativeId](const SessionRef& s) { return s.nativeId == nativeId; });
        };
        const SessionRef claude = edge(u"eeee1111-0000-4000-8000-000000000001"_s);
        QCOMPARE(claude.title, u"Edge cases"_s);
        QCOMPARE(claude.messageCount, 3); // two typed questions and the one answer in two records
        QCOMPARE(claude.warnings.size(), 2);
        const SessionRef codex = edge(u"eeee2222-0000-4000-8000-000000000002"_s);
        QCOMPARE(codex.title, u"Run the tests"_s);
        QCOMPARE(codex.messageCount, 4); // a call's turn, the question, a call's turn, the answer
        QCOMPARE(codex.warnings.size(), 2);
        QCOMPARE(codex.createdAt, chasm::utcDateTime(QDate(2026, 3, 1), QTime(9, 59)));
        QCOMPARE(codex.updatedAt, chasm::utcDateTime(QDate(2026, 3, 1), QTime(10, 0, 9)));
    }

    // A log is listed from the first pass of its RequestIndex (its requests reduced to what the header
    // takes): the listing still says what loading the session says, however later lines changed its requests.
    void outlineListingMatchesLoad()
    {
        test::FixtureHome home;
        const QString log = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"
                                      "chatSessions/cccc3333-4444-4555-8666-777788889999.jsonl"_s);
        const std::string spaces(3000, ' ');
        const std::string longText(5000, 'w');
        std::string text = "{\"kind\":0,\"v\":{\"version\":3,\"creationDate\":1767225600000,\"requests\":[]}}"
                           "\n";
        for (int r = 0; r < 3; ++r) {
            text += "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"r" + std::to_string(r) +
                    "\",\"timestamp\":" + std::to_string(1767225600000 + r * 1000) + ",\"message\":{\"text\":\"" +
                    (r == 1 ? spaces + "the first words of a long prompt " + longText : std::string()) +
                    "\"},\"response\":[{\"value\":\"" + longText +
                    "\"}]}]}"
                    "\n";
        }
        text += "{\"kind\":1,\"k\":[\"requests\",0,\"response\",0,\"value\"],\"v\":\"short\"}"
                "\n"
                "{\"kind\":1,\"k\":[\"requests\",2],\"v\":\"not a request any more\"}"
                "\n";
        QVERIFY(test::writeFile(log, QByteArray::fromStdString(text)));

        SessionCatalog catalog(home.environment());
        const auto all = catalog.providers().value();
        const QList<SessionRef> listed = catalog.sessions(all, catalog.workspaces(all));
        const auto found = std::find_if(listed.cbegin(), listed.cend(), [](const SessionRef& s) {
            return s.nativeId == u"cccc3333-4444-4555-8666-777788889999"_s;
        });
        QVERIFY(found != listed.cend());
        QVERIFY2(found->error.isEmpty(), qPrintable(found->error));
        const auto session = catalog.load(*found);
        QVERIFY(session);
        SessionRef loaded = *found;
        describe(loaded, *session);
        QVERIFY(loaded.title.startsWith(u"the first words of a long prompt"_s));
        QCOMPARE(found->title, loaded.title);
        QCOMPARE(found->messageCount, 4);
        QCOMPARE(found->messageCount, loaded.messageCount);
        QCOMPARE(found->createdAt, loaded.createdAt);
        QCOMPARE(found->updatedAt, loaded.updatedAt);
        QCOMPARE(found->warnings, loaded.warnings);
    }

    // A log an editor appends to is listed again from where the last listing stopped reading it (a checkpoint kept
    // beside the listing cache, for logs of a megabyte or more), and says what a listing from its start says.
    void aGrownLogIsListedAsFromItsStart()
    {
        test::FixtureHome home;
        const QString log = home.file(u".config/Code/User/workspaceStorage/5d41402abc4b2a76b9719d911017c592/"
                                      "chatSessions/eeee1234-5678-4abc-8def-0123456789ab.jsonl"_s);
        const std::string answer(3000, 'a');
        const auto push = [&answer](int r, const std::string& prompt) {
            return "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"r" + std::to_string(r) +
                   "\",\"timestamp\":" + std::to_string(1767225600000 + r * 1000) + ",\"message\":{\"text\":\"" +
                   prompt + "\"},\"response\":[{\"value\":\"" + answer + "\"}]}]}\n";
        };
        std::string text = "{\"kind\":0,\"v\":{\"version\":3,\"creationDate\":1767225600000,\"requests\":[]}}\n";
        for (int r = 0; r < 400; ++r) {
            text += push(r, "prompt " + std::to_string(r));
        }
        QVERIFY(text.size() > std::size_t(1 << 20));
        QVERIFY(test::writeFile(log, QByteArray::fromStdString(text)));
        const auto listed = [&home]() {
            SessionCatalog catalog(home.environment());
            const auto all = catalog.providers().value();
            const QList<SessionRef> refs = catalog.sessions(all, catalog.workspaces(all));
            const auto found = std::find_if(refs.cbegin(), refs.cend(), [](const SessionRef& s) {
                return s.nativeId == u"eeee1234-5678-4abc-8def-0123456789ab"_s;
            });
            return found == refs.cend() ? SessionRef() : *found;
        };
        const QString checkpoint =
            home.file(u".cache/chasm/logs/"_s +
                      QString::fromLatin1(QCryptographicHash::hash(log.toUtf8(), QCryptographicHash::Sha1).toHex()));
        const SessionRef first = listed();
        QCOMPARE(first.messageCount, 800);
        const QByteArray firstCheckpoint = test::readAll(checkpoint);
        QVERIFY(!firstCheckpoint.isEmpty());

        // Appended to in place, as VS Code does: a request, and a title set on the session. Read from the
        // checkpoint, which is kept as it was: the log grew by less than it holds.
        const auto append = [&log](const std::string& bytes, int seconds) {
            QFile file(log);
            return file.open(QIODevice::Append) &&
                   file.write(QByteArray::fromStdString(bytes)) == qint64(bytes.size()) &&
                   file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(seconds),
                                    QFileDevice::FileModificationTime);
        };
        QVERIFY(append(
            push(400, "the newest prompt") + "{\"kind\":1,\"k\":[\"customTitle\"],\"v\":\"Grown while listed\"}\n", 5));
        const SessionRef grown = listed();
        QCOMPARE(grown.title, u"Grown while listed"_s);
        QCOMPARE(grown.messageCount, 802);
        QCOMPARE(test::readAll(checkpoint), firstCheckpoint);

        // Grown by more than the checkpoint holds: a new one, made from the old one and the lines after it.
        std::string more;
        for (int r = 401; r < 801; ++r) {
            more += push(r, "prompt " + std::to_string(r));
        }
        QVERIFY(more.size() > std::size_t(firstCheckpoint.size()));
        QVERIFY(append(more, 10));
        const SessionRef grownMore = listed();
        QCOMPARE(grownMore.messageCount, 1602);
        const QByteArray grownCheckpoint = test::readAll(checkpoint);
        QVERIFY(!grownCheckpoint.isEmpty());
        QVERIFY(grownCheckpoint != firstCheckpoint);

        // The same as a listing with nothing kept, to the checkpoint's last byte. The checkpoint of a log the cache
        // has no entry for goes (its cache was removed, not its checkpoint); a file of another name stays.
        QVERIFY(QDir(home.file(u".cache/chasm"_s)).removeRecursively());
        const QString stray = home.file(u".cache/chasm/logs/"_s + QString(u"0123456789"_s).repeated(4));
        const QString foreign = home.file(u".cache/chasm/logs/notes.txt"_s);
        QVERIFY(test::writeFile(stray, firstCheckpoint));
        QVERIFY(test::writeFile(foreign, "not a checkpoint"));
        const SessionRef cold = listed();
        QVERIFY(!QFileInfo::exists(stray));
        QVERIFY(QFileInfo::exists(foreign));
        QCOMPARE(grownMore.title, cold.title);
        QCOMPARE(grownMore.messageCount, cold.messageCount);
        QCOMPARE(grownMore.createdAt, cold.createdAt);
        QCOMPARE(grownMore.updatedAt, cold.updatedAt);
        QCOMPARE(grownMore.warnings, cold.warnings);
        QCOMPARE(grownMore.sizeBytes, cold.sizeBytes);
        QCOMPARE(test::readAll(checkpoint), grownCheckpoint);

        // Gone with its log, when the cache is next written (here for another log that changed).
        QVERIFY(QFile::remove(log));
        QFile other(home.file(u".config/Code/User/workspaceStorage/7b8b965ad4bca0e41ab51de7b31363a1/"
                              "chatSessions/12121212-3434-4565-8787-909090909090.jsonl"_s));
        QVERIFY(other.open(QIODevice::ReadWrite));
        QVERIFY(other.setFileTime(QDateTime::currentDateTimeUtc().addSecs(10), QFileDevice::FileModificationTime));
        other.close();
        QCOMPARE(listed().nativeId, QString());
        QVERIFY(!QFileInfo::exists(checkpoint));
    }
};

QTEST_GUILESS_MAIN(TestSessionCatalog)
#include "TestSessionCatalog.moc"
