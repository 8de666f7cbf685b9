#include "exchanges/bybit/book_decoder.hpp"

#include <cstring>

namespace karb::bybit {

book_decoder::book_decoder(exchange venue)
  : venue_(venue), backend_(detail::make_haswell_book_backend()) {
  if (!backend_)
    backend_ = detail::make_fallback_book_backend();
}

book_frame book_decoder::decode(std::string_view text, int64_t ts_recv_ns,
                                book_delta& out) {
  auto padding = detail::book_padding();
  size_t need = text.size() + padding;
  if (buffer_.size() < need)
    buffer_.resize(need);
  std::memcpy(buffer_.data(), text.data(), text.size());
  std::memset(buffer_.data() + text.size(), 0, padding);
  auto kind = backend_->decode(buffer_.data(), text.size(), buffer_.size(),
                               venue_, out);
  if (kind == book_frame::book)
    out.ts_recv_ns = ts_recv_ns;
  return kind;
}

} // namespace karb::bybit
