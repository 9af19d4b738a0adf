// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "services/CatalogService.h"
#include "util/Result.h"
#include "vscode/EditingSession.h"

#include <QHash>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace chasm {

// The files agents and edit sessions changed, as the VS Code-family editors keep them (chatEditingSessions):
// list edits and show agent. Reads only.
class EditingService
{
public:
    explicit EditingService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct Item
    {
        EditingSession edits;
        Workspace workspace;
        SessionRef chat; // the chat session it belongs to, when its file is there
    };

    struct ListRequest
    {
        QString projectPath; // empty: every project
        QString provider;
    };
    // Newest first.
    Result<QList<Item>> list(const ListRequest& request) const;

    struct ShowRequest
    {
        QString id; // the session id or a unique prefix of it
        QString projectPath;
    };
    struct AgentReport
    {
        Item item;
        // The first line of each request's prompt, from the chat session file, by request id.
        QHash<QString, QString> prompts;
    };
    Result<AgentReport> show(const ShowRequest& request) const;

private:
    CatalogService m_catalog;
};

// One editing session in `list edits --json`.
boost::json::object toJson(const EditingService::Item& item);
boost::json::array toJson(const QList<EditingService::Item>& items);
// `show agent --json`: the summary with its files, requests and checkpoints.
boost::json::object toJson(const EditingService::AgentReport& report);

} // namespace chasm
