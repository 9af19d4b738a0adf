// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ReadOnlyDatabase.h"

#include "util/FileTransaction.h"
#include "util/RegularFile.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>

#include <atomic>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

bool nonEmptyFile(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && info.size() > 0;
}

const QStringList& companions()
{
    static const QStringList suffixes = {QString(), u"-wal"_s, u"-journal"_s};
    return suffixes;
}

// Size and modification time of the database and its companions, to notice a write during a copy.
QStringList stamp(const QString& path)
{
    QStringList parts;
    for (const QString& suffix : companions()) {
        const QFileInfo info(path + suffix);
        parts << QString::number(info.exists() ? info.size() : -1) << info.lastModified().toString(Qt::ISODateWithMs);
    }
    return parts;
}

} // namespace

Result<std::unique_ptr<ReadOnlyDatabase>> ReadOnlyDatabase::open(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        return Error{u"cannot read %1: the file does not exist"_s.arg(path)};
    }
    // SQLite opens by name, and would wait forever in open() on a FIFO.
    if (auto error = RegularFile::check(path)) {
        return *error;
    }
    std::unique_ptr<ReadOnlyDatabase> db(new ReadOnlyDatabase);
    db->m_path = path;
    QString openPath = path;
    const bool needsSnapshot = nonEmptyFile(path + u"-wal"_s) || nonEmptyFile(path + u"-journal"_s);
    if (needsSnapshot) {
        db->m_snapshot = std::make_unique<QTemporaryDir>();
        if (!db->m_snapshot->isValid()) {
            return Error{u"cannot read %1: no temporary folder for a snapshot copy"_s.arg(path)};
        }
        openPath = db->m_snapshot->filePath(QFileInfo(path).fileName());
        bool consistent = false;
        for (int attempt = 0; attempt < 5 && !consistent; ++attempt) {
            const QStringList before = stamp(path);
            for (const QString& suffix : companions()) {
                QFile::remove(openPath + suffix);
                if (QFileInfo::exists(path + suffix)) {
                    if (auto error = copyAtomically(path + suffix, openPath + suffix)) {
                        return Error{u"cannot read %1 safely: %2"_s.arg(path, error->message)};
                    }
                }
            }
            consistent = stamp(path) == before;
        }
        if (!consistent) {
            return Error{u"cannot read %1: its owner keeps writing it; try again in a moment"_s.arg(path)};
        }
    }

    static std::atomic<int> counter = 0;
    db->m_connection = u"chasm-readonly-%1"_s.arg(counter.fetch_add(1));
    QSqlDatabase connection = QSqlDatabase::addDatabase(u"QSQLITE"_s, db->m_connection);
    if (needsSnapshot) {
        connection.setDatabaseName(openPath); // our own copy: SQLite may recover its WAL there
    } else {
        connection.setDatabaseName(QUrl::fromLocalFile(openPath).toString(QUrl::FullyEncoded) + u"?immutable=1"_s);
        connection.setConnectOptions(u"QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"_s);
    }
    if (!connection.open()) {
        return Error{u"cannot open %1: %2"_s.arg(path, connection.lastError().text())};
    }
    return db;
}

ReadOnlyDatabase::~ReadOnlyDatabase()
{
    if (m_connection.isEmpty()) {
        return;
    }
    {
        QSqlDatabase connection = QSqlDatabase::database(m_connection, false);
        connection.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<QList<QVariantList>> ReadOnlyDatabase::select(const QString& sql, const QVariantList& bindings) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return Error{u"cannot read %1: %2"_s.arg(m_path, query.lastError().text())};
    }
    for (const QVariant& binding : bindings) {
        query.addBindValue(binding);
    }
    if (!query.exec()) {
        return Error{u"cannot read %1: %2"_s.arg(m_path, query.lastError().text())};
    }
    QList<QVariantList> rows;
    const int columns = query.record().count();
    while (query.next()) {
        QVariantList row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i) {
            row << query.value(i);
        }
        rows << row;
    }
    return rows;
}

bool ReadOnlyDatabase::hasTable(const QString& name) const
{
    const auto rows = select(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"_s, {name});
    return rows && !rows->isEmpty();
}

} // namespace chasm
