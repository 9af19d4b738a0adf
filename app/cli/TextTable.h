// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace chasm::cli {

// A plain-text table for the human output of listings. Columns line up by display width (a CJK character or an emoji
// takes two terminal cells, a combining mark none); tabs, line breaks and control characters in a cell become a
// space or U+FFFD, so a row stays one line. The one rule for long values: a table rendered for a width (a terminal's)
// cuts its widest column of text (not a whole or right-aligned one), then the next, with a single `…` until every line
// fits; rendered without one (a pipe, a file) nothing is cut.
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    // Right-aligned columns (counts, sizes) and whole ones are never cut.
    void setRightAligned(int column);
    // A column whose values must stay whole to be of use: ids to type back, times.
    void setWhole(int column);
    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }

    // The whole table, each line ending in '\n', within `width` display cells when it is above 0; the header line in
    // bold when `colour`.
    QString render(int width, bool colour) const;

    // How many terminal cells `text` takes (wcwidth's rules: wide East Asian characters and emoji 2, combining marks
    // and format characters 0).
    static int displayWidth(QStringView text);
    // `text` cut to at most `width` cells, a cut one ending in `…`; a cut never separates a mark from its letter.
    static QString cut(const QString& text, int width);
    // A value as one line of a cell: tabs and line breaks as spaces, other control characters as U+FFFD.
    static QString oneLine(const QString& text);

private:
    // `text`, wider than `width` cells, cut to fit.
    static QString cutWider(const QString& text, int width);

    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<bool> m_rightAligned;
    QList<bool> m_whole;
};

} // namespace chasm::cli
