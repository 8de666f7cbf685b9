// The AVX2 build of the books decoding loop. As in
// exchanges/binance/stream_decoder_haswell.cpp, every standard and project
// header is included before the target pragma, so that only simdjson's
// (always-inline) code and the loop itself are compiled for AVX2; the loop
// is selected at run time only on CPUs that have it.

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
#include <optional>
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

#include "exchanges/binance/decimal_text.hpp"
#include "exchanges/common/detail/avx2_region.hpp"
#include "exchanges/okx/book_decoder.hpp"
#include "exchanges/okx/symbols.hpp"
#include "exchanges/okx/ws_parse.hpp"

#if defined(__x86_64__) && defined(__GNUC__)

namespace karb::okx::detail {

namespace {

bool cpu_has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")
         && __builtin_cpu_supports("popcnt");
}

} // namespace

} // namespace karb::okx::detail

KARB_AVX2_BEGIN
#define SIMDJSON_BUILTIN_IMPLEMENTATION haswell
#include <simdjson.h>

#define KARB_OKX_BOOK_BACKEND_NS avx2
#define KARB_OKX_BOOK_BACKEND_NAME "haswell"
#include "exchanges/okx/book_decoder_body.ipp"
KARB_AVX2_END

namespace karb::okx::detail {

std::unique_ptr<book_backend> make_haswell_book_backend() {
  if (!cpu_has_avx2())
    return nullptr;
  return std::make_unique<avx2::backend>();
}

} // namespace karb::okx::detail

#else

namespace karb::okx::detail {

std::unique_ptr<book_backend> make_haswell_book_backend() {
  return nullptr;
}

} // namespace karb::okx::detail

#endif
