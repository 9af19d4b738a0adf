// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include "model/Session.h"
#include "model/SessionSink.h"
#include "util/Result.h"

#include <QIODevice>

#include <functional>
#include <memory>

namespace chasm {

class ExportFile;

// Sessions out of Chasm as files: the universal session JSON, JSON Lines (one message per line), a
// Markdown or HTML transcript, CSV (one row per message) or PDF (the HTML transcript, typeset). Into a
// directory, one file per session named "<date>-<title slug>-<short id>.<ext>"; or into one file when
// the destination ends with the format's extension. Nothing is ever overwritten and no link is written
// through: names in a directory get "-2", "-3", ...; an existing single destination (a link too) is
// refused. Every file is written whole or not at all (see ExportFile). The transcript formats show
// control characters as U+FFFD (see ControlCharacters.h); json and jsonl keep them, escaped.
class SessionExport
{
public:
    enum class Format
    {
        Json,
        Jsonl,
        Markdown,
        Csv,
        Html,
        Pdf,
    };
    static std::optional<Format> formatNamed(const QString& name);
    static QString extension(Format format);
    // The format names, as formatNamed takes them: "json, jsonl, md, csv, html or pdf".
    static QString formatNames();
    // A tool's name for people, as the HTML and PDF transcripts and the GUI show it: its provider's
    // display name without the editors it lists ("GitHub Copilot Chat (VS Code, …)" is "GitHub
    // Copilot"); the id as it is for a provider Chasm does not know.
    static QString toolName(const QString& provider);

    // One session in a format, as a document of its own.
    static Result<QByteArray> render(const Session& session, Format format);
    // The Markdown transcript, control characters shown as U+FFFD.
    static QString markdown(const Session& session);
    // The session's part of an HTML transcript (its <article>), control characters as they are.
    static QString html(const Session& session);
    static QString fileName(const Session& session, Format format);

    // The way back in: the sessions of a file written in the json format (one session, or the list
    // that export writes into one file). Fails, naming the file, on anything else.
    static Result<QList<Session>> readJson(const QString& path);
    // Whether a file starts the way the json format does ({"id":…,"native_id":… or a list of those,
    // white space aside): told apart from a tool's own session file without reading all of it.
    static bool isJsonExport(const QString& path);

    // PDF is typeset from the HTML by Qt's GUI module, which the core does not use: the programs that
    // link it install the renderer (see pdf/PdfRenderer.h). Without one, PDF export is an error.
    // The HTML comes a piece at a time (a message, or part of a long one), so that memory holds a
    // part of the transcript, never all of it; the PDF is written to the device as it is typeset.
    class PdfTypesetter
    {
    public:
        virtual ~PdfTypesetter() = default;
        // A piece of the transcript's body, ending between elements; `where` names it in errors
        // ("message 12 of claude-code:abc").
        virtual std::optional<Error> add(const QString& html, const QString& where) = 0;
        // Typesets what is left and ends the PDF. An error when any part could not be typeset whole.
        virtual std::optional<Error> finish() = 0;
    };
    // Starts a PDF on an open device; `head` is the HTML document's start, up to its body.
    using PdfRenderer = std::function<Result<std::unique_ptr<PdfTypesetter>>(QIODevice& device, const QString& title,
                                                                             const QString& head)>;
    static void setPdfRenderer(PdfRenderer renderer);

    static Result<std::unique_ptr<SessionExport>> open(const QString& destination, Format format);
    ~SessionExport();
    Q_DISABLE_COPY_MOVE(SessionExport)

    std::optional<Error> add(const Session& session);
    // One session, written as it is read (see SessionSink), as add() writes it: a session of any size in bounded
    // memory. The sink lives no longer than this export; a session that fails halfway leaves nothing in a folder
    // (in one file, it leaves the file unfit to finish).
    std::unique_ptr<SessionSink> session();
    // The files written.
    Result<QStringList> finish();

private:
    class Writer;
    class Part;
    SessionExport(const QString& destination, Format format);
    // The title of one HTML or PDF file of sessions: the file's name, which the user chose (the head is
    // written before the sessions are known).
    QString singleTitle() const;

    QString m_destination;
    Format m_format;
    std::unique_ptr<ExportFile> m_single; // set when writing into one file
    std::unique_ptr<PdfTypesetter> m_pdf; // a single PDF file: written into m_single, so ended first
    int m_count = 0;
    QStringList m_written;
};

} // namespace chasm
