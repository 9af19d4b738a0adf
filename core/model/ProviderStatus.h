// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace chasm {

// What Chasm finds of one provider in an environment: where it looked, what it found there, and
// which of the provider's programs are installed.
struct ProviderStatus
{
    struct Location
    {
        QString path;
        bool exists = false;
    };
    struct Command
    {
        QString name;
        QString path; // empty when not on PATH
    };

    QString id;
    QString name;
    QStringList aliases;
    QList<Location> locations;
    QList<Command> commands;
    int workspaceCount = 0;
    int sessionCount = 0;

    bool hasData() const;
    bool installed() const;
};

} // namespace chasm
