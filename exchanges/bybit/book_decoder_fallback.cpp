// The portable build of the book decoding loop (simdjson's builtin target
// for the default compiler flags).

#include <simdjson.h>

#define KARB_BOOK_BACKEND_NS portable
#define KARB_BOOK_BACKEND_NAME "fallback"
#include "exchanges/bybit/book_decoder_body.ipp"

namespace karb::bybit::detail {

std::unique_ptr<book_backend> make_fallback_book_backend() {
  return std::make_unique<portable::backend>();
}

size_t book_padding() {
  return simdjson::SIMDJSON_PADDING;
}

} // namespace karb::bybit::detail
