// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TextTable.h"

#include "export/ControlCharacters.h"

using namespace Qt::StringLiterals;

namespace chasm::cli {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
    , m_maxWidths(m_headers.size(), 0)
    , m_rightAligned(m_headers.size(), false)
{}

void TextTable::setMaxWidth(int column, int width)
{
    m_maxWidths[column] = width;
}

void TextTable::setRightAligned(int column)
{
    m_rightAligned[column] = true;
}

void TextTable::addRow(QStringList cells)
{
    cells.resize(m_headers.size());
    for (qsizetype i = 0; i < cells.size(); ++i) {
        QString cell = cells.at(i);
        cell.replace(u'\n', u' ');
        if (m_maxWidths.at(i) > 0 && cell.size() > m_maxWidths.at(i)) {
            cell = cell.left(m_maxWidths.at(i) - 1) + QChar(0x2026);
        }
        cells[i] = cell;
    }
    m_rows.append(cells);
}

void TextTable::print(std::ostream& out) const
{
    QList<qsizetype> widths(m_headers.size(), 0);
    for (qsizetype i = 0; i < m_headers.size(); ++i) {
        widths[i] = m_headers.at(i).size();
        for (const QStringList& row : m_rows) {
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    const auto line = [&](const QStringList& cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const bool last = i + 1 == cells.size();
            if (m_rightAligned.at(i)) {
                text += cells.at(i).rightJustified(widths.at(i));
            } else {
                text += last ? cells.at(i) : cells.at(i).leftJustified(widths.at(i));
            }
            if (!last) {
                text += u"  "_s;
            }
        }
        out << withoutControlCharacters(text.trimmed()).toStdString() << '\n';
    };
    line(m_headers);
    for (const QStringList& row : m_rows) {
        line(row);
    }
}

} // namespace chasm::cli
