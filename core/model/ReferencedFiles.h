// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

#include <utility>

namespace chasm {

// The files a session refers to (Session::filesReferenced) as a reader meets them: each once, in the order first
// met, found again by a look-up instead of a search of the list (a transcript that read 100 000 files took three
// minutes to read, searching its list at each call).
class ReferencedFiles
{
public:
    void add(const QString& file)
    {
        if (!file.isEmpty() && !m_seen.contains(file)) {
            m_seen.insert(file);
            m_files << file;
        }
    }
    const QStringList& files() const { return m_files; }
    // The files, leaving none.
    QStringList take()
    {
        m_seen.clear();
        return std::exchange(m_files, {});
    }

private:
    QStringList m_files;
    QSet<QString> m_seen;
};

} // namespace chasm
