#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "vscode/ChatSessionFile.h"

#include <QStandardPaths>
#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestSessionCatalog)
#include "TestSessionCatalog.moc"
