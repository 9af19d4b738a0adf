// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "MarkdownHtml.h"

#include <md4c.h>

#include <QByteArray>
#include <QList>

#include <algorithm>

namespace chasm {

namespace {

class Renderer
{
public:
    QByteArray html;

    // Quotes and lists nested deeper than this are shown at this depth: ">>>>…" twenty thousand deep made Qt's
    // PDF layout take two minutes.
    static constexpr int maxDepth = 16;

    // Cut into pieces of at least this many bytes where it may (see markdownToHtmlPieces); 0: never.
    qsizetype pieceLength = 0;
    // Where the pieces start, after the first.
    QList<qsizetype> cuts;

    static int enterBlock(MD_BLOCKTYPE type, void* detail, void* self)
    {
        static_cast<Renderer*>(self)->opened(type, detail);
        return 0;
    }
    static int leaveBlock(MD_BLOCKTYPE type, void* detail, void* self)
    {
        static_cast<Renderer*>(self)->closed(type, detail);
        return 0;
    }
    static int enterSpan(MD_SPANTYPE type, void* detail, void* self)
    {
        auto* renderer = static_cast<Renderer*>(self);
        const qsizetype start = renderer->html.size();
        renderer->enter(type, detail);
        Open open;
        open.span = true;
        open.opening = renderer->html.sliced(start);
        open.closing = closing(type);
        renderer->m_open.append(open);
        return 0;
    }
    static int leaveSpan(MD_SPANTYPE type, void*, void* self)
    {
        auto* renderer = static_cast<Renderer*>(self);
        renderer->leave(type);
        renderer->m_open.removeLast();
        return 0;
    }
    static int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self)
    {
        static_cast<Renderer*>(self)->add(type, QByteArrayView(text, qsizetype(size)));
        return 0;
    }

private:
    // An element open where the HTML is: what opened it and what closes it, so that a cut can close every
    // open element and open them again after it.
    struct Open
    {
        bool span = false;
        MD_BLOCKTYPE block = MD_BLOCK_DOC;
        QByteArray opening; // empty for what is not shown (nested too deep)
        QByteArray closing;
        int children = 0;   // blocks entered in it: the items of a list
        unsigned start = 1; // an ordered list's first number
        QByteArray header;  // a table's head, shown again after a cut
        qsizetype at = 0;   // where in the HTML it was opened
    };

    static QByteArray closing(MD_SPANTYPE type)
    {
        switch (type) {
        case MD_SPAN_EM:
            return "</em>";
        case MD_SPAN_STRONG:
            return "</strong>";
        case MD_SPAN_CODE:
            return "</code>";
        case MD_SPAN_DEL:
            return "</s>";
        case MD_SPAN_A:
        case MD_SPAN_IMG:
            return "</a>";
        case MD_SPAN_U:
        case MD_SPAN_LATEXMATH:
        case MD_SPAN_LATEXMATH_DISPLAY:
        case MD_SPAN_WIKILINK:
            break;
        }
        return {};
    }

    void opened(MD_BLOCKTYPE type, void* detail)
    {
        if (type == MD_BLOCK_DOC) {
            enter(type, detail);
            return;
        }
        // Between two blocks of a container (never before its first: that would leave it empty), and not
        // between a table's head and body (the head comes again after a cut).
        int& siblings = m_open.isEmpty() ? m_topBlocks : m_open.last().children;
        if (siblings > 0 && type != MD_BLOCK_TBODY && mayCut()) {
            cut();
        }
        ++siblings;
        const qsizetype start = html.size();
        enter(type, detail);
        Open open;
        open.block = type;
        open.opening = html.sliced(start);
        open.at = start;
        if (!open.opening.isEmpty()) {
            open.closing = closing(type, detail);
        }
        if (type == MD_BLOCK_OL) {
            open.start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
        }
        m_open.append(open);
        m_cutPending = false;
    }

    void closed(MD_BLOCKTYPE type, void* detail)
    {
        leave(type, detail);
        if (type == MD_BLOCK_DOC) {
            return;
        }
        const qsizetype at = m_open.takeLast().at;
        if (type == MD_BLOCK_THEAD && !m_open.isEmpty()) {
            m_open.last().header = html.sliced(at); // never cut: see mayCut
        }
        m_cutPending = false;
    }

    MD_BLOCKTYPE innermostBlock() const
    {
        const auto block = std::find_if(m_open.crbegin(), m_open.crend(), [](const Open& open) { return !open.span; });
        return block == m_open.crend() ? MD_BLOCK_DOC : block->block;
    }

    bool pieceIsLong() const
    {
        return pieceLength > 0 && html.size() - (cuts.isEmpty() ? 0 : cuts.constLast()) >= pieceLength;
    }

    // Whether a long piece may end here: not inside a table's row or head (its cells stand side by side), nor
    // inside a heading.
    bool mayCut() const
    {
        return pieceIsLong() && std::none_of(m_open.cbegin(), m_open.cend(), [](const Open& open) {
                   return !open.span &&
                          (open.block == MD_BLOCK_TR || open.block == MD_BLOCK_THEAD || open.block == MD_BLOCK_H);
               });
    }

    // Closes every open element, starts the next piece and opens them again in it: an ordered list at the
    // number it had come to (an item cut in two shows its number twice, as a bullet item its bullet), a table
    // with its head.
    void cut()
    {
        for (auto open = m_open.crbegin(); open != m_open.crend(); ++open) {
            html += open->closing;
        }
        cuts << html.size();
        for (qsizetype i = 0; i < m_open.size(); ++i) {
            const Open& open = m_open.at(i);
            if (open.block == MD_BLOCK_OL && !open.span && !open.opening.isEmpty()) {
                const bool inItem = i + 1 < m_open.size();
                const unsigned next = open.start + unsigned(open.children) - (inItem ? 1 : 0);
                html += next == 1 ? QByteArray("<ol>\n") : "<ol start=\"" + QByteArray::number(next) + "\">\n";
            } else {
                html += open.opening + open.header;
            }
        }
    }

    // Text, and a run longer than a piece (a line of megabytes) cut where it grows long: after a space in
    // prose, between any two characters in code.
    void addCut(QByteArrayView text, bool prose)
    {
        while (pieceLength > 0 && text.size() > pieceLength) {
            qsizetype end = pieceLength;
            const qsizetype space = prose ? text.first(end).lastIndexOf(' ') : -1;
            if (space > 0) {
                end = space + 1;
            }
            while (end > 1 && (uchar(text.at(end)) & 0xC0) == 0x80) { // inside a character's UTF-8
                --end;
            }
            escape(text.first(end));
            text = text.sliced(end);
            if (mayCut()) {
                cut();
            }
        }
        escape(text);
    }

    void escape(QByteArrayView text)
    {
        for (const char c : text) {
            switch (c) {
            case '&':
                html += "&amp;";
                break;
            case '<':
                html += "&lt;";
                break;
            case '>':
                html += "&gt;";
                break;
            case '"':
                html += "&quot;";
                break;
            default:
                html += c;
            }
        }
    }

    // An attribute's text, escaped; its entities stay entities, which attributes read as HTML text does.
    void attribute(const MD_ATTRIBUTE& attribute)
    {
        for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
            const QByteArrayView part(attribute.text + attribute.substr_offsets[i],
                                      qsizetype(attribute.substr_offsets[i + 1] - attribute.substr_offsets[i]));
            if (attribute.substr_types[i] == MD_TEXT_ENTITY) {
                html += part;
            } else if (attribute.substr_types[i] == MD_TEXT_NULLCHAR) {
                html += "\xEF\xBF\xBD";
            } else {
                escape(part);
            }
        }
    }

    // Whether a link's address may be kept: web and mail addresses, and relative ones. Only the part before the
    // first "/", "?" or "#" can name a scheme; an entity there may hide a colon ("javascript&#58;…"), so it makes
    // the address unsafe.
    static bool safe(const MD_ATTRIBUTE& href)
    {
        QByteArray head;
        for (int i = 0; href.substr_offsets[i] < href.size; ++i) {
            if (href.substr_types[i] != MD_TEXT_NORMAL) {
                head += '\x01';
                continue;
            }
            const QByteArrayView part(href.text + href.substr_offsets[i],
                                      qsizetype(href.substr_offsets[i + 1] - href.substr_offsets[i]));
            const qsizetype end =
                std::find_if(part.begin(), part.end(), [](char c) { return c == '/' || c == '?' || c == '#'; }) -
                part.begin();
            head += part.first(end);
            if (end < part.size()) {
                break;
            }
        }
        head = head.trimmed().toLower();
        if (head.contains('\x01')) {
            return false;
        }
        const qsizetype colon = head.indexOf(':');
        const QByteArray scheme = head.left(colon);
        return colon < 0 || scheme == "http" || scheme == "https" || scheme == "mailto";
    }

    static bool nests(MD_BLOCKTYPE type)
    {
        return type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL;
    }

    void enter(MD_BLOCKTYPE type, void* detail)
    {
        m_depth += nests(type) ? 1 : 0;
        if (m_depth > maxDepth && (nests(type) || type == MD_BLOCK_LI)) {
            return;
        }
        switch (type) {
        case MD_BLOCK_DOC:
            break;
        case MD_BLOCK_QUOTE:
            html += "<blockquote>\n";
            break;
        case MD_BLOCK_UL:
            html += "<ul>\n";
            break;
        case MD_BLOCK_OL: {
            const unsigned start = static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start;
            html += start == 1 ? QByteArray("<ol>\n") : "<ol start=\"" + QByteArray::number(start) + "\">\n";
            break;
        }
        case MD_BLOCK_LI: {
            const auto* item = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
            html += "<li>";
            if (item->is_task) {
                html += item->task_mark == ' ' ? "\u2610 " : "\u2611 "; // ☐ ☑: shown by browsers and Qt alike
            }
            break;
        }
        case MD_BLOCK_HR:
            html += "<hr>\n";
            break;
        case MD_BLOCK_H:
            html += "<h" + QByteArray::number(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + '>';
            break;
        case MD_BLOCK_CODE: {
            const auto* code = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
            html += "<pre><code";
            if (code->lang.size > 0) {
                html += " class=\"language-";
                attribute(code->lang);
                html += '"';
            }
            html += '>';
            break;
        }
        case MD_BLOCK_HTML: // not with MD_FLAG_NOHTML
            break;
        case MD_BLOCK_P:
            html += "<p>";
            break;
        case MD_BLOCK_TABLE:
            html += "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n"; // attributes Qt's PDF shows too
            break;
        case MD_BLOCK_THEAD:
            html += "<thead>\n";
            break;
        case MD_BLOCK_TBODY:
            html += "<tbody>\n";
            break;
        case MD_BLOCK_TR:
            html += "<tr>";
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: {
            html += type == MD_BLOCK_TH ? "<th" : "<td";
            switch (static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align) {
            case MD_ALIGN_LEFT:
                html += " style=\"text-align: left\"";
                break;
            case MD_ALIGN_CENTER:
                html += " style=\"text-align: center\"";
                break;
            case MD_ALIGN_RIGHT:
                html += " style=\"text-align: right\"";
                break;
            case MD_ALIGN_DEFAULT:
                break;
            }
            html += '>';
            break;
        }
        }
    }

    static QByteArray closing(MD_BLOCKTYPE type, void* detail)
    {
        switch (type) {
        case MD_BLOCK_DOC:
        case MD_BLOCK_HTML:
        case MD_BLOCK_HR:
            break;
        case MD_BLOCK_QUOTE:
            return "</blockquote>\n";
        case MD_BLOCK_UL:
            return "</ul>\n";
        case MD_BLOCK_OL:
            return "</ol>\n";
        case MD_BLOCK_LI:
            return "</li>\n";
        case MD_BLOCK_H:
            return "</h" + QByteArray::number(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">\n";
        case MD_BLOCK_CODE:
            return "</code></pre>\n";
        case MD_BLOCK_P:
            return "</p>\n";
        case MD_BLOCK_TABLE:
            return "</table>\n";
        case MD_BLOCK_THEAD:
            return "</thead>\n";
        case MD_BLOCK_TBODY:
            return "</tbody>\n";
        case MD_BLOCK_TR:
            return "</tr>\n";
        case MD_BLOCK_TH:
            return "</th>";
        case MD_BLOCK_TD:
            return "</td>";
        }
        return {};
    }

    void leave(MD_BLOCKTYPE type, void* detail)
    {
        const bool shown = m_depth <= maxDepth;
        m_depth -= nests(type) ? 1 : 0;
        if (!shown && (nests(type) || type == MD_BLOCK_LI)) {
            return;
        }
        if (type == MD_BLOCK_CODE && html.endsWith('\n')) { // every line of a code block ends in one
            html.chop(1);
        }
        html += closing(type, detail);
    }

    void enter(MD_SPANTYPE type, void* detail)
    {
        switch (type) {
        case MD_SPAN_EM:
            html += "<em>";
            break;
        case MD_SPAN_STRONG:
            html += "<strong>";
            break;
        case MD_SPAN_CODE:
            html += "<code>";
            break;
        case MD_SPAN_DEL:
            html += "<s>"; // not <del>, which Qt's PDF does not strike through
            break;
        case MD_SPAN_A:
        case MD_SPAN_IMG: {
            const MD_ATTRIBUTE& href = type == MD_SPAN_A ? static_cast<MD_SPAN_A_DETAIL*>(detail)->href
                                                         : static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src;
            html += type == MD_SPAN_A ? "<a" : "<a class=\"image\"";
            if (safe(href)) {
                html += " href=\"";
                attribute(href);
                html += '"';
            }
            html += '>';
            break;
        }
        case MD_SPAN_U:
        case MD_SPAN_LATEXMATH:
        case MD_SPAN_LATEXMATH_DISPLAY:
        case MD_SPAN_WIKILINK:
            break; // extensions not asked for
        }
    }

    void leave(MD_SPANTYPE type) { html += closing(type); }

    void add(MD_TEXTTYPE type, QByteArrayView text)
    {
        switch (type) {
        case MD_TEXT_NULLCHAR:
            html += "\xEF\xBF\xBD";
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
            // A long paragraph of lines (a pasted log) is cut between two of them: two paragraphs.
            if ((innermostBlock() == MD_BLOCK_P || innermostBlock() == MD_BLOCK_LI) && mayCut()) {
                cut();
            } else {
                html += "<br>\n";
            }
            break;
        case MD_TEXT_ENTITY:
            html += text; // a valid entity, as md4c recognised it
            break;
        case MD_TEXT_CODE:
            // A long code block is cut after a line, once another line follows (never leaving an empty one).
            if (innermostBlock() == MD_BLOCK_CODE) {
                if (m_cutPending) {
                    html.chop(1); // the line's "\n", as the block's end drops it
                    cut();
                    m_cutPending = false;
                }
                addCut(text, false);
                m_cutPending = text.endsWith('\n') && mayCut();
            } else {
                escape(text);
            }
            break;
        case MD_TEXT_NORMAL:
            if (innermostBlock() == MD_BLOCK_P || innermostBlock() == MD_BLOCK_LI) {
                addCut(text, true);
            } else {
                escape(text);
            }
            break;
        case MD_TEXT_HTML:
        case MD_TEXT_LATEXMATH:
            escape(text);
            break;
        }
    }

    int m_depth = 0; // of the quotes and lists entered
    QList<Open> m_open;
    int m_topBlocks = 0;
    bool m_cutPending = false;
};

} // namespace

namespace {

Renderer rendered(const QString& markdown, qsizetype pieceLength)
{
    const QByteArray text = markdown.toUtf8();
    MD_PARSER parser{};
    parser.flags =
        MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEURLAUTOLINKS;
    parser.enter_block = &Renderer::enterBlock;
    parser.leave_block = &Renderer::leaveBlock;
    parser.enter_span = &Renderer::enterSpan;
    parser.leave_span = &Renderer::leaveSpan;
    parser.text = &Renderer::text;
    Renderer renderer;
    renderer.pieceLength = pieceLength;
    renderer.html.reserve(text.size() + text.size() / 4);
    md_parse(text.constData(), MD_SIZE(text.size()), &parser, &renderer);
    return renderer;
}

} // namespace

QString markdownToHtml(const QString& markdown)
{
    return QString::fromUtf8(rendered(markdown, 0).html);
}

QStringList markdownToHtmlPieces(const QString& markdown, qsizetype pieceLength)
{
    const Renderer renderer = rendered(markdown, pieceLength);
    QStringList pieces;
    qsizetype start = 0;
    for (const qsizetype cut : renderer.cuts) {
        if (cut > start) {
            pieces << QString::fromUtf8(renderer.html.sliced(start, cut - start));
        }
        start = cut;
    }
    if (start < renderer.html.size() || pieces.isEmpty()) {
        pieces << QString::fromUtf8(renderer.html.sliced(start));
    }
    return pieces;
}

} // namespace chasm
