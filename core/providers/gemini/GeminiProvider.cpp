// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "GeminiProvider.h"

#include "json/Json.h"
#include "providers/gemini/GeminiChat.h"
#include "util/RegularFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

QString geminiDirectory(const Environment& environment)
{
    const QString configured = environment.variable(u"GEMINI_CLI_HOME"_s);
    return (configured.isEmpty() ? environment.home() : environment.absolutePath(configured)) + u"/.gemini"_s;
}

// A path written in a file: its first line, unless that cannot be a path (a NUL in it).
QString pathIn(const QString& file)
{
    QFile device;
    if (RegularFile::open(device, file, json::descriptorBytes)) {
        return {};
    }
    const QString line = QString::fromUtf8(device.readLine(64 * 1024)).trimmed();
    return line.contains(QChar(0)) ? QString() : line;
}

// A retention period as Gemini CLI writes it ("30d", "24h", "2w", "1m": a month is 30 days), in ms; 0 when it is
// not one.
qint64 periodMs(const QString& period)
{
    static const QRegularExpression form(u"^(\\d{1,9})([dhwm])$"_s);
    const QRegularExpressionMatch match = form.match(period);
    if (!match.hasMatch()) {
        return 0;
    }
    constexpr qint64 hourMs = 3600ll * 1000;
    const qint64 unit = match.captured(2) == u"h"_s   ? hourMs
                        : match.captured(2) == u"d"_s ? 24 * hourMs
                        : match.captured(2) == u"w"_s ? 7 * 24 * hourMs
                                                      : 30 * 24 * hourMs;
    return match.captured(1).toLongLong() * unit;
}

} // namespace

QList<Workspace> geminiStyleWorkspaces(const SessionFileProvider& provider, const QString& tmpDirectory,
                                       const QString& projectsFile)
{
    // projects.json: {"projects": {"/project/root": "folder"}}
    QHash<QString, QString> rootOf;
    if (auto projects = json::parseFile(projectsFile); projects) {
        if (const boost::json::value* map = json::find(*projects, "projects"); map && map->is_object()) {
            for (const auto& [root, folder] : map->get_object()) {
                if (folder.is_string() && std::string_view(root).find('\0') == std::string_view::npos) {
                    rootOf.insert(json::toQString(folder.get_string()), json::toQString(std::string_view(root)));
                }
            }
        }
    }
    QList<Workspace> result;
    const QDir tmp(tmpDirectory);
    for (const QFileInfo& folder : tmp.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!QFileInfo(folder.filePath() + u"/chats"_s).isDir()) {
            continue;
        }
        QString projectPath = pathIn(folder.absoluteFilePath() + u"/.project_root"_s);
        if (projectPath.isEmpty()) {
            projectPath = rootOf.value(folder.fileName());
        }
        result.append(provider.folderWorkspace(folder.fileName(), Workspace::Kind::Folder, folder.absoluteFilePath(),
                                               folder.absoluteFilePath() + u"/chats"_s, projectPath));
    }
    return result;
}

QStringList geminiStyleSessionFiles(const Workspace& workspace)
{
    QStringList files;
    const QDir chats(workspace.chatSessionsPath);
    for (const QString& name : chats.entryList({u"*.json"_s, u"*.jsonl"_s}, QDir::Files, QDir::Name)) {
        files << chats.filePath(name);
    }
    return files;
}

GeminiProvider::GeminiProvider()
    : SessionFileProvider({u"gemini"_s, u"Gemini CLI"_s, {u"geminicli"_s, u"gemini-cli"_s}, {u"gemini"_s}})
{}

QStringList GeminiProvider::storageLocations(const Environment& environment) const
{
    return {geminiDirectory(environment) + u"/tmp"_s};
}

QList<Workspace> GeminiProvider::workspaces(const Environment& environment) const
{
    const QString base = geminiDirectory(environment);
    return geminiStyleWorkspaces(*this, base + u"/tmp"_s, base + u"/projects.json"_s);
}

RetentionRule GeminiProvider::retention(const Environment& environment) const
{
    // From google-gemini/gemini-cli: packages/cli/src/config/settingsSchema.ts (general.sessionRetention: enabled,
    // by default true, maxAge "30d", maxCount, minRetention "1d"; the defaults since March 2026, cleanup was off
    // before) and packages/cli/src/utils/sessionCleanup.ts (when gemini starts in a project, it deletes that
    // project's chats whose lastUpdated is older than maxAge, and all but the newest maxCount; a maxAge that is
    // not <number><h|d|w|m>, shorter than minRetention, or a maxCount under 1 turns the cleanup off). Only the
    // user's settings are read here, not the system's or a project's.
    constexpr qint64 dayMs = 24ll * 3600 * 1000;
    RetentionRule rule;
    rule.enabled = true;
    rule.maxAgeMs = 30 * dayMs;
    rule.basis = RetentionRule::Basis::LastActivity;
    rule.note = u"when Gemini CLI starts in a project, that project's chats last updated longer ago than the period, "
                "or older than the newest max_count"_s;
    const QString file = geminiDirectory(environment) + u"/settings.json"_s;
    if (!QFileInfo::exists(file)) {
        return rule;
    }
    const auto fallBack = [&rule](const QString& why) {
        rule.error = why + u"; Gemini CLI's default (30 days) is assumed"_s;
        return rule;
    };
    // Gemini CLI reads its settings as JSON with comments.
    auto settings = json::parseFile(file, true, json::descriptorBytes);
    if (!settings) {
        return fallBack(settings.error().message);
    }
    const boost::json::value* general = settings->is_object() ? json::find(*settings, "general") : nullptr;
    const boost::json::value* retention = general ? json::find(*general, "sessionRetention") : nullptr;
    if (!retention) {
        return settings->is_object() ? rule : fallBack(file + u": not a JSON object"_s);
    }
    const QString key = u"general.sessionRetention"_s;
    if (!retention->is_object()) {
        return fallBack(u"%1: %2 is not an object"_s.arg(file, key));
    }
    const boost::json::value* enabled = json::find(*retention, "enabled");
    const boost::json::value* maxAge = json::find(*retention, "maxAge");
    const boost::json::value* maxCount = json::find(*retention, "maxCount");
    const boost::json::value* minRetention = json::find(*retention, "minRetention");
    if ((enabled && !enabled->is_bool()) || (maxAge && !maxAge->is_string()) ||
        (maxCount && !json::integer(*maxCount)) || (minRetention && !minRetention->is_string())) {
        return fallBack(u"%1: %2 holds a value of the wrong type (enabled: true or false, maxAge and minRetention: "
                        "\"30d\", maxCount: a number)"_s.arg(file, key));
    }
    rule.source = file;
    // What Gemini CLI does with values it refuses: no cleanup at all, said in its debug log.
    const auto off = [&rule, &file, &key](const QString& why) {
        rule.enabled = false;
        rule.error = u"%1: %2: %3; Gemini CLI then deletes nothing"_s.arg(file, key, why);
        return rule;
    };
    if (enabled && !enabled->as_bool()) {
        rule.enabled = false;
        return rule;
    }
    if (maxAge) {
        const QString period = json::toQString(maxAge->as_string());
        rule.maxAgeMs = periodMs(period);
        if (!period.isEmpty() && rule.maxAgeMs == 0) {
            return off(u"maxAge \"%1\" is not a number and one of h, d, w, m"_s.arg(period.left(40)));
        }
        const QString minimum = minRetention ? json::toQString(minRetention->as_string()) : QString();
        const qint64 minimumMs = periodMs(minimum) > 0 ? periodMs(minimum) : dayMs;
        if (rule.maxAgeMs > 0 && rule.maxAgeMs < minimumMs) {
            return off(
                u"maxAge %1 is shorter than minRetention %2"_s.arg(period, minimum.isEmpty() ? u"1d"_s : minimum));
        }
    }
    if (maxCount) {
        const qint64 count = *json::integer(*maxCount);
        if (count < 1) {
            return off(u"maxCount must be at least 1"_s);
        }
        rule.maxCount = int(std::min<qint64>(count, std::numeric_limits<int>::max()));
    }
    if (rule.maxAgeMs == 0 && rule.maxCount == 0) {
        return off(u"neither maxAge nor maxCount is set"_s);
    }
    return rule;
}

QStringList GeminiProvider::sessionFiles(const Workspace& workspace) const
{
    return geminiStyleSessionFiles(workspace);
}

Result<Session> GeminiProvider::readSession(const QString& path, const Workspace& workspace,
                                            const SessionPreview& /*preview*/) const
{
    Q_UNUSED(workspace)
    return GeminiChat::read(path);
}

QString GeminiProvider::nativeIdOfUnreadable(const QString& path) const
{
    return GeminiChat::declaredId(path);
}

} // namespace chasm
