// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PostgresServer.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace chasm::test {

namespace {

// The newest server's programs Debian installs (/usr/lib/postgresql/VERSION/bin), or nothing.
QString serverPrograms()
{
    QDir versions(u"/usr/lib/postgresql"_s);
    QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(found.begin(), found.end(), [&numeric](const QString& a, const QString& b) { return numeric(b, a); });
    for (const QString& version : std::as_const(found)) {
        const QString bin = versions.filePath(version + u"/bin"_s);
        if (QFile::exists(bin + u"/initdb"_s) && QFile::exists(bin + u"/pg_ctl"_s)) {
            return bin;
        }
    }
    return {};
}

// A port on 127.0.0.1 that no one listens on now (the system's choice for a socket bound to port 0).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

bool writeFile(const QString& path, const QByteArray& content, QIODevice::OpenMode mode)
{
    QFile file(path);
    return file.open(mode) && file.write(content) == content.size();
}

} // namespace

PostgresServer::~PostgresServer()
{
    stop();
}

QString PostgresServer::run(const QString& program, const QStringList& arguments) const
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    if (::geteuid() == 0) {
        const passwd* nobody = ::getpwnam("nobody");
        process.setProgram(u"setpriv"_s);
        process.setArguments(QStringList{u"--reuid=%1"_s.arg(nobody->pw_uid), u"--regid=%1"_s.arg(nobody->pw_gid),
                                         u"--clear-groups"_s, u"--"_s, m_bin + u'/' + program} +
                             arguments);
    } else {
        process.setProgram(m_bin + u'/' + program);
        process.setArguments(arguments);
    }
    process.start();
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return u"%1 failed (%2): %3%4"_s.arg(program, process.errorString(),
                                             QString::fromLocal8Bit(process.readAllStandardError()),
                                             QString::fromLocal8Bit(process.readAllStandardOutput()));
    }
    return {};
}

QString PostgresServer::start(const QString& database)
{
    m_bin = serverPrograms();
    if (m_bin.isEmpty()) {
        return u"PostgreSQL's server programs (initdb, pg_ctl in /usr/lib/postgresql/*/bin) are not installed: "
               "scripts/install-deps installs them (Debian and Ubuntu: the package postgresql)"_s;
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        return u"Qt's PostgreSQL driver is not installed: scripts/install-deps installs it (libqt6sql6-psql)"_s;
    }
    if (!m_dir.isValid()) {
        return u"cannot make a temporary folder: "_s + m_dir.errorString();
    }
    if (::geteuid() == 0) {
        const passwd* nobody = ::getpwnam("nobody");
        if (!nobody) {
            return u"the tests run as root and this system has no user nobody to run PostgreSQL as"_s;
        }
        if (::chown(QFile::encodeName(m_dir.path()).constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
            return u"cannot give %1 to the user nobody"_s.arg(m_dir.path());
        }
    }
    const QString data = m_dir.filePath(u"data"_s);
    if (QString error = run(u"initdb"_s, {u"-D"_s, data, u"-U"_s, superuser(), u"-A"_s, u"trust"_s, u"-E"_s, u"UTF8"_s,
                                          u"--locale=C.UTF-8"_s, u"--no-sync"_s});
        !error.isEmpty()) {
        return error;
    }
    // The superuser without a password, everyone else with theirs; nothing but loopback and the folder's socket.
    const QByteArray hba =
        "local all " + superuser().toUtf8() + " trust\nhost all " + superuser().toUtf8() +
        " 127.0.0.1/32 trust\nlocal all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n";
    if (!writeFile(data + u"/pg_hba.conf"_s, hba, QIODevice::WriteOnly | QIODevice::Truncate)) {
        return u"cannot write %1/pg_hba.conf"_s.arg(data);
    }
    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freePort();
        const QByteArray settings = "\nlisten_addresses = '127.0.0.1'\nport = " + QByteArray::number(m_port) +
                                    "\nunix_socket_directories = '" + QFile::encodeName(m_dir.path()) +
                                    "'\npassword_encryption = 'scram-sha-256'\nfsync = off\nsynchronous_commit = off\n"
                                    "full_page_writes = off\nmax_connections = 30\nshared_buffers = 16MB\n";
        if (!writeFile(data + u"/postgresql.auto.conf"_s, settings, QIODevice::WriteOnly | QIODevice::Truncate)) {
            return u"cannot write %1/postgresql.auto.conf"_s.arg(data);
        }
        const QString log = m_dir.filePath(u"server.log"_s);
        const QString error = run(u"pg_ctl"_s, {u"-D"_s, data, u"-l"_s, log, u"-w"_s, u"-t"_s, u"60"_s, u"start"_s});
        m_running = error.isEmpty();
        if (!m_running && attempt == 2) {
            QFile file(log);
            return error + u"\nthe server's log:\n"_s +
                   (file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString());
        }
    }
    if (QString error = execute({u"CREATE DATABASE %1"_s.arg(database)}, u"postgres"_s); !error.isEmpty()) {
        return error;
    }
    m_database = database;
    return {};
}

void PostgresServer::stop()
{
    if (m_running) {
        run(u"pg_ctl"_s, {u"-D"_s, m_dir.filePath(u"data"_s), u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s});
        m_running = false;
    }
}

QString PostgresServer::url(const QString& user, const QString& password, const QString& database) const
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user);
    if (!password.isEmpty()) {
        url.setPassword(password);
    }
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(u"/"_s + (database.isEmpty() ? m_database : database));
    return url.toString();
}

QSqlDatabase PostgresServer::connect(const QString& name, const QString& user, const QString& password,
                                     const QString& database) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(u"127.0.0.1"_s);
    db.setPort(m_port);
    db.setDatabaseName(database.isEmpty() ? m_database : database);
    db.setUserName(user);
    if (!password.isEmpty()) {
        db.setPassword(password);
    }
    db.open();
    return db;
}

QString PostgresServer::execute(const QStringList& statements, const QString& database) const
{
    static int counter = 0;
    const QString name = u"chasm-test-postgres-%1"_s.arg(++counter);
    QString error;
    {
        QSqlDatabase db = connect(name, superuser(), {}, database);
        if (!db.isOpen()) {
            error = db.lastError().text();
        }
        QSqlQuery query(db);
        for (const QString& statement : statements) {
            if (error.isEmpty() && !query.exec(statement)) {
                error = statement + u": "_s + query.lastError().text();
            }
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace chasm::test
