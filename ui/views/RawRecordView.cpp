// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "RawRecordView.h"

#include "providers/SessionCatalog.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace chasm {

RawRecordView::RawRecordView(std::shared_ptr<const SessionCatalog> catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(std::move(catalog))
    , m_source(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_source->setWordWrap(true);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_source);
    layout->addWidget(m_text, 1);
}

void RawRecordView::showMessage(const std::shared_ptr<const SessionMessages>& session, int index,
                                const QList<SessionRef>& listed)
{
    const quint64 request = m_reads.start();
    m_text->clear();
    if (!session || index < 0) {
        m_source->setText(tr("Open a session and select a message to see it as the tool wrote it."));
        return;
    }
    const auto ref = std::find_if(listed.cbegin(), listed.cend(),
                                  [&session](const SessionRef& r) { return r.id == session->header().id; });
    if (ref == listed.cend()) {
        m_source->setText(tr("This session is open from the harvest database and its tool no longer lists it, "
                             "so there is no file to show the raw record from."));
        return;
    }
    m_source->setText(tr("Reading message %1 from %2…").arg(index + 1).arg(ref->path));
    Q_EMIT readStarted(tr("Reading the raw record…"));
    Background::run(
        this,
        [catalog = m_catalog, ref = *ref, session, index] {
            // A huge log's record comes from the file it has open, its request's lines only: neither is the log's
            // index built again nor its messages read.
            if (auto record = session->nativeRecordOf(index)) {
                return std::move(*record);
            }
            return catalog->nativeRecord(ref, session->message(index).nativeIndex);
        },
        [this, request, index, path = ref->path](const Result<QString>& record) {
            Q_EMIT readFinished();
            if (!m_reads.isCurrent(request)) {
                return;
            }
            if (record) {
                m_source->setText(tr("Message %1 as the tool keeps it in %2 (read now)").arg(index + 1).arg(path));
                m_text->setPlainText(record.value());
            } else {
                m_source->setText(record.error().message);
            }
        });
}

} // namespace chasm
