// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TextTable.h"

#include "export/ControlCharacters.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace chasm::cli {

namespace {

// Code points a terminal shows two cells wide: East Asian Wide and Fullwidth (after Unicode 15's EastAsianWidth.txt)
// and the emoji shown as pictures by default. Close ranges are joined, so a rare narrow symbol between two wide ones
// counts as wide.
constexpr std::array<std::pair<char32_t, char32_t>, 44> wideRanges{{
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
    {0x26F2, 0x26F5},   {0x26FA, 0x26FD},   {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274E},
    {0x2753, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B55}, {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F000, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
}};

int codePointWidth(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
        return 0;
    default:
        break;
    }
    if (c >= 0x1160 && c <= 0x11FF) { // Hangul vowels and final consonants join the syllable before them
        return 0;
    }
    const auto range = std::lower_bound(wideRanges.cbegin(), wideRanges.cend(), c,
                                        [](const auto& r, char32_t value) { return r.second < value; });
    return range != wideRanges.cend() && c >= range->first ? 2 : 1;
}

// Calls `visit(position, length, width)` for each code point of `text`; stops when it returns false.
template<typename Visit>
void eachCodePoint(QStringView text, Visit visit)
{
    for (qsizetype i = 0; i < text.size();) {
        char32_t c = text.at(i).unicode();
        qsizetype length = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            length = 2;
        }
        if (!visit(i, length, codePointWidth(c))) {
            return;
        }
        i += length;
    }
}

} // namespace

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
    , m_rightAligned(m_headers.size(), false)
    , m_whole(m_headers.size(), false)
{}

void TextTable::setRightAligned(int column)
{
    m_rightAligned[column] = true;
}

void TextTable::setWhole(int column)
{
    m_whole[column] = true;
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    for (QString& cell : cells) {
        cell = oneLine(cell);
    }
    m_rows.append(cells);
}

int TextTable::displayWidth(QStringView text)
{
    // Most cells are ASCII, where every character takes one cell (there are no marks or format characters below
    // U+0080): counted without looking up each character's category, which was a third of printing a listing.
    if (std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; })) {
        return int(text.size());
    }
    int width = 0;
    eachCodePoint(text, [&width](qsizetype, qsizetype, int w) {
        width += w;
        return true;
    });
    return width;
}

QString TextTable::cut(const QString& text, int width)
{
    return displayWidth(text) <= width ? text : cutWider(text, width);
}

QString TextTable::cutWider(const QString& text, int width)
{
    if (width < 1) {
        return {};
    }
    qsizetype end = 0;
    int used = 0;
    eachCodePoint(text, [&](qsizetype position, qsizetype length, int w) {
        if (used + w > width - 1) {
            return false;
        }
        used += w;
        end = position + length;
        return true;
    });
    return text.left(end) + QChar(0x2026);
}

QString TextTable::oneLine(const QString& text)
{
    QString line = text;
    for (QChar& c : line) {
        if (c == u'\t' || c == u'\n' || c == u'\r' || c == QChar::LineSeparator || c == QChar::ParagraphSeparator) {
            c = u' ';
        }
    }
    return withoutControlCharacters(line);
}

QString TextTable::render(int width, bool colour) const
{
    const qsizetype columns = m_headers.size();
    // Each cell's width, measured once: the header's row first.
    std::vector<int> cellWidths;
    cellWidths.reserve(std::size_t((m_rows.size() + 1) * columns));
    for (const QString& header : m_headers) {
        cellWidths.push_back(displayWidth(header));
    }
    for (const QStringList& row : m_rows) {
        for (const QString& cell : row) {
            cellWidths.push_back(displayWidth(cell));
        }
    }
    QList<int> widths(columns, 0);
    QList<int> least(columns, 0); // a column is never cut narrower than its header
    for (qsizetype i = 0; i < columns; ++i) {
        widths[i] = least[i] = cellWidths[std::size_t(i)];
        for (qsizetype row = 1; row <= m_rows.size(); ++row) {
            widths[i] = std::max(widths[i], cellWidths[std::size_t(row * columns + i)]);
        }
    }
    if (width > 0) {
        int total = 2 * int(columns - 1);
        for (const int w : widths) {
            total += w;
        }
        while (total > width) {
            qsizetype widest = -1;
            for (qsizetype i = 0; i < columns; ++i) {
                if (!m_rightAligned.at(i) && !m_whole.at(i) && widths.at(i) > least.at(i) &&
                    (widest < 0 || widths.at(i) > widths.at(widest))) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            --widths[widest];
            --total;
        }
    }
    QString text;
    // Row `row` of the cells (0 the header's) as one line, appended to `to`.
    const auto line = [&](QString& to, const QStringList& cells, qsizetype row) {
        const qsizetype start = to.size();
        for (qsizetype i = 0; i < columns; ++i) {
            const int measured = cellWidths[std::size_t(row * columns + i)];
            const QString cell = measured <= widths.at(i) ? cells.at(i) : cutWider(cells.at(i), widths.at(i));
            const int padding = widths.at(i) - (measured <= widths.at(i) ? measured : displayWidth(cell));
            if (m_rightAligned.at(i)) {
                to.resize(to.size() + padding, u' ');
                to.append(cell);
            } else {
                to.append(cell);
                to.resize(to.size() + padding, u' ');
            }
            if (i + 1 < columns) {
                to.append(u"  "_s);
            }
        }
        qsizetype end = to.size();
        while (end > start && to.at(end - 1) == u' ') {
            --end;
        }
        to.truncate(end);
    };
    QString header;
    line(header, m_headers, 0);
    text += colour ? QString(u"\x1b[1m"_s + header + u"\x1b[0m\n"_s) : QString(header + u'\n');
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        line(text, m_rows.at(row), row + 1);
        text.append(u'\n');
    }
    return text;
}

} // namespace chasm::cli
