// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SecretStore.h"

#include "util/Keychain.h"
#include "util/ProgramModule.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

ModuleLibrary<KeychainLibrary> keychainModule(keychainPluginName, keychainPluginEntry);

// The keychain's jobs: the linked ones, else the module's.
Result<const KeychainLibrary*> keychain()
{
    auto library = keychainModule.get();
    if (!library) {
        return Error{u"the system keychain is unavailable (%1)"_s.arg(library.error().message), ErrorKind::Unavailable};
    }
    return library;
}

Error timedOut(std::chrono::milliseconds timeout)
{
    return Error{u"the system keychain is unavailable (it did not answer within %1 s)"_s.arg(timeout.count() / 1000)};
}

// Runs a job (`start` starts it on the keychain, with the function to call with its answer) and waits until it
// finished or `timeout` passed. After a time-out the job may still finish: nobody listens then.
template<typename T, typename Start>
Result<T> waitFor(std::chrono::milliseconds timeout, Start start)
{
    const auto library = keychain();
    if (!library) {
        return library.error();
    }
    QEventLoop loop;
    const QPointer<QEventLoop> waiting(&loop);
    const auto answer = std::make_shared<std::optional<Result<T>>>();
    start(**library, [answer, waiting](Result<T> result) {
        answer->emplace(std::move(result));
        if (waiting) {
            waiting->quit();
        }
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    if (!*answer) {
        loop.exec();
    }
    if (!*answer) {
        return timedOut(timeout);
    }
    return **answer;
}

// Runs a job; `done` gets its answer on `context`'s thread, unless the context is gone by then.
template<typename T, typename Start>
void answerLater(QObject* context, std::function<void(Result<T>)> done, Start start)
{
    const auto answer = [guard = QPointer<QObject>(context), done = std::move(done)](Result<T> result) {
        if (guard) {
            QMetaObject::invokeMethod(
                guard.data(), [result = std::move(result), done] { done(result); }, Qt::QueuedConnection);
        }
    };
    const auto library = keychain();
    if (!library) {
        answer(library.error());
        return;
    }
    start(**library, answer);
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{}

void SecretStore::useKeychain(const KeychainLibrary& library)
{
    keychainModule.link(library);
}

Result<SecretStore::Found> SecretStore::read(const QString& key) const
{
    return waitFor<Found>(m_timeout, [this, &key](const KeychainLibrary& library, auto done) {
        library.read(m_service, key, std::move(done));
    });
}

Result<bool> SecretStore::write(const QString& key, const QByteArray& secret) const
{
    return waitFor<bool>(m_timeout, [this, &key, &secret](const KeychainLibrary& library, auto done) {
        library.write(m_service, key, secret, std::move(done));
    });
}

Result<bool> SecretStore::remove(const QString& key) const
{
    return waitFor<bool>(m_timeout, [this, &key](const KeychainLibrary& library, auto done) {
        library.remove(m_service, key, std::move(done));
    });
}

void SecretStore::readLater(const QString& key, QObject* context, std::function<void(Result<Found>)> done) const
{
    answerLater<Found>(context, std::move(done), [this, &key](const KeychainLibrary& library, auto answer) {
        library.read(m_service, key, std::move(answer));
    });
}

void SecretStore::writeLater(const QString& key, const QByteArray& secret, QObject* context,
                             std::function<void(Result<bool>)> done) const
{
    answerLater<bool>(context, std::move(done), [this, &key, &secret](const KeychainLibrary& library, auto answer) {
        library.write(m_service, key, secret, std::move(answer));
    });
}

} // namespace chasm
