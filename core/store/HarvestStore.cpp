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
