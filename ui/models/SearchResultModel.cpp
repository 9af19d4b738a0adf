// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SearchResultModel.h"

#include "views/ToolLook.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace chasm {

SearchResultModel::SearchResultModel(QObject* parent)
    : QAbstractListModel(parent)
{}

void SearchResultModel::setHits(QList<HarvestStore::SearchHit> hits)
{
    beginResetModel();
    m_sessions.clear();
    QHash<QString, qsizetype> rows;
    for (HarvestStore::SearchHit& hit : hits) {
        // A session of a team database is one of its origin: the same id from two machines is two sessions.
        const QString key = hit.origin + u'\n' + hit.sessionId;
        const auto row = rows.constFind(key);
        if (row == rows.cend()) {
            rows.insert(key, m_sessions.size());
            m_sessions.append({std::move(hit)});
        } else {
            m_sessions[*row].append(std::move(hit));
        }
    }
    endResetModel();
}

int SearchResultModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const HarvestStore::SearchHit& hit = m_sessions.at(index.row()).first();
    const int count = int(m_sessions.at(index.row()).size());
    switch (role) {
    case Qt::DisplayRole:
        return hit.title;
    case Qt::DecorationRole:
        return ToolLook::icon(hit.provider);
    case Qt::ToolTipRole:
        return HarvestStore::bracketed(hit.snippet);
    case SessionIdRole:
        return hit.sessionId;
    case MessageIndexRole:
        return hit.messageIndex;
    case HitCountRole:
        return count;
    case SnippetRole:
        return hit.snippet;
    case FactsRole: {
        QStringList facts{tr("%n hit(s)", nullptr, count), ToolLook::name(hit.provider)};
        if (!hit.projectPath.isEmpty()) {
            facts << hit.projectPath;
        }
        if (!hit.origin.isEmpty()) {
            facts << tr("from %1").arg(hit.origin);
        }
        const QDateTime time = QDateTime::fromString(hit.timestamp, Qt::ISODateWithMs);
        if (time.isValid()) {
            facts << QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
        }
        facts << tr("message %1").arg(hit.messageIndex + 1);
        return facts.join(u" · "_s);
    }
    default:
        return {};
    }
}

} // namespace chasm
