// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/IndexEntry.h"

#include <QAbstractTableModel>

namespace chasm {

// A VS Code-family workspace's session index beside its files, one row per entry or per file the
// index lacks, with each mismatch in plain words. Filled from core results; owns no I/O.
class IndexEntryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SessionColumn,
        TitleColumn,
        // What is wrong, right after the session: the column people read first.
        ProblemsColumn,
        InIndexColumn,
        FileColumn,
        IsEmptyColumn,
        ResponseStateColumn,
        LastMessageColumn,
        CreatedColumn,
        ColumnCount,
    };
    // The problem codes of a row (stable, for code that fixes them).
    static constexpr int ProblemCodesRole = Qt::UserRole + 1;

    explicit IndexEntryModel(QObject* parent = nullptr);

    void setEntries(QList<IndexEntry> entries);
    const IndexEntry& entry(int row) const { return m_entries.at(row); }
    int problemCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<IndexEntry> m_entries;
};

} // namespace chasm
