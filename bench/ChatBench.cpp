// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// A chat's costs (chasm run, Continue with…): how long after a streamed piece leaves the model server it reaches
// the caller (what the terminal prints), with and without the recording, and what recording a piece costs the
// thread that streams (its hand-over) and the writer (the commits). The model server is a small SSE server of the
// benchmark's own on 127.0.0.1 (OpenAI's chat completions) that writes in each piece the time it was sent.
//
// bench_chat [--pieces N = 500] [--gap-ms G = 4] [--runs R = 5]

#include "BenchOptions.h"
#include "llm/NetworkModelClient.h"
#include "services/ChatService.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// Answers every request with `pieces` SSE chunks of OpenAI's stream, `gap` apart, each holding "<ns> " (its send
// time), then [DONE].
class StampingServer : public QThread
{
public:
    StampingServer(int pieces, std::chrono::milliseconds gap)
        : m_pieces(pieces)
        , m_gap(gap)
    {}
    quint16 port() const { return m_port.load(); }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        m_port = server.serverPort();
        while (!isInterruptionRequested()) {
            if (!server.waitForNewConnection(50)) {
                continue;
            }
            QTcpSocket* socket = server.nextPendingConnection();
            serve(*socket);
            delete socket;
        }
    }

private:
    void serve(QTcpSocket& socket)
    {
        QByteArray request;
        while (!request.contains("\r\n\r\n") && socket.waitForReadyRead(2000)) {
            request += socket.readAll();
        }
        const qsizetype headerEnd = request.indexOf("\r\n\r\n") + 4;
        const qsizetype lengthAt = request.toLower().indexOf("content-length:");
        const qsizetype length =
            lengthAt < 0
                ? 0
                : request.mid(lengthAt + 15, request.indexOf("\r\n", lengthAt) - lengthAt - 15).trimmed().toLongLong();
        while (request.size() - headerEnd < length && socket.waitForReadyRead(2000)) {
            request += socket.readAll();
        }
        socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
        socket.flush();
        for (int i = 0; i < m_pieces; ++i) {
            std::this_thread::sleep_for(m_gap);
            const QByteArray stamp = QByteArray::number(nowNs()) + ' ';
            socket.write("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + stamp + "\"}}]}\n\n");
            socket.flush();
            socket.waitForBytesWritten(1000);
        }
        socket.write("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        socket.flush();
        socket.waitForBytesWritten(1000);
        socket.disconnectFromHost();
        if (socket.state() != QAbstractSocket::UnconnectedState) {
            socket.waitForDisconnected(1000);
        }
    }

    int m_pieces;
    std::chrono::milliseconds m_gap;
    std::atomic<quint16> m_port{0};
};

// The delay of each piece, from sent to handed to `onText`, in milliseconds.
std::vector<double> delays(const QString& text, const std::vector<qint64>& arrivals)
{
    std::vector<double> result;
    const QStringList stamps = text.split(u' ', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < stamps.size() && std::size_t(i) < arrivals.size(); ++i) {
        result.push_back(double(arrivals[std::size_t(i)] - stamps[i].toLongLong()) / 1e6);
    }
    return result;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int pieces = chasm::bench::option(arguments, u"--pieces"_s, u"500"_s).toInt();
    const int gapMs = chasm::bench::option(arguments, u"--gap-ms"_s, u"4"_s).toInt();
    const int runs = chasm::bench::option(arguments, u"--runs"_s, u"5"_s).toInt();

    StampingServer server(pieces, std::chrono::milliseconds(gapMs));
    server.start();
    while (server.port() == 0) {
        QThread::msleep(5);
    }
    chasm::ModelEndpoint endpoint;
    endpoint.provider = u"bench"_s;
    endpoint.api = chasm::ModelApi::OpenAi;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/v1"_s.arg(server.port()));
    auto client = chasm::networkModelLibrary().open(endpoint);
    chasm::ChatRequest request;
    request.model = u"bench"_s;
    request.turns = {{u"user"_s, u"go"_s}};

    std::printf("machine: %d cores; %d pieces %d ms apart, %d runs (medians of the runs)\n",
                QThread::idealThreadCount(), pieces, gapMs, runs);
    std::vector<double> bareP50, bareP99, recordedP50, recordedP99, handOver, commitAfter;
    QTemporaryDir folder;
    for (int run = 0; run < runs; ++run) {
        // The client alone: what the network and the stream's parsing cost.
        std::vector<qint64> arrivals;
        QString text;
        auto answer = client->chat(request, [&](QStringView piece) {
            arrivals.push_back(nowNs());
            text += piece;
        });
        if (!answer) {
            std::fprintf(stderr, "bench_chat: %s\n", qPrintable(answer.error().message));
            return 1;
        }
        const auto bare = delays(text, arrivals);
        bareP50.push_back(chasm::bench::median(bare));
        bareP99.push_back(chasm::bench::percentile(bare, 0.99));

        // Through ChatService: each piece also handed to the recording; the hand-over timed around it.
        chasm::ChatService chat(folder.filePath(u"chat-%1.db"_s.arg(run)));
        chasm::ChatService::Options options;
        options.provider = u"bench"_s;
        options.model = u"bench"_s;
        chat.start(options);
        arrivals.clear();
        text.clear();
        auto recorded = chat.ask(*client, u"go"_s, [&](QStringView piece) {
            arrivals.push_back(nowNs());
            text += piece;
        });
        if (!recorded) {
            std::fprintf(stderr, "bench_chat: %s\n", qPrintable(recorded.error().message));
            return 1;
        }
        QElapsedTimer flushing;
        flushing.start();
        if (auto error = chat.flush()) {
            std::fprintf(stderr, "bench_chat: %s\n", qPrintable(error->message));
            return 1;
        }
        commitAfter.push_back(double(flushing.nsecsElapsed()) / 1e6);
        const auto through = delays(text, arrivals);
        recordedP50.push_back(chasm::bench::median(through));
        recordedP99.push_back(chasm::bench::percentile(through, 0.99));
        // Per piece: the hand-over to the recording (1000 events timed on their own).
        chasm::RecordingService recording(folder.filePath(u"handover-%1.db"_s.arg(run)), u"chasm"_s);
        QElapsedTimer handing;
        handing.start();
        for (int i = 1; i <= 1000; ++i) {
            chasm::RecordingEvent event;
            event.type = i == 1 ? u"message_add"_s : u"message_append"_s;
            event.sessionId = u"bench"_s;
            event.seq = i;
            event.role = u"assistant"_s;
            event.messageId = u"m1"_s;
            event.content = u"piece "_s;
            event.timestamp = QDateTime::currentDateTimeUtc();
            recording.record({event}, [](const chasm::RecordingService::Outcome&) {});
        }
        handOver.push_back(double(handing.nsecsElapsed()) / 1e6 / 1000.0);
    }
    server.requestInterruption();
    server.wait();
    std::printf("piece sent -> handed to the caller, client alone:     p50 %.3f ms, p99 %.3f ms\n",
                chasm::bench::median(bareP50), chasm::bench::median(bareP99));
    std::printf("piece sent -> handed to the caller, through the chat: p50 %.3f ms, p99 %.3f ms\n",
                chasm::bench::median(recordedP50), chasm::bench::median(recordedP99));
    std::printf("recording a piece, the streaming thread's hand-over:   %.4f ms\n", chasm::bench::median(handOver));
    std::printf("everything committed, after the answer's last piece:   %.2f ms\n", chasm::bench::median(commitAfter));
    return 0;
}
