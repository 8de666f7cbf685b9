#include "exchanges/binance/stream_decoder.hpp"

#include <cstring>

namespace karb::binance {

stream_decoder::stream_decoder(exchange venue)
  : venue_(venue), backend_(detail::make_haswell_stream_backend()) {
  if (!backend_)
    backend_ = detail::make_fallback_stream_backend();
}

stream_frame stream_decoder::decode(std::string_view text, int64_t ts_recv_ns,
                                    venue::feed_item& out) {
  auto padding = detail::stream_padding();
  size_t need = text.size() + padding;
  if (buffer_.size() < need)
    buffer_.resize(need);
  std::memcpy(buffer_.data(), text.data(), text.size());
  std::memset(buffer_.data() + text.size(), 0, padding);
  auto kind = backend_->decode(buffer_.data(), text.size(), buffer_.size(),
                               venue_, out);
  if (kind == stream_frame::delta)
    out.delta.ts_recv_ns = ts_recv_ns;
  return kind;
}

} // namespace karb::binance
