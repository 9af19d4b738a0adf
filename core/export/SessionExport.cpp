#include "SessionExport.h"

#include "ControlCharacters.h"
#include "ExportFile.h"
#include "MarkdownHtml.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "providers/ProviderRegistry.h"
#include "util/RegularFile.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <boost/json/serialize.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A fence longer than any run of backticks in the text, so that code inside stays inside.
QString fenced(const QString& text, const QString& language = {})
{
    static const QRegularExpression runs(u"`{3,}"_s);
    qsizetype longest = 2;
    for (auto it = runs.globalMatch(text); it.hasNext();) {
        longest = std::max(longest, it.next().capturedLength());
    }
    const QString fence(longest + 1, u'`');
    return fence + language + u'\n' + text + (text.endsWith(u'\n') ? u""_s : u"\n"_s) + fence + u'\n';
}

QString when(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s) : QString();
}

QString roleTitle(Role role)
{
    QString name = roleName(role);
    name[0] = name.at(0).toUpper();
    return name;
}

// What a transcript says of a session at its top; the session id between `quote`s. The tool by its id
// (Markdown, which tools read again) or by its name for people (HTML and PDF).
enum class ToolAs
{
    Id,
    Name
};
QStringList factsOf(const Session& s, const QString& quote, ToolAs tool = ToolAs::Id)
{
    QStringList facts{u"Provider: "_s + (tool == ToolAs::Name ? SessionExport::toolName(s.provider) : s.provider)};
    if (!s.projectPath.isEmpty()) {
        facts << u"Project: "_s + s.projectPath;
    }
    facts << u"Session: "_s + quote + s.id + quote;
    if (s.createdAt.isValid() || s.updatedAt.isValid()) {
        facts << u"Time: "_s + when(s.createdAt) + u" – "_s + when(s.updatedAt);
    }
    facts << u"Messages: "_s + QString::number(s.conversationMessageCount());
    if (!s.model.isEmpty()) {
        facts << u"Model: "_s + s.model;
    }
    return facts;
}

// A message's heading in a transcript: role, model, time.
QString headingOf(const Message& m)
{
    QStringList heading{roleTitle(m.role)};
    if (!m.model.isEmpty()) {
        heading << m.model;
    }
    if (m.timestamp.isValid()) {
        heading << when(m.timestamp);
    }
    return heading.join(u" · "_s);
}

std::string messageLine(const Session& session, qsizetype index)
{
    const Message& m = session.messages.at(index);
    boost::json::object o;
    o["session_id"] = json::fromQString(session.id);
    o["index"] = index;
    for (const auto& field : shapes::message(m)) {
        o[field.key()] = field.value();
    }
    return boost::json::serialize(o) + '\n';
}

SessionExport::PdfRenderer& pdfRenderer()
{
    static SessionExport::PdfRenderer renderer;
    return renderer;
}

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
QString csvField(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r')) {
        return text;
    }
    return u'"' + QString(text).replace(u'"', u"\"\""_s) + u'"';
}

const QString csvHeader =
    u"session_id,title,provider,project,index,role,timestamp,model,content,tool_calls,error\r\n"_s;

QString csvRows(const Session& session)
{
    QString rows;
    for (qsizetype i = 0; i < session.messages.size(); ++i) {
        const Message& m = session.messages.at(i);
        QStringList tools;
        for (const ToolCall& call : m.toolCalls) {
            tools << call.name;
        }
        const QStringList fields{session.id,
                                 session.title,
                                 session.provider,
                                 session.projectPath,
                                 QString::number(i),
                                 roleName(m.role),
                                 m.timestamp.isValid() ? m.timestamp.toUTC().toString(Qt::ISODateWithMs) : QString(),
                                 m.model,
                                 m.content,
                                 tools.join(u"; "_s),
                                 m.error};
        QStringList quoted;
        for (const QString& field : fields) {
            quoted << csvField(field);
        }
        rows += quoted.join(u',') + u"\r\n"_s;
    }
    return rows;
}

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString htmlHead(const QString& title)
{
    return u"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>"_s + escaped(title) +
           u"</title>\n<style>\n"
           "body { font-family: sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.45; }\n"
           "section.message { border-top: 1px solid #ccc; padding: 0.5em 0; }\n"
           "section.message h3 { font-size: 0.95em; color: #555; margin: 0.5em 0; }\n"
           "section.user h3 { color: #0b5394; }\n"
           "pre { background: #f4f4f4; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; }\n"
           "code { font-family: monospace; }\n"
           "table { border-collapse: collapse; }\n"
           "th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; }\n"
           "blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; color: #444; }\n"
           ".error { color: #a00; }\n"
           "</style>\n</head>\n<body>\n"_s;
}

const QString htmlTail = u"</body>\n</html>\n"_s;

// What a transcript format (md, csv, html) writes of its text.
QByteArray transcriptBytes(const QString& text)
{
    return withoutControlCharacters(text).toUtf8();
}

// Pieces of a PDF's HTML: a message longer than this is handed to the typesetter in parts (QTextDocument
// lays out positions in 26.6 fixed point, which a few thousand pages overflow; see PdfRenderer.cpp).
constexpr qsizetype pdfPieceLength = 16 * 1024;

// Text cut into parts of at most `length` characters, between lines where it can (the line feed
// dropped, as the parts go into blocks of their own), else inside a long line, never inside a surrogate
// pair. One part when `length` is 0.
QStringList linesCut(const QString& text, qsizetype length)
{
    if (length <= 0 || text.size() <= length) {
        return {text};
    }
    QStringList parts;
    qsizetype start = 0;
    while (text.size() - start > length) {
        const qsizetype lineFeed = text.lastIndexOf(u'\n', start + length - 1);
        if (lineFeed >= start) {
            parts << text.mid(start, lineFeed - start);
            start = lineFeed + 1;
            continue;
        }
        qsizetype cut = start + length;
        if (text.at(cut).isLowSurrogate()) {
            --cut;
        }
        parts << text.mid(start, cut - start);
        start = cut;
    }
    parts << text.mid(start);
    return parts;
}

using HtmlPiece = std::function<std::optional<Error>(const QString& html, qsizetype message)>;

// A session's part of an HTML transcript, handed on in pieces that end between elements: its heading
// (message -1), then each message. With a `pieceLength`, a message longer than that comes in several:
// its text cut as markdownToHtmlPieces does, its tools' input and output between lines, each part a
// <pre> of its own. Without one, the pieces joined are the HTML export's <article>.
std::optional<Error> htmlPieces(const Session& s, qsizetype pieceLength, const HtmlPiece& take)
{
    QString heading = u"<article class=\"session\">\n<h1>"_s + escaped(s.title) + u"</h1>\n<ul class=\"facts\">\n"_s;
    for (const QString& fact : factsOf(s, {}, ToolAs::Name)) {
        heading += u"<li>"_s + escaped(fact) + u"</li>\n"_s;
    }
    heading += u"</ul>\n"_s;
    if (auto error = take(heading, -1)) {
        return error;
    }
    for (qsizetype i = 0; i < s.messages.size(); ++i) {
        const Message& m = s.messages.at(i);
        QString piece;
        std::optional<Error> error;
        const auto append = [&](const QString& html) {
            piece += html;
            if (pieceLength > 0 && piece.size() >= pieceLength && !error) {
                error = take(piece, i);
                piece.clear();
            }
        };
        const auto preformatted = [&](const QString& text) {
            for (const QString& part : linesCut(text, pieceLength)) {
                append(u"<pre><code>"_s + escaped(part) + u"</code></pre>\n"_s);
            }
        };
        append(u"<section class=\"message %1\">\n<h3>%2</h3>\n"_s.arg(roleName(m.role), escaped(headingOf(m))));
        if (pieceLength > 0 && m.content.size() > pieceLength) {
            for (const QString& part : markdownToHtmlPieces(m.content, pieceLength)) {
                append(part);
            }
        } else {
            append(markdownToHtml(m.content));
        }
        if (!m.error.isEmpty()) {
            append(u"<p class=\"error\">Error: "_s + escaped(m.error) + u"</p>\n"_s);
        }
        for (const ToolCall& call : m.toolCalls) {
            append(u"<details>\n<summary>Tool: "_s + escaped(call.name) +
                   (call.status.isEmpty() ? QString() : u" ("_s + escaped(call.status) + u')') + u"</summary>\n"_s);
            if (!call.input.isEmpty()) {
                append(u"<p>Input:</p>\n"_s);
                preformatted(call.input);
            }
            if (!call.output.isEmpty()) {
                append(u"<p>Output:</p>\n"_s);
                preformatted(call.output);
            }
            append(u"</details>\n"_s);
        }
        piece += u"</section>\n"_s;
        if (error) {
            return error;
        }
        if (auto failed = take(piece, i)) {
            return failed;
        }
    }
    return take(u"</article>\n"_s, s.messages.size() - 1);
}

// Hands a session to a PDF typesetter, a piece at a time.
std::optional<Error> typeset(const Session& session, SessionExport::PdfTypesetter& pdf)
{
    return htmlPieces(session, pdfPieceLength, [&](const QString& html, qsizetype message) {
        const QString where = message < 0 ? u"the heading of %1"_s.arg(session.id)
                                          : u"message %1 of %2"_s.arg(QString::number(message + 1), session.id);
        return pdf.add(withoutControlCharacters(html), where);
    });
}

// One session as a PDF of its own, written to a device as it is typeset.
std::optional<Error> writePdf(const Session& session, QIODevice& device)
{
    const QString title = withoutControlCharacters(session.title);
    auto pdf = pdfRenderer()(device, title, withoutControlCharacters(htmlHead(title)));
    if (!pdf) {
        return pdf.error();
    }
    if (auto error = typeset(session, **pdf)) {
        return error;
    }
    return (*pdf)->finish();
}

} // namespace

std::optional<SessionExport::Format> SessionExport::formatNamed(const QString& name)
{
    if (name == u"json"_s) {
        return Format::Json;
    }
    if (name == u"jsonl"_s) {
        return Format::Jsonl;
    }
    if (name == u"md"_s || name == u"markdown"_s) {
        return Format::Markdown;
    }
    if (name == u"csv"_s) {
        return Format::Csv;
    }
    if (name == u"html"_s) {
        return Format::Html;
    }
    if (name == u"pdf"_s) {
        return Format::Pdf;
    }
    return std::nullopt;
}

QString SessionExport::toolName(const QString& provider)
{
    const Provider* known = ProviderRegistry::standard().find(provider);
    if (!known) {
        return provider;
    }
    QString name = known->displayName();
    name = name.left(name.indexOf(u" ("_s)); // the whole name when it lists nothing
    if (name.endsWith(u" Chat"_s)) {
        name.chop(5);
    }
    return name;
}

QString SessionExport::formatNames()
{
    return u"json, jsonl, md, csv, html or pdf"_s;
}

Result<QList<Session>> SessionExport::readJson(const QString& path)
{
    auto value = json::parseFile(path);
    if (!value) {
        return value.error();
    }
    QList<Session> sessions;
    const auto add = [&](const boost::json::value& item) -> std::optional<Error> {
        auto session = shapes::sessionFromJson(item);
        if (!session) {
            return Error{u"%1 (session %2): %3"_s.arg(path).arg(sessions.size() + 1).arg(session.error().message)};
        }
        sessions.append(std::move(*session));
        return std::nullopt;
    };
    if (value->is_array()) {
        for (const boost::json::value& item : value->get_array()) {
            if (auto error = add(item)) {
                return *error;
            }
        }
    } else if (auto error = add(*value)) {
        return *error;
    }
    if (sessions.isEmpty()) {
        return Error{u"%1 holds no sessions"_s.arg(path)};
    }
    return sessions;
}

bool SessionExport::isJsonExport(const QString& path)
{
    QFile file;
    if (RegularFile::open(file, path)) {
        return false;
    }
    QByteArray head = file.read(4096);
    head.removeIf([](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    if (head.startsWith('[')) {
        head.remove(0, 1);
    }
    return head.startsWith("{\"id\":\"") && head.contains("\",\"native_id\":");
}

void SessionExport::setPdfRenderer(PdfRenderer renderer)
{
    pdfRenderer() = std::move(renderer);
}

QString SessionExport::extension(Format format)
{
    switch (format) {
    case Format::Json:
        return u"json"_s;
    case Format::Jsonl:
        return u"jsonl"_s;
    case Format::Markdown:
        return u"md"_s;
    case Format::Csv:
        return u"csv"_s;
    case Format::Html:
        return u"html"_s;
    case Format::Pdf:
        return u"pdf"_s;
    }
    return {};
}

QString SessionExport::markdown(const Session& s)
{
    QString md = u"# "_s + s.title + u"\n\n"_s;
    for (const QString& fact : factsOf(s, u"`"_s)) {
        md += u"- "_s + fact + u'\n';
    }
    for (const Message& m : s.messages) {
        const QString heading = headingOf(m);
        md += u"\n---\n\n### "_s + heading + u"\n\n"_s;
        if (!m.content.isEmpty()) {
            md += m.content + (m.content.endsWith(u'\n') ? u""_s : u"\n"_s);
        }
        if (!m.error.isEmpty()) {
            md += u"\n> Error: "_s + m.error + u'\n';
        }
        for (const ToolCall& call : m.toolCalls) {
            md += u"\n<details><summary>Tool: "_s + call.name.toHtmlEscaped() +
                  (call.status.isEmpty() ? QString() : u" ("_s + call.status + u')') + u"</summary>\n\n"_s;
            if (!call.input.isEmpty()) {
                md += u"Input:\n\n"_s + fenced(call.input) + u'\n';
            }
            if (!call.output.isEmpty()) {
                md += u"Output:\n\n"_s + fenced(call.output) + u'\n';
            }
            md += u"</details>\n"_s;
        }
    }
    return withoutControlCharacters(md);
}

QString SessionExport::html(const Session& s)
{
    QString html;
    htmlPieces(s, 0, [&html](const QString& piece, qsizetype) {
        html += piece;
        return std::nullopt;
    });
    return html;
}

Result<QByteArray> SessionExport::render(const Session& session, Format format)
{
    switch (format) {
    case Format::Json:
        return QByteArray(QByteArray::fromStdString(boost::json::serialize(shapes::session(session))) + '\n');
    case Format::Jsonl: {
        QByteArray lines;
        for (qsizetype i = 0; i < session.messages.size(); ++i) {
            lines += QByteArray::fromStdString(messageLine(session, i));
        }
        return lines;
    }
    case Format::Markdown:
        return markdown(session).toUtf8();
    case Format::Csv:
        return transcriptBytes(csvHeader + csvRows(session));
    case Format::Html:
        return transcriptBytes(htmlHead(session.title) + html(session) + htmlTail);
    case Format::Pdf: {
        if (!pdfRenderer()) {
            return Error{u"PDF export needs Qt's GUI module, which this program does not load"_s};
        }
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (auto error = writePdf(session, buffer)) {
            return *error;
        }
        return buffer.data();
    }
    }
    return QByteArray();
}

QString SessionExport::fileName(const Session& session, Format format)
{
    const QDateTime time = session.createdAt.isValid() ? session.createdAt : session.updatedAt;
    const QString date = time.isValid() ? time.toUTC().toString(u"yyyy-MM-dd"_s) : u"undated"_s;
    static const QRegularExpression notWord(u"[^\\p{L}\\p{N}]+"_s);
    QString slug = session.title.toLower().replace(notWord, u"-"_s);
    slug = slug.mid(slug.startsWith(u'-') ? 1 : 0).left(48);
    while (slug.endsWith(u'-')) {
        slug.chop(1);
    }
    const QString id = session.nativeId.isEmpty() ? session.id.section(u':', 1) : session.nativeId;
    QString shortId = id.left(8);
    shortId.replace(notWord, u"-"_s);
    return date + (slug.isEmpty() ? QString() : u'-' + slug) + u'-' + shortId + u'.' + extension(format);
}

SessionExport::SessionExport(const QString& destination, Format format)
    : m_destination(destination)
    , m_format(format)
{}

SessionExport::~SessionExport() = default;

Result<std::unique_ptr<SessionExport>> SessionExport::open(const QString& destination, Format format)
{
    std::unique_ptr<SessionExport> out(new SessionExport(destination, format));
    if (format == Format::Pdf && !pdfRenderer()) {
        return Error{u"PDF export needs Qt's GUI module, which this program does not load"_s};
    }
    if (!destination.endsWith(u'.' + extension(format), Qt::CaseInsensitive)) {
        if (!QDir().mkpath(destination)) {
            return Error{u"cannot create the folder %1"_s.arg(destination)};
        }
        return out;
    }
    if (!ExportFile::taken(destination) && !QDir().mkpath(QFileInfo(destination).absolutePath())) {
        return Error{u"cannot create the folder of %1"_s.arg(destination)};
    }
    out->m_single = std::make_unique<ExportFile>(destination, ExportFile::Naming::Exact);
    if (auto error = out->m_single->open()) {
        return *error;
    }
    const QString title = withoutControlCharacters(out->singleTitle());
    if (format == Format::Pdf) {
        auto pdf = pdfRenderer()(out->m_single->device(), title, withoutControlCharacters(htmlHead(title)));
        if (!pdf) {
            return Error{u"cannot write %1: %2"_s.arg(destination, pdf.error().message)};
        }
        out->m_pdf = std::move(*pdf);
    }
    const QByteArray prefix = format == Format::Json   ? QByteArray("[\n")
                              : format == Format::Csv  ? csvHeader.toUtf8()
                              : format == Format::Html ? transcriptBytes(htmlHead(title))
                                                       : QByteArray();
    if (auto error = out->m_single->write(prefix)) {
        return *error;
    }
    return out;
}

QString SessionExport::singleTitle() const
{
    return QFileInfo(m_destination).completeBaseName();
}

std::optional<Error> SessionExport::add(const Session& session)
{
    if (m_single) {
        // The session's part of the one file: its prefix and suffix are written by open and finish.
        QByteArray bytes;
        switch (m_format) {
        case Format::Json:
            bytes = (m_count > 0 ? ",\n" : "") +
                    QByteArray::fromStdString(boost::json::serialize(shapes::session(session)));
            break;
        case Format::Markdown:
            bytes = (m_count > 0 ? "\n\n" : "") + markdown(session).toUtf8();
            break;
        case Format::Csv:
            bytes = transcriptBytes(csvRows(session));
            break;
        case Format::Html:
            bytes = transcriptBytes(html(session));
            break;
        case Format::Pdf:
            if (auto error = typeset(session, *m_pdf)) {
                return Error{u"cannot write %1: %2"_s.arg(m_destination, error->message)};
            }
            break;
        case Format::Jsonl:
            bytes = *render(session, m_format);
            break;
        }
        ++m_count;
        return m_single->write(bytes);
    }
    // A file of its own in the folder. Its name is made of the session's date, title and id, reduced to
    // letters, digits and "-" (fileName), so that no title or id from a session file can lead elsewhere.
    const QString path = QDir(m_destination).filePath(fileName(session, m_format));
    ExportFile file(path, ExportFile::Naming::Numbered);
    if (auto error = file.open()) {
        return error;
    }
    if (m_format == Format::Pdf) {
        if (auto error = writePdf(session, file.device())) {
            return Error{u"cannot write %1: %2"_s.arg(path, error->message)};
        }
    } else {
        auto rendered = render(session, m_format);
        if (!rendered) {
            return rendered.error();
        }
        if (auto error = file.write(*rendered)) {
            return error;
        }
    }
    auto written = file.commit();
    if (!written) {
        return written.error();
    }
    m_written << *written;
    ++m_count;
    return std::nullopt;
}

Result<QStringList> SessionExport::finish()
{
    if (m_single) {
        std::optional<Error> error;
        if (m_format == Format::Json) {
            error = m_single->write("]\n");
        } else if (m_format == Format::Html) {
            error = m_single->write(htmlTail.toUtf8());
        } else if (m_pdf) {
            if (auto failed = m_pdf->finish()) {
                error = Error{u"cannot write %1: %2"_s.arg(m_destination, failed->message)};
            }
            m_pdf.reset();
        }
        if (error) {
            return *error;
        }
        auto path = m_single->commit();
        if (!path) {
            return path.error();
        }
        m_written << *path;
        m_single.reset();
    }
    return m_written;
}

} // namespace chasm
