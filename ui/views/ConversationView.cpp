// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ConversationView.h"

#include "json/Json.h"
#include "views/Background.h"
#include "views/KeyboardContextMenu.h"
#include "views/Theme.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QDesktopServices>
#include <QHash>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QShortcut>
#include <QStringView>
#include <QTextBlock>
#include <QTextBrowser>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

#if CHASM_WITH_SYNTAX_HIGHLIGHTING
#include <KSyntaxHighlighting/abstracthighlighter.h>
#include <KSyntaxHighlighting/definition.h>
#include <KSyntaxHighlighting/format.h>
#include <KSyntaxHighlighting/repository.h>
#include <KSyntaxHighlighting/state.h>
#include <KSyntaxHighlighting/theme.h>
#endif

#include <algorithm>
#include <atomic>
#include <functional>
#include <numeric>
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
const QString fullOutputScheme = u"chasm-full"_s;
// A tool's output longer than this shows its first lines until the reader asks for all of it.
constexpr int longOutputLines = 40;
constexpr qsizetype longOutputCharacters = 6000;
constexpr int shortOutputLines = 25;
constexpr qsizetype shortOutputCharacters = 3000;

// The Markdown the view reads: GitHub's, without raw HTML. People write about <div>s and <Button /> components in
// their messages; read as markup, a tag such as <details> hid everything after it.
const QTextDocument::MarkdownFeatures markdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                       QTextDocument::MarkdownNoHTML);

// A fence longer than any backtick run inside the text, so code blocks cannot end early.
QString fenced(const QString& text, const QString& language = {})
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(std::max(3, longest + 1), u'`');
    return fence + language + u'\n' + text + u'\n' + fence + u'\n';
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

// A message's or a tool call's status in the reader's words; one the readers do not know stays as written.
QString statusName(const QString& status)
{
    static const QHash<QString, const char*> known{
        {u"completed"_s, QT_TRANSLATE_NOOP("chasm::ConversationView", "completed")},
        {u"error"_s, QT_TRANSLATE_NOOP("chasm::ConversationView", "error")},
        {u"pending"_s, QT_TRANSLATE_NOOP("chasm::ConversationView", "pending")},
        {u"failed"_s, QT_TRANSLATE_NOOP("chasm::ConversationView", "failed")},
        {u"cancelled"_s, QT_TRANSLATE_NOOP("chasm::ConversationView", "cancelled")},
    };
    const auto found = known.constFind(status);
    return found == known.cend() ? literal(status) : ConversationView::tr(*found);
}

// A shell command a tool was given: a string, or an argument list ("bash -lc <script>" is the script).
QString commandOf(const boost::json::value& value)
{
    if (value.is_string()) {
        return json::toQString(value.get_string());
    }
    const boost::json::array* arguments = value.if_array();
    if (!arguments || arguments->empty()) {
        return {};
    }
    QStringList words;
    for (const boost::json::value& argument : *arguments) {
        if (!argument.is_string()) {
            return {};
        }
        words << json::toQString(argument.get_string());
    }
    static const QStringList shells{u"bash"_s, u"sh"_s, u"zsh"_s, u"/bin/bash"_s, u"/bin/sh"_s, u"/bin/zsh"_s};
    if (words.size() == 3 && shells.contains(words.at(0)) && (words.at(1) == u"-lc"_s || words.at(1) == u"-c"_s)) {
        return words.at(2);
    }
    for (QString& word : words) {
        if (word.isEmpty() || word.contains(QRegularExpression(u"[^\\w@%+=:,./-]"_s))) {
            word = u"'"_s + word.replace(u"'"_s, u"'\\''"_s) + u"'"_s;
        }
    }
    return words.join(u' ');
}

// A tool's input for people: a shell command as a command, JSON indented (in the tool's key order), other
// text as it is.
QString readableInput(const QString& input)
{
    const QString trimmed = input.trimmed();
    if (!trimmed.startsWith(u'{') && !trimmed.startsWith(u'[')) {
        return fenced(input);
    }
    const QByteArray utf8 = trimmed.toUtf8();
    const auto parsed = json::parse(std::string_view(utf8.constData(), size_t(utf8.size())), QString());
    if (!parsed) {
        return fenced(input);
    }
    if (const boost::json::object* object = parsed.value().if_object()) {
        const auto command = object->find("command");
        const QString shell = command != object->end() ? commandOf(command->value()) : QString();
        if (!shell.isEmpty()) {
            boost::json::object rest = *object;
            rest.erase("command");
            rest.erase("description"); // what the assistant said it runs the command for: shown in the text
            QString md = fenced(u"$ "_s + shell, u"sh"_s);
            if (!rest.empty()) {
                md += u'\n' + fenced(QString::fromStdString(json::pretty(rest)), u"json"_s);
            }
            return md;
        }
    }
    return fenced(QString::fromStdString(json::pretty(parsed.value())), u"json"_s);
}

// A tool's output, its first lines only when it is long and the reader has not asked for all of it.
QString outputMarkdown(const QString& output, bool full, const QString& showAllLink)
{
    const qsizetype lines = output.count(u'\n') + (output.endsWith(u'\n') ? 0 : 1);
    if (full || (lines <= longOutputLines && output.size() <= longOutputCharacters)) {
        return fenced(output);
    }
    qsizetype cut = 0;
    for (int line = 0; line < shortOutputLines && cut >= 0 && cut < shortOutputCharacters; ++line) {
        cut = output.indexOf(u'\n', cut + (line > 0 ? 1 : 0));
    }
    cut = cut < 0 ? shortOutputCharacters : std::min(cut, shortOutputCharacters);
    return fenced(output.left(cut)) + u"\n["_s + ConversationView::tr("Show all (%n line(s))", nullptr, int(lines)) +
           u"]("_s + showAllLink + u")\n\n"_s;
}

QString toolMarkdown(const ToolCall& call, int index, int tool, bool open, bool full)
{
    const QString where = QString::number(index) + u'/' + QString::number(tool);
    QString md = u"["_s + (open ? u"▾ "_s : u"▸ "_s) + ConversationView::tr("Tool") + u": "_s + literal(call.name) +
                 u"]("_s + toolScheme + u':' + where + u")"_s;
    if (!call.status.isEmpty()) {
        md += u" ("_s + statusName(call.status) + u")"_s;
    }
    md += u"\n\n"_s;
    if (open) {
        if (!call.input.isEmpty()) {
            md += u"*"_s + ConversationView::tr("Input") + u"*\n\n"_s + readableInput(call.input) + u'\n';
        }
        if (!call.output.isEmpty()) {
            md += u"*"_s + ConversationView::tr("Output") + u"*\n\n"_s +
                  outputMarkdown(call.output, full, fullOutputScheme + u':' + where) + u'\n';
        }
    }
    return md;
}

// Markdown of one message: a header linking to the message, its text with its tool calls (open or as one
// line) where they were made, its error.
QString markdownOf(const Message& m, int index, const QSet<std::pair<int, int>>& openTools,
                   const QSet<std::pair<int, int>>& fullOutputs)
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
        details << statusName(m.status);
    }
    if (!details.isEmpty()) {
        md += u" — "_s + details.join(u" · "_s);
    }
    md += u"\n\n"_s;
    // The calls in the order they were made, each after the text before it.
    const auto placeOf = [&m](int tool) {
        const qsizetype at = m.toolCalls.at(tool).at;
        return at < 0 || at > m.content.size() ? m.content.size() : at;
    };
    QList<int> order(m.toolCalls.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&placeOf](int a, int b) { return placeOf(a) < placeOf(b); });
    qsizetype written = 0;
    for (const int tool : std::as_const(order)) {
        if (const qsizetype at = placeOf(tool); at > written) {
            md += QStringView(m.content).mid(written, at - written) + u"\n\n"_s;
            written = at;
        }
        md += toolMarkdown(m.toolCalls.at(tool), index, tool, openTools.contains({index, tool}),
                           fullOutputs.contains({index, tool}));
    }
    if (written < m.content.size()) {
        md += QStringView(m.content).mid(written) + u"\n\n"_s;
    }
    if (!m.error.isEmpty()) {
        md += u"> **"_s + ConversationView::tr("Error") + u":** "_s + literal(m.error) + u"\n\n"_s;
    }
    return md;
}

// Drops a reference to a session on a worker thread, where the last one frees it: freeing a session
// of a hundred thousand messages takes 100 ms, a visible stall on the GUI thread.
void releaseElsewhere(std::shared_ptr<const SessionMessages> session)
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

#if CHASM_WITH_SYNTAX_HIGHLIGHTING
// Colours code blocks by the language their fence names, through KSyntaxHighlighting: one line (block of
// the document) at a time, the state carried on from the line before in the same code block.
class CodeHighlighter final : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    void highlight(const QTextBlock& block, const QString& language, bool dark)
    {
        const KSyntaxHighlighting::Definition definition = definitionFor(language);
        const bool continues = m_last.isValid() && m_last.next() == block && m_lastLanguage == language;
        m_last = block;
        m_lastLanguage = language;
        if (!definition.isValid()) {
            return;
        }
        if (definition.name() != this->definition().name()) {
            setDefinition(definition);
        }
        const KSyntaxHighlighting::Theme theme = m_repository.defaultTheme(
            dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme);
        if (theme.name() != this->theme().name()) {
            setTheme(theme);
        }
        // Colours of an earlier theme go first: the new one may leave some text in the default colour.
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            QTextCharFormat format = it.fragment().charFormat();
            if (format.hasProperty(QTextFormat::ForegroundBrush) || format.fontWeight() == QFont::Bold ||
                format.fontItalic()) {
                format.clearForeground();
                format.setFontWeight(QFont::Normal);
                format.setFontItalic(false);
                QTextCursor cursor(block);
                cursor.setPosition(it.fragment().position());
                cursor.setPosition(it.fragment().position() + it.fragment().length(), QTextCursor::KeepAnchor);
                cursor.setCharFormat(format);
            }
        }
        m_block = block;
        m_state = highlightLine(block.text(), continues ? m_state : KSyntaxHighlighting::State());
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format& format) override
    {
        if (length <= 0 || format.isDefaultTextStyle(theme())) {
            return;
        }
        QTextCharFormat text;
        if (format.hasTextColor(theme())) {
            text.setForeground(format.textColor(theme()));
        }
        if (format.isBold(theme())) {
            text.setFontWeight(QFont::Bold);
        }
        if (format.isItalic(theme())) {
            text.setFontItalic(true);
        }
        QTextCursor cursor(m_block);
        cursor.setPosition(m_block.position() + offset);
        cursor.setPosition(m_block.position() + offset + length, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(text);
    }

private:
    KSyntaxHighlighting::Definition definitionFor(const QString& language)
    {
        if (language.isEmpty()) {
            return {};
        }
        if (const auto found = m_definitions.constFind(language); found != m_definitions.cend()) {
            return *found;
        }
        // A fence names a language ("python") or a file extension ("py", "ts", "sh").
        KSyntaxHighlighting::Definition definition = m_repository.definitionForName(language);
        if (!definition.isValid()) {
            definition = m_repository.definitionForFileName(u"code."_s + language);
        }
        m_definitions.insert(language, definition);
        return definition;
    }

    KSyntaxHighlighting::Repository m_repository;
    QHash<QString, KSyntaxHighlighting::Definition> m_definitions;
    KSyntaxHighlighting::State m_state;
    QTextBlock m_block;
    QTextBlock m_last;
    QString m_lastLanguage;
};
#else
// Without KSyntaxHighlighting code blocks are plain monospace text.
class CodeHighlighter final
{
public:
    void highlight(const QTextBlock&, const QString&, bool) {}
};
#endif

ConversationView::ConversationView(QWidget* parent)
    : QWidget(parent)
    , m_text(new QTextBrowser(this))
    , m_findBar(new QWidget(this))
    , m_findField(new QLineEdit(m_findBar))
    , m_findStatus(new QLabel(m_findBar))
    , m_findAction(new QAction(tr("&Find in session"), this))
    , m_highlighter(std::make_unique<CodeHighlighter>())
{
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false); // nothing to undo in a transcript, and no history of every insertion
    // Links (often to workspace files) open in the system's handler; following them here would
    // replace the conversation with the linked file.
    m_text->setOpenLinks(false);
    connect(m_text, &QTextBrowser::anchorClicked, this, &ConversationView::linkClicked);
    connect(m_text->verticalScrollBar(), &QScrollBar::valueChanged, this, &ConversationView::scrolled);
    connect(m_text->verticalScrollBar(), &QScrollBar::rangeChanged, this, &ConversationView::scrolled);
    // Copy, select all, open or close the tool call under the mouse or the keyboard's link; the Menu key
    // and Shift+F10 open it too.
    m_text->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_text, &QWidget::customContextMenuRequested, this, &ConversationView::contextMenu);
    KeyboardContextMenu::install(m_text);

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
    // One binding of Ctrl+F in the window: a second one (the main window had its own) makes both ambiguous.
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, &ConversationView::showFindBar);
    auto* nextShortcut = new QShortcut(QKeySequence::FindNext, this, this, &ConversationView::findNext);
    nextShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* previousShortcut = new QShortcut(QKeySequence::FindPrevious, this, this, &ConversationView::findPrevious);
    previousShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar, m_findBar, [close] { close->click(); });
    escape->setContext(Qt::WidgetWithChildrenShortcut);
}

ConversationView::~ConversationView() = default;

std::optional<Message> ConversationView::available(int index) const
{
    if (const auto arrived = m_arrived.constFind(index); arrived != m_arrived.cend()) {
        return *arrived;
    }
    if (auto held = m_session->cached(index, index + 1); held && !held->isEmpty()) {
        return held->takeFirst();
    }
    return std::nullopt;
}

std::optional<QString> ConversationView::readyMarkdown(int index) const
{
    const std::optional<Message> message = available(index);
    return message ? std::optional(markdownOf(*message, index, m_openTools, m_fullOutputs)) : std::nullopt;
}

QString ConversationView::placeholderMarkdown(int index) const
{
    return u"### ["_s + tr("Reading message %1…").arg(index + 1) + u"]("_s + messageScheme + u':' +
           QString::number(index) + u")\n\n"_s;
}

void ConversationView::dropReads()
{
    m_reads.cancel();
    m_reading = false;
    m_arrived.clear();
    m_stale.clear();
    m_growAfter = m_growBefore = false;
    m_pendingMatch = 0;
}

void ConversationView::readWanted()
{
    if (m_reading || !m_session) {
        return;
    }
    const int total = m_session->count();
    const int end = m_first + int(m_starts.size());
    int first = 0;
    int last = 0;
    if (!m_stale.isEmpty()) {
        first = *std::min_element(m_stale.cbegin(), m_stale.cend());
        last = std::min(total, first + chunkMessages);
    } else if (m_growAfter && end < total) {
        first = end;
        last = std::min(total, end + chunkMessages);
    } else if (m_growBefore && m_first > 0) {
        first = std::max(0, m_first - chunkMessages);
        last = m_first;
    } else {
        return;
    }
    m_reading = true;
    Background::runLatest(
        this, m_reads, m_reads.start(),
        [session = m_session, first, last] {
            // One by one, each a message that says why when it cannot be read: every one asked for arrives.
            QHash<int, Message> read;
            for (int index = first; index < last; ++index) {
                read.insert(index, session->message(index));
            }
            return read;
        },
        [this](const QHash<int, Message>& read) {
            m_reading = false;
            m_arrived = read;
            refreshStale();
            const bool grow = m_growAfter || m_growBefore;
            m_growAfter = m_growBefore = false;
            if (grow) {
                scrolled(); // grows the window by what came, if the reader is still at its end
            }
            if (const int match = std::exchange(m_pendingMatch, 0)) {
                goToMatch(match);
            }
            readWanted();
        });
}

void ConversationView::refreshStale()
{
    m_refreshQueued = false;
    QList<int> stale(m_stale.cbegin(), m_stale.cend());
    std::sort(stale.begin(), stale.end());
    // Consecutive messages go in together, and at most a chunk's characters at a time: the rest on the next turns.
    int runFirst = -1;
    int runLast = -1;
    QString md;
    QList<size_t> rendered;
    qsizetype characters = 0;
    const auto flush = [&] {
        if (runFirst >= 0) {
            replaceMessages(runFirst, runLast, md, rendered);
            characters += md.size();
        }
        runFirst = -1;
        md.clear();
        rendered.clear();
    };
    for (const int index : std::as_const(stale)) {
        if (characters >= chunkCharacters) {
            break;
        }
        if (index < m_first || index >= m_first + int(m_starts.size())) {
            m_stale.remove(index); // no longer in the window
            continue;
        }
        const std::optional<QString> part = readyMarkdown(index);
        if (!part) {
            flush();
            continue;
        }
        m_stale.remove(index);
        const size_t hash = qHash(*part);
        if (hash == m_rendered.at(index - m_first)) {
            flush();
            continue;
        }
        if (runFirst >= 0 && index != runLast) {
            flush();
        }
        if (runFirst < 0) {
            runFirst = index;
        }
        runLast = index + 1;
        md += *part;
        rendered.append(hash);
    }
    flush();
    if (characters >= chunkCharacters && !m_refreshQueued) {
        m_refreshQueued = true;
        QMetaObject::invokeMethod(this, &ConversationView::refreshStale, Qt::QueuedConnection);
    }
}

void ConversationView::showSession(std::shared_ptr<const SessionMessages> session, Completeness completeness)
{
    m_completeness = completeness;
    if (m_session && session && session->header().id == m_session->header().id && !m_starts.isEmpty()) {
        continueSession(std::move(session));
        return;
    }
    releaseElsewhere(std::exchange(m_session, std::move(session)));
    ++*m_findGeneration; // a count for the session before is of no use
    dropReads();
    m_afterCount = {};
    m_openTools.clear();
    m_fullOutputs.clear();
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
// document is kept, its messages rendered again where they changed (once read, for a session read from its file
// as it is shown), unless the session has fewer messages now: then it is rebuilt around the message at the top.
void ConversationView::continueSession(std::shared_ptr<const SessionMessages> session)
{
    const int end = m_first + int(m_starts.size());
    const int top = topMessage();
    releaseElsewhere(std::exchange(m_session, std::move(session)));
    dropReads();
    if (end <= m_session->count()) {
        if (m_first == 0) {
            replaceRange(0, m_starts.constFirst() - 1, headerMarkdown(), 0);
        }
        for (int i = m_first; i < end; ++i) {
            m_stale.insert(i);
        }
        refreshStale();
        readWanted();
    } else if (m_session->count() == 0) {
        renderWindow(0, 0);
    } else {
        const int index = std::min(top, m_session->count() - 1);
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
    dropReads();
    m_rendered.clear();
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
    const Session& header = m_session->header();
    QString md;
    md += u"# "_s + literal(header.title) + u"\n\n"_s;
    QStringList facts;
    facts << (m_completeness == Completeness::Complete
                  ? tr("%n message(s)", nullptr, m_session->conversationMessageCount())
                  : tr("the first %n message(s), the rest still being read", nullptr,
                       m_session->conversationMessageCount()));
    if (!header.model.isEmpty()) {
        facts << literal(header.model);
    }
    if (header.updatedAt.isValid()) {
        facts << QLocale().toString(header.updatedAt.toLocalTime(), QLocale::ShortFormat);
    }
    if (!header.projectPath.isEmpty()) {
        facts << literal(header.projectPath);
    }
    md += u"*"_s + facts.join(u" · "_s) + u"*\n\n"_s;
    for (const QString& warning : header.warnings) {
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
    m_rendered.clear();
    m_stale.clear();
    m_growAfter = m_growBefore = false;
    m_first = first;
    if (!m_session) {
        return;
    }
    const QString md = first == 0 ? headerMarkdown() : QString();
    QTextCursor cursor(m_text->document());
    cursor.insertMarkdown(md, markdownFeatures);
    appendMessages(std::max(0, last - first));
}

// Adds messages after the window: `count` of them (one not read yet as a placeholder), or when count is 0 a
// chunk of those at hand, up to the first that is not (a worker reads it, and the window grows then).
void ConversationView::appendMessages(int count)
{
    const int total = m_session->count();
    const int from = m_first + int(m_starts.size());
    QString md;
    QList<size_t> rendered;
    int to = from;
    m_growAfter = false;
    while (to < total && (count > 0 ? to < from + count : to < from + chunkMessages && md.size() < chunkCharacters)) {
        std::optional<QString> part = readyMarkdown(to);
        if (!part && count == 0) {
            m_growAfter = true;
            break;
        }
        if (!part) {
            part = placeholderMarkdown(to);
            m_stale.insert(to);
        }
        rendered.append(qHash(*part));
        md += *part;
        ++to;
    }
    if (md.isEmpty()) {
        readWanted();
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
    m_rendered += rendered;
    updateHighlights();
    readWanted();
}

// Adds messages before the window, keeping the text in view where it was: `count` of them (one not read yet as a
// placeholder), or when count is 0 a chunk of those at hand, back to the first that is not (read on a worker).
void ConversationView::prependMessages(int count)
{
    const int to = m_first;
    int from = to;
    QStringList parts;
    QList<size_t> rendered;
    qsizetype size = 0;
    m_growBefore = false;
    while (from > 0 && (count > 0 ? from > to - count : from > to - chunkMessages && size < chunkCharacters)) {
        std::optional<QString> part = readyMarkdown(from - 1);
        if (!part && count == 0) {
            m_growBefore = true;
            break;
        }
        if (!part) {
            part = placeholderMarkdown(from - 1);
            m_stale.insert(from - 1);
        }
        --from;
        parts.prepend(*part);
        rendered.prepend(qHash(*part));
        size += part->size();
    }
    const QString md = parts.join(QString());
    if (from == to) {
        readWanted();
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
    m_rendered = rendered + m_rendered;
    m_first = from;
    const QRectF old = document->documentLayout()->blockBoundingRect(document->findBlock(m_starts.at(to - from)));
    bar->setValue(offset + int(old.top()));
    updateHighlights();
    readWanted();
}

QList<int> ConversationView::finishInserted(int from, int to)
{
    QList<int> starts;
    QTextDocument* document = m_text->document();
    const QPalette colours = palette();
    const QColor codeBackground = colours.color(QPalette::AlternateBase);
    const bool dark = isDark(colours);
    for (QTextBlock block = document->findBlock(from); block.isValid() && block.position() < to; block = block.next()) {
        const QTextBlock::iterator first = block.begin();
        const QString href = first.atEnd() ? QString() : first.fragment().charFormat().anchorHref();
        if (href.startsWith(messageScheme + u':')) {
            starts.append(block.position());
            // The speaker's name in their colour, on a band of it across the view: user and assistant
            // apart at a glance, in light and dark.
            const int index = QStringView(href).mid(messageScheme.size() + 1).toInt();
            const std::optional<Message> message =
                m_session && index >= 0 && index < m_session->count() ? available(index) : std::nullopt;
            const Role role = message ? message->role : Role::System;
            const QColor roleColor = role == Role::User        ? userColor(colours)
                                     : role == Role::Assistant ? assistantColor(colours)
                                                               : colours.color(QPalette::PlaceholderText);
            QTextCursor cursor(block);
            QTextBlockFormat format;
            format.setTopMargin(starts.size() == 1 && block.position() == 0 ? 0 : 16);
            format.setBottomMargin(4);
            format.setBackground(role == Role::System ? codeBackground : tint(colours, roleColor));
            cursor.setBlockFormat(format);
            cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat text;
            text.setFontWeight(QFont::Bold);
            text.setFontUnderline(false);
            cursor.mergeCharFormat(text);
            QTextCharFormat name = first.fragment().charFormat();
            name.setForeground(roleColor);
            name.setFontUnderline(false);
            name.setFontWeight(QFont::Bold);
            QTextCursor nameCursor(document);
            nameCursor.setPosition(first.fragment().position());
            nameCursor.setPosition(first.fragment().position() + first.fragment().length(), QTextCursor::KeepAnchor);
            nameCursor.setCharFormat(name);
        } else if (block.blockFormat().hasProperty(QTextFormat::BlockCodeFence)) {
            QTextBlockFormat code;
            code.setBackground(codeBackground);
            code.setLeftMargin(8);
            QTextCursor(block).mergeBlockFormat(code);
            m_highlighter->highlight(block, block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage), dark);
        }
    }
    return starts;
}

void ConversationView::restyle()
{
    if (!m_session || m_starts.isEmpty()) {
        return;
    }
    const QScopedValueRollback adjusting(m_adjusting, true);
    QTextCursor cursor(m_text->document());
    cursor.beginEditBlock();
    finishInserted(0, m_text->document()->characterCount());
    cursor.endEditBlock();
}

void ConversationView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The colours of the speakers and code blocks are in the document: a new theme paints them again.
    if (event->type() == QEvent::PaletteChange) {
        restyle();
    }
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
    if (index < m_first || index >= m_first + m_starts.size()) {
        return;
    }
    std::optional<QString> md = readyMarkdown(index);
    if (!md) {
        // Read again on a worker (a huge session keeps only its last few read), and shown then.
        md = placeholderMarkdown(index);
        m_stale.insert(index);
    }
    replaceMessages(index, index + 1, *md, {qHash(*md)});
    readWanted();
}

void ConversationView::replaceMessages(int first, int last, const QString& markdown, const QList<size_t>& rendered)
{
    const int at = first - m_first;
    const QList<int> starts = replaceRange(messageStart(first), messageEnd(last - 1), markdown, last - m_first);
    for (int i = 0; i < last - first && i < starts.size(); ++i) {
        m_starts[at + i] = starts.at(i);
    }
    for (int i = 0; i < last - first && i < rendered.size(); ++i) {
        m_rendered[at + i] = rendered.at(i);
    }
}

QList<int> ConversationView::replaceRange(int start, int end, const QString& markdown, int firstMoved)
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
    const QList<int> starts = finishInserted(start, newEnd);
    cursor.endEditBlock();
    const int shift = newEnd - end;
    for (int i = firstMoved; i < m_starts.size(); ++i) {
        m_starts[i] += shift;
    }
    bar->setValue(above ? offset + topOf(m_starts.at(firstMoved)) - anchor : offset);
    updateHighlights();
    return starts;
}

void ConversationView::scrolled()
{
    if (m_adjusting || !m_session) {
        return;
    }
    QScrollBar* bar = m_text->verticalScrollBar();
    if (bar->value() >= bar->maximum() - bar->pageStep() && m_first + m_starts.size() < m_session->count()) {
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
        if (index >= m_first + m_starts.size()) {
            // Up to the message, those not read yet as placeholders, then what follows it as far as it is at hand.
            appendMessages(index + 1 - m_first - int(m_starts.size()));
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
    if (!m_session || index < 0 || index >= m_session->count()) {
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
    } else if (url.scheme() == toolScheme || url.scheme() == fullOutputScheme) {
        const QStringList parts = url.path().split(u'/');
        const std::pair<int, int> tool{parts.value(0).toInt(), parts.value(1).toInt()};
        if (url.scheme() == fullOutputScheme) {
            m_fullOutputs.insert(tool);
        } else if (!m_openTools.remove(tool)) {
            m_openTools.insert(tool);
        }
        rerender(tool.first);
        // The keyboard stays on the tool's line: Enter again closes it.
        selectLink(tool.first, toolScheme + u':' + url.path());
    } else {
        QDesktopServices::openUrl(url);
    }
}

void ConversationView::selectLink(int index, const QString& href)
{
    if (index < m_first || index >= m_first + m_starts.size()) {
        return;
    }
    const int end = messageEnd(index);
    for (QTextBlock block = m_text->document()->findBlock(messageStart(index));
         block.isValid() && block.position() < end; block = block.next()) {
        for (QTextBlock::iterator it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().anchorHref() == href) {
                QTextCursor cursor(m_text->document());
                cursor.setPosition(it.fragment().position() + it.fragment().length());
                cursor.setPosition(it.fragment().position(), QTextCursor::KeepAnchor);
                const QScopedValueRollback adjusting(m_adjusting, true);
                const int offset = m_text->verticalScrollBar()->value();
                m_text->setTextCursor(cursor);
                m_text->verticalScrollBar()->setValue(offset);
                return;
            }
        }
    }
}

QUrl ConversationView::linkAt(const QPoint& position) const
{
    if (const QString href = m_text->anchorAt(position); !href.isEmpty()) {
        return QUrl(href);
    }
    const QTextCursor cursor = m_text->textCursor();
    if (cursor.hasSelection()) {
        QTextCursor inside(m_text->document());
        inside.setPosition(std::min(cursor.selectionStart(), cursor.selectionEnd()) + 1);
        return QUrl(inside.charFormat().anchorHref());
    }
    return {};
}

void ConversationView::contextMenu(const QPoint& position)
{
    auto* menu = m_text->createStandardContextMenu(position);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QUrl link = linkAt(position);
    if (link.scheme() == toolScheme) {
        const QStringList parts = link.path().split(u'/');
        const bool open = m_openTools.contains({parts.value(0).toInt(), parts.value(1).toInt()});
        menu->addSeparator();
        menu->addAction(open ? tr("C&lose tool call") : tr("O&pen tool call"), this,
                        [this, link] { linkClicked(link); });
    }
    menu->addSeparator();
    menu->addAction(m_findAction);
    menu->popup(m_text->viewport()->mapToGlobal(position));
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
    // Not a Latest: the count on the worker reads the generation too, to give up early. A huge session is read
    // from its file a batch at a time (SessionMessages::scan).
    struct Count
    {
        QList<std::pair<int, int>> matches;
        std::optional<Error> error;
    };
    Background::run(
        this,
        [session = m_session, text = m_findText, current = m_findGeneration, generation]() -> std::optional<Count> {
            Count count;
            count.error = session->scan([&](int first, const QList<Message>& batch) {
                for (int i = 0; i < batch.size() && *current == generation; ++i) {
                    if (const int n = matchesIn(batch.at(i), text)) {
                        count.matches.append({first + i, n});
                    }
                }
                return *current == generation;
            });
            return *current == generation ? std::optional(std::move(count)) : std::nullopt;
        },
        [this, generation, done](const std::optional<Count>& count) {
            if (generation == *m_findGeneration && count) {
                done(count->matches);
                if (count->error) {
                    m_findStatus->setText(count->error->message);
                }
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
    const std::optional<Message> read = available(message);
    if (!read) {
        // The match is gone to once a worker has read its message.
        m_pendingMatch = number;
        if (message < m_first || message >= m_first + m_starts.size()) {
            showMessage(message);
        } else {
            m_stale.insert(message);
            readWanted();
        }
        return;
    }
    m_pendingMatch = 0;
    const Message& m = *read;
    // Matches inside tool calls are shown with the call open.
    bool opened = false;
    for (int t = 0; t < m.toolCalls.size(); ++t) {
        const ToolCall& call = m.toolCalls.at(t);
        if ((occurrences(call.input, m_findText) || occurrences(call.output, m_findText)) &&
            !m_openTools.contains({message, t})) {
            m_openTools.insert({message, t});
            opened = true;
        }
        if (occurrences(call.output, m_findText) && !m_fullOutputs.contains({message, t})) {
            m_fullOutputs.insert({message, t});
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
