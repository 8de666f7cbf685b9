#pragma once

// Bithumb API 2.0 REST reply parsers: the Upbit-family parsers bound to
// exchange::bithumb. See exchanges/korea/*_parse.hpp for the contracts.

#include <string_view>

#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"

namespace karb::bithumb {

using korea::check_reply;
using korea::order_chance;
using korea::order_snapshot;
using korea::parse_remaining_req;
using korea::remaining_req;

inline auto parse_tickers(std::string_view body) {
  return korea::parse_tickers(body, exchange::bithumb);
}
inline auto parse_orderbooks(std::string_view body) {
  return korea::parse_orderbooks(body, exchange::bithumb);
}
inline auto parse_trades(std::string_view body) {
  return korea::parse_trades(body, exchange::bithumb);
}
inline auto parse_accounts(std::string_view body) {
  return korea::parse_accounts(body, exchange::bithumb);
}
inline auto parse_order_chance(std::string_view body) {
  return korea::parse_order_chance(body, exchange::bithumb);
}
inline auto parse_tick_policies(std::string_view body) {
  return korea::parse_tick_policies(body);
}
/// Place, get and cancel replies. v2 placement acks (order_id, no state)
/// parse as open orders; query them for the real state.
inline auto parse_order(std::string_view body) {
  return korea::parse_order(body, exchange::bithumb);
}
inline auto parse_orders(std::string_view body) {
  return korea::parse_orders(body, exchange::bithumb);
}

} // namespace karb::bithumb
