// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "IndexEntryModel.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QLocale>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString shortTime(const QDateTime& time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString yesNo(const std::optional<bool>& value)
{
    if (!value) {
        return {};
    }
    return *value ? IndexEntryModel::tr("yes") : IndexEntryModel::tr("no");
}

} // namespace

IndexEntryModel::IndexEntryModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void IndexEntryModel::setEntries(QList<IndexEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int IndexEntryModel::problemCount() const
{
    int n = 0;
    for (const IndexEntry& entry : m_entries) {
        n += int(entry.problems.size());
    }
    return n;
}

int IndexEntryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int IndexEntryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IndexEntryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const IndexEntry& e = m_entries.at(index.row());
    QStringList problems;
    QStringList codes;
    for (const IndexProblem& problem : e.problems) {
        problems << problem.message;
        codes << problem.code;
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SessionColumn:
            return e.sessionId;
        case TitleColumn:
            return e.title;
        case InIndexColumn:
            return e.inIndex ? tr("yes") : tr("no");
        case FileColumn:
            return e.file.isEmpty() ? tr("(none)") : QFileInfo(e.file).fileName();
        case IsEmptyColumn:
            return yesNo(e.isEmpty);
        case ResponseStateColumn:
            return e.lastResponseState ? IndexEntry::responseStateName(*e.lastResponseState) : QString();
        case LastMessageColumn:
            return shortTime(e.lastMessageDate);
        case CreatedColumn:
            return shortTime(e.created);
        case ProblemsColumn:
            return problems.isEmpty() ? tr("ok") : problems.join(u"; "_s);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == FileColumn) {
            return e.file;
        }
        return problems.isEmpty() ? QVariant() : QVariant(problems.join(u'\n'));
    case Qt::DecorationRole:
        if (index.column() == ProblemsColumn && !problems.isEmpty()) {
            return QIcon::fromTheme(u"dialog-warning"_s,
                                    QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        return {};
    case ProblemCodesRole:
        return codes;
    default:
        return {};
    }
}

QVariant IndexEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SessionColumn:
        return tr("Session");
    case TitleColumn:
        return tr("Title");
    case InIndexColumn:
        return tr("In index");
    case FileColumn:
        return tr("File");
    case IsEmptyColumn:
        return tr("isEmpty");
    case ResponseStateColumn:
        return tr("Last response");
    case LastMessageColumn:
        return tr("Last message");
    case CreatedColumn:
        return tr("Created");
    case ProblemsColumn:
        return tr("Problems");
    }
    return {};
}

} // namespace chasm
