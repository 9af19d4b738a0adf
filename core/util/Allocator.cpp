// SPDX-License-Identifier: AGPL-3.0-only
// SPDX-FileCopyrightText: 2026 The Chasm developers

#include "Allocator.h"

#include <cstdlib> // defines __GLIBC__ with glibc

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace chasm {

void tuneAllocator()
{
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, 4);
    mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
}

void releaseFreeMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace chasm
