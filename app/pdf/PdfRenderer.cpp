#include "PdfRenderer.h"

#include "export/SessionExport.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace chasm::pdf {

void install()
{
    SessionExport::setPdfRenderer([](const QString& html) -> Result<QByteArray> {
        if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
            return Error{u"PDF export needs Qt's GUI module, which this program does not load"_s};
        }
        QTextDocument document;
        document.setHtml(html);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setCreator(u"Chasm"_s);
        writer.setTitle(document.metaInformation(QTextDocument::DocumentTitle));
        document.print(&writer);
        return buffer.data();
    });
}

} // namespace chasm::pdf
