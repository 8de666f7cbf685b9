#pragma once

// The code between KARB_AVX2_BEGIN and KARB_AVX2_END is compiled for AVX2
// (the simdjson "haswell" decoding loops, selected at run time only on
// CPUs that have it): g++'s target pragma, or clang's attribute region
// (clang ignores the GCC pragma; the fuzz build uses clang).

#if defined(__clang__)
#  define KARB_AVX2_BEGIN                                                   \
    _Pragma("clang attribute push(__attribute__((target(\"avx2,bmi,pclmul,lzcnt,popcnt\"))), apply_to = function)")
#  define KARB_AVX2_END _Pragma("clang attribute pop")
#else
#  define KARB_AVX2_BEGIN                                                   \
    _Pragma("GCC push_options")                                             \
      _Pragma("GCC target(\"avx2,bmi,pclmul,lzcnt,popcnt\")")
#  define KARB_AVX2_END _Pragma("GCC pop_options")
#endif
