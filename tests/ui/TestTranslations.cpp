// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Chasm's translations are complete: every string of ui/ reads German and Simplified Chinese, every plural reads
// English, each with the placeholders, tags and accelerator of its source, and the app's resources carry them.
#include <QFile>
#include <QHash>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// A message of a .ts file: its translation, or its plural forms.
struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool finished = false;
    QStringList forms;
};

// The messages of a .ts file, or an error when it cannot be read.
QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot open %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) {
            continue;
        }
        if (xml.name() == u"name"_s) {
            context = xml.readElementText();
        } else if (xml.name() == u"message"_s) {
            Message message{context, {}, {}, xml.attributes().value(u"numerus"_s) == u"yes"_s, false, {}};
            while (xml.readNextStartElement()) {
                if (xml.name() == u"source"_s) {
                    message.source = xml.readElementText();
                } else if (xml.name() == u"comment"_s) {
                    message.comment = xml.readElementText();
                } else if (xml.name() == u"translation"_s) {
                    // "unfinished", or "vanished"/"obsolete" for a message the sources no longer hold.
                    message.finished = !xml.attributes().hasAttribute(u"type"_s);
                    if (message.numerus) {
                        while (xml.readNextStartElement()) {
                            message.forms << xml.readElementText();
                        }
                    } else {
                        message.forms << xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << message;
        }
    }
    if (xml.hasError()) {
        *error = u"%1, line %2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    }
    return messages;
}

// The languages and how many plural forms each has (German and English: one and many; Chinese: one).
const QList<std::pair<QString, int>> languages{{u"de"_s, 2}, {u"zh_CN"_s, 1}, {u"en"_s, 2}};

QString tsFile(const QString& language)
{
    return QStringLiteral(CHASM_SOURCE_DIR "/translations/chasm_") + language + u".ts"_s;
}

// Whether a message must be translated: all of German and Chinese, only the plurals of English.
bool mustBeTranslated(const QString& language, const Message& message)
{
    return language != u"en"_s || message.numerus;
}

// The messages of a language that are untranslated or have an empty translation, one line each.
QStringList missing(const QString& language, const QList<Message>& messages)
{
    QStringList lines;
    for (const Message& message : messages) {
        const bool empty = message.forms.isEmpty() || message.forms.contains(QString());
        if (mustBeTranslated(language, message) && (!message.finished || empty)) {
            QString source = message.source;
            source.replace(u'\n', u"\\n"_s);
            lines << message.context + u": "_s + (source.size() > 100 ? source.left(100) + u'…' : source);
        }
    }
    return lines;
}

// Fails, listing the messages, when any is left untranslated.
bool reportMissing(const QStringList& untranslated, const QString& what)
{
    if (untranslated.isEmpty()) {
        return true;
    }
    qWarning().noquote() << what + u":\n  "_s + untranslated.join(u"\n  "_s);
    return false;
}

// What of a text a translation keeps: its placeholders (%1…%9, %n), HTML tags and accelerator (&x, not &&).
QStringList markup(const QString& text)
{
    // "&&" is a literal ampersand, "& " none.
    static const QRegularExpression pattern(uR"(%[1-9n]|</?[A-Za-z][^>]*>|&&|&(?=\S))"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QString match = it.next().captured();
        if (match != u"&&"_s) {
            found << match;
        }
    }
    found.sort();
    found.removeDuplicates();
    return found;
}

QLocale localeOf(const QString& language)
{
    if (language == u"de"_s) {
        return QLocale(QLocale::German, QLocale::Germany);
    }
    if (language == u"zh_CN"_s) {
        return QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    }
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

void addLanguages()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("forms");
    for (const auto& [language, forms] : languages) {
        QTest::newRow(qPrintable(language)) << language << forms;
    }
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        for (const auto& entry : languages) {
            const QString& language = entry.first;
            QString error;
            m_messages.insert(language, readTs(tsFile(language), &error));
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY(!m_messages.value(language).isEmpty());
        }
    }

    void everyMessageTranslated_data() { addLanguages(); }

    void everyMessageTranslated()
    {
        QFETCH(QString, language);
        const QList<Message> messages = m_messages.value(language);
        const QStringList untranslated = missing(language, messages);
        QVERIFY2(
            reportMissing(untranslated, u"not translated in "_s + tsFile(language)),
            qPrintable(
                u"%1 message(s) not translated in %2, listed above"_s.arg(untranslated.size()).arg(tsFile(language))));
    }

    void pluralsHaveTheirForms_data() { addLanguages(); }

    void pluralsHaveTheirForms()
    {
        QFETCH(QString, language);
        QFETCH(int, forms);
        const QList<Message> messages = m_messages.value(language);
        int plurals = 0;
        for (const Message& message : messages) {
            if (!message.numerus) {
                continue;
            }
            ++plurals;
            QVERIFY2(message.forms.size() == forms && !message.forms.contains(QString()),
                     qPrintable(u"%1: “%2” has %3 of its %4 forms"_s.arg(language, message.source)
                                    .arg(message.forms.size() - message.forms.count(QString()))
                                    .arg(forms)));
        }
        QVERIFY(plurals > 0);
    }

    // A translation that lost "%1" shows the user a sentence without its number or name; one that lost "&"
    // loses its keyboard access.
    void translationsKeepPlaceholdersTagsAndAccelerators_data() { addLanguages(); }

    void translationsKeepPlaceholdersTagsAndAccelerators()
    {
        QFETCH(QString, language);
        const QList<Message> messages = m_messages.value(language);
        for (const Message& message : messages) {
            if (!message.finished) {
                continue;
            }
            for (const QString& form : message.forms) {
                QVERIFY2(
                    markup(form) == markup(message.source),
                    qPrintable(u"%1: “%2” is translated “%3”: %4 instead of %5"_s.arg(
                        language, message.source, form, markup(form).join(u' '), markup(message.source).join(u' '))));
            }
        }
    }

    // The .ts files hold every string of ui/ as it is now: lupdate, run on copies of them, finds nothing new
    // to translate. A string added to the code without its translations fails here.
    void everyStringOfTheSourcesTranslated_data() { addLanguages(); }

    void everyStringOfTheSourcesTranslated()
    {
        QFETCH(QString, language);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(u"chasm_"_s + language + u".ts"_s);
        QVERIFY(QFile::copy(tsFile(language), copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(CHASM_LUPDATE), {u"-no-obsolete"_s, u"-locations"_s, u"none"_s,
                                                      QStringLiteral(CHASM_SOURCE_DIR "/ui"), u"-ts"_s, copy});
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish in two minutes");
        const QString output = QString::fromLocal8Bit(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));
        QString error;
        const QList<Message> messages = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QStringList untranslated = missing(language, messages);
        QVERIFY2(reportMissing(untranslated, u"in ui/ and not translated in "_s + tsFile(language)),
                 qPrintable(u"%1 string(s) of ui/ not translated in %2, listed above: refresh it with lupdate as "
                            "translations/README.md says, then translate them"_s.arg(untranslated.size())
                                .arg(tsFile(language))));
    }

    // The translations the app loads (:/i18n, chosen by locale as installTranslations does) are those of the
    // .ts files, every one of them.
    void resourcesCarryEveryTranslation_data() { addLanguages(); }

    void resourcesCarryEveryTranslation()
    {
        QFETCH(QString, language);
        QFETCH(int, forms);
        QTranslator translator;
        QVERIFY2(translator.load(localeOf(language), u"chasm"_s, u"_"_s, u":/i18n"_s),
                 qPrintable(u"no translation of Chasm in :/i18n for "_s + localeOf(language).name()));
        QCOMPARE(translator.filePath(), u":/i18n/chasm_"_s + language + u".qm"_s);
        const QList<Message> messages = m_messages.value(language);
        for (const Message& message : messages) {
            if (!message.finished) {
                continue;
            }
            const QByteArray context = message.context.toUtf8();
            const QByteArray source = message.source.toUtf8();
            const QByteArray comment = message.comment.toUtf8();
            // One and two pick the first and the last form in all three languages.
            for (const int n : {1, 2}) {
                const QString expected =
                    message.numerus ? message.forms.at(std::min(n, forms) - 1) : message.forms.value(0);
                const QString loaded =
                    translator.translate(context.constData(), source.constData(),
                                         comment.isEmpty() ? nullptr : comment.constData(), message.numerus ? n : -1);
                QVERIFY2(loaded == expected, qPrintable(u"%1: “%2” loads as “%3”, not “%4”"_s.arg(
                                                 language, message.source, loaded, expected)));
            }
        }
        // A recent string, as the user reads it.
        const QString allProjects = translator.translate("chasm::Workspace", "(all projects)");
        if (language == u"de"_s) {
            QCOMPARE(allProjects, u"(alle Projekte)"_s);
        } else if (language == u"zh_CN"_s) {
            QCOMPARE(allProjects, u"(所有项目)"_s);
        }
    }

private:
    // The messages of translations/chasm_<language>.ts, by language.
    QHash<QString, QList<Message>> m_messages;
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
