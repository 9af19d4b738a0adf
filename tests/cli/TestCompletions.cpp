// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "CliRun.h"
#include "CommandLine.h"
#include "FixtureHome.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>
#include <sstream>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

using Run = test::CliRun;

Run chasmRun(const Environment& environment, const QStringList& args)
{
    return test::runCli(environment, args);
}

// The subcommands `--help` lists for a command: each line "  name, alias, ...   description".
QList<QStringList> subcommandsInHelp(const Environment& environment, const QStringList& command)
{
    const Run help = chasmRun(environment, command + QStringList{u"--help"_s});
    QList<QStringList> subcommands;
    bool inSection = false;
    for (const QString& line : help.out.split(u'\n')) {
        if (line == u"Subcommands:"_s) {
            inSection = true;
        } else if (inSection && line.startsWith(u"  "_s) && !line.startsWith(u"   "_s)) {
            subcommands << line.trimmed().section(u"  "_s, 0, 0).split(u", "_s);
        } else if (inSection && line.trimmed().isEmpty()) {
            inSection = false;
        }
    }
    return subcommands;
}

// Each alias of the table beside the same command by its names: "ls ws" and "list workspaces". The options make
// each a command that runs and says something of its own (its JSON, or an error naming what it looked for), never
// a usage error; writing commands are dry runs or fail before they write.
struct AliasCase
{
    QStringList alias;
    QStringList names;
    QStringList options;
};

const QList<AliasCase> aliasCases = {
    {{u"w"_s}, {u"watch"_s}, {u"--agent"_s, u"nosuch"_s}},
    {{u"telemetry"_s, u"status"_s}, {u"telemetry"_s, u"info"_s}, {u"--json"_s}},
    {{u"telemetry"_s, u"enable"_s}, {u"telemetry"_s, u"opt-in"_s}, {u"--json"_s}},
    {{u"telemetry"_s, u"disable"_s}, {u"telemetry"_s, u"opt-out"_s}, {u"--json"_s}},
    {{u"telemetry"_s, u"log"_s}, {u"telemetry"_s, u"record"_s}, {u"--help"_s}},
    {{u"telemetry"_s, u"logs"_s}, {u"telemetry"_s, u"show"_s}, {u"--json"_s}},
    // Its findings hold what changes from one run to the next (free space, the time): its help instead.
    {{u"check"_s}, {u"doctor"_s}, {u"--help"_s}},
    // The fixture's PATH holds none of the agent CLIs: each says what installs it.
    {{u"run"_s, u"claude-code"_s}, {u"run"_s, u"claude"_s}, {}},
    {{u"run"_s, u"claudecode"_s}, {u"run"_s, u"claude"_s}, {}},
    {{u"run"_s, u"codex-cli"_s}, {u"run"_s, u"codex"_s}, {}},
    {{u"run"_s, u"codexcli"_s}, {u"run"_s, u"codex"_s}, {}},
    {{u"run"_s, u"gemini-cli"_s}, {u"run"_s, u"gemini"_s}, {}},
    {{u"run"_s, u"geminicli"_s}, {u"run"_s, u"gemini"_s}, {}},
    {{u"run"_s, u"qwen-code"_s}, {u"run"_s, u"qwen"_s}, {}},
    {{u"run"_s, u"open"_s}, {u"run"_s, u"opencode"_s}, {}},
    {{u"run"_s, u"open-code"_s}, {u"run"_s, u"opencode"_s}, {}},
    {{u"run"_s, u"droid-cli"_s}, {u"run"_s, u"droid"_s}, {}},
    {{u"run"_s, u"droidcli"_s}, {u"run"_s, u"droid"_s}, {}},
    {{u"run"_s, u"factory"_s}, {u"run"_s, u"droid"_s}, {}},
    {{u"run"_s, u"openclaw"_s}, {u"run"_s, u"claw"_s}, {}},
    {{u"run"_s, u"clawdbot"_s}, {u"run"_s, u"claw"_s}, {}},
    {{u"ls"_s, u"ws"_s}, {u"list"_s, u"workspaces"_s}, {u"--json"_s}},
    {{u"list"_s, u"s"_s}, {u"list"_s, u"sessions"_s}, {u"--json"_s}},
    {{u"list"_s, u"e"_s}, {u"list"_s, u"edits"_s}, {u"--json"_s}},
    {{u"list"_s, u"a"_s}, {u"list"_s, u"agents"_s}, {u"--json"_s}},
    {{u"info"_s, u"s"_s}, {u"show"_s, u"session"_s}, {u"aaaa1111"_s, u"--json"_s}},
    {{u"show"_s, u"a"_s}, {u"show"_s, u"agent"_s}, {u"aaaa1111"_s, u"--json"_s}},
    {{u"show"_s, u"ws"_s}, {u"show"_s, u"workspace"_s}, {u"5d41"_s, u"--json"_s}},
    {{u"show"_s, u"idx"_s}, {u"show"_s, u"index"_s}, {u"--all"_s, u"--json"_s}},
    {{u"find"_s, u"ws"_s}, {u"find"_s, u"workspace"_s}, {u"web"_s, u"--json"_s}},
    {{u"find"_s, u"s"_s}, {u"find"_s, u"session"_s}, {u"a"_s, u"--json"_s}},
    {{u"register"_s, u"s"_s}, {u"register"_s, u"session"_s}, {u"zzzz"_s, u"--dry-run"_s}},
    {{u"register"_s, u"r"_s}, {u"register"_s, u"recursive"_s}, {u"--dry-run"_s, u"--json"_s}},
    {{u"register"_s, u"fix"_s}, {u"register"_s, u"repair"_s}, {u"--all"_s, u"--dry-run"_s, u"--json"_s}},
    {{u"restore"_s, u"status"_s}, {u"recover"_s, u"status"_s}, {u"--json"_s}},
    {{u"fetch"_s, u"s"_s}, {u"fetch"_s, u"session"_s}, {u"zzzz"_s, u"--dry-run"_s}},
    {{u"fetch"_s, u"ws"_s}, {u"fetch"_s, u"workspace"_s}, {u"zzzz"_s, u"--dry-run"_s}},
    {{u"import"_s, u"ws"_s}, {u"import"_s, u"workspace"_s}, {u"nowhere"_s, u"5d41"_s, u"--dry-run"_s}},
    {{u"import"_s, u"s"_s}, {u"import"_s, u"sessions"_s}, {u"nowhere.json"_s, u"--dry-run"_s}},
    {{u"mv"_s, u"path"_s}, {u"move"_s, u"path"_s}, {u"/nowhere/at/all"_s, u"/elsewhere"_s, u"--dry-run"_s}},
    {{u"move"_s, u"s"_s}, {u"move"_s, u"sessions"_s}, {u"zzzz"_s, u"/elsewhere"_s, u"--dry-run"_s}},
    {{u"move"_s, u"ws"_s}, {u"move"_s, u"workspace"_s}, {u"zzzz"_s, u"/elsewhere"_s, u"--dry-run"_s}},
    {{u"merge"_s, u"s"_s}, {u"merge"_s, u"sessions"_s}, {u"zzzz"_s, u"--dry-run"_s}},
    {{u"merge"_s, u"ws"_s}, {u"merge"_s, u"workspace"_s}, {u"zzzz"_s, u"--dry-run"_s}},
    {{u"merge"_s, u"wss"_s}, {u"merge"_s, u"workspaces"_s}, {u"zzzz"_s, u"--dry-run"_s}},
    {{u"export"_s, u"ws"_s}, {u"export"_s, u"workspace"_s}, {u"out"_s, u"5d41"_s, u"-p"_s, u"nosuch"_s}},
    {{u"export"_s, u"s"_s}, {u"export"_s, u"sessions"_s}, {u"out"_s, u"aaaa1111"_s, u"-p"_s, u"nosuch"_s}},
};

// A shell's answer to completing `line`: one candidate a line (fish adds a tab and a description).
struct Completion
{
    QString line;
    QStringList expected;
};

const QList<Completion> completions = {
    {u"chasm re"_s, {u"recover"_s, u"register"_s, u"restore"_s, u"retention"_s}},
    {u"chasm recover rec"_s, {u"recording"_s}},
    {u"chasm harvest "_s,
     {u"checkpoint"_s, u"checkpoints"_s, u"export"_s, u"git"_s, u"import"_s, u"init"_s, u"list"_s, u"push"_s,
      u"rebuild"_s, u"revert"_s, u"run"_s, u"scan"_s, u"search"_s, u"share"_s, u"shares"_s, u"status"_s, u"sync"_s}},
    {u"chasm export sessions x --format "_s, {u"csv"_s, u"html"_s, u"json"_s, u"jsonl"_s, u"md"_s, u"pdf"_s}},
};

QStringList sortedLines(const QByteArray& output)
{
    QStringList lines;
    for (const QString& line : QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts)) {
        lines << line.section(u'\t', 0, 0);
    }
    lines.sort();
    return lines;
}

} // namespace

class TestCompletions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_home.isValid());
        QVERIFY(m_dir.isValid());
        // chasm on PATH, as where it is installed: fish loads a command's completions only for a command it finds.
        QVERIFY(QDir().mkpath(m_dir.filePath(u"bin"_s)));
        QVERIFY(QFile::link(QStringLiteral(CHASM_CLI_BINARY), m_dir.filePath(u"bin/chasm"_s)));
        m_path = m_dir.filePath(u"bin"_s) + u':' + qEnvironmentVariable("PATH");
        for (const QString& shell : {u"bash"_s, u"zsh"_s, u"fish"_s, u"powershell"_s, u"elvish"_s}) {
            const Run script = chasmRun(m_home.environment(), {u"completions"_s, shell});
            QVERIFY2(script.exitCode == 0, qPrintable(script.err));
            QVERIFY2(script.out.size() > 1000, qPrintable(shell));
            m_scripts[shell] = script.out.toUtf8();
        }
    }

    // Every alias runs the command its names run: the same output, and no usage error.
    void aliasesResolve_data()
    {
        QTest::addColumn<QStringList>("alias");
        QTest::addColumn<QStringList>("names");
        for (const AliasCase& c : aliasCases) {
            QTest::newRow(qPrintable(c.alias.join(u' '))) << c.alias + c.options << c.names + c.options;
        }
    }

    void aliasesResolve()
    {
        QFETCH(QStringList, alias);
        QFETCH(QStringList, names);
        const Run byAlias = chasmRun(m_home.environment(), alias);
        const Run byName = chasmRun(m_home.environment(), names);
        QVERIFY2(byName.exitCode != 2, qPrintable(byName.err));
        QVERIFY(!byName.out.isEmpty() || !byName.err.isEmpty());
        QCOMPARE(byAlias.exitCode, byName.exitCode);
        QCOMPARE(byAlias.out, byName.out);
        QCOMPARE(byAlias.err, byName.err);
    }

    // The cases above hold every alias the help of every command lists.
    void everyAliasIsTested()
    {
        std::set<QString> listed;
        const std::function<void(const QStringList&)> walk = [&](const QStringList& command) {
            for (const QStringList& names : subcommandsInHelp(m_home.environment(), command)) {
                for (const QString& alias : names.mid(1)) {
                    listed.insert((command + QStringList{alias}).join(u' '));
                }
                walk(command + QStringList{names.first()});
            }
        };
        walk({});
        QVERIFY(listed.size() >= 20);
        std::set<QString> tested;
        for (const AliasCase& c : aliasCases) {
            // "ls ws": the alias ls of chasm, and ws of list.
            for (qsizetype i = 0; i < c.alias.size(); ++i) {
                if (c.alias[i] != c.names[i]) {
                    tested.insert((c.names.mid(0, i) + QStringList{c.alias[i]}).join(u' '));
                }
            }
        }
        for (const QString& alias : listed) {
            QVERIFY2(tested.count(alias), qPrintable(u"alias not tested: "_s + alias));
        }
    }

    // A run builds only the command group its command word names: for each command and alias at the top of the
    // table, after global options too, that group's commands are as in the whole table and the others are left out.
    // Completions are written from the whole table.
    void eachCommandWordAssemblesItsGroupAlone()
    {
        const cli::CommandNode whole = cli::commandTable();
        QVERIFY(whole.children.size() >= 20);
        QCOMPARE(cli::commandTable({"completions", "bash"}), whole);
        QCOMPARE(cli::commandTable({"--json", "--help"}), whole);
        QCOMPARE(cli::commandTable({"lsit", "sessions"}), whole);
        for (const cli::CommandNode& command : whole.children) {
            if (command.name() == "completions") {
                continue;
            }
            std::vector<std::string> words = command.aliases;
            words.push_back(command.name());
            for (const std::string& word : words) {
                // A flag, and options with their values apart or after "=", before the word.
                QVERIFY(cli::commandTable({"--json", "--db=x.db", word}).children.size() < whole.children.size());
                const cli::CommandNode alone = cli::commandTable({"--db", "x.db", "--color", "never", word, "--help"});
                QVERIFY2(alone.children.size() < whole.children.size(), word.c_str());
                QVERIFY2(std::any_of(alone.children.cbegin(), alone.children.cend(),
                                     [&command](const cli::CommandNode& c) { return c.name() == command.name(); }),
                         word.c_str());
                for (const cli::CommandNode& built : alone.children) {
                    const auto same =
                        std::find_if(whole.children.cbegin(), whole.children.cend(),
                                     [&built](const cli::CommandNode& c) { return c.name() == built.name(); });
                    QVERIFY2(same != whole.children.cend() && *same == built, built.name().c_str());
                }
            }
        }
    }

    void completionsRefuseAnUnknownShell()
    {
        const Run run = chasmRun(m_home.environment(), {u"completions"_s, u"tcsh"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"tcsh not in {bash,zsh,fish,powershell,elvish}"_s), qPrintable(run.err));
    }

    // bash: the script installed where bash-completion looks for a user's completions, loaded by its loader (or
    // sourced, without bash-completion), then the function `complete` registered for chasm is called as bash calls
    // it for a TAB at the end of the line.
    void bash_data() { completionRows(); }
    void bash()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, expected);
        const QString bash = QStandardPaths::findExecutable(u"bash"_s);
        if (bash.isEmpty()) {
            QSKIP("bash is not installed");
        }
        const QString home = m_dir.filePath(u"bash"_s);
        const QString installed = home + u"/.local/share/bash-completion/completions/chasm"_s;
        QVERIFY(test::writeFile(installed, m_scripts[u"bash"_s]));
        const QString loader = u"/usr/share/bash-completion/bash_completion"_s;
        const QString load = QFileInfo::exists(loader)
                                 ? u". "_s + loader + u" && __load_completion chasm || exit 3\n"_s
                                 : u". \"$HOME/.local/share/bash-completion/completions/chasm\"\n"_s;
        const QString script = load + uR"(spec=$(complete -p chasm) || exit 4
function=${spec##*-F }
function=${function%% *}
COMP_LINE=$1
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
"$function" chasm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
)"_s;
        QProcess process;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home);
        environment.insert(u"PATH"_s, m_path);
        process.setProcessEnvironment(environment);
        process.start(bash, {u"--norc"_s, u"--noprofile"_s, u"-c"_s, script, u"bash"_s, line});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(sortedLines(process.readAllStandardOutput()), expected);
    }

    // zsh: the script as the file _chasm on $fpath, found by compinit (which binds it to chasm); called as the
    // completion system calls it, with `words`, CURRENT and PREFIX set and `compadd` (which works only inside a
    // completion widget) replaced by a function that prints the candidates matching PREFIX, as compadd matches them.
    void zsh_data() { completionRows(); }
    void zsh()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, expected);
        const QString zsh = QStandardPaths::findExecutable(u"zsh"_s);
        if (zsh.isEmpty()) {
            QSKIP("zsh is not installed");
        }
        const QString functions = m_dir.filePath(u"zsh/functions"_s);
        QVERIFY(test::writeFile(functions + u"/_chasm"_s, m_scripts[u"zsh"_s]));
        const QString script = uR"(fpath=("$1" $fpath)
autoload -Uz compinit
compinit -u -d "$2/zcompdump"
[[ $_comps[chasm] == _chasm ]] || { print -u2 "compinit bound chasm to '$_comps[chasm]'"; exit 3 }
compadd() {
    while (($#)) && [[ $1 != -- ]]; do shift; done
    shift
    local candidate
    for candidate in "$@"; do
        [[ ${candidate[1,$#PREFIX]} == "$PREFIX" ]] && print -r -- "$candidate"
    done
    return 0
}
words=(${(z)3})
[[ $3 == *' ' ]] && words+=('')
CURRENT=$#words
PREFIX=$words[CURRENT]
$_comps[chasm]
)"_s;
        QProcess process;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"zsh"_s));
        environment.insert(u"PATH"_s, m_path);
        process.setProcessEnvironment(environment);
        process.start(zsh, {u"-f"_s, u"-c"_s, script, u"zsh"_s, functions, m_dir.filePath(u"zsh"_s), line});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(sortedLines(process.readAllStandardOutput()), expected);
    }

    // fish: the script where fish looks for a user's completions of chasm, asked with `complete -C`, fish's own
    // way to complete a command line without a terminal.
    void fish_data() { completionRows(); }
    void fish()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, expected);
        const QString fish = QStandardPaths::findExecutable(u"fish"_s);
        if (fish.isEmpty()) {
            QSKIP("fish is not installed");
        }
        const QString config = m_dir.filePath(u"fish/config"_s);
        QVERIFY(test::writeFile(config + u"/fish/completions/chasm.fish"_s, m_scripts[u"fish"_s]));
        QProcess process;
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, m_dir.filePath(u"fish"_s));
        environment.insert(u"XDG_CONFIG_HOME"_s, config);
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"fish/data"_s));
        environment.insert(u"PATH"_s, m_path);
        process.setProcessEnvironment(environment);
        process.start(fish, {u"-c"_s, u"complete -C $argv[1]"_s, line});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(sortedLines(process.readAllStandardOutput()), expected);
    }

    // The build writes chasm.1 and a page per command group from the table: each group's page names each of its
    // subcommands, as `chasm GROUP --help` lists them.
    void manPagesNameEveryCommand()
    {
        const QDir pages(QStringLiteral(CHASM_MAN_DIR));
        const QString program = QString::fromUtf8(test::readAll(pages.filePath(u"chasm.1"_s)));
        QVERIFY2(program.contains(u".SH COMMANDS"_s), qPrintable(pages.filePath(u"chasm.1"_s)));
        const QList<QStringList> groups = subcommandsInHelp(m_home.environment(), {});
        QVERIFY(groups.size() >= 14);
        for (const QStringList& group : groups) {
            const QString name = group.first();
            QVERIFY2(program.contains(u".BR chasm\\-"_s + name + u" (1)"_s), qPrintable(name));
            const QString file = pages.filePath(u"chasm-"_s + name + u".1"_s);
            const QString page = QString::fromUtf8(test::readAll(file));
            QVERIFY2(page.startsWith(u".TH \"CHASM\\-"_s + name.toUpper() + u'"'), qPrintable(file));
            for (const QStringList& subcommand : subcommandsInHelp(m_home.environment(), {name})) {
                // roff writes a minus sign as \-: opt-in is opt\-in.
                const QString title = QString(subcommand.first()).replace(u"-"_s, u"\\-"_s);
                QVERIFY2(page.contains(u".SS \"chasm "_s + name + u' ' + title + u'"'),
                         qPrintable(file + u": "_s + subcommand.first()));
            }
        }
        QCOMPARE(pages.entryList({u"*.1"_s}).size(), groups.size() + 1);
    }

    // `man -l` renders each page, with groff's warnings on, and warns of nothing.
    void manRendersThePages()
    {
        const QString man = QStandardPaths::findExecutable(u"man"_s);
        if (man.isEmpty()) {
            QSKIP("man is not installed");
        }
        const QDir pages(QStringLiteral(CHASM_MAN_DIR));
        for (const QString& page : pages.entryList({u"*.1"_s})) {
            QProcess process;
            QProcessEnvironment environment;
            environment.insert(u"PATH"_s, m_path);
            environment.insert(u"HOME"_s, m_dir.path());
            environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
            environment.insert(u"MANWIDTH"_s, u"100"_s);
            process.setProcessEnvironment(environment);
            process.start(man, {u"--warnings"_s, u"-P"_s, u"cat"_s, u"-l"_s, pages.filePath(page)});
            QVERIFY(process.waitForFinished(30000));
            const QByteArray errors = process.readAllStandardError();
            QVERIFY2(process.exitCode() == 0 && errors.isEmpty(),
                     qPrintable(page + u": "_s + QString::fromUtf8(errors)));
            const QString text = QString::fromUtf8(process.readAllStandardOutput());
            QVERIFY2(text.contains(u"NAME"_s) && text.contains(u"SYNOPSIS"_s), qPrintable(page + u'\n' + text));
        }
    }

private:
    static void completionRows()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("expected");
        for (const Completion& c : completions) {
            QTest::newRow(qPrintable(c.line)) << c.line << c.expected;
        }
    }

    test::FixtureHome m_home;
    QTemporaryDir m_dir;
    QHash<QString, QByteArray> m_scripts;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestCompletions)
#include "TestCompletions.moc"
