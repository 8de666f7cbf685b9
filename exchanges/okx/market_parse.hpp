#pragma once

// OKX public REST replies (nlohmann, exact decimals via json_text), each
// `{"code":"0","msg":"","data":[...]}`:
//
//   /public/time                 data[0].ts (ms) -> ms
//   /public/instruments          data[] -> instrument_spec per instId
//                                (tickSz, lotSz, minSz, maxLmtSz,
//                                state live -> trading). SWAP: only the
//                                linear (USDT-margined) contracts, with
//                                contract_size = ctVal and lot, min_qty
//                                and max_qty converted from contracts to
//                                base units (x ctVal) so that every spec
//                                is in base units like the other venues';
//                                base = ctValCcy, quote = settleCcy
//   /market/books                data[0]{asks, bids, ts} -> order_book;
//                                spot only: the reply names no instrument
//                                and swap sizes are contracts
//   /market/ticker               data[0]{instId, last, vol24h (spot) or
//                                volCcy24h (swap: base units), ts}
//   /public/funding-rate         data[0] -> funding (fundingRate paid at
//                                fundingTime = next_funding_ns, interval
//                                nextFundingTime - fundingTime,
//                                nextFundingRate as predicted when sent)
//                                and a mark_price whose mark and index are
//                                ZERO: the reply carries neither (the
//                                mark-price channel streams it)
//   /public/funding-rate-history data[] newest first -> oldest first:
//                                realizedRate (fundingRate when empty) at
//                                fundingTime, interval = the gap to the
//                                previous entry, else 8 h

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/json_text.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"

namespace karb::okx {

/// Funding interval assumed when a reply does not tell.
inline constexpr int64_t default_funding_interval_s = 8 * 3600;

/// The seconds from fundingTime to nextFundingTime (REST and WS alike);
/// the default when the later one is absent or not later; an error in `r`
/// when the difference overflows.
int64_t funding_interval_s(json_text::reader& r, int64_t funding_ns,
                           int64_t next_ns);

result<int64_t> parse_server_time(std::string_view body);
result<item_list<instrument_spec>> parse_instruments(std::string_view body,
                                                     exchange venue);
result<order_book> parse_books(std::string_view body, exchange venue);
result<ticker> parse_ticker(std::string_view body, exchange venue);
result<std::pair<funding_rate, mark_price>> parse_funding(
  std::string_view body);
result<item_list<funding_rate>> parse_funding_history(std::string_view body);

} // namespace karb::okx
