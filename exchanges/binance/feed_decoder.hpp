#pragma once

// The venue::feed_decoder of a Binance market stream connection: depth
// and mark price events through the simdjson stream_decoder; frames it
// leaves untyped (subscription acks, error frames) through the nlohmann
// parser, which tells `other` from `error`.

#include "exchanges/binance/stream_decoder.hpp"
#include "exchanges/common/venue_protocol.hpp"

namespace karb::binance {

class market_feed_decoder final : public venue::feed_decoder {
public:
  explicit market_feed_decoder(exchange venue);

  venue::feed_kind decode(std::string_view text, int64_t recv_ns,
                          venue::feed_item& out) override;

private:
  exchange venue_;
  stream_decoder fast_;
};

} // namespace karb::binance
