#include "SearchResultModel.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace chasm {

SearchResultModel::SearchResultModel(QObject* parent)
    : QAbstractListModel(parent)
{}

void SearchResultModel::setHits(QList<HarvestStore::SearchHit> hits)
{
    beginResetModel();
    m_hits = std::move(hits);
    endResetModel();
}

int SearchResultModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const HarvestStore::SearchHit& hit = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return hit.title;
    case Qt::ToolTipRole:
        return HarvestStore::bracketed(hit.snippet);
    case SessionIdRole:
        return hit.sessionId;
    case MessageIndexRole:
        return hit.messageIndex;
    case SnippetRole:
        return hit.snippet;
    case FactsRole: {
        QStringList facts{hit.provider};
        if (!hit.projectPath.isEmpty()) {
            facts << hit.projectPath;
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
