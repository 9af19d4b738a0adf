#pragma once

#include "providers/SessionFileProvider.h"
#include "vscode/Editor.h"

namespace chasm {

// Sessions of the VS Code family's chat view (chatSessions/*.json and *.jsonl) for the editors that
// report to one provider id: Copilot in VS Code, Insiders and VSCodium; Cursor; Windsurf.
class VsCodeProvider final : public SessionFileProvider
{
public:
    VsCodeProvider(QString id, QString displayName, QStringList aliases, QList<Editor> editors);

    QString id() const override { return m_id; }
    QStringList aliases() const override { return m_aliases; }
    QString displayName() const override { return m_displayName; }
    QStringList commands() const override;
    QStringList storageLocations(const Environment& environment) const override;
    QList<Workspace> workspaces(const Environment& environment) const override;

protected:
    QStringList sessionFiles(const Workspace& workspace) const override;
    Result<Session> readSession(const QString& path, const Workspace& workspace) const override;

private:
    QString m_id;
    QString m_displayName;
    QStringList m_aliases;
    QList<Editor> m_editors;
};

} // namespace chasm
