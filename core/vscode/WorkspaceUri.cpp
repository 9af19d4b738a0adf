// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WorkspaceUri.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9') {
        return u - u'0';
    }
    if (u >= u'a' && u <= u'f') {
        return u - u'a' + 10;
    }
    if (u >= u'A' && u <= u'F') {
        return u - u'A' + 10;
    }
    return -1;
}

bool isDriveLetterPath(QStringView path)
{
    // "/c:", "/c:/..." (leading slash of the URI path) or "c:/..."
    const QStringView p = path.startsWith(u'/') ? path.mid(1) : path;
    return p.size() >= 2 && p.at(0).isLetter() && p.at(0).unicode() < 128 && p.at(1) == u':' &&
           (p.size() == 2 || p.at(2) == u'/' || p.at(2) == u'\\');
}

} // namespace

WorkspaceUri::WorkspaceUri(const QString& uri)
    : m_uri(uri)
{
    const qsizetype colon = uri.indexOf(u':');
    if (colon <= 0) {
        return;
    }
    for (qsizetype i = 0; i < colon; ++i) {
        const QChar c = uri.at(i);
        if (!(c.isLetterOrNumber() || c == u'+' || c == u'-' || c == u'.') || c.unicode() >= 128) {
            return;
        }
    }
    m_scheme = uri.left(colon).toLower();
    QStringView rest = QStringView(uri).mid(colon + 1);
    const qsizetype end = std::min(rest.indexOf(u'?') < 0 ? rest.size() : rest.indexOf(u'?'),
                                   rest.indexOf(u'#') < 0 ? rest.size() : rest.indexOf(u'#'));
    rest = rest.left(end);
    if (rest.startsWith(u"//")) {
        rest = rest.mid(2);
        const qsizetype slash = rest.indexOf(u'/');
        m_authority = percentDecode(slash < 0 ? rest : rest.left(slash));
        rest = slash < 0 ? QStringView() : rest.mid(slash);
    }
    m_path = percentDecode(rest);
}

WorkspaceUri WorkspaceUri::fromParts(const QString& scheme, const QString& authority, const QString& path)
{
    WorkspaceUri uri;
    uri.m_scheme = scheme.toLower();
    uri.m_authority = authority;
    uri.m_path = path;
    uri.m_uri = uri.m_scheme + u"://"_s + authority + QString::fromUtf8(QUrl::toPercentEncoding(path, "/:@"));
    return uri;
}

QString WorkspaceUri::percentDecode(QStringView text)
{
    if (!text.contains(u'%')) {
        return text.toString();
    }
    // Escapes are bytes of UTF-8; everything between them is copied as whole runs, so characters
    // outside the BMP (surrogate pairs) stay intact.
    QByteArray bytes;
    bytes.reserve(text.size());
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'%' && i + 2 < text.size() && hexDigit(text.at(i + 1)) >= 0 &&
            hexDigit(text.at(i + 2)) >= 0) {
            bytes.append(text.mid(run, i - run).toUtf8());
            bytes.append(char(hexDigit(text.at(i + 1)) * 16 + hexDigit(text.at(i + 2))));
            i += 2;
            run = i + 1;
        }
    }
    bytes.append(text.mid(run).toUtf8());
    return QString::fromUtf8(bytes);
}

QString WorkspaceUri::localPath() const
{
    if (!isFile()) {
        return {};
    }
    if (!m_authority.isEmpty() && m_authority.compare(u"localhost"_s, Qt::CaseInsensitive) != 0) {
        QString unc = u"\\\\"_s + m_authority + m_path;
        unc.replace(u'/', u'\\');
        while (unc.size() > 3 && unc.endsWith(u'\\')) {
            unc.chop(1);
        }
        return unc;
    }
    if (isDriveLetterPath(m_path)) {
        QString windows = m_path.startsWith(u'/') ? m_path.mid(1) : m_path;
        windows[0] = windows.at(0).toUpper();
        windows.replace(u'/', u'\\');
        if (windows.size() == 2) {
            windows += u'\\';
        }
        while (windows.size() > 3 && windows.endsWith(u'\\')) {
            windows.chop(1);
        }
        return windows;
    }
    QString posix = m_path.isEmpty() ? u"/"_s : m_path;
    while (posix.size() > 1 && posix.endsWith(u'/')) {
        posix.chop(1);
    }
    return posix;
}

} // namespace chasm
