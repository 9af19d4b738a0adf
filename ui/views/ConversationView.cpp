#include "ConversationView.h"

#include "views/Background.h"

#include <QAbstractTextDocumentLayout>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QTextBrowser>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// How much goes into the document at a time: enough to fill a tall window, little enough to lay out
// in a few tens of milliseconds (the first screen of a session, and each step of a scroll).
constexpr int chunkMessages = 20;
constexpr qsizetype chunkCharacters = 40'000;
// Messages kept before a message jumped to, so that the reader sees what led to it.
constexpr int contextBefore = 5;
const QString messageScheme = u"chasm-msg"_s;
const QString toolScheme = u"chasm-tool"_s;

// The Markdown the view reads: GitHub's, without raw HTML. People write about <div>s and <Button /> components in
// their messages; read as markup, a tag such as <details> hid everything after it.
const QTextDocument::MarkdownFeatures markdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                       QTextDocument::MarkdownNoHTML);

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

// Plain text (a title, a path, a tool's name) made safe to put into Markdown: every character Markdown
// could read as syntax is escaped, so "Why does `npm test` fail" stays one line of plain text.
QString literal(const QString& text)
{
    static const QString syntax = u"\\`*_{}[]<>()#+-.!|~"_s;
    QString result;
    result.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (syntax.contains(c)) {
            result += u'\\';
        }
        result += c == u'\n' ? u' ' : c;
    }
    return result;
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

// Markdown of one message: a header linking to the message, its text, its tool calls (open or as one
// line), its error.
QString markdownOf(const Message& m, int index, const std::function<bool(int)>& toolOpen)
{
    QString md = u"### ["_s + roleTitle(m.role) + u"]("_s + messageScheme + u':' + QString::number(index) + u')';
    QStringList details;
    if (m.timestamp.isValid()) {
        details << QLocale().toString(m.timestamp.toLocalTime(), QLocale::ShortFormat);
    }
    if (!m.model.isEmpty()) {
        details << literal(m.model);
    }
    if (!m.status.isEmpty() && m.status != u"complete"_s) {
        details << literal(m.status);
    }
    if (!details.isEmpty()) {
        md += u" — "_s + details.join(u" · "_s);
    }
    md += u"\n\n"_s;
    if (!m.content.isEmpty()) {
        md += m.content + u"\n\n"_s;
    }
    for (int t = 0; t < m.toolCalls.size(); ++t) {
        const ToolCall& call = m.toolCalls.at(t);
        const bool open = toolOpen(t);
        const QString link = toolScheme + u':' + QString::number(index) + u'/' + QString::number(t);
        md += u"["_s + (open ? u"▾ "_s : u"▸ "_s) + ConversationView::tr("Tool") + u": "_s + literal(call.name) +
              u"]("_s + link + u")"_s;
        if (!call.status.isEmpty()) {
            md += u" ("_s + literal(call.status) + u")"_s;
        }
        md += u"\n\n"_s;
        if (open) {
            if (!call.input.isEmpty()) {
                md += u"*"_s + ConversationView::tr("Input") + u"*\n\n"_s + fenced(call.input) + u'\n';
            }
            if (!call.output.isEmpty()) {
                md += u"*"_s + ConversationView::tr("Output") + u"*\n\n"_s + fenced(call.output) + u'\n';
            }
        }
    }
    if (!m.error.isEmpty()) {
        md += u"> **"_s + ConversationView::tr("Error") + u":** "_s + literal(m.error) + u"\n\n"_s;
    }
    return md;
}

// Drops a reference to a session on a worker thread, where the last one frees it: freeing a session
// of a hundred thousand messages takes 100 ms, a visible stall on the GUI thread.
void releaseElsewhere(std::shared_ptr<const Session> session)
{
    if (session) {
        QThreadPool::globalInstance()->start([session = std::move(session)]() mutable { session.reset(); });
    }
}

int occurrences(const QString& haystack, const QString& needle)
{
    int n = 0;
    for (qsizetype at = haystack.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
         at = haystack.indexOf(needle, at + needle.size(), Qt::CaseInsensitive)) {
        ++n;
    }
    return n;
}

int matchesIn(const Message& m, const QString& text)
{
    int n = occurrences(m.content, text);
    for (const ToolCall& call : m.toolCalls) {
        n += occurrences(call.name, text) + occurrences(call.input, text) + occurrences(call.output, text);
    }
    return n;
}

} // namespace

ConversationView::ConversationView(QWidget* parent)
    : QWidget(parent)
    , m_text(new QTextBrowser(this))
    , m_findBar(new QWidget(this))
    , m_findField(new QLineEdit(m_findBar))
    , m_findStatus(new QLabel(m_findBar))
{
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false); // nothing to undo in a transcript, and no history of every insertion
    // Links (often to workspace files) open in the system's handler; following them here would
    // replace the conversation with the linked file.
    m_text->setOpenLinks(false);
    connect(m_text, &QTextBrowser::anchorClicked, this, &ConversationView::linkClicked);
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, &ConversationView::scrolled);
    connect(m_text->verticalScrollBar(), &QScrollBar::rangeChanged, this, &ConversationView::scrolled);

    auto* previous = new QToolButton(m_findBar);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    auto* next = new QToolButton(m_findBar);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (F3)"));
    auto* close = new QToolButton(m_findBar);
    close->setText(u"✕"_s);
    close->setToolTip(tr("Close (Esc)"));
    m_findField->setPlaceholderText(tr("Find in this session"));
    m_findField->setClearButtonEnabled(true);
    auto* findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(4, 2, 4, 2);
    findLayout->addWidget(m_findField, 1);
    findLayout->addWidget(m_findStatus);
    findLayout->addWidget(previous);
    findLayout->addWidget(next);
    findLayout->addWidget(close);
    m_findBar->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_findBar);

    connect(m_findField, &QLineEdit::textChanged, this, [this](const QString& text) { find(text); });
    connect(m_findField, &QLineEdit::returnPressed, this, &ConversationView::findNext);
    connect(next, &QToolButton::clicked, this, &ConversationView::findNext);
    connect(previous, &QToolButton::clicked, this, &ConversationView::findPrevious);
    connect(close, &QToolButton::clicked, this, [this] {
        m_findBar->hide();
        find(QString());
        m_text->setFocus();
    });
    auto* findShortcut = new QShortcut(QKeySequence::Find, this, this, &ConversationView::showFindBar);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* nextShortcut = new QShortcut(QKeySequence::FindNext, this, this, &ConversationView::findNext);
    nextShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* previousShortcut = new QShortcut(QKeySequence::FindPrevious, this, this, &ConversationView::findPrevious);
    previousShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar, m_findBar, [close] { close->click(); });
    escape->setContext(Qt::WidgetWithChildrenShortcut);
}

ConversationView::~ConversationView() = default;

QString ConversationView::messageMarkdown(int index) const
{
    return messageMarkdown(*m_session, index);
}

QString ConversationView::messageMarkdown(const Session& session, int index) const
{
    return markdownOf(session.messages.at(index), index, [this, index](int tool) {
        return m_openTools.contains({index, tool});
    });
}

void ConversationView::showSession(std::shared_ptr<const Session> session, Completeness completeness)
{
    m_completeness = completeness;
    if (m_session && session && session->id == m_session->id && !m_starts.isEmpty()) {
        continueSession(std::move(session));
        return;
    }
    releaseElsewhere(std::exchange(m_session, std::move(session)));
    ++*m_findGeneration; // a count for the session before is of no use
    m_afterCount = {};
    m_openTools.clear();
    m_highlightTerms.clear();
    m_highlightMessage = -1;
    m_matches.clear();
    m_matchTotal = m_matchCurrent = 0;
    renderWindow(0, 0);
    if (!m_findText.isEmpty() && m_findBar->isVisible()) {
        find(m_findText);
    }
}

// The session in view again, read further or changed on disk: the reader stays where they were. The
// document is kept when the messages in it did not change, else rebuilt around the message at the top.
void ConversationView::continueSession(std::shared_ptr<const Session> session)
{
    const int end = m_first + int(m_starts.size());
    bool unchanged = end <= session->messages.size();
    for (int i = m_first; unchanged && i < end; ++i) {
        unchanged = messageMarkdown(*session, i) == messageMarkdown(i);
    }
    const int top = topMessage();
    releaseElsewhere(std::exchange(m_session, std::move(session)));
    if (unchanged) {
        if (m_first == 0) {
            replaceRange(0, m_starts.constFirst() - 1, headerMarkdown(), 0);
        }
    } else if (m_session->messages.isEmpty()) {
        renderWindow(0, 0);
    } else {
        const int index = std::min(top, int(m_session->messages.size()) - 1);
        renderWindow(std::max(0, index - contextBefore), 0);
        scrollToMessage(index);
    }
    if (!m_findText.isEmpty()) {
        countMatches(); // a find still waiting for its count goes to its first match when this one is in
    }
}

void ConversationView::showNote(const QString& markdown)
{
    releaseElsewhere(std::move(m_session));
    ++*m_findGeneration;
    m_afterCount = {};
    m_matches.clear();
    m_matchTotal = m_matchCurrent = 0;
    m_starts.clear();
    m_first = 0;
    m_text->setExtraSelections({});
    m_text->document()->setMarkdown(markdown, markdownFeatures);
}

QString ConversationView::toPlainText() const
{
    return m_text->toPlainText();
}

QString ConversationView::headerMarkdown() const
{
    QString md;
    md += u"# "_s + literal(m_session->title) + u"\n\n"_s;
    QStringList facts;
    facts << (m_completeness == Completeness::Complete
                  ? tr("%n message(s)", nullptr, m_session->conversationMessageCount())
                  : tr("the first %n message(s), the rest still being read", nullptr,
                       m_session->conversationMessageCount()));
    if (!m_session->model.isEmpty()) {
        facts << literal(m_session->model);
    }
    if (m_session->updatedAt.isValid()) {
        facts << QLocale().toString(m_session->updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
    if (!m_session->projectPath.isEmpty()) {
        facts << literal(m_session->projectPath);
    }
    md += u"*"_s + facts.join(u" · "_s) + u"*\n\n"_s;
    for (const QString& warning : m_session->warnings) {
        md += u"> ⚠ "_s + literal(warning) + u"\n\n"_s;
    }
    return md;
}

void ConversationView::renderWindow(int first, int last)
{
    const QScopedValueRollback adjusting(m_adjusting, true);
    m_text->clear();
    m_text->setExtraSelections({});
    m_starts.clear();
    m_first = first;
    if (!m_session) {
        return;
    }
    const QString md = first == 0 ? headerMarkdown() : QString();
    QTextCursor cursor(m_text->document());
    cursor.insertMarkdown(md, markdownFeatures);
    appendMessages(std::max(0, last - first));
}

// Adds messages after the window: `count` of them, or a chunk when count is 0.
void ConversationView::appendMessages(int count)
{
    const int total = int(m_session->messages.size());
    const int from = m_first + int(m_starts.size());
    QString md;
    int to = from;
    while (to < total && (count > 0 ? to < from + count : to < from + chunkMessages && md.size() < chunkCharacters)) {
        md += messageMarkdown(to++);
    }
    if (md.isEmpty()) {
        return;
    }
    const QScopedValueRollback adjusting(m_adjusting, true);
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    if (!cursor.block().text().isEmpty() || cursor.block().previous().isValid()) {
        cursor.insertBlock();
    }
    const int start = cursor.position();
    // One edit block: the document is laid out once, not after every inserted block and format.
    cursor.beginEditBlock();
    cursor.insertMarkdown(md, markdownFeatures);
    m_starts += finishInserted(start, cursor.position());
    cursor.endEditBlock();
    updateHighlights();
}

// Adds messages before the window, keeping the text in view where it was.
void ConversationView::prependMessages(int count)
{
    const int to = m_first;
    int from = to;
    QStringList parts;
    qsizetype size = 0;
    while (from > 0 && (count > 0 ? from > to - count : from > to - chunkMessages && size < chunkCharacters)) {
        parts.prepend(messageMarkdown(--from));
        size += parts.constFirst().size();
    }
    const QString md = parts.join(QString());
    if (from == to) {
        return;
    }
    const QScopedValueRollback adjusting(m_adjusting, true);
    QScrollBar* bar = m_text->verticalScrollBar();
    const int offset = bar->value();
    QTextDocument* document = m_text->document();
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    cursor.insertBlock();
    cursor.setPosition(0);
    cursor.insertMarkdown(md, markdownFeatures);
    const int end = cursor.position();
    const QList<int> starts = finishInserted(0, end);
    cursor.endEditBlock();
    // The window's first message now starts after what was inserted (and the block break).
    const int shift = end + 1;
    QList<int> moved = starts;
    for (int start : std::as_const(m_starts)) {
        moved.append(start + shift);
    }
    m_starts = moved;
    m_first = from;
    const QRectF old = document->documentLayout()->blockBoundingRect(document->findBlock(m_starts.at(to - from)));
    bar->setValue(offset + int(old.top()));
    updateHighlights();
}

QList<int> ConversationView::finishInserted(int from, int to)
{
    QList<int> starts;
    QTextDocument* document = m_text->document();
    const QColor codeBackground = palette().color(QPalette::AlternateBase);
    const QColor roleColor = palette().color(QPalette::Link);
    for (QTextBlock block = document->findBlock(from); block.isValid() && block.position() < to; block = block.next()) {
        const QTextBlock::iterator first = block.begin();
        const bool header =
            !first.atEnd() && first.fragment().charFormat().anchorHref().startsWith(messageScheme + u':');
        if (header) {
            starts.append(block.position());
            QTextCursor cursor(block);
            QTextBlockFormat format;
            format.setTopMargin(starts.size() == 1 && block.position() == 0 ? 0 : 16);
            format.setBottomMargin(4);
            cursor.setBlockFormat(format);
            cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat text;
            text.setFontWeight(QFont::Bold);
            text.setFontUnderline(false);
            cursor.mergeCharFormat(text);
            QTextCharFormat role = first.fragment().charFormat();
            role.setForeground(roleColor);
            role.setFontUnderline(false);
            role.setFontWeight(QFont::Bold);
            QTextCursor roleCursor(document);
            roleCursor.setPosition(first.fragment().position());
            roleCursor.setPosition(first.fragment().position() + first.fragment().length(), QTextCursor::KeepAnchor);
            roleCursor.setCharFormat(role);
        } else if (block.blockFormat().hasProperty(QTextFormat::BlockCodeFence)) {
            QTextBlockFormat code;
            code.setBackground(codeBackground);
            code.setLeftMargin(8);
            QTextCursor(block).mergeBlockFormat(code);
        }
    }
    return starts;
}

int ConversationView::messageStart(int index) const
{
    return m_starts.at(index - m_first);
}

int ConversationView::messageEnd(int index) const
{
    const int next = index - m_first + 1;
    return next < m_starts.size() ? m_starts.at(next) - 1 : m_text->document()->characterCount() - 1;
}

void ConversationView::rerender(int index)
{
    if (index >= m_first && index < m_first + m_starts.size()) {
        replaceRange(messageStart(index), messageEnd(index), messageMarkdown(index), index - m_first + 1);
    }
}

void ConversationView::replaceRange(int start, int end, const QString& markdown, int firstMoved)
{
    const QScopedValueRollback adjusting(m_adjusting, true);
    QScrollBar* bar = m_text->verticalScrollBar();
    QTextDocument* document = m_text->document();
    // Text replaced above the view moves the view with the text below it; else the view stays put.
    const bool above = end <= m_text->cursorForPosition(QPoint(0, 0)).position() && firstMoved < m_starts.size();
    const auto topOf = [document](int position) {
        return int(document->documentLayout()->blockBoundingRect(document->findBlock(position)).top());
    };
    const int anchor = above ? topOf(m_starts.at(firstMoved)) : 0;
    const int offset = bar->value();
    QTextCursor cursor(document);
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    cursor.beginEditBlock();
    cursor.removeSelectedText();
    cursor.insertMarkdown(markdown, markdownFeatures);
    const int newEnd = cursor.position();
    finishInserted(start, newEnd);
    cursor.endEditBlock();
    const int shift = newEnd - end;
    for (int i = firstMoved; i < m_starts.size(); ++i) {
        m_starts[i] += shift;
    }
    bar->setValue(above ? offset + topOf(m_starts.at(firstMoved)) - anchor : offset);
    updateHighlights();
}

void ConversationView::scrolled()
{
    if (m_adjusting || !m_session) {
        return;
    }
    QScrollBar* bar = m_text->verticalScrollBar();
    if (bar->value() >= bar->maximum() - bar->pageStep() && m_first + m_starts.size() < m_session->messages.size()) {
        appendMessages(0);
    } else if (bar->value() <= bar->pageStep() / 2 && m_first > 0 && bar->maximum() > 0) {
        prependMessages(0);
    }
}

int ConversationView::messageAt(int position) const
{
    if (m_starts.isEmpty()) {
        return -1;
    }
    const auto after = std::upper_bound(m_starts.begin(), m_starts.end(), position);
    return m_first + std::max(0, int(after - m_starts.begin()) - 1);
}

int ConversationView::currentMessage() const
{
    return messageAt(m_text->textCursor().position());
}

int ConversationView::topMessage() const
{
    return messageAt(m_text->cursorForPosition(QPoint(0, 0)).position());
}

void ConversationView::scrollToMessage(int index)
{
    if (index < m_first || index >= m_first + m_starts.size()) {
        renderWindow(std::max(0, index - contextBefore), 0);
        while (index >= m_first + m_starts.size()) {
            appendMessages(0);
        }
    }
    QTextDocument* document = m_text->document();
    const QRectF rect = document->documentLayout()->blockBoundingRect(document->findBlock(messageStart(index)));
    const QScopedValueRollback adjusting(m_adjusting, true);
    m_text->verticalScrollBar()->setValue(int(rect.top()));
}

void ConversationView::showMessage(int index, const QStringList& highlight)
{
    if (!m_session || index < 0 || index >= m_session->messages.size()) {
        return;
    }
    scrollToMessage(index);
    m_highlightTerms = highlight;
    m_highlightMessage = index;
    QTextCursor cursor(m_text->document());
    cursor.setPosition(messageStart(index));
    m_text->setTextCursor(cursor);
    updateHighlights();
    Q_EMIT messageSelected(index);
}

void ConversationView::linkClicked(const QUrl& url)
{
    if (url.scheme() == messageScheme) {
        Q_EMIT messageSelected(url.path().toInt());
    } else if (url.scheme() == toolScheme) {
        const QStringList parts = url.path().split(u'/');
        const std::pair<int, int> tool{parts.value(0).toInt(), parts.value(1).toInt()};
        if (!m_openTools.remove(tool)) {
            m_openTools.insert(tool);
        }
        rerender(tool.first);
    } else {
        QDesktopServices::openUrl(url);
    }
}

void ConversationView::showFindBar()
{
    m_findBar->show();
    m_findField->setFocus();
    m_findField->selectAll();
}

void ConversationView::find(const QString& text)
{
    if (m_findField->text() != text) {
        const QSignalBlocker blocker(m_findField);
        m_findField->setText(text);
    }
    m_findText = text;
    m_matchCurrent = 0;
    m_afterCount = [this] {
        if (m_matchTotal > 0) {
            // The first match at or after the message in view.
            const int here = std::max(0, topMessage());
            int number = 1;
            for (const auto& [message, count] : std::as_const(m_matches)) {
                if (message >= here) {
                    break;
                }
                number += count;
            }
            goToMatch(number > m_matchTotal ? 1 : number);
        }
    };
    countMatches();
}

void ConversationView::countMatches()
{
    // A count still running for an older text or session gives up at its next message.
    const quint64 generation = ++*m_findGeneration;
    m_matches.clear();
    m_matchTotal = 0;
    const auto done = [this](QList<std::pair<int, int>> matches) {
        m_matches = std::move(matches);
        m_matchTotal = 0;
        for (const auto& match : std::as_const(m_matches)) {
            m_matchTotal += match.second;
        }
        m_matchCurrent = std::min(m_matchCurrent, m_matchTotal);
        if (auto then = std::exchange(m_afterCount, {})) {
            then();
        }
        showFindStatus();
        updateHighlights();
        Q_EMIT findFinished(m_matchTotal);
    };
    if (!m_session || m_findText.isEmpty()) {
        done({});
        return;
    }
    m_findStatus->setText(tr("Searching…"));
    // Not a Latest: the count on the worker reads the generation too, to give up early.
    Background::run(
        this,
        [session = m_session, text = m_findText, current = m_findGeneration,
         generation]() -> std::optional<QList<std::pair<int, int>>> {
            QList<std::pair<int, int>> matches;
            for (int i = 0; i < session->messages.size(); ++i) {
                if (*current != generation) {
                    return std::nullopt;
                }
                if (const int n = matchesIn(session->messages.at(i), text)) {
                    matches.append({i, n});
                }
            }
            return matches;
        },
        [this, generation, done](const std::optional<QList<std::pair<int, int>>>& matches) {
            if (generation == *m_findGeneration && matches) {
                done(*matches);
            }
        });
}

void ConversationView::showFindStatus()
{
    if (m_findText.isEmpty()) {
        m_findStatus->clear();
    } else if (m_matchTotal == 0) {
        m_findStatus->setText(tr("No matches"));
    } else if (m_matchCurrent == 0) {
        m_findStatus->setText(tr("%n match(es)", nullptr, m_matchTotal));
    } else {
        m_findStatus->setText(tr("%1 of %2").arg(m_matchCurrent).arg(m_matchTotal));
    }
}

void ConversationView::findNext()
{
    if (m_matchTotal > 0) {
        goToMatch(m_matchCurrent % m_matchTotal + 1);
    }
}

void ConversationView::findPrevious()
{
    if (m_matchTotal > 0) {
        goToMatch(m_matchCurrent <= 1 ? m_matchTotal : m_matchCurrent - 1);
    }
}

void ConversationView::goToMatch(int number)
{
    int message = -1;
    int within = number;
    for (const auto& [index, count] : std::as_const(m_matches)) {
        if (within <= count) {
            message = index;
            break;
        }
        within -= count;
    }
    if (message < 0) {
        return;
    }
    m_matchCurrent = number;
    showFindStatus();
    // Matches inside tool calls are shown with the call open.
    const Message& m = m_session->messages.at(message);
    bool opened = false;
    for (int t = 0; t < m.toolCalls.size(); ++t) {
        const ToolCall& call = m.toolCalls.at(t);
        if ((occurrences(call.input, m_findText) || occurrences(call.output, m_findText)) &&
            !m_openTools.contains({message, t})) {
            m_openTools.insert({message, t});
            opened = true;
        }
    }
    if (message < m_first || message >= m_first + m_starts.size()) {
        showMessage(message);
    } else if (opened) {
        rerender(message);
    }
    // The n-th occurrence in the message as shown (Markdown hides some characters, so fewer may show).
    QTextDocument* document = m_text->document();
    const int end = messageEnd(message);
    QTextCursor found;
    QTextCursor at = document->find(m_findText, messageStart(message));
    for (int i = 0; i < within && !at.isNull() && at.selectionStart() < end; ++i) {
        found = at;
        at = document->find(m_findText, at);
    }
    if (found.isNull()) {
        found = QTextCursor(document);
        found.setPosition(messageStart(message));
    }
    m_text->setTextCursor(found);
    m_text->ensureCursorVisible();
    updateHighlights();
}

void ConversationView::updateHighlights()
{
    if (!m_session || m_starts.isEmpty()) {
        m_text->setExtraSelections({});
        return;
    }
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument* document = m_text->document();
    const auto mark = [&](const QTextCursor& cursor, const QColor& color) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = cursor;
        selection.format.setBackground(color);
        selection.format.setForeground(Qt::black);
        selections.append(selection);
    };
    // Words a search found, in the message it opened: the words and what starts with them.
    if (!m_highlightTerms.isEmpty() && m_highlightMessage >= m_first &&
        m_highlightMessage < m_first + m_starts.size()) {
        QStringList alternatives;
        for (const QString& term : std::as_const(m_highlightTerms)) {
            alternatives << QRegularExpression::escape(term);
        }
        const QRegularExpression words(u"\\b(?:"_s + alternatives.join(u'|') + u")\\w*"_s,
                                       QRegularExpression::CaseInsensitiveOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
        const int end = messageEnd(m_highlightMessage);
        for (QTextCursor at = document->find(words, messageStart(m_highlightMessage));
             !at.isNull() && at.selectionStart() < end; at = document->find(words, at)) {
            mark(at, QColor(255, 214, 10));
        }
    }
    // Find in session: every match in the window, the current one stronger.
    if (!m_findText.isEmpty() && m_matchTotal > 0) {
        constexpr int maxMarked = 2000;
        for (QTextCursor at = document->find(m_findText); !at.isNull() && selections.size() < maxMarked;
             at = document->find(m_findText, at)) {
            mark(at, at == m_text->textCursor() ? QColor(255, 150, 50) : QColor(255, 235, 120));
        }
    }
    m_text->setExtraSelections(selections);
}

} // namespace chasm
