// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliJson.h"

#include <QRegularExpression>

#include <boost/json/serialize.hpp>

#include <string>

using namespace Qt::StringLiterals;

namespace chasm::test {

QStringList expanded(const QStringList& args, const QString& home)
{
    QStringList result;
    for (QString arg : args) {
        arg.replace(u"${PROJECT}"_s, home + u"/dev/projects/web app"_s);
        arg.replace(u"${HOME}"_s, home);
        result << arg;
    }
    return result;
}

QString comparable(QString text, const QString& home, const QStringList& ids)
{
    text.replace(home, u"${HOME}"_s);
    for (const QString& id : ids) {
        if (!id.isEmpty()) {
            text.replace(id, u"ID"_s);
        }
    }
    static const QRegularExpression stamp(u"\\d{8}-\\d{6}-\\d{3}"_s);
    return text.replace(stamp, u"STAMP"_s);
}

QString printed(const boost::json::value& shape)
{
    return QString::fromStdString(boost::json::serialize(shape)) + u'\n';
}

} // namespace chasm::test
