// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "llm/ModelClient.h"
#include "providers/SessionCatalog.h"
#include "util/Result.h"
#include "util/HttpRequest.h"
#include "util/SecretStore.h"
#include "util/Settings.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <boost/json/object.hpp>

#include <functional>

namespace chasm {

// chasm doctor: what stands between a person and their chat history, in one list of findings, each with a severity
// and one line of advice: the editors and their versions, each workspace's state.vscdb and session index, each tool's
// store and program, the harvest database's integrity, schema and search index, free space beside it, the keychain,
// the API server's port, inotify's limit against what `chasm watch` needs, sessions a tool is about to delete that
// the database does not keep, and (`full`) whether the configured model servers answer. With `fix` it applies the
// safe fixes (rebuild the search index, repair session indexes while their editor is closed, create Chasm's missing
// folders), backing up what it writes, and checks again. Runs on the main thread (the keychain is asked from there).
class DoctorService final
{
public:
    enum class Status
    {
        Ok,
        Info,
        Warning,
        Error,
    };
    // What --fix can do about a finding.
    enum class Remedy
    {
        None,
        RebuildSearchIndex, // subject: the database
        RepairSessionIndex, // subject: the workspace's storage folder
        CreateFolder,       // subject: the folder
    };
    struct Finding
    {
        QString check; // stable: "database.integrity", "editor.code", "provider.claude-code", … (see docs/doctor.md)
        Status status = Status::Ok;
        QString message; // one line
        QString fix;     // one line of advice; empty when there is nothing to do
        Remedy remedy = Remedy::None;
        QString subject; // what the remedy applies to
        bool fixable() const { return remedy != Remedy::None; }
    };
    // A fix applied (or refused).
    struct Action
    {
        QString check;
        bool done = false;
        QString message; // what was done, or why not
        QString backup;  // the copy made first (a file, or a recovery point's manifest); empty when nothing was written
    };
    struct Request
    {
        QString database; // as the user named it (--db; empty: the default one)
        bool full = false;
        bool fix = false;
    };
    struct Report
    {
        QString database;
        bool full = false;
        QDateTime checkedAt;
        QList<Action> actions; // with `fix`: what was done, before the findings were checked again
        QList<Finding> findings;
        bool hasErrors() const;
    };

    // Lists a model server's models (the chasm-llm module's ModelClient::models); unset: --full checks no endpoint.
    using ModelLister = std::function<Result<QStringList>(const ModelEndpoint&)>;

    // Sends an HTTP request (the chasm-http module's client); unset: the API port is only checked for a listener.
    using HttpTransport = std::function<Result<HttpAnswer>(const HttpRequest&)>;

    DoctorService(const SessionCatalog& catalog, Settings& settings, ModelLister models = {}, HttpTransport http = {},
                  SecretStore store = SecretStore());

    Report run(const Request& request) const;

    static QString statusName(Status status);

private:
    QList<Finding> check(const Request& request) const;
    QList<Action> fix(const Request& request, const QList<Finding>& findings) const;

    void checkEditors(const QList<Workspace>& workspaces, QList<Finding>& findings) const;
    void checkProviders(const QList<Workspace>& workspaces, QList<Finding>& findings) const;
    void checkFolders(const QString& database, QList<Finding>& findings) const;
    void checkDatabase(const QString& database, bool full, QList<Finding>& findings) const;
    void checkKeychain(QList<Finding>& findings) const;
    void checkServerPort(QList<Finding>& findings) const;
    void checkWatches(QList<Finding>& findings) const;
    void checkRetention(const QString& database, QList<Finding>& findings) const;
    void checkModels(bool full, QList<Finding>& findings) const;

    const SessionCatalog& m_catalog;
    Settings& m_settings;
    ModelLister m_models;
    HttpTransport m_http;
    SecretStore m_store;
};

// chasm doctor --format json (docs/doctor.md).
boost::json::object toJson(const DoctorService::Report& report);

} // namespace chasm
