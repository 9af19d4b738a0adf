// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "model/PipelinedSink.h"
#include "model/SessionJsonWriter.h"

#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <new>
#include <string>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

Session sessionOf(int messages)
{
    Session session;
    session.id = u"codex:p1"_s;
    session.provider = u"codex"_s;
    session.nativeId = u"p1"_s;
    session.title = u"pipelined"_s;
    for (int n = 0; n < messages; ++n) {
        session.messages.append(
            {n % 2 ? Role::Assistant : Role::User, u"message %1 ünïcode"_s.arg(n), {}, {}, {}, {}, {}, {}, {}});
    }
    session.filesReferenced = {u"/src/a.cpp"_s};
    return session;
}

// Writes the session's JSON, noting the threads it ran on; fails (or throws) at a given batch.
class RecordingSink final : public SessionSink
{
public:
    std::optional<Error> begin(const Session& header, int conversationMessages) override
    {
        threads.insert(QThread::currentThread());
        return json.begin(header, conversationMessages);
    }
    std::optional<Error> add(QList<Message>&& messages) override
    {
        threads.insert(QThread::currentThread());
        if (++batches == failAt) {
            if (throwing) {
                throw std::bad_alloc();
            }
            return Error{u"disk full at batch %1"_s.arg(batches)};
        }
        return json.add(std::move(messages));
    }
    std::optional<Error> end(const QStringList& filesReferenced) override
    {
        threads.insert(QThread::currentThread());
        ended = true;
        return json.end(filesReferenced);
    }

    std::string text;
    SessionJsonWriter json{[this](std::string_view part) {
        text += part;
        return std::optional<Error>();
    }};
    QSet<QThread*> threads;
    int batches = 0;
    int failAt = -1;
    bool throwing = false;
    bool ended = false;
};

} // namespace

// PipelinedSink hands a session on, from another thread, exactly as the reader gave it; a failure of the sink it
// feeds stops the reader at its next call.
class TestPipelinedSink : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void handsEverythingOnInOrder()
    {
        const Session session = sessionOf(3000); // a dozen batches, more than the two that may wait
        RecordingSink direct;
        QVERIFY(!SessionSink::feed(session, direct));
        RecordingSink through;
        {
            PipelinedSink pipeline(through);
            QVERIFY(!SessionSink::feed(session, pipeline));
            // end() returned: everything was handed on.
            QVERIFY(through.ended);
        }
        QCOMPARE(through.batches, direct.batches);
        QVERIFY(through.text == direct.text);
        QCOMPARE(through.threads.size(), 1);
        QVERIFY(!through.threads.contains(QThread::currentThread()));
    }

    void anErrorStopsTheReader()
    {
        RecordingSink sink;
        sink.failAt = 2;
        PipelinedSink pipeline(sink);
        const auto error = SessionSink::feed(sessionOf(3000), pipeline);
        QVERIFY(error);
        QCOMPARE(error->message, u"disk full at batch 2"_s);
        QCOMPARE(sink.batches, 2); // nothing was handed on after the failure
        QVERIFY(!sink.ended);
        // The failure stays: a reader that goes on is told again, and the sink gets nothing more.
        for (const auto& again : {pipeline.add(sessionOf(10).messages), pipeline.end({})}) {
            QVERIFY(again);
            QCOMPARE(again->message, u"disk full at batch 2"_s);
        }
        QCOMPARE(sink.batches, 2);
        QVERIFY(!sink.ended);
    }

    void anExceptionComesOut()
    {
        RecordingSink sink;
        sink.failAt = 1;
        sink.throwing = true;
        PipelinedSink pipeline(sink);
        bool thrown = false;
        try {
            SessionSink::feed(sessionOf(3000), pipeline);
        } catch (const std::bad_alloc&) {
            thrown = true;
        }
        QVERIFY(thrown);
        QVERIFY(!sink.ended);
        // A reader that catches it and goes on gets it again at every call, and the sink, which missed a batch, gets
        // nothing more: no session ends with a part missing.
        int rethrown = 0;
        try {
            pipeline.add(sessionOf(10).messages);
        } catch (const std::bad_alloc&) {
            ++rethrown;
        }
        try {
            pipeline.end({});
        } catch (const std::bad_alloc&) {
            ++rethrown;
        }
        QCOMPARE(rethrown, 2);
        QCOMPARE(sink.batches, 1);
        QVERIFY(!sink.ended);
    }

    void droppedBeforeTheEnd()
    {
        // A reader that stops (its own error) destroys the pipeline before end(): what waits is dropped, nothing
        // hangs.
        RecordingSink sink;
        {
            PipelinedSink pipeline(sink);
            QVERIFY(!pipeline.begin(sessionOf(0), 0));
            QVERIFY(!pipeline.add(sessionOf(10).messages));
        }
        QVERIFY(!sink.ended);
        QVERIFY(sink.batches <= 1);
    }
};

QTEST_GUILESS_MAIN(TestPipelinedSink)
#include "TestPipelinedSink.moc"
