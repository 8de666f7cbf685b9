#include "messages/enums.hpp"

#include <array>
#include <utility>

namespace karb {

namespace {

// One table per enum: the text is the seed's value string.
template <class E, size_t N>
using names = std::array<std::pair<E, std::string_view>, N>;

constexpr names<exchange, 10> exchange_names{{
  {exchange::upbit, "upbit"}, {exchange::bithumb, "bithumb"},
  {exchange::binance_spot, "binance_spot"},
  {exchange::binance_usdm, "binance_usdm"}, {exchange::okx_spot, "okx_spot"},
  {exchange::okx_swap, "okx_swap"}, {exchange::bybit_spot, "bybit_spot"},
  {exchange::bybit_linear, "bybit_linear"}, {exchange::huobi, "huobi"},
  {exchange::custom, "custom"},
}};
constexpr names<side, 2> side_names{{{side::buy, "buy"}, {side::sell, "sell"}}};
constexpr names<order_type, 4> order_type_names{{
  {order_type::market, "market"}, {order_type::limit, "limit"},
  {order_type::ioc, "ioc"}, {order_type::fok, "fok"},
}};
constexpr names<order_status, 9> order_status_names{{
  {order_status::pending, "pending"}, {order_status::submitted, "submitted"},
  {order_status::open, "open"},
  {order_status::partially_filled, "partially_filled"},
  {order_status::filled, "filled"}, {order_status::cancelled, "cancelled"},
  {order_status::rejected, "rejected"}, {order_status::failed, "failed"},
  {order_status::unknown, "unknown"},
}};
constexpr names<arbitrage_type, 4> arbitrage_type_names{{
  {arbitrage_type::spot_futures, "spot_futures"},
  {arbitrage_type::futures_futures, "futures_futures"},
  {arbitrage_type::cross_exchange, "cross_exchange"},
  {arbitrage_type::funding_rate, "funding_rate"},
}};
constexpr names<priority, 4> priority_names{{
  {priority::low, "low"}, {priority::medium, "medium"},
  {priority::high, "high"}, {priority::urgent, "urgent"},
}};
constexpr names<contract_type, 3> contract_type_names{{
  {contract_type::spot, "spot"}, {contract_type::futures, "futures"},
  {contract_type::perpetual, "perpetual"},
}};

template <class E, size_t N>
std::string name_of(const names<E, N>& table, E x) {
  for (auto& [value, text] : table)
    if (value == x)
      return std::string{text};
  return "invalid";
}

template <class E, size_t N>
std::optional<E> value_of(const names<E, N>& table, std::string_view s) {
  for (auto& [value, text] : table)
    if (text == s)
      return value;
  return std::nullopt;
}

} // namespace

std::string to_string(exchange x) { return name_of(exchange_names, x); }
std::string to_string(side x) { return name_of(side_names, x); }
std::string to_string(order_type x) { return name_of(order_type_names, x); }
std::string to_string(order_status x) { return name_of(order_status_names, x); }
std::string to_string(arbitrage_type x) {
  return name_of(arbitrage_type_names, x);
}
std::string to_string(priority x) { return name_of(priority_names, x); }
std::string to_string(contract_type x) {
  return name_of(contract_type_names, x);
}

std::optional<exchange> exchange_from_string(std::string_view s) {
  return value_of(exchange_names, s);
}
std::optional<side> side_from_string(std::string_view s) {
  return value_of(side_names, s);
}
std::optional<order_type> order_type_from_string(std::string_view s) {
  return value_of(order_type_names, s);
}
std::optional<order_status> order_status_from_string(std::string_view s) {
  return value_of(order_status_names, s);
}
std::optional<arbitrage_type> arbitrage_type_from_string(std::string_view s) {
  return value_of(arbitrage_type_names, s);
}
std::optional<priority> priority_from_string(std::string_view s) {
  return value_of(priority_names, s);
}
std::optional<contract_type> contract_type_from_string(std::string_view s) {
  return value_of(contract_type_names, s);
}

} // namespace karb
