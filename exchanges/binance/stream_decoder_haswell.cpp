// The AVX2 build of the stream decoding loop. As in
// exchanges/korea/book_decoder_haswell.cpp, every standard and project
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
#include "exchanges/binance/market_parse.hpp"
#include "exchanges/binance/stream_decoder.hpp"
#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/detail/avx2_region.hpp"

#if defined(__x86_64__) && defined(__GNUC__)

namespace karb::binance::detail {

namespace {

bool cpu_has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi")
         && __builtin_cpu_supports("popcnt");
}

} // namespace

} // namespace karb::binance::detail

KARB_AVX2_BEGIN
#define SIMDJSON_BUILTIN_IMPLEMENTATION haswell
#include <simdjson.h>

#define KARB_STREAM_BACKEND_NS avx2
#define KARB_STREAM_BACKEND_NAME "haswell"
#include "exchanges/binance/stream_decoder_body.ipp"
KARB_AVX2_END

namespace karb::binance::detail {

std::unique_ptr<stream_backend> make_haswell_stream_backend() {
  if (!cpu_has_avx2())
    return nullptr;
  return std::make_unique<avx2::backend>();
}

} // namespace karb::binance::detail

#else

namespace karb::binance::detail {

std::unique_ptr<stream_backend> make_haswell_stream_backend() {
  return nullptr;
}

} // namespace karb::binance::detail

#endif
