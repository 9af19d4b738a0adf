// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionMessages.h"
#include "views/Background.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QTextBrowser;
class QToolButton;

namespace chasm {

class CodeHighlighter;

// A read-only transcript of one session, read like a chat: each message as Markdown under a header with
// role (user and assistant in their own colours), time and model; tool calls where they happened in the
// turn, collapsed to one line that opens (by click, or Tab and Enter) to their input, pretty-printed, and
// their output, a long one shortened until "Show all". Only a window of the
// messages is in the document at a time (more are added as the reader scrolls, and a jump to a far
// message starts a new window), so a session of twenty thousand turns shows at once. The messages come from a
// SessionMessages, which reads a huge session's from its file as the window needs them: on a worker thread, a
// message not read yet standing as a placeholder until it is. Ctrl+F finds text anywhere in the session, not just
// in the window (a pass over all of it on a worker thread).
class ConversationView final : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget* parent = nullptr);
    ~ConversationView() override;

    enum class Completeness
    {
        Complete,
        // The first messages of a session whose reading goes on (see SessionPreview).
        Beginning,
    };
    // Shows a session from its start; the session already in view (the same id) keeps its place.
    void showSession(std::shared_ptr<const SessionMessages> session,
                     Completeness completeness = Completeness::Complete);
    // A centred note instead of a session ("Loading…", "No sessions found…", an error).
    void showNote(const QString& markdown);
    // Scrolls to a message, with the given words (or starts of words) highlighted in it.
    void showMessage(int index, const QStringList& highlight = {});

    // The session shown, without its messages (they are in messages()); nullptr for none.
    const Session* session() const { return m_session ? &m_session->header() : nullptr; }
    const std::shared_ptr<const SessionMessages>& messages() const { return m_session; }
    // The message that holds the text cursor (placed by showMessage(), find and clicks); -1 for none.
    int currentMessage() const;
    QString toPlainText() const;
    QTextBrowser* textView() const { return m_text; }

    // Find in session: counts the matches of `text` (case-insensitive) on a worker thread, then selects
    // the first one after the view's position and emits findFinished. A newer find, or another
    // session, makes a count still running give up.
    void find(const QString& text);
    void findNext();
    void findPrevious();
    int matchCount() const { return m_matchTotal; }
    // 1-based; 0 when there is no current match.
    int currentMatch() const { return m_matchCurrent; }
    void showFindBar();
    // "Find in session" (Ctrl+F), live in the whole window: the main window puts it in its menu.
    QAction* findAction() const { return m_findAction; }

Q_SIGNALS:
    // The reader clicked a message's header, or scrolled so that another message is at the top.
    void messageSelected(int index);
    // A find (or a recount after the session was read further) is done: `matches` in the session.
    void findFinished(int matches);

protected:
    void changeEvent(QEvent* event) override;

private:
    // Message `index` when it is at hand (the last read on a worker brought it, or the session holds it): nullopt
    // when a worker must read it first.
    std::optional<Message> available(int index) const;
    // Its Markdown when it is at hand.
    std::optional<QString> readyMarkdown(int index) const;
    // What stands for a message until a worker has read it.
    QString placeholderMarkdown(int index) const;
    QString headerMarkdown() const;
    // Starts a read on a worker thread of what the window waits for (its stale messages, else those it would grow
    // by), unless one is running: when it is in, the window is brought up to date and the next read starts.
    void readWanted();
    // Forgets the reads of the session before.
    void dropReads();
    // Renders again the stale messages now at hand whose Markdown differs from what the window shows, a few at a
    // time (the rest on the next turns of the event loop).
    void refreshStale();
    void continueSession(std::shared_ptr<const SessionMessages> session);
    // Renders messages [first, last) into an empty document.
    void renderWindow(int first, int last);
    void appendMessages(int count);
    void prependMessages(int count);
    // Styles headers, messages and code blocks in [from, to) and returns the header positions found there.
    QList<int> finishInserted(int from, int to);
    // Styles the whole document again in the colours of the palette now in use.
    void restyle();
    void contextMenu(const QPoint& position);
    // The link (a message's header or a tool call) at a position of the viewport, or under the text cursor
    // (where Tab put the keyboard's focus).
    QUrl linkAt(const QPoint& position) const;
    // Puts the text cursor on a link of a message again after the message was rendered anew.
    void selectLink(int index, const QString& href);
    void rerender(int index);
    // Replaces the window's messages [first, last) with `markdown`, theirs (`rendered`: the hash of each's).
    void replaceMessages(int first, int last, const QString& markdown, const QList<size_t>& rendered);
    // Replaces the text in [start, end) with Markdown, the view staying put; the window's messages from
    // the `firstMoved`-th on move with the text after it. The messages' starts found in the new text.
    QList<int> replaceRange(int start, int end, const QString& markdown, int firstMoved);
    // Loads the message into the window if needed and scrolls it to the top.
    void scrollToMessage(int index);
    int topMessage() const;
    int messageStart(int index) const;
    // The message shown at a position of the document.
    int messageAt(int position) const;
    int messageEnd(int index) const;
    void scrolled();
    void linkClicked(const QUrl& url);
    void goToMatch(int number);
    // Counts the matches of the find text on a worker thread, then runs m_afterCount once.
    void countMatches();
    void showFindStatus();
    void updateHighlights();

    QTextBrowser* m_text;
    QWidget* m_findBar;
    QLineEdit* m_findField;
    QLabel* m_findStatus;
    std::shared_ptr<const SessionMessages> m_session;
    Completeness m_completeness = Completeness::Complete;
    // The messages in the document: [m_first, m_first + m_starts.size()), each starting at m_starts[i].
    int m_first = 0;
    QList<int> m_starts;
    // What each message of the window was rendered from (a hash of its Markdown), beside m_starts.
    QList<size_t> m_rendered;
    // Messages of the window whose text may not be the session's: placeholders for messages not read yet, and the
    // text an earlier reading of the session showed. A worker reads them, and they are rendered again where their
    // Markdown differs.
    QSet<int> m_stale;
    // The messages the last read on a worker brought (a huge session keeps only its last few read).
    QHash<int, Message> m_arrived;
    Latest m_reads;
    bool m_reading = false;
    // The window stopped growing after (before) its messages at one not read yet.
    bool m_growAfter = false;
    bool m_growBefore = false;
    // A refreshStale() is queued for the next turn of the event loop.
    bool m_refreshQueued = false;
    // The match (its number) to go to once its message is read; 0 for none.
    int m_pendingMatch = 0;
    QAction* m_findAction;
    std::unique_ptr<CodeHighlighter> m_highlighter;
    QSet<std::pair<int, int>> m_openTools;
    // Tool calls whose whole output is shown (a long one is shortened until "Show all").
    QSet<std::pair<int, int>> m_fullOutputs;
    QStringList m_highlightTerms;
    int m_highlightMessage = -1;
    bool m_adjusting = false;
    // Find: the messages holding the text, with how many times each.
    QString m_findText;
    QList<std::pair<int, int>> m_matches;
    int m_matchTotal = 0;
    int m_matchCurrent = 0;
    // What a find does once its count is in (go to the first match); a recount keeps it.
    std::function<void()> m_afterCount;
    // Bumped by each count; a count on a worker thread stops when it is no longer the latest.
    std::shared_ptr<std::atomic<quint64>> m_findGeneration = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace chasm
