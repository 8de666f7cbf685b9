#include "exchanges/korea/book_decoder.hpp"

#include <cstring>

namespace karb::korea {

book_decoder::book_decoder(exchange venue)
  : venue_(venue), backend_(detail::make_haswell_backend()) {
  if (!backend_)
    backend_ = detail::make_fallback_backend();
}

result<unit> book_decoder::decode(std::string_view text, int64_t ts_recv_ns,
                                  order_book& out) {
  auto padding = detail::simdjson_padding();
  size_t need = text.size() + padding;
  if (buffer_.size() < need)
    buffer_.resize(need);
  std::memcpy(buffer_.data(), text.data(), text.size());
  std::memset(buffer_.data() + text.size(), 0, padding);
  auto r = backend_->decode(buffer_.data(), text.size(), buffer_.size(), venue_,
                            out);
  if (r)
    out.ts_recv_ns = ts_recv_ns;
  return r;
}

} // namespace karb::korea
