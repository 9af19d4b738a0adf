// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SavedSearch.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// QUrlQuery leaves '+' as it is, which reads back as a space elsewhere; '&', '=' and '%' are escaped.
QString encoded(const QString& value)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(value, " *\"():,/"));
}

} // namespace

QString SavedSearch::toString() const
{
    QStringList parts{u"name="_s + encoded(name), u"q="_s + encoded(query)};
    const auto add = [&parts](const QString& key, const QString& value) {
        if (!value.isEmpty()) {
            parts << key + u'=' + encoded(value);
        }
    };
    add(u"provider"_s, filter.provider);
    add(u"workspace"_s, filter.workspace);
    add(u"role"_s, filter.role);
    add(u"after"_s, filter.after.isValid() ? filter.after.date().toString(Qt::ISODate) : QString());
    add(u"before"_s, filter.before.isValid() ? filter.before.date().toString(Qt::ISODate) : QString());
    return parts.join(u'&');
}

std::optional<SavedSearch> SavedSearch::fromString(const QString& line)
{
    SavedSearch search;
    for (const QString& part : line.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = part.indexOf(u'=');
        const QString key = part.left(equals);
        const QString value = equals < 0 ? QString() : QUrl::fromPercentEncoding(part.mid(equals + 1).toUtf8());
        if (key == u"name") {
            search.name = value;
        } else if (key == u"q") {
            search.query = value;
        } else if (key == u"provider") {
            search.filter.provider = value;
        } else if (key == u"workspace") {
            search.filter.workspace = value;
        } else if (key == u"role") {
            search.filter.role = value;
        } else if (key == u"after") {
            search.filter.after = QDate::fromString(value, Qt::ISODate).startOfDay();
        } else if (key == u"before") {
            search.filter.before = QDate::fromString(value, Qt::ISODate).startOfDay();
        }
    }
    if (search.name.trimmed().isEmpty() || search.query.trimmed().isEmpty()) {
        return std::nullopt;
    }
    return search;
}

QList<SavedSearch> savedSearchesFrom(const QStringList& lines)
{
    QList<SavedSearch> searches;
    for (const QString& line : lines) {
        if (auto search = SavedSearch::fromString(line)) {
            searches.append(std::move(*search));
        }
    }
    return searches;
}

QStringList savedSearchLines(const QList<SavedSearch>& searches)
{
    QStringList lines;
    for (const SavedSearch& search : searches) {
        lines << search.toString();
    }
    return lines;
}

QList<SavedSearch> withSearch(QList<SavedSearch> searches, const SavedSearch& search)
{
    const auto same = std::find_if(searches.begin(), searches.end(),
                                   [&search](const SavedSearch& s) { return s.name == search.name; });
    if (same == searches.end()) {
        searches.append(search);
    } else {
        *same = search;
    }
    return searches;
}

} // namespace chasm
