// The AVX2 build of the decoding loop. Every standard header simdjson uses
// is included first, without the target pragma, so that no out-of-line
// library code is compiled for AVX2; only simdjson's (always-inline) code
// and the loop below are. Selected at run time only on CPUs with AVX2.

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cfloat>
#include <cinttypes>
#include <climits>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iomanip>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <ostream>
#include <ranges>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "exchanges/common/detail/avx2_region.hpp"
#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/symbols.hpp"

#if defined(__x86_64__) && defined(__GNUC__)

namespace karb::korea::detail {

namespace {

bool cpu_has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")
         && __builtin_cpu_supports("popcnt");
}

} // namespace

} // namespace karb::korea::detail

KARB_AVX2_BEGIN
#define SIMDJSON_BUILTIN_IMPLEMENTATION haswell
#include <simdjson.h>

#define KARB_BOOK_BACKEND_NS avx2
#define KARB_BOOK_BACKEND_NAME "haswell"
#include "exchanges/korea/book_decoder_body.ipp"
KARB_AVX2_END

namespace karb::korea::detail {

std::unique_ptr<book_backend> make_haswell_backend() {
  if (!cpu_has_avx2())
    return nullptr;
  return std::make_unique<avx2::backend>();
}

} // namespace karb::korea::detail

#else

namespace karb::korea::detail {

std::unique_ptr<book_backend> make_haswell_backend() {
  return nullptr;
}

} // namespace karb::korea::detail

#endif
