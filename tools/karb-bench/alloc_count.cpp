#include "tools/karb-bench/alloc_count.hpp"

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <malloc.h>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define KARB_ALLOC_COUNT 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KARB_ALLOC_COUNT 0
#endif
#endif
#ifndef KARB_ALLOC_COUNT
#define KARB_ALLOC_COUNT 1
#endif

#if KARB_ALLOC_COUNT

// glibc's allocator under its exported internal names: the replacements
// below forward to them (glibc supports replacing malloc by interposition;
// the set malloc/free/calloc/realloc is the one it requires).
extern "C" {
void* __libc_malloc(size_t n);
void __libc_free(void* p);
void* __libc_calloc(size_t n, size_t size);
void* __libc_realloc(void* p, size_t n);
void* __libc_memalign(size_t align, size_t n);
}

namespace {

/// One thread's counters. Written by that thread only (plain load + store,
/// no lock prefix), read by alloc_count(). Records are never freed: a
/// finished thread's counts stay in the totals.
struct thread_counts {
  std::atomic<uint64_t> allocs{0};
  std::atomic<uint64_t> frees{0};
  std::atomic<uint64_t> bytes{0};
  thread_counts* next = nullptr;
};

std::atomic<thread_counts*> g_threads{nullptr};

// A pointer with constant initialisation in the executable: initial-exec
// TLS, no TLS init function, no allocation on first access.
thread_local thread_counts* t_counts = nullptr;

thread_counts* counts() {
  auto* c = t_counts;
  if (c != nullptr) [[likely]]
    return c;
  c = new (__libc_malloc(sizeof(thread_counts))) thread_counts{};
  auto* head = g_threads.load(std::memory_order_relaxed);
  do
    c->next = head;
  while (!g_threads.compare_exchange_weak(head, c, std::memory_order_release,
                                          std::memory_order_relaxed));
  t_counts = c;
  return c;
}

inline void bump(std::atomic<uint64_t>& x, uint64_t n) {
  x.store(x.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

inline void count_alloc(size_t n) {
  auto* c = counts();
  bump(c->allocs, 1);
  bump(c->bytes, n);
}

inline void count_free() {
  bump(counts()->frees, 1);
}

} // namespace

extern "C" {

void* malloc(size_t n) noexcept {
  count_alloc(n);
  return __libc_malloc(n);
}

void free(void* p) noexcept {
  if (p != nullptr)
    count_free();
  __libc_free(p);
}

void* calloc(size_t n, size_t size) noexcept {
  count_alloc(n * size);
  return __libc_calloc(n, size);
}

void* realloc(void* p, size_t n) noexcept {
  if (p != nullptr && n == 0)
    count_free();
  else
    count_alloc(n);
  return __libc_realloc(p, n);
}

void* memalign(size_t align, size_t n) noexcept {
  count_alloc(n);
  return __libc_memalign(align, n);
}

void* aligned_alloc(size_t align, size_t n) noexcept {
  count_alloc(n);
  return __libc_memalign(align, n);
}

int posix_memalign(void** out, size_t align, size_t n) noexcept {
  if (align < sizeof(void*) || (align & (align - 1)) != 0)
    return EINVAL;
  count_alloc(n);
  void* p = __libc_memalign(align, n);
  if (p == nullptr)
    return ENOMEM;
  *out = p;
  return 0;
}

} // extern "C"

#endif // KARB_ALLOC_COUNT

namespace karb::bench {

alloc_totals alloc_count() {
  alloc_totals out;
#if KARB_ALLOC_COUNT
  for (auto* c = g_threads.load(std::memory_order_acquire); c != nullptr;
       c = c->next) {
    out.allocs += c->allocs.load(std::memory_order_relaxed);
    out.frees += c->frees.load(std::memory_order_relaxed);
    out.bytes += c->bytes.load(std::memory_order_relaxed);
  }
#endif
  return out;
}

bool alloc_counting() {
  return KARB_ALLOC_COUNT != 0;
}

} // namespace karb::bench
