// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <QThread>

#include <future>

namespace chasm::test {

// A web server of the test's own on 127.0.0.1, on a thread of its own (the test waits for `chasm` meanwhile): each
// request is answered with the bytes served for its path (a whole HTTP answer), or with `missing` for any other path;
// an empty answer is none at all (the connection stays open and silent). It keeps the paths asked for, in order.
class PathServer final : public QThread
{
public:
    explicit PathServer(QByteArray missing, QHash<QByteArray, QByteArray> answers = {});
    ~PathServer() override;
    Q_DISABLE_COPY_MOVE(PathServer)

    // Starts it: its address, http://127.0.0.1:PORT.
    QString listen();
    // From now on, `path` (with its query) is answered with `answer`.
    void serve(const QByteArray& path, const QByteArray& answer);
    QList<QByteArray> paths() const;

protected:
    void run() override;

private:
    const QByteArray m_missing;
    std::promise<quint16> m_port;
    mutable QMutex m_mutex;
    QHash<QByteArray, QByteArray> m_answers;
    QList<QByteArray> m_paths;
};

} // namespace chasm::test
