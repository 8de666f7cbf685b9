#include "exchanges/okx/feed_decoder.hpp"

#include "exchanges/okx/ws_parse.hpp"

namespace karb::okx {

market_feed_decoder::market_feed_decoder(exchange venue,
                                         venue::contract_size_fn sizes)
  : venue_(venue), sizes_(std::move(sizes)), fast_(venue) {
  // nop
}

venue::feed_kind market_feed_decoder::decode(std::string_view text,
                                             int64_t recv_ns,
                                             venue::feed_item& out) {
  if (text == "pong")
    return venue::feed_kind::other;
  switch (fast_.decode(text, recv_ns, out)) {
    case book_frame::delta:
      out.error.clear();
      return finish_books(venue_, sizes_, out);
    case book_frame::invalid:
      out.error = "undecodable books frame";
      return venue::feed_kind::error;
    case book_frame::untyped:
      break;
  }
  return decode_public_frame(text, venue_, sizes_, recv_ns, out);
}

} // namespace karb::okx
