// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Does the porter stemmer find enough more to be worth it? Indexes the same messages twice, with the
// harvest's tokenizer (unicode61 remove_diacritics 2) and with porter on top of it, then searches both
// for words people look for in their chat history and reports, per word, how many messages each finds
// and which word forms porter matched (read from its highlights), plus build time and index size.
//
//   bench_tokenizer --db HARVEST.db [--words fix,test,...]   (the messages of a real harvest)
//   bench_tokenizer --text DIR [--words ...]                   (paragraphs of the text files in DIR)
//
// Generated corpora are no use here: their made-up words have no endings to conflate.

#include "BenchOptions.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using chasm::bench::option;

namespace {

QStringList messagesOf(const QString& dbPath)
{
    QStringList texts;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"source"_s);
    db.setDatabaseName(dbPath);
    db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
    if (db.open()) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.exec(u"SELECT content FROM messages_v2 WHERE content <> ''"_s);
        while (q.next()) {
            texts << q.value(0).toString();
        }
    }
    return texts;
}

QStringList paragraphsOf(const QString& folder)
{
    QStringList texts;
    static const QRegularExpression blank(u"\\n\\s*\\n"_s);
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QString text = QString::fromUtf8(file.readAll());
        for (const QString& paragraph : text.split(blank, Qt::SkipEmptyParts)) {
            if (paragraph.trimmed().size() > 20) {
                texts << paragraph;
            }
        }
    }
    return texts;
}

struct Index
{
    QString name;
    double seconds = 0;
    qint64 bytes = 0;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString dbPath = option(args, u"--db"_s, QString());
    const QString textDir = option(args, u"--text"_s, QString());
    const QStringList words =
        option(args, u"--words"_s,
               u"fix,test,build,error,crash,fail,deploy,install,run,update,merge,commit,query,cache,parse,"
               "connect,timeout,depend,migrate,config,log,render,refactor,import,handle,request,load,debug,"
               "compile,warn"_s)
            .split(u',', Qt::SkipEmptyParts);
    if (dbPath.isEmpty() == textDir.isEmpty()) {
        std::fprintf(stderr, "usage: bench_tokenizer --db HARVEST.db | --text DIR [--words a,b,...]\n");
        return 2;
    }
    const QStringList texts = dbPath.isEmpty() ? paragraphsOf(textDir) : messagesOf(dbPath);
    if (texts.isEmpty()) {
        std::fprintf(stderr, "no text found in %s\n", qPrintable(dbPath.isEmpty() ? textDir : dbPath));
        return 1;
    }
    qint64 chars = 0;
    for (const QString& text : texts) {
        chars += text.size();
    }
    std::printf("%lld messages, %.1f M characters\n", qint64(texts.size()), double(chars) / 1e6);

    QTemporaryDir temporary;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tokenizers"_s);
    db.setDatabaseName(temporary.filePath(u"t.db"_s));
    db.open();
    QSqlQuery q(db);
    QList<Index> indexes{{u"unicode61"_s}, {u"porter"_s}};
    const QStringList tokenizers{u"unicode61 remove_diacritics 2"_s, u"porter unicode61 remove_diacritics 2"_s};
    for (int i = 0; i < indexes.size(); ++i) {
        const QString table = indexes[i].name;
        if (!q.exec(u"CREATE VIRTUAL TABLE %1 USING fts5(content, tokenize='%2')"_s.arg(table, tokenizers[i]))) {
            std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        db.transaction();
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO %1 (content) VALUES (?)"_s.arg(table));
        for (const QString& text : texts) {
            insert.bindValue(0, text);
            insert.exec();
        }
        db.commit();
        indexes[i].seconds = double(timer.elapsed()) / 1000.0;
        q.exec(u"SELECT sum(length(block)) FROM %1_data"_s.arg(table));
        indexes[i].bytes = q.next() ? q.value(0).toLongLong() : 0;
    }

    static const QRegularExpression marked(u"\\x02([^\\x03]*)\\x03"_s);
    qint64 totalPlain = 0;
    qint64 totalPorter = 0;
    std::printf("%-10s %10s %10s %7s  porter matched\n", "word", "unicode61", "porter", "gain");
    for (const QString& word : words) {
        const QString match = u'"' + word + u'"';
        qint64 counts[2] = {0, 0};
        for (int i = 0; i < 2; ++i) {
            q.prepare(u"SELECT count(*) FROM %1 WHERE %1 MATCH ?"_s.arg(indexes[i].name));
            q.addBindValue(match);
            counts[i] = q.exec() && q.next() ? q.value(0).toLongLong() : -1;
        }
        // The forms porter took for this word, from the marks of (at most 2000 of) its matches.
        QHash<QString, int> forms;
        q.prepare(u"SELECT highlight(porter, 0, char(2), char(3)) FROM porter WHERE porter MATCH ? LIMIT 2000"_s);
        q.addBindValue(match);
        q.exec();
        while (q.next()) {
            const QString text = q.value(0).toString();
            for (auto m = marked.globalMatch(text); m.hasNext();) {
                ++forms[m.next().captured(1).toLower()];
            }
        }
        QList<std::pair<int, QString>> ranked;
        for (auto it = forms.cbegin(); it != forms.cend(); ++it) {
            ranked.append({it.value(), it.key()});
        }
        std::sort(ranked.begin(), ranked.end(), std::greater<>());
        QStringList shown;
        for (qsizetype i = 0; i < std::min<qsizetype>(6, ranked.size()); ++i) {
            shown << u"%1 %2"_s.arg(ranked[i].second).arg(ranked[i].first);
        }
        const double gain = counts[0] > 0 ? 100.0 * double(counts[1] - counts[0]) / double(counts[0]) : 0;
        std::printf("%-10s %10lld %10lld %6.0f%%  %s\n", qPrintable(word), counts[0], counts[1], gain,
                    qPrintable(shown.join(u", "_s)));
        totalPlain += counts[0];
        totalPorter += counts[1];
    }
    std::printf("all words: unicode61 %lld, porter %lld matches (%+.0f%%)\n", totalPlain, totalPorter,
                totalPlain > 0 ? 100.0 * double(totalPorter - totalPlain) / double(totalPlain) : 0);
    for (const Index& index : std::as_const(indexes)) {
        std::printf("%-10s build %.2f s, index %.1f MB\n", qPrintable(index.name), index.seconds,
                    double(index.bytes) / 1e6);
    }
    return 0;
}
