#pragma once

// One fuzz target per file of tests/fuzz/targets/, written once and built
// twice:
//
//   KARB_FUZZ_TARGET(name) { ... data, size ... }
//
// In the libFuzzer build (KARB_FUZZ_LIBFUZZER, one executable per target)
// the body is LLVMFuzzerTestOneInput. In the g++ replay build every target
// registers itself under its name in one executable, which replays the
// committed corpus and crash reproducers (replay_main.cpp).
//
// A target returns normally for any input the code under test refuses; a
// broken invariant is a KARB_FUZZ_CHECK, which aborts with the condition
// (libFuzzer then saves the input as a crash).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace karb::fuzz {

using target_fn = void (*)(const uint8_t* data, size_t size);

/// Registers `fn` as `name` (replay build); returns true.
bool register_target(const char* name, target_fn fn);

[[noreturn]] inline void check_failed(const char* what, const char* file,
                                      int line) {
  std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
  std::abort();
}

} // namespace karb::fuzz

#define KARB_FUZZ_CHECK(cond)                                                \
  do {                                                                       \
    if (!(cond))                                                             \
      ::karb::fuzz::check_failed(#cond, __FILE__, __LINE__);                 \
  } while (false)

#ifdef KARB_FUZZ_LIBFUZZER
#  define KARB_FUZZ_TARGET(name)                                             \
    static void karb_fuzz_##name(const uint8_t* data, size_t size);          \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
      karb_fuzz_##name(data, size);                                          \
      return 0;                                                              \
    }                                                                        \
    static void karb_fuzz_##name(const uint8_t* data, size_t size)
#else
#  define KARB_FUZZ_TARGET(name)                                             \
    static void karb_fuzz_##name(const uint8_t* data, size_t size);          \
    [[maybe_unused]] static const bool karb_fuzz_registered_##name           \
      = ::karb::fuzz::register_target(#name, &karb_fuzz_##name);             \
    static void karb_fuzz_##name(const uint8_t* data, size_t size)
#endif
