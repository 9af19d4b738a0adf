// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "WelcomePane.h"

#include "views/ToolLook.h"

#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace chasm {

WelcomePane::WelcomePane(QWidget* parent)
    : QWidget(parent)
    , m_found(new QLabel(this))
    , m_harvest(new QPushButton(QIcon::fromTheme(u"document-save"_s), tr("&Harvest now"), this))
    , m_recover(new QPushButton(QIcon::fromTheme(u"edit-undo-history"_s), tr("Open the &recovery assistant…"), this))
    , m_guide(new QPushButton(QIcon::fromTheme(u"help-contents"_s), tr("&Getting started and shortcuts"), this))
{
    auto* title = new QLabel(u"<h2>"_s + tr("Welcome to Chasm").toHtmlEscaped() + u"</h2>"_s, this);
    m_found->setWordWrap(true);
    m_found->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_harvest->setToolTip(tr("Copy every session into Chasm's database, so that it stays when a tool deletes it "
                             "and can be searched"));
    m_recover->setToolTip(tr("Find sessions your editors no longer show, and bring them back"));
    auto* what = new QLabel(tr("What to do next:"), this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(title);
    layout->addWidget(m_found);
    layout->addSpacing(12);
    layout->addWidget(what);
    for (QPushButton* button : {m_harvest, m_recover, m_guide}) {
        layout->addWidget(button, 0, Qt::AlignLeft);
    }
    layout->addStretch(1);
    connect(m_harvest, &QPushButton::clicked, this, &WelcomePane::harvestRequested);
    connect(m_recover, &QPushButton::clicked, this, &WelcomePane::recoveryRequested);
    connect(m_guide, &QPushButton::clicked, this, &WelcomePane::guideRequested);
}

void WelcomePane::setFound(const QList<SessionRef>& sessions, const QStringList& lookedIn)
{
    if (sessions.isEmpty()) {
        QString text = u"<p>"_s + tr("Chasm found no chat sessions. It looked in:").toHtmlEscaped() + u"</p><ul>"_s;
        for (const QString& folder : lookedIn) {
            text += u"<li><tt>"_s + folder.toHtmlEscaped() + u"</tt></li>"_s;
        }
        text += u"</ul><p>"_s +
                tr("Chat with an assistant in any of these tools, then use File → Reload. Sessions an editor lost "
                   "may still be on disk: the recovery assistant looks for them.")
                    .toHtmlEscaped() +
                u"</p>"_s;
        m_found->setText(text);
        m_harvest->setEnabled(false);
        return;
    }
    QMap<QString, int> byTool;
    for (const SessionRef& ref : sessions) {
        ++byTool[ToolLook::name(ref.provider)];
    }
    QStringList tools;
    for (auto it = byTool.cbegin(); it != byTool.cend(); ++it) {
        tools << u"%1 (%2)"_s.arg(it.key()).arg(it.value());
    }
    m_found->setText(
        u"<p>"_s +
        tr("Chasm found %1: %2.").arg(ToolLook::sessions(int(sessions.size())), tools.join(u", "_s)).toHtmlEscaped() +
        u"</p><p>"_s +
        tr("Select a session in the list to read it. Harvest them to keep a copy that stays when a "
           "tool deletes its history, and to search every conversation (Ctrl+K).")
            .toHtmlEscaped() +
        u"</p>"_s);
    m_harvest->setEnabled(true);
}

QString WelcomePane::text() const
{
    return m_found->text();
}

} // namespace chasm
