// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "SecretStore.h"

#include "util/Keychain.h"
#include "util/ProgramModule.h"

#include <QPointer>
#include <QThread>
#include <QTimer>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

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

// Every job runs on one thread of the process, which does nothing else. Seen with QtKeychain over the Secret Service
// (gnome-keyring): only the thread that first used the keychain was answered, and a job started on another thread
// waited out its whole time-out (an MCP server's threads reading a team database's password: 20 s, once over a
// minute; test_team's passwordFromKeychainOrLibpq reads on other threads).
QObject* keychainThread()
{
    static QObject* const context = [] {
        // Never stopped nor destroyed: it serves the process to its end.
        auto* thread = new QThread;
        thread->setObjectName(u"chasm-keychain"_s);
        thread->start();
        auto* object = new QObject;
        object->moveToThread(thread);
        return object;
    }();
    return context;
}

// Starts a job (`start` starts it on the keychain, with the function to call with its answer) on the keychain's
// thread; `answer` gets its result there.
template<typename T, typename Start>
void startJob(Start start, std::function<void(Result<T>)> answer)
{
    const auto library = keychain();
    if (!library) {
        answer(library.error());
        return;
    }
    QMetaObject::invokeMethod(
        keychainThread(),
        [library = *library, start = std::move(start), answer = std::move(answer)] { start(*library, answer); },
        Qt::QueuedConnection);
}

// Runs a job and waits until it finished or `timeout` passed. After a time-out the job may still finish: nobody
// listens then.
template<typename T, typename Start>
Result<T> waitFor(std::chrono::milliseconds timeout, Start start)
{
    struct Answer
    {
        std::mutex mutex;
        std::condition_variable given;
        std::optional<Result<T>> result;
    };
    const auto answer = std::make_shared<Answer>();
    startJob<T>(std::move(start), [answer](Result<T> result) {
        const std::lock_guard lock(answer->mutex);
        answer->result.emplace(std::move(result));
        answer->given.notify_all();
    });
    std::unique_lock lock(answer->mutex);
    if (!answer->given.wait_for(lock, timeout, [&answer] { return answer->result.has_value(); })) {
        return timedOut(timeout);
    }
    return *answer->result;
}

// Runs a job; `done` gets its answer on `context`'s thread (the caller's), unless the context is gone by then: the
// keychain's, or a time-out's when the keychain has not answered within `timeout` (a Secret Service that hangs would
// otherwise leave the app waiting for ever). Once: what comes second is dropped.
template<typename T, typename Start>
void answerLater(QObject* context, std::chrono::milliseconds timeout, std::function<void(Result<T>)> done, Start start)
{
    // Used on the context's thread only.
    const auto pending = std::make_shared<std::function<void(Result<T>)>>(std::move(done));
    const auto answer = [pending](Result<T> result) {
        if (*pending) {
            std::exchange(*pending, nullptr)(std::move(result));
        }
    };
    QTimer::singleShot(timeout, context, [answer, timeout] { answer(timedOut(timeout)); });
    startJob<T>(std::move(start), [guard = QPointer<QObject>(context), answer](Result<T> result) {
        if (guard) {
            QMetaObject::invokeMethod(
                guard.data(), [result = std::move(result), answer] { answer(result); }, Qt::QueuedConnection);
        }
    });
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
    return waitFor<Found>(m_timeout, [service = m_service, key](const KeychainLibrary& library, auto done) {
        library.read(service, key, std::move(done));
    });
}

Result<bool> SecretStore::write(const QString& key, const QByteArray& secret) const
{
    return waitFor<bool>(m_timeout, [service = m_service, key, secret](const KeychainLibrary& library, auto done) {
        library.write(service, key, secret, std::move(done));
    });
}

Result<bool> SecretStore::remove(const QString& key) const
{
    return waitFor<bool>(m_timeout, [service = m_service, key](const KeychainLibrary& library, auto done) {
        library.remove(service, key, std::move(done));
    });
}

void SecretStore::readLater(const QString& key, QObject* context, std::function<void(Result<Found>)> done) const
{
    answerLater<Found>(context, m_timeout, std::move(done),
                       [service = m_service, key](const KeychainLibrary& library, auto answer) {
                           library.read(service, key, std::move(answer));
                       });
}

void SecretStore::writeLater(const QString& key, const QByteArray& secret, QObject* context,
                             std::function<void(Result<bool>)> done) const
{
    answerLater<bool>(context, m_timeout, std::move(done),
                      [service = m_service, key, secret](const KeychainLibrary& library, auto answer) {
                          library.write(service, key, secret, std::move(answer));
                      });
}

} // namespace chasm
