// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "PdfRenderer.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QScreen>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>

using namespace Qt::StringLiterals;

namespace chasm::pdf {

namespace {

// QTextDocument lays out in 26.6 fixed point in the printer's units: at QPdfWriter's 1200 dpi, positions
// past 2^25 units (about 2 650 A4 pages) wrap around, and a transcript that long came out as one blank
// page, or as a few pages from its middle. So the transcript is typeset in chunks of pieces, each its
// own document, printed one after the other onto the same pages; a chunk that lays out taller than half
// that range is typeset in halves.
constexpr qreal layoutLimit = qreal(1 << 24);
// A chunk is this many characters of HTML or more (the last piece that makes it so included): some 20
// pages of short messages. Each chunk starts on a new page, so fewer chunks leave fewer pages short.
constexpr qsizetype chunkLength = 256 * 1024;
// The core cuts long messages into pieces of some 16 KiB (see SessionExport and markdownToHtmlPieces); only what
// it cannot cut (a table's row, a heading) is longer. One this long is refused before Qt's layout tries it: a
// single block of a hundred thousand lines took it minutes, as each page drew every line of the block.
constexpr qsizetype pieceLimit = 1024 * 1024;

// Whether a chunk was laid out without its positions wrapping around: inside the range, every block
// within the document and every line of a block below the one before.
bool laidOutWhole(const QTextDocument& document)
{
    const QAbstractTextDocumentLayout* layout = document.documentLayout();
    const qreal height = layout->documentSize().height();
    if (!(height > 0 && height < layoutLimit) || document.pageCount() < 1) {
        return false;
    }
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QRectF box = layout->blockBoundingRect(block);
        if (box.top() < 0 || box.bottom() > height) {
            return false;
        }
        const QTextLayout* lines = block.layout();
        qreal above = 0;
        for (int i = 0; i < lines->lineCount(); ++i) {
            const qreal top = lines->lineAt(i).y();
            if (top < above) {
                return false;
            }
            above = top;
        }
    }
    return true;
}

// The HTML transcript typeset onto A4 pages as QTextDocument::print does (its 2 cm margins inside the
// printer's, the page number at the bottom right), a chunk at a time: memory holds one chunk's document
// while QPdfWriter writes each page out as it ends.
class Typesetter final : public SessionExport::PdfTypesetter
{
public:
    Typesetter(QIODevice& device, const QString& title, const QString& head)
        : m_writer(&device)
        , m_head(head)
    {
        m_writer.setPageSize(QPageSize(QPageSize::A4));
        m_writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        m_writer.setCreator(u"Chasm"_s);
        m_writer.setTitle(title);
    }

    std::optional<Error> start()
    {
        if (!m_painter.begin(&m_writer)) {
            return Error{u"cannot start the PDF"_s};
        }
        // As QTextDocument::print: the margins in the screen's pixels, which the layout scales to the printer.
        const QScreen* screen = QGuiApplication::primaryScreen();
        const qreal dpiX = screen ? qRound(screen->logicalDotsPerInchX()) : 100;
        const qreal dpiY = screen ? qRound(screen->logicalDotsPerInchY()) : 100;
        m_marginX = int((2 / 2.54) * dpiX);
        m_marginY = int((2 / 2.54) * dpiY);
        m_body = QRectF(0, 0, m_writer.width(), m_writer.height());
        m_pageNumberAt = QPointF(m_body.width() - m_marginX * m_writer.logicalDpiX() / dpiX,
                                 m_body.height() - m_marginY * m_writer.logicalDpiY() / dpiY +
                                     QFontMetrics(QFont(), &m_writer).ascent() + 5 * m_writer.logicalDpiY() / 72.0);
        return std::nullopt;
    }

    std::optional<Error> add(const QString& html, const QString& where) override
    {
        if (html.size() > pieceLimit) {
            return Error{where + u" is too long to typeset: %1 characters that cannot be cut into pages"_s.arg(
                                     QString::number(html.size()))};
        }
        m_pieces << html;
        m_where << where;
        m_length += html.size();
        if (m_length < chunkLength) {
            return std::nullopt;
        }
        return typesetPieces();
    }

    std::optional<Error> finish() override
    {
        if (auto error = typesetPieces()) {
            return error;
        }
        if (!m_painter.end()) {
            return Error{u"cannot end the PDF"_s};
        }
        return std::nullopt;
    }

private:
    std::optional<Error> typesetPieces()
    {
        auto error = m_pieces.isEmpty() ? std::nullopt : typeset(0, m_pieces.size());
        m_pieces.clear();
        m_where.clear();
        m_length = 0;
        return error;
    }

    // Pieces [from, to) as one document, or in halves when that comes out too tall.
    std::optional<Error> typeset(qsizetype from, qsizetype to)
    {
        QString html = m_head;
        for (qsizetype i = from; i < to; ++i) {
            html += m_pieces.at(i);
        }
        html += u"</body></html>"_s;
        QTextDocument document;
        document.documentLayout()->setPaintDevice(&m_writer);
        document.setHtml(html);
        html.clear();
        QTextFrameFormat frame = document.rootFrame()->frameFormat();
        frame.setLeftMargin(m_marginX);
        frame.setRightMargin(m_marginX);
        frame.setTopMargin(m_marginY);
        frame.setBottomMargin(m_marginY);
        document.rootFrame()->setFrameFormat(frame);
        document.setPageSize(m_body.size());
        if (!laidOutWhole(document)) {
            if (to - from == 1) {
                return Error{m_where.at(from) + u" is too long to typeset: its layout overflows"_s};
            }
            const qsizetype middle = from + (to - from) / 2;
            if (auto error = typeset(from, middle)) {
                return error;
            }
            return typeset(middle, to);
        }
        const int pages = document.pageCount();
        for (int page = 0; page < pages; ++page) {
            if (m_pages > 0 && !m_writer.newPage()) {
                return Error{u"cannot start page %1"_s.arg(m_pages + 1)};
            }
            printPage(document, page);
            ++m_pages;
        }
        return std::nullopt;
    }

    // Page `page` of a chunk as page m_pages + 1 of the PDF (QTextDocument::print's printPage).
    void printPage(const QTextDocument& document, int page)
    {
        m_painter.save();
        m_painter.translate(m_body.left(), m_body.top() - page * m_body.height());
        const QRectF view(0, page * m_body.height(), m_body.width(), m_body.height());
        m_painter.setClipRect(view);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = view;
        context.palette.setColor(QPalette::Text, Qt::black);
        document.documentLayout()->draw(&m_painter, context);
        m_painter.setClipping(false);
        m_painter.setFont(document.defaultFont());
        const QString number = QString::number(m_pages + 1);
        m_painter.drawText(qRound(m_pageNumberAt.x() - m_painter.fontMetrics().horizontalAdvance(number)),
                           qRound(m_pageNumberAt.y() + view.top()), number);
        m_painter.restore();
    }

    QPdfWriter m_writer;
    QPainter m_painter;
    QString m_head;
    QStringList m_pieces;
    QStringList m_where;
    qsizetype m_length = 0;
    int m_pages = 0;
    int m_marginX = 0;
    int m_marginY = 0;
    QRectF m_body;
    QPointF m_pageNumberAt;
};

} // namespace

SessionExport::PdfRenderer renderer()
{
    return [](QIODevice& device, const QString& title,
              const QString& head) -> Result<std::unique_ptr<SessionExport::PdfTypesetter>> {
        if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
            return Error{u"PDF export needs Qt's GUI module, which this program does not load"_s};
        }
        auto typesetter = std::make_unique<Typesetter>(device, title, head);
        if (auto error = typesetter->start()) {
            return *error;
        }
        return std::unique_ptr<SessionExport::PdfTypesetter>(std::move(typesetter));
    };
}

} // namespace chasm::pdf
