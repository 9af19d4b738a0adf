// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionExport.h"

#include "ControlCharacters.h"
#include "ExportFile.h"
#include "MarkdownHtml.h"

#include "json/Json.h"
#include "model/ModelJson.h"
#include "model/SessionJsonWriter.h"
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
QStringList factsOf(const Session& s, int conversationMessages, const QString& quote, ToolAs tool = ToolAs::Id)
{
    QStringList facts{u"Provider: "_s + (tool == ToolAs::Name ? SessionExport::toolName(s.provider) : s.provider)};
    if (!s.projectPath.isEmpty()) {
        facts << u"Project: "_s + s.projectPath;
    }
    facts << u"Session: "_s + quote + s.id + quote;
    if (s.createdAt.isValid() || s.updatedAt.isValid()) {
        facts << u"Time: "_s + when(s.createdAt) + u" – "_s + when(s.updatedAt);
    }
    facts << u"Messages: "_s + QString::number(conversationMessages);
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

std::string messageLine(const QString& sessionId, qsizetype index, const Message& m)
{
    boost::json::object o;
    o["session_id"] = json::fromQString(sessionId);
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

// The row of message `i` of a session.
QString csvRow(const Session& session, qsizetype i, const Message& m)
{
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
    return quoted.join(u',') + u"\r\n"_s;
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
// (message -1), then each message (htmlMessage), then "</article>\n". Without a `pieceLength`, the pieces joined
// are the HTML export's <article>.
QString htmlHeading(const Session& s, int conversationMessages)
{
    QString heading = u"<article class=\"session\">\n<h1>"_s + escaped(s.title) + u"</h1>\n<ul class=\"facts\">\n"_s;
    for (const QString& fact : factsOf(s, conversationMessages, {}, ToolAs::Name)) {
        heading += u"<li>"_s + escaped(fact) + u"</li>\n"_s;
    }
    return heading + u"</ul>\n"_s;
}

const QString htmlArticleEnd = u"</article>\n"_s;

// Message `i`'s pieces. With a `pieceLength`, a message longer than that comes in several: its text cut as
// markdownToHtmlPieces does, its tools' input and output between lines, each part a <pre> of its own.
std::optional<Error> htmlMessage(const Message& m, qsizetype i, qsizetype pieceLength, const HtmlPiece& take)
{
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
    return take(piece, i);
}

// Where a piece of a PDF is, in its errors.
QString pdfPlace(const QString& sessionId, qsizetype message)
{
    return message < 0 ? u"the heading of %1"_s.arg(sessionId)
                       : u"message %1 of %2"_s.arg(QString::number(message + 1), sessionId);
}

// The Markdown transcript's start, and each message's part (control characters as they are).
QString markdownHead(const Session& s, int conversationMessages)
{
    QString md = u"# "_s + s.title + u"\n\n"_s;
    for (const QString& fact : factsOf(s, conversationMessages, u"`"_s)) {
        md += u"- "_s + fact + u'\n';
    }
    return md;
}

QString markdownMessage(const Message& m)
{
    QString md = u"\n---\n\n### "_s + headingOf(m) + u"\n\n"_s;
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
    return md;
}

using Write = std::function<std::optional<Error>(QByteArrayView bytes)>;

} // namespace

// One session in a format, written as it is read: a document of its own (onto `device`, which PDF is typeset onto),
// or, without a device, a part of a file of several sessions (`separated` from those before it, PDF typeset into
// `pdf`). Errors of PDF name `name`.
class SessionExport::Writer final : public SessionSink
{
public:
    Writer(Format format, QIODevice& device, Write write, QString name = {})
        : m_format(format)
        , m_write(std::move(write))
        , m_device(&device)
        , m_name(std::move(name))
    {}
    Writer(Format format, Write write, bool separated, PdfTypesetter* pdf, QString name)
        : m_format(format)
        , m_write(std::move(write))
        , m_separated(separated)
        , m_pdf(pdf)
        , m_name(std::move(name))
    {}

    std::optional<Error> begin(const Session& header, int conversationMessages) override
    {
        m_header = header;
        m_index = 0;
        const bool document = m_device != nullptr;
        switch (m_format) {
        case Format::Json:
            if (m_separated) {
                if (auto error = m_write(",\n")) {
                    return error;
                }
            }
            m_json = std::make_unique<SessionJsonWriter>(
                [this](std::string_view text) { return m_write(QByteArrayView(text.data(), qsizetype(text.size()))); });
            return m_json->begin(header, conversationMessages);
        case Format::Jsonl:
            return std::nullopt;
        case Format::Markdown:
            return m_write(QByteArray(QByteArray(m_separated ? "\n\n" : "") +
                                      withoutControlCharacters(markdownHead(header, conversationMessages)).toUtf8()));
        case Format::Csv:
            return document ? m_write(transcriptBytes(csvHeader)) : std::nullopt;
        case Format::Html:
            return m_write(transcriptBytes((document ? htmlHead(header.title) : QString()) +
                                           htmlHeading(header, conversationMessages)));
        case Format::Pdf:
            if (document) {
                const QString title = withoutControlCharacters(header.title);
                auto pdf = pdfRenderer()(*m_device, title, withoutControlCharacters(htmlHead(title)));
                if (!pdf) {
                    return named(pdf.error());
                }
                m_ownPdf = std::move(*pdf);
                m_pdf = m_ownPdf.get();
            }
            return typeset(htmlHeading(header, conversationMessages), -1);
        }
        return std::nullopt;
    }

    std::optional<Error> add(QList<Message>&& messages) override
    {
        if (m_format == Format::Json) {
            m_index += messages.size();
            return m_json->add(std::move(messages));
        }
        // One buffer for every batch: a new one would be mapped anew each time (the allocator maps blocks past
        // 128 KiB), which cost jsonl and Markdown more time than writing them.
        QByteArray& bytes = m_bytes;
        bytes.resize(0);
        for (const Message& m : std::as_const(messages)) {
            std::optional<Error> error;
            switch (m_format) {
            case Format::Json:
                break;
            case Format::Jsonl:
                bytes += QByteArray::fromStdString(messageLine(m_header.id, m_index, m));
                break;
            case Format::Markdown:
                bytes += withoutControlCharacters(markdownMessage(m)).toUtf8();
                break;
            case Format::Csv:
                bytes += transcriptBytes(csvRow(m_header, m_index, m));
                break;
            case Format::Html:
                htmlMessage(m, m_index, 0, [&bytes](const QString& html, qsizetype) {
                    bytes += transcriptBytes(html);
                    return std::nullopt;
                });
                break;
            case Format::Pdf:
                error = htmlMessage(m, m_index, pdfPieceLength,
                                    [this](const QString& html, qsizetype i) { return typeset(html, i); });
                break;
            }
            if (error) {
                return error;
            }
            ++m_index;
        }
        return bytes.isEmpty() ? std::nullopt : m_write(bytes);
    }

    std::optional<Error> end(const QStringList& filesReferenced) override
    {
        const bool document = m_device != nullptr;
        switch (m_format) {
        case Format::Json:
            if (auto error = m_json->end(filesReferenced)) {
                return error;
            }
            return document ? m_write("\n") : std::nullopt;
        case Format::Html:
            return m_write(transcriptBytes(htmlArticleEnd + (document ? htmlTail : QString())));
        case Format::Pdf:
            if (auto error = typeset(htmlArticleEnd, m_index - 1)) {
                return error;
            }
            if (m_ownPdf) {
                if (auto error = m_ownPdf->finish()) {
                    return named(*error);
                }
            }
            return std::nullopt;
        case Format::Jsonl:
        case Format::Markdown:
        case Format::Csv:
            break;
        }
        return std::nullopt;
    }

private:
    std::optional<Error> typeset(const QString& html, qsizetype message)
    {
        if (auto error = m_pdf->add(withoutControlCharacters(html), pdfPlace(m_header.id, message))) {
            return named(*error);
        }
        return std::nullopt;
    }
    Error named(const Error& error) const
    {
        return m_name.isEmpty() ? error : Error{u"cannot write %1: %2"_s.arg(m_name, error.message)};
    }

    const Format m_format;
    const Write m_write;
    QIODevice* m_device = nullptr;
    bool m_separated = false;
    PdfTypesetter* m_pdf = nullptr;
    std::unique_ptr<PdfTypesetter> m_ownPdf;
    const QString m_name;
    Session m_header;
    qsizetype m_index = 0;
    std::unique_ptr<SessionJsonWriter> m_json;
    QByteArray m_bytes;
};

// One session of an export, as it is read: its part of the one file, or a file of its own in the folder.
class SessionExport::Part final : public SessionSink
{
public:
    explicit Part(SessionExport& out)
        : m_out(out)
    {}

    std::optional<Error> begin(const Session& header, int conversationMessages) override
    {
        if (m_out.m_single) {
            ExportFile& file = *m_out.m_single;
            m_writer = std::make_unique<Writer>(
                m_out.m_format, [&file](QByteArrayView bytes) { return file.write(bytes); }, m_out.m_count > 0,
                m_out.m_pdf.get(), m_out.m_destination);
        } else {
            // Named after the session's date, title and id, reduced to letters, digits and "-" (fileName), so
            // that no title or id from a session file can lead elsewhere.
            const QString path = QDir(m_out.m_destination).filePath(fileName(header, m_out.m_format));
            m_file = std::make_unique<ExportFile>(path, ExportFile::Naming::Numbered);
            if (auto error = m_file->open()) {
                return error;
            }
            ExportFile& file = *m_file;
            m_writer = std::make_unique<Writer>(
                m_out.m_format, file.device(), [&file](QByteArrayView bytes) { return file.write(bytes); }, path);
        }
        return m_writer->begin(header, conversationMessages);
    }
    std::optional<Error> add(QList<Message>&& messages) override { return m_writer->add(std::move(messages)); }
    std::optional<Error> end(const QStringList& filesReferenced) override
    {
        if (auto error = m_writer->end(filesReferenced)) {
            return error;
        }
        if (m_file) {
            auto written = m_file->commit();
            if (!written) {
                return written.error();
            }
            m_out.m_written << *written;
        }
        ++m_out.m_count;
        return std::nullopt;
    }

private:
    SessionExport& m_out;
    std::unique_ptr<ExportFile> m_file; // not committed, removed: a session that failed halfway leaves nothing
    std::unique_ptr<Writer> m_writer;
};

namespace {} // namespace

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
    QString md = markdownHead(s, s.conversationMessageCount());
    for (const Message& m : s.messages) {
        md += markdownMessage(m);
    }
    return withoutControlCharacters(md);
}

QString SessionExport::html(const Session& s)
{
    QString html = htmlHeading(s, s.conversationMessageCount());
    for (qsizetype i = 0; i < s.messages.size(); ++i) {
        htmlMessage(s.messages.at(i), i, 0, [&html](const QString& piece, qsizetype) {
            html += piece;
            return std::nullopt;
        });
    }
    return html + htmlArticleEnd;
}

Result<QByteArray> SessionExport::render(const Session& session, Format format)
{
    if (format == Format::Pdf && !pdfRenderer()) {
        return Error{u"PDF export needs Qt's GUI module, which this program does not load"_s};
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Writer writer(format, buffer, [&buffer](QByteArrayView bytes) {
        buffer.write(bytes.data(), bytes.size());
        return std::optional<Error>();
    });
    if (auto error = SessionSink::feed(session, writer)) {
        return *error;
    }
    return buffer.data();
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

std::unique_ptr<SessionSink> SessionExport::session()
{
    return std::make_unique<Part>(*this);
}

std::optional<Error> SessionExport::add(const Session& session)
{
    Part part(*this);
    return SessionSink::feed(session, part);
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
