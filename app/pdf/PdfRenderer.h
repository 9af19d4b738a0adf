// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "export/SessionExport.h"

namespace chasm::pdf {

// The PDF renderer for SessionExport. Typesetting needs a QGuiApplication (fonts); without one, a PDF
// export fails with a clear error instead.
SessionExport::PdfRenderer renderer();

// Installs the renderer into SessionExport, for the programs that link this library.
inline void install()
{
    SessionExport::setPdfRenderer(renderer());
}

} // namespace chasm::pdf
