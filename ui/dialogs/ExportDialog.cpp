// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "ExportDialog.h"

#include "export/SessionExport.h"
#include "services/ExportService.h"
#include "util/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

#include <optional>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What the worker hands over as the export goes: the sessions read so far, and at the end what it did.
struct Update
{
    int done = 0;
    std::optional<Result<ExportService::Report>> result;
};

QString defaultFolder(const Settings* settings)
{
    const QString remembered = settings->value(Settings::Key::ExportFolder).toString();
    if (!remembered.isEmpty()) {
        return remembered;
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(u"Chasm export"_s);
}

// The name, without its extension, suggested for the one file of a single session: the name its file gets in a
// folder (its date, title and id). Several sessions' file is named after the day of the export.
QString oneFileBase(const QList<SessionRef>& sessions, SessionExport::Format format)
{
    if (sessions.size() != 1) {
        return u"chasm-export-"_s + QDate::currentDate().toString(Qt::ISODate);
    }
    const SessionRef& ref = sessions.first();
    Session named;
    named.id = ref.id;
    named.nativeId = ref.nativeId;
    named.title = ref.title;
    named.createdAt = ref.createdAt;
    named.updatedAt = ref.updatedAt;
    return QFileInfo(SessionExport::fileName(named, format)).completeBaseName();
}

} // namespace

ExportDialog::ExportDialog(std::shared_ptr<const SessionCatalog> catalog, QList<SessionRef> sessions,
                           Settings* settings, QWidget* parent)
    : QDialog(parent)
    , m_catalog(std::move(catalog))
    , m_sessions(std::move(sessions))
    , m_settings(settings)
    , m_format(new QComboBox(this))
    , m_perSession(new QRadioButton(tr("One file per session, into the &folder:"), this))
    , m_oneFile(new QRadioButton(tr("All in &one file:"), this))
    , m_destination(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_openWhenDone(new QCheckBox(tr("Show the files when done"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_export(m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    setWindowTitle(tr("Export %n session(s)", nullptr, int(m_sessions.size())));
    resize(640, 300);
    const QList<std::pair<QString, QString>> formats{
        {u"md"_s, tr("Markdown: a readable transcript")},
        {u"html"_s, tr("HTML: a standalone transcript")},
        {u"pdf"_s, tr("PDF: the transcript, typeset")},
        {u"json"_s, tr("JSON: Chasm's session format (can be imported again)")},
        {u"jsonl"_s, tr("JSON Lines: a message per line")},
        {u"csv"_s, tr("CSV: a row per message")},
    };
    for (const auto& [name, label] : formats) {
        m_format->addItem(label, name);
    }
    m_format->setCurrentIndex(std::max(0, m_format->findData(settings->value(Settings::Key::ExportFormat))));
    m_perSession->setChecked(true);
    m_destination->setText(defaultFolder(settings));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, int(m_sessions.size()));
    m_progress->setValue(0);

    auto* form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    auto* where = new QHBoxLayout;
    where->addWidget(m_destination, 1);
    where->addWidget(m_browse);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_perSession);
    layout->addWidget(m_oneFile);
    layout->addLayout(where);
    layout->addWidget(m_openWhenDone);
    layout->addWidget(m_progress);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_oneFile, &QRadioButton::toggled, this, &ExportDialog::formatChanged);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
}

ExportDialog::~ExportDialog()
{
    m_cancel->store(true); // a worker still running stops at the next session
}

void ExportDialog::formatChanged()
{
    const QString extension = m_format->currentData().toString();
    QString path = m_destination->text().trimmed();
    if (m_oneFile->isChecked()) {
        const QFileInfo info(path);
        const bool isFile = !info.suffix().isEmpty() && !info.isDir();
        const QString base = isFile
                                 ? info.path() + u'/' + info.completeBaseName()
                                 : QDir(path).filePath(oneFileBase(m_sessions, *SessionExport::formatNamed(extension)));
        path = base + u'.' + extension;
    } else if (const QFileInfo info(path); !info.suffix().isEmpty() && !info.isDir()) {
        path = info.path(); // back to the folder the file was to go in
    }
    m_destination->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::browse()
{
    const QString current = destination();
    QString chosen;
    if (m_oneFile->isChecked()) {
        const QString extension = m_format->currentData().toString();
        chosen = QFileDialog::getSaveFileName(this, tr("Export into the file"), current,
                                              tr("%1 files (*.%2)").arg(extension.toUpper(), extension), nullptr,
                                              QFileDialog::DontConfirmOverwrite);
    } else {
        chosen = QFileDialog::getExistingDirectory(this, tr("Export into the folder"), current);
    }
    if (!chosen.isEmpty()) {
        m_destination->setText(QDir::toNativeSeparators(chosen));
        formatChanged(); // the extension the format needs
    }
}

QString ExportDialog::destination() const
{
    return QDir::fromNativeSeparators(m_destination->text().trimmed());
}

void ExportDialog::start()
{
    if (m_running) {
        return;
    }
    const QString target = destination();
    const auto format = SessionExport::formatNamed(m_format->currentData().toString());
    if (target.isEmpty() || !format) {
        m_status->setText(tr("Choose where to write the files."));
        return;
    }
    const bool oneFile = m_oneFile->isChecked();
    m_settings->setValue(Settings::Key::ExportFolder, oneFile ? QFileInfo(target).path() : target);
    m_settings->setValue(Settings::Key::ExportFormat, m_format->currentData());
    m_running = true;
    m_cancel->store(false);
    for (QWidget* input :
         std::initializer_list<QWidget*>{m_format, m_perSession, m_oneFile, m_destination, m_browse, m_export}) {
        input->setEnabled(false);
    }
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("&Cancel"));
    m_progress->setValue(0);
    m_status->setText(tr("Writing…"));
    ExportService::Request request;
    request.scope = ExportService::Request::Scope::Given;
    request.sessions = m_sessions;
    request.destination = target;
    request.format = *format;
    const auto work = [catalog = m_catalog, request, cancel = m_cancel](QPromise<Update>& promise) {
        QElapsedTimer throttle;
        throttle.start();
        ExportService::Options options;
        options.cancel = cancel.get();
        options.progress = [&promise, &throttle](const Harvester::Progress& progress) {
            // Ten updates a second are plenty for a progress bar.
            if (throttle.elapsed() >= 100 || progress.done == progress.total) {
                throttle.restart();
                promise.addResult(Update{progress.done, std::nullopt});
            }
        };
        promise.addResult(Update{0, ExportService(*catalog).run(request, options)});
    };
    const auto each = [this, target, oneFile](const Update& update) {
        if (!update.result) {
            m_progress->setValue(update.done);
            return;
        }
        const Result<ExportService::Report>& report = *update.result;
        m_running = false;
        m_written = report ? report->files : QStringList();
        for (QWidget* input :
             std::initializer_list<QWidget*>{m_format, m_perSession, m_oneFile, m_destination, m_browse, m_export}) {
            input->setEnabled(true);
        }
        m_buttons->button(QDialogButtonBox::Close)->setText(tr("&Close"));
        QStringList lines;
        if (!report) {
            lines << tr("The export stopped: %1").arg(report.error().message);
        } else if (report->cancelled) {
            lines << (oneFile ? tr("Cancelled: the file was not written.")
                              : tr("Cancelled after %n file(s), each complete.", nullptr, int(m_written.size())));
        } else {
            lines << tr("Wrote %n file(s) into %1.", nullptr, int(m_written.size()))
                         .arg(QDir::toNativeSeparators(oneFile ? QFileInfo(target).path() : target));
        }
        if (report && !report->skipped.isEmpty()) {
            lines << tr("Left out, as they cannot be read:") << report->skipped;
        }
        m_status->setText(lines.join(u'\n'));
        const bool ok = report && !report->cancelled;
        if (ok && m_openWhenDone->isChecked() && !m_written.isEmpty()) {
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_written.first()).absolutePath()));
        }
        Q_EMIT exported(ok);
    };
    Background::stream<Update>(this, m_exports, m_exports.start(), work, each, [] {});
}

void ExportDialog::reject()
{
    if (m_running) {
        m_cancel->store(true); // Cancel: the worker stops at the next session and says so
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

QString ExportDialog::resultText() const
{
    return m_status->text();
}

} // namespace chasm
