// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "services/EditorGuardService.h"

#include <functional>

namespace chasm {

// `register` and `repair` on the workspaces of a scope: each workspace's sessions are registered in its
// editor's index (all those it lacks, or those named by id or title), or its sessions and index
// repaired; with `mergeFirst`, its sessions are first merged into a new one. Every write goes through
// the editor guard.
class RegisterService
{
public:
    struct Request
    {
        enum class Action
        {
            Register,
            Repair,
        };
        Action action = Action::Register;
        QList<Workspace> scope;
        QStringList ids;    // register: exact ids or unique prefixes, looked for in every workspace
        QStringList titles; // register: case-insensitive parts of titles
        Registrar::Options options;
        bool closeEditors = false;
        bool reopen = false;
        // register all --merge: each workspace's sessions merged into a new one there, before registering.
        std::function<Result<Registrar::Report>(const Workspace&)> mergeFirst;
    };
    struct Report
    {
        EditorGuardService::Report written;
        // Ids of the request that name a session in none of the workspaces written.
        QStringList unmatched;
    };

    explicit RegisterService(Request request);

    Result<Report> run(const EditorGuardService::Progress& progress = {});
    // One workspace's write (the merge first, when asked), for a guard run over the request's scope.
    Result<Registrar::Report> write(const Workspace& workspace);
    // The request's ids no workspace written so far has a session for.
    QStringList unmatched() const { return m_unmatched; }
    EditorGuardService::Request guardRequest() const;

    // register recursive: the workspaces of `all` whose project is `root` or under it, at most `depth`
    // folders down (-1: any), whose project path matches none of `exclude` (wildcards).
    static QList<Workspace> under(const QList<Workspace>& all, const QString& root, int depth,
                                  const QStringList& exclude);

private:
    Request m_request;
    QStringList m_unmatched;
};

// As the writing commands print it: see toJson(EditorGuardService::Report).
boost::json::object toJson(const RegisterService::Report& report);

} // namespace chasm
