// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionMessages.h"
#include "model/SessionRef.h"
#include "views/Background.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;

namespace chasm {

class SessionCatalog;

// The "Raw" tab: one message as its tool wrote it (a VS Code request in VS Code's key order, a line of a
// Claude Code transcript), read from the session's file on a worker thread when asked, under a line that
// says where it comes from.
class RawRecordView final : public QWidget
{
    Q_OBJECT

public:
    explicit RawRecordView(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent = nullptr);

    // Reads message `index` of `session` from the file of its entry in `listed` (a session read from its file as
    // it is shown reads it through the file it has open); says why not when no session or message is selected, or
    // the session's tool no longer lists it (it is open from the harvest database). A read still running for an
    // earlier message is dropped.
    void showMessage(const std::shared_ptr<const SessionMessages>& session, int index, const QList<SessionRef>& listed);

    QPlainTextEdit* textView() const { return m_text; }
    QLabel* sourceLabel() const { return m_source; }

Q_SIGNALS:
    // Around each read of a file, for the window's busy indicator.
    void readStarted(const QString& what);
    void readFinished();

private:
    std::shared_ptr<const SessionCatalog> m_catalog;
    QLabel* m_source;
    QPlainTextEdit* m_text;
    Latest m_reads;
};

} // namespace chasm
