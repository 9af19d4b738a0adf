// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace chasm {

// The team database's schema on PostgreSQL, as versioned migrations: the harvest store's tables under the names and
// columns SQLite gives them (core/store/Database.cpp, RecordingStore.cpp), each session keyed by its origin too, and
// row-level security so that a role reads its own sessions and those shared with it, never another's private ones.
namespace PostgresSchema {

// The group role every person's login role is a member of: what it may do on the tables.
inline constexpr QStringView usersRole = u"chasm_users";
// The tables that hold one row per migration applied.
inline constexpr QStringView versionTable = u"chasm_schema_migrations";

// The characters that separate words in the messages' text as searched (see migration 2), and that text: the SQL
// expression of `column` with each of them a space.
inline constexpr QStringView wordSeparatorCharacters = u"./:@\\";
QString searchedText(const QString& column);

// The text search configuration of messages_v2.content_english, which search uses (see migration 2).
inline constexpr QStringView stemmedConfiguration = u"chasm_english";
// The SQL function of a tsvector that gives the hashes of its pairs of adjacent words, which messages_v2 has an index
// of (see migration 3).
inline constexpr QStringView wordPairs = u"chasm_word_pairs";

// Migration `version` (1 … PostgresDatabase::schemaVersion): its statements, run in one transaction.
QStringList migration(int version);
// The tables the schema makes, in the order they are made.
QStringList tables();

} // namespace PostgresSchema

} // namespace chasm
