// The portable build of the stream decoding loop (simdjson's builtin
// target for the default compiler flags).

#include <simdjson.h>

#define KARB_STREAM_BACKEND_NS portable
#define KARB_STREAM_BACKEND_NAME "fallback"
#include "exchanges/binance/stream_decoder_body.ipp"

namespace karb::binance::detail {

std::unique_ptr<stream_backend> make_fallback_stream_backend() {
  return std::make_unique<portable::backend>();
}

size_t stream_padding() {
  return simdjson::SIMDJSON_PADDING;
}

} // namespace karb::binance::detail
