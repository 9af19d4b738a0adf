// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "providers/SessionCatalog.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

namespace chasm {

class HarvestService;

// The HTTP API served from inside the app (Settings → Server): the REST API under /api/v1 and MCP at /mcp on one
// port, as `chasm api serve` serves them, with the token kept in the system keychain. The transport runs on the
// GUI thread's event loop (sockets only); every request is answered on the API's own threads, so the window stays
// responsive. A harvest started over HTTP runs on the app's harvest service, so the window shows its progress.
class EmbeddedServer final : public QObject
{
    Q_OBJECT

public:
    EmbeddedServer(std::shared_ptr<const SessionCatalog> catalog, HarvestService* harvest, QObject* parent = nullptr);
    // Stops serving; waits for the requests under way.
    ~EmbeddedServer() override;

    enum class State
    {
        Stopped,
        Starting, // reading the token from the keychain
        Running,
        Failed,
    };

    // Serves on `host`:`port` (0: a free port), after reading the token from the keychain (made on first use),
    // answering browsers' cross-origin requests from `allowedOrigins` (CORS); a server running already is stopped
    // first.
    void start(const QString& host, quint16 port, const QStringList& allowedOrigins = {});
    void stop();

    State state() const { return m_state; }
    // http://HOST:PORT while it runs.
    QUrl url() const { return m_url; }
    // Why it could not start, when Failed.
    QString error() const { return m_error; }
    // What the status bar and the tray say: "API on 127.0.0.1:8787", "API not running: …"; empty when stopped.
    QString statusText() const;

    // Reads the token (made and kept when there is none) and answers with tokenRead or tokenFailed.
    void readToken();
    // Keeps a new token in place of the old one, restarts a running server with it, and answers as readToken.
    void regenerateToken();

Q_SIGNALS:
    void stateChanged();
    void tokenRead(const QByteArray& token);
    void tokenFailed(const QString& error);

private:
    struct Serving;
    void listen(const QByteArray& token);
    void fail(const QString& error);
    // Calls `use` with the token, read from the keychain once (made there on first use).
    void withToken(std::function<void(const Result<QByteArray>&)> use);
    void setState(State state);
    // Closes the port at once; the API's threads are waited for on a worker thread.
    void release();

    std::shared_ptr<const SessionCatalog> m_catalog;
    QPointer<HarvestService> m_harvest;
    std::unique_ptr<Serving> m_serving;
    State m_state = State::Stopped;
    QString m_host;
    quint16 m_port = 0;
    QStringList m_allowedOrigins;
    QUrl m_url;
    QString m_error;
    QByteArray m_token; // in memory only, once read
    std::vector<std::function<void(const Result<QByteArray>&)>> m_tokenWaiting;
    // Each start or stop: a token read for an older one is dropped.
    quint64 m_generation = 0;
};

} // namespace chasm
