// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// What the service tests share: the command line run in-process on a fixture HOME (to compare its
// --json with the service's toJson), and the VS Code-family workspaces of a project as the CLI finds them.

#include "CliRun.h"
#include "FixtureHome.h"
#include "providers/SessionCatalog.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <boost/json.hpp>

#include <sstream>

namespace chasm::test {

inline CliRun runCli(const FixtureHome& home, const QStringList& args)
{
    return runCli(home.environment(), args);
}

// The line the CLI prints for a shape: compact JSON and a newline.
inline QString printed(const boost::json::value& shape)
{
    return QString::fromStdString(boost::json::serialize(shape)) + u'\n';
}

// Every workspace of the fixture that keeps a session index (as `--all` takes them), or those of `project`.
inline QList<Workspace> indexedWorkspaces(const FixtureHome& home, const QString& project = {})
{
    const SessionCatalog catalog(home.environment());
    QList<Workspace> scope = catalog.workspaces(catalog.providers().value());
    if (!project.isEmpty()) {
        scope = catalog.workspacesForPath(scope, project);
    }
    scope.removeIf([](const Workspace& w) {
        return w.editor.isEmpty() || (!w.hasChatSessions && !QFileInfo::exists(w.stateDatabasePath));
    });
    return scope;
}

// Text with every UUID replaced, for output that names a session made with a fresh id.
inline QString withoutUuids(QString text)
{
    static const QRegularExpression uuid(
        QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    return text.replace(uuid, QStringLiteral("UUID"));
}

} // namespace chasm::test
