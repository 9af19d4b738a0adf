// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

// The inputs the benchmarks read, generated from fixed seeds: the same size gives the same bytes in every
// run and every benchmark, so their figures compare. Both writers exit the process when they cannot
// write: a benchmark has nothing to measure then.
namespace chasm::bench {

// How a generated VS Code log adds its requests. Streamed: as VS Code writes a session it is in, a push
// of the request, streamed pushes of response parts (markdown with code blocks, terminal tool calls with
// their output), an occasional rewrite of a response (push with `i`), and sets of modelState and result.
// WholeRequests: one kind-2 line per request holding the whole answered request (about 27 KB), the shape
// of the gigabyte sessions users reported (issue 26). Compacted: the same requests all in the kind-0 snapshot,
// one line, as VS Code writes a log again when it compacts it.
enum class VsCodeShape
{
    Streamed,
    WholeRequests,
    Compacted,
};

// Writes a VS Code chatSessions .jsonl log of about `targetBytes` to `path`: a kind-0 snapshot, then the
// requests in the given shape. Returns the number of requests.
qint64 writeVsCodeSession(const QString& path, qint64 targetBytes, VsCodeShape shape = VsCodeShape::Streamed);

// The id of the session writeVsCodeSession writes, and the file a VS Code home holds it in.
inline constexpr char vsCodeSessionId[] = "bench0000-0000-4000-8000-000000000000";
// Lays out `home` as VS Code does for one workspace (workspaceStorage/<hash>/workspace.json and
// chatSessions/<id>.jsonl) holding one session written by writeVsCodeSession; returns the session's path.
QString writeVsCodeHome(const QString& home, qint64 targetBytes, VsCodeShape shape);

// The id of the transcript writeClaudeCodeHome writes.
inline constexpr char claudeCodeSessionId[] = "bench0000-0000-4000-8000-00000000c1a0";
// Lays out `home` as Claude Code does for one project (.claude/projects/<project>/<id>.jsonl) holding one transcript
// of about `targetBytes`: turns of a question, an answer in a text record and a tool_use record of the same API
// message (reading, editing or running something in a project of 20 000 files), the tool's result (twice, as Claude
// Code writes it: in the message and in toolUseResult), the closing answer and a file-history snapshot, each record
// with Claude Code's common fields. Returns the transcript's path.
QString writeClaudeCodeHome(const QString& home, qint64 targetBytes);

// The id of the rollout writeCodexHome writes.
inline constexpr char codexSessionId[] = "0199b3c0-0000-7000-8000-00000000c0de";
// Lays out `home` as Codex CLI does (.codex/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl) holding one rollout of about
// `targetBytes`: turns of a question, reasoning, an answer, a shell call and its output (wrapped with its exit code),
// the closing answer and a token count, the model changing every 50 turns. Returns the rollout's path.
QString writeCodexHome(const QString& home, qint64 targetBytes);

// The words a corpus is written with, drawn with Zipf's law. Its words are the same for every seed; the seed
// decides only the draws.
class Vocabulary
{
public:
    enum class Kind
    {
        // Common English words first, then 20 000 made-up identifier-like words, each of its own syllables.
        Identifiers,
        // 40 000 made-up words of two to four syllables out of sixteen two-letter ones, in a fixed shuffled order of
        // frequency: most words share their first two syllables with a few hundred others, so a prefix of two
        // syllables ("aler*") matches most long messages, as in a corpus where a search on a prefix took seconds.
        Syllables,
    };
    explicit Vocabulary(std::uint32_t seed, Kind kind = Kind::Identifiers);
    // The kind named "identifiers" or "syllables", or nothing.
    static std::optional<Kind> kindNamed(const QString& name);
    std::size_t size() const { return m_words.size(); }

    const std::string& word();
    // The word of a rank (0 is the most frequent): what a search benchmark builds its queries from.
    const std::string& at(std::size_t rank) const { return m_words.at(rank); }
    std::string prose(std::size_t bytes);
    std::string code(std::size_t bytes);
    // The generator the words are drawn with, for whatever else a corpus draws: one seed, one corpus.
    std::mt19937& random() { return m_random; }

private:
    std::mt19937 m_random;
    std::vector<std::string> m_words;
    std::vector<double> m_cumulative;
};

struct Corpus
{
    qint64 bytes = 0;
    int sessions = 0;
    qint64 messages = 0;
};

// Fills `home` with about `targetBytes` of Claude Code transcripts and Codex rollouts side by side, laid
// out as the tools write them: many small sessions, some medium, a few huge; text from a Vocabulary
// seeded 42, with code blocks and tool calls with output. With `targetMessages`, it stops at that many
// messages instead (whichever comes first, when both are given).
Corpus writeHarvestCorpus(const QString& home, qint64 targetBytes,
                          Vocabulary::Kind kind = Vocabulary::Kind::Identifiers, qint64 targetMessages = 0);

// The search benchmarks' queries, from common words to rare ones, drawn from the ranks of the vocabulary the corpus
// was written with: the same queries for every run over the same vocabulary. Query i is of kind i % queryKinds: a
// common word, a word of medium frequency, a rare word, two words, a phrase, a prefix, the prefix of a common word,
// OR, and a word meant to be searched with a filter.
inline constexpr int queryKinds = 9;
QStringList benchQueries(const Vocabulary& words, int queryCount);

} // namespace chasm::bench
