#pragma once

#include "model/Session.h"

#include <QTextBrowser>

namespace chasm {

// A read-only transcript of one session: each message as Markdown under a header with role, time and
// model; tool calls with their input and output in code blocks.
class ConversationView final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget* parent = nullptr);

    void showSession(const Session& session);
    // A centred note instead of a session ("Loading…", "No sessions found…", an error).
    void showNote(const QString& markdown);

    static QString toMarkdown(const Session& session);
};

} // namespace chasm
