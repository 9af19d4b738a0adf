// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FileTransaction.h"

#include "json/Json.h"
#include "util/Environment.h"
#include "util/RegularFile.h"
#include "util/SafePath.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimeZone>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <boost/json.hpp>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr qint64 chunkSize = 4 << 20;

QString stampOf(const QDateTime& time)
{
    return time.toUTC().toString(u"yyyyMMdd-HHmmss-zzz"_s);
}

// A name beside `wanted` that does not exist yet: `wanted`, else `wanted`-<stamp>, else with a counter.
QString freeName(const QString& wanted, const QString& stamp)
{
    if (!QFileInfo::exists(wanted)) {
        return wanted;
    }
    QString name = wanted + u'-' + stamp;
    for (int n = 2; QFileInfo::exists(name); ++n) {
        name = wanted + u'-' + stamp + u'-' + QString::number(n);
    }
    return name;
}

std::optional<Error> ensureFolder(const QString& folder)
{
    if (!QDir().mkpath(folder)) {
        return Error{u"cannot create the folder %1"_s.arg(folder)};
    }
    return std::nullopt;
}

constexpr qsizetype keyBytes = 32;

// This user's recovery key, made on first use when `create`. Two processes making it at once end with
// the same key: each writes its own under a private name and links it into place only if none is there.
Result<QByteArray> recoveryKey(bool create)
{
    const QString path = RecoveryPoint::recoveryKeyPath();
    if (QFileInfo::exists(path) || QFileInfo(path).isSymLink() || !create) {
        auto key = RegularFile::read(path, 4096);
        if (!key) {
            return key.error();
        }
        if (key->size() < keyBytes) {
            return Error{u"the recovery key %1 is damaged (too short)"_s.arg(path)};
        }
        return *key;
    }
    if (auto error = ensureFolder(QFileInfo(path).absolutePath())) {
        return *error;
    }
    QByteArray key(keyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    const QString mine = path + u".new-"_s + QString::number(QRandomGenerator::system()->generate64(), 16);
    {
        QFile file(mine);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
            !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || file.write(key) != key.size() ||
            !file.flush()) {
            QFile::remove(mine);
            return Error{u"cannot write the recovery key %1: %2"_s.arg(path, file.errorString())};
        }
    }
#ifdef Q_OS_UNIX
    const bool placed = ::link(QFile::encodeName(mine).constData(), QFile::encodeName(path).constData()) == 0;
#else
    const bool placed = QFile::rename(mine, path);
#endif
    QFile::remove(mine);
    if (!placed && !QFileInfo::exists(path)) {
        return Error{u"cannot write the recovery key %1"_s.arg(path)};
    }
    return recoveryKey(false); // ours, or the one another process put there first
}

QByteArray signatureOf(const boost::json::object& manifest, const QByteArray& key)
{
    const std::string text = boost::json::serialize(manifest);
    return QMessageAuthenticationCode::hash(QByteArray::fromRawData(text.data(), qsizetype(text.size())), key,
                                            QCryptographicHash::Sha256)
        .toHex();
}

bool isLink(const QString& path)
{
    return QFileInfo(path).isSymLink();
}

// Whether a file differs from what the operation left: other bytes, or, removed, there again.
bool changedSince(const RecoveryPoint::File& file)
{
    if (!QFileInfo::exists(file.path)) {
        return false;
    }
    if (file.removed) {
        return fileSha256(file.path) != fileSha256(file.backup);
    }
    return !file.sha256.isEmpty() && fileSha256(file.path) != file.sha256;
}

} // namespace

std::optional<Error> copyAtomically(const QString& from, const QString& to)
{
    QFile source;
    if (auto error = RegularFile::open(source, from, -1)) {
        return error;
    }
    QSaveFile target(to);
    if (!target.open(QIODevice::WriteOnly)) {
        return Error{u"cannot write %1: %2"_s.arg(to, target.errorString())};
    }
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(chunkSize);
        if (chunk.isEmpty() && source.error() != QFileDevice::NoError) {
            target.cancelWriting();
            return Error{u"cannot read %1: %2"_s.arg(from, source.errorString())};
        }
        if (target.write(chunk) != chunk.size()) {
            target.cancelWriting();
            return Error{u"cannot write %1: %2"_s.arg(to, target.errorString())};
        }
    }
    if (!target.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(to, target.errorString())};
    }
    return std::nullopt;
}

std::optional<Error> writeAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return Error{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    }
    return std::nullopt;
}

QByteArray fileSha256(const QString& path)
{
    QFile file;
    if (RegularFile::open(file, path, -1)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        return {};
    }
    return hash.result().toHex();
}

FileTransaction::FileTransaction(QString operation, QString recoveryFolder, bool dryRun, QStringList scope)
    : m_dryRun(dryRun)
    , m_folder(std::move(recoveryFolder))
{
    for (const QString& folder : std::as_const(scope)) {
        m_point.scope << QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    }
    m_point.operation = std::move(operation);
    m_point.created = QDateTime::currentDateTimeUtc();
    m_stamp = stampOf(m_point.created);
}

Result<QString> FileTransaction::backup(const QString& path, BackupPlace place)
{
    QString target;
    if (place == BackupPlace::Beside) {
        target = freeName(path + u".bak"_s, m_stamp);
    } else {
        const QString folder = m_folder + u'/' + m_stamp;
        if (auto error = ensureFolder(folder)) {
            return *error;
        }
        target = freeName(folder + u'/' + QFileInfo(path).fileName(), QString::number(m_point.files.size()));
    }
    if (auto error = copyAtomically(path, target)) {
        return Error{u"no backup of %1 could be made, so it was left as it is (%2)"_s.arg(path, error->message)};
    }
    return target;
}

std::optional<Error> FileTransaction::checkInScope(const QString& path) const
{
    if (isLink(path)) {
        return Error{u"refusing to change %1: it is a link, and Chasm does not write through links"_s.arg(path)};
    }
    const bool inside = std::any_of(m_point.scope.cbegin(), m_point.scope.cend(),
                                    [&path](const QString& folder) { return SafePath::isInside(path, folder); });
    if (!inside) {
        return Error{u"refusing to change %1: it lies outside %2, the folders this %3 may change"_s.arg(
            path, m_point.scope.join(u", "_s), m_point.operation)};
    }
    return std::nullopt;
}

std::optional<Error> FileTransaction::preserve(const QString& path, BackupPlace place, const QString& change)
{
    if (auto error = checkInScope(path)) {
        return error;
    }
    m_point.changes << change;
    if (m_dryRun) {
        return std::nullopt;
    }
    auto copy = backup(path, place);
    if (!copy) {
        return copy.error();
    }
    m_point.files.append({path, *copy, {}});
    return saveManifest();
}

std::optional<Error> FileTransaction::replace(const QString& path, const QByteArray& bytes, BackupPlace place,
                                              const QString& change)
{
    if (auto error = preserve(path, place, change)) {
        return error;
    }
    return m_dryRun ? std::nullopt : writeAtomically(path, bytes);
}

std::optional<Error> FileTransaction::remove(const QString& path, BackupPlace place, const QString& change)
{
    if (auto error = preserve(path, place, change)) {
        return error;
    }
    if (m_dryRun) {
        return std::nullopt;
    }
    m_point.files.last().removed = true;
    if (auto error = saveManifest()) {
        return error;
    }
    if (QFile::remove(path)) {
        return std::nullopt;
    }
    return Error{u"cannot remove %1 (its backup is %2)"_s.arg(path, m_point.files.constLast().backup)};
}

std::optional<Error> FileTransaction::willCreate(const QString& path, const QString& change)
{
    if (auto error = checkInScope(path)) {
        return error;
    }
    m_point.changes << change;
    if (m_dryRun) {
        return std::nullopt;
    }
    if (QFileInfo::exists(path)) {
        return Error{u"%1 exists already"_s.arg(path)};
    }
    m_point.files.append({path, {}, {}});
    return saveManifest();
}

std::optional<Error> FileTransaction::create(const QString& path, const QByteArray& bytes, const QString& change)
{
    if (auto error = checkInScope(path)) {
        return error;
    }
    m_point.changes << change;
    if (m_dryRun) {
        return std::nullopt;
    }
    if (QFileInfo::exists(path) || isLink(path)) {
        return Error{u"%1 exists already: Chasm does not overwrite it"_s.arg(path)};
    }
    if (auto error = ensureFolder(QFileInfo(path).absolutePath())) {
        return error;
    }
    m_point.files.append({path, {}, {}});
    if (auto error = saveManifest()) {
        return error;
    }
    return writeAtomically(path, bytes);
}

namespace {

QString& journal()
{
    static QString file;
    return file;
}

// The folder, added to the journal unless it is there already. The journal only helps to list points:
// failing to write it never stops an operation.
void remember(const QString& folder)
{
    const QString file = journal();
    if (file.isEmpty() || RecoveryPoint::journalFolders().contains(folder) ||
        ensureFolder(QFileInfo(file).absolutePath())) {
        return;
    }
    QFile out(file);
    if (out.open(QIODevice::Append)) {
        out.write(folder.toUtf8() + '\n');
    }
}

} // namespace

std::optional<Error> FileTransaction::saveManifest()
{
    if (auto error = ensureFolder(m_folder)) {
        return error;
    }
    if (m_point.manifest.isEmpty()) {
        // Another operation may have started in the same millisecond: never share its manifest.
        QString name = m_folder + u'/' + m_stamp;
        for (int n = 2; QFileInfo::exists(name + u".json"_s); ++n) {
            name = m_folder + u'/' + m_stamp + u'-' + QString::number(n);
        }
        m_point.manifest = name + u".json"_s;
        remember(QFileInfo(m_folder).absoluteFilePath());
    }
    boost::json::array files;
    for (const RecoveryPoint::File& file : std::as_const(m_point.files)) {
        files.push_back(boost::json::object{{"path", json::fromQString(file.path)},
                                            {"backup", json::fromQString(file.backup)},
                                            {"sha256", json::fromQString(QString::fromLatin1(file.sha256))},
                                            {"removed", file.removed}});
    }
    boost::json::array changes;
    for (const QString& change : std::as_const(m_point.changes)) {
        changes.push_back(json::fromQString(change));
    }
    boost::json::array scope;
    for (const QString& folder : std::as_const(m_point.scope)) {
        scope.push_back(json::fromQString(folder));
    }
    const auto key = recoveryKey(true);
    if (!key) {
        return key.error();
    }
    boost::json::object manifest{
        {"chasm_recovery_point", 1},
        {"operation", json::fromQString(m_point.operation)},
        {"created", json::fromQString(m_point.created.toString(Qt::ISODateWithMs))},
        {"scope", std::move(scope)},
        {"files", std::move(files)},
        {"changes", std::move(changes)},
    };
    // Last, so that the reader takes it off without moving another member.
    manifest["signature"] = json::fromQString(QString::fromLatin1(signatureOf(manifest, *key)));
    const std::string text = json::pretty(manifest);
    return writeAtomically(m_point.manifest, QByteArray(text.data(), qsizetype(text.size())));
}

Result<RecoveryPoint> FileTransaction::finish()
{
    if (m_dryRun || m_point.files.isEmpty()) {
        return m_point;
    }
    for (RecoveryPoint::File& file : m_point.files) {
        file.sha256 = fileSha256(file.path);
    }
    if (auto error = saveManifest()) {
        return *error;
    }
    return m_point;
}

QString RecoveryPoint::recoveryKeyPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/chasm/recovery.key"_s;
}

Result<RecoveryPoint> RecoveryPoint::read(const QString& manifest)
{
    if (const QFileInfo undone(manifest.chopped(5) + u".undone.json"_s);
        manifest.endsWith(u".json"_s) && !QFileInfo::exists(manifest) && undone.isFile()) {
        // Undone from elsewhere (the History window, the command line) since this point was listed.
        return Error{u"%1 was undone already, on %2"_s.arg(
            manifest, QLocale().toString(undone.lastModified(), QLocale::ShortFormat))};
    }
    auto tree = json::parseFile(manifest);
    if (!tree) {
        return tree.error();
    }
    if (!tree->is_object() || !json::integer(*tree, "chasm_recovery_point")) {
        return Error{u"%1 is not a Chasm recovery point"_s.arg(manifest)};
    }
    const auto refused = [&manifest](const QString& why) {
        return Error{u"refusing to use the recovery point %1: %2; nothing was changed"_s.arg(manifest, why)};
    };
    boost::json::object& object = tree->as_object();
    if (object.empty() || (object.end() - 1)->key() != "signature" || !(object.end() - 1)->value().is_string()) {
        return refused(u"it is not signed, so Chasm did not write it (or an older Chasm did; its backups are "
                       "listed in it to restore by hand)"_s);
    }
    const QByteArray signature = json::toQString((object.end() - 1)->value().get_string()).toLatin1();
    object.erase(object.end() - 1);
    const auto key = recoveryKey(false); // none yet: this user's Chasm has written no recovery point
    if (!key || signatureOf(object, *key) != signature) {
        return refused(u"its signature does not match: it was changed, or written by someone else"_s);
    }
    RecoveryPoint point;
    point.manifest = QDir::cleanPath(QFileInfo(manifest).absoluteFilePath());
    point.operation = json::string(*tree, "operation");
    point.created = QDateTime::fromString(json::string(*tree, "created"), Qt::ISODateWithMs);
    for (const boost::json::value& folder : json::arrayAt(*tree, "scope")) {
        if (folder.is_string()) {
            point.scope << json::toQString(folder.get_string());
        }
    }
    const QString ownFolder = QFileInfo(point.manifest).absolutePath();
    for (const boost::json::value& file : json::arrayAt(*tree, "files")) {
        const File entry{json::string(file, "path"), json::string(file, "backup"),
                         json::string(file, "sha256").toLatin1(), json::boolean(file, "removed").value_or(false)};
        const bool inScope = std::any_of(point.scope.cbegin(), point.scope.cend(), [&entry](const QString& folder) {
            return SafePath::isInside(entry.path, folder);
        });
        if (!inScope || isLink(entry.path)) {
            return refused(u"%1 lies outside the folders it was made for"_s.arg(entry.path));
        }
        const bool besideIt =
            entry.backup == entry.path + u".bak"_s || entry.backup.startsWith(entry.path + u".bak-"_s);
        if (!entry.backup.isEmpty() && ((!besideIt && !SafePath::isInside(entry.backup, ownFolder)) ||
                                        isLink(entry.backup) || entry.backup.contains(u"/../"_s))) {
            return refused(u"the backup %1 is neither beside %2 nor in the recovery point's folder"_s.arg(entry.backup,
                                                                                                          entry.path));
        }
        point.files.append(entry);
    }
    for (const boost::json::value& change : json::arrayAt(*tree, "changes")) {
        if (change.is_string()) {
            point.changes << json::toQString(change.get_string());
        }
    }
    return point;
}

QList<RecoveryPoint> RecoveryPoint::list(const QString& folder, bool withUndone)
{
    QList<RecoveryPoint> points;
    const QStringList manifests = QDir(folder).entryList({u"*.json"_s}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString& name : manifests) {
        const bool undone = name.endsWith(u".undone.json"_s);
        if (undone && !withUndone) {
            continue;
        }
        if (auto point = read(folder + u'/' + name)) {
            if (undone) {
                point->undone = QFileInfo(point->manifest).lastModified(); // set by undo
            }
            points.append(std::move(*point));
        }
    }
    return points;
}

void RecoveryPoint::setJournal(const QString& file)
{
    journal() = file;
}

QString RecoveryPoint::journalFile(const Environment& environment)
{
    return environment.dataHome() + u"/chasm/recovery-folders"_s;
}

QStringList RecoveryPoint::journalFolders()
{
    QStringList folders;
    if (journal().isEmpty() || !QFileInfo::exists(journal())) {
        return folders;
    }
    const auto bytes = RegularFile::read(journal(), 16 << 20);
    if (!bytes) {
        return folders;
    }
    for (const QByteArray& line : bytes->split('\n')) {
        const QString folder = QString::fromUtf8(line);
        if (!folder.isEmpty() && !folders.contains(folder) && QFileInfo(folder).isDir()) {
            folders << folder;
        }
    }
    return folders;
}

QString RecoveryPoint::undoCommand() const
{
    return u"chasm recover undo \"%1\""_s.arg(manifest);
}

Result<QStringList> FileTransaction::undo(const RecoveryPoint& point, bool force)
{
    if (!QFileInfo::exists(point.manifest)) {
        return Error{u"cannot undo %1: it is gone (undone already?)"_s.arg(point.manifest)};
    }
    const QString stamp = stampOf(QDateTime::currentDateTimeUtc());
    // Check everything before touching anything: a backup that is gone or a database in use stops it.
    for (const RecoveryPoint::File& file : point.files) {
        if (!file.backup.isEmpty() && !QFileInfo::exists(file.backup)) {
            return Error{u"cannot undo: the backup %1 of %2 is gone"_s.arg(file.backup, file.path)};
        }
        if (QFileInfo(file.path + u"-wal"_s).size() > 0) {
            return Error{u"cannot undo: %1 is open in another program (its -wal file is not empty); close the "
                         "editor and try again"_s.arg(file.path)};
        }
        if (!force && changedSince(file)) {
            return Error{u"cannot undo: %1 changed after the operation (the editor wrote to it since), and undo "
                         "would replace that; nothing was changed. Use --force to undo anyway (its current "
                         "content is then kept beside it)"_s.arg(file.path)};
        }
    }
    QStringList done;
    // In reverse, so a file changed twice ends as it was before the first change.
    for (auto it = point.files.crbegin(); it != point.files.crend(); ++it) {
        const RecoveryPoint::File& file = *it;
        const bool exists = QFileInfo::exists(file.path);
        if (changedSince(file)) {
            const QString kept = freeName(file.path + u".before-undo"_s, stamp);
            if (auto error = copyAtomically(file.path, kept)) {
                return *error;
            }
            done << u"%1 changed after the operation: its current content is kept as %2"_s.arg(file.path, kept);
        }
        if (file.backup.isEmpty()) {
            if (exists && !QFile::remove(file.path)) {
                return Error{u"cannot remove %1, which the operation created"_s.arg(file.path)};
            }
            done << u"removed %1"_s.arg(file.path);
        } else {
            if (auto error = copyAtomically(file.backup, file.path)) {
                return *error;
            }
            done << u"restored %1 from %2"_s.arg(file.path, file.backup);
        }
    }
    const QString undone = point.manifest.chopped(5) + u".undone.json"_s;
    if (!QFile::rename(point.manifest, undone)) {
        done << u"note: %1 could not be renamed to %2; do not undo it again"_s.arg(point.manifest, undone);
    } else if (QFile renamed(undone); renamed.open(QIODevice::ReadOnly)) {
        // Its modification time says when it was undone (a rename keeps the time it was written).
        renamed.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    }
    return done;
}

} // namespace chasm
