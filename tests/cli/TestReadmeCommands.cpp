// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// The documentation against the program: every `chasm …` line of the README's code blocks runs on a fixture HOME
// and every `chasm …` it (or docs/spec-commands.md) names in its text is a command with those options. Both files
// are read from the source tree when the test runs, so that a README edited without the program, or a command
// renamed without the README, fails here.
//
// What counts as gone or renamed: arguments the command line does not parse (an unknown command or option, a
// missing argument, a value an option does not take: the usage errors, exit status 2). A code block's command
// otherwise has to succeed on the fixture HOME; those that serve or watch until they are stopped (`api serve`,
// `mcp serve`, `watch`, `run`) are parsed, not run.

#include "ChasmProcess.h"
#include "CommandLine.h"
#include "FixtureHome.h"

#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace chasm;
using cli::CommandNode;

namespace {

QString sourceFile(const QString& relative)
{
    return QStringLiteral(CHASM_SOURCE_DIR) + u'/' + relative;
}

QString readText(const QString& path)
{
    return QString::fromUtf8(test::readAll(path));
}

// Words as a POSIX shell splits them, for the simple lines of a README: quotes group, they are not kept.
QStringList shellWords(const QString& line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (const QChar c : line) {
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else {
                word += c;
            }
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord) {
                words << word;
            }
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord) {
        words << word;
    }
    return words;
}

// A place in a documentation file and what it says there.
struct Quoted
{
    QString where; // README.md:123
    QString text;
};

// The `chasm …` commands of the code blocks: in shell blocks each command at the start of a line or after `$(`,
// `&&`, `;` or `--` (claude mcp add … -- chasm mcp serve), up to a pipe, redirection, `&` or comment; in JSON blocks
// each "command": "chasm" with its "args".
QList<Quoted> codeBlockCommands(const QString& file)
{
    static const QRegularExpression shellCommand(uR"((?:^|\$\(|&&|;|\s--)\s*(chasm(?:\s[^|><&);#]*)?))"_s);
    static const QRegularExpression jsonCommand(uR"re("command"\s*:\s*"chasm"\s*,\s*"args"\s*:\s*\[([^\]]*)\])re"_s);
    static const QRegularExpression jsonString(uR"re("([^"]*)")re"_s);
    QList<Quoted> commands;
    const QStringList lines = readText(sourceFile(file)).split(u'\n');
    bool inBlock = false;
    QString language;
    for (int i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        if (line.trimmed().startsWith(u"```"_s)) {
            inBlock = !inBlock;
            language = line.trimmed().mid(3).trimmed();
            continue;
        }
        if (!inBlock) {
            continue;
        }
        const QString where = file + u':' + QString::number(i + 1);
        if (language == u"json"_s) {
            for (const QRegularExpressionMatch& m : jsonCommand.globalMatch(line)) {
                QStringList args{u"chasm"_s};
                for (const QRegularExpressionMatch& arg : jsonString.globalMatch(m.captured(1))) {
                    args << arg.captured(1);
                }
                commands.append({where, args.join(u' ')});
            }
            continue;
        }
        const qsizetype comment = line.indexOf(QRegularExpression(u"(^|\\s)#"_s));
        const QString code = comment < 0 ? line : line.left(comment);
        for (const QRegularExpressionMatch& m : shellCommand.globalMatch(code)) {
            commands.append({where, m.captured(1).trimmed()});
        }
    }
    return commands;
}

// The inline code spans of the text outside code blocks that begin with "chasm ": the commands the text names,
// with placeholders (`chasm show session ID`, `chasm harvest init\|scan [--path DB]`).
QList<Quoted> synopsesIn(const QString& file)
{
    QStringList lines = readText(sourceFile(file)).split(u'\n');
    bool inBlock = false;
    for (QString& line : lines) {
        const bool fence = line.trimmed().startsWith(u"```"_s);
        if (fence) {
            inBlock = !inBlock;
        }
        if (fence || inBlock) {
            line.clear();
        }
    }
    const QString text = lines.join(u'\n');
    static const QRegularExpression span(u"`([^`]+)`"_s);
    QList<Quoted> found;
    for (const QRegularExpressionMatch& m : span.globalMatch(text)) {
        const QString code = m.captured(1).simplified();
        if (code.startsWith(u"chasm "_s)) {
            const QString where = file + u':' + QString::number(text.left(m.capturedStart()).count(u'\n') + 1);
            found.append({where, code});
        }
    }
    return found;
}

const CommandNode* child(const CommandNode& node, const QString& name)
{
    for (const CommandNode& c : node.children) {
        if (QString::fromStdString(c.name()) == name ||
            std::any_of(c.aliases.begin(), c.aliases.end(),
                        [&name](const std::string& alias) { return QString::fromStdString(alias) == name; })) {
            return &c;
        }
    }
    return nullptr;
}

const CommandNode* nodeAt(const CommandNode& root, const std::vector<std::string>& path)
{
    const CommandNode* node = &root;
    for (size_t i = 1; node && i < path.size(); ++i) {
        node = child(*node, QString::fromStdString(path[i]));
    }
    return node;
}

const CommandNode::Option* optionOf(const CommandNode& node, const QString& name)
{
    for (const CommandNode::Option& option : node.options) {
        if (std::find(option.names.begin(), option.names.end(), name.toStdString()) != option.names.end()) {
            return &option;
        }
    }
    return nullptr;
}

QString strip(const QString& token)
{
    static const QRegularExpression edges(u"^[\\[(`'\"]+|[\\])`'\",.…:;]+$"_s);
    return QString(token).remove(edges);
}

// What is wrong with a synopsis the documentation gives: a command word that names no command (where the command
// takes no argument it could be the value of), an option none of the commands it names takes, a value an option
// limited to some does not take. Alternatives (`init\|scan`, `a\|b`) are each checked.
QStringList problems(const CommandNode& root, const QString& synopsis)
{
    static const QRegularExpression word(u"^[a-z][a-z0-9-]*$"_s);
    static const QRegularExpression optionName(u"^--?[A-Za-z][A-Za-z0-9-]*$"_s);
    QStringList tokens = QString(synopsis).replace(u"\\|"_s, u"|"_s).split(u' ', Qt::SkipEmptyParts);
    QStringList found;
    std::vector<const CommandNode*> current{&root};
    qsizetype i = 1;
    for (; i < tokens.size(); ++i) {
        const QStringList alternatives = tokens.at(i).split(u'|');
        const bool words = std::all_of(alternatives.begin(), alternatives.end(),
                                       [](const QString& a) { return word.match(a).hasMatch(); });
        const bool branches =
            std::any_of(current.begin(), current.end(), [](const CommandNode* n) { return !n->children.empty(); });
        if (!words || !branches) {
            break;
        }
        std::vector<const CommandNode*> next;
        QStringList unknown;
        for (const QString& alternative : alternatives) {
            const CommandNode* match = nullptr;
            for (const CommandNode* n : current) {
                match = match ? match : child(*n, alternative);
            }
            if (match) {
                next.push_back(match);
            } else {
                unknown << alternative;
            }
        }
        if (unknown.isEmpty()) {
            current = next;
            continue;
        }
        const bool takesArgument =
            std::any_of(current.begin(), current.end(), [](const CommandNode* n) { return !n->arguments.empty(); });
        if (!(takesArgument && next.empty())) {
            found << u"`%1`: `%2` has no command `%3`"_s.arg(
                synopsis, QString::fromStdString(current.front()->command()), unknown.join(u"`, `"_s));
        }
        break;
    }

    // The commands whose options count: those named, everything below them, and their siblings an alternation
    // names after an option (`register all [--merge]\|session IDS… [-t TITLE]`).
    std::vector<const CommandNode*> scope;
    for (const CommandNode* n : current) {
        const std::vector<const CommandNode*> below = n->all();
        scope.insert(scope.end(), below.begin(), below.end());
    }
    for (qsizetype j = i; j < tokens.size(); ++j) {
        for (const QString& part : tokens.at(j).split(u'|')) {
            for (const CommandNode* n : current) {
                const CommandNode* parent =
                    n->path.size() > 1 ? nodeAt(root, std::vector<std::string>(n->path.begin(), n->path.end() - 1))
                                       : nullptr;
                if (const CommandNode* sibling = parent ? child(*parent, strip(part)) : nullptr) {
                    const std::vector<const CommandNode*> below = sibling->all();
                    scope.insert(scope.end(), below.begin(), below.end());
                }
            }
        }
    }
    for (; i < tokens.size(); ++i) {
        if (tokens.at(i) == u"--"_s) {
            break; // what follows goes to a program, or is a query
        }
        for (const QString& part : tokens.at(i).split(u'|')) {
            const QString name = strip(part).section(u'=', 0, 0);
            if (!optionName.match(name).hasMatch()) {
                continue;
            }
            const CommandNode::Option* option = nullptr;
            for (const CommandNode* n : scope) {
                option = option ? option : optionOf(*n, name);
            }
            if (!option) {
                found << u"`%1`: no option `%2` in `%3`"_s.arg(synopsis, name,
                                                               QString::fromStdString(current.front()->command()));
                continue;
            }
            if (!option->limited || i + 1 >= tokens.size()) {
                continue;
            }
            const QStringList values = tokens.at(i + 1).split(u'|');
            for (const QString& value : values) {
                const QString v = strip(value);
                if (word.match(v).hasMatch() &&
                    std::find(option->values.begin(), option->values.end(), v.toStdString()) == option->values.end()) {
                    found << u"`%1`: `%2` does not take `%3`"_s.arg(synopsis, name, v);
                }
            }
        }
    }
    return found;
}

// The commands that serve or watch until they are stopped: their arguments are parsed, not run.
bool runsUntilStopped(const QStringList& args)
{
    const QString command = args.mid(1, 2).join(u' ');
    return command == u"api serve"_s || command == u"mcp serve"_s || args.value(1) == u"serve"_s ||
           args.value(1) == u"watch"_s || args.value(1) == u"w"_s || args.value(1) == u"run"_s;
}

} // namespace

class TestReadmeCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void codeBlocks_data();
    void codeBlocks();
    void synopses_data();
    void synopses();
    void checkerFindsRenames_data();
    void checkerFindsRenames();

private:
    CommandNode m_root;
};

void TestReadmeCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_root = cli::commandTable();
    QVERIFY(QFile::exists(sourceFile(u"README.md"_s)));
}

void TestReadmeCommands::codeBlocks_data()
{
    QTest::addColumn<QString>("command");
    const QList<Quoted> commands = codeBlockCommands(u"README.md"_s);
    // The README's own examples: the MCP setup, the API, retention, completions.
    QVERIFY2(commands.size() >= 8, qPrintable(QString::number(commands.size())));
    for (const Quoted& command : commands) {
        QTest::newRow(qPrintable(command.where + u' ' + command.text)) << command.text;
    }
}

void TestReadmeCommands::codeBlocks()
{
    QFETCH(QString, command);
    const QStringList args = shellWords(command);
    if (runsUntilStopped(args)) {
        std::vector<std::string> arguments;
        for (const QString& arg : args.mid(1)) {
            arguments.push_back(arg.toStdString());
        }
        const std::string error = cli::usageError(arguments);
        QVERIFY2(error.empty(), qPrintable(u"gone or renamed: %1: %2"_s.arg(command, QString::fromStdString(error))));
        return;
    }
    const test::FixtureHome home(QStringList{u"vscode"_s, u"claude-code"_s, u"codex"_s, u"gemini"_s, u"qwen"_s,
                                             u"opencode"_s, u"continue"_s, u"droid"_s, u"aider"_s});
    QVERIFY(home.isValid());
    const test::Ran ran = test::runChasm(home.path(), args.mid(1), test::withKeychain());
    QVERIFY2(ran.exitCode != 2,
             qPrintable(u"gone or renamed: %1\n"_s.arg(command) + QString::fromUtf8(ran.describe())));
    QVERIFY2(ran.finished && ran.exitCode == 0,
             qPrintable(u"fails on the fixture HOME: %1\n"_s.arg(command) + QString::fromUtf8(ran.describe())));
    QVERIFY2(!ran.out.isEmpty(), qPrintable(command));
}

void TestReadmeCommands::synopses_data()
{
    QTest::addColumn<QString>("synopsis");
    for (const QString& file : {u"README.md"_s, u"docs/spec-commands.md"_s}) {
        const QList<Quoted> found = synopsesIn(file);
        QVERIFY2(found.size() >= 50, qPrintable(file));
        for (const Quoted& synopsis : found) {
            QTest::newRow(qPrintable(synopsis.where + u' ' + synopsis.text)) << synopsis.text;
        }
    }
}

void TestReadmeCommands::synopses()
{
    QFETCH(QString, synopsis);
    const QStringList found = problems(m_root, synopsis);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
}

void TestReadmeCommands::checkerFindsRenames_data()
{
    QTest::addColumn<QString>("synopsis");
    QTest::addColumn<QString>("problem");
    QTest::newRow("command") << u"chasm list sesions [-s]"_s << u"`chasm list` has no command `sesions`"_s;
    QTest::newRow("group") << u"chasm harvestt run"_s << u"`chasm` has no command `harvestt`"_s;
    QTest::newRow("alternative") << u"chasm harvest init\\|scann [--path DB]"_s
                                 << u"`chasm harvest` has no command `scann`"_s;
    QTest::newRow("option") << u"chasm list sessions [--sizes]"_s << u"no option `--sizes` in `chasm list sessions`"_s;
    QTest::newRow("another command's option")
        << u"chasm list sessions [--all]"_s << u"no option `--all` in `chasm list sessions`"_s;
    QTest::newRow("value") << u"chasm export path DEST [-f json\\|docx]"_s << u"`-f` does not take `docx`"_s;
    QTest::newRow("sibling's option") << u"chasm register all [--merge]\\|session IDS… [-t TITLE]"_s << QString();
    QTest::newRow("argument") << u"chasm run ollama [-m MODEL]"_s << QString();
    QTest::newRow("query") << u"chasm harvest search -- -draft report"_s << QString();
}

void TestReadmeCommands::checkerFindsRenames()
{
    QFETCH(QString, synopsis);
    QFETCH(QString, problem);
    const QStringList found = problems(m_root, synopsis);
    if (problem.isEmpty()) {
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    } else {
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().contains(problem), qPrintable(found.first()));
    }
}

QTEST_GUILESS_MAIN(TestReadmeCommands)
#include "TestReadmeCommands.moc"
