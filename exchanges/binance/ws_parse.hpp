#pragma once

// Binance market stream frames through nlohmann: the same results as
// stream_decoder (the simdjson hot path), for the frames it leaves untyped
// and as the benchmark baseline.
//
//   depthUpdate / markPriceUpdate, raw or combined-wrapped -> delta / mark
//   {"result":null,"id":N} (subscription ack), other events -> other
//   {"code":..,"msg":..} or {"error":{..}} frames, bad JSON,
//   a depth / mark event missing a field                   -> error

#include <cstdint>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::binance {

venue::feed_kind decode_stream_frame(std::string_view text, exchange venue,
                                     int64_t ts_recv_ns,
                                     venue::feed_item& out);

} // namespace karb::binance
