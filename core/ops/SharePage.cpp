// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SharePage.h"

#include "json/Json.h"

#include <QRegularExpression>
#include <QStringDecoder>
#include <QTimeZone>

#include <boost/json/error.hpp>
#include <boost/json/stream_parser.hpp>

#include <unordered_map>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

namespace bj = boost::json;

// How deep the JSON of a page may nest, and a turbo-stream's references: far beyond what the services write, short of
// what would exhaust the stack.
constexpr int maxDepth = 128;

// 127.0.0.0/8, ::1, localhost (the core links no QtNetwork, which has QHostAddress).
bool isLoopback(const QString& host)
{
    static const QRegularExpression ipv4(u"^127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$"_s);
    return host == u"localhost"_s || host == u"::1"_s || ipv4.match(host).hasMatch();
}

bool isShareId(const QString& id)
{
    static const QRegularExpression shareId(u"^[A-Za-z0-9_-]{1,128}$"_s);
    return shareId.match(id).hasMatch();
}

// The JSON a page carries, parsed strictly: valid UTF-8 only, whole.
Result<bj::value> parseStrict(std::string_view text, const QString& what)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString decoded = utf8.decode(QByteArrayView(text.data(), qsizetype(text.size())));
    if (utf8.hasError()) {
        return Error{u"%1 is not valid UTF-8"_s.arg(what), ErrorKind::Invalid};
    }
    bj::parse_options options;
    options.max_depth = maxDepth;
    bj::stream_parser parser({}, options);
    boost::system::error_code ec;
    const std::size_t used = parser.write(text.data(), text.size(), ec);
    if (!ec) {
        parser.finish(ec);
    }
    if (ec == bj::error::incomplete) {
        return Error{
            u"%1 is cut off (it ends after %2 bytes, inside its JSON)"_s.arg(what, QString::number(text.size())),
            ErrorKind::Invalid};
    }
    if (ec) {
        return Error{u"%1 is not valid JSON: %2 (byte %3)"_s.arg(what, QString::fromStdString(ec.message()),
                                                                 QString::number(used)),
                     ErrorKind::Invalid};
    }
    return parser.release();
}

const bj::object* objectAt(const bj::value* value, std::string_view key)
{
    const bj::object* object = value ? value->if_object() : nullptr;
    const bj::value* found = object ? object->if_contains(key) : nullptr;
    return found ? found->if_object() : nullptr;
}

QString stringAt(const bj::object* object, std::string_view key)
{
    const bj::value* found = object ? object->if_contains(key) : nullptr;
    return found && found->is_string() ? json::toQString(found->get_string()) : QString();
}

// ChatGPT's times: seconds since the epoch, with a fraction.
QDateTime secondsTime(const bj::object* object, std::string_view key)
{
    const bj::value* found = object ? object->if_contains(key) : nullptr;
    if (!found || !found->is_number()) {
        return {};
    }
    boost::system::error_code ec;
    const double seconds = found->to_number<double>(ec);
    if (ec || seconds <= 0 || seconds > 1e11) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000), QTimeZone::utc());
}

// A React Router page's turbo-stream (https://github.com/jacob-ebey/turbo-stream), the value of its first line: a flat
// array whose element 0 is the root; an object's keys are "_N" (N: the index of the key's string) and its values,
// like an array's elements, indexes; negative indexes are null, undefined and the special numbers; an array that
// starts with a string is a typed value (a Date "D", a Promise "P", a Map…), of which only dates are kept.
class TurboStream
{
public:
    explicit TurboStream(const bj::array& flat)
        : m_flat(flat)
        , m_budget(8 * flat.size() + 100000)
    {}

    Result<bj::value> value(std::int64_t index, int depth = 0)
    {
        std::size_t size = 0;
        return value(index, depth, size);
    }

private:
    // `size`: how many values the result holds. A value referred to from several places is copied into each, so the
    // copies are counted against a budget: a page of references to references cannot grow without bound.
    Result<bj::value> value(std::int64_t index, int depth, std::size_t& size)
    {
        size = 1;
        if (index < 0) {
            return bj::value(nullptr);
        }
        if (std::uint64_t(index) >= m_flat.size()) {
            return Error{u"the page's stream refers past its end (index %1)"_s.arg(index), ErrorKind::Invalid};
        }
        if (depth > maxDepth) {
            return Error{u"the page's stream nests too deeply, or refers to itself"_s, ErrorKind::Invalid};
        }
        if (const auto done = m_done.find(index); done != m_done.end()) {
            size = done->second.second;
            if (!spend(size)) {
                return tooLarge();
            }
            return done->second.first;
        }
        const bj::value& element = m_flat[std::size_t(index)];
        if (const bj::array* array = element.if_array()) {
            auto made = arrayOf(*array, depth, size);
            if (!made) {
                return made.error();
            }
            return m_done.emplace(index, std::pair(std::move(made).value(), size)).first->second.first;
        }
        if (const bj::object* object = element.if_object()) {
            auto made = objectOf(*object, depth, size);
            if (!made) {
                return made.error();
            }
            return m_done.emplace(index, std::pair(std::move(made).value(), size)).first->second.first;
        }
        return element;
    }

    bool spend(std::size_t values)
    {
        m_spent += values;
        return m_spent <= m_budget;
    }

    static Error tooLarge()
    {
        return Error{u"the page's stream refers to its values too often to be read"_s, ErrorKind::TooLarge};
    }

    Result<bj::value> arrayOf(const bj::array& array, int depth, std::size_t& size)
    {
        if (!array.empty() && array.front().is_string()) {
            return array.front().get_string() == "D" && array.size() == 2 ? bj::value(array.back())
                                                                          : bj::value(nullptr);
        }
        bj::array made;
        made.reserve(array.size());
        for (const bj::value& element : array) {
            const auto index = json::integer(element);
            if (!index) {
                return Error{u"the page's stream holds an array that is not of references"_s, ErrorKind::Invalid};
            }
            std::size_t itemSize = 0;
            auto item = value(*index, depth + 1, itemSize);
            if (!item) {
                return item.error();
            }
            size += itemSize;
            made.push_back(std::move(item).value());
        }
        if (!spend(1)) {
            return tooLarge();
        }
        return bj::value(std::move(made));
    }

    Result<bj::value> objectOf(const bj::object& object, int depth, std::size_t& size)
    {
        bj::object made;
        for (const auto& member : object) {
            const std::string_view key = member.key();
            bool isIndex = false;
            const qint64 keyIndex =
                key.size() > 1 && key.front() == '_'
                    ? QByteArray::fromRawData(key.data() + 1, qsizetype(key.size() - 1)).toLongLong(&isIndex)
                    : -1;
            const auto valueIndex = json::integer(member.value());
            if (!isIndex || keyIndex < 0 || std::uint64_t(keyIndex) >= m_flat.size() ||
                !m_flat[std::size_t(keyIndex)].is_string() || !valueIndex) {
                continue;
            }
            std::size_t itemSize = 0;
            auto item = value(*valueIndex, depth + 1, itemSize);
            if (!item) {
                return item.error();
            }
            size += itemSize;
            made[m_flat[std::size_t(keyIndex)].get_string()] = std::move(item).value();
        }
        if (!spend(1)) {
            return tooLarge();
        }
        return bj::value(std::move(made));
    }

    const bj::array& m_flat;
    const std::size_t m_budget;
    std::size_t m_spent = 0;
    std::unordered_map<std::int64_t, std::pair<bj::value, std::size_t>> m_done;
};

// The text of the JavaScript string literals handed to streamController.enqueue(…), one after the other: the
// turbo-stream. They are JSON strings (React Router writes them with JSON.stringify).
Result<std::string> enqueuedText(std::string_view page)
{
    static constexpr std::string_view call = "streamController.enqueue(";
    std::string text;
    for (std::size_t at = page.find(call); at != std::string_view::npos; at = page.find(call, at)) {
        at += call.size();
        while (at < page.size() && (page[at] == ' ' || page[at] == '\n')) {
            ++at;
        }
        if (at >= page.size() || page[at] != '"') {
            continue; // not a string: not the stream
        }
        std::size_t end = at + 1;
        while (end < page.size() && page[end] != '"') {
            end += page[end] == '\\' ? 2 : 1;
        }
        if (end >= page.size()) {
            return Error{u"the page is cut off inside its conversation data (streamController.enqueue)"_s,
                         ErrorKind::Invalid};
        }
        auto chunk = parseStrict(page.substr(at, end + 1 - at), u"the page's conversation data"_s);
        if (!chunk) {
            return chunk.error();
        }
        text += std::string_view(chunk->get_string());
        at = end + 1;
    }
    return text;
}

// serverResponse.data of the page's turbo-stream: in the loader data of whichever route has it.
Result<bj::value> streamData(std::string_view page)
{
    auto text = enqueuedText(page);
    if (!text) {
        return text.error();
    }
    const std::string_view stream(*text);
    auto root = parseStrict(stream.substr(0, stream.find('\n')), u"the page's conversation data"_s);
    if (!root) {
        return root.error();
    }
    if (!root->is_array() || root->get_array().empty()) {
        return Error{u"the page's conversation data is not a turbo-stream (an array)"_s, ErrorKind::Invalid};
    }
    TurboStream flat(root->get_array());
    auto decoded = flat.value(0);
    if (!decoded) {
        return decoded.error();
    }
    if (const bj::object* loaders = objectAt(&*decoded, "loaderData")) {
        for (const auto& route : *loaders) {
            const bj::object* response = objectAt(&route.value(), "serverResponse");
            const bj::value* data = response ? response->if_contains("data") : nullptr;
            if (data && objectAt(data, "mapping")) {
                return *data;
            }
        }
    }
    return Error{u"the page's data holds no shared conversation (no serverResponse.data with a mapping)"_s,
                 ErrorKind::NotFound};
}

// serverResponse.data of an older page's __NEXT_DATA__ script.
Result<bj::value> nextData(std::string_view page, std::size_t marker)
{
    const std::size_t start = page.find('>', marker);
    const std::size_t end = start == std::string_view::npos ? start : page.find("</script>", start);
    if (end == std::string_view::npos) {
        return Error{u"the page is cut off inside its __NEXT_DATA__ script"_s, ErrorKind::Invalid};
    }
    auto next = parseStrict(page.substr(start + 1, end - start - 1), u"the page's __NEXT_DATA__"_s);
    if (!next) {
        return next.error();
    }
    const bj::object* props = objectAt(&*next, "props");
    const bj::object* pageProps = props ? objectAt(props->if_contains("pageProps"), "serverResponse") : nullptr;
    const bj::value* data = pageProps ? pageProps->if_contains("data") : nullptr;
    if (!data || !objectAt(data, "mapping")) {
        return Error{u"the page's __NEXT_DATA__ holds no shared conversation (no serverResponse.data with a mapping)"_s,
                     ErrorKind::NotFound};
    }
    return *data;
}

// A ChatGPT message's text: its string parts (and parts with a text), a code block's text fenced.
QString chatGptText(const bj::object* content)
{
    if (!content) {
        return {};
    }
    QStringList pieces;
    if (const bj::value* parts = content->if_contains("parts"); parts && parts->is_array()) {
        for (const bj::value& part : parts->get_array()) {
            const QString text =
                part.is_string() ? json::toQString(part.get_string()) : stringAt(part.if_object(), "text");
            if (!text.trimmed().isEmpty()) {
                pieces << text;
            }
        }
    } else if (const QString text = stringAt(content, "text"); !text.trimmed().isEmpty()) {
        pieces << (stringAt(content, "content_type") == u"code"_s
                       ? u"```%1\n%2\n```"_s.arg(stringAt(content, "language").remove(u"unknown"_s), text)
                       : text);
    }
    return pieces.join(u"\n\n"_s);
}

// The nodes of the conversation as it was shared: linear_conversation, else current_node and its ancestors.
Result<QList<const bj::object*>> chatGptNodes(const bj::object& data, const bj::object& mapping)
{
    QList<const bj::object*> nodes;
    const auto node = [&mapping](const QString& id) {
        const bj::value* found = mapping.if_contains(id.toStdString());
        return found ? found->if_object() : nullptr;
    };
    if (const bj::value* linear = data.if_contains("linear_conversation"); linear && linear->is_array()) {
        for (const bj::value& entry : linear->get_array()) {
            const bj::object* mapped = node(stringAt(entry.if_object(), "id"));
            if (const bj::object* item = mapped ? mapped : entry.if_object()) {
                nodes << item;
            }
        }
        return nodes;
    }
    QString id = stringAt(&data, "current_node");
    if (id.isEmpty()) {
        return Error{u"the shared conversation has neither linear_conversation nor current_node"_s, ErrorKind::Invalid};
    }
    for (const bj::object* at = node(id); at && nodes.size() <= qsizetype(mapping.size()); at = node(id)) {
        nodes.prepend(at);
        id = stringAt(at, "parent");
    }
    return nodes;
}

Result<SharePage::Conversation> chatGptConversation(const bj::value& data)
{
    const bj::object& object = data.get_object();
    const bj::object& mapping = *objectAt(&data, "mapping");
    auto nodes = chatGptNodes(object, mapping);
    if (!nodes) {
        return nodes.error();
    }
    SharePage::Conversation conversation;
    conversation.title = stringAt(&object, "title");
    conversation.createdAt = secondsTime(&object, "create_time");
    conversation.updatedAt = secondsTime(&object, "update_time");
    for (const bj::object* node : *nodes) {
        const bj::value* found = node->if_contains("message");
        const bj::object* message = found ? found->if_object() : nullptr;
        if (!message) {
            continue;
        }
        const bj::object* metadata = objectAt(found, "metadata");
        if (const bj::value* hidden =
                metadata ? metadata->if_contains("is_visually_hidden_from_conversation") : nullptr;
            hidden && hidden->is_bool() && hidden->get_bool()) {
            continue;
        }
        const bj::object* author = objectAt(found, "author");
        const QString role = stringAt(author, "role");
        const QString text = chatGptText(objectAt(found, "content"));
        if (role == u"tool"_s) {
            // A tool's answer (browsing, code) belongs to the assistant turn that called it.
            if (!conversation.messages.isEmpty() && conversation.messages.last().role == Role::Assistant &&
                !text.isEmpty()) {
                conversation.messages.last().toolCalls
                    << ToolCall{{}, stringAt(author, "name"), {}, text, u"completed"_s, -1};
            }
            continue;
        }
        if (text.isEmpty() || (role != u"user"_s && role != u"assistant"_s && role != u"system"_s)) {
            continue;
        }
        Message m;
        m.role = role == u"user"_s ? Role::User : role == u"assistant"_s ? Role::Assistant : Role::System;
        m.content = text;
        m.timestamp = secondsTime(message, "create_time");
        m.model = stringAt(metadata, "model_slug");
        if (!m.model.isEmpty()) {
            conversation.model = m.model;
        }
        conversation.messages << m;
    }
    return conversation;
}

} // namespace

QString SharePage::serviceName(Service service)
{
    switch (service) {
    case Service::ChatGpt:
        return u"chatgpt"_s;
    case Service::Claude:
        return u"claude"_s;
    case Service::Gemini:
        return u"gemini"_s;
    }
    return {};
}

std::optional<SharePage::Service> SharePage::serviceNamed(const QString& name)
{
    for (const Service service : {Service::ChatGpt, Service::Claude, Service::Gemini}) {
        if (name.compare(serviceName(service), Qt::CaseInsensitive) == 0) {
            return service;
        }
    }
    return std::nullopt;
}

Result<SharePage::Link> SharePage::recognise(const QUrl& url, std::optional<Service> given)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return Error{u"not a link (a share link is https://…/share/ID)"_s, ErrorKind::Invalid};
    }
    const QString scheme = url.scheme().toLower();
    const QString host = url.host().toLower();
    const bool local = isLoopback(host);
    if (scheme != u"https"_s && !(scheme == u"http"_s && local)) {
        return Error{u"only https links are fetched (plain http only from this machine: 127.0.0.1, ::1, localhost)"_s,
                     ErrorKind::Invalid};
    }
    Link link;
    link.page =
        url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash | QUrl::RemoveUserInfo);
    const QStringList path = link.page.path().split(u'/', Qt::SkipEmptyParts);
    const auto shareIdAfter = [&path](const QStringList& prefix) {
        return path.size() == prefix.size() + 1 && path.mid(0, prefix.size()) == prefix ? path.last() : QString();
    };
    std::optional<Service> own;
    if (host == u"chatgpt.com"_s || host == u"chat.openai.com"_s) {
        own = Service::ChatGpt;
        link.shareId = shareIdAfter({u"share"_s});
    } else if (host == u"claude.ai"_s) {
        own = Service::Claude;
        link.shareId = shareIdAfter({u"share"_s});
    } else if (host == u"gemini.google.com"_s) {
        own = Service::Gemini;
        link.shareId = shareIdAfter({u"share"_s});
    } else if (host == u"g.co"_s) {
        own = Service::Gemini;
        link.shareId = shareIdAfter({u"gemini"_s, u"share"_s});
    } else if (local) {
        link.shareId = path.size() >= 2 && path.at(path.size() - 2) == u"share"_s ? path.last() : QString();
    } else {
        return Error{u"not a share link of ChatGPT, Claude or Gemini (%1)"_s.arg(host), ErrorKind::Invalid};
    }
    if (own && given && *own != *given) {
        return Error{u"a link of %1, not of %2"_s.arg(serviceName(*own), serviceName(*given)), ErrorKind::Invalid};
    }
    if (!own && !given) {
        return Error{u"a link on this machine needs its service named (--service chatgpt, claude or gemini)"_s,
                     ErrorKind::Invalid};
    }
    link.service = own ? *own : *given;
    if (!isShareId(link.shareId)) {
        return Error{u"no share id in the link (…/share/ID)"_s, ErrorKind::Invalid};
    }
    link.fetch = link.page;
    if (link.service == Service::Claude) {
        // The share page is a script that asks for the snapshot: the snapshot is what is read.
        link.fetch.setPath(u"/api/chat_snapshots/"_s + link.shareId);
        link.fetch.setQuery(u"rendering_mode=messages&render_all_tools=true"_s);
    }
    return link;
}

Result<SharePage::Conversation> SharePage::readChatGpt(QByteArrayView page)
{
    const std::string_view html(page.data(), std::size_t(page.size()));
    Result<bj::value> data = Error{};
    if (html.find("streamController.enqueue(") != std::string_view::npos) {
        data = streamData(html);
    } else if (const std::size_t marker = html.find("id=\"__NEXT_DATA__\""); marker != std::string_view::npos) {
        data = nextData(html, marker);
    } else {
        return Error{u"the page carries no conversation (neither React Router's turbo-stream nor __NEXT_DATA__)"_s,
                     ErrorKind::NotFound};
    }
    if (!data) {
        return data.error();
    }
    auto conversation = chatGptConversation(*data);
    if (conversation && conversation->messages.isEmpty()) {
        return Error{u"the shared conversation holds no messages"_s, ErrorKind::NotFound};
    }
    return conversation;
}

Result<SharePage::Conversation> SharePage::readClaude(QByteArrayView json)
{
    auto snapshot = parseStrict(std::string_view(json.data(), std::size_t(json.size())), u"the snapshot"_s);
    if (!snapshot) {
        return snapshot.error();
    }
    const bj::object* object = snapshot->if_object();
    const bj::value* chat = object ? object->if_contains("chat_messages") : nullptr;
    if (!chat || !chat->is_array()) {
        return Error{u"the snapshot holds no conversation (no chat_messages)"_s, ErrorKind::NotFound};
    }
    Conversation conversation;
    conversation.title = stringAt(object, "snapshot_name");
    if (conversation.title.isEmpty()) {
        conversation.title = stringAt(object, "name");
    }
    conversation.createdAt = json::dateTime(*snapshot, "created_at");
    conversation.updatedAt = json::dateTime(*snapshot, "updated_at");
    conversation.model = stringAt(object, "model");
    for (const bj::value& entry : chat->get_array()) {
        const bj::object* item = entry.if_object();
        const QString sender = stringAt(item, "sender");
        if (sender != u"human"_s && sender != u"assistant"_s) {
            continue;
        }
        Message m;
        m.role = sender == u"human"_s ? Role::User : Role::Assistant;
        m.timestamp = json::dateTime(entry, "created_at");
        QStringList pieces;
        const bj::value* content = item->if_contains("content");
        for (const bj::value& block : content && content->is_array() ? content->get_array() : bj::array()) {
            const bj::object* b = block.if_object();
            const QString type = stringAt(b, "type");
            if (type == u"text"_s && !stringAt(b, "text").isEmpty()) {
                pieces << stringAt(b, "text");
            } else if (type == u"tool_use"_s) {
                const bj::value* input = b->if_contains("input");
                m.toolCalls << ToolCall{stringAt(b, "id"),
                                        stringAt(b, "name"),
                                        input ? QString::fromStdString(json::serialize(*input)) : QString(),
                                        {},
                                        u"completed"_s,
                                        pieces.join(u"\n\n"_s).size()};
            } else if (type == u"tool_result"_s) {
                const QString id = stringAt(b, "tool_use_id");
                const QString output = json::textOrParts(
                    b->if_contains("content"),
                    [](const bj::value& part) -> std::optional<QString> {
                        const QString text = stringAt(part.if_object(), "text");
                        return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
                    },
                    u"\n"_s);
                const bj::value* failed = b->if_contains("is_error");
                for (ToolCall& call : m.toolCalls) {
                    if (call.id == id) {
                        call.output = output;
                        call.status = failed && failed->is_bool() && failed->get_bool() ? u"error"_s : u"completed"_s;
                    }
                }
            }
        }
        m.content = pieces.isEmpty() ? stringAt(item, "text") : pieces.join(u"\n\n"_s);
        if (m.content.trimmed().isEmpty() && m.toolCalls.isEmpty()) {
            continue;
        }
        conversation.messages << m;
    }
    if (conversation.messages.isEmpty()) {
        return Error{u"the shared conversation holds no messages"_s, ErrorKind::NotFound};
    }
    return conversation;
}

} // namespace chasm
