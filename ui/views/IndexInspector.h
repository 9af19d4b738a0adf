#pragma once

#include "model/SessionRef.h"
#include "model/Workspace.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace chasm {

class IndexEntryModel;

// The session index of the selected VS Code-family workspace (chat.ChatSessionStore.index in its
// state.vscdb) beside the session files on disk: what the editor's history view will show, and each
// mismatch explained. Read on a worker thread, never written.
class IndexInspector final : public QWidget
{
    Q_OBJECT

public:
    explicit IndexInspector(QWidget* parent = nullptr);

    // Reads the workspace's index and compares it with `files` (the workspace's sessions); a workspace
    // of a tool without an index clears the pane and says so.
    void inspect(const Workspace& workspace, const QList<SessionRef>& files);
    IndexEntryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString summary() const;

Q_SIGNALS:
    void inspected();

private:
    IndexEntryModel* m_model;
    QTableView* m_view;
    QLabel* m_summary;
    quint64 m_request = 0;
};

} // namespace chasm
