#include "exchanges/bybit/feed_decoder.hpp"

#include "exchanges/bybit/ws_parse.hpp"

namespace karb::bybit {

public_feed_decoder::public_feed_decoder(exchange venue)
  : venue_(venue), fast_(venue) {
  // nop
}

venue::feed_kind public_feed_decoder::decode(std::string_view text,
                                             int64_t recv_ns,
                                             venue::feed_item& out) {
  switch (fast_.decode(text, recv_ns, out.delta)) {
    case book_frame::book:
      return venue::feed_kind::delta;
    case book_frame::invalid:
      return venue::feed_kind::error;
    case book_frame::not_book:
      break;
  }
  return decode_public_frame(text, venue_, recv_ns, out);
}

} // namespace karb::bybit
