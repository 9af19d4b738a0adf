// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

// Every --json shape of the reading commands comes from core: the CLI's output, byte for byte, is the
// service's toJson() on the same fixture.
#include "CliRun.h"
#include "FixtureHome.h"
#include "services/CatalogService.h"
#include "services/EditingService.h"
#include "services/ExportService.h"
#include "services/HarvestDatabaseService.h"
#include "services/MergeService.h"
#include "services/OrphanService.h"
#include "services/RecoverScanService.h"
#include "services/RecoverService.h"
#include "services/RegisterService.h"
#include "services/SearchService.h"
#include "services/TimelineService.h"
#include "services/TransferService.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <functional>
#include <sstream>

using namespace Qt::StringLiterals;
using namespace chasm;

namespace {

// Where a row's fixture is: its HOME, the project the commands name, and the harvest database.
struct Place
{
    QString home;
    QString project;
    QString database;
};

using Shape = std::function<boost::json::value(const SessionCatalog&, const Place&)>;

using Run = test::CliRun;

Run chasmRun(const Environment& environment, const QStringList& args)
{
    return test::runCli(environment, args);
}

template<typename T>
T take(Result<T> result)
{
    if (!result) {
        qWarning() << result.error().message;
        return T();
    }
    return std::move(result).value();
}

// Values that differ between two runs however alike (times, durations, new ids), set to null wherever they
// are; `seen` collects those that were strings, to be masked where other values quote them.
void mask(boost::json::value& v, const QStringList& keys, QStringList& seen)
{
    if (v.is_object()) {
        for (auto& [key, value] : v.as_object()) {
            if (keys.contains(QString::fromUtf8(key.data(), qsizetype(key.size())))) {
                if (value.is_string()) {
                    seen << QString::fromStdString(std::string(value.as_string()));
                }
                value = nullptr;
            } else {
                mask(value, keys, seen);
            }
        }
    } else if (v.is_array()) {
        for (boost::json::value& item : v.as_array()) {
            mask(item, keys, seen);
        }
    }
}

// A JSON value as text with the masked strings replaced where they are quoted in other values.
QString masked(boost::json::value v, const QStringList& keys)
{
    QStringList seen;
    mask(v, keys, seen);
    QString text = QString::fromStdString(boost::json::serialize(v));
    for (const QString& value : std::as_const(seen)) {
        if (!value.isEmpty()) {
            text.replace(value, u"MASKED"_s);
        }
    }
    return text;
}

// The file of the fixture's Copilot session aaaa1111.
QString copilotSession(const SessionCatalog& catalog)
{
    const auto session = CatalogService(catalog).showSession({u"aaaa1111"_s, {}});
    return session ? session->ref.path : QString();
}

// A fixture HOME with a harvest database (at the default place, where find session looks) holding the
// copilot sessions and one checkpoint.
struct Fixture
{
    test::FixtureHome home;
    Place place;

    Fixture()
    {
        const SessionCatalog catalog(home.environment());
        place = {home.path(), home.path() + u"/dev/projects/web app"_s,
                 HarvestDatabaseService(catalog).databasePath({})};
    }

    bool harvest()
    {
        const SessionCatalog catalog(home.environment());
        HarvestDatabaseService service(catalog);
        return service.run({place.database, u"copilot"_s, {}, {}, {}, {}}) &&
               service.checkpoint(place.database, u"copilot:aaaa1111"_s, u"first"_s);
    }
};

} // namespace

Q_DECLARE_METATYPE(Shape)

class TestServiceJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_fixture.home.isValid());
        QVERIFY(m_fixture.harvest());
        // An older workspace of the project's for detect orphaned: a copy of its Copilot workspace without
        // its session and editing files, written last, so the editor's active one is the copy and the original holds
        // the sessions it lacks.
        const SessionCatalog catalog(m_fixture.home.environment());
        const CatalogService service(catalog);
        const QList<Workspace> editors = service.editorWorkspaces(m_fixture.place.project, false);
        const auto copilot = std::find_if(editors.cbegin(), editors.cend(),
                                          [](const Workspace& w) { return w.provider == u"copilot"_s; });
        QVERIFY(copilot != editors.cend());
        const QString copy = QFileInfo(copilot->storagePath).absolutePath() + u"/ffff0000copy"_s;
        const QMap<QString, QByteArray> files = test::fileTree(copilot->storagePath);
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            if (!it.key().startsWith(u"chatSessions/"_s) && !it.key().startsWith(u"chatEditingSessions/"_s)) {
                QVERIFY(test::writeFile(copy + u'/' + it.key(), it.value()));
            }
        }
    }

    void cliPrintsServiceJson_data()
    {
        QTest::addColumn<QStringList>("args");
        // Commands that write run on two copies of the fixture: the CLI on one, the service on the other.
        QTest::addColumn<bool>("writes");
        QTest::addColumn<QStringList>("changing");
        QTest::addColumn<Shape>("shape");

        const auto row = [](const char* name, const QStringList& args, const Shape& shape, bool writes = false,
                            const QStringList& changing = {}) {
            QTest::newRow(name) << args << writes << changing << shape;
        };
        // --- listing and showing ---
        row("list workspaces", {u"list"_s, u"workspaces"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).workspaces({}))));
        });
        row("list sessions of a provider", {u"list"_s, u"sessions"_s, u"-p"_s, u"cursor"_s},
            [](const SessionCatalog& c, const Place&) {
                return boost::json::value(toJson(take(CatalogService(c).listSessions({{}, u"cursor"_s}))));
            });
        row("list sessions", {u"list"_s, u"sessions"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).listSessions({}))));
        });
        row("list sessions of a project", {u"list"_s, u"sessions"_s, u"--project-path"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(CatalogService(c).listSessions({p.project, {}}))));
            });
        row("list path", {u"list"_s, u"path"_s, u"${PROJECT}"_s}, [](const SessionCatalog& c, const Place& p) {
            return boost::json::value(toJson(take(CatalogService(c).listPath(p.project)).sessions));
        });
        row("list orphaned", {u"list"_s, u"orphaned"_s, u"--all"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(OrphanService(c).listUnindexed({{}, true}))));
        });
        row("list edits", {u"list"_s, u"edits"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(EditingService(c).list({}))));
        });
        row("list agents", {u"list"_s, u"agents"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).providerStatuses({false, true}))));
        });
        row("provider list", {u"provider"_s, u"list"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).providerStatuses({false, false}))));
        });
        row("detect providers", {u"detect"_s, u"providers"_s, u"--with-sessions"_s},
            [](const SessionCatalog& c, const Place&) {
                return boost::json::value(toJson(take(CatalogService(c).providerStatuses({true, false}))));
            });
        row("detect workspace", {u"detect"_s, u"workspace"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(detectWorkspaceJson(take(CatalogService(c).detectWorkspace(p.project))));
            });
        row("detect all", {u"detect"_s, u"all"_s, u"${PROJECT}"_s}, [](const SessionCatalog& c, const Place& p) {
            return boost::json::value(detectAllJson(take(CatalogService(c).detectAll(p.project))));
        });
        row("find workspace", {u"find"_s, u"workspace"_s, u"web"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).findWorkspaces(u"web"_s))));
        });
        row("find session", {u"find"_s, u"session"_s, u"deploy"_s}, [](const SessionCatalog& c, const Place&) {
            SearchService::FindRequest request;
            request.pattern = u"deploy"_s;
            return boost::json::value(toJson(take(SearchService(c).findSessions(request))));
        });
        row("find session content", {u"find"_s, u"session"_s, u"rollback"_s, u"--content"_s},
            [](const SessionCatalog& c, const Place&) {
                SearchService::FindRequest request;
                request.pattern = u"rollback"_s;
                request.content = true;
                return boost::json::value(toJson(take(SearchService(c).findSessions(request))));
            });
        row("show session", {u"show"_s, u"session"_s, u"aaaa"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).showSession({u"aaaa"_s, {}}))));
        });
        row("show workspace", {u"show"_s, u"workspace"_s, u"5d41"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(CatalogService(c).showWorkspace(u"5d41"_s))));
        });
        row("show path", {u"show"_s, u"path"_s, u"${PROJECT}"_s}, [](const SessionCatalog& c, const Place& p) {
            return boost::json::value(toJson(take(CatalogService(c).showPath(p.project))));
        });
        row("show index", {u"show"_s, u"index"_s, u"--path"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(OrphanService(c).showIndex({p.project, false}))));
            });
        row("show timeline", {u"show"_s, u"timeline"_s, u"${PROJECT}"_s, u"--gap-days"_s, u"2"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(TimelineService(c).run({p.project, 2, {}}))));
            });
        row("show agent", {u"show"_s, u"agent"_s, u"bbbb2222"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(EditingService(c).show({u"bbbb2222"_s, {}}))));
        });
        // --- recovery ---
        row("recover scan", {u"recover"_s, u"scan"_s, u"--include-old"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(take(RecoverScanService(c).run({{}, true}))));
        });
        row("recover orphans", {u"recover"_s, u"orphans"_s, u"--unindexed"_s, u"--verify"_s},
            [](const SessionCatalog& c, const Place&) {
                return boost::json::value(toJson(take(OrphanService(c).orphans({{}, true, true}))));
            });
        row("detect orphaned", {u"detect"_s, u"orphaned"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(OrphanService(c).orphanedWorkspaces(p.project))));
            });
        row("recover status", {u"recover"_s, u"status"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(RecoverService::status(CatalogService(c).editorWorkspaces({}, true))));
        });
        row("recover detect", {u"recover"_s, u"detect"_s, u"${SESSION}"_s}, [](const SessionCatalog& c, const Place&) {
            return boost::json::value(toJson(RecoverService::detect(copilotSession(c))));
        });
        row(
            "recover extract", {u"recover"_s, u"extract"_s, u"${PROJECT}"_s, u"-o"_s, u"${HOME}/extracted"_s},
            [](const SessionCatalog& c, const Place& p) {
                const CatalogService catalog(c);
                return boost::json::value(toJson(take(RecoverService::extract(
                    {p.project, catalog.workspacesForPath(catalog.editorWorkspaces({}, true), p.project),
                     p.home + u"/extracted"_s, false, false, false}))));
            },
            true);
        row(
            "recover database", {u"recover"_s, u"database"_s, u"${DB}"_s, u"-o"_s, u"${HOME}/recovered"_s},
            [](const SessionCatalog& c, const Place& p) {
                HarvestDatabaseService::ExportRequest request;
                request.database = p.database;
                request.destination = p.home + u"/recovered"_s;
                return boost::json::value(toJson(take(HarvestDatabaseService(c).exportFromBackup(request))));
            },
            true);
        // --- writing ---
        row("recover convert", {u"recover"_s, u"convert"_s, u"${SESSION}"_s, u"-o"_s, u"${HOME}/converted.jsonl"_s},
            [](const SessionCatalog& c, const Place& p) {
                RecoverService::ConvertRequest request;
                request.input = copilotSession(c);
                request.output = p.home + u"/converted.jsonl"_s;
                return boost::json::value(toJson(take(RecoverService::convert(request)), false));
            },
            true, {u"recovery_point"_s, u"undo"_s});
        row("recover repair", {u"recover"_s, u"repair"_s, u"${SESSION}"_s},
            [](const SessionCatalog& c, const Place&) {
                return boost::json::value(toJson(take(RecoverService::repairFile(copilotSession(c), {})), false));
            },
            true, {u"recovery_point"_s, u"undo"_s});
        row("register all", {u"register"_s, u"all"_s, u"--path"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                RegisterService::Request request;
                request.scope = CatalogService(c).editorWorkspaces(p.project, false);
                return boost::json::value(toJson(take(RegisterService(std::move(request)).run()).written));
            },
            true, {u"recovery_point"_s, u"undo"_s}); // named by the time it was made
        row("register repair", {u"register"_s, u"repair"_s, u"--path"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                RegisterService::Request request;
                request.action = RegisterService::Request::Action::Repair;
                request.scope = CatalogService(c).editorWorkspaces(p.project, false);
                return boost::json::value(toJson(take(RegisterService(std::move(request)).run()).written));
            },
            true, {u"recovery_point"_s, u"undo"_s});
        row("move path", {u"move"_s, u"path"_s, u"${PROJECT}"_s, u"${HOME}/moved"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(
                    toJson(take(TransferService(c).movePath({p.project, p.home + u"/moved"_s, {}}))));
            },
            true, {u"recovery_point"_s, u"undo"_s});
        row("merge sessions", {u"merge"_s, u"sessions"_s, u"aaaa"_s, u"bbbb"_s, u"--target-path"_s, u"${PROJECT}"_s},
            [](const SessionCatalog& c, const Place& p) {
                MergeService::Request request;
                request.kind = MergeService::Request::Kind::Sessions;
                request.names = {u"aaaa"_s, u"bbbb"_s};
                request.targetPath = p.project;
                return boost::json::value(toJson(take(MergeService(c).run(request, {}))));
            },
            true, {u"recovery_point"_s, u"undo"_s, u"session_id"_s}); // a new session id, a new recovery point
        row(
            "export sessions", {u"export"_s, u"sessions"_s, u"${HOME}/out"_s, u"aaaa"_s, u"-f"_s, u"md"_s},
            [](const SessionCatalog& c, const Place& p) {
                ExportService::Request request;
                request.scope = ExportService::Request::Scope::Sessions;
                request.names = {u"aaaa"_s};
                request.destination = p.home + u"/out"_s;
                request.format = SessionExport::Format::Markdown;
                return boost::json::value(toJson(take(ExportService(c).run(request))));
            },
            true);
        row(
            "harvest export", {u"harvest"_s, u"export"_s, u"${HOME}/all.json"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                HarvestDatabaseService::ExportRequest request;
                request.database = p.database;
                request.destination = p.home + u"/all.json"_s;
                return boost::json::value(toJson(take(HarvestDatabaseService(c).exportSessions(request))));
            },
            true);
        // --- harvest ---
        row("harvest status", {u"harvest"_s, u"status"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).status(p.database))));
            });
        row("harvest search", {u"harvest"_s, u"search"_s, u"rollback"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                SearchService::HarvestRequest request;
                request.database = p.database;
                request.query = u"rollback"_s;
                return boost::json::value(toJson(take(SearchService(c).searchHarvest(request))));
            },
            false, {u"score"_s}); // a hit's score has a recency boost: it moves with the clock between the two runs
        row("harvest search filtered",
            {u"harvest"_s, u"search"_s, u"npm"_s, u"--provider"_s, u"vscode"_s, u"--role"_s, u"user"_s, u"-n"_s, u"1"_s,
             u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                SearchService::HarvestRequest request;
                request.database = p.database;
                request.query = u"npm"_s;
                request.provider = u"vscode"_s;
                request.filter.role = u"user"_s;
                request.filter.limit = 1;
                return boost::json::value(toJson(take(SearchService(c).searchHarvest(request))));
            },
            false, {u"score"_s});
        row("harvest list", {u"harvest"_s, u"list"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).list({p.database, {}, {}, 20, {}}))));
            });
        row("harvest scan", {u"harvest"_s, u"scan"_s, u"--sessions"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).scan(p.database, true))));
            });
        row("harvest checkpoints", {u"harvest"_s, u"checkpoints"_s, u"aaaa1111"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(
                    toJson(take(HarvestDatabaseService(c).checkpoints(p.database, u"aaaa1111"_s))));
            });
        row(
            "harvest init", {u"harvest"_s, u"init"_s, u"--path"_s, u"${HOME}/new.db"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).init(p.home + u"/new.db"_s))));
            },
            true);
        row("harvest run", {u"harvest"_s, u"run"_s, u"--providers"_s, u"copilot,cursor"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(
                    toJson(take(HarvestDatabaseService(c).run({p.database, u"copilot,cursor"_s, {}, {}, {}, {}}))));
            },
            true, {u"seconds"_s});
        row("harvest checkpoint",
            {u"harvest"_s, u"checkpoint"_s, u"bbbb2222"_s, u"-m"_s, u"before"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(
                    toJson(take(HarvestDatabaseService(c).checkpoint(p.database, u"bbbb2222"_s, u"before"_s))));
            },
            true, {u"created_at"_s});
        row("harvest revert", {u"harvest"_s, u"revert"_s, u"aaaa1111"_s, u"1"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).revert(p.database, u"aaaa1111"_s, 1))));
            },
            true, {u"created_at"_s});
        row(
            "harvest rebuild", {u"harvest"_s, u"rebuild"_s, u"--path"_s, u"${DB}"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).rebuildIndex(p.database))));
            },
            true);
        row(
            "harvest import",
            {u"harvest"_s, u"import"_s, u"${HOME}/exported.json"_s, u"--path"_s, u"${HOME}/imported.db"_s},
            [](const SessionCatalog& c, const Place& p) {
                return boost::json::value(toJson(take(HarvestDatabaseService(c).importExports(
                    p.home + u"/imported.db"_s, {p.home + u"/exported.json"_s}))));
            },
            true);
    }

    void cliPrintsServiceJson()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, writes);
        QFETCH(QStringList, changing);
        QFETCH(Shape, shape);

        // Commands that write run on two fresh copies: the CLI on one, the service on the other.
        std::unique_ptr<Fixture> cliCopy, serviceCopy;
        if (writes) {
            cliCopy = std::make_unique<Fixture>();
            serviceCopy = std::make_unique<Fixture>();
            for (Fixture* copy : {cliCopy.get(), serviceCopy.get()}) {
                QVERIFY(copy->harvest());
                // What harvest import reads: the sessions as harvest export writes them.
                QCOMPARE(chasmRun(copy->home.environment(),
                                  {u"harvest"_s, u"export"_s, copy->place.home + u"/exported.json"_s})
                             .exitCode,
                         0);
            }
        }
        const Fixture& cliSide = writes ? *cliCopy : m_fixture;
        const Fixture& serviceSide = writes ? *serviceCopy : m_fixture;
        QStringList expanded;
        for (QString arg : std::as_const(args)) {
            arg.replace(u"${PROJECT}"_s, cliSide.place.project)
                .replace(u"${DB}"_s, cliSide.place.database)
                .replace(u"${HOME}"_s, cliSide.place.home)
                .replace(u"${SESSION}"_s, copilotSession(SessionCatalog(cliSide.home.environment())));
            expanded << arg;
        }
        const Run run = chasmRun(cliSide.home.environment(), expanded << u"--json"_s);
        QVERIFY2(run.exitCode == 0 || run.exitCode == 3, qPrintable(run.err));
        QVERIFY(run.out.endsWith(u'\n'));
        QVERIFY2(run.out.size() > 3, qPrintable(run.out)); // more than "[]": every row finds something

        const SessionCatalog catalog(serviceSide.home.environment());
        boost::json::value expected = shape(catalog, serviceSide.place);
        boost::json::value printed = boost::json::parse(run.out.toStdString());
        QString cli = masked(printed, changing);
        QString service = masked(expected, changing);
        // The two copies live in different folders.
        cli.replace(cliSide.place.home, u"HOME"_s);
        service.replace(serviceSide.place.home, u"HOME"_s);
        QCOMPARE(cli, service);
        if (changing.isEmpty() && !writes) {
            // Byte for byte, as printed.
            QCOMPARE(run.out,
                     QString::fromStdString(boost::json::serialize(shape(catalog, serviceSide.place))) + u'\n');
        }
    }

private:
    Fixture m_fixture;
};

QTEST_GUILESS_MAIN(TestServiceJson)
#include "TestServiceJson.moc"
