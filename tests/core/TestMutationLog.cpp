// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "json/Json.h"
#include "vscode/MutationLog.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

QString replayed(const QByteArray& log)
{
    const auto replay = MutationLog::replay(std::string_view(log.constData(), std::size_t(log.size())), u"t.jsonl"_s);
    if (!replay) {
        return u"ERROR: "_s + replay.error().message;
    }
    return QString::fromStdString(json::serialize(replay->state));
}

} // namespace

class TestMutationLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void replay_data()
    {
        QTest::addColumn<QByteArray>("log");
        QTest::addColumn<QString>("state");

        const QByteArray init = R"({"kind":0,"v":{"a":1,"requests":[],"z":{"k":"v"}}})"
                                "\n";
        QTest::newRow("initial only") << init << uR"({"a":1,"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("set nested value")
            << init + R"({"kind":1,"k":["z","k"],"v":[1,2]})" << uR"({"a":1,"requests":[],"z":{"k":[1,2]}})"_s;
        QTest::newRow("set new key goes last, existing key keeps its place")
            << init + R"({"kind":1,"k":["b"],"v":true})"
                      "\n"
                      R"({"kind":1,"k":["a"],"v":2})"
            << uR"({"a":2,"requests":[],"z":{"k":"v"},"b":true})"_s;
        QTest::newRow("set inside array") << init + R"({"kind":2,"k":["requests"],"v":[{"id":"r1"},{"id":"r2"}]})"
                                                    "\n"
                                                    R"({"kind":1,"k":["requests",1,"id"],"v":"R2"})"
                                          << uR"({"a":1,"requests":[{"id":"r1"},{"id":"R2"}],"z":{"k":"v"}})"_s;
        QTest::newRow("set past the end of an array leaves null holes")
            << init + R"({"kind":1,"k":["requests",2],"v":"x"})"
            << uR"({"a":1,"requests":[null,null,"x"],"z":{"k":"v"}})"_s;
        QTest::newRow("set with a string index into an array") << init + R"({"kind":2,"k":["requests"],"v":[1,2]})"
                                                                         "\n"
                                                                         R"({"kind":1,"k":["requests","0"],"v":9})"
                                                               << uR"({"a":1,"requests":[9,2],"z":{"k":"v"}})"_s;
        QTest::newRow("empty path is ignored")
            << init + R"({"kind":1,"k":[],"v":{"replaced":true}})" << uR"({"a":1,"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("push appends") << init + R"({"kind":2,"k":["requests"],"v":[1]})"
                                                "\n"
                                                R"({"kind":2,"k":["requests"],"v":[2,3]})"
                                      << uR"({"a":1,"requests":[1,2,3],"z":{"k":"v"}})"_s;
        QTest::newRow("push creates a missing array") << init + R"({"kind":2,"k":["z","list"],"v":["x"]})"
                                                      << uR"({"a":1,"requests":[],"z":{"k":"v","list":["x"]}})"_s;
        QTest::newRow("push with i truncates first") << init + R"({"kind":2,"k":["requests"],"v":[1,2,3,4]})"
                                                               "\n"
                                                               R"({"kind":2,"k":["requests"],"v":["b"],"i":1})"
                                                     << uR"({"a":1,"requests":[1,"b"],"z":{"k":"v"}})"_s;
        QTest::newRow("push with i and no items only truncates") << init + R"({"kind":2,"k":["requests"],"v":[1,2,3]})"
                                                                           "\n"
                                                                           R"({"kind":2,"k":["requests"],"i":0})"
                                                                 << uR"({"a":1,"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("push with i past the end extends with holes")
            << init + R"({"kind":2,"k":["requests"],"v":["x"],"i":2})"
            << uR"({"a":1,"requests":[null,null,"x"],"z":{"k":"v"}})"_s;
        QTest::newRow("delete removes the key and keeps the order of the rest")
            << init + R"({"kind":3,"k":["a"]})" << uR"({"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("delete inside an array leaves null") << init + R"({"kind":2,"k":["requests"],"v":[1,2,3]})"
                                                                      "\n"
                                                                      R"({"kind":3,"k":["requests",1]})"
                                                            << uR"({"a":1,"requests":[1,null,3],"z":{"k":"v"}})"_s;
        QTest::newRow("a later kind 0 starts over") << init + R"({"kind":1,"k":["a"],"v":5})"
                                                              "\n"
                                                              R"({"kind":0,"v":{"fresh":1}})"
                                                              "\n"
                                                              R"({"kind":1,"k":["x"],"v":2})"
                                                    << uR"({"fresh":1,"x":2})"_s;
        QTest::newRow("records concatenated without newline are split")
            << init + R"({"kind":2,"k":["requests"],"v":[1]}{"kind":2,"k":["requests"],"v":[2]}  {"kind":3,"k":["z"]})"
            << uR"({"a":1,"requests":[1,2]})"_s;
        QTest::newRow("CRLF and blank lines") << QByteArray(R"({"kind":0,"v":{"n":0}})"
                                                            "\r\n\r\n"
                                                            R"({"kind":1,"k":["n"],"v":1})"
                                                            "\r\n\n")
                                              << uR"({"n":1})"_s;
        QTest::newRow("truncated last line is ignored") << init + R"({"kind":1,"k":["a"],"v":2})"
                                                                  "\n"
                                                                  R"({"kind":1,"k":["a"],"v":3)"
                                                        << uR"({"a":2,"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("zero bytes after a crash are ignored") << init +
                                                                     QByteArray(R"({"kind":1,"k":["a"],"v":2})"
                                                                                "\n") +
                                                                     QByteArray(16, '\0')
                                                              << uR"({"a":2,"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("lone surrogates become U+FFFD, pairs stay")
            << QByteArray(R"({"kind":0,"v":{"t":"a\ud83db\ude00c\ud83d\ude00\\ud83d"}})")
            << u"{\"t\":\"a\uFFFDb\uFFFDc\U0001F600\\\\ud83d\"}"_s;
        QTest::newRow("lone surrogate in a concatenated record")
            << QByteArray(R"({"kind":0,"v":{"t":""}}{"kind":1,"k":["t"],"v":"x\udc00"})") << u"{\"t\":\"x\uFFFD\"}"_s;
        QTest::newRow("invalid UTF-8 bytes are kept")
            << QByteArray("{\"kind\":0,\"v\":{\"t\":\"\xff\"}}") << u"{\"t\":\"\uFFFD\"}"_s;

        QTest::newRow("set without a value deletes, as JavaScript's undefined")
            << init + R"({"kind":1,"k":["a"]})" << uR"({"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("push onto a falsy value starts a new array") << init + R"({"kind":1,"k":["a"],"v":false})"
                                                                              "\n"
                                                                              R"({"kind":2,"k":["a"],"v":[1]})"
                                                                    << uR"({"a":[1],"requests":[],"z":{"k":"v"}})"_s;
        QTest::newRow("a non-canonical index string is a property, not an index")
            << init + R"({"kind":2,"k":["requests"],"v":[1]})"
                      "\n"
                      R"({"kind":1,"k":["requests","00"],"v":2})"
            << u"ERROR: cannot read t.jsonl: line 3: no value at .requests.00"_s;
        QTest::newRow("a huge index is damage, not a reason to allocate")
            << init + R"({"kind":1,"k":["requests","4294967294"],"v":1})"
            << u"ERROR: cannot read t.jsonl: line 2: no value at .requests.4294967294"_s;
        QTest::newRow("a huge push length is damage too")
            << init + R"({"kind":2,"k":["requests"],"v":[],"i":9000000000})"
            << u"ERROR: cannot read t.jsonl: line 2: invalid push start index at .requests"_s;
        QTest::newRow("missing kind") << init + R"({"k":["a"]})"
                                      << u"ERROR: cannot read t.jsonl: line 2: unknown entry kind (missing)"_s;
        QTest::newRow("fractional kind") << init + R"({"kind":0.5,"v":{}})"
                                         << u"ERROR: cannot read t.jsonl: line 2: unknown entry kind 5E-1"_s;
        QTest::newRow("set before an initial entry")
            << QByteArray(R"({"kind":1,"k":["a"],"v":1})")
            << u"ERROR: cannot read t.jsonl: line 1: the log is missing an initial entry (kind 0)"_s;
        QTest::newRow("invalid line in the middle")
            << init + "{\"kind\":1,\"k\":[\"a\"],\"v\":oops}\n"
                      R"({"kind":1,"k":["a"],"v":2})"
            << u"ERROR: cannot read t.jsonl: line 2 is not valid JSON: syntax error (byte 75)"_s;
        QTest::newRow("path that does not exist")
            << init + R"({"kind":1,"k":["requests",5,"response"],"v":[]})"
            << u"ERROR: cannot read t.jsonl: line 2: no value at .requests[5].response"_s;
        QTest::newRow("unknown kind") << init + R"({"kind":7,"k":["a"]})"
                                      << u"ERROR: cannot read t.jsonl: line 2: unknown entry kind 7"_s;
        QTest::newRow("empty log") << QByteArray("\n\n") << u"ERROR: cannot read t.jsonl: the log is empty"_s;
    }

    void replay()
    {
        QFETCH(QByteArray, log);
        QFETCH(QString, state);
        QCOMPARE(replayed(log), state);
    }

    void reportsDamage()
    {
        const QByteArray log = R"({"kind":0,"v":{"a":1}}{"kind":1,"k":["a"],"v":2})"
                               "\n"
                               R"({"kind":1,"k":["a"],"v":)";
        const auto replay = MutationLog::replay(std::string_view(log.constData(), std::size_t(log.size())),
                                                u"/x/chatSessions/s.jsonl"_s);
        QVERIFY(replay.ok());
        QCOMPARE(replay->entries, 2);
        QCOMPARE(replay->concatenatedRecords, 1);
        QVERIFY(replay->truncatedTail);
        QCOMPARE(replay->warnings.size(), 2);
        QVERIFY(replay->warnings.at(0).startsWith(u"/x/chatSessions/s.jsonl: line 2 is incomplete"_s));
        QVERIFY(replay->warnings.at(1).contains(u"1 record(s) were joined"_s));
    }

    // A 3 MB line (a pasted log file, a huge tool output) replays like any other.
    void hugeLine()
    {
        const QByteArray big(3 * 1024 * 1024, 'x');
        const QByteArray log = R"({"kind":0,"v":{"requests":[]}})"
                               "\n"
                               "{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"text\":\"" +
                               big +
                               "\"}]}\n"
                               R"({"kind":1,"k":["done"],"v":true})"
                               "\n";
        const auto replay = MutationLog::replay(std::string_view(log.constData(), std::size_t(log.size())), u"big"_s);
        QVERIFY2(replay.ok(), replay.ok() ? "" : qPrintable(replay.error().message));
        const boost::json::value& text = replay->state.at("requests").at(0).at("text");
        QCOMPARE(text.as_string().size(), std::size_t(big.size()));
        QCOMPARE(replay->state.at("done").as_bool(), true);
    }

    // Deeply nested trees (real sessions nest tool data deeply) are within the parser's limits.
    void deepNesting()
    {
        QByteArray nested;
        for (int i = 0; i < 500; ++i) {
            nested += "[";
        }
        for (int i = 0; i < 500; ++i) {
            nested += "]";
        }
        const QByteArray log = R"({"kind":0,"v":{"deep":)" + nested + "}}";
        QVERIFY(!replayed(log).startsWith(u"ERROR"_s));
    }
};

QTEST_GUILESS_MAIN(TestMutationLog)
#include "TestMutationLog.moc"
