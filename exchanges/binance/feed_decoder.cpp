#include "exchanges/binance/feed_decoder.hpp"

#include "exchanges/binance/ws_parse.hpp"

namespace karb::binance {

namespace {

/// The fast decoder refused a frame without saying why; the general
/// parser, run on this error path only, names the reason.
venue::feed_kind refused(std::string_view text, exchange venue,
                         int64_t recv_ns, venue::feed_item& out) {
  venue::feed_item probe;
  decode_stream_frame(text, venue, recv_ns, probe);
  out.error = probe.error.empty() ? "refused by the fast decoder"
                                  : std::move(probe.error);
  return venue::feed_kind::error;
}

} // namespace

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
      return refused(text, venue_, recv_ns, out);
    case stream_frame::untyped:
      break;
  }
  return decode_stream_frame(text, venue_, recv_ns, out);
}

} // namespace karb::binance
