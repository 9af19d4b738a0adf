// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SqliteConnection.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString errorOf(const QSqlQuery& query)
{
    const QString text = query.lastError().databaseText();
    return text.isEmpty() ? query.lastError().text() : text;
}

} // namespace

SqliteConnection::SqliteConnection(const QString& path, int busyTimeoutMs)
    : m_name(u"chasm-sqlite-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs));
    if (!db.open()) {
        m_error = db.lastError().text();
    }
}

SqliteConnection::~SqliteConnection()
{
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

Result<QList<QVariantList>> SqliteConnection::rows(const QString& sql, const QVariantList& values) const
{
    QSqlQuery query(QSqlDatabase::database(m_name, false));
    if (!run(query, sql, values)) {
        return Error{errorOf(query)};
    }
    QList<QVariantList> rows;
    while (query.next()) {
        QVariantList row;
        for (int i = 0; i < query.record().count(); ++i) {
            row << query.value(i);
        }
        rows << row;
    }
    return rows;
}

Result<QStringList> SqliteConnection::firstColumn(const QString& sql, const QVariantList& values) const
{
    auto all = rows(sql, values);
    if (!all) {
        return all.error();
    }
    QStringList column;
    for (const QVariantList& row : *all) {
        column << (row.isEmpty() ? QString() : row.first().toString());
    }
    return column;
}

std::optional<QString> SqliteConnection::exec(const QString& sql, const QVariantList& values) const
{
    QSqlQuery query(QSqlDatabase::database(m_name, false));
    return run(query, sql, values) ? std::nullopt : std::optional<QString>(errorOf(query));
}

bool SqliteConnection::run(QSqlQuery& query, const QString& sql, const QVariantList& values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return false;
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    return query.exec();
}

} // namespace chasm
