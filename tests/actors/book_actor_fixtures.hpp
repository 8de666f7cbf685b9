#pragma once

// Builders for the book actor and market data tests.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "messages/market_data.hpp"

namespace karb::book::test {

inline instrument krw_btc(exchange venue = exchange::upbit) {
  return {venue, "BTC", "KRW", "KRW-BTC", contract_type::spot};
}

using level_list = std::vector<std::pair<const char*, const char*>>;

inline std::vector<price_level> levels(const level_list& xs) {
  std::vector<price_level> out;
  for (auto& [p, q] : xs)
    out.push_back({dec(p), dec(q)});
  return out;
}

/// A full book frame stamped `ts_ms` (venue time) and `recv_ns` (steady).
inline order_book frame(const level_list& bids, const level_list& asks,
                        int64_t ts_ms, int64_t recv_ns = 0,
                        instrument symbol = krw_btc()) {
  order_book b;
  b.symbol = std::move(symbol);
  b.bids = levels(bids);
  b.asks = levels(asks);
  b.ts_event_ns = ts_ms * 1'000'000;
  b.ts_recv_ns = recv_ns;
  return b;
}

/// A simple two-sided frame around `bid` / `ask`.
inline order_book frame(const char* bid, const char* ask, int64_t ts_ms,
                        int64_t recv_ns = 0) {
  return frame({{bid, "1"}}, {{ask, "1"}}, ts_ms, recv_ns);
}

/// A delta with one sequence number.
inline book_delta delta(int64_t seq, const level_list& bids,
                        const level_list& asks,
                        instrument symbol = krw_btc(exchange::custom)) {
  book_delta d;
  d.symbol = std::move(symbol);
  d.bids = levels(bids);
  d.asks = levels(asks);
  d.first_seq = seq;
  d.seq = seq;
  d.ts_event_ns = seq * 1'000'000;
  return d;
}

} // namespace karb::book::test
