// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "model/SessionJsonWriter.h"
#include "model/SessionMessages.h"
#include "model/SessionSink.h"
#include "providers/ProviderRegistry.h"
#include "providers/SessionCatalog.h"
#include "providers/claudecode/ClaudeCodeProvider.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const QString folder = u".claude/projects/-home-dev-projects-web-app/"_s;

const Provider& claudeCode()
{
    return *ProviderRegistry::standard().find(u"claude-code"_s);
}

// A transcript of `turns` turns, several batches of messages long, with what changes a message after its record:
// results that come many turns after their call (or never, or for a call whose id comes again), interruptions that
// mark the answer before them cancelled, API messages written as several records, resumed copies of records and
// subagents' records, and its title last.
QByteArray longTranscript(int turns)
{
    QByteArray log;
    const auto record = [&log](const QByteArray& fields) {
        log += "{" + fields + ",\"cwd\":\"/home/dev/projects/web app\",\"timestamp\":\"2026-03-01T10:00:00.000Z\"}\n";
    };
    const auto user = [](const QByteArray& uuid, const QByteArray& content) -> QByteArray {
        return "\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"message\":{\"role\":\"user\",\"content\":" + content +
               "}";
    };
    QList<QByteArray> deferred;
    for (int t = 0; t < turns; ++t) {
        const QByteArray n = QByteArray::number(t);
        record(user("u" + n, "\"Question " + n + "\""));
        if (t % 13 == 6) {
            record(user("u" + n, "\"Question " + n + "\"")); // a resumed copy
        }
        const QByteArray assistant = "\"type\":\"assistant\",\"message\":{\"id\":\"m" + n +
                                     "\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"usage\":{"
                                     "\"input_tokens\":10,\"output_tokens\":" +
                                     n + "},\"content\":";
        record(assistant + "[{\"type\":\"text\",\"text\":\"Answer " + n + "\"}]},\"uuid\":\"a" + n + "\"");
        const QByteArray call = t % 17 == 5 ? QByteArray("toolu_again") : QByteArray("toolu_" + n);
        record(assistant + "[{\"type\":\"tool_use\",\"id\":\"" + call +
               "\",\"name\":\"Read\",\"input\":{\"file_path\":\"/p/f" + QByteArray::number(t % 50) +
               "\"}}]},\"uuid\":\"b" + n + "\"");
        const QByteArray result = user("r" + n, "[{\"type\":\"tool_result\",\"tool_use_id\":\"" + call +
                                                    "\",\"content\":\"Output " + n + "\"}]");
        if (t % 7 == 3) {
            deferred << result;
        } else if (t % 23 != 9) { // else never answered
            record(result);
        }
        if (t % 40 == 39) {
            for (const QByteArray& late : std::as_const(deferred)) {
                record(late);
            }
            deferred.clear();
        }
        if (t % 11 == 4) {
            record(user("i" + n, "[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]"));
        }
        if (t % 19 == 2) {
            record("\"isSidechain\":true," + user("s" + n, "\"A subagent's question\""));
        }
    }
    for (const QByteArray& late : std::as_const(deferred)) {
        record(late);
    }
    log += "{\"type\":\"summary\",\"summary\":\"A long transcript\"}\n";
    return log;
}

// The session of `log` written as a transcript in `dir`; one without a path when it cannot be written.
SessionRef transcriptIn(const QTemporaryDir& dir, const QByteArray& log)
{
    const QString path = dir.filePath(u"55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s);
    return test::writeFile(path, log) ? test::fileSession(claudeCode(), path) : SessionRef();
}

} // namespace

class TestClaudeCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void toolCalls()
    {
        const auto s =
            ClaudeCodeProvider::readTranscript(m_home.file(folder + u"11111111-aaaa-4bbb-8ccc-000000000001.jsonl"_s));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->nativeId, u"11111111-aaaa-4bbb-8ccc-000000000001"_s);
        QCOMPARE(s->projectPath, u"/home/dev/projects/web app"_s);
        QCOMPARE(s->title, u"Why does the build fail?"_s);
        QCOMPARE(test::roles(*s),
                 (QStringList{u"user"_s, u"assistant"_s, u"assistant"_s, u"system"_s, u"assistant"_s}));
        QCOMPARE(s->conversationMessageCount(), 4);

        // Thinking, text and tool_use records of one API message are one assistant turn.
        const Message& first = s->messages.at(1);
        QCOMPARE(first.content, u"Let me run the build."_s);
        QCOMPARE(first.model, u"claude-sonnet-4-5"_s);
        QCOMPARE(first.toolCalls.size(), 1);
        QCOMPARE(first.toolCalls.at(0).id, u"toolu_01"_s);
        QCOMPARE(first.toolCalls.at(0).name, u"Bash"_s);
        QCOMPARE(first.toolCalls.at(0).input, uR"({"command":"npm run build","description":"Build"})"_s);
        QCOMPARE(first.toolCalls.at(0).output, u"error TS2304: Cannot find name 'fetch'."_s);
        QCOMPARE(first.toolCalls.at(0).status, u"error"_s);

        const ToolCall& read = s->messages.at(2).toolCalls.at(0);
        QCOMPARE(read.output, uR"({"compilerOptions":{"lib":["es2019"]}})"_s);
        QCOMPARE(read.status, u"completed"_s);
        QVERIFY(s->messages.at(3).content.startsWith(u"<system-reminder>"_s));
        QCOMPARE(s->messages.at(4).content, u"Add \"dom\" to `lib` in tsconfig.json."_s);

        QCOMPARE(s->createdAt, QDateTime::fromString(u"2026-03-01T10:00:00.100Z"_s, Qt::ISODateWithMs));
        QCOMPARE(s->updatedAt, QDateTime::fromString(u"2026-03-01T10:00:12.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(s->totalTokens, std::optional<qint64>(3 * (100 + 20 + 50)));
        QCOMPARE(s->filesReferenced, QStringList{u"/home/dev/projects/web app/tsconfig.json"_s});
        QVERIFY(s->warnings.isEmpty());
    }

    // A summary title, an image, a resumed copy of earlier records, a subagent record, an interrupted
    // turn, an API error and a truncated last line.
    void damagedAndOlderShapes()
    {
        const auto s =
            ClaudeCodeProvider::readTranscript(m_home.file(folder + u"22222222-aaaa-4bbb-8ccc-000000000002.jsonl"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->title, u"Flaky login test"_s);
        QCOMPARE(test::roles(*s),
                 (QStringList{u"user"_s, u"assistant"_s, u"user"_s, u"assistant"_s, u"system"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(0).content, u"The login test is flaky.\n\n[image]"_s);
        QCOMPARE(s->messages.at(1).content, u"It waits on a fixed timeout."_s);
        QCOMPARE(s->messages.at(1).model, u"claude-opus-4-1"_s);
        QCOMPARE(s->messages.at(3).status, u"cancelled"_s);
        QCOMPARE(s->messages.at(4).content, u"[Request interrupted by user]"_s);
        const Message& failed = s->messages.at(5);
        QCOMPARE(failed.status, u"failed"_s);
        QCOMPARE(failed.error, u"API Error: 529 Overloaded"_s);
        QVERIFY(failed.model.isEmpty());
        QCOMPARE(s->model, u"claude-sonnet-4-5"_s); // the last turn that named a model
        QCOMPARE(s->warnings.size(), 1);
        QVERIFY2(s->warnings.at(0).contains(u"line 10"_s) && s->warnings.at(0).contains(u"incomplete"_s),
                 qPrintable(s->warnings.at(0)));
    }

    // Files named by tool calls are referenced once each, in the order first named.
    void eachFileReferencedOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray log;
        const QList<std::pair<const char*, const char*>> calls = {{"file_path", "/p/a.ts"},
                                                                  {"file_path", "/p/b.ts"},
                                                                  {"file_path", "/p/a.ts"},
                                                                  {"notebook_path", "/p/c.ipynb"},
                                                                  {"path", "/p/b.ts"}};
        for (qsizetype n = 0; n < calls.size(); ++n) {
            const QString record =
                u"{\"type\":\"assistant\",\"uuid\":\"u%1\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                "\"message\":{\"id\":\"msg_%1\",\"role\":\"assistant\",\"content\":[{\"type\":"
                "\"tool_use\",\"id\":\"toolu_%1\",\"name\":\"Read\",\"input\":{\"%2\":\"%3\"}}]}}\n"_s;
            log +=
                record.arg(n).arg(QLatin1StringView(calls.at(n).first), QLatin1StringView(calls.at(n).second)).toUtf8();
        }
        const QString path = dir.filePath(u"44444444-aaaa-4bbb-8ccc-000000000004.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(log) == log.size());
        file.close();
        const auto s = ClaudeCodeProvider::readTranscript(path);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->messages.size(), calls.size());
        QCOMPARE(s->filesReferenced, (QStringList{u"/p/a.ts"_s, u"/p/b.ts"_s, u"/p/c.ipynb"_s}));
    }

    // A transcript read in parts (show, export, the harvest: a batch of messages at a time, each handed on as soon as
    // no later record can change it) is what a whole read makes of it.
    void aReadInPartsIsTheWholeRead_data()
    {
        QTest::addColumn<QByteArray>("log");
        for (const QString& name : QDir(m_home.file(folder)).entryList({u"*.jsonl"_s}, QDir::Files, QDir::Name)) {
            QTest::newRow(qPrintable(name)) << test::readAll(m_home.file(folder + name));
        }
        // Shifted by a message or more, a batch ends after each kind of record in turn: one that a later record goes
        // on (the answer's text before its tool call) or marks (an answer an interruption follows) among them.
        for (int shift = 0; shift < 5; ++shift) {
            QByteArray shifted;
            for (int n = 0; n < shift; ++n) {
                shifted += "{\"type\":\"user\",\"uuid\":\"first" + QByteArray::number(n) +
                           "\",\"timestamp\":\"2026-03-01T09:00:00.000Z\",\"message\":{\"role\":\"user\",\"content\":"
                           "\"Before\"}}\n";
            }
            QTest::addRow("long, shifted by %d", shift) << shifted + longTranscript(400);
            // Without tool calls nothing holds a batch back but the last answer.
            QTest::addRow("answers in two records, interrupted, shifted by %d", shift)
                << shifted + longTranscript(300).replace("\"tool_use\"", "\"text\"");
        }
        QByteArray damaged = longTranscript(300);
        damaged.insert(damaged.indexOf("\n", damaged.size() / 2) + 1, "{\"type\":\"user\",\"uuid\":\n");
        QTest::newRow("long, a damaged line, the last cut off") << damaged + "{\"type\":\"assistant\",\"mess";
        // Records written again far from where they were first (the copies are left out), among others.
        const QByteArray twice = longTranscript(300);
        QTest::newRow("records repeated far from their first")
            << twice + twice.left(twice.indexOf("\n", 4000) + 1) +
                   longTranscript(40).replace("\"uuid\":\"", "\"uuid\":\"x").replace("toolu_", "toolx_") +
                   twice.mid(twice.indexOf("\n", 100000) + 1, 3000).chopped(1) + '\n' +
                   longTranscript(10).replace("\"uuid\":\"", "\"uuid\":\"y").replace("toolu_", "tooly_");
        QTest::newRow("only an answer waiting for its result")
            << longTranscript(1)
                   .replace("Output 0", "late")
                   .left(longTranscript(1).indexOf("{\"type\":\"user\",\"uuid\":\"r0"));
    }

    void aReadInPartsIsTheWholeRead()
    {
        QFETCH(QByteArray, log);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s);
        QVERIFY(test::writeFile(path, log));
        const SessionRef ref = test::fileSession(claudeCode(), path);
        const QString whole = test::wholeRead(claudeCode(), ref);
        QVERIFY2(!whole.startsWith(u"ERROR"_s), qPrintable(whole));
        QCOMPARE(test::readInParts(claudeCode(), ref), whole);
        // Opened for a viewer (Provider::open, as the app opens a huge one), it is read again a block at a time as its
        // messages are asked for: what it reads, in any order, is what a whole read makes of it.
        const QString withoutFiles = test::wholeReadWithoutFiles(claudeCode(), ref);
        QCOMPARE(test::openedRead(claudeCode(), ref), withoutFiles);
    }

    // What a read in parts holds at once: a long transcript is handed on in batches, the first before the file is
    // read to its end, none much larger than a batch (a result waits at most 40 turns here).
    void aLongTranscriptIsHandedOnInBatches()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s);
        QVERIFY(test::writeFile(path, longTranscript(400)));
        struct Batches final : SessionSink
        {
            std::optional<Error> begin(const Session&, int conversation) override
            {
                messages = conversation;
                return {};
            }
            std::optional<Error> add(QList<Message>&& batch) override
            {
                sizes << batch.size();
                return {};
            }
            std::optional<Error> end(const QStringList&) override { return {}; }
            int messages = 0;
            QList<qsizetype> sizes;
        } batches;
        QVERIFY(!claudeCode().read(test::fileSession(claudeCode(), path), batches));
        QVERIFY2(batches.sizes.size() >= 4, qPrintable(QString::number(batches.sizes.size())));
        QVERIFY(*std::max_element(batches.sizes.begin(), batches.sizes.end()) <= 2 * SessionSink::batchMessages);
        QCOMPARE(batches.messages, 800); // a question and an answer each turn
    }

    // Records written while a transcript is read in parts (Claude Code appends to it as the session goes on) wait for
    // the next read: the session handed on is the file as the first pass found it. A file put in its place is not
    // read.
    void aTranscriptChangedWhileReadIsReadAsItWas()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"55555555-aaaa-4bbb-8ccc-000000000005.jsonl"_s);
        const QByteArray log = longTranscript(100);
        QVERIFY(test::writeFile(path, log));
        const SessionRef ref = test::fileSession(claudeCode(), path);
        const QString before = test::wholeRead(claudeCode(), ref);
        // The sink's begin() comes between the two passes over the file.
        struct Changing final : SessionSink
        {
            std::function<bool()> change;
            SessionJsonWriter writer{[this](std::string_view part) {
                text += part;
                return std::optional<Error>();
            }};
            std::string text;
            std::optional<Error> begin(const Session& header, int conversation) override
            {
                if (!change()) {
                    return Error{u"cannot change the file"_s};
                }
                return writer.begin(header, conversation);
            }
            std::optional<Error> add(QList<Message>&& batch) override { return writer.add(std::move(batch)); }
            std::optional<Error> end(const QStringList& files) override { return writer.end(files); }
        };
        Changing grown;
        grown.change = [&path] {
            QFile file(path);
            return file.open(QIODevice::Append) &&
                   file.write(longTranscript(3).replace("\"uuid\":\"", "\"uuid\":\"later-")) > 0;
        };
        QVERIFY(!claudeCode().read(ref, grown));
        QCOMPARE(QString::fromStdString(grown.text), before);
        QVERIFY(test::wholeRead(claudeCode(), ref) != before);

        QVERIFY(test::writeFile(path, log));
        Changing replaced;
        replaced.change = [&path, &dir] {
            const QString other = dir.filePath(u"other.jsonl"_s);
            return test::writeFile(other, longTranscript(2)) && ::rename(qPrintable(other), qPrintable(path)) == 0;
        };
        QVERIFY(!claudeCode().read(ref, replaced));
        QCOMPARE(QString::fromStdString(replaced.text), before);
    }

    // What a viewer's read of a long transcript holds and reads: its first megabytes are shown before the rest is
    // read; a message asked for reads its block, not the file; the blocks read last are at hand without a read
    // (cached(), which the GUI thread asks), the others not.
    void anOpenedTranscriptReadsABlockAtATime()
    {
        QTemporaryDir dir;
        const SessionRef ref = transcriptIn(dir, longTranscript(12000));
        const qint64 size = QFileInfo(ref.path).size();
        QVERIFY2(size > 6 << 20, qPrintable(QString::number(size)));
        const auto whole = claudeCode().load(ref);
        QVERIFY(whole);

        QList<Message> beginning;
        const auto opened = claudeCode().open(
            ref, [&beginning](Session&& partial) { beginning = partial.messages; }, 0);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        const SessionMessages& session = **opened;
        QVERIFY2(beginning.size() > 100 && beginning.size() < whole->messages.size() / 2,
                 qPrintable(QString::number(beginning.size())));
        QCOMPARE(beginning.constFirst().content, whole->messages.constFirst().content);
        QCOMPARE(beginning.at(100).content, whole->messages.at(100).content);

        QCOMPARE(session.count(), int(whole->messages.size()));
        QCOMPARE(session.header().title, u"A long transcript"_s);
        QVERIFY(!session.cached(0, 1));
        const int middle = session.count() / 2;
        const qint64 before = test::bytesRead();
        const auto read = session.messages(middle, middle + 3);
        const qint64 spent = test::bytesRead() - before;
        QVERIFY(read);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(read->at(i).content, whole->messages.at(middle + i).content);
            QCOMPARE(read->at(i).toolCalls.size(), whole->messages.at(middle + i).toolCalls.size());
        }
        QVERIFY2(spent > 0 && spent < size / 16, qPrintable(u"%1 of %2 bytes read"_s.arg(spent).arg(size)));
        QVERIFY(session.cached(middle, middle + 3));
        QVERIFY(!session.cached(0, 1));
        QVERIFY(!session.cached(session.count() - 1, session.count()));
    }

    // What is appended to a transcript after it was opened waits for the next open, and a file put in its place is not
    // read; one written again in place gives an error that says so, never other messages. An open no longer wanted
    // stops.
    void anOpenedTranscriptChanged()
    {
        QTemporaryDir dir;
        const QByteArray log = longTranscript(300);
        const SessionRef ref = transcriptIn(dir, log);
        const QString path = ref.path;
        QVERIFY(!path.isEmpty());
        const auto whole = claudeCode().load(ref);
        QVERIFY(whole);
        const auto opened = claudeCode().open(ref, {}, 0);
        QVERIFY(opened);
        const SessionMessages& session = **opened;
        const int last = session.count() - 1;

        QFile appended(path);
        QVERIFY(appended.open(QIODevice::Append));
        QVERIFY(appended.write(longTranscript(3).replace("\"uuid\":\"", "\"uuid\":\"later-")) > 0);
        appended.close();
        QCOMPARE(session.message(last).content, whole->messages.constLast().content);

        const QString other = dir.filePath(u"other.jsonl"_s);
        QVERIFY(test::writeFile(other, longTranscript(2)));
        QVERIFY(::rename(qPrintable(other), qPrintable(path)) == 0);
        QCOMPARE(session.message(0).content, whole->messages.constFirst().content);

        const auto again = claudeCode().open(ref, {}, 0);
        QVERIFY(again);
        QFile inPlace(path);
        QVERIFY(inPlace.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(inPlace.write(QByteArray(log).replace("Answer", "Reply!")) > 0);
        inPlace.close();
        const auto read = (*again)->messages(0, 1);
        QVERIFY(!read);
        QCOMPARE(read.error().message,
                 u"cannot read %1: it was written again since it was opened; open it again"_s.arg(path));

        int asked = 0;
        const auto stopped = claudeCode().open(ref, {}, 0, [&asked] { return ++asked > 3; });
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().message, u"reading %1 was cancelled"_s.arg(path));
    }

    // A transcript that only grew since it was last listed is read from where that listing stopped (its checkpoint,
    // kept for a transcript of a megabyte or more) and listed as a listing with nothing kept lists it: grown a line, a
    // few, by more than the checkpoint holds, and cut in a line Claude Code is still writing.
    void aGrownTranscriptIsListedAsFromItsStart()
    {
        test::FixtureHome home(u"claude-code"_s);
        const QString path = home.file(folder + u"66666666-aaaa-4bbb-8ccc-000000000006.jsonl"_s);
        // Each result 3 KB: about 2.6 MB for 800 turns.
        QByteArray full = longTranscript(800).replace("\"Output ", QByteArray("\"" + QByteArray(3000, 'o') + " "));
        // A damaged line early on: its warning stays.
        full.insert(full.indexOf('\n', 1'000'000) + 1, "{\"type\":\"user\",\"uuid\":\n");
        const qint64 first = 1'600'000;
        QVERIFY(full.size() > first + 100'000);
        const auto listed = [&home, &path] {
            SessionCatalog catalog(home.environment());
            const auto providers = catalog.providers(u"claude-code"_s).value();
            for (const SessionRef& ref : catalog.sessions(providers, catalog.workspaces(providers))) {
                if (ref.path == path) {
                    return ref;
                }
            }
            return SessionRef();
        };
        const QString checkpoint =
            home.file(u".cache/chasm/logs/"_s +
                      QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex()));
        // Written up to each cut in turn, appended to as Claude Code appends: the listing is the whole read's.
        QList<qint64> cuts{first};
        for (qint64 cut = first + 1; cut < full.size(); cut += 7919) { // most in a line
            cuts << cut;
        }
        cuts << first + 40'000 << full.size();
        // Right after each record a resumed copy of it follows: the copy is still known for one.
        for (qsizetype end = full.indexOf('\n', first); end >= 0 && end + 1 < full.size();
             end = full.indexOf('\n', end + 1)) {
            const qsizetype start = full.lastIndexOf('\n', end - 1) + 1;
            const QByteArrayView line = QByteArrayView(full).sliced(start, end + 1 - start);
            if (QByteArrayView(full).sliced(end + 1).startsWith(line)) {
                cuts << end + 1;
            }
        }
        std::sort(cuts.begin(), cuts.end());
        const QString grown = test::listedAsGrown(home, u"claude-code"_s, path, full, cuts, first / 2);
        QVERIFY2(grown.isEmpty(), qPrintable(grown));
        QVERIFY(QFileInfo::exists(checkpoint));
        QVERIFY(listed().title == u"A long transcript"_s);

        // Another transcript put in its place, shorter or longer: read from its start.
        for (const int turns : {700, 900}) {
            const QString other = home.file(u"other.jsonl"_s);
            QVERIFY(test::writeFile(
                other, longTranscript(turns).replace("\"Output ", QByteArray("\"" + QByteArray(3000, 'p') + " "))));
            QVERIFY(QFile::remove(path) && QFile::rename(other, path));
            const auto whole = ClaudeCodeProvider::readTranscript(path);
            QCOMPARE(listed().messageCount, whole->conversationMessageCount());
        }
    }

    void emptySession()
    {
        const auto s =
            ClaudeCodeProvider::readTranscript(m_home.file(folder + u"33333333-aaaa-4bbb-8ccc-000000000003.jsonl"_s));
        QVERIFY(s.ok());
        QVERIFY(s->messages.isEmpty());
        QCOMPARE(s->title, u"Untitled"_s);
        QCOMPARE(s->nativeId, u"33333333-aaaa-4bbb-8ccc-000000000003"_s);
    }

    void listing()
    {
        SessionCatalog catalog(m_home.environment());
        const auto providers = catalog.providers(u"claude"_s);
        QVERIFY(providers.ok());
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 1);
        QCOMPARE(workspaces.at(0).projectPath, u"/home/dev/projects/web app"_s); // from cwd, not the folder name
        QCOMPARE(workspaces.at(0).displayName(), u"web app"_s);
        QCOMPARE(workspaces.at(0).sessionCount, 3); // the subagent transcript is not a session
        QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3);
        for (const SessionRef& s : sessions) {
            QCOMPARE(s.provider, u"claude-code"_s);
            QVERIFY(s.id.startsWith(u"claude-code:"_s + s.nativeId.left(8)));
            QVERIFY(s.error.isEmpty());
        }
        const auto loaded = catalog.load(SessionCatalog::resolveSession(sessions, u"claude-code:1111"_s).value());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->id, u"claude-code:11111111-aaaa-4bbb-8ccc-000000000001"_s);
    }

    void configDirOverride()
    {
        QTemporaryDir other;
        QVERIFY(QDir().rename(m_home.file(u".claude"_s), other.filePath(u"claude-config"_s)));
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, m_home.path()}, {u"CLAUDE_CONFIG_DIR"_s, other.filePath(u"claude-config"_s)}},
            Platform::Linux);
        SessionCatalog catalog(environment);
        const auto providers = catalog.providers(u"claude-code"_s);
        QCOMPARE(catalog.sessions(*providers, catalog.workspaces(*providers)).size(), 3);
        QVERIFY(QDir().rename(other.filePath(u"claude-config"_s), m_home.file(u".claude"_s)));
    }

private:
    test::FixtureHome m_home{u"claude-code"_s};
};

QTEST_GUILESS_MAIN(TestClaudeCode)
#include "TestClaudeCode.moc"
