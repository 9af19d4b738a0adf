// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"

#include "model/ModelJson.h"
#include "model/SessionJsonWriter.h"
#include "model/SessionMessages.h"
#include "providers/Provider.h"
#include "providers/SessionCache.h"
#include "providers/SessionCatalog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <boost/json/serialize.hpp>

#include <algorithm>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace chasm::test {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString addSlowToolCalls(const QString& database)
{
    QString error;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("slow-tool-calls"));
        db.setDatabaseName(database);
        if (!db.open()) {
            error = db.lastError().text();
        } else if (QSqlQuery sql(db); !sql.exec(
                       QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19) "
                                      "INSERT INTO tool_invocations(session_id, message_seq, tool_name, input) "
                                      "SELECT (SELECT id FROM sessions LIMIT 1), 0, 'Read', "
                                      "replace(hex(zeroblob(1000000)), '0', 'a') FROM n"))) {
            error = sql.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("slow-tool-calls"));
    return error;
}

QByteArray slowFilePath()
{
    return QByteArray(4000, 'a') + 'b';
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QMap<QString, QByteArray> fileTree(const QString& root)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        // Chasm's listing cache, which any listing may write, can be rebuilt at any time: not the user's files.
        if (!relative.startsWith(u".cache/chasm/"_s)) {
            files.insert(relative, readAll(path));
        }
    }
    return files;
}

QStringList filesHolding(const QString& root, const QByteArray& secret)
{
    QStringList holding;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readAll(path).contains(secret)) {
            holding << path;
        }
    }
    return holding;
}

SessionRef fileSession(const Provider& provider, const QString& path)
{
    SessionRef ref;
    ref.provider = provider.id();
    ref.nativeId = QFileInfo(path).completeBaseName();
    ref.id = ref.provider + u':' + ref.nativeId;
    ref.path = path;
    return ref;
}

QString wholeRead(const Provider& provider, const SessionRef& ref)
{
    const auto session = provider.load(ref);
    return session ? QString::fromStdString(boost::json::serialize(shapes::session(*session)))
                   : u"ERROR: "_s + session.error().message;
}

QString readInParts(const Provider& provider, const SessionRef& ref, const SessionCache* checkpoints)
{
    std::string text;
    SessionJsonWriter writer([&text](std::string_view part) {
        text += part;
        return std::optional<Error>();
    });
    if (const auto error = provider.read(ref, writer, checkpoints)) {
        return u"ERROR: "_s + error->message;
    }
    return QString::fromStdString(text);
}

QString openedRead(const Provider& provider, const SessionRef& ref)
{
    const auto opened = provider.open(ref, {}, 0);
    if (!opened) {
        return u"ERROR: "_s + opened.error().message;
    }
    const SessionMessages& messages = **opened;
    // Seven at a time, so that reads start and end inside blocks and across them.
    QList<Message> backwards;
    for (int last = messages.count(); last > 0; last -= 7) {
        auto read = messages.messages(std::max(0, last - 7), last);
        if (!read) {
            return u"ERROR: "_s + read.error().message;
        }
        backwards = *read + backwards;
    }
    Session session = messages.header();
    if (const auto error = messages.scan([&session](int first, const QList<Message>& batch) {
            if (first != session.messages.size()) {
                return false;
            }
            session.messages += batch;
            return true;
        })) {
        return u"ERROR: "_s + error->message;
    }
    const QString text = QString::fromStdString(boost::json::serialize(shapes::session(session)));
    session.messages = backwards;
    const QString read = QString::fromStdString(boost::json::serialize(shapes::session(session)));
    return read == text ? read
                        : u"ERROR: one pass read\n%1\nand reads from the last message read\n%2"_s.arg(text, read);
}

QString wholeReadWithoutFiles(const Provider& provider, const SessionRef& ref)
{
    auto session = provider.load(ref);
    if (!session) {
        return u"ERROR: "_s + session.error().message;
    }
    session->filesReferenced.clear();
    return QString::fromStdString(boost::json::serialize(shapes::session(*session)));
}

QString listedAsGrown(const FixtureHome& home, const QString& provider, const QString& path, const QByteArray& full,
                      const QList<qint64>& cuts, qint64 most)
{
    qint64 written = 0;
    for (const qint64 cut : cuts) {
        QFile file(path);
        if (!file.open(QIODevice::Append) || file.write(full.mid(written, cut - written)) != cut - written) {
            return u"cannot write %1"_s.arg(path);
        }
        file.close();
        const qint64 before = bytesRead();
        SessionCatalog catalog(home.environment());
        const auto providers = catalog.providers(provider).value();
        SessionRef listed;
        for (const SessionRef& ref : catalog.sessions(providers, catalog.workspaces(providers))) {
            listed = ref.path == path ? ref : listed;
        }
        const qint64 read = bytesRead() - before;
        const auto whole = providers.constFirst()->load(fileSession(*providers.constFirst(), path));
        if (!whole) {
            return whole.error().message;
        }
        SessionRef expected = listed;
        describe(expected, *whole);
        const auto shown = [](const SessionRef& ref) {
            return QStringList{ref.nativeId,
                               ref.title,
                               QString::number(ref.messageCount),
                               ref.createdAt.toString(Qt::ISODateWithMs),
                               ref.updatedAt.toString(Qt::ISODateWithMs),
                               ref.projectPath}
                   << ref.warnings;
        };
        if (shown(listed) != shown(expected)) {
            return u"cut at %1: listed %2, read whole %3"_s.arg(cut).arg(shown(listed).join(u" | "_s),
                                                                         shown(expected).join(u" | "_s));
        }
        if (written > 0 && read >= most) {
            return u"cut at %1: %2 bytes read"_s.arg(cut).arg(read);
        }
        written = cut;
    }
    return {};
}

qint64 bytesRead()
{
    QFile io(u"/proc/self/io"_s);
    if (!io.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : io.readAll().split('\n')) {
        if (line.startsWith("rchar:")) {
            return line.mid(6).trimmed().toLongLong();
        }
    }
    return -1;
}

QStringList roles(const Session& session)
{
    QStringList result;
    for (const Message& m : session.messages) {
        result << roleName(m.role);
    }
    return result;
}

FixtureHome::FixtureHome(const QString& set)
    : FixtureHome(QStringList{set})
{}

FixtureHome::FixtureHome(const QStringList& sets)
{
    m_valid = m_dir.isValid();
    for (const QString& set : sets) {
        m_valid = m_valid && add(set);
    }
}

bool FixtureHome::add(const QString& set)
{
    const QString source = QStringLiteral(CHASM_TEST_DATA_DIR) + u'/' + set + u"/home"_s;
    QDirIterator it(source, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    bool ok = QFileInfo(source).isDir();
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = QDir(source).relativeFilePath(from);
        const QString to = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(to).absolutePath());
        QByteArray bytes = readAll(from);
        if (relative.endsWith(u".sql"_s)) {
            QString database = to;
            database.chop(4);
            ok = ok && runScript(database, bytes);
            continue;
        }
        if (relative.endsWith(u"index.json"_s)) {
            ok = ok && writeStateDatabase(QFileInfo(to).absolutePath() + u"/state.vscdb"_s, bytes);
            continue;
        }
        bytes.replace("${HOME}", m_dir.path().toUtf8());
        QFile out(to);
        ok = ok && out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size();
    }
    return ok;
}

Environment FixtureHome::environment() const
{
    return Environment::fromVariables({{u"HOME"_s, path()}, {u"PWD"_s, path()}}, Platform::Linux);
}

bool FixtureHome::runScript(const QString& path, const QByteArray& script)
{
    static int counter = 0;
    const QString connection = u"fixture-script-%1"_s.arg(++counter);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        // One statement per line-terminated ";": fixture scripts keep each statement on its lines.
        for (const QByteArray& statement : script.split(';')) {
            if (!statement.trimmed().isEmpty() && ok) {
                ok = query.exec(QString::fromUtf8(statement));
                if (!ok) {
                    qWarning() << "fixture script" << path << ":" << query.lastError().text();
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

bool FixtureHome::writeStateDatabase(const QString& path, const QByteArray& indexJson)
{
    static int counter = 0;
    const QString connection = u"fixture-%1"_s.arg(++counter);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            ok =
                query.exec(u"CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)"_s);
            const QList<std::pair<QString, QByteArray>> rows = {
                {u"chat.ChatSessionStore.index"_s, indexJson},
                {u"workbench.panel.chat.numberOfVisibleViews"_s, "1"},
                {u"memento/interactive-session-view-copilot"_s, R"({"inputHistory":[]})"},
            };
            for (const auto& [key, value] : rows) {
                query.prepare(u"INSERT INTO ItemTable (key, value) VALUES (?, ?)"_s);
                query.addBindValue(key);
                query.addBindValue(QString::fromUtf8(value));
                ok = ok && query.exec();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

QString editorWorkspaceId(const QString& folder)
{
    struct stat status
    {};
    if (::stat(QFile::encodeName(folder).constData(), &status) != 0) {
        return {};
    }
    const QByteArray text = folder.toUtf8() + QByteArray::number(quint64(status.st_ino));
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Md5).toHex());
}

} // namespace chasm::test
