#pragma once

#include <QString>

namespace chasm {

// Message text, which the tools write in Markdown, as HTML for exported transcripts: CommonMark with GitHub's
// tables, strikethrough, task lists and bare http(s) addresses (the dialect the chat views show), parsed by md4c.
// - Raw HTML in a message is shown as text, never interpreted.
// - A link keeps its address only when it is a web or mail address or a relative one: a javascript: link in a
//   transcript would run when clicked. Images become links, so that opening a transcript fetches nothing.
// - A line break inside a paragraph stays a line break, as the tools show a message typed on several lines.
QString markdownToHtml(const QString& markdown);

} // namespace chasm
