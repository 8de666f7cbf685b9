#pragma once

// The venue::feed_decoder of an OKX public connection: books frames
// through the simdjson book_decoder, everything else (events, "pong",
// mark price, funding rate) through the nlohmann parser (ws_parse.hpp);
// swap book sizes converted to base units with the contract sizes.

#include "exchanges/common/venue_protocol.hpp"
#include "exchanges/okx/book_decoder.hpp"

namespace karb::okx {

class market_feed_decoder final : public venue::feed_decoder {
public:
  market_feed_decoder(exchange venue, venue::contract_size_fn sizes);

  venue::feed_kind decode(std::string_view text, int64_t recv_ns,
                          venue::feed_item& out) override;

private:
  exchange venue_;
  venue::contract_size_fn sizes_;
  book_decoder fast_;
};

} // namespace karb::okx
