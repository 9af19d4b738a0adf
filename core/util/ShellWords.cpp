// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ShellWords.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString posixQuoted(const QString& word)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    if (plain.match(word).hasMatch()) {
        return word;
    }
    return u'\'' + QString(word).replace(u"'"_s, u"'\\''"_s) + u'\'';
}

// As CommandLineToArgvW reads it back: backslashes are literal except before a quote, where 2n of them stand
// for n and an odd one makes the quote literal.
QString windowsQuoted(const QString& word)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_+=:,./\\\\-]+$"_s);
    if (plain.match(word).hasMatch()) {
        return word;
    }
    QString quoted = u"\""_s;
    int backslashes = 0;
    for (const QChar c : word) {
        if (c == u'\\') {
            ++backslashes;
            continue;
        }
        if (c == u'"') {
            quoted += QString(backslashes * 2 + 1, u'\\') + u'"';
        } else {
            quoted += QString(backslashes, u'\\') + c;
        }
        backslashes = 0;
    }
    return quoted + QString(backslashes * 2, u'\\') + u'"';
}

} // namespace

QString shellQuoted(const QString& word, Platform platform)
{
    return platform == Platform::Windows ? windowsQuoted(word) : posixQuoted(word);
}

QString shellLine(const QStringList& words, Platform platform)
{
    QStringList quoted;
    for (const QString& word : words) {
        quoted << shellQuoted(word, platform);
    }
    return quoted.join(u' ');
}

} // namespace chasm
