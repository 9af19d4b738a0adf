#include "SessionExport.h"

#include "json/Json.h"
#include "model/ModelJson.h"

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
    return std::nullopt;
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
    }
    return {};
}

QString SessionExport::markdown(const Session& s)
{
    QString md = u"# "_s + s.title + u"\n\n"_s;
    QStringList facts{u"Provider: "_s + s.provider};
    if (!s.projectPath.isEmpty()) {
        facts << u"Project: "_s + s.projectPath;
    }
    facts << u"Session: `"_s + s.id + u'`';
    if (s.createdAt.isValid() || s.updatedAt.isValid()) {
        facts << u"Time: "_s + when(s.createdAt) + u" – "_s + when(s.updatedAt);
    }
    facts << u"Messages: "_s + QString::number(s.conversationMessageCount());
    if (!s.model.isEmpty()) {
        facts << u"Model: "_s + s.model;
    }
    for (const QString& fact : facts) {
        md += u"- "_s + fact + u'\n';
    }
    for (const Message& m : s.messages) {
        QStringList heading{roleTitle(m.role)};
        if (!m.model.isEmpty()) {
            heading << m.model;
        }
        if (m.timestamp.isValid()) {
            heading << when(m.timestamp);
        }
        md += u"\n---\n\n### "_s + heading.join(u" · "_s) + u"\n\n"_s;
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
    return md;
}

QByteArray SessionExport::render(const Session& session, Format format)
{
    switch (format) {
    case Format::Json:
        return QByteArray::fromStdString(boost::json::serialize(shapes::session(session))) + '\n';
    case Format::Jsonl: {
        QByteArray lines;
        for (qsizetype i = 0; i < session.messages.size(); ++i) {
            lines += QByteArray::fromStdString(messageLine(session, i));
        }
        return lines;
    }
    case Format::Markdown:
        return markdown(session).toUtf8();
    }
    return {};
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
    if (destination.endsWith(u'.' + extension(format), Qt::CaseInsensitive)) {
        if (QFileInfo::exists(destination)) {
            return Error{u"%1 exists already; choose another name (nothing is overwritten)"_s.arg(destination)};
        }
        if (!QDir().mkpath(QFileInfo(destination).absolutePath())) {
            return Error{u"cannot create the folder of %1"_s.arg(destination)};
        }
        out->m_single = std::make_unique<QSaveFile>(destination);
        if (!out->m_single->open(QIODevice::WriteOnly)) {
            return Error{u"cannot write %1: %2"_s.arg(destination, out->m_single->errorString())};
        }
        if (format == Format::Json) {
            out->m_single->write("[\n");
        }
    } else if (!QDir().mkpath(destination)) {
        return Error{u"cannot create the folder %1"_s.arg(destination)};
    }
    return out;
}

std::optional<Error> SessionExport::add(const Session& session)
{
    QByteArray bytes = render(session, m_format);
    if (m_single) {
        if (m_count > 0) {
            bytes.prepend(m_format == Format::Json ? ",\n" : m_format == Format::Markdown ? "\n\n" : "");
        }
        ++m_count;
        if (m_single->write(bytes) != bytes.size()) {
            return Error{u"cannot write %1: %2"_s.arg(m_destination, m_single->errorString())};
        }
        return std::nullopt;
    }
    const QString name = fileName(session, m_format);
    QString path = QDir(m_destination).filePath(name);
    for (int n = 2; QFileInfo::exists(path); ++n) {
        path = QDir(m_destination)
                   .filePath(QFileInfo(name).completeBaseName() + u"-%1."_s.arg(n) + QFileInfo(name).suffix());
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    }
    m_written << path;
    ++m_count;
    return std::nullopt;
}

Result<QStringList> SessionExport::finish()
{
    if (m_single) {
        if (m_format == Format::Json) {
            m_single->write("]\n");
        }
        if (!m_single->commit()) {
            return Error{u"cannot write %1: %2"_s.arg(m_destination, m_single->errorString())};
        }
        m_written << m_destination;
        m_single.reset();
    }
    return m_written;
}

} // namespace chasm
