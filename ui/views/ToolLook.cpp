// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ToolLook.h"

#include "export/SessionExport.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>

#include <climits>

using namespace Qt::StringLiterals;

namespace chasm::ToolLook {

QString name(const QString& provider)
{
    return SessionExport::toolName(provider);
}

QColor colour(const QString& provider)
{
    // A qualitative palette, one hue per tool, so that bars side by side are told apart (Claude Code's
    // orange and Qwen Code's red were one orange) and a tool keeps its colour between runs.
    static const QHash<QString, QColor> known{
        {u"copilot"_s, QColor(0x1f, 0x77, 0xb4)},  {u"claude-code"_s, QColor(0xd9, 0x77, 0x57)},
        {u"codex"_s, QColor(0x2c, 0xa0, 0x2c)},    {u"cursor"_s, QColor(0x94, 0x67, 0xbd)},
        {u"gemini"_s, QColor(0xe6, 0xb8, 0x00)},   {u"windsurf"_s, QColor(0x17, 0xbe, 0xcf)},
        {u"continue"_s, QColor(0xe3, 0x77, 0xc2)}, {u"opencode"_s, QColor(0x8c, 0x56, 0x4b)},
        {u"qwen"_s, QColor(0xd6, 0x27, 0x28)},     {u"aider"_s, QColor(0xbc, 0xbd, 0x22)},
        {u"droid"_s, QColor(0x39, 0x3b, 0x79)},
    };
    return known.value(provider, QColor::fromHsv(int(qHash(provider) % 360), 160, 200));
}

QIcon icon(const QString& provider)
{
    const QString file = u":/tools/"_s + provider + u".svg"_s;
    return QFile::exists(file) ? QIcon(file) : QIcon::fromTheme(u"user-available"_s);
}

QString sessions(int count)
{
    return QCoreApplication::translate("chasm::MainWindow", "%n session(s)", nullptr, count);
}

QString messages(qint64 count)
{
    // Written without a template argument list: lupdate 6.4 loops for ever on `std::min<qint64>(…)` here.
    const int shown = count > INT_MAX ? INT_MAX : int(count);
    return QCoreApplication::translate("chasm::MainWindow", "%n message(s)", nullptr, shown);
}

} // namespace chasm::ToolLook
