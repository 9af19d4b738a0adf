// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PathServer.h"

#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace chasm::test {

PathServer::PathServer(QByteArray missing, QHash<QByteArray, QByteArray> answers)
    : m_missing(std::move(missing))
    , m_answers(std::move(answers))
{}

PathServer::~PathServer()
{
    quit();
    wait();
}

QString PathServer::listen()
{
    std::future<quint16> port = m_port.get_future();
    start();
    return u"http://127.0.0.1:%1"_s.arg(port.get());
}

void PathServer::serve(const QByteArray& path, const QByteArray& answer)
{
    QMutexLocker lock(&m_mutex);
    m_answers.insert(path, answer);
}

QList<QByteArray> PathServer::paths() const
{
    QMutexLocker lock(&m_mutex);
    return m_paths;
}

void PathServer::run()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                const QByteArray request = socket->property("request").toByteArray() + socket->readAll();
                socket->setProperty("request", request);
                if (!request.contains("\r\n\r\n")) {
                    return;
                }
                const QByteArray path = request.split(' ').value(1);
                QByteArray answer;
                {
                    QMutexLocker lock(&m_mutex);
                    m_paths << path;
                    answer = m_answers.value(path, m_missing);
                }
                if (!answer.isEmpty()) {
                    socket->write(answer);
                    socket->disconnectFromHost();
                }
            });
        }
    });
    m_port.set_value(server.serverPort());
    exec();
}

} // namespace chasm::test
