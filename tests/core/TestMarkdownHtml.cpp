// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "export/MarkdownHtml.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestMarkdownHtml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendered_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("html");
        QTest::newRow("lines of a paragraph stay lines") << u"one\ntwo"_s << u"<p>one<br>\ntwo</p>\n"_s;
        QTest::newRow("paragraphs") << u"a\n\nb"_s << u"<p>a</p>\n<p>b</p>\n"_s;
        QTest::newRow("heading") << u"## Plan"_s << u"<h2>Plan</h2>\n"_s;
        QTest::newRow("emphasis, strong, code, strikethrough")
            << u"*a* **b** `c < d` ~~e~~"_s
            << u"<p><em>a</em> <strong>b</strong> <code>c &lt; d</code> <s>e</s></p>\n"_s;
        QTest::newRow("list") << u"- a\n- b"_s << u"<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"_s;
        QTest::newRow("numbered list from 3")
            << u"3. x\n4. y"_s << u"<ol start=\"3\">\n<li>x</li>\n<li>y</li>\n</ol>\n"_s;
        QTest::newRow("task list") << u"- [x] done\n- [ ] open"_s
                                   << u"<ul>\n<li>☑ done</li>\n<li>☐ open</li>\n</ul>\n"_s;
        QTest::newRow("fenced code with its language")
            << u"```cpp\nif (a < b && c)\n    run();\n```"_s
            << u"<pre><code class=\"language-cpp\">if (a &lt; b &amp;&amp; c)\n    run();</code></pre>\n"_s;
        QTest::newRow("an unclosed fence runs to the end") << u"```\ncode"_s << u"<pre><code>code</code></pre>\n"_s;
        QTest::newRow("raw HTML is text") << u"<script>alert(1)</script> <b>x</b>"_s
                                          << u"<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;</p>\n"_s;
        QTest::newRow("web link") << u"[docs](https://example.com/a?b=1&c=\"2\")"_s
                                  << u"<p><a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\">docs</a></p>\n"_s;
        QTest::newRow("relative link") << u"[notes](docs/a.md#setup)"_s
                                       << u"<p><a href=\"docs/a.md#setup\">notes</a></p>\n"_s;
        QTest::newRow("mail link") << u"[me](MAILTO:me@example.com)"_s
                                   << u"<p><a href=\"MAILTO:me@example.com\">me</a></p>\n"_s;
        QTest::newRow("script link loses its address") << u"[x](javascript:alert(1))"_s << u"<p><a>x</a></p>\n"_s;
        QTest::newRow("data link loses its address") << u"[x](data:text/html,hi)"_s << u"<p><a>x</a></p>\n"_s;
        QTest::newRow("colon hidden in an entity") << u"[x](javascript&#58;alert(1))"_s << u"<p><a>x</a></p>\n"_s;
        QTest::newRow("image is a link")
            << u"![chart](https://example.com/c.png)"_s
            << u"<p><a class=\"image\" href=\"https://example.com/c.png\">chart</a></p>\n"_s;
        QTest::newRow("bare address") << u"see https://example.com now"_s
                                      << u"<p>see <a href=\"https://example.com\">https://example.com</a> now</p>\n"_s;
        QTest::newRow("table") << u"| a | b |\n|:--|--:|\n| 1 | 2 |"_s
                               << u"<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<thead>\n<tr><th "
                                  u"style=\"text-align: left\">a</th>"
                                  "<th style=\"text-align: right\">b</th></tr>\n</thead>\n<tbody>\n"
                                  "<tr><td style=\"text-align: left\">1</td><td style=\"text-align: right\">2</td>"
                                  "</tr>\n</tbody>\n</table>\n"_s;
        QTest::newRow("quote") << u"> said"_s << u"<blockquote>\n<p>said</p>\n</blockquote>\n"_s;
        QTest::newRow("quotes nested deeper than 16 are shown 16 deep")
            << QString(40, u'>') + u"x"_s
            << u"<blockquote>\n"_s.repeated(16) + u"<p>x</p>\n"_s + u"</blockquote>\n"_s.repeated(16);
        QTest::newRow("lists too") << u"- "_s.repeated(40) + u"y"_s
                                   << u"<ul>\n<li>"_s.repeated(16) + u"y"_s + u"</li>\n</ul>\n"_s.repeated(16);
        QTest::newRow("entity") << u"a &copy; b"_s << u"<p>a &copy; b</p>\n"_s;
        QTest::newRow("other scripts") << u"é — 漢字 😀"_s << u"<p>é — 漢字 😀</p>\n"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void rendered()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, html);
        QCOMPARE(markdownToHtml(markdown), html);
        QCOMPARE(markdownToHtmlPieces(markdown, 1 << 20), QStringList{html}); // shorter than a piece: whole
    }

    // A long message is cut for typesetting where the HTML can end and start again, each open element closed
    // before the cut and opened again after it: between blocks, list items or table rows, between the lines of a
    // code block, paragraph or list item, inside a long line; never inside a table's row or head, or a heading.
    void pieces_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("pieces");
        QTest::newRow("between blocks") << u"aaaa\n\nbbbb\n\ncccc"_s
                                        << QStringList{u"<p>aaaa</p>\n"_s, u"<p>bbbb</p>\n"_s, u"<p>cccc</p>\n"_s};
        QTest::newRow("code between lines") << u"```sh\nline1\nline2\nline3\n```"_s
                                            << QStringList{u"<pre><code class=\"language-sh\">line1</code></pre>\n"_s,
                                                           u"<pre><code class=\"language-sh\">line2</code></pre>\n"_s,
                                                           u"<pre><code class=\"language-sh\">line3</code></pre>\n"_s};
        QTest::newRow("paragraph between lines")
            << u"line1\nline2\nline3"_s << QStringList{u"<p>line1</p>\n"_s, u"<p>line2</p>\n"_s, u"<p>line3</p>\n"_s};
        QTest::newRow("spans closed and opened again")
            << u"*line1\nline2*"_s << QStringList{u"<p><em>line1</em></p>\n"_s, u"<p><em>line2</em></p>\n"_s};
        QTest::newRow("in a quote") << u"> aaaa\n>\n> bbbb"_s
                                    << QStringList{u"<blockquote>\n<p>aaaa</p>\n</blockquote>\n"_s,
                                                   u"<blockquote>\n<p>bbbb</p>\n</blockquote>\n"_s};
        QTest::newRow("between list items")
            << u"- line1\n- line2"_s
            << QStringList{u"<ul>\n<li>line1</li>\n</ul>\n"_s, u"<ul>\n<li>line2</li>\n</ul>\n"_s};
        QTest::newRow("numbers go on") << u"3. x\n4. y"_s
                                       << QStringList{u"<ol start=\"3\">\n<li>x</li>\n</ol>\n"_s,
                                                      u"<ol start=\"4\">\n<li>y</li>\n</ol>\n"_s};
        QTest::newRow("inside a list item")
            << u"- line1\n  line2"_s
            << QStringList{u"<ul>\n<li>line1</li>\n</ul>\n"_s, u"<ul>\n<li>line2</li>\n</ul>\n"_s};
        QTest::newRow("an item cut in two keeps its number")
            << u"3. x\n   y"_s
            << QStringList{u"<ol start=\"3\">\n<li>x</li>\n</ol>\n"_s, u"<ol start=\"3\">\n<li>y</li>\n</ol>\n"_s};
        QTest::newRow("a long line after a space")
            << u"aaa bbb"_s << QStringList{u"<p>aaa </p>\n"_s, u"<p>bbb</p>\n"_s};
        QTest::newRow("a long line of code anywhere, never inside a character")
            << u"```\n1234é\n```"_s
            << QStringList{u"<pre><code>1234</code></pre>\n"_s, u"<pre><code>é</code></pre>\n"_s};
        QTest::newRow("not inside a table's row")
            << u"| aaaaaaaaaaa |\n|---|"_s
            << QStringList{
                   u"<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<thead>\n<tr><th>aaaaaaaaaaa</th></tr>\n</thead>\n</table>\n"_s};
        const QString table =
            u"<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<thead>\n<tr><th>h</th></tr>\n"
            u"</thead>\n<tbody>\n"_s;
        QTest::newRow("between table rows, the head again")
            << u"| h |\n|---|\n| 1 |\n| 2 |"_s
            << QStringList{table + u"<tr><td>1</td></tr>\n</tbody>\n</table>\n"_s,
                           table + u"<tr><td>2</td></tr>\n</tbody>\n</table>\n"_s};
        QTest::newRow("not inside a heading")
            << u"line1\nline2\n==="_s << QStringList{u"<h1>line1<br>\nline2</h1>\n"_s};
    }

    void pieces()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, pieces);
        QCOMPARE(markdownToHtmlPieces(markdown, 5), pieces);
    }
};

QTEST_GUILESS_MAIN(TestMarkdownHtml)
#include "TestMarkdownHtml.moc"
