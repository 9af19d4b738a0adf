// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/HarvestStore.h"

#include <optional>

namespace chasm {

// A search the user named and kept: the query and its filters, as the sources pane lists them. Kept
// in the settings as one line each, a URL query ("name=…&q=…&provider=…"), so a person can read and
// edit the file.
struct SavedSearch
{
    QString name;
    QString query;
    HarvestStore::SearchFilter filter;

    QString toString() const;
    // Empty for a line without a name or a query.
    static std::optional<SavedSearch> fromString(const QString& line);

    friend bool operator==(const SavedSearch& a, const SavedSearch& b) { return a.toString() == b.toString(); }
};

// The saved searches in a settings value, the unreadable lines left out.
QList<SavedSearch> savedSearchesFrom(const QStringList& lines);
QStringList savedSearchLines(const QList<SavedSearch>& searches);
// The list with the search added at its end, or in the place of the one with its name.
QList<SavedSearch> withSearch(QList<SavedSearch> searches, const SavedSearch& search);

} // namespace chasm
