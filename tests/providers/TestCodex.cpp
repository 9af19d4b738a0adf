// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "model/SessionSink.h"
#include "providers/ProviderRegistry.h"
#include "providers/SessionCatalog.h"
#include "providers/codex/CodexProvider.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

const Provider& codex()
{
    return *ProviderRegistry::standard().find(u"codex"_s);
}

// A rollout of `turns` turns, several batches of messages long, with what changes a message after its record: outputs
// that come many turns after their call (or never, or for a call whose id comes again, or wrapped as older versions
// wrote them), turns that start with a call (which makes their assistant message), calls added to an answer, aborted
// turns, model changes and token counts; `oldest` writes the records without payloads, as the oldest rollouts did.
QByteArray longRollout(int turns, bool oldest = false)
{
    QByteArray log = oldest ? QByteArray("{\"id\":\"5973b6c0-94b8-487b-a530-2aeb6098ae0e\",\"timestamp\":"
                                         "\"2025-05-10T08:00:00.000Z\",\"instructions\":\"Be brief.\"}\n")
                            : QByteArray("{\"timestamp\":\"2026-02-03T10:00:00.000Z\",\"type\":\"session_meta\","
                                         "\"payload\":{\"id\":\"0199cccc-1111-7222-8333-444455556666\",\"timestamp\":"
                                         "\"2026-02-03T10:00:00.000Z\",\"cwd\":\"/home/dev/projects/api\"}}\n");
    const auto record = [&log, oldest](const QByteArray& type, const QByteArray& payload) {
        if (oldest) {
            if (type == "response_item") {
                log += payload + "\n";
            }
            return;
        }
        log += "{\"timestamp\":\"2026-02-03T10:00:01.000Z\",\"type\":\"" + type + "\",\"payload\":" + payload + "}\n";
    };
    const auto message = [](const QByteArray& role, const QByteArray& text) -> QByteArray {
        return "{\"type\":\"message\",\"role\":\"" + role + "\",\"content\":[{\"type\":\"" +
               (role == "assistant" ? "output_text" : "input_text") + "\",\"text\":\"" + text + "\"}]}";
    };
    QList<QByteArray> deferred;
    for (int t = 0; t < turns; ++t) {
        const QByteArray n = QByteArray::number(t);
        if (t % 9 == 0) {
            record("turn_context", "{\"model\":\"gpt-5." + QByteArray::number(t % 4) + "-codex\"}");
        }
        record("response_item", message("user", "Question " + n));
        if (t % 10 == 4) {
            record("response_item", message("user", "<environment_context>cwd " + n + "</environment_context>"));
        }
        if (t % 3 != 1) { // else the turn starts with a call
            record("response_item", message("assistant", "Answer " + n));
        }
        const QByteArray call = t % 17 == 5 ? QByteArray("call_again") : QByteArray("call_" + n);
        record("response_item", "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":"
                                "\\\"ls " +
                                    n + "\\\"}\",\"call_id\":\"" + call + "\"}");
        if (t % 5 == 2) { // a second call in the same answer
            record("response_item", "{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\",\"input\":\"patch " + n +
                                        "\",\"call_id\":\"patch_" + n + "\"}");
            record("response_item", "{\"type\":\"custom_tool_call_output\",\"call_id\":\"patch_" + n +
                                        "\",\"output\":\"Success " + n + "\"}");
        }
        const QByteArray output =
            t % 8 == 6 ? QByteArray("{\\\"output\\\":\\\"wrapped " + n + "\\\",\\\"metadata\\\":{\\\"exit_code\\\":1}}")
                       : QByteArray("Output " + n);
        const QByteArray result =
            "{\"type\":\"function_call_output\",\"call_id\":\"" + call + "\",\"output\":\"" + output + "\"}";
        if (t % 7 == 3) {
            deferred << result;
        } else if (t % 23 != 9) { // else never answered
            record("response_item", result);
        }
        if (t % 40 == 39) {
            for (const QByteArray& late : std::as_const(deferred)) {
                record("response_item", late);
            }
            deferred.clear();
        }
        record("response_item", "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAA\"}");
        if (t % 11 == 4) {
            record("event_msg", "{\"type\":\"turn_aborted\",\"reason\":\"interrupted\"}");
        } else {
            record("response_item", message("assistant", "Done " + n));
        }
        record("event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"total_tokens\":" +
                                QByteArray::number(100 * (t + 1)) + "}}}");
    }
    for (const QByteArray& late : std::as_const(deferred)) {
        record("response_item", late);
    }
    return log;
}

} // namespace

class TestCodex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
    }

    void rollout()
    {
        const auto s = CodexProvider::readRollout(m_home.file(
            u".codex/sessions/2026/02/03/rollout-2026-02-03T10-00-00-0199aaaa-1111-7222-8333-444455556666.jsonl"_s));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->nativeId, u"0199aaaa-1111-7222-8333-444455556666"_s);
        QCOMPARE(s->projectPath, u"/home/dev/projects/api"_s);
        QCOMPARE(s->title, u"Why do the tests hang?"_s);
        // Injected developer/environment/abort notices are system; the event_msg copy of the prompt is
        // not a second user message.
        QCOMPARE(test::roles(*s), (QStringList{u"system"_s, u"system"_s, u"user"_s, u"assistant"_s, u"assistant"_s,
                                               u"user"_s, u"assistant"_s, u"system"_s}));
        const Message& look = s->messages.at(3);
        QCOMPARE(look.content, u"Let me look at the test setup."_s);
        QCOMPARE(look.model, u"gpt-5.1-codex"_s);
        QCOMPARE(look.toolCalls.size(), 2);
        QCOMPARE(look.toolCalls.at(0).name, u"shell"_s);
        QCOMPARE(look.toolCalls.at(0).input, uR"({"command":["bash","-lc","npm test"]})"_s);
        QCOMPARE(look.toolCalls.at(0).output, u"Error: connect ECONNREFUSED 127.0.0.1:5432"_s);
        QCOMPARE(look.toolCalls.at(0).status, u"error"_s); // exit code 1
        QCOMPARE(look.toolCalls.at(1).name, u"apply_patch"_s);
        QCOMPARE(look.toolCalls.at(1).output, u"Success. Updated test/setup.ts"_s);
        QCOMPARE(look.toolCalls.at(1).status, u"completed"_s);
        QCOMPARE(s->messages.at(4).content, u"The tests need Postgres; I made setup start it."_s);

        // The second turn was interrupted while its tool call ran.
        const Message& aborted = s->messages.at(6);
        QCOMPARE(aborted.status, u"cancelled"_s);
        QCOMPARE(aborted.toolCalls.at(0).status, u"pending"_s);

        QCOMPARE(s->totalTokens, std::optional<qint64>(9800));
        QCOMPARE(s->model, u"gpt-5.1-codex"_s);
        QCOMPARE(s->createdAt, QDateTime::fromString(u"2026-02-03T10:00:00.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(s->warnings.size(), 1); // the cut-off last line
    }

    void oldestLayout()
    {
        const auto s = CodexProvider::readRollout(m_home.file(
            u".codex/archived_sessions/rollout-2025-05-10T08-00-00-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->nativeId, u"5973b6c0-94b8-487b-a530-2aeb6098ae0e"_s);
        QCOMPARE(test::roles(*s), (QStringList{u"user"_s, u"assistant"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(1).toolCalls.at(0).output, u"src/a.rs:3: foo"_s);
        QCOMPARE(s->messages.at(1).toolCalls.at(0).status, u"completed"_s);
        QCOMPARE(s->createdAt, QDateTime::fromString(u"2025-05-10T08:00:00.000Z"_s, Qt::ISODateWithMs));
    }

    void listing()
    {
        SessionCatalog catalog(m_home.environment());
        const auto providers = catalog.providers(u"codex-cli"_s);
        QVERIFY(providers.ok());
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 2); // sessions/ and archived_sessions/
        const QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3);
        const auto empty = SessionCatalog::resolveSession(sessions, u"codex:0199bbbb"_s);
        QVERIFY(empty.ok());
        QCOMPARE(empty->messageCount, 0);
        QCOMPARE(empty->title, u"Untitled"_s);
        QCOMPARE(empty->projectPath, u"/home/dev/projects/api"_s);
    }

    // A rollout read in parts (show, export, the harvest: a batch of messages at a time, each handed on as soon as no
    // later record can change it) is what a whole read makes of it; and so is one opened for a viewer.
    void aReadInPartsIsTheWholeRead_data()
    {
        QTest::addColumn<QByteArray>("log");
        QDirIterator files(m_home.file(u".codex"_s), {u"*.jsonl"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << test::readAll(path);
        }
        // Shifted by a message or more, a batch ends after each kind of record in turn.
        for (int shift = 0; shift < 5; ++shift) {
            QByteArray shifted = longRollout(0);
            for (int n = 0; n < shift; ++n) {
                shifted +=
                    "{\"timestamp\":\"2026-02-03T09:00:00.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
                    "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Before\"}]}}\n";
            }
            QByteArray log = longRollout(400);
            QTest::addRow("long, shifted by %d", shift) << shifted + log.mid(log.indexOf('\n') + 1);
        }
        QTest::newRow("long, the oldest layout") << longRollout(300, true);
        QByteArray damaged = longRollout(300);
        damaged.insert(damaged.indexOf("\n", damaged.size() / 2) + 1, "{\"timestamp\":\n");
        QTest::newRow("long, a damaged line, the last cut off") << damaged + "{\"timestamp\":\"2026-02-03T1";
    }

    void aReadInPartsIsTheWholeRead()
    {
        QFETCH(QByteArray, log);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"rollout-2026-02-03T10-00-00-0199cccc-1111-7222-8333-444455556666.jsonl"_s);
        QVERIFY(test::writeFile(path, log));
        const SessionRef ref = test::fileSession(codex(), path);
        const QString whole = test::wholeRead(codex(), ref);
        QVERIFY2(!whole.startsWith(u"ERROR"_s), qPrintable(whole));
        QCOMPARE(test::readInParts(codex(), ref), whole);
        // Opened for a viewer, it is read again a block at a time (each with the model in use where it starts): what
        // it reads, in any order, is what a whole read makes of it.
        QCOMPARE(test::openedRead(codex(), ref), test::wholeReadWithoutFiles(codex(), ref));
    }

    // What a read in parts holds at once: a long rollout is handed on in batches, none much larger than a batch (an
    // output waits at most 40 turns here).
    void aLongRolloutIsHandedOnInBatches()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"rollout-2026-02-03T10-00-00-0199cccc-1111-7222-8333-444455556666.jsonl"_s);
        QVERIFY(test::writeFile(path, longRollout(400)));
        struct Batches final : SessionSink
        {
            std::optional<Error> begin(const Session&, int) override { return {}; }
            std::optional<Error> add(QList<Message>&& batch) override
            {
                sizes << batch.size();
                return {};
            }
            std::optional<Error> end(const QStringList&) override { return {}; }
            QList<qsizetype> sizes;
        } batches;
        QVERIFY(!codex().read(test::fileSession(codex(), path), batches));
        QVERIFY2(batches.sizes.size() >= 4, qPrintable(QString::number(batches.sizes.size())));
        QVERIFY(*std::max_element(batches.sizes.begin(), batches.sizes.end()) <= 2 * SessionSink::batchMessages);
    }

    // A rollout that only grew since it was last listed is read from where that listing stopped (its checkpoint, kept
    // for a rollout of a megabyte or more) and listed as a listing with nothing kept lists it: grown a line, a few, by
    // more than the checkpoint holds, and cut in a line Codex is still writing. Another rollout put in its place is
    // read from its start.
    void aGrownRolloutIsListedAsFromItsStart()
    {
        test::FixtureHome home(u"codex"_s);
        const QString path = home.file(
            u".codex/sessions/2026/02/03/rollout-2026-02-03T12-00-00-0199eeee-1111-7222-8333-444455556666.jsonl"_s);
        // Each output 3 KB: about 2.9 MB for 800 turns.
        QByteArray full = longRollout(800).replace("Output ", QByteArray(QByteArray(3000, 'o') + " "));
        full.insert(full.indexOf('\n', 1'000'000) + 1, "{\"timestamp\":\n"); // a damaged line: its warning stays
        const qint64 first = 1'600'000;
        QVERIFY(full.size() > first + 100'000);
        QList<qint64> cuts{first};
        for (qint64 cut = first + 1; cut < full.size(); cut += 7919) { // most in a line
            cuts << cut;
        }
        cuts << first + 40'000 << full.size();
        std::sort(cuts.begin(), cuts.end());
        const QString grown = test::listedAsGrown(home, u"codex"_s, path, full, cuts, first / 2);
        QVERIFY2(grown.isEmpty(), qPrintable(grown));
        const auto listed = [&home, &path] {
            SessionCatalog catalog(home.environment());
            const auto providers = catalog.providers(u"codex"_s).value();
            for (const SessionRef& ref : catalog.sessions(providers, catalog.workspaces(providers))) {
                if (ref.path == path) {
                    return ref;
                }
            }
            return SessionRef();
        };
        for (const int turns : {700, 900}) {
            const QString other = home.file(u"other.jsonl"_s);
            QVERIFY(
                test::writeFile(other, longRollout(turns).replace("Output ", QByteArray(QByteArray(3000, 'p') + " "))));
            QVERIFY(QFile::remove(path) && QFile::rename(other, path));
            const auto whole = CodexProvider::readRollout(path);
            QCOMPARE(listed().messageCount, whole->conversationMessageCount());
        }
    }

    void codexHomeOverride()
    {
        const Environment environment = Environment::fromVariables(
            {{u"HOME"_s, u"/nonexistent"_s}, {u"CODEX_HOME"_s, m_home.file(u".codex"_s)}}, Platform::Linux);
        SessionCatalog catalog(environment);
        const auto providers = catalog.providers(u"codex"_s);
        QCOMPARE(catalog.sessions(*providers, catalog.workspaces(*providers)).size(), 3);
    }

private:
    test::FixtureHome m_home{u"codex"_s};
};

QTEST_GUILESS_MAIN(TestCodex)
#include "TestCodex.moc"
