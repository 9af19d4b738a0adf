// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SearchPane.h"

#include "models/SearchResultModel.h"
#include "services/SearchService.h"
#include "services/TeamService.h"
#include "store/SearchQuery.h"
#include "store/postgres/PostgresDatabase.h"
#include "store/postgres/PostgresSearch.h"
#include "views/ToolLook.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// A hit in three lines: the session title, its facts, and the snippet with its matches marked.
class HitDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        // The tool's icon beside the title, not across the lines below it: drawn here, the text to its right.
        const QIcon icon = opt.icon;
        opt.icon = QIcon();
        opt.features &= ~QStyleOptionViewItem::HasDecoration;
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const QPoint topLeft = option.rect.topLeft() + QPoint(margin, margin / 2);
        icon.paint(painter, QRect(topLeft + QPoint(0, 1), QSize(iconSize, iconSize)));
        QTextDocument document;
        layout(document, option, index);
        painter->save();
        painter->translate(topLeft + QPoint(iconSize + margin, 0));
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        context.palette.setColor(QPalette::Text,
                                 option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        document.documentLayout()->draw(painter, context);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QTextDocument document;
        layout(document, option, index);
        return {int(document.idealWidth()) + 3 * margin + iconSize, int(document.size().height()) + margin};
    }

private:
    static constexpr int margin = 6;
    static constexpr int iconSize = 16;

    static void layout(QTextDocument& document, const QStyleOptionViewItem& option, const QModelIndex& index)
    {
        QString snippet = index.data(SearchResultModel::SnippetRole).toString().toHtmlEscaped().simplified();
        snippet.replace(HarvestStore::matchStart, u"<span style=\"background:#ffd60a;color:black\">"_s);
        snippet.replace(HarvestStore::matchEnd, u"</span>"_s);
        const QString facts = index.data(SearchResultModel::FactsRole).toString().toHtmlEscaped();
        document.setDefaultFont(option.font);
        document.setDocumentMargin(0);
        document.setHtml(u"<b>"_s + index.data().toString().toHtmlEscaped() + u"</b><br><small>"_s + facts +
                         u"</small><br>"_s + snippet);
        document.setTextWidth(std::max(200, option.rect.width() - 3 * margin - iconSize));
    }
};

} // namespace

// What a search on the worker thread hands back: its hits (or why there are none), how long it took, and
// whether the database holds nothing to search yet (missing, or no session harvested).
struct SearchPane::Answer
{
    Result<HarvestStore::SearchResults> results;
    qint64 ms = 0;
    bool nothingHarvested = false;
};

struct SearchPane::Connection
{
    // What tells one database file from another put at the same path since (the user deleted the database, and
    // a harvest made a new one): when it was made, or, where the file system does not say, last changed. A
    // change since the connection was opened only costs a reopen.
    static QDateTime identity(const QString& path)
    {
        const QFileInfo file(path);
        const QDateTime born = file.fileTime(QFileDevice::FileBirthTime);
        return born.isValid() ? born : file.fileTime(QFileDevice::FileMetadataChangeTime);
    }

    QString path;
    QDateTime opened; // the identity of the file opened
    std::unique_ptr<Database> database;
    // The team database searched last (its URL), kept open as the one on this computer is.
    QString teamUrl;
    std::unique_ptr<PostgresDatabase> team;
    // The newest search asked for: older ones still waiting are not run, their answer would not be shown.
    std::atomic<quint64> newest = 0;
};

SearchPane::SearchPane(QWidget* parent)
    : QWidget(parent)
    , m_scope(new QComboBox(this))
    , m_query(new QLineEdit(this))
    , m_provider(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_workspace(new QLineEdit(this))
    , m_after(new QDateEdit(this))
    , m_before(new QDateEdit(this))
    , m_results(new QListView(this))
    , m_status(new QLabel(this))
    , m_harvest(new QPushButton(QIcon::fromTheme(u"document-save"_s), tr("&Harvest now"), this))
    , m_typing(new QTimer(this))
    , m_model(new SearchResultModel(this))
    , m_save(new QAction(QIcon::fromTheme(u"bookmark-new"_s), tr("&Save search…"), this))
    , m_connection(std::make_shared<Connection>())
{
    m_status->setObjectName(u"searchStatus"_s);
    m_searchThread.setMaxThreadCount(1);
    m_searchThread.setExpiryTimeout(-1); // the thread, and so its connection, stays
    m_query->setPlaceholderText(tr("Search every conversation (Ctrl+K)"));
    m_query->setClearButtonEnabled(true);
    m_query->setToolTip(tr("Words find messages holding all of them. Also: \"a phrase\", prefix*, "
                           "a OR b, a NOT b."));
    m_scope->setObjectName(u"searchScope"_s);
    m_scope->addItem(QIcon::fromTheme(u"computer"_s), tr("This computer"));
    m_scope->addItem(QIcon::fromTheme(u"network-server-database"_s), tr("Team database"));
    m_scope->setToolTip(tr("Search the database on this computer, or the team database set in the settings (your "
                           "sessions there and those shared with you)"));
    m_provider->addItem(tr("Every tool"), QString());
    m_role->addItem(tr("Anyone"), QString());
    m_role->addItem(tr("You"), u"user"_s);
    m_role->addItem(tr("Assistant"), u"assistant"_s);
    m_workspace->setPlaceholderText(tr("Any project"));
    m_workspace->setClearButtonEnabled(true);
    for (QDateEdit* edit : {m_after, m_before}) {
        edit->setCalendarPopup(true);
        edit->setMinimumDate(QDate(2000, 1, 1));
        edit->setSpecialValueText(tr("Any date"));
        edit->setDate(edit->minimumDate());
    }
    m_results->setModel(m_model);
    m_results->setItemDelegate(new HitDelegate(m_results));
    m_results->setUniformItemSizes(false);
    m_results->setWordWrap(true);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_results->setResizeMode(QListView::Adjust);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_harvest->setToolTip(tr("Copy every session of every tool into Chasm's database, which search reads"));
    m_harvest->hide();
    connect(m_harvest, &QPushButton::clicked, this, &SearchPane::harvestRequested);
    m_typing->setSingleShot(true);
    m_typing->setInterval(typingPauseMs);
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_save->setToolTip(tr("Keep this search and its filters in the sources pane (Ctrl+D)"));
    m_save->setEnabled(false);
    auto* saveButton = new QToolButton(this);
    saveButton->setDefaultAction(m_save);
    saveButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto* filters = new QFormLayout;
    m_filters = filters;
    filters->addRow(tr("Search in"), m_scope);
    filters->setRowVisible(m_scope, false);
    filters->addRow(tr("Tool"), m_provider);
    filters->addRow(tr("Role"), m_role);
    filters->addRow(tr("Project"), m_workspace);
    filters->addRow(tr("After"), m_after);
    filters->addRow(tr("Before"), m_before);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(saveButton, 0, Qt::AlignTop);
    layout->addLayout(statusRow);
    layout->addWidget(m_harvest, 0, Qt::AlignLeft);
    layout->addWidget(m_results, 1);

    connect(m_query, &QLineEdit::returnPressed, this, [this] { search(m_query->text()); });
    // As the user types: the query runs when typing pauses (Enter runs it at once).
    connect(m_query, &QLineEdit::textEdited, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, [this] {
        if (m_query->text().trimmed() != m_lastQuery) {
            search(m_query->text());
        }
    });
    const auto again = [this] {
        if (!m_lastQuery.isEmpty()) {
            search(m_lastQuery);
        }
    };
    connect(m_scope, &QComboBox::currentIndexChanged, this, again);
    connect(m_provider, &QComboBox::currentIndexChanged, this, again);
    connect(m_role, &QComboBox::currentIndexChanged, this, again);
    connect(m_workspace, &QLineEdit::editingFinished, this, again);
    connect(m_after, &QDateEdit::dateChanged, this, again);
    connect(m_before, &QDateEdit::dateChanged, this, again);
    connect(m_results, &QListView::activated, this, [this](const QModelIndex& index) { activate(index.row()); });
    m_query->installEventFilter(this);
}

bool SearchPane::eventFilter(QObject* watched, QEvent* event)
{
    // Down from the query goes to the hits, so that a search and its opening need no mouse.
    if (watched == m_query && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down && m_model->rowCount() > 0) {
        m_results->setFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SearchPane::setProviders(const QList<std::pair<QString, QString>>& providers)
{
    const QSignalBlocker blocker(m_provider);
    while (m_provider->count() > 1) {
        m_provider->removeItem(1);
    }
    for (const auto& [id, name] : providers) {
        m_provider->addItem(ToolLook::icon(id), name, id);
    }
}

void SearchPane::setTeamDatabase(const QString& url)
{
    if (url == m_teamDatabase) {
        return;
    }
    m_teamDatabase = url;
    const bool wasTeam = m_scope->currentIndex() == 1;
    {
        const QSignalBlocker blocker(m_scope);
        m_scope->setItemText(1, url.isEmpty() ? tr("Team database")
                                              : tr("Team database (%1)").arg(TeamService::shown(url)));
        if (url.isEmpty()) {
            m_scope->setCurrentIndex(0);
        }
    }
    m_filters->setRowVisible(m_scope, !url.isEmpty());
    if (wasTeam && !m_lastQuery.isEmpty()) {
        search(m_lastQuery);
    }
}

QString SearchPane::searchedDatabase() const
{
    return m_scope->currentIndex() == 1 && !m_teamDatabase.isEmpty() ? m_teamDatabase : m_databasePath;
}

HarvestStore::SearchFilter SearchPane::filter() const
{
    HarvestStore::SearchFilter filter;
    filter.provider = m_provider->currentData().toString();
    filter.role = m_role->currentData().toString();
    filter.workspace = m_workspace->text().trimmed();
    if (m_after->date() != m_after->minimumDate()) {
        filter.after = m_after->date().startOfDay();
    }
    if (m_before->date() != m_before->minimumDate()) {
        filter.before = m_before->date().startOfDay();
    }
    filter.limit = 100;
    return filter;
}

void SearchPane::search(const QString& query)
{
    m_typing->stop();
    if (m_query->text() != query) {
        m_query->setText(query);
    }
    m_lastQuery = query.trimmed();
    m_save->setEnabled(!m_lastQuery.isEmpty());
    const quint64 request = m_searches.start();
    if (m_lastQuery.isEmpty()) {
        m_model->setHits({});
        m_status->clear();
        return;
    }
    // A query that cannot be searched is answered at once, with the message the CLI gives.
    if (const auto parsed = SearchQuery::parse(m_lastQuery); !parsed) {
        finished(m_lastQuery, Answer{parsed.error()});
        return;
    }
    m_status->setText(tr("Searching…"));
    m_connection->newest = request;
    Background::runLatest(
        this, m_searches, request,
        [connection = m_connection, request, path = m_databasePath,
         team = m_scope->currentIndex() == 1 ? m_teamDatabase : QString(), query = m_lastQuery, filter = filter()] {
            QElapsedTimer timer;
            timer.start();
            if (connection->newest != request) {
                return Answer{Error{u"superseded"_s}};
            }
            if (!team.isEmpty()) {
                if (!connection->team || connection->teamUrl != team) {
                    connection->team.reset();
                    auto opened = TeamService().open(team);
                    if (!opened) {
                        return Answer{opened.error(), timer.elapsed()};
                    }
                    connection->team = std::move(opened).value();
                    connection->teamUrl = team;
                }
                Answer answer{PostgresSearch(*connection->team).search(query, filter)};
                answer.ms = timer.elapsed();
                if (!answer.results) {
                    connection->team.reset(); // a connection lost is opened again by the next search
                }
                return answer;
            }
            if (!QFileInfo::exists(path)) {
                // Searching does not make the database: the first harvest does.
                return Answer{HarvestStore::SearchResults{}, timer.elapsed(), true};
            }
            if (!connection->database || connection->path != path || Connection::identity(path) != connection->opened) {
                connection->database.reset();
                auto database = Database::open(path);
                if (!database) {
                    return Answer{database.error(), timer.elapsed()};
                }
                connection->database = std::move(database.value());
                connection->path = path;
                connection->opened = Connection::identity(path);
            }
            Answer answer{SearchService::searchHarvest(*connection->database, query, filter)};
            answer.ms = timer.elapsed();
            if (answer.results && answer.results->hits.isEmpty()) {
                const auto sessions = SearchService::harvestedSessionCount(*connection->database);
                answer.nothingHarvested = sessions && sessions.value() == 0;
            }
            return answer;
        },
        [this, query = m_lastQuery](const Answer& answer) { finished(query, answer); }, &m_searchThread);
}

SearchPane::~SearchPane()
{
    // The connection is closed on the thread that opened it, after any search still running.
    m_searchThread.start([connection = m_connection] {
        connection->database.reset();
        connection->team.reset();
    });
    m_searchThread.waitForDone();
}

SavedSearch SearchPane::savedSearch(const QString& name) const
{
    SavedSearch search{name.trimmed(), m_lastQuery, filter()};
    search.filter.limit = HarvestStore::SearchFilter().limit;
    return search;
}

void SearchPane::run(const SavedSearch& saved)
{
    {
        const QSignalBlocker blockers[]{QSignalBlocker(m_provider), QSignalBlocker(m_role), QSignalBlocker(m_workspace),
                                        QSignalBlocker(m_after), QSignalBlocker(m_before)};
        m_provider->setCurrentIndex(std::max(0, m_provider->findData(saved.filter.provider)));
        m_role->setCurrentIndex(std::max(0, m_role->findData(saved.filter.role)));
        m_workspace->setText(saved.filter.workspace);
        m_after->setDate(saved.filter.after.isValid() ? saved.filter.after.date() : m_after->minimumDate());
        m_before->setDate(saved.filter.before.isValid() ? saved.filter.before.date() : m_before->minimumDate());
    }
    search(saved.query);
}

QString SearchPane::describe(const SavedSearch& search) const
{
    QStringList words{search.query};
    if (!search.filter.provider.isEmpty()) {
        const int provider = m_provider->findData(search.filter.provider);
        words << (provider < 0 ? search.filter.provider : m_provider->itemText(provider));
    }
    if (!search.filter.role.isEmpty()) {
        const int role = m_role->findData(search.filter.role);
        words << (role < 0 ? search.filter.role : m_role->itemText(role));
    }
    if (!search.filter.workspace.isEmpty()) {
        words << tr("project “%1”").arg(search.filter.workspace);
    }
    if (search.filter.after.isValid()) {
        words << tr("after %1").arg(QLocale().toString(search.filter.after.date(), QLocale::ShortFormat));
    }
    if (search.filter.before.isValid()) {
        words << tr("before %1").arg(QLocale().toString(search.filter.before.date(), QLocale::ShortFormat));
    }
    return words.join(u" · "_s);
}

void SearchPane::finished(const QString& query, const Answer& answer)
{
    const Result<HarvestStore::SearchResults>& results = answer.results;
    m_harvest->setVisible(answer.nothingHarvested);
    if (!results) {
        m_model->setHits({});
        m_status->setText(results.error().message);
        Q_EMIT searchFinished(0);
        return;
    }
    m_model->setHits(results->hits);
    QString status;
    if (answer.nothingHarvested) {
        status = tr("Search reads Chasm's database, which holds no sessions yet: harvest them first.");
    } else if (results->hits.isEmpty()) {
        status = tr("Nothing matches “%1”. Try fewer words, the beginning of a word (zephyr*), a \"phrase in "
                    "quotes\", either word (zephyr OR gale) or one left out (zephyr NOT gale).")
                     .arg(query);
    } else {
        status = tr("%n hit(s) in %1 ms", nullptr, int(results->hits.size())).arg(answer.ms) + u" · "_s +
                 ToolLook::sessions(m_model->rowCount());
    }
    switch (results->unranked) {
    case HarvestStore::Unranked::No:
        break;
    case HarvestStore::Unranked::ManyMatches:
        status += u" · "_s + tr("the newest shown: too many matches to rank");
        break;
    case HarvestStore::Unranked::CommonWords:
        status += u" · "_s + tr("the newest shown: these words are in most messages");
        break;
    case HarvestStore::Unranked::ManyPrefixMatches:
        status += u" · "_s + tr("the newest shown: the prefix matches too many words to rank");
        break;
    }
    m_status->setText(status);
    if (m_model->rowCount() > 0) {
        m_results->setCurrentIndex(m_model->index(0));
    }
    Q_EMIT searchFinished(int(results->hits.size()));
}

void SearchPane::harvested()
{
    // The search that offered the harvest finds what it brought.
    if (m_harvest->isVisible() && !m_lastQuery.isEmpty()) {
        search(m_lastQuery);
    }
}

void SearchPane::activate(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        return;
    }
    const HarvestStore::SearchHit& hit = m_model->hit(row);
    Q_EMIT hitActivated(hit.sessionId, hit.messageIndex, HarvestStore::queryWords(m_lastQuery));
}

} // namespace chasm
