// Lists a generated HOME holding 10 000 sessions of three tools side by side (VS Code .jsonl logs,
// Claude Code transcripts, Codex rollouts) and reports the first listing and the repeated ones, which
// read only what changed.
//
//   bench_list_sessions [--sessions 10000] [--runs 5] [--dir DIR]

#include "providers/SessionCatalog.h"

#include "BenchOptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void write(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        std::exit(1);
    }
}

QByteArray id(int n)
{
    return QByteArray::number(n).rightJustified(8, '0') + "-0000-4000-8000-000000000000";
}

// A short but real conversation in each format: a few turns, a tool call.
void generate(const QString& home, int count)
{
    const int perTool = count / 3;
    for (int n = 0; n < count; ++n) {
        const QByteArray sid = id(n);
        const QByteArray text = "Question " + QByteArray::number(n) + " about the build and the failing tests";
        if (n < perTool) {
            const QString workspace = home + u"/.config/Code/User/workspaceStorage/ws%1"_s.arg(n % 100);
            if (n < 100) {
                write(workspace + u"/workspace.json"_s,
                      "{\"folder\":\"file:///home/me/p" + QByteArray::number(n) + "\"}");
            }
            write(workspace + u"/chatSessions/"_s + QString::fromLatin1(sid) + u".jsonl"_s,
                  "{\"kind\":0,\"v\":{\"version\":3,\"creationDate\":1767225600000,\"sessionId\":\"" + sid +
                      "\",\"requests\":[]}}\n{\"kind\":2,\"k\":[\"requests\"],\"v\":[{\"requestId\":\"r1\","
                      "\"timestamp\":1767225660000,\"message\":{\"text\":\"" +
                      text +
                      "\"},\"response\":[{\"value\":\"Run the tests with --verbose.\"}],\"modelId\":\"gpt-4o\"}]}\n");
        } else if (n < 2 * perTool) {
            const QByteArray line =
                "{\"type\":\"user\",\"uuid\":\"u" + QByteArray::number(n) + "\",\"sessionId\":\"" + sid +
                "\",\"cwd\":\"/home/me/p" + QByteArray::number(n % 100) +
                "\",\"timestamp\":\"2026-01-01T10:00:00.000Z\"," + "\"message\":{\"role\":\"user\",\"content\":\"" +
                text + "\"}}\n" + "{\"type\":\"assistant\",\"uuid\":\"a" + QByteArray::number(n) +
                "\",\"sessionId\":\"" + sid +
                "\",\"timestamp\":\"2026-01-01T10:00:05.000Z\",\"message\":{\"id\":\"m\",\"role\":\"assistant\","
                "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}}\n";
            write(home + u"/.claude/projects/-home-me-p%1/"_s.arg(n % 100) + QString::fromLatin1(sid) + u".jsonl"_s,
                  line);
        } else {
            const QByteArray lines =
                "{\"timestamp\":\"2026-01-01T10:00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + sid +
                "\",\"cwd\":\"/home/me/p1\"}}\n" +
                "{\"timestamp\":\"2026-01-01T10:00:01.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
                "\"message\","
                "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" +
                text + "\"}]}}\n" +
                "{\"timestamp\":\"2026-01-01T10:00:02.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
                "\"function_call\","
                "\"name\":\"shell\",\"arguments\":\"{}\",\"call_id\":\"c\"}}\n";
            write(
                home +
                    u"/.codex/sessions/2026/01/%1/rollout-2026-01-01T10-00-00-"_s.arg(n % 28 + 1, 2, 10, QChar(u'0')) +
                    QString::fromLatin1(sid) + u".jsonl"_s,
                lines);
        }
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&args](const QString& name, const QString& fallback) {
        return chasm::bench::option(args, name, fallback);
    };
    const int count = option(u"--sessions"_s, u"10000"_s).toInt();
    const int runs = std::max(1, option(u"--runs"_s, u"5"_s).toInt());
    QTemporaryDir home(option(u"--dir"_s, QDir::tempPath()) + u"/chasm-list-XXXXXX"_s);
    generate(home.path(), count);

    chasm::SessionCatalog catalog(
        chasm::Environment::fromVariables({{u"HOME"_s, home.path()}}, chasm::Platform::Linux));
    const auto providers = catalog.providers().value();
    QElapsedTimer timer;
    timer.start();
    qsizetype listed = catalog.sessions(providers, catalog.workspaces(providers)).size();
    const double first = double(timer.nsecsElapsed()) / 1e9;
    std::vector<double> again;
    for (int run = 0; run < runs; ++run) {
        timer.restart();
        listed = catalog.sessions(providers, catalog.workspaces(providers)).size();
        again.push_back(double(timer.nsecsElapsed()) / 1e9);
    }
    std::printf("%lld sessions listed (VS Code, Claude Code, Codex side by side)\n", static_cast<long long>(listed));
    std::printf("  first listing:            %.3f s\n", first);
    std::printf("  listing again, unchanged: median %.3f s over %d runs\n", chasm::bench::median(again), runs);
    return listed == count ? 0 : 1;
}
