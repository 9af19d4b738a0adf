// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/HarvestStore.h"

#include <QAbstractListModel>

namespace chasm {

// Search hits as list rows, a row per session, best first: the display text is the session title, the
// snippet (its best hit's) and the facts (with the number of hits) have roles of their own for the
// delegate. Filled from core results; owns no I/O.
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
        // How many of the hits are in the row's session.
        HitCountRole,
    };

    explicit SearchResultModel(QObject* parent = nullptr);

    void setHits(QList<HarvestStore::SearchHit> hits);
    // The best hit of the row's session, the one its row opens.
    const HarvestStore::SearchHit& hit(int row) const { return m_sessions.at(row).first(); }
    int hitCount(int row) const { return int(m_sessions.at(row).size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<QList<HarvestStore::SearchHit>> m_sessions; // each session's hits, best first
};

} // namespace chasm
