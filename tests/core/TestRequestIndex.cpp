#include "json/Json.h"
#include "model/ModelJson.h"
#include "model/SessionJsonWriter.h"
#include "providers/ProviderRegistry.h"
#include "vscode/ChatSessionFile.h"
#include "vscode/RequestIndex.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <boost/json/serialize.hpp>

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

// What a whole read makes of a session, and what a read in parts does: the same text, or the same error.
QString whole(const Provider& provider, const SessionRef& ref)
{
    const auto session = provider.load(ref);
    return session ? QString::fromStdString(boost::json::serialize(shapes::session(*session)))
                   : u"ERROR: "_s + session.error().message;
}

QString inParts(const Provider& provider, const SessionRef& ref)
{
    std::string text;
    SessionJsonWriter writer([&text](std::string_view part) {
        text += part;
        return std::optional<Error>();
    });
    if (const auto error = provider.read(ref, writer)) {
        return u"ERROR: "_s + error->message;
    }
    return QString::fromStdString(text);
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

        const Provider& provider = *ProviderRegistry::standard().find(u"copilot"_s);
        SessionRef ref;
        ref.provider = provider.id();
        ref.nativeId = u"0123-session"_s;
        ref.id = ref.provider + u':' + ref.nativeId;
        ref.path = path;
        const QString expected = whole(provider, ref);
        QVERIFY(!expected.startsWith(u"ERROR"_s));
        QCOMPARE(inParts(provider, ref), expected);
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
        const Provider& provider = *ProviderRegistry::standard().find(u"copilot"_s);
        SessionRef ref;
        ref.provider = provider.id();
        ref.nativeId = u"s"_s;
        ref.id = u"copilot:s"_s;
        ref.path = path;
        const QString expected = whole(provider, ref);
        QCOMPARE(expected, u"ERROR: cannot read %1: line 3: no value at .requests[1].response[5].value"_s.arg(path));
        QCOMPARE(inParts(provider, ref), expected);
    }
};

QTEST_GUILESS_MAIN(TestRequestIndex)
#include "TestRequestIndex.moc"
