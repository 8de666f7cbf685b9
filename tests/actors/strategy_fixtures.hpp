#pragma once

// Book views for the strategy tests.

#include <string>
#include <utility>
#include <vector>

#include "messages/market_data.hpp"

namespace karb::test {

using level_list = std::vector<std::pair<std::string, std::string>>;

inline std::vector<price_level> levels(const level_list& xs) {
  std::vector<price_level> out;
  for (const auto& [p, v] : xs)
    out.push_back({dec(p), dec(v)});
  return out;
}

inline book_view make_view(exchange venue, const level_list& bids,
                           const level_list& asks, int64_t ts_recv_ns = 0,
                           bool healthy = true) {
  book_view v;
  v.book.symbol = {venue, "BTC", "KRW", "KRW-BTC", contract_type::spot};
  v.book.bids = levels(bids);
  v.book.asks = levels(asks);
  v.book.ts_recv_ns = ts_recv_ns;
  v.healthy = healthy;
  v.reason = healthy ? "" : "stale";
  return v;
}

} // namespace karb::test
