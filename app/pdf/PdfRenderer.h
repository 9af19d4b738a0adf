#pragma once

namespace chasm::pdf {

// Installs the PDF renderer into SessionExport. Typesetting needs a QGuiApplication (fonts); without
// one, a PDF export fails with a clear error instead.
void install();

} // namespace chasm::pdf
