#pragma once

// Heap allocation counting for the benchmark binaries only (karb-bench,
// karb-microbench): alloc_count.cpp replaces malloc, calloc, realloc, free
// and the aligned allocators with thin counting wrappers over glibc's own
// (__libc_malloc, ...). Every C++ allocation goes through malloc, so this
// counts operator new, std::string, CAF mailbox elements, asio handlers and
// the C libraries (SQLite, OpenSSL) alike.
//
// Each thread counts into its own record (no shared cache line on the hot
// path); alloc_count() sums the records of every thread that ever
// allocated. Link alloc_count.cpp into an executable, never into a library
// the node uses. Under AddressSanitizer the shim is compiled out and
// alloc_counting() is false.

#include <cstdint>

namespace karb::bench {

struct alloc_totals {
  uint64_t allocs = 0; ///< malloc, calloc, realloc, aligned allocations
  uint64_t frees = 0;  ///< free of a non-null pointer
  uint64_t bytes = 0;  ///< bytes requested by those allocations
};

/// Totals over every thread so far (each thread's counters are read
/// without stopping it: exact once the threads of interest are quiet,
/// otherwise off by the allocations in flight).
alloc_totals alloc_count();

/// False when the shim is compiled out (sanitizer builds).
bool alloc_counting();

inline alloc_totals operator-(const alloc_totals& a, const alloc_totals& b) {
  return {a.allocs - b.allocs, a.frees - b.frees, a.bytes - b.bytes};
}

} // namespace karb::bench
