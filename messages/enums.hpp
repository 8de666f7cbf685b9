#pragma once

// The enumerations of the domain model (seed 002 §2.1), each with
// `to_string` and a `from_string` that refuses unknown text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace karb {

/// A venue the node can name: one market kind of one API host each (Binance
/// spot and USD-M futures are separate hosts; OKX and Bybit serve spot and
/// perpetuals from one host and account but as separate instrument types,
/// books and order categories, so they are separate venues here too).
enum class exchange : uint8_t {
  upbit, bithumb, binance_spot, binance_usdm, okx_spot, okx_swap, bybit_spot,
  bybit_linear, huobi, custom
};
enum class side : uint8_t { buy, sell };
enum class order_type : uint8_t { market, limit, ioc, fok };
/// Order lifecycle (seed 002 §2.1 plus the architecture's submitted, failed
/// and unknown; see actors/execution for the transition table).
enum class order_status : uint8_t {
  pending,          ///< created locally, intent stored, not yet sent
  submitted,        ///< request written, no venue answer yet
  open,             ///< accepted and resting
  partially_filled, ///< some quantity executed, rest still live
  filled,           ///< terminal: fully executed
  cancelled,        ///< terminal: cancelled (maybe after partial fills)
  rejected,         ///< terminal: refused by the venue
  failed,           ///< terminal: never reached the venue
  unknown,          ///< request timed out; resolve by client order id
};
enum class arbitrage_type : uint8_t {
  spot_futures, futures_futures, cross_exchange, funding_rate
};
enum class priority : uint8_t { low = 1, medium = 2, high = 3, urgent = 4 };
enum class contract_type : uint8_t { spot, futures, perpetual };

std::string to_string(exchange x);
std::string to_string(side x);
std::string to_string(order_type x);
std::string to_string(order_status x);
std::string to_string(arbitrage_type x);
std::string to_string(priority x);
std::string to_string(contract_type x);

std::optional<exchange> exchange_from_string(std::string_view s);
std::optional<side> side_from_string(std::string_view s);
std::optional<order_type> order_type_from_string(std::string_view s);
std::optional<order_status> order_status_from_string(std::string_view s);
std::optional<arbitrage_type> arbitrage_type_from_string(std::string_view s);
std::optional<priority> priority_from_string(std::string_view s);
std::optional<contract_type> contract_type_from_string(std::string_view s);

/// True for the states an order never leaves.
constexpr bool is_terminal(order_status s) {
  return s == order_status::filled || s == order_status::cancelled
         || s == order_status::rejected || s == order_status::failed;
}

constexpr side opposite(side s) { return s == side::buy ? side::sell : side::buy; }

} // namespace karb
