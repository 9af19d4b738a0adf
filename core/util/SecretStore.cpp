// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SecretStore.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

// What a finished job says, as the keychain's answer: EntryNotFound is an answer (nothing stored), every other
// error means the keychain could not be used.
Error keychainError(const QKeychain::Job& job)
{
    const QString why = job.errorString().isEmpty() ? u"error %1"_s.arg(int(job.error())) : job.errorString();
    return Error{u"the system keychain is unavailable (%1)"_s.arg(why)};
}

Result<SecretStore::Found> readResult(const QKeychain::ReadPasswordJob& job)
{
    switch (job.error()) {
    case QKeychain::NoError:
        return SecretStore::Found(job.textData().toUtf8());
    case QKeychain::EntryNotFound:
        return SecretStore::Found();
    default:
        return keychainError(job);
    }
}

Result<bool> writeResult(const QKeychain::WritePasswordJob& job)
{
    if (job.error() != QKeychain::NoError) {
        return keychainError(job);
    }
    return true;
}

Error timedOut(std::chrono::milliseconds timeout)
{
    return Error{u"the system keychain is unavailable (it did not answer within %1 s)"_s.arg(timeout.count() / 1000)};
}

// Starts `job` and waits until it finished (its answer taken by `take`) or `timeout` passed. After a time-out the
// job, which deletes itself, may still finish: nobody listens then.
template<typename Job, typename Take>
auto waitFor(Job* job, std::chrono::milliseconds timeout, Take take) -> decltype(take(*job))
{
    QEventLoop loop;
    std::optional<decltype(take(*job))> answer;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [job, take, &loop, &answer] {
        answer.emplace(take(*job));
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job->start();
    if (!answer) {
        loop.exec();
    }
    if (!answer) {
        return timedOut(timeout);
    }
    return *std::move(answer);
}

// Starts `job`; `done` gets its answer on `context`'s thread, unless the context is gone by then.
template<typename Job, typename Take, typename Done>
void answerLater(Job* job, QObject* context, Take take, Done done)
{
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [job, take, guard = QPointer<QObject>(context), done = std::move(done)]() mutable {
                         // Taken here, before the job deletes itself; handed over on the context's thread.
                         if (guard) {
                             QMetaObject::invokeMethod(guard.data(),
                                                       [answer = take(*job), done = std::move(done)] { done(answer); });
                         }
                     });
    job->start();
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{}

Result<SecretStore::Found> SecretStore::read(const QString& key) const
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    return waitFor(job, m_timeout, readResult);
}

Result<bool> SecretStore::write(const QString& key, const QByteArray& secret) const
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(secret));
    return waitFor(job, m_timeout, writeResult);
}

Result<bool> SecretStore::remove(const QString& key) const
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    // Nothing stored is the same as removed.
    return waitFor(job, m_timeout, [](const QKeychain::DeletePasswordJob& done) -> Result<bool> {
        if (done.error() == QKeychain::NoError || done.error() == QKeychain::EntryNotFound) {
            return true;
        }
        return keychainError(done);
    });
}

void SecretStore::readLater(const QString& key, QObject* context, std::function<void(Result<Found>)> done) const
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    answerLater(job, context, readResult, std::move(done));
}

void SecretStore::writeLater(const QString& key, const QByteArray& secret, QObject* context,
                             std::function<void(Result<bool>)> done) const
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(secret));
    answerLater(job, context, writeResult, std::move(done));
}

} // namespace chasm
