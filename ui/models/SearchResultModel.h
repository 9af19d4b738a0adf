#pragma once

#include "store/HarvestStore.h"

#include <QAbstractListModel>

namespace chasm {

// Search hits as list rows, best first: the display text is the session title, the snippet and the
// facts have roles of their own for the delegate. Filled from core results; owns no I/O.
class SearchResultModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles
    {
        SessionIdRole = Qt::UserRole + 1,
        MessageIndexRole,
        // The snippet with its matches between HarvestStore::matchStart and matchEnd.
        SnippetRole,
        // Provider, project, date and message position, for people.
        FactsRole,
    };

    explicit SearchResultModel(QObject* parent = nullptr);

    void setHits(QList<HarvestStore::SearchHit> hits);
    const HarvestStore::SearchHit& hit(int row) const { return m_hits.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<HarvestStore::SearchHit> m_hits;
};

} // namespace chasm
