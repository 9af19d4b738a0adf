// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ops/SecretScanner.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// `n` characters of `alphabet` drawn by a fixed generator: values that look random, written nowhere as they are,
// the same in every run.
QString drawn(int n, quint32 seed,
              const QString& alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s)
{
    QString s;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;
        s += alphabet.at(int((seed >> 8) % quint32(alphabet.size())));
    }
    return s;
}

QString upperDigits(int n, quint32 seed)
{
    return drawn(n, seed, u"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"_s);
}

QString base64Url(const QByteArray& data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString pemKey(const QString& newline)
{
    return u"-----BEGIN RSA PRIVATE KEY-----"_s + newline + drawn(64, 1) + newline + drawn(64, 2) + newline +
           drawn(40, 3) + u"=="_s + newline + u"-----END RSA PRIVATE KEY-----"_s;
}

QString jwt()
{
    return base64Url(R"({"alg":"HS256","typ":"JWT"})") + u'.' + base64Url(R"({"sub":"1234567890","name":"Ann"})") +
           u'.' + drawn(43, 7, u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"_s);
}

// Checks what mask() promises of one secret.
bool maskedWell(const QString& secret, const QString& masked)
{
    const qsizetype shown = masked.indexOf(u'*') < 0 ? masked.size() : masked.indexOf(u'*');
    return shown <= 4 && shown <= secret.size() / 4 && secret.startsWith(masked.left(shown)) &&
           masked.mid(shown) == QString(masked.size() - shown, u'*') && masked.size() - shown <= 16 &&
           masked.size() - shown >= std::min<qsizetype>(secret.size() - shown, 16) && !masked.contains(secret);
}

} // namespace

// The secret scanner: each rule finds its secret where it is, placeholders are not secrets, and the masked form
// never shows more than it may.
class TestSecretScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void eachRule_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("rule");
        const auto row = [](const QString& name, const QString& before, const QString& secret, const QString& after,
                            const QString& rule) {
            QTest::newRow(qPrintable(name)) << before << secret << after << rule;
        };
        const QString aws = u"AKIA"_s + upperDigits(16, 11);
        row(u"aws key id"_s, u"export AWS_ACCESS_KEY_ID="_s, aws, u"\n"_s, u"aws-access-key-id"_s);
        row(u"aws session key id"_s, u"key "_s, u"ASIA"_s + upperDigits(16, 12), u" expires"_s, u"aws-access-key-id"_s);
        row(u"aws secret key"_s, u"aws_secret_access_key = "_s, drawn(38, 13) + u"/+"_s, u"\n"_s,
            u"aws-secret-access-key"_s);
        row(u"aws secret key, JSON"_s, u"{\"AwsSecretAccessKey\": \""_s, drawn(40, 14), u"\"}"_s,
            u"aws-secret-access-key"_s);
        for (const QString& prefix : {u"ghp_"_s, u"gho_"_s, u"ghu_"_s, u"ghs_"_s, u"ghr_"_s}) {
            row(u"github "_s + prefix, u"git remote set-url origin https://x-access-token:"_s,
                prefix + drawn(36, 20 + prefix.at(2).unicode()), u"@github.com/me/app"_s, u"github-token"_s);
        }
        row(u"github fine-grained"_s, u"token: "_s, u"github_pat_"_s + drawn(22, 30) + u'_' + drawn(59, 31),
            u" (expires)"_s, u"github-fine-grained-token"_s);
        row(u"gitlab"_s, u"GITLAB="_s, u"glpat-"_s + drawn(20, 32), QString(), u"gitlab-token"_s);
        row(u"slack bot"_s, u"slack "_s, u"xoxb-123456789012-1234567890123-"_s + drawn(24, 33), u"."_s,
            u"slack-token"_s);
        row(u"slack user"_s, u"("_s, u"xoxp-"_s + drawn(12, 34, u"0123456789"_s) + u'-' + drawn(30, 35), u")"_s,
            u"slack-token"_s);
        row(u"slack webhook"_s, u"curl -X POST "_s,
            u"https://hooks.slack.com/services/T"_s + upperDigits(8, 36) + u"/B"_s + upperDigits(8, 37) + u'/' +
                drawn(24, 38),
            u" -d @msg.json"_s, u"slack-webhook"_s);
        row(u"stripe secret"_s, u"Stripe.apiKey = '"_s, u"sk_live_"_s + drawn(24, 40), u"';"_s, u"stripe-key"_s);
        row(u"stripe restricted"_s, u"key="_s, u"rk_live_"_s + drawn(24, 41), QString(), u"stripe-key"_s);
        row(u"openai legacy"_s, u"OPENAI_API_KEY="_s, u"sk-"_s + drawn(48, 42), u"\n"_s, u"openai-key"_s);
        row(u"openai project"_s, u"client = OpenAI(api_key=\""_s,
            u"sk-proj-"_s + drawn(40, 43) + u"-"_s + drawn(20, 44) + u"_"_s + drawn(30, 45), u"\")"_s, u"openai-key"_s);
        row(u"anthropic"_s, u"ANTHROPIC_API_KEY=\""_s, u"sk-ant-api03-"_s + drawn(93, 46) + u"-AA"_s, u"\""_s,
            u"anthropic-key"_s);
        row(u"google"_s, u"?key="_s, u"AIza"_s + drawn(35, 47), u"&q=x"_s, u"google-api-key"_s);
        row(u"private key"_s, u"here is the key:\n"_s, pemKey(u"\n"_s), u"\nthanks"_s, u"private-key"_s);
        row(u"private key, JSON-escaped"_s, u"{\"content\": \""_s, pemKey(u"\\n"_s), u"\\n\"}"_s, u"private-key"_s);
        row(u"jwt"_s, u"Authorization: Bearer "_s, jwt(), u"\n"_s, u"jwt"_s);
        row(u"postgres url"_s, u"DATABASE_URL=postgres://app:"_s, u"Vq8"_s + drawn(9, 50), u"@db.internal:5432/app"_s,
            u"database-url"_s);
        row(u"mongodb url"_s, u"mongodb+srv://admin:"_s, drawn(14, 51), u"@cluster0.mongodb.net/test"_s,
            u"database-url"_s);
        row(u"https credentials"_s, u"git clone https://deploy:"_s, drawn(16, 52), u"@git.internal.org/app.git"_s,
            u"url-credentials"_s);
        row(u"password assignment"_s, u"db.connect(password = \""_s, u"Xk9#mP2$vL7q"_s, u"\")"_s,
            u"secret-assignment"_s);
        row(u"api_key in JSON"_s, u"{\"api_key\": \""_s, drawn(32, 53), u"\"}"_s, u"secret-assignment"_s);
        row(u"token in YAML"_s, u"  auth_token: '"_s, drawn(24, 54), u"'\n"_s, u"secret-assignment"_s);
        row(u"secret, escaped quotes"_s, u"{\"command\": \"export CLIENT_SECRET=\\\""_s, drawn(20, 55), u"\\\"\"}"_s,
            u"secret-assignment"_s);
        row(u".env line"_s, u"PORT=8080\nDB_PASSWORD="_s, drawn(14, 56), u"\nDEBUG=1"_s, u"secret-assignment"_s);
    }

    void eachRule()
    {
        QFETCH(QString, before);
        QFETCH(QString, secret);
        QFETCH(QString, after);
        QFETCH(QString, rule);
        const QString text = before + secret + after;
        const QList<SecretScanner::Finding> found = SecretScanner::scan(text);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().rule, rule);
        QCOMPARE(text.mid(found.first().offset, found.first().length), secret);
        QVERIFY(!found.first().name.isEmpty());
        QVERIFY2(maskedWell(secret, found.first().masked), qPrintable(found.first().masked));
        const QString redacted = SecretScanner::redacted(text);
        QVERIFY(!redacted.contains(secret));
        QCOMPARE(redacted, QString(before + found.first().masked + after));
    }

    void everyRuleTested()
    {
        QStringList ids;
        for (const auto& rule : SecretScanner::rules()) {
            ids << rule.id;
        }
        QCOMPARE(ids,
                 (QStringList{u"private-key"_s, u"aws-access-key-id"_s, u"aws-secret-access-key"_s, u"github-token"_s,
                              u"github-fine-grained-token"_s, u"gitlab-token"_s, u"slack-webhook"_s, u"slack-token"_s,
                              u"stripe-key"_s, u"anthropic-key"_s, u"openai-key"_s, u"google-api-key"_s, u"jwt"_s,
                              u"database-url"_s, u"url-credentials"_s, u"secret-assignment"_s}));
    }

    void placeholders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("changeme") << u"password = \"changeme\""_s;
        QTest::newRow("your key") << u"api_key = \"<your-key>\""_s;
        QTest::newRow("your key, words") << u"OPENAI_API_KEY=\"sk-your-api-key-here-1234\""_s;
        QTest::newRow("variable") << u"token: \"${GITHUB_TOKEN}\""_s;
        QTest::newRow("env variable") << u"API_TOKEN=$API_TOKEN_FROM_VAULT"_s;
        QTest::newRow("xxx") << u"secret = \"xxxxxxxxxxxxxxxx\""_s;
        QTest::newRow("stars") << u"password: \"****************\""_s;
        QTest::newRow("low entropy") << u"password = \"aaaaaaaabbbb\""_s;
        QTest::newRow("one class") << u"token = \"abcdefghijklmnop\""_s;
        QTest::newRow("code") << u"token = getenv(\"TOKEN\"); max_tokens: 4096; token_type: \"bearer\""_s;
        QTest::newRow("aws docs")
            << u"AKIAIOSFODNN7EXAMPLE aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;
        QTest::newRow("github x") << u"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"_s;
        QTest::newRow("github zeros") << u"ghp_000000000000000000000000000000000000"_s;
        QTest::newRow("openai dots") << u"sk-...abcd and sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"_s;
        QTest::newRow("words after sk-") << u"a sk-learn-compatible-estimator-wrapper"_s;
        QTest::newRow("slack docs")
            << u"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"_s;
        QTest::newRow("database url") << u"postgres://user:password@localhost:5432/db"_s;
        QTest::newRow("database url variable") << u"postgresql://app:${DB_PASS}@db/app"_s;
        QTest::newRow("private key elided") << u"-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"_s;
        QTest::newRow("public key") << u"-----BEGIN PUBLIC KEY-----\n"_s + drawn(64, 60) +
                                           u"\n-----END PUBLIC KEY-----"_s;
        QTest::newRow("not a jwt") << QString(base64Url(R"({"typ":"x"})") + u'.' + drawn(20, 61) + u'.' +
                                              drawn(20, 62));
        QTest::newRow("prose") << u"The token is stored in the keychain; rotate the secret monthly."_s;
    }

    void placeholders()
    {
        QFETCH(QString, text);
        const auto found = SecretScanner::scan(text);
        QVERIFY2(found.isEmpty(), qPrintable(found.isEmpty() ? QString() : found.first().rule));
    }

    // However long the secret, the masked form shows at most 4 characters and at most a quarter of it.
    void maskNeverShowsTooMuch()
    {
        for (int n = 0; n <= 120; ++n) {
            const QString secret = drawn(n, quint32(n) + 100);
            const QString masked = SecretScanner::mask(secret);
            QVERIFY2(maskedWell(secret, masked) || n == 0, qPrintable(masked));
        }
        QCOMPARE(SecretScanner::mask(QString(u"ghp_"_s + drawn(36, 5))), u"ghp_****************"_s);
        QCOMPARE(SecretScanner::mask(u"abcdefgh"_s), u"ab******"_s);
        QCOMPARE(SecretScanner::mask(u"abc"_s), u"***"_s);
    }

    // A specific rule wins over the generic assignment at the same place.
    void specificRuleWins()
    {
        const QString key = u"sk-proj-"_s + drawn(48, 70);
        const auto found = SecretScanner::scan(QString(u"api_key = \""_s + key + u'"'));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().rule, u"openai-key"_s);
        QCOMPARE(found.first().length, key.size());
    }

    // Secrets over several lines are found whole; secrets on neighbouring lines each.
    void acrossLines()
    {
        const QString pem = pemKey(u"\r\n"_s);
        const QString text = u"config:\n"_s + pem + u"\n"_s;
        auto found = SecretScanner::scan(text);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().offset, 8);
        QCOMPARE(found.first().length, pem.size());
        QVERIFY(!SecretScanner::redacted(text).contains(drawn(64, 1)));

        // A key cut off before its end (a truncated paste) is still a key.
        const QString truncated = pemKey(u"\n"_s).left(120);
        found = SecretScanner::scan(truncated);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().rule, u"private-key"_s);

        const QString id = u"AKIA"_s + upperDigits(16, 71);
        const QString secret = drawn(40, 72);
        const QString credentials =
            u"[default]\naws_access_key_id = "_s + id + u"\naws_secret_access_key = "_s + secret + u"\n"_s;
        found = SecretScanner::scan(credentials);
        QCOMPARE(found.size(), 2);
        QCOMPARE(credentials.mid(found.at(0).offset, found.at(0).length), id);
        QCOMPARE(credentials.mid(found.at(1).offset, found.at(1).length), secret);
        QCOMPARE(found.at(1).rule, u"aws-secret-access-key"_s);
    }

    // Offsets count QString characters, whatever the text around is written in.
    void unicodeAround()
    {
        const QString token = u"ghp_"_s + drawn(36, 80);
        const QString text = u"Schlüssel für das Repo 🔑: "_s + token + u" ——是密钥，请勿泄露。"_s;
        const auto found = SecretScanner::scan(text);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().offset, text.indexOf(token));
        QCOMPARE(found.first().length, token.size());
        QCOMPARE(SecretScanner::redacted(text),
                 u"Schlüssel für das Repo 🔑: ghp_**************** ——是密钥，请勿泄露。"_s);

        const QString password = drawn(12, 81);
        const QString chinese = u"密码＝\"x\"；password = \""_s + password + u"\" 🙂"_s;
        const auto assigned = SecretScanner::scan(chinese);
        QCOMPARE(assigned.size(), 1);
        QCOMPARE(chinese.mid(assigned.first().offset, assigned.first().length), password);
    }

    void entropy()
    {
        QCOMPARE(SecretScanner::entropy(u"aaaa"_s), 0.0);
        QCOMPARE(SecretScanner::entropy(u"abab"_s), 1.0);
        QCOMPARE(SecretScanner::entropy(u"abcdefgh"_s), 3.0);
    }
};

QTEST_GUILESS_MAIN(TestSecretScanner)
#include "TestSecretScanner.moc"
