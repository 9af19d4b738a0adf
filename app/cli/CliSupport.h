// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

// What the command implementations share: the output streams, errors, and table and JSON helpers.

#include "TextTable.h"
#include "export/ControlCharacters.h"
#include "services/HarvestDatabaseService.h"
#include "llm/ModelClient.h"
#include "util/GitRepository.h"
#include "util/HttpRequest.h"
#include "util/ProgramModule.h"
#include "providers/Provider.h"
#include "util/Result.h"
#include "util/StopSignals.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace chasm::http {
struct HttpClientPlugin;
} // namespace chasm::http

namespace chasm::cli {

// A failure the command reports on stderr; exit code 1.
struct CommandError
{
    QString message;
};

struct Output
{
    std::ostream& out;
    std::ostream& err;
    bool json = false;
    // Colour on stdout and on stderr (--color, NO_COLOR, a terminal, TERM; never with --json on stdout); a progress
    // bar on stderr (a terminal).
    bool colour = false;
    bool errColour = false;
    bool progress = false;
    // The display width tables fit in: a terminal's; 0 (a pipe, a file) cuts nothing.
    int width = 0;
    // The exit status of a command that finished but did not do all it was asked: 3 (see README).
    int status = 0;

    // A line of text, control characters shown as U+FFFD: text from session files never drives the terminal. Written
    // whole, as every line on stdout is, so that a line on stderr never lands inside it.
    void line(const QString& text = {}) const { out << QString(withoutControlCharacters(text) + u'\n').toStdString(); }
    // A line whose escape sequences are Chasm's own (colours): every part from a file already shown through
    // withoutControlCharacters.
    void styledLine(const QString& text) const { out << QString(text + u'\n').toStdString(); }
    void print(const boost::json::value& value) const { out << boost::json::serialize(value) + '\n'; }
    // A table, all of it at once, fitted to `width`, its header bold in colour.
    void table(const TextTable& table) const { out << table.render(width, colour).toStdString(); }
    // "warning: TEXT" on stderr, once what stdout holds is out (so the warning comes after whole lines).
    void warn(const QString& text) const;
    // A line on stderr after flushing stdout, in `style` (an SGR code such as "31") when stderr has colour.
    void errLine(const QString& text, const char* style = nullptr) const;
};

// Tells of a database migration that takes a while on stderr, before it starts.
std::function<void(const QString&)> noticeOn(const Output& o);

template<typename T>
T take(Result<T> result)
{
    if (!result) {
        throw CommandError{result.error().message};
    }
    return std::move(result).value();
}

QString q(const std::string& s);

QString shortTime(const QDateTime& time);

QString humanSize(qint64 bytes);
// What a push into a team database sent: "N new, M updated, K unchanged (X messages)" (harvest push, harvest run).
QString pushedCounts(const PostgresPush::Report& report);

// Tool input and output can be megabytes; the table view shows the start and says what it left out.
QString clipped(const QString& text);

// The shortest prefix of each session's id (at least 8 characters of its native id) that no other
// listed session shares, so that every id the table shows can be typed back. Sorted neighbours share
// the longest prefixes, so comparing with them suffices.
QHash<QString, QString> shortIds(const QList<SessionRef>& sessions);

// A one-line progress bar for long runs on a terminal's stderr: sessions, megabytes and the time left,
// redrawn at most ten times a second. Cleared, it erases its line once and starts over when shown again.
class ProgressBar
{
public:
    explicit ProgressBar(std::ostream& err);

    void show(const Harvester::Progress& p);
    void clear();

private:
    std::ostream& m_err;
    QElapsedTimer m_lastDraw, m_started;
    bool m_drawn = false;
    bool m_byBytes = false; // m_started counts from when the sizes were known
};

// What --after and --before take: a date, YYYY-MM-DD (that day's start, or its end for `endOfDay`, in UTC), or an
// ISO 8601 date and time, YYYY-MM-DDTHH:MM[:SS[.sss]][Z|±HH:MM] (local time without an offset); nothing else, not
// even text after them.
std::optional<QDateTime> readDate(const std::string& text, bool endOfDay);
// What a date option expects, for the text it was given instead.
std::string dateExpected(const std::string& text);
// readDate, or a usage error naming the option and the text.
QDateTime parseDate(const std::string& text, const char* option, bool endOfDay);

boost::json::array jsonArray(const auto& items, auto shape)
{
    boost::json::array array;
    for (const auto& item : items) {
        array.emplace_back(shape(item));
    }
    return array;
}

void sortNewestFirst(QList<SessionRef>& sessions);

void printSessionTable(const Output& o, const QList<SessionRef>& sessions, bool withSize);

void printWorkspaceTable(const Output& o, const QList<Workspace>& workspaces);

// libgit2, which the chasm-git module brings (see util/GitRepository.h); an error when it does not load.
const GitLibrary& gitLibrary();
// The model clients, which the chasm-llm module brings with QtNetwork and TLS (see llm/ModelClient.h); an error
// saying why when it does not load.
Result<const ModelLibrary*> modelLibrary();

// The HTTP clients, which the chasm-http module brings with QtNetwork (see http/HttpClientPlugin.h); a CommandError
// saying why when it does not load.
const http::HttpClientPlugin& httpClients();

// The bearer token HTTP clients of a server must bring (mcp serve --http, api serve): the file's content without
// its surrounding white space, or $CHASM_API_TOKEN; empty when neither is given.
QByteArray serverToken(const std::string& tokenFile, const Environment& environment);

} // namespace chasm::cli
