// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The insight reports at scale: how fast the secret scanner reads chat text, and how long the secret scan of a
// whole harvest database and the link report take.
//
//   bench_insight [--messages 100000] [--scan-mb 4]
//
// The text is generated (a Vocabulary seeded 42: prose, code blocks, tool calls with file contents as output);
// one message in 25 cites a URL out of a pool of 400, one in 500 holds a secret, one in 10 an assignment of a
// placeholder or a token that is no secret, so that the scanner's rules are tried as they would be on real chat.

#include "ops/SecretScanner.h"
#include "services/InsightService.h"
#include "store/HarvestStore.h"

#include "BenchOptions.h"
#include "Corpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using chasm::bench::option;
using chasm::bench::Vocabulary;

namespace {

QString randomToken(std::mt19937& random, int n)
{
    static const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString s;
    for (int i = 0; i < n; ++i) {
        s += alphabet.at(int(random() % quint32(alphabet.size())));
    }
    return s;
}

// Generated chat messages, the same for every run.
class ChatText
{
public:
    ChatText()
        : m_words(42)
    {}

    QString message()
    {
        std::mt19937& r = m_words.random();
        QString text = QString::fromStdString(m_words.prose(150 + r() % 1500));
        if (r() % 3 == 0) {
            text += u"\n```cpp\n"_s + QString::fromStdString(m_words.code(200 + r() % 1500)) + u"\n```\n"_s;
        }
        if (r() % 25 == 0) {
            text += u" see https://docs.example-%1.org/guide/%2#section (mirror)."_s.arg(r() % 40).arg(r() % 10);
        }
        if (r() % 10 == 0) {
            text += r() % 2 ? u"\npassword = \"changeme\"\nmax_tokens: 4096\n"_s
                            : u"\nconst token = getToken(); // api_key from ${API_KEY}\n"_s;
        }
        if (r() % 500 == 0) {
            text += u"\nexport GITHUB_TOKEN=ghp_"_s + randomToken(r, 36) + u'\n';
        }
        return text;
    }
    QString code() { return QString::fromStdString(m_words.code(500 + m_words.random()() % 4000)); }
    std::mt19937& random() { return m_words.random(); }

private:
    Vocabulary m_words;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int messages = option(args, u"--messages"_s, u"100000"_s).toInt();
    const double scanMb = option(args, u"--scan-mb"_s, u"4"_s).toDouble();
    ChatText chat;

    // The scanner alone, message by message as the secret report calls it.
    QStringList texts;
    qint64 bytes = 0;
    while (double(bytes) < scanMb * 1e6) {
        texts << chat.message();
        bytes += texts.constLast().toUtf8().size();
    }
    qint64 findings = 0;
    std::vector<double> rates;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer timer;
        timer.start();
        findings = 0;
        for (const QString& text : std::as_const(texts)) {
            findings += chasm::SecretScanner::scan(text).size();
        }
        rates.push_back(double(bytes) / 1e6 / (double(timer.nsecsElapsed()) / 1e9));
    }
    std::printf("scanner: %.1f MB in %lld messages, %lld findings: %.1f MB/s (median of 5)\n", double(bytes) / 1e6,
                qint64(texts.size()), findings, chasm::bench::median(rates));

    // A harvest database of `messages` messages in sessions of 50, written through the harvest's store.
    QTemporaryDir dir;
    auto db = chasm::Database::open(dir.filePath(u"harvest.db"_s));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    chasm::HarvestStore store(**db);
    QElapsedTimer timer;
    timer.start();
    const QDateTime start(QDate(2026, 1, 1), QTime(9, 0), QTimeZone::utc());
    qint64 toolCalls = 0;
    if (auto error = store.begin()) {
        std::fprintf(stderr, "%s\n", qPrintable(error->message));
        return 1;
    }
    for (int s = 0; s * 50 < messages; ++s) {
        chasm::Session session;
        session.provider = u"codex"_s;
        session.nativeId = u"bench-%1"_s.arg(s, 6, 10, QChar(u'0'));
        session.id = u"codex:"_s + session.nativeId;
        session.projectPath = u"/home/me/project-%1"_s.arg(s % 20);
        session.updatedAt = start.addSecs(qint64(s) * 3600);
        for (int m = 0; m < 50 && s * 50 + m < messages; ++m) {
            chasm::Message message;
            message.role = m % 2 ? chasm::Role::Assistant : chasm::Role::User;
            message.content = chat.message();
            message.timestamp = session.updatedAt.addSecs(m);
            if (m % 2 && chat.random()() % 2) {
                chasm::ToolCall call;
                call.name = u"Edit"_s;
                call.status = u"completed"_s;
                call.input = u"{\"file_path\": \"src/file%1.cpp\"}"_s.arg(chat.random()() % 200);
                call.output = chat.code();
                message.toolCalls << call;
                ++toolCalls;
            }
            session.messages << message;
        }
        chasm::SessionRef ref;
        ref.id = session.id;
        ref.provider = session.provider;
        ref.path = u"/x/"_s + session.nativeId;
        if (!store.store(ref, chasm::HarvestStore::prepare(session))) {
            std::fprintf(stderr, "cannot store %s\n", qPrintable(session.id));
            return 1;
        }
    }
    if (auto error = store.commit()) {
        std::fprintf(stderr, "%s\n", qPrintable(error->message));
        return 1;
    }
    std::printf("database: %d messages, %lld tool calls (written in %.1f s)\n", messages, toolCalls,
                double(timer.elapsed()) / 1000.0);

    timer.restart();
    const auto secrets = chasm::InsightService::secrets(**db, {}, 1000);
    if (!secrets) {
        std::fprintf(stderr, "%s\n", qPrintable(secrets.error().message));
        return 1;
    }
    std::printf("secrets: %lld messages and %lld tool calls scanned, %lld findings in %.2f s\n",
                secrets->messagesScanned, secrets->toolCallsScanned, qint64(secrets->findings.size()),
                double(timer.elapsed()) / 1000.0);

    for (const QString& project : {QString(), u"/home/me/project-3"_s}) {
        timer.restart();
        const auto links = chasm::InsightService::links(**db, project, 50);
        if (!links) {
            std::fprintf(stderr, "%s\n", qPrintable(links.error().message));
            return 1;
        }
        std::printf("links%s: %lld candidate messages, %lld distinct URLs in %.3f s\n",
                    project.isEmpty() ? "" : qPrintable(u" of "_s + project), links->messagesScanned, links->distinct,
                    double(timer.elapsed()) / 1000.0);
    }
    for (const QString& project : {QString(), u"/home/me/project-3"_s}) {
        timer.restart();
        const auto insight = chasm::InsightService::codeInsight(**db, project, 20);
        std::printf("code insight%s: %lld tool calls in %.3f s\n",
                    project.isEmpty() ? "" : qPrintable(u" of "_s + project), insight ? insight->toolCalls : -1,
                    double(timer.elapsed()) / 1000.0);
    }
    timer.restart();
    const auto recent = chasm::InsightService::recentWork(**db, 100000, 50);
    std::printf("recent work: %lld sessions in %.3f s\n", recent ? qint64(recent->sessions.size()) : -1,
                double(timer.elapsed()) / 1000.0);
    return 0;
}
