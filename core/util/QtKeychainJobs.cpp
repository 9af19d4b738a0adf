// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Keychain.h"

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

// Starts `job`, which deletes itself when it finished; `done` gets its answer, taken by `take` before that.
template<typename Job, typename Take, typename Done>
void start(Job* job, Take take, Done done)
{
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [job, take, done = std::move(done)] { done(take(static_cast<const Job&>(*job))); });
    job->start();
}

void read(const QString& service, const QString& key, std::function<void(Result<KeychainLibrary::Found>)> done)
{
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setKey(key);
    start(
        job,
        [](const QKeychain::ReadPasswordJob& finished) -> Result<KeychainLibrary::Found> {
            switch (finished.error()) {
            case QKeychain::NoError:
                return KeychainLibrary::Found(finished.textData().toUtf8());
            case QKeychain::EntryNotFound:
                return KeychainLibrary::Found();
            default:
                return keychainError(finished);
            }
        },
        std::move(done));
}

void write(const QString& service, const QString& key, const QByteArray& secret, std::function<void(Result<bool>)> done)
{
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setKey(key);
    job->setTextData(QString::fromUtf8(secret));
    start(
        job,
        [](const QKeychain::WritePasswordJob& finished) -> Result<bool> {
            if (finished.error() != QKeychain::NoError) {
                return keychainError(finished);
            }
            return true;
        },
        std::move(done));
}

void remove(const QString& service, const QString& key, std::function<void(Result<bool>)> done)
{
    auto* job = new QKeychain::DeletePasswordJob(service);
    job->setKey(key);
    start(
        job,
        [](const QKeychain::DeletePasswordJob& finished) -> Result<bool> {
            // Nothing stored is the same as removed.
            if (finished.error() == QKeychain::NoError || finished.error() == QKeychain::EntryNotFound) {
                return true;
            }
            return keychainError(finished);
        },
        std::move(done));
}

} // namespace

const KeychainLibrary& qtKeychain()
{
    static const KeychainLibrary library{read, write, remove};
    return library;
}

} // namespace chasm
