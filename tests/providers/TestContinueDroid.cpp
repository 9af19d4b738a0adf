// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "FixtureHome.h"
#include "providers/SessionCatalog.h"
#include "providers/continuedev/ContinueProvider.h"
#include "providers/droid/DroidProvider.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace chasm;

class TestContinueDroid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_continue.isValid());
        QVERIFY(m_droid.isValid());
    }

    void continueSession()
    {
        const auto s = ContinueProvider::readDocument(
            m_continue.file(u".continue/sessions/c1c1c1c1-0000-4000-8000-000000000001.json"_s));
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->projectPath, u"/home/dev/projects/my site"_s);  // the IDE stores a URI
        QCOMPARE(s->title, u"What does build.sh do? [imageUrl]"_s); // "Untitled Session" is no title
        QCOMPARE(test::roles(*s),
                 (QStringList{u"system"_s, u"user"_s, u"assistant"_s, u"assistant"_s, u"user"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(1).references, QStringList{u"/home/dev/projects/my site/scripts/build.sh"_s});
        const Message& calls = s->messages.at(2);
        QCOMPARE(calls.model, u"claude-sonnet-4-5"_s);
        QCOMPARE(calls.toolCalls.size(), 2);
        QCOMPARE(calls.toolCalls.at(0).input, uR"({"filepath":"scripts/build.sh"})"_s);
        QCOMPARE(calls.toolCalls.at(0).output, u"#!/bin/sh\nnpm run build"_s);
        QCOMPARE(calls.toolCalls.at(0).status, u"completed"_s);
        QCOMPARE(calls.toolCalls.at(1).status, u"error"_s);
        QCOMPARE(s->messages.at(5).toolCalls.at(0).status, u"cancelled"_s);
        QCOMPARE(s->totalTokens, std::optional<qint64>(1280));
    }

    void continueListing()
    {
        SessionCatalog catalog(m_continue.environment());
        const auto providers = catalog.providers(u"continuedev"_s);
        const QList<SessionRef> sessions = catalog.sessions(*providers, catalog.workspaces(*providers));
        QCOMPARE(sessions.size(), 3); // sessions.json is the index, not a session
        const auto empty = SessionCatalog::resolveSession(sessions, u"continue:c2c2"_s);
        QCOMPARE(empty->title, u"Release checklist"_s);
        QCOMPARE(empty->messageCount, 0);
        const auto broken = SessionCatalog::resolveSession(sessions, u"continue:c3c3"_s);
        QVERIFY(broken->error.contains(u"not valid JSON"_s));
    }

    // Continue records when it created a session (its entry in sessions.json, in milliseconds as a string): that is
    // when it started, not the file's time, which is that of a copy or a restore as much as the session's.
    void continueDateCreated()
    {
        const QDateTime created = QDateTime::fromMSecsSinceEpoch(1767225600000, QTimeZone::utc());
        const auto s = ContinueProvider::readDocument(
            m_continue.file(u".continue/sessions/c1c1c1c1-0000-4000-8000-000000000001.json"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->createdAt, created);
        QVERIFY(s->updatedAt >= created);
        SessionCatalog catalog(m_continue.environment());
        const auto providers = catalog.providers(u"continue"_s);
        const auto listed = SessionCatalog::resolveSession(catalog.sessions(*providers, catalog.workspaces(*providers)),
                                                           u"continue:c1c1"_s);
        QVERIFY(listed.ok());
        QCOMPARE(listed->createdAt, created);
    }

    void droidSession()
    {
        const auto s = DroidProvider::readSessionFile(
            m_droid.file(u".factory/sessions/-home-dev-projects-shop/d1d1d1d1-0000-4000-8000-000000000001.jsonl"_s));
        QVERIFY(s.ok());
        QCOMPARE(s->title, u"Fix the cart total"_s);
        QCOMPARE(s->projectPath, u"/home/dev/projects/shop"_s);
        QCOMPARE(test::roles(*s),
                 (QStringList{u"system"_s, u"user"_s, u"assistant"_s, u"assistant"_s, u"user"_s, u"assistant"_s}));
        QCOMPARE(s->messages.at(2).content, u"Reading the cart."_s);
        QCOMPARE(s->messages.at(2).toolCalls.at(0).output, u"export const total = (items) => sum(items)"_s);
        QCOMPARE(s->messages.at(5).toolCalls.at(0).status, u"error"_s);
        QCOMPARE(s->messages.at(5).status, u"cancelled"_s);
        QCOMPARE(s->totalTokens, std::optional<qint64>(3000 + 200 + 100 + 700));
        QCOMPARE(s->filesReferenced, QStringList{u"/home/dev/projects/shop/src/cart.ts"_s});
        QCOMPARE(s->model, u"claude-sonnet-4-5"_s);
    }

    // One assistant message holds text and tool_use blocks in the order they were made: each call keeps its
    // place in the message's text (ToolCall::at), so that it shows between the text before and after it.
    void droidToolCallPlaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"e1e1e1e1-0000-4000-8000-000000000001.jsonl"_s);
        QVERIFY(test::writeFile(
            path, R"({"type":"session_start","id":"e1e1e1e1-0000-4000-8000-000000000001","title":"Check the cart",)"
                  R"("owner":"dev","version":2,"cwd":"/home/dev/projects/shop"})"
                  "\n"
                  R"({"type":"message","id":"m1","timestamp":"2026-06-03T12:00:00.000Z","message":{"role":"user",)"
                  R"("content":[{"type":"text","text":"Check the cart"}]}})"
                  "\n"
                  R"({"type":"message","id":"m2","parentId":"m1","timestamp":"2026-06-03T12:00:02.000Z","message":)"
                  R"({"role":"assistant","modelId":"claude-sonnet-4-5","content":[{"type":"tool_use","id":"toolu_a",)"
                  R"("name":"LS","input":{"directory_path":"src"}},{"type":"text","text":"Reading the cart."},)"
                  R"({"type":"tool_use","id":"toolu_b","name":"Read","input":{"file_path":"src/cart.ts"}},)"
                  R"({"type":"text","text":"Then the tests."},{"type":"tool_use","id":"toolu_c","name":"Execute",)"
                  R"("input":{"command":"npm test"}}]}})"
                  "\n"
                  R"({"type":"message","id":"m3","parentId":"m2","timestamp":"2026-06-03T12:00:05.000Z","message":)"
                  R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_b","is_error":false,)"
                  R"("content":"export const total = 0"}]}})"
                  "\n"));
        const auto s = DroidProvider::readSessionFile(path);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(test::roles(*s), (QStringList{u"user"_s, u"assistant"_s}));
        const Message& answer = s->messages.at(1);
        QCOMPARE(answer.content, u"Reading the cart.\n\nThen the tests."_s);
        QCOMPARE(answer.toolCalls.size(), 3);
        QCOMPARE(answer.toolCalls.at(0).at, qsizetype(0));  // before any text
        QCOMPARE(answer.toolCalls.at(1).at, qsizetype(17)); // after "Reading the cart."
        QCOMPARE(answer.toolCalls.at(1).output, u"export const total = 0"_s);
        QCOMPARE(answer.toolCalls.at(2).at, answer.content.size()); // after the last text
    }

    void droidListing()
    {
        SessionCatalog catalog(m_droid.environment());
        const auto providers = catalog.providers(u"factory"_s);
        const QList<Workspace> workspaces = catalog.workspaces(*providers);
        QCOMPARE(workspaces.size(), 1);
        QCOMPARE(workspaces.at(0).projectPath, u"/home/dev/projects/shop"_s);
        const QList<SessionRef> sessions = catalog.sessions(*providers, workspaces);
        QCOMPARE(sessions.size(), 3); // settings files are not sessions
        const auto empty = SessionCatalog::resolveSession(sessions, u"droid:d2d2"_s);
        QCOMPARE(empty->messageCount, 0);
        QCOMPARE(empty->title, u"Untitled"_s);
        const auto cut = SessionCatalog::resolveSession(sessions, u"droid:d3d3"_s);
        QCOMPARE(cut->messageCount, 1);
        QCOMPARE(cut->warnings.size(), 1);
    }

private:
    test::FixtureHome m_continue{u"continue"_s};
    test::FixtureHome m_droid{u"droid"_s};
};

QTEST_GUILESS_MAIN(TestContinueDroid)
#include "TestContinueDroid.moc"
