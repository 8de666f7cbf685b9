#pragma once

// Bybit v5 public frames -> venue::feed_item, with nlohmann: the general
// parser (acknowledgements, pongs, errors, tickers) and the reference the
// simdjson book decoder is tested against.
//
//   orderbook.* (snapshot or delta)  -> delta: data.s, b / a levels (size 0
//                                       removes), first_seq = seq = u,
//                                       prev_seq = 0, reset = snapshot or
//                                       u == 1 (a restarted service),
//                                       ts_event_ns = ts (see below)
//   tickers.* with markPrice         -> mark (index = indexPrice, 0 when
//                                       the frame has none) and, when
//                                       fundingRate is there too, funding
//   tickers.* with fundingRate only  -> funding
//   other tickers (spot, unchanged mark and rate), trades -> other
//   {"success":true,...} (subscribe ack, pong), {"op":"pong"} -> other
//   {"success":false,...}, bad JSON, a book without its fields -> error
//
// Linear tickers are a snapshot followed by deltas carrying only the
// fields that changed; an item holds what the frame carries, nothing
// remembered from earlier frames (next_funding_ns and the interval are 0
// when absent). The book's cross sequence `seq` is not kept: `u` alone
// chains one topic's updates, and karb reads one depth per symbol.
//
// Time: `ts` is the venue's push time of the frame, in every frame; `cts`
// (the matching engine's time) is not in every product's frames and says
// when the last trade matched, not when the book changed. ts_event_ns is
// ts, so that venue -> receipt latency measures the feed.

#include <cstdint>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::bybit {

venue::feed_kind decode_public_frame(std::string_view text, exchange venue,
                                     int64_t ts_recv_ns,
                                     venue::feed_item& out);

} // namespace karb::bybit
