// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "json/JsonLines.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <boost/json/serialize.hpp>

#include <random>

#include <string>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

using Path = std::vector<std::string>;

// The values at `paths` (keys from `depth` on, arrays passed through) taken out of `value`: what json::readLines
// with those paths left out should hand over, made here from the whole record.
void prune(boost::json::value& value, const std::vector<Path>& paths, std::size_t depth)
{
    if (auto* array = value.if_array()) {
        for (boost::json::value& element : *array) {
            prune(element, paths, depth);
        }
        return;
    }
    auto* object = value.if_object();
    if (!object) {
        return;
    }
    boost::json::object kept;
    for (auto& [key, member] : *object) {
        std::vector<Path> deeper;
        bool out = false;
        for (const Path& path : paths) {
            if (path.size() > depth && path[depth] == std::string_view(key)) {
                out = out || path.size() == depth + 1;
                deeper.push_back(path);
            }
        }
        if (!out) {
            prune(member, deeper, depth + 1);
            kept[key] = member;
        }
    }
    *object = std::move(kept);
}

// Lines of records with values to leave out, each changed at random in a few places (bytes taken out, put in or
// changed to the characters JSON gives a meaning to): many ways for a line to be valid or not.
QByteArray mutations()
{
    const std::vector<QByteArray> seeds = {
        R"({"type":"user","m":{"content":[{"type":"tool_result","input":{"p":[1,-2.5e3,true,null]},"t":"a\"b\\c\nd\u00e9"}]},"drop":{"x":"\ud83d\ude00","y":[{},[]]},"k":"v"})",
        R"({"a":{"b":"long text with \"quotes\" and \\ back\\slashes \t tabs","c":[0,1e5,-0.5]},"drop":"\u0041\u0000","k":[{"drop":1}]})",
    };
    const QByteArray alphabet = "\\\"{}[]:,.-+eE0123456789 \tnulltruefalse\x01\xff u\\u";
    std::mt19937 random(26);
    QByteArray text;
    for (int n = 0; n < 3000; ++n) {
        QByteArray line = seeds[std::size_t(n) % seeds.size()];
        for (int change = 1 + int(random() % 3); change > 0; --change) {
            const auto at = qsizetype(random() % std::uint32_t(line.size()));
            switch (random() % 3) {
            case 0:
                line.remove(at, 1);
                break;
            case 1:
                line.insert(at, alphabet.at(qsizetype(random() % std::uint32_t(alphabet.size()))));
                break;
            default:
                line[at] = alphabet.at(qsizetype(random() % std::uint32_t(alphabet.size())));
            }
        }
        line.replace('\n', ' '); // one line stays one line
        text += line + '\n';
    }
    return text;
}

} // namespace

// Records read with values left out are the whole records without them, and the warnings and errors are the same.
class TestJsonLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void leftOut_data()
    {
        QTest::addColumn<QByteArray>("text");
        const QByteArray big(100'000, 'x'); // more than the block a record is built in
        QTest::newRow("plain") << QByteArray(
            "{\"a\":1,\"drop\":2,\"keep\":\"x\"}\n{\"drop\":{\"x\":[1,{}]},\"b\":null}\n");
        QTest::newRow("nested paths") << QByteArray(
            "{\"m\":{\"content\":[{\"type\":\"tool_use\",\"input\":{\"p\":[1]}},{\"type\":\"text\",\"text\":"
            "\"t\",\"content\":\"kept\"}],\"input\":\"kept\"},\"input\":\"kept\"}\n"
            "{\"m\":{\"content\":{\"input\":1,\"c\":2}},\"a\":{\"b\":[{\"c\":1},{\"b\":2}]}}\n");
        QTest::newRow("root arrays and scalars")
            << QByteArray("[{\"drop\":1,\"k\":2},[{\"drop\":3}]]\n5\n\"s\"\ntrue\n");
        QTest::newRow("escapes") << QByteArray(
            "{\"dr\\u006fp\":\"x\",\"k\\u0065y\":\"a\\\"b\\\\c\\n\\u00e9\",\"drop\":\"\\\"\\n\\t\"}\n");
        QTest::newRow("numbers") << QByteArray("{\"i\":-12,\"u\":18446744073709551615,\"d\":1.5e3,\"drop\":-0.25,"
                                               "\"big\":123456789012345678901234567890}\n");
        QTest::newRow("duplicate keys") << QByteArray("{\"k\":1,\"k\":2,\"drop\":1,\"drop\":[2]}\n");
        QTest::newRow("lone surrogates") << QByteArray(
            "{\"drop\":\"a\\ud800b\",\"k\":1}\n{\"k\":\"\\udc00\",\"drop\":2}\n");
        QTest::newRow("damaged left out")
            << QByteArray("{\"k\":1}\n{\"drop\":\"bad \\q\",\"k\":2}\n{\"drop\":\"tab\there\"}\n{\"k\":3}\n");
        QTest::newRow("trailing data") << QByteArray("{\"k\":1} x\n{\"k\":2}   \n");
        QTest::newRow("cut off") << QByteArray("{\"k\":1}\n\n   \n{\"drop\":[1,2");
        QTest::newRow("only damaged") << QByteArray("{\"drop\":\n");
        QTest::newRow("long values") << QByteArray("{\"drop\":\"" + big + "\",\"k\":\"" + big +
                                                   "\"}\n{\"a\":{\"b\":[\"" + big + "\"]}}\n");
        // What a value left out may hold, valid or not: it is checked as the parser checks it (see LeftOutText).
        QTest::newRow("strings left out") << QByteArray(
            "{\"drop\":\"\\u12G4\",\"k\":1}\n{\"drop\":\"\\ud800\\u0041\",\"k\":2}\n"
            "{\"drop\":\"\\ud83d\\ude00 \\u0000 \\/\\b\\f\\r\",\"k\":3}\n{\"drop\":\"\xff\xfe\x7f\",\"k\":4}\n"
            "{\"drop\":\"\\u00\",\"k\":5}\n{\"drop\":\"\\\",\"k\":6}\n{\"drop\":\"\\ud800\\\",\"k\":7}\n");
        QTest::newRow("numbers and literals left out") << QByteArray(
            "{\"drop\":01,\"k\":1}\n{\"drop\":-,\"k\":2}\n{\"drop\":1.,\"k\":3}\n{\"drop\":1e,\"k\":4}\n"
            "{\"drop\":1e+,\"k\":5}\n{\"drop\":.5,\"k\":6}\n{\"drop\":1e99999,\"k\":7}\n{\"drop\":-0,\"k\":8}\n"
            "{\"drop\":1E+2,\"k\":9}\n{\"drop\":-12.5e-3,\"k\":10}\n{\"drop\":nul,\"k\":11}\n"
            "{\"drop\":truex,\"k\":12}\n{\"drop\":True,\"k\":13}\n{\"drop\":false,\"k\":14}\n"
            "{\"drop\":1x,\"k\":15}\n{\"drop\":+1,\"k\":16}\n");
        QTest::newRow("structure left out") << QByteArray(
            "{\"drop\":{\"a\":1,},\"k\":1}\n{\"drop\":{\"a\" 1},\"k\":2}\n{ \"drop\" : [ 1 , { } , [ ] ] , \"k\" : 3 "
            "}\n"
            "{\"drop\":[1,],\"k\":4}\n{\"drop\":{1:2},\"k\":5}\n{\"drop\":[1 "
            "2],\"k\":6}\n{\"drop\":{\"a\":[}],\"k\":7}\n"
            "{\"drop\":\t\r[\"x\"]\r}\n{\"drop\":[\"a\tb\"],\"k\":8}\n{\"a\":{\"b\":{\"c\":\"\\q\"}},\"k\":9}\n"
            "{\"drop\"}\n{\"drop\":}\n{\"drop\":1,}\n");
        QTest::newRow("mutations") << mutations();
        QTest::newRow("deep") << QByteArray::fromStdString(
            std::string(3000, '[') + std::string(3000, ']') + "\n" + "{\"drop\":" + std::string(3000, '[') +
            std::string(3000, ']') + "}\n" + std::string(5000, '[') + std::string(5000, ']') + "\n");
    }

    void leftOut()
    {
        QFETCH(QByteArray, text);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"log.jsonl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(text), text.size());
        file.close();

        const std::vector<Path> paths = {{"drop"}, {"a", "b"}, {"m", "content", "input"}};
        std::vector<std::string> whole;
        const auto wholeWarnings = json::readLines(path, [&](boost::json::value&& record, int line) {
            prune(record, paths, 0);
            whole.push_back(std::to_string(line) + ' ' + boost::json::serialize(record));
        });
        std::vector<std::string> pruned;
        const auto prunedWarnings =
            json::readLines(path, {"drop", "a.b", "m.content.input"}, [&](const boost::json::value& record, int line) {
                pruned.push_back(std::to_string(line) + ' ' + boost::json::serialize(record));
            });
        QCOMPARE(bool(prunedWarnings), bool(wholeWarnings));
        if (wholeWarnings) {
            QCOMPARE(prunedWarnings.value(), wholeWarnings.value());
        } else {
            QCOMPARE(prunedWarnings.error().message, wholeWarnings.error().message);
        }
        QCOMPARE(pruned, whole);
    }

    // Reading a file in spans, as a reader that goes on where it stopped when the file grew: where each stops, what
    // it reads of a line still being written, and of a line the span's end cuts.
    void spans_data()
    {
        QTest::addColumn<bool>("pruned");
        QTest::newRow("whole records") << false;
        QTest::newRow("values left out") << true;
    }

    void spans()
    {
        QFETCH(bool, pruned);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"log.jsonl"_s);
        const auto append = [&path](const QByteArray& text) {
            QFile file(path);
            return file.open(QIODevice::Append) && file.write(text) == text.size();
        };
        const QByteArray written = "{\"k\":1,\"drop\":0}\n{\"k\":2}\n\n{\"k\":3}\n{\"k\":";
        QVERIFY(append(written));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        // The records' "k" and line numbers, until `stopAfter` records, and the bytes of their lines.
        QStringList records;
        QList<std::pair<qint64, qint64>> lines;
        const auto read = [&](const json::Span& span, int stopAfter = -1) {
            records.clear();
            lines.clear();
            const auto take = [&](const boost::json::value& record, const json::LineAt& at) {
                records
                    << u"%1@%2"_s.arg(QString::fromStdString(boost::json::serialize(record.at("k")))).arg(at.number);
                lines.append({at.offset, at.end});
                return records.size() != stopAfter;
            };
            return pruned ? json::readLines(path, file, span, {"drop"}, take)
                          : json::readLines(path, file, span,
                                            [&take](boost::json::value&& record, const json::LineAt& at) {
                                                return take(record, at);
                                            });
        };
        // Where the line of `text` is in what was written, its newline included.
        const auto lineOf = [&written](const QByteArray& text) {
            const qint64 at = written.indexOf(text);
            return std::pair<qint64, qint64>(at, at + text.size() + 1);
        };

        // The last line is being written: read up to it, and again from it.
        auto first = read({});
        QVERIFY(first.ok());
        QCOMPARE(records, (QStringList{u"1@1"_s, u"2@2"_s, u"3@4"_s}));
        QCOMPARE(lines, (QList{lineOf("{\"k\":1,\"drop\":0}"), lineOf("{\"k\":2}"), lineOf("{\"k\":3}")}));
        QCOMPARE(first->warnings.size(), 1);
        QVERIFY2(first->warnings.at(0).startsWith(path + u": line 5"_s) &&
                     first->warnings.at(0).contains(u"incomplete"_s),
                 qPrintable(first->warnings.at(0)));
        const qint64 cutOff = written.lastIndexOf('\n') + 1;
        QCOMPARE(first->settled, cutOff);
        QCOMPARE(first->settledLine, 5);

        // Nothing new: no record, no error.
        auto same = read({cutOff, -1, 5});
        QVERIFY(same.ok());
        QVERIFY(records.isEmpty());
        QCOMPARE(same->settled, cutOff);

        // The line finished and more written: read from where the first read stopped.
        QVERIFY(append("4}\n{\"k\":5}\n"));
        auto grown = read({first->settled, -1, first->settledLine});
        QVERIFY(grown.ok());
        QCOMPARE(records, (QStringList{u"4@5"_s, u"5@6"_s}));
        QCOMPARE(lines, (QList<std::pair<qint64, qint64>>{{cutOff, cutOff + 8}, {cutOff + 8, cutOff + 16}}));
        QVERIFY(grown->warnings.isEmpty());
        QCOMPARE(grown->settled, file.size());
        QCOMPARE(grown->settledLine, 7);

        // A span that ends inside a line reads the line as cut there, whatever follows.
        const qint64 secondLine = written.indexOf("{\"k\":2}");
        auto cut = read({0, secondLine + 4});
        QVERIFY(cut.ok());
        QCOMPARE(records, (QStringList{u"1@1"_s}));
        QCOMPARE(lines, (QList{lineOf("{\"k\":1,\"drop\":0}")}));
        QCOMPARE(cut->warnings.size(), 1);
        QCOMPARE(cut->settled, secondLine);
        QCOMPARE(cut->settledLine, 2);

        // A reader that wants no more stops the read.
        QVERIFY(read({}, 2).ok());
        QCOMPARE(records, (QStringList{u"1@1"_s, u"2@2"_s}));

        // A span that ends where a line ends does not read the line after it, however long.
        QVERIFY(append("{\"k\":6,\"drop\":\"" + QByteArray(32 << 20, 'x') + "\"}\n"));
        const qint64 before = test::bytesRead();
        QVERIFY(read({grown->settled - 8, grown->settled, 6}).ok());
        QCOMPARE(records, (QStringList{u"5@6"_s}));
        QVERIFY2(test::bytesRead() - before < 1 << 20, qPrintable(QString::number(test::bytesRead() - before)));
    }
};

QTEST_GUILESS_MAIN(TestJsonLines)
#include "TestJsonLines.moc"
