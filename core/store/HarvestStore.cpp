// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "HarvestStore.h"

namespace chasm {

HarvestStore::HarvestStore(const Database& database)
    : m_writer(database)
    , m_reader(database)
    , m_search(database)
    , m_checkpoints(database, m_writer)
{}

HarvestStore::~HarvestStore() = default;

} // namespace chasm
