// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ProjectTreeModel.h"

#include "models/WorkspaceTreeModel.h"
#include "views/Localization.h"

#include <QIcon>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace chasm {

ProjectTreeModel::ProjectTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{}

void ProjectTreeModel::setProjects(QList<TimelineService::Project> projects)
{
    beginResetModel();
    m_projects = std::move(projects);
    endResetModel();
}

const TimelineService::Project* ProjectTreeModel::project(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return nullptr;
    }
    return &m_projects.at(index.internalId() == 0 ? index.row() : int(index.internalId() - 1));
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex ProjectTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == 0) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ProjectTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return int(m_projects.size());
    }
    if (parent.column() != 0 || parent.internalId() != 0) {
        return 0;
    }
    return int(m_projects.at(parent.row()).places.size());
}

int ProjectTreeModel::columnCount(const QModelIndex& parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QVariant ProjectTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const TimelineService::Project& p = *project(index);
    if (index.internalId() != 0) {
        return placeData(p, p.places.at(index.row()), index.column(), role);
    }
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == SessionsColumn) {
            return int(p.sessions.size());
        }
        return displayedWorkspaceName(p.name.isEmpty() ? u"(no folder)"_s : p.name);
    case Qt::ToolTipRole: {
        QStringList tools;
        for (const TimelineService::Place& place : p.places) {
            const QString tool =
                place.workspace.application.isEmpty() ? place.workspace.provider : place.workspace.application;
            if (!tools.contains(tool)) {
                tools << tool;
            }
        }
        const QString where =
            p.path.isEmpty() ? (p.name.isEmpty() ? tr("Sessions that name no project folder") : p.name) : p.path;
        return tr("%1\n%n session(s) from %2", nullptr, int(p.sessions.size())).arg(where, tools.join(u", "_s));
    }
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QIcon::fromTheme(u"folder"_s) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == SessionsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case WorkspaceTreeModel::ProblemsRole:
        if (std::any_of(p.places.cbegin(), p.places.cend(),
                        [](const TimelineService::Place& place) { return place.workspace.folderMissing; })) {
            return QStringList{WorkspaceTreeModel::tr("folder missing")};
        }
        return QStringList();
    case ProjectKeyRole:
        return p.key;
    case WorkspaceIdRole:
        return QString();
    default:
        return {};
    }
}

QVariant ProjectTreeModel::placeData(const TimelineService::Project& project, const TimelineService::Place& place,
                                     int column, int role) const
{
    const Workspace& w = place.workspace;
    const QString tool = w.application.isEmpty() ? w.provider : w.application;
    const QString lastUsed = place.lastUsed.isValid()
                                 ? QLocale().toString(place.lastUsed.toLocalTime().date(), QLocale::ShortFormat)
                                 : QString();
    switch (role) {
    case Qt::DisplayRole: {
        if (column == SessionsColumn) {
            return place.sessionCount;
        }
        // An editor keeps a workspace per folder it opened (and a new one when the folder moved): its hash and
        // when it was last used tell two of them apart.
        QString name = w.editor.isEmpty() || w.hash.isEmpty() || w.kind == Workspace::Kind::Empty
                           ? tool
                           : u"%1 · %2"_s.arg(tool, w.hash.left(8));
        if (!lastUsed.isEmpty()) {
            name += u" · "_s + lastUsed;
        }
        return name;
    }
    case Qt::ToolTipRole: {
        QString tip = w.storagePath.isEmpty() ? w.id : w.storagePath;
        if (!lastUsed.isEmpty()) {
            tip += u"\n"_s + tr("Last used %1").arg(lastUsed);
        }
        if (place.older) {
            tip += u"\n"_s + tr("An older workspace of this folder: %1 now opens another one, where these "
                                "sessions do not show (the recovery assistant brings them over).")
                                 .arg(tool);
        }
        return tip;
    }
    case Qt::DecorationRole:
        return column == NameColumn ? QIcon::fromTheme(u"applications-development"_s) : QVariant();
    case Qt::TextAlignmentRole:
        return column == SessionsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case WorkspaceTreeModel::ProblemsRole: {
        // The folder's own state ("folder missing") is the project row's.
        QStringList badges = WorkspaceTreeModel::badges(w);
        badges.removeAll(WorkspaceTreeModel::tr("folder missing"));
        if (place.older) {
            badges.prepend(tr("older"));
        }
        return badges;
    }
    case ProjectKeyRole:
        return project.key;
    case WorkspaceIdRole:
        return w.id;
    default:
        return {};
    }
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    return section == NameColumn ? tr("Project") : tr("Sessions");
}

} // namespace chasm
