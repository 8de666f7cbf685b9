#pragma once

// The venue::feed_decoder of a Bybit public connection: order book frames
// through the simdjson book_decoder; everything else (acknowledgements,
// pongs, errors, tickers) through the nlohmann parser (ws_parse.hpp).

#include "exchanges/bybit/book_decoder.hpp"
#include "exchanges/common/venue_protocol.hpp"

namespace karb::bybit {

class public_feed_decoder final : public venue::feed_decoder {
public:
  explicit public_feed_decoder(exchange venue);

  venue::feed_kind decode(std::string_view text, int64_t recv_ns,
                          venue::feed_item& out) override;

private:
  exchange venue_;
  book_decoder fast_;
};

} // namespace karb::bybit
