// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>
#include <QStringList>

namespace chasm {

// Message text, which the tools write in Markdown, as HTML for exported transcripts: CommonMark with GitHub's
// tables, strikethrough, task lists and bare http(s) addresses (the dialect the chat views show), parsed by md4c.
// - Raw HTML in a message is shown as text, never interpreted.
// - A link keeps its address only when it is a web or mail address or a relative one: a javascript: link in a
//   transcript would run when clicked. Images become links, so that opening a transcript fetches nothing.
// - A line break inside a paragraph stays a line break, as the tools show a message typed on several lines.
QString markdownToHtml(const QString& markdown);
// The same HTML in pieces of `pieceLength` bytes or more, for typesetting a very long message a piece at a time:
// cut after a top-level block, and inside a long top-level paragraph or code block between two of its lines (the
// block is closed before the cut and opened again after it). A single line, a list or a table is never cut.
QStringList markdownToHtmlPieces(const QString& markdown, qsizetype pieceLength);

} // namespace chasm
