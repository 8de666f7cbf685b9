// The portable build of the decoding loop (simdjson's builtin target for
// the default compiler flags).

#include <simdjson.h>

#define KARB_BOOK_BACKEND_NS portable
#define KARB_BOOK_BACKEND_NAME "fallback"
#include "exchanges/korea/book_decoder_body.ipp"

namespace karb::korea::detail {

std::unique_ptr<book_backend> make_fallback_backend() {
  return std::make_unique<portable::backend>();
}

size_t simdjson_padding() {
  return simdjson::SIMDJSON_PADDING;
}

} // namespace karb::korea::detail
