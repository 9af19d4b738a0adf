#include "MarkdownHtml.h"

#include <md4c.h>

#include <QByteArray>

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

    static int enterBlock(MD_BLOCKTYPE type, void* detail, void* self)
    {
        static_cast<Renderer*>(self)->enter(type, detail);
        return 0;
    }
    static int leaveBlock(MD_BLOCKTYPE type, void* detail, void* self)
    {
        static_cast<Renderer*>(self)->leave(type, detail);
        return 0;
    }
    static int enterSpan(MD_SPANTYPE type, void* detail, void* self)
    {
        static_cast<Renderer*>(self)->enter(type, detail);
        return 0;
    }
    static int leaveSpan(MD_SPANTYPE type, void*, void* self)
    {
        static_cast<Renderer*>(self)->leave(type);
        return 0;
    }
    static int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self)
    {
        static_cast<Renderer*>(self)->add(type, QByteArrayView(text, qsizetype(size)));
        return 0;
    }

private:
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

    void leave(MD_BLOCKTYPE type, void* detail)
    {
        const bool shown = m_depth <= maxDepth;
        m_depth -= nests(type) ? 1 : 0;
        if (!shown && (nests(type) || type == MD_BLOCK_LI)) {
            return;
        }
        switch (type) {
        case MD_BLOCK_DOC:
        case MD_BLOCK_HTML:
        case MD_BLOCK_HR:
            break;
        case MD_BLOCK_QUOTE:
            html += "</blockquote>\n";
            break;
        case MD_BLOCK_UL:
            html += "</ul>\n";
            break;
        case MD_BLOCK_OL:
            html += "</ol>\n";
            break;
        case MD_BLOCK_LI:
            html += "</li>\n";
            break;
        case MD_BLOCK_H:
            html += "</h" + QByteArray::number(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level) + ">\n";
            break;
        case MD_BLOCK_CODE:
            if (html.endsWith('\n')) { // every line of a code block ends in one
                html.chop(1);
            }
            html += "</code></pre>\n";
            break;
        case MD_BLOCK_P:
            html += "</p>\n";
            break;
        case MD_BLOCK_TABLE:
            html += "</table>\n";
            break;
        case MD_BLOCK_THEAD:
            html += "</thead>\n";
            break;
        case MD_BLOCK_TBODY:
            html += "</tbody>\n";
            break;
        case MD_BLOCK_TR:
            html += "</tr>\n";
            break;
        case MD_BLOCK_TH:
            html += "</th>";
            break;
        case MD_BLOCK_TD:
            html += "</td>";
            break;
        }
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

    void leave(MD_SPANTYPE type)
    {
        switch (type) {
        case MD_SPAN_EM:
            html += "</em>";
            break;
        case MD_SPAN_STRONG:
            html += "</strong>";
            break;
        case MD_SPAN_CODE:
            html += "</code>";
            break;
        case MD_SPAN_DEL:
            html += "</s>";
            break;
        case MD_SPAN_A:
        case MD_SPAN_IMG:
            html += "</a>";
            break;
        case MD_SPAN_U:
        case MD_SPAN_LATEXMATH:
        case MD_SPAN_LATEXMATH_DISPLAY:
        case MD_SPAN_WIKILINK:
            break;
        }
    }

    void add(MD_TEXTTYPE type, QByteArrayView text)
    {
        switch (type) {
        case MD_TEXT_NULLCHAR:
            html += "\xEF\xBF\xBD";
            break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR:
            html += "<br>\n";
            break;
        case MD_TEXT_ENTITY:
            html += text; // a valid entity, as md4c recognised it
            break;
        case MD_TEXT_NORMAL:
        case MD_TEXT_CODE:
        case MD_TEXT_HTML:
        case MD_TEXT_LATEXMATH:
            escape(text);
            break;
        }
    }

    int m_depth = 0; // of the quotes and lists entered
};

} // namespace

QString markdownToHtml(const QString& markdown)
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
    renderer.html.reserve(text.size() + text.size() / 4);
    md_parse(text.constData(), MD_SIZE(text.size()), &parser, &renderer);
    return QString::fromUtf8(renderer.html);
}

} // namespace chasm
