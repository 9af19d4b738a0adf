// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "TimelineView.h"

#include "views/Localization.h"
#include "views/ToolLook.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

constexpr qint64 dayMs = 24ll * 3600 * 1000;
constexpr int axisHeight = 22;
constexpr int minimumBarWidth = 4;

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
}

QColor TimelineView::providerColor(const QString& provider)
{
    return ToolLook::colour(provider);
}

void TimelineView::setSessions(const QList<SessionRef>& sessions, const QList<TimelineService::Project>& projects)
{
    QList<Row> rows;
    m_first = std::numeric_limits<qint64>::max();
    m_last = std::numeric_limits<qint64>::min();
    for (const TimelineService::Project& project :
         projects.isEmpty() ? TimelineService::projects({}, sessions) : projects) {
        Row row{displayedWorkspaceName(project.name.isEmpty() ? u"(no folder)"_s : project.name), {}};
        for (const SessionRef& s : project.sessions) {
            // An unreadable file's times are the file's: they would stretch the project's range.
            if (!TimelineService::isDated(s)) {
                continue;
            }
            const QDateTime startTime = s.createdAt;
            Bar bar{s.id,
                    s.title,
                    s.provider,
                    startTime.toMSecsSinceEpoch(),
                    std::max(startTime, s.updatedAt).toMSecsSinceEpoch(),
                    s.messageCount};
            row.bars.append(bar);
            m_first = std::min(m_first, bar.start);
            m_last = std::max(m_last, bar.end);
        }
        if (!row.bars.isEmpty()) {
            rows.append(std::move(row));
        }
    }
    m_rows = std::move(rows);
    // The most recently active projects first.
    const auto lastOf = [](const Row& row) {
        qint64 last = 0;
        for (const Bar& bar : row.bars) {
            last = std::max(last, bar.end);
        }
        return last;
    };
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row& a, const Row& b) { return lastOf(a) > lastOf(b); });
    if (m_rows.isEmpty()) {
        m_first = m_last = 0;
    } else {
        // Whole days, and a little room at either end.
        m_first = (m_first / dayMs - 1) * dayMs;
        m_last = (m_last / dayMs + 2) * dayMs;
    }
    updateScrollBars();
    horizontalScrollBar()->setValue(horizontalScrollBar()->maximum()); // the present
    viewport()->update();
}

void TimelineView::setZoom(Zoom zoom)
{
    if (zoom == m_zoom) {
        return;
    }
    // Keep the moment in the middle of the view where it was.
    const int middle = (viewport()->width() - labelWidth()) / 2;
    const double days = (horizontalScrollBar()->value() + middle) / pixelsPerDay();
    m_zoom = zoom;
    updateScrollBars();
    horizontalScrollBar()->setValue(int(days * pixelsPerDay()) - middle);
    viewport()->update();
    Q_EMIT zoomChanged(zoom);
}

void TimelineView::setSelectedSession(const QString& id)
{
    m_selected = id;
    for (int r = 0; r < m_rows.size(); ++r) {
        for (const Bar& bar : std::as_const(m_rows.at(r).bars)) {
            if (bar.id == id) {
                const QRect rect = barGeometry(r, bar);
                if (!viewport()->rect().intersects(rect)) {
                    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + rect.center().x() -
                                                    viewport()->width() / 2);
                    verticalScrollBar()->setValue(r);
                }
            }
        }
    }
    viewport()->update();
}

double TimelineView::pixelsPerDay() const
{
    switch (m_zoom) {
    case Zoom::Day:
        return 240;
    case Zoom::Week:
        return 36;
    case Zoom::Month:
        return 3; // about a year in a window's width
    }
    return 36;
}

int TimelineView::rowHeight() const
{
    return fontMetrics().height() + 10;
}

double TimelineView::xOf(qint64 ms) const
{
    return labelWidth() + double(ms - m_first) / dayMs * pixelsPerDay() - horizontalScrollBar()->value();
}

QRect TimelineView::barGeometry(int row, const Bar& bar) const
{
    const int y = axisHeight + (row - verticalScrollBar()->value()) * rowHeight() + 3;
    const int x1 = int(xOf(bar.start));
    const int x2 = std::max(x1 + minimumBarWidth, int(xOf(bar.end)));
    return {x1, y, x2 - x1, rowHeight() - 6};
}

QRect TimelineView::barRect(const QString& id) const
{
    for (int r = 0; r < m_rows.size(); ++r) {
        for (const Bar& bar : m_rows.at(r).bars) {
            if (bar.id == id) {
                const QRect rect = barGeometry(r, bar);
                const QRect area(labelWidth(), axisHeight, viewport()->width() - labelWidth(),
                                 viewport()->height() - axisHeight);
                return rect.intersected(area);
            }
        }
    }
    return {};
}

const TimelineView::Bar* TimelineView::barAt(const QPoint& point) const
{
    if (point.x() < labelWidth() || point.y() < axisHeight) {
        return nullptr;
    }
    const int row = (point.y() - axisHeight) / rowHeight() + verticalScrollBar()->value();
    if (row < 0 || row >= m_rows.size()) {
        return nullptr;
    }
    // The shortest bar under the point: a short session drawn over a long one stays clickable.
    const Bar* best = nullptr;
    for (const Bar& bar : m_rows.at(row).bars) {
        if (barGeometry(row, bar).adjusted(-2, 0, 2, 0).contains(point) &&
            (!best || bar.end - bar.start < best->end - best->start)) {
            best = &bar;
        }
    }
    return best;
}

void TimelineView::updateScrollBars()
{
    const int width = int(double(m_last - m_first) / dayMs * pixelsPerDay());
    const int visible = std::max(0, viewport()->width() - labelWidth());
    horizontalScrollBar()->setRange(0, std::max(0, width - visible));
    horizontalScrollBar()->setPageStep(visible);
    horizontalScrollBar()->setSingleStep(int(pixelsPerDay()));
    const int rowsVisible = std::max(1, (viewport()->height() - axisHeight) / rowHeight());
    verticalScrollBar()->setRange(0, std::max(0, int(m_rows.size()) - rowsVisible));
    verticalScrollBar()->setPageStep(rowsVisible);
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QString TimelineView::tickLabel(const QDate& day) const
{
    // The week view spans years: each tick says which.
    const QLocale locale;
    switch (m_zoom) {
    case Zoom::Day:
        return locale.toString(day, u"d MMM"_s);
    case Zoom::Week:
        return locale.toString(day, u"d MMM yyyy"_s);
    case Zoom::Month:
        return locale.toString(day, u"MMM yyyy"_s);
    }
    return {};
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    const QPalette pal = palette();
    p.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (m_rows.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("No sessions to show."));
        return;
    }
    const int width = viewport()->width();
    const int height = viewport()->height();
    // The time axis: a tick per day (day zoom), per week (starting Monday) or per month.
    p.setPen(pal.color(QPalette::Mid));
    const QDate firstDay = QDateTime::fromMSecsSinceEpoch(m_first).date();
    const QDate lastDay = QDateTime::fromMSecsSinceEpoch(m_last).date();
    for (QDate day = firstDay; day <= lastDay; day = day.addDays(1)) {
        const bool tick = m_zoom == Zoom::Day || (m_zoom == Zoom::Week && day.dayOfWeek() == 1) || day.day() == 1;
        if (!tick) {
            continue;
        }
        const int x = int(xOf(day.startOfDay().toMSecsSinceEpoch()));
        if (x < labelWidth() || x > width) {
            continue;
        }
        p.setPen(pal.color(day.day() == 1 ? QPalette::Dark : QPalette::Midlight));
        p.drawLine(x, axisHeight, x, height);
        if (m_zoom == Zoom::Week && day.dayOfWeek() != 1) {
            continue; // a month's line between two weeks: the weeks' labels would overlap its own
        }
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(x + 3, 0, 200, axisHeight), Qt::AlignVCenter | Qt::AlignLeft, tickLabel(day));
    }
    // Rows: the project's name, then its sessions.
    const int firstRow = verticalScrollBar()->value();
    p.setClipRect(0, axisHeight, width, height - axisHeight);
    for (int r = firstRow; r < m_rows.size(); ++r) {
        const int y = axisHeight + (r - firstRow) * rowHeight();
        if (y > height) {
            break;
        }
        if ((r - firstRow) % 2) {
            p.fillRect(0, y, width, rowHeight(), pal.color(QPalette::AlternateBase));
        }
        p.save();
        p.setClipRect(labelWidth(), axisHeight, width - labelWidth(), height - axisHeight);
        for (const Bar& bar : m_rows.at(r).bars) {
            const QRect rect = barGeometry(r, bar);
            if (rect.right() < labelWidth() || rect.left() > width) {
                continue;
            }
            p.setPen(bar.id == m_selected ? QPen(pal.color(QPalette::Highlight), 2) : Qt::NoPen);
            p.setBrush(providerColor(bar.provider));
            p.drawRoundedRect(rect, 3, 3);
        }
        p.restore();
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(6, y, labelWidth() - 10, rowHeight()), Qt::AlignVCenter | Qt::AlignLeft,
                   fontMetrics().elidedText(m_rows.at(r).name, Qt::ElideMiddle, labelWidth() - 10));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(labelWidth(), axisHeight, labelWidth(), height);
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    m_dragFrom = event->position().toPoint();
    m_dragStartValue = horizontalScrollBar()->value();
    m_dragged = false;
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton)) {
        return;
    }
    const int dx = event->position().toPoint().x() - m_dragFrom.x();
    if (std::abs(dx) > 3) {
        m_dragged = true;
        horizontalScrollBar()->setValue(m_dragStartValue - dx);
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragged || event->button() != Qt::LeftButton) {
        return;
    }
    if (const Bar* bar = barAt(event->position().toPoint())) {
        m_selected = bar->id;
        viewport()->update();
        Q_EMIT sessionClicked(bar->id);
    }
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int step = event->angleDelta().y() > 0 ? -1 : 1;
        setZoom(Zoom(std::clamp(int(m_zoom) + step, int(Zoom::Day), int(Zoom::Month))));
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const Bar* bar = barAt(help->pos())) {
            const QLocale locale;
            QToolTip::showText(help->globalPos(),
                               u"<b>"_s + bar->title.toHtmlEscaped() + u"</b><br>"_s +
                                   locale.toString(QDateTime::fromMSecsSinceEpoch(bar->start), QLocale::ShortFormat) +
                                   u" – "_s +
                                   locale.toString(QDateTime::fromMSecsSinceEpoch(bar->end), QLocale::ShortFormat) +
                                   u"<br>"_s + ToolLook::name(bar->provider).toHtmlEscaped() + u" · "_s +
                                   tr("%n message(s)", nullptr, bar->messages),
                               viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

TimelinePane::TimelinePane(QWidget* parent)
    : QWidget(parent)
    , m_view(new TimelineView(this))
    , m_zoom(new QComboBox(this))
    , m_stats(new QLabel(this))
    , m_legend(new QWidget(this))
{
    m_zoom->addItem(tr("Day"));
    m_zoom->addItem(tr("Week"));
    m_zoom->addItem(tr("Month"));
    m_zoom->setCurrentIndex(int(m_view->zoom()));
    connect(m_zoom, &QComboBox::currentIndexChanged, m_view,
            [this](int index) { m_view->setZoom(TimelineView::Zoom(index)); });
    // Ctrl+wheel zooms the view: the box follows.
    connect(m_view, &TimelineView::zoomChanged, m_zoom, [this](TimelineView::Zoom zoom) {
        const QSignalBlocker blocker(m_zoom);
        m_zoom->setCurrentIndex(int(zoom));
    });
    m_stats->setWordWrap(true);
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Zoom:"), this));
    top->addWidget(m_zoom);
    top->addWidget(m_stats, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    // Which colour is which tool, for the tools shown.
    auto* legend = new QHBoxLayout(m_legend);
    legend->setContentsMargins(0, 0, 0, 0);
    legend->addStretch(1);
    layout->addWidget(m_legend);
}

void TimelinePane::setSessions(const QList<SessionRef>& sessions, const QList<TimelineService::Project>& projects)
{
    m_view->setSessions(sessions, projects);
    struct Count
    {
        int sessions = 0;
        qint64 messages = 0;
    };
    QMap<QString, Count> byProvider;
    Count week;
    Count month;
    // In milliseconds since the epoch: comparing QDateTimes converts local time for every session.
    const QDateTime now = QDateTime::currentDateTime();
    const qint64 weekAgo = now.addDays(-7).toMSecsSinceEpoch();
    const qint64 monthAgo = now.addDays(-30).toMSecsSinceEpoch();
    for (const SessionRef& s : sessions) {
        Count& c = byProvider[s.provider];
        ++c.sessions;
        c.messages += s.messageCount;
        const qint64 updated = s.updatedAt.isValid() ? s.updatedAt.toMSecsSinceEpoch() : monthAgo;
        if (updated > weekAgo) {
            ++week.sessions;
            week.messages += s.messageCount;
        }
        if (updated > monthAgo) {
            ++month.sessions;
            month.messages += s.messageCount;
        }
    }
    const auto counted = [](const Count& count) -> QString {
        return ToolLook::sessions(count.sessions) + u", "_s + ToolLook::messages(count.messages);
    };
    QStringList parts;
    for (auto it = byProvider.cbegin(); it != byProvider.cend(); ++it) {
        parts << ToolLook::name(it.key()) + u": "_s + counted(*it);
    }
    parts << tr("last 7 days: %1").arg(counted(week));
    parts << tr("last 30 days: %1").arg(counted(month));
    m_stats->setText(parts.join(u" · "_s));

    auto* legend = static_cast<QHBoxLayout*>(m_legend->layout());
    while (legend->count() > 1) {
        delete legend->takeAt(0)->widget();
    }
    for (auto it = byProvider.cbegin(); it != byProvider.cend(); ++it) {
        auto* entry = new QLabel(m_legend);
        entry->setObjectName(u"legend:"_s + it.key());
        entry->setText(u"<span style=\"color:%1\">■</span> %2"_s.arg(TimelineView::providerColor(it.key()).name(),
                                                                     ToolLook::name(it.key()).toHtmlEscaped()));
        entry->setToolTip(counted(*it));
        legend->insertWidget(legend->count() - 1, entry);
    }
}

QStringList TimelinePane::legend() const
{
    QStringList entries;
    for (const QLabel* entry : m_legend->findChildren<QLabel*>()) {
        entries << entry->text();
    }
    return entries;
}

QString TimelinePane::statsText() const
{
    return m_stats->text();
}

} // namespace chasm
