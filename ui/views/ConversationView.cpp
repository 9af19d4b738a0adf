#include "ConversationView.h"

#include <QDesktopServices>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A fence longer than any backtick run inside the text, so code blocks cannot end early.
QString fenced(const QString& text)
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max(3, longest + 1), u'`');
    return fence + u'\n' + text + u'\n' + fence + u'\n';
}

QString roleTitle(Role role)
{
    switch (role) {
    case Role::User:
        return ConversationView::tr("You");
    case Role::Assistant:
        return ConversationView::tr("Assistant");
    case Role::System:
        return ConversationView::tr("Context");
    }
    return {};
}

} // namespace

ConversationView::ConversationView(QWidget* parent)
    : QTextBrowser(parent)
{
    setReadOnly(true);
    // Links (often to workspace files) open in the system's handler; following them here would
    // replace the conversation with the linked file.
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl& url) { QDesktopServices::openUrl(url); });
}

QString ConversationView::toMarkdown(const Session& session)
{
    QString md = u"# "_s + session.title + u"\n\n"_s;
    QStringList facts;
    facts << tr("%n message(s)", nullptr, session.conversationMessageCount());
    if (!session.model.isEmpty()) {
        facts << session.model;
    }
    if (session.updatedAt.isValid()) {
        facts << QLocale().toString(session.updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
    if (!session.projectPath.isEmpty()) {
        facts << session.projectPath;
    }
    md += u"*"_s + facts.join(u" · "_s) + u"*\n\n"_s;
    for (const QString& warning : session.warnings) {
        md += u"> ⚠ "_s + warning + u"\n\n"_s;
    }
    for (const Message& m : session.messages) {
        QString header = u"### "_s + roleTitle(m.role);
        QStringList details;
        if (m.timestamp.isValid()) {
            details << QLocale().toString(m.timestamp.toLocalTime(), QLocale::ShortFormat);
        }
        if (!m.model.isEmpty()) {
            details << m.model;
        }
        if (!m.status.isEmpty() && m.status != u"complete"_s) {
            details << m.status;
        }
        if (!details.isEmpty()) {
            header += u" — "_s + details.join(u" · "_s);
        }
        md += u"---\n\n"_s + header + u"\n\n"_s;
        if (!m.content.isEmpty()) {
            md += m.content + u"\n\n"_s;
        }
        for (const ToolCall& call : m.toolCalls) {
            md += u"**"_s + tr("Tool") + u":** `"_s + call.name + u"` ("_s + call.status + u")\n\n"_s;
            if (!call.input.isEmpty()) {
                md += u"*"_s + tr("Input") + u"*\n\n"_s + fenced(call.input) + u'\n';
            }
            if (!call.output.isEmpty()) {
                md += u"*"_s + tr("Output") + u"*\n\n"_s + fenced(call.output) + u'\n';
            }
        }
        if (!m.error.isEmpty()) {
            md += u"> **"_s + tr("Error") + u":** "_s + m.error + u"\n\n"_s;
        }
    }
    return md;
}

void ConversationView::showSession(const Session& session)
{
    setMarkdown(toMarkdown(session));
}

void ConversationView::showNote(const QString& markdown)
{
    setMarkdown(markdown);
}

} // namespace chasm
