#pragma once

// OKX public frames through nlohmann (exchanges.md §5.3): the reference
// for the simdjson books decoder (book_decoder.hpp) and the path of every
// other frame.
//
//   books      {"arg":{channel,instId},"action":"snapshot"|"update",
//              "data":[{asks,bids,ts,checksum,prevSeqId,seqId}]}
//              -> delta: reset = (action == "snapshot"), seq = first_seq
//              = seqId, prev_seq = prevSeqId (both no_seq when the frame
//              has none, as in pre-2023 captures), checksum, ts_event_ns,
//              levels [px, sz, "0", orders] -> price, size; swap sizes
//              are contracts and are converted to base units with the
//              contract size of instId (unknown: error, never 1)
//   mark-price data[0]{instId, markPx, ts} -> mark (index 0: not sent)
//   funding-rate data[0] -> funding: fundingRate paid at fundingTime
//              (next_funding_ns), interval nextFundingTime - fundingTime,
//              nextFundingRate as predicted when sent, ts
//   event subscribe / unsubscribe / login / notice, the text "pong",
//   other channels -> other; event error -> error (item.error says why)

#include <cstdint>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"
#include "exchanges/okx/sequencing.hpp"

namespace karb::okx {

/// The value of seq / prev_seq when a books frame carries no seqId /
/// prevSeqId: the sequencer's own "unsequenced".
inline constexpr int64_t no_seq = book::okx_sequencer::no_seq;

venue::feed_kind decode_public_frame(std::string_view text, exchange venue,
                                     const venue::contract_size_fn& sizes,
                                     int64_t ts_recv_ns,
                                     venue::feed_item& out);

/// Converts a decoded books frame's sizes to base units on swap (no-op
/// on spot); `error` (with item.error set) when the contract size of its
/// instrument is unknown.
venue::feed_kind finish_books(exchange venue,
                              const venue::contract_size_fn& sizes,
                              venue::feed_item& out);

} // namespace karb::okx
