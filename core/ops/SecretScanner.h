// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace chasm {

// Finds text that looks like a leaked credential (the keys and tokens of well-known services, private keys, JWTs,
// passwords in URLs and in assignments) and masks it, so that a report can say where a secret is without repeating
// it. Placeholders (`changeme`, `<your-key>`, `${VAR}`, `xxxx`) and low-entropy values are not findings.
class SecretScanner final
{
public:
    struct Finding
    {
        QString rule;         // "github-token"
        QString name;         // "GitHub token"
        qsizetype offset = 0; // where the secret starts in the text, in QString characters (UTF-16 code units)
        qsizetype length = 0;
        QString masked; // mask() of the secret
    };
    struct Rule
    {
        QString id;
        QString name;
    };

    // Every rule, in the order a finding of one is preferred over an overlapping finding of a later one.
    static QList<Rule> rules();
    // The secrets in the text, in order of offset, none overlapping another.
    static QList<Finding> scan(QStringView text);
    // The secret with all but its first few characters (at most 4, at most a quarter of it) replaced by '*', and
    // at most 16 of those: "ghp_****************".
    static QString mask(QStringView secret);
    // The text with each finding (of scan(text)) replaced by its masked form.
    static QString redacted(QStringView text, const QList<Finding>& findings);
    static QString redacted(QStringView text) { return redacted(text, scan(text)); }
    // Shannon entropy in bits per character: how far a value is from a word or a repeated pattern.
    static double entropy(QStringView text);
};

} // namespace chasm
