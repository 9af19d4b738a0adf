#pragma once

namespace chasm {

// Sets the C library's allocator up for Chasm's work, once at the start of a program, before its threads:
// sessions are read and parsed on a pool of threads and freed by the one that stores them, which leaves
// glibc's per-thread arenas holding freed memory. Four arenas, and memory handed back to the system once 1 MiB
// is free at the top of a heap, took a 1 GB harvest's peak RSS from 424-451 to 329-331 MiB (the harvest took
// 29-32 s before, 35 s after, in runs not alternated; one arena: 306 MiB and 25 % slower).
void tuneAllocator();

} // namespace chasm
