// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "NativeSqlite.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#if !defined(Q_OS_WIN)
#include <dlfcn.h>
#endif

#include <cstring>

using namespace Qt::StringLiterals;

namespace chasm {

namespace {

#if !defined(Q_OS_WIN)
// Whether the library that holds `driver`'s code resolves sqlite3_libversion to the function this program links.
bool linksOurSqlite(const QSqlDriver* driver)
{
    // The first word of a polymorphic object points into its class's virtual table, which lies in the file that
    // defines the class: Qt's SQLite plugin for its QSQLiteDriver.
    Dl_info info{};
    if (dladdr(*reinterpret_cast<void* const*>(driver), &info) == 0 || info.dli_fname == nullptr) {
        return false;
    }
    // Already loaded (the driver lives in it): RTLD_NOLOAD only takes another reference.
    void* plugin = dlopen(info.dli_fname, RTLD_NOLOAD | RTLD_LAZY);
    if (plugin == nullptr) {
        return false;
    }
    // dlsym searches the plugin and then the libraries it depends on, as its own calls are resolved.
    const bool same = dlsym(plugin, "sqlite3_libversion") == reinterpret_cast<void*>(&sqlite3_libversion);
    dlclose(plugin);
    return same;
}
#endif

} // namespace

sqlite3* nativeSqlite(const QSqlDatabase& db)
{
#if defined(Q_OS_WIN)
    Q_UNUSED(db);
    return nullptr;
#else
    const QSqlDriver* driver = db.driver();
    if (driver == nullptr || db.driverName() != u"QSQLITE"_s || !db.isOpen()) {
        return nullptr;
    }
    // Every QSQLITE connection is made by the one plugin: what holds for the first holds for all.
    static const bool usable = linksOurSqlite(driver);
    if (!usable) {
        return nullptr;
    }
    const QVariant handle = driver->handle();
    if (!handle.isValid() || std::strcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3* const*>(handle.constData());
#endif
}

} // namespace chasm
