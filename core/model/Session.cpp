// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Session.h"

#include <QTextBoundaryFinder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// The characters of a title made from the first user message.
constexpr int titleCharacters = 80;

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::User:
        return u"user"_s;
    case Role::Assistant:
        return u"assistant"_s;
    case Role::System:
        return u"system"_s;
    }
    return {};
}

QString shortened(const QString& text, int maxCharacters)
{
    const QString simplified = text.simplified();
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, simplified);
    int count = 0;
    qsizetype cut = -1;
    while (finder.toNextBoundary() >= 0) {
        ++count;
        if (count == maxCharacters) {
            cut = finder.position();
        }
        if (count > maxCharacters) {
            // Leave room for the ellipsis inside the limit.
            finder.setPosition(cut);
            finder.toPreviousBoundary();
            return simplified.left(finder.position()).trimmed() + QChar(0x2026);
        }
    }
    return simplified;
}

QString sessionTitle(const QString& ownTitle, const QString& firstUserMessage)
{
    if (!ownTitle.trimmed().isEmpty()) {
        return ownTitle.trimmed();
    }
    const QString shortTitle = shortened(firstUserMessage, titleCharacters);
    return shortTitle.isEmpty() ? u"Untitled"_s : shortTitle;
}

QString titleLine(const QString& firstUserMessage)
{
    // shortened() gives what it gives again: its line is simplified and holds at most as many characters.
    const QString line = shortened(firstUserMessage, titleCharacters);
    return line.isEmpty() && !firstUserMessage.isEmpty() ? u" "_s : line;
}

bool startsWithAny(const QString& text, const QStringList& prefixes)
{
    const QStringView trimmed = QStringView(text).trimmed();
    return std::any_of(prefixes.cbegin(), prefixes.cend(),
                       [trimmed](const QString& p) { return trimmed.startsWith(p); });
}

QString Session::firstUserMessage() const
{
    const auto first =
        std::find_if(messages.cbegin(), messages.cend(), [](const Message& m) { return m.role == Role::User; });
    return first == messages.cend() ? QString() : first->content;
}

int Session::conversationMessageCount() const
{
    return static_cast<int>(
        std::count_if(messages.cbegin(), messages.cend(), [](const Message& m) { return m.role != Role::System; }));
}

void describe(SessionRef& ref, const Session& session)
{
    ref.nativeId = session.nativeId;
    ref.id = session.id;
    if (!session.projectPath.isEmpty()) {
        ref.projectPath = session.projectPath;
    }
    ref.title = session.title;
    if (session.createdAt.isValid()) {
        ref.createdAt = session.createdAt;
    }
    if (session.updatedAt.isValid()) {
        ref.updatedAt = session.updatedAt;
    }
    ref.messageCount = session.conversationMessageCount();
    ref.warnings = session.warnings;
    ref.described = true;
}

} // namespace chasm
