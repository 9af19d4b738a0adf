// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "json/Json.h"
#include "model/SessionMessages.h"
#include "model/SessionSink.h"
#include "providers/ProviderRegistry.h"
#include "providers/SessionCache.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/RequestIndex.h"

#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// JSON written with single quotes, for reading in the source.
QByteArray q(const char* text)
{
    return QByteArray(text).replace('\'', '"');
}

// A request as VS Code writes one, small: its prompt, an answer with a tool call, a file it was given, tokens.
QByteArray request(int n, const char* answer = "an answer")
{
    return QByteArray(q("{'requestId':'r")) + QByteArray::number(n) + q("','timestamp':") +
           QByteArray::number(1767225600000 + n * 60000) + q(",'modelId':'copilot/model-") + QByteArray::number(n % 2) +
           q("','message':{'text':'prompt ") + QByteArray::number(n) +
           q("','parts':[]},'variableData':{'variables':[{'kind':'file','value':{'fsPath':'/p/f") +
           QByteArray::number(n) +
           q(".cpp','scheme':'file'}}]},'response':[{'kind':'markdownContent','content':{'value':'") + answer +
           q("'}},{'kind':'toolInvocationSerialized','toolId':'run','toolCallId':'c") + QByteArray::number(n) +
           q("','invocationMessage':'running','isComplete':true}],'result':{'metadata':{'promptTokens':") +
           QByteArray::number(100 + n) + q(",'outputTokens':7,'toolCallRounds':[]}},'modelState':{'value':1}}");
}

// Request `n` asking `prompt` (JSON string text) instead of its short prompt.
QByteArray asking(int n, const QByteArray& prompt)
{
    const QByteArray from = q("'text':'prompt ") + QByteArray::number(n) + '"';
    const QByteArray to = "\"text\":\"" + prompt + "\"";
    QByteArray asked = request(n);
    return asked.contains(from) ? asked.replace(from, to) : QByteArray();
}

// A prompt longer than an outline keeps whole: lines of `word`, with runs of white space between them.
QByteArray longPrompt(const QByteArray& word)
{
    QByteArray prompt;
    for (int line = 0; line < 20; ++line) {
        prompt += QByteArray(word + ' ').repeated(6) + "\\n  \\t ";
    }
    return prompt;
}

QByteArray pushed(std::initializer_list<int> numbers)
{
    QByteArray items;
    for (const int n : numbers) {
        items += (items.isEmpty() ? "" : ",") + request(n);
    }
    return q("{'kind':2,'k':['requests'],'v':[") + items + "]}\n";
}

const QByteArray initial =
    q("{'kind':0,'v':{'version':3,'creationDate':1767225600000,'sessionId':'s','requests':[]}}\n");

// A log of `count` requests, each pushed by a record of its own, as VS Code writes a session as it goes.
QByteArray pushedOneByOne(int count)
{
    QByteArray log = initial;
    for (int n = 0; n < count; ++n) {
        log += pushed({n});
    }
    return log;
}

const Provider& copilot()
{
    return *ProviderRegistry::standard().find(u"copilot"_s);
}

// What a read in parts hands on: whether it began the session, and the error it ended with.
class SeenSink final : public SessionSink
{
public:
    std::optional<Error> begin(const Session&, int) override
    {
        begun = true;
        return std::nullopt;
    }
    std::optional<Error> add(QList<Message>&&) override { return std::nullopt; }
    std::optional<Error> end(const QStringList&) override { return std::nullopt; }
    bool begun = false;
};

bool write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QString serialized(const boost::json::value& value)
{
    return QString::fromStdString(json::serialize(value));
}

QString serialized(const Result<std::vector<boost::json::value>>& made)
{
    return made ? serialized(boost::json::array(made->begin(), made->end())) : u"ERROR: "_s + made.error().message;
}

// The requests a whole replay of `path` holds.
QString replayed(const QString& path)
{
    const auto contents = ChatSessionFile::read(path);
    return contents ? serialized(json::arrayAt(contents->tree, "requests")) : u"ERROR: "_s + contents.error().message;
}

} // namespace

// A VS Code log read a few requests at a time is what a whole replay makes of it, whatever later records did to
// earlier requests.
class TestRequestIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sameAsWholeReplay_data()
    {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<int>("requests");

        QTest::newRow("one push per request") << initial + pushed({0}) + pushed({1}) + pushed({2}) + pushed({3}) << 4;
        QTest::newRow("a set into an earlier request's response, result and model")
            << initial + pushed({0, 1, 2}) + pushed({3}) + pushed({4}) +
                   q("{'kind':1,'k':['requests',3,'response'],'v':[{'kind':'markdownContent','content':{'value':'"
                     "rewritten'}}]}\n") +
                   q("{'kind':1,'k':['requests',3,'result'],'v':{'metadata':{'promptTokens':1000,"
                     "'outputTokens':1}}}\n") +
                   q("{'kind':1,'k':['requests','1','modelId'],'v':'copilot/other'}\n") +
                   q("{'kind':1,'k':['requests',1,'message','text'],'v':'edited prompt'}\n")
            << 5;
        QTest::newRow("a push with a start index cuts the requests, and one into a response")
            << initial + pushed({0, 1, 2, 3, 4}) + q("{'kind':2,'k':['requests'],'i':2,'v':[") + request(9) + "]}\n" +
                   q("{'kind':2,'k':['requests',2,'response'],'i':1,'v':[{'kind':'markdownContent','content':{'value':'"
                     "more'}}]}\n") +
                   pushed({10})
            << 4;
        QTest::newRow("deletes, sets of a whole request, holes")
            << initial + pushed({0, 1, 2}) + q("{'kind':3,'k':['requests',1]}\n") +
                   q("{'kind':1,'k':['requests',0],'v':") + request(7, "replaced") + "}\n" +
                   q("{'kind':1,'k':['requests',5],'v':") + request(8) + "}\n" +
                   q("{'kind':1,'k':['requests',2,'response',0,'content','value'],'v':'after the set'}\n") +
                   q("{'kind':3,'k':['requests',2,'result','metadata']}\n")
            << 6;
        QTest::newRow("requests in the initial state, edited, then more pushed")
            << QByteArray(q("{'kind':0,'v':{'version':3,'customTitle':'Named','requests':[")) + request(0) + "," +
                   request(1) + "]}}\n" +
                   q("{'kind':1,'k':['requests',0,'message'],'v':{'text':'a new prompt','parts':[]}}\n") + pushed({2})
            << 3;
        QTest::newRow("a second initial state starts over")
            << initial + pushed({0, 1}) + q("{'kind':0,'v':{'version':3,'requests':[") + request(5) + "]}}\n" +
                   pushed({6})
            << 2;
        QTest::newRow("the requests set whole")
            << initial + pushed({0, 1}) + q("{'kind':1,'k':['requests'],'v':[") + request(3) + "]}\n" + pushed({4})
            << 2;
        QTest::newRow("records run together, a damaged last line")
            << initial + pushed({0}).chopped(1) + pushed({1}) + q("{'kind':1,'k':['requests',0,'respo") << 2;
        QTest::newRow("a lone surrogate")
            << initial + pushed({0}) + q("{'kind':1,'k':['requests',0,'message','text'],'v':'x\\ud800y'}\n") << 1;
        QTest::newRow("a lone surrogate in the initial state's requests")
            << QByteArray(q("{'kind':0,'v':{'version':3,'requests':[")) + request(0, "x\\udc00y") + "," + request(1) +
                   "]}}\n" + pushed({2})
            << 3;
        QTest::newRow("the initial state's requests under a repeated key, one escaped: the last counts")
            << QByteArray(q("{'kind':0,'v':{'requests':[")) + request(0) + q("],'version':3,'requ\\u0065sts':[") +
                   request(1) + "," + request(2) + "]}}\n"
            << 2;
        // An outline keeps a line of a long prompt, the line the title takes: the title is the whole prompt's.
        QTest::newRow("a long first prompt") << initial + q("{'kind':2,'k':['requests'],'v':[") +
                                                    asking(0, longPrompt("clockwork")) + "]}\n" + pushed({1})
                                             << 2;
        QTest::newRow("a long first prompt of white space only is still the first: untitled")
            << initial + q("{'kind':2,'k':['requests'],'v':[") + asking(0, QByteArray(" \\n\\t ").repeated(100)) + "," +
                   asking(1, longPrompt("second")) + "]}\n"
            << 2;
        QTest::newRow("long prompts of combined characters and emoji, cut between them")
            << initial + q("{'kind':2,'k':['requests'],'v':[") +
                   asking(0, longPrompt("e\\u0301\\ud83d\\udc4d\\ud83c\\udffd")) + "]}\n"
            << 1;
        QTest::newRow("long prompts set later, as a text and as a message that is a string")
            << initial + pushed({0, 1}) + q("{'kind':1,'k':['requests',0,'message','text'],'v':'") +
                   longPrompt("rewound") + "\"}\n" + q("{'kind':1,'k':['requests',0,'message'],'v':'") +
                   longPrompt("plain") + "\"}\n" + q("{'kind':1,'k':['requests',1,'message'],'v':{'text':'") +
                   longPrompt("object") + q("','parts':[]}}\n") + pushed({2})
            << 3;
        QTest::newRow("the long first prompt deleted: the next one's title")
            << initial + q("{'kind':2,'k':['requests'],'v':[") + asking(0, longPrompt("first")) + "," +
                   asking(1, longPrompt("next")) + "]}\n" + q("{'kind':3,'k':['requests',0,'message','text']}\n")
            << 2;
        // Where a string ends: at the first quote after an even number of backslashes.
        QTest::newRow("quotes and backslashes in strings, escaped and before their closing quote")
            << QByteArray(q("{'kind':0,'v':{'version':3,'requests':[")) + request(0, "a \\\"quoted\\\" answer") + "," +
                   request(1, "an answer ending in a backslash \\\\") + "]}}\n" +
                   q("{'kind':2,'k':['requests'],'v':[") + request(2, "\\\\\\\"three\\\\") + "," +
                   asking(3, "a \\\"quoted\\\" prompt \\\\") + "]}\n" + pushed({4})
            << 5;
        QTest::newRow("records written with spaces")
            << initial + q(" { 'kind' : 2 , 'k' : [ 'requests' ] , 'v' : [ ") + request(0) + " ,\t" + request(1) +
                   q(" ] } \n{ 'kind' : 1 , 'k' : [ 'requests' , 1 ] , 'v' : ") + request(2) + " }\n"
            << 2;
    }
    void sameAsWholeReplay()
    {
        QFETCH(QByteArray, log);
        QFETCH(int, requests);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"0123-session.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(log);
        file.close();

        auto contents = ChatSessionFile::read(path);
        QVERIFY2(contents, qPrintable(contents ? QString() : contents.error().message));
        const boost::json::array& replayed = json::arrayAt(contents->tree, "requests");
        QCOMPARE(int(replayed.size()), requests);
        auto index = RequestIndex::build(path);
        QVERIFY2(index, qPrintable(index ? QString() : index.error().message));
        QCOMPARE(index->requestCount(), replayed.size());
        QCOMPARE(index->warnings(), contents->warnings);
        // One at a time, and all at once.
        for (std::size_t r = 0; r < replayed.size(); ++r) {
            const auto made = index->requests(r, r + 1);
            QVERIFY2(made, qPrintable(made ? QString() : made.error().message));
            QCOMPARE(QString::fromStdString(json::serialize(made->at(0))),
                     QString::fromStdString(json::serialize(replayed[r])));
        }
        const auto all = index->requests(0, replayed.size());
        QVERIFY(all);
        QCOMPARE(QString::fromStdString(json::serialize(boost::json::array(all->begin(), all->end()))),
                 QString::fromStdString(json::serialize(replayed)));

        const Provider& provider = copilot();
        const SessionRef ref = test::fileSession(copilot(), path);
        const QString expected = test::wholeRead(provider, ref);
        QVERIFY(!expected.startsWith(u"ERROR"_s));
        QCOMPARE(test::readInParts(provider, ref), expected);
    }

    // A record below a request that cannot apply fails the read in parts as it fails the whole replay, though
    // only the second pass finds it.
    void sameErrorAsWholeReplay()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(initial + pushed({0, 1}) + q("{'kind':1,'k':['requests',1,'response',5,'value'],'v':'x'}\n"));
        file.close();
        const Provider& provider = copilot();
        const SessionRef ref = test::fileSession(copilot(), path);
        const QString expected = test::wholeRead(provider, ref);
        QCOMPARE(expected, u"ERROR: cannot read %1: line 3: no value at .requests[1].response[5].value"_s.arg(path));
        QCOMPARE(test::readInParts(provider, ref), expected);
    }

    // A record that cannot apply is found before the session is handed on, in whichever batch its request lies:
    // nothing of a damaged session is written (show --json prints no cut-off document, an export of several
    // sessions into one file leaves it out).
    void damageFoundBeforeAnythingIsHandedOn_data()
    {
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("damaged");
        QTest::newRow("in the first batch") << 3 << 1;
        QTest::newRow("in a later batch") << int(RequestIndex::batchRequests) * 2 + 10 << 200;
    }
    void damageFoundBeforeAnythingIsHandedOn()
    {
        QFETCH(int, requests);
        QFETCH(int, damaged);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        QByteArray log = initial;
        for (int r = 0; r < requests; ++r) {
            log += pushed({r});
        }
        log += q("{'kind':1,'k':['requests',") + QByteArray::number(damaged) + q(",'response',5,'value'],'v':'x'}\n");
        QVERIFY(write(path, log));
        const Provider& provider = copilot();
        const SessionRef ref = test::fileSession(copilot(), path);
        SeenSink sink;
        const std::optional<Error> error = provider.read(ref, sink);
        QVERIFY(error);
        QCOMPARE(error->message, u"cannot read %1: line %2: no value at .requests[%3].response[5].value"_s.arg(
                                     path, QString::number(requests + 2), QString::number(damaged)));
        QVERIFY(!sink.begun);
    }

    // The log stays open from the first pass to the last batch: a file put in its place meanwhile (as VS Code and
    // Chasm replace files) is not read, so the session is the one indexed, not a mix of two files.
    void aReplacedFileIsNotRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        QVERIFY(write(path, initial + pushed({0, 1})));
        const QString expected = replayed(path);
        auto index = RequestIndex::build(path);
        QVERIFY2(index, qPrintable(index ? QString() : index.error().message));
        const QString replacement = dir.filePath(u"new.jsonl"_s);
        QVERIFY(write(replacement, initial + q("{'kind':2,'k':['requests'],'v':[") + request(0, "AN ANSWER") + "," +
                                       request(1, "AN ANSWER") + "]}\n"));
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(replacement, path));
        QVERIFY(replayed(path) != expected);
        QCOMPARE(serialized(index->requests(0, 2)), expected);
    }

    // A log written again in place after it was indexed is not read as if it were the same: each record read again
    // is checked against what the first pass read.
    void aFileChangedInPlaceIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        QVERIFY(write(path, initial + pushed({0}) + pushed({1})));
        auto index = RequestIndex::build(path);
        QVERIFY(index);
        const QString first = serialized(index->requests(0, 1));
        QVERIFY(!first.startsWith(u"ERROR"_s));
        // The same length, the same shape, other words in the second request.
        QVERIFY(write(path, initial + pushed({0}) + q("{'kind':2,'k':['requests'],'v':[") + request(1, "AN ANSWER") +
                                "]}\n"));
        QCOMPARE(serialized(index->requests(0, 1)), first);
        QCOMPARE(serialized(index->requests(1, 2)),
                 u"ERROR: cannot read %1: it changed while it was read (line 3 is not what it was)"_s.arg(path));
    }

    // A compacted log holds its requests in one initial state: a batch reads only its own requests' bytes of it,
    // not the whole record (which would be read and parsed again for every batch).
    void aBatchReadsOnlyItsRequestsOfTheInitialState()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        QByteArray log =
            q("{'kind':0,'v':{'version':3,'requests':[") + request(0) + "," + request(1) + "," + request(2) + "]}}\n";
        QVERIFY(write(path, log));
        const auto contents = ChatSessionFile::read(path);
        QVERIFY(contents);
        const boost::json::array& requests = json::arrayAt(contents->tree, "requests");
        auto index = RequestIndex::build(path);
        QVERIFY(index);
        // Request 0's bytes no longer JSON, in place: the record as a whole would not parse.
        const qsizetype colon = log.indexOf(':', log.indexOf("requestId"));
        QVERIFY(write(path, log.replace(colon, 1, ";")));
        QCOMPARE(serialized(index->requests(1, 3)), serialized(boost::json::array{requests[1], requests[2]}));
        QCOMPARE(serialized(index->requests(0, 1)),
                 u"ERROR: cannot read %1: it changed while it was read (line 1 is not what it was)"_s.arg(path));
    }

    // A log opened for a viewer (Provider::open) holds the requests it converted last up to a number of bytes,
    // whatever their number: requests of megabytes each are not kept by the dozen. What it has at hand it gives
    // without reading (cached(), which the GUI thread asks); the rest is read when asked for, as a whole read makes it.
    void aHugeLogKeepsAFewMegabytesOfRequests()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"0b1e55ed-huge.jsonl"_s);
        constexpr int requests = 12;
        const QByteArray answer(3 << 20, 'x'); // 6 MiB as text: two fill the cache
        QByteArray log = initial;
        for (int n = 0; n < requests; ++n) {
            log += q("{'kind':2,'k':['requests'],'v':[") + request(n, answer.constData()) + "]}\n";
        }
        QVERIFY(write(path, log));
        const Provider& provider = copilot();
        const SessionRef ref = test::fileSession(copilot(), path);
        const auto loaded = provider.load(ref);
        QVERIFY(loaded);
        const auto opened = provider.open(ref, {}, 0);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        const SessionMessages& session = **opened;
        QCOMPARE(session.count(), int(loaded->messages.size()));
        QVERIFY(!session.cached(0, 1)); // nothing read yet
        for (int i = 0; i < session.count(); ++i) {
            const auto read = session.messages(i, i + 1);
            QVERIFY(read);
            QCOMPARE(read->at(0).content, loaded->messages.at(i).content);
            QCOMPARE(read->at(0).nativeIndex, loaded->messages.at(i).nativeIndex);
            const auto cached = session.cached(i, i + 1);
            QVERIFY(cached);
            QCOMPARE(cached->at(0).content, loaded->messages.at(i).content);
        }
        // The last request read is at hand, the first long gone: 16 MiB hold two such requests.
        QVERIFY(session.cached(session.count() - 1, session.count()));
        QVERIFY(!session.cached(0, 1));
        QVERIFY(!session.cached(session.count() - 8, session.count() - 7));
        // The Raw tab's record, from the log it has open.
        const auto record = session.nativeRecordOf(session.count() - 1);
        QVERIFY(record && *record);
        QCOMPARE(record->value(), provider.nativeRecord(ref, requests - 1).value());
        QVERIFY(record->value().contains(u"\"prompt %1\""_s.arg(requests - 1)));
        QCOMPARE(session.nativeRecordOf(session.count())->error().message,
                 u"%1 has no request %2 now (it has %2)"_s.arg(path).arg(requests));
    }

    // An open that is no longer wanted (the viewer went to another session) stops: in the first pass over the
    // log, in the check of its requests, and in the pass that counts its messages.
    void anOpenNoLongerWantedStops_data()
    {
        QTest::addColumn<int>("wantedFor");
        QTest::newRow("at once") << 0;
        QTest::newRow("in the first pass") << 100;
        // The first pass asks once a line (301), then the count once a batch of 128 requests.
        QTest::newRow("in the count") << 302;
    }
    void anOpenNoLongerWantedStops()
    {
        QFETCH(int, wantedFor);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"0b1e55ed-long.jsonl"_s);
        QByteArray log = pushedOneByOne(300);
        QVERIFY(write(path, log));
        int asked = 0;
        const auto cancelled = [&asked, wantedFor] { return ++asked > wantedFor; };
        const QString message = u"reading %1 was cancelled"_s;
        if (wantedFor <= 301) {
            const auto index = RequestIndex::build(path, cancelled);
            QVERIFY(!index);
            QCOMPARE(index.error().message, message.arg(path));
            QCOMPARE(asked, wantedFor + 1); // asked once a line, and not after it said stop
        }
        asked = 0;
        const auto opened = copilot().open(test::fileSession(copilot(), path), {}, 0, cancelled);
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.endsWith(u" was cancelled"_s), qPrintable(opened.error().message));
        QCOMPARE(asked, wantedFor + 1);
        QVERIFY(copilot().open(test::fileSession(copilot(), path), {}, 0, [] { return false; }));
    }

    // A log that only grew is read from where the last build stopped (its checkpoint), and the index is the one a
    // build from the log's start makes: cut after each of its lines, then grown to the whole log in place.
    void resumedIsTheWholeReplay_data() { sameAsWholeReplay_data(); }
    void resumedIsTheWholeReplay()
    {
        QFETCH(QByteArray, log);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"0123-session.jsonl"_s);
        QVERIFY(write(path, log));
        auto whole = RequestIndex::build(path);
        QVERIFY2(whole, qPrintable(whole ? QString() : whole.error().message));
        const QString expectedOutline = serialized(whole->outline());
        const QString expectedRequests = serialized(whole->requests(0, whole->requestCount()));
        QVERIFY(!expectedRequests.startsWith(u"ERROR"_s));
        qsizetype cut = 0;
        int resumed = 0;
        while ((cut = log.indexOf('\n', cut) + 1) > 0 && cut < log.size()) {
            QVERIFY(write(path, log.first(cut)));
            auto before = RequestIndex::build(path);
            if (!before) {
                continue; // a first line that is no log yet
            }
            const QByteArray checkpoint = before->checkpoint();
            QVERIFY(!checkpoint.isEmpty());
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            QCOMPARE(file.write(log.sliced(cut)), log.size() - cut);
            file.close();
            auto index = RequestIndex::build(path, {}, checkpoint);
            QVERIFY2(index, qPrintable(index ? QString() : index.error().message));
            QCOMPARE(index->resumedFrom(), cut);
            ++resumed;
            QCOMPARE(index->bytesRead(), log.size());
            QCOMPARE(serialized(index->outline()), expectedOutline);
            QCOMPARE(index->warnings(), whole->warnings());
            QCOMPARE(index->requestCount(), whole->requestCount());
            QCOMPARE(serialized(index->requests(0, index->requestCount())), expectedRequests);
            // And again from the checkpoint of the grown log, with nothing more: nothing is read again.
            auto again = RequestIndex::build(path, {}, index->checkpoint());
            if (log.endsWith('\n')) {
                QVERIFY(again);
                QCOMPARE(again->resumedFrom(), log.size());
                QCOMPARE(serialized(again->outline()), expectedOutline);
            } else {
                QVERIFY(index->checkpoint().isEmpty()); // its last line may not be whole yet
            }
        }
        QVERIFY(resumed > 0 || log.count('\n') <= 1);
    }

    // A checkpoint is taken up only for the log it was made of, grown and nothing else: otherwise the log is read
    // from its start, and the index is what a build without one makes.
    void aCheckpointThatDoesNotHoldIsIgnored_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("grown") << u"grown"_s;
        QTest::newRow("its first bytes written again") << u"head"_s;
        QTest::newRow("its last bytes read written again") << u"tail"_s;
        QTest::newRow("shorter") << u"shorter"_s;
        QTest::newRow("replaced by another file") << u"replaced"_s;
        QTest::newRow("a byte of the checkpoint changed") << u"checkpoint"_s;
        QTest::newRow("the checkpoint cut short") << u"cut"_s;
    }
    void aCheckpointThatDoesNotHoldIsIgnored()
    {
        QFETCH(QString, change);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        // Longer than the bytes checked at its start and at its end together (64 KiB each).
        QByteArray log = pushedOneByOne(1000);
        QVERIFY(log.size() > 3 * (64 << 10));
        QVERIFY(write(path, log));
        auto first = RequestIndex::build(path);
        QVERIFY(first);
        QByteArray checkpoint = first->checkpoint();
        QVERIFY(!checkpoint.isEmpty());
        const auto rewritten = [&](const QByteArray& from, const QByteArray& to, qsizetype at) {
            QVERIFY(log.indexOf(from, at) >= 0);
            log.replace(log.indexOf(from, at), from.size(), to); // same length
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite)); // in place: the same inode
            QCOMPARE(file.write(log), log.size());
        };
        const QByteArray more = pushed({1000});
        if (change == u"grown"_s) {
            rewritten(pushed({999}), pushed({999}), 0);
        } else if (change == u"head"_s) {
            rewritten("prompt 0", "PROMPT 0", 0);
        } else if (change == u"tail"_s) {
            rewritten("prompt 999", "PROMPT 999", 0);
        } else if (change == u"shorter"_s) {
            log.chop(pushed({999}).size());
            QVERIFY(write(path, log));
        } else if (change == u"replaced"_s) {
            QVERIFY(write(path + u".new"_s, log));
            QVERIFY(QFile::remove(path));
            QVERIFY(QFile::rename(path + u".new"_s, path));
        } else if (change == u"checkpoint"_s) {
            checkpoint[checkpoint.size() / 2] = char(checkpoint[checkpoint.size() / 2] ^ 1);
        } else {
            checkpoint.chop(1);
        }
        if (change != u"shorter"_s) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            file.write(more);
            log += more;
        }
        auto index = RequestIndex::build(path, {}, checkpoint);
        QVERIFY(index);
        QCOMPARE(index->resumedFrom() > 0, change == u"grown"_s);
        auto fresh = RequestIndex::build(path);
        QVERIFY(fresh);
        QCOMPARE(serialized(index->outline()), serialized(fresh->outline()));
        QCOMPARE(serialized(index->requests(0, index->requestCount())),
                 serialized(fresh->requests(0, fresh->requestCount())));
        QCOMPARE(serialized(fresh->requests(0, fresh->requestCount())), replayed(path));
    }

    // What a listing kept of a log (its checkpoint, in the listing's cache) serves the log's reads too: a log that
    // only grew is read in parts, and opened, from there, and gives what a whole read gives. And they go on from
    // there: a request written again in place since, which a read from the start takes as it is now, is reported as
    // changed.
    void readsGoOnFromTheListingsCheckpoint()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"0123-grown.jsonl"_s);
        QByteArray log = pushedOneByOne(1000);
        QVERIFY(write(path, log));
        SessionCache cache;
        {
            const auto index = RequestIndex::build(path);
            QVERIFY(index);
            cache.keepCheckpoint(path, index->checkpoint());
        }
        QVERIFY(!cache.checkpoint(path).isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        QCOMPARE(file.write(pushed({1000, 1001})), pushed({1000, 1001}).size());
        file.close();

        const Provider& provider = copilot();
        const SessionRef ref = test::fileSession(copilot(), path);
        const QString expected = test::wholeRead(provider, ref);
        QVERIFY(!expected.startsWith(u"ERROR"_s));
        QCOMPARE(test::readInParts(provider, ref, &cache), expected);
        const auto loaded = provider.load(ref);
        QVERIFY(loaded);
        const auto contents = [&](const SessionCache* checkpoints) -> Result<QStringList> {
            const auto opened = provider.open(ref, {}, 0, {}, checkpoints);
            if (!opened) {
                return opened.error();
            }
            const auto messages = (*opened)->messages(0, (*opened)->count());
            if (!messages) {
                return messages.error();
            }
            QStringList texts;
            for (const Message& message : *messages) {
                texts << message.content;
            }
            return texts;
        };
        QStringList loadedTexts;
        for (const Message& message : loaded->messages) {
            loadedTexts << message.content;
        }
        const auto opened = contents(&cache);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(*opened, loadedTexts);

        // Request 500's prompt written again in place, in the middle of what the checkpoint covers.
        const QByteArray prompt = "prompt 500\"";
        QVERIFY(log.indexOf(prompt) > 0);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(log.indexOf(prompt)));
        QCOMPARE(file.write("PROMPT 500\""), prompt.size());
        file.close();
        const QString now = test::wholeRead(provider, ref);
        QVERIFY(now.contains(u"PROMPT 500"_s));
        QCOMPARE(test::readInParts(provider, ref), now);
        const QString changed = u"cannot read %1: it changed while it was read"_s.arg(path);
        QVERIFY2(test::readInParts(provider, ref, &cache).startsWith(u"ERROR: "_s + changed),
                 qPrintable(test::readInParts(provider, ref, &cache)));
        const auto reopened = contents(&cache);
        QVERIFY(!reopened);
        QVERIFY2(reopened.error().message.startsWith(changed), qPrintable(reopened.error().message));
        QVERIFY(contents(nullptr));
    }

    // A log whose last line has no newline yet may be in the middle of being written: no checkpoint is made there.
    void noCheckpointAfterALineWithoutItsNewline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.jsonl"_s);
        QVERIFY(write(path, initial + pushed({0}).chopped(1)));
        const auto index = RequestIndex::build(path);
        QVERIFY(index);
        QCOMPARE(index->requestCount(), std::size_t(1));
        QVERIFY(index->checkpoint().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRequestIndex)
#include "TestRequestIndex.moc"
