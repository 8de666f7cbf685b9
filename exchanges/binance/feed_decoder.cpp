#include "exchanges/binance/feed_decoder.hpp"

#include "exchanges/binance/ws_parse.hpp"

namespace karb::binance {

market_feed_decoder::market_feed_decoder(exchange venue)
  : venue_(venue), fast_(venue) {
  // nop
}

venue::feed_kind market_feed_decoder::decode(std::string_view text,
                                             int64_t recv_ns,
                                             venue::feed_item& out) {
  switch (fast_.decode(text, recv_ns, out)) {
    case stream_frame::delta:
      return venue::feed_kind::delta;
    case stream_frame::mark:
      return venue::feed_kind::mark;
    case stream_frame::event:
      return venue::feed_kind::other;
    case stream_frame::invalid:
      return venue::feed_kind::error;
    case stream_frame::untyped:
      break;
  }
  return decode_stream_frame(text, venue_, recv_ns, out);
}

} // namespace karb::binance
