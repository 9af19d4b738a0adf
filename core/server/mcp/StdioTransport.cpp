// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "StdioTransport.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <mutex>

#ifdef Q_OS_WIN
#include <fcntl.h>
#include <io.h>
#define read _read
#else
#include <unistd.h>
#endif

namespace chasm::mcp {

namespace {

// A line longer than this is not read whole: it is answered with a parse error, and skipped.
constexpr qsizetype maxLine = 64 * 1024 * 1024;

} // namespace

int serveStdio(McpServer& server, std::FILE* in, std::FILE* out)
{
#ifdef Q_OS_WIN
    // Lines end in "\n" alone, as the protocol says, and bytes pass as they are.
    _setmode(_fileno(in), _O_BINARY);
    _setmode(_fileno(out), _O_BINARY);
#endif
    std::mutex writing;
    const McpSession::Send write = [&writing, out](std::string message) {
        message += '\n';
        const std::lock_guard lock(writing);
        std::fwrite(message.data(), 1, message.size(), out);
        std::fflush(out);
    };
    McpSession session(server, write);
    const McpSession::Exchange exchange{write, [] {}};

    QByteArray line;
    bool tooLong = false;
    char buffer[64 * 1024];
    const auto deliver = [&] {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (tooLong) {
            write(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: a message longer )"
                  R"(than 64 MiB was skipped"}})");
        } else if (!line.trimmed().isEmpty()) {
            session.receive(line, exchange);
        }
        line.clear();
        tooLong = false;
    };
    bool failed = false;
    for (;;) {
        // What is there, not a full buffer (as fread would wait for): a message is answered as soon as it arrives.
        const auto got = ::read(fileno(in), buffer, sizeof buffer);
        if (got <= 0) {
            failed = got < 0 && errno != EINTR;
            if (got < 0 && errno == EINTR) {
                continue;
            }
            break;
        }
        const char* start = buffer;
        const char* const end = buffer + got;
        while (start < end) {
            const char* newline = static_cast<const char*>(std::memchr(start, '\n', std::size_t(end - start)));
            const char* stop = newline ? newline : end;
            if (!tooLong && line.size() + (stop - start) <= maxLine) {
                line.append(start, stop - start);
            } else {
                tooLong = true;
                line.clear();
            }
            if (newline) {
                deliver();
            }
            start = newline ? newline + 1 : end;
        }
    }
    if (!line.isEmpty() || tooLong) {
        deliver(); // a last message without its line break
    }
    session.finish(); // what was asked before the end of input is still answered
    return failed ? 1 : 0;
}

} // namespace chasm::mcp
