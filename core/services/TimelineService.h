// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"
#include "services/CatalogService.h"
#include "util/Environment.h"
#include "util/Result.h"

#include <boost/json/object.hpp>

namespace chasm {

// A project's sessions over time, every tool together, with the gaps (in calendar days, UTC) between them:
// where history may be missing (a purge, a folder move, another machine). And the grouping of sessions into
// projects that the app's projects view and its timeline share: one folder, every tool.
class TimelineService
{
public:
    explicit TimelineService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct Request
    {
        QString path; // the project; empty: the working directory
        int gapDays = 7;
        QString provider; // empty: every tool's sessions
    };
    struct Gap
    {
        QDateTime from; // the end of the history before it
        QDateTime to;   // the start of the session after it
        qint64 days = 0;
    };
    struct Report
    {
        QString path;
        QList<SessionRef> sessions; // oldest first, readable and dated only
        QList<Gap> gaps;
        qsizetype unreadable = 0;
    };
    Result<Report> run(const Request& request) const;

    // The pure step: sessions sorted oldest first (by creation), the gaps of `gapDays` days or more between
    // where the history had reached (the latest end so far) and the next session's start.
    static QList<Gap> gaps(const QList<SessionRef>& oldestFirst, int gapDays);

    // Whether a session has a place on a timeline: it was read and is dated. An unreadable file's times are
    // those of the file (a copy, a restore), no clue to when the session was.
    static bool isDated(const SessionRef& session);

    // A workspace (or a tool's store) that holds sessions of a project.
    struct Place
    {
        Workspace workspace;
        int sessionCount = 0; // of the project's sessions in it
        QDateTime lastUsed;   // the newest activity of those sessions
        // Another workspace of the same editor for the same folder is the one the editor opens now.
        bool older = false;
    };
    // One project folder with all its sessions from every tool.
    struct Project
    {
        // What the project's sessions share (the folder as the platform compares paths): how the front ends
        // tell which project a session is in.
        QString key;
        QString path; // the folder; empty for a remote workspace's sessions and for those that name no folder
        // What people call it: the folder's name, with its parent's when two projects share a name
        // ("api (work)"), or a remote workspace's name; empty for the sessions that name no folder.
        QString name;
        QList<SessionRef> sessions; // newest first
        QList<Place> places;        // newest first
        QDateTime lastActivity;     // of its dated sessions
    };
    // Sessions grouped by their own project folder (a session's project is its own, not its store's), the most
    // recently active project first. `workspaces` describe where they are kept (those of the sessions, from the
    // same listing). Paths compare as `platform` compares them.
    static QList<Project> projects(const QList<Workspace>& workspaces, const QList<SessionRef>& sessions,
                                   Platform platform = hostPlatform);

private:
    CatalogService m_catalog;
};

boost::json::object toJson(const TimelineService::Report& report);

} // namespace chasm
