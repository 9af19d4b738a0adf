// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "store/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace chasm {

// The share links of the harvest database (table share_links, schema 10): every link `harvest share` was given, one
// row per link, with how its last try ended. The session a link made is HarvestWriter's, in the sessions table.
class ShareLinks
{
public:
    explicit ShareLinks(const Database& database);

    struct Link
    {
        QString url;     // as tried, without its query and fragment
        QString service; // chatgpt, claude, gemini; empty when the link named none of them
        QString status;  // pending (being fetched), imported, failed, expired (the service says it is gone)
        QString reason;  // why it failed or expired
        QString sessionId;
        QString title; // the session's
        QString name;  // --name
        QString workspace;
        std::optional<int> messages;
        QDateTime added;    // first tried
        QDateTime imported; // last imported
        QDateTime tried;    // last tried
    };

    Result<std::optional<Link>> find(const QString& url) const;
    // Adds the link or replaces its row; inside the caller's transaction, if any. Nothing, or the error.
    std::optional<QString> save(const Link& link) const;
    // Newest tried first; only those of `status` unless it is empty.
    Result<QList<Link>> list(const QString& status, int limit) const;

private:
    const Database& m_db;
};

} // namespace chasm
