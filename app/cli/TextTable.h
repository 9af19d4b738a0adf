// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <ostream>

namespace chasm::cli {

// A plain-text table for the human output of listings: columns padded to their widest cell (counted
// in characters, not bytes), long cells cut with an ellipsis.
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    // Cells longer than `width` characters are shortened in this column.
    void setMaxWidth(int column, int width);
    void setRightAligned(int column);
    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }

    void print(std::ostream& out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<int> m_maxWidths;
    QList<bool> m_rightAligned;
};

} // namespace chasm::cli
