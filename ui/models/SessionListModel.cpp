// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SessionListModel.h"

#include "providers/SessionCatalog.h"
#include "views/Localization.h"
#include "views/ToolLook.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString health(const SessionRef& s)
{
    if (!s.error.isEmpty()) {
        return SessionListModel::tr("unreadable");
    }
    if (SessionCatalog::isKeptOnly(s)) {
        return SessionListModel::tr("kept only by Chasm");
    }
    if (!s.warnings.isEmpty()) {
        return SessionListModel::tr("%n warning(s)", nullptr, int(s.warnings.size()));
    }
    return SessionListModel::tr("ok");
}

} // namespace

SessionListModel::SessionListModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void SessionListModel::setSessions(QList<SessionRef> sessions, const QList<TimelineService::Project>& projects)
{
    beginResetModel();
    m_sessions = std::move(sessions);
    m_projects.clear();
    const QList<TimelineService::Project> grouped =
        projects.isEmpty() ? TimelineService::projects({}, m_sessions) : projects;
    for (const TimelineService::Project& project : grouped) {
        for (const SessionRef& s : project.sessions) {
            m_projects.insert(s.id, {project.key, project.name, project.path});
        }
    }
    endResetModel();
}

QString SessionListModel::projectName(const SessionRef& s) const
{
    const auto found = m_projects.constFind(s.id);
    if (found == m_projects.cend()) {
        return s.workspaceName.isEmpty() ? s.projectPath : displayedWorkspaceName(s.workspaceName);
    }
    return displayedWorkspaceName(found->name.isEmpty() ? u"(no folder)"_s : found->name);
}

int SessionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

int SessionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const SessionRef& s = m_sessions.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TitleColumn:
            return s.error.isEmpty() ? s.title : tr("(unreadable) %1").arg(s.title);
        case ProviderColumn:
            return ToolLook::name(s.provider);
        case ProjectColumn:
            return projectName(s);
        case MessagesColumn:
            return s.messageCount;
        case FirstActivityColumn:
            return QLocale().toString(s.createdAt.toLocalTime(), QLocale::ShortFormat);
        case LastActivityColumn:
            return QLocale().toString(s.updatedAt.toLocalTime(), QLocale::ShortFormat);
        case SizeColumn:
            return QLocale().formattedDataSize(s.sizeBytes);
        case FormatColumn:
            return s.format;
        case HealthColumn:
            return health(s);
        }
        return {};
    case SortRole:
        switch (column) {
        case TitleColumn:
            return s.title.toLower();
        case ProviderColumn:
            return s.provider;
        case ProjectColumn:
            return projectName(s).toLower();
        case MessagesColumn:
            return s.messageCount;
        case FirstActivityColumn:
            return s.createdAt;
        case LastActivityColumn:
            return s.updatedAt;
        case SizeColumn:
            return s.sizeBytes;
        case FormatColumn:
            return s.format;
        case HealthColumn:
            return health(s);
        }
        return {};
    case Qt::ToolTipRole:
        if (!s.error.isEmpty()) {
            return s.error;
        }
        if (column == HealthColumn && !s.warnings.isEmpty()) {
            return s.warnings.join(u'\n');
        }
        if (SessionCatalog::isKeptOnly(s)) {
            return tr("%1 no longer has this session; Chasm's database keeps it. Restore puts it back.")
                .arg(ToolLook::name(s.provider));
        }
        if (column == ProjectColumn && !s.projectPath.isEmpty()) {
            return s.projectPath;
        }
        return s.path;
    case Qt::DecorationRole:
        if (column == TitleColumn && !s.error.isEmpty()) {
            return QIcon::fromTheme(u"dialog-warning"_s,
                                    QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        if (column == ProviderColumn) {
            return ToolLook::icon(s.provider);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == MessagesColumn || column == SizeColumn) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case WorkspaceIdRole:
        return s.workspaceId;
    case GroupRole:
        if (SessionCatalog::isKeptOnly(s)) {
            return SessionCatalog::keptOnlyProvider.toString();
        }
        return s.editor.isEmpty() ? s.provider : s.editor;
    case SessionIdRole:
        return s.id;
    case ProjectKeyRole:
        return m_projects.value(s.id).key;
    case ProjectPathRole:
        return s.projectPath;
    default:
        return {};
    }
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case ProviderColumn:
        return tr("Tool");
    case ProjectColumn:
        return tr("Project");
    case FirstActivityColumn:
        return tr("Started");
    case HealthColumn:
        return tr("Health");
    case MessagesColumn:
        return tr("Messages");
    case LastActivityColumn:
        return tr("Last activity");
    case SizeColumn:
        return tr("Size");
    case FormatColumn:
        return tr("Format");
    }
    return {};
}

} // namespace chasm
