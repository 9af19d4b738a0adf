// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "ops/RecoveryScan.h"
#include "services/CatalogService.h"
#include "util/Result.h"

#include <boost/json/object.hpp>

namespace chasm {

// Everything recoverable in the VS Code-family editors' stores (recover scan): the findings of RecoveryScan and
// the damaged session files, each with the command that recovers it. Reads only.
class RecoverScanService
{
public:
    explicit RecoverScanService(const SessionCatalog& catalog)
        : m_catalog(catalog)
    {}

    struct Request
    {
        QString provider;        // an editor family (see CatalogService::editorFamily)
        bool includeOld = false; // also sessions kept only in backups and old state databases
    };
    struct Damaged
    {
        SessionRef session;
        QString fix;
    };
    struct Finding
    {
        RecoveryFinding finding;
        QString fix;
    };
    struct Report
    {
        QList<Finding> findings;
        QList<Damaged> damaged;
    };
    Result<Report> run(const Request& request) const;
    // Brings back the chosen sessions (ids of its items) of one finding, under one recovery point.
    static Result<Registrar::Report> apply(const RecoveryFinding& finding, const QStringList& ids,
                                           const Registrar::Options& options);

    // The command that recovers a finding's sessions, and a damaged file.
    static QString fixOf(const RecoveryFinding& finding);
    static QString fixOf(const SessionRef& damaged);

private:
    CatalogService m_catalog;
};

boost::json::object toJson(const RecoverScanService::Report& report);

} // namespace chasm
