// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "HttpServer.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <mutex>

namespace chasm::http {

// The tests' record of every answer the API gives: when CHASM_API_CAPTURE names a file, each answer is appended to
// it as one JSON line (the request's method, path and query, the answer's status, headers and body), which
// tests/api/validate-responses.mjs checks against docs/api/openapi.yaml. Off unless the variable is set; whoever
// sets a server's environment reads its answers anyway.
class ResponseCapture final
{
public:
    // The capture CHASM_API_CAPTURE asks for, or null.
    static std::shared_ptr<ResponseCapture> fromEnvironment();
    explicit ResponseCapture(QString file);
    Q_DISABLE_COPY_MOVE(ResponseCapture)

    // `headers` as sent, Content-Type among them.
    void record(const HttpRequest& request, int status, const HttpHeaders& headers, const QByteArray& body);

private:
    const QString m_file;
    std::mutex m_mutex;
};

} // namespace chasm::http
