#include "exchanges/bybit/feed_decoder.hpp"

#include "exchanges/bybit/ws_parse.hpp"

namespace karb::bybit {

namespace {

/// The fast decoder refused a frame without saying why; the general
/// parser, run on this error path only, names the reason.
venue::feed_kind refused(std::string_view text, exchange venue,
                         int64_t recv_ns, venue::feed_item& out) {
  venue::feed_item probe;
  decode_public_frame(text, venue, recv_ns, probe);
  out.error = probe.error.empty() ? "refused by the fast decoder"
                                  : std::move(probe.error);
  return venue::feed_kind::error;
}

} // namespace

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
      return refused(text, venue_, recv_ns, out);
    case book_frame::not_book:
      break;
  }
  return decode_public_frame(text, venue_, recv_ns, out);
}

} // namespace karb::bybit
