// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SecretScanner.h"

#include "util/QtVersions.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QRegularExpression>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// Whether a value is what documentation and templates put where a secret goes, not a secret.
bool placeholder(QStringView value)
{
    static const std::array<QStringView, 23> words{
        u"password", u"passwd", u"pass", u"pwd",  u"secret", u"changeme", u"admin", u"root",
        u"postgres", u"mysql",  u"user", u"test", u"guest",  u"default",  u"none",  u"null",
        u"token",    u"apikey", u"key",  u"demo", u"sample", u"example",  u"foobar"};
    static const std::array<QStringView, 17> parts{
        u"example", u"changeme", u"change_me", u"change-me", u"placeholder", u"your",  u"xxxx",     u"****", u"...",
        u"<",       u">",        u"${",        u"{{",        u"%s",          u"dummy", u"redacted", u"fake"};
    if (value.startsWith(u'$') || value.startsWith(u'%') || value.startsWith(u'{') || value.startsWith(u'[')) {
        return true;
    }
    const auto is = [value](QStringView word) { return value.compare(word, Qt::CaseInsensitive) == 0; };
    const auto has = [value](QStringView part) { return value.contains(part, Qt::CaseInsensitive); };
    return std::any_of(words.cbegin(), words.cend(), is) || std::any_of(parts.cbegin(), parts.cend(), has);
}

// How many of lower case letters, upper case letters, digits and other characters a value mixes.
int characterClasses(QStringView value)
{
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : value) {
        lower |= c >= u'a' && c <= u'z';
        upper |= c >= u'A' && c <= u'Z';
        digit |= c.isDigit();
        other |= !c.isLetterOrNumber();
    }
    return int(lower) + int(upper) + int(digit) + int(other);
}

bool hasDigit(QStringView value)
{
    return std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// A JWT's first part is base64url of a JSON object naming its algorithm.
bool jwtHeader(QStringView token)
{
    const QByteArray header = QByteArray::fromBase64(token.left(token.indexOf(u'.')).toLatin1(),
                                                     QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    boost::system::error_code error;
    const boost::json::value parsed = boost::json::parse(std::string_view(header.constData(), header.size()), error);
    return !error && parsed.is_object() && parsed.as_object().contains("alg");
}

// A private key block holds a key, not "..." or a line of prose.
bool pemBody(QStringView block)
{
    QStringView body = block.mid(block.indexOf(u"-----"_s, 5) + 5);
    body = body.left(body.indexOf(u"-----END"_s));
    qsizetype base64 = 0;
    for (const QChar c : body) {
        base64 += c.isLetterOrNumber() || c == u'+' || c == u'/';
    }
    return base64 >= 64;
}

struct Rule
{
    QString id;
    QString name;
    QRegularExpression pattern;
    int group = 0; // the capture that is the secret
    // Literal strings one of which the text must contain for the rule to be tried (none: always tried).
    QList<QString> keywords;
    double minEntropy = 0;
    std::function<bool(QStringView)> accept; // what else a secret must be
    // Whether a placeholder's words make it no secret: not for a private key, long enough to hold one by chance.
    bool placeholders = true;
};

QRegularExpression compiled(const QString& pattern, QRegularExpression::PatternOptions options = {})
{
    QRegularExpression regex(pattern, options);
    regex.optimize();
    return regex;
}

const QList<Rule>& allRules()
{
    using RE = QRegularExpression;
    const auto notAwsExample = [](QStringView s) { return !s.contains(u"EXAMPLE"); };
    const auto mixed = [](QStringView s) { return hasDigit(s) && characterClasses(s) >= 2; };
    static const QList<Rule> rules{
        {u"private-key"_s,
         u"Private key"_s,
         compiled(uR"(-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])*+)"
                  uR"((?:[A-Za-z-]+: [^\r\n\\]*(?:\s|\\[rn])++)*+)"
                  uR"((?:[A-Za-z0-9+/=]{16,}+(?:\s|\\[rn])*+)++)"
                  uR"((?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)?)"_s),
         0,
         {u"PRIVATE KEY"_s},
         0,
         pemBody,
         false},
        {u"aws-access-key-id"_s,
         u"AWS access key ID"_s,
         compiled(uR"((?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9]))"_s),
         0,
         {u"AKIA"_s, u"ASIA"_s},
         2.5,
         notAwsExample},
        {u"aws-secret-access-key"_s,
         u"AWS secret access key"_s,
         compiled(uR"(aws[a-z0-9_ .-]{0,20}?(?:secret|private)[a-z0-9_ .-]{0,20}?["']?\s{0,4}(?:=|:=|=>|:)\s{0,4})"
                  uR"(\\?["']?([a-z0-9/+]{40})(?![a-z0-9/+=]))"_s,
                  RE::CaseInsensitiveOption),
         1,
         {},
         3.5,
         notAwsExample},
        {u"github-token"_s,
         u"GitHub token"_s,
         compiled(uR"(\bgh[pousr]_[A-Za-z0-9]{36,255}\b)"_s),
         0,
         {u"ghp_"_s, u"gho_"_s, u"ghu_"_s, u"ghs_"_s, u"ghr_"_s},
         3.0,
         {}},
        {u"github-fine-grained-token"_s,
         u"GitHub fine-grained token"_s,
         compiled(uR"(\bgithub_pat_[A-Za-z0-9_]{50,255}\b)"_s),
         0,
         {u"github_pat_"_s},
         3.0,
         {}},
        {u"gitlab-token"_s,
         u"GitLab personal access token"_s,
         compiled(uR"(\bglpat-[A-Za-z0-9_-]{20,}+(?![A-Za-z0-9_-]))"_s),
         0,
         {u"glpat-"_s},
         3.0,
         {}},
        {u"slack-webhook"_s,
         u"Slack webhook"_s,
         compiled(uR"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{20,}+)"_s),
         0,
         {u"hooks.slack.com"_s},
         3.0,
         {}},
        {u"slack-token"_s,
         u"Slack token"_s,
         compiled(uR"(\bxox[abposr]-[A-Za-z0-9-]{10,250}+(?![A-Za-z0-9_-]))"_s),
         0,
         {u"xox"_s},
         3.0,
         hasDigit},
        {u"stripe-key"_s,
         u"Stripe live key"_s,
         compiled(uR"(\b[sr]k_live_[A-Za-z0-9]{20,247}\b)"_s),
         0,
         {u"_live_"_s},
         3.0,
         {}},
        {u"anthropic-key"_s,
         u"Anthropic API key"_s,
         compiled(uR"(\bsk-ant-[A-Za-z0-9_-]{32,}+(?![A-Za-z0-9_-]))"_s),
         0,
         {u"sk-ant-"_s},
         3.0,
         mixed},
        {u"openai-key"_s,
         u"OpenAI API key"_s,
         compiled(uR"(\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}+(?![A-Za-z0-9_-]))"_s),
         0,
         {u"sk-"_s},
         3.5,
         mixed},
        {u"google-api-key"_s,
         u"Google API key"_s,
         compiled(uR"(\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-]))"_s),
         0,
         {u"AIza"_s},
         3.0,
         {}},
        {u"jwt"_s,
         u"JSON Web Token"_s,
         compiled(uR"(\beyJ[A-Za-z0-9_-]{10,}+\.[A-Za-z0-9_-]{10,}+\.[A-Za-z0-9_-]*+)"_s),
         0,
         {u"eyJ"_s},
         3.0,
         jwtHeader},
        {u"database-url"_s,
         u"Password in a database URL"_s,
         compiled(uR"(\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|)"
                  uR"(cockroachdb)://[^\s:/@"'<>]*:([^\s@/"'<>]+)@[^\s/"'<>@]+)"_s),
         1,
         {u"://"_s},
         0,
         {}},
        {u"url-credentials"_s,
         u"Password in a URL"_s,
         compiled(uR"(\b(?:https?|ftps?|smtps?|ldaps?|git|ssh)://[^\s:/@"'<>]+:([^\s@/"'<>]+)@[^\s/"'<>@]+)"_s),
         1,
         {u"://"_s},
         0,
         {}},
        {u"secret-assignment"_s,
         u"Password or secret in an assignment"_s,
         compiled(uR"((?:password|passwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key)["']?)"
                  uR"(\s{0,4}(?:=|:=|=>|:)\s{0,4}\\?(["'`])([^"'`\s\\]{8,200})\\?\g{1})"_s,
                  RE::CaseInsensitiveOption),
         2,
         {},
         3.0,
         [](QStringView s) { return characterClasses(s) >= 2; }},
        // The .env form: an upper-case name ending in one of the words, unquoted.
        {u"secret-assignment"_s,
         u"Password or secret in an assignment"_s,
         compiled(uR"(^[ \t]*(?:export[ \t]+)?[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY))"
                  uR"(=([^\s"'`#$]{8,200}))"_s,
                  RE::MultilineOption),
         1,
         {},
         3.0,
         [](QStringView s) { return characterClasses(s) >= 2; }},
    };
    return rules;
}

// The rules' keywords the text holds, found in one pass: searched one by one, they took a third of the time.
QSet<QString> keywordsIn(QStringView text)
{
    static const QRegularExpression anyKeyword = [] {
        QStringList keywords;
        for (const auto& rule : allRules()) {
            keywords << rule.keywords;
        }
        keywords.removeDuplicates();
        // Longest first, so that a keyword that starts another ("sk-" of "sk-ant-") does not hide it.
        std::sort(keywords.begin(), keywords.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
        for (QString& keyword : keywords) {
            keyword = QRegularExpression::escape(keyword);
        }
        return compiled(keywords.join(u'|'));
    }();
    QSet<QString> found;
    QRegularExpressionMatchIterator it = globalMatchView(anyKeyword, text);
    while (it.hasNext()) {
        found.insert(it.next().captured());
    }
    return found;
}

} // namespace

QList<SecretScanner::Rule> SecretScanner::rules()
{
    QList<Rule> list;
    for (const auto& rule : allRules()) {
        if (list.isEmpty() || list.constLast().id != rule.id) {
            list.append({rule.id, rule.name});
        }
    }
    return list;
}

QList<SecretScanner::Finding> SecretScanner::scan(QStringView text)
{
    // Findings in the order of the rules, so that a specific rule's finding wins over a generic one's at the same
    // place (an OpenAI key in `api_key = "sk-…"`).
    QList<Finding> kept;
    const auto overlaps = [&kept](qsizetype offset, qsizetype length) {
        return std::any_of(kept.cbegin(), kept.cend(), [offset, length](const Finding& f) {
            return offset < f.offset + f.length && f.offset < offset + length;
        });
    };
    const QSet<QString> present = keywordsIn(text);
    for (const auto& rule : allRules()) {
        if (!rule.keywords.isEmpty() &&
            std::none_of(rule.keywords.cbegin(), rule.keywords.cend(),
                         [&present](const QString& keyword) { return present.contains(keyword); })) {
            continue;
        }
        QRegularExpressionMatchIterator it = globalMatchView(rule.pattern, text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const qsizetype offset = match.capturedStart(rule.group);
            const qsizetype length = match.capturedLength(rule.group);
            const QStringView secret = text.mid(offset, length);
            if ((rule.placeholders && placeholder(secret)) ||
                (rule.minEntropy > 0 && entropy(secret) < rule.minEntropy) || (rule.accept && !rule.accept(secret)) ||
                overlaps(offset, length)) {
                continue;
            }
            kept.append({rule.id, rule.name, offset, length, mask(secret)});
        }
    }
    std::sort(kept.begin(), kept.end(), [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
    return kept;
}

QString SecretScanner::mask(QStringView secret)
{
    const qsizetype shown = std::min<qsizetype>(4, secret.size() / 4);
    return secret.left(shown) + QString(std::min<qsizetype>(secret.size() - shown, 16), u'*');
}

QString SecretScanner::redacted(QStringView text, const QList<Finding>& findings)
{
    QString result;
    result.reserve(text.size());
    qsizetype at = 0;
    for (const Finding& f : findings) {
        result += text.mid(at, f.offset - at);
        result += f.masked;
        at = f.offset + f.length;
    }
    result += text.mid(at);
    return result;
}

double SecretScanner::entropy(QStringView text)
{
    if (text.isEmpty()) {
        return 0;
    }
    QHash<char16_t, int> counts;
    for (const QChar c : text) {
        ++counts[c.unicode()];
    }
    double bits = 0;
    for (const int n : std::as_const(counts)) {
        const double p = double(n) / double(text.size());
        bits -= p * std::log2(p);
    }
    return bits;
}

} // namespace chasm
