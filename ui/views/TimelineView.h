// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/SessionRef.h"
#include "services/TimelineService.h"

#include <QAbstractScrollArea>
#include <QDate>

class QComboBox;
class QLabel;

namespace chasm {

// Sessions over time, one row per project (TimelineService::projects, as in the projects view; sessions that cannot
// be read have no bar): each session a bar from its first to its last activity,
// coloured by tool, so that busy weeks and gaps show at a glance. Zoom by day, week or month (or
// Ctrl+wheel), pan by dragging or scrolling; clicking a bar selects its session.
class TimelineView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Zoom
    {
        Day,
        Week,
        Month,
    };

    explicit TimelineView(QWidget* parent = nullptr);

    // `projects`: the sessions grouped (TimelineService::projects of the same listing); grouped here when not given.
    void setSessions(const QList<SessionRef>& sessions, const QList<TimelineService::Project>& projects = {});
    void setZoom(Zoom zoom);
    Zoom zoom() const { return m_zoom; }
    void setSelectedSession(const QString& id);
    // Where a session's bar is, in viewport coordinates (empty when it has none or is scrolled away).
    QRect barRect(const QString& id) const;
    // The sessions in each row's order, for the stats strip and tests.
    int rowCount() const { return int(m_rows.size()); }
    static QColor providerColor(const QString& provider);
    // The time axis's label at a tick on `day` for the zoom shown (the week view's say the year).
    QString tickLabel(const QDate& day) const;

Q_SIGNALS:
    void sessionClicked(const QString& id);
    void zoomChanged(Zoom zoom);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    struct Bar
    {
        QString id;
        QString title;
        QString provider;
        qint64 start = 0; // ms since the epoch
        qint64 end = 0;
        int messages = 0;
    };
    struct Row
    {
        QString name;
        QList<Bar> bars;
    };
    double pixelsPerDay() const;
    double xOf(qint64 ms) const;
    QRect barGeometry(int row, const Bar& bar) const;
    const Bar* barAt(const QPoint& point) const;
    void updateScrollBars();
    int labelWidth() const { return 180; }
    int rowHeight() const;

    QList<Row> m_rows;
    qint64 m_first = 0;
    qint64 m_last = 0;
    Zoom m_zoom = Zoom::Week;
    QString m_selected;
    QPoint m_dragFrom;
    int m_dragStartValue = 0;
    bool m_dragged = false;
};

// The timeline with its zoom control, a strip of counts (sessions and messages per tool, in all and in
// the last days) and a legend of the tools' colours.
class TimelinePane final : public QWidget
{
    Q_OBJECT

public:
    explicit TimelinePane(QWidget* parent = nullptr);

    void setSessions(const QList<SessionRef>& sessions, const QList<TimelineService::Project>& projects = {});
    TimelineView* view() const { return m_view; }
    QString statsText() const;
    // The legend's entries, a colour and a tool's name each, in the order shown.
    QStringList legend() const;

private:
    TimelineView* m_view;
    QComboBox* m_zoom;
    QLabel* m_stats;
    QWidget* m_legend;
};

} // namespace chasm
