#include "exchanges/binance/rate_limits.hpp"

#include <algorithm>
#include <charconv>

namespace karb::binance {

namespace {

constexpr int spread_over_s = 10;
constexpr int report_from_percent = 80;

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

/// The value of query parameter `key` in `target` ("" when absent).
std::string_view query_value(std::string_view target, std::string_view key) {
  auto q = target.find('?');
  if (q == std::string_view::npos)
    return {};
  auto query = target.substr(q + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    if (pair.size() > key.size() && pair.starts_with(key)
        && pair[key.size()] == '=')
      return pair.substr(key.size() + 1);
    if (amp == std::string_view::npos)
      break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

int limit_of(std::string_view target, int fallback) {
  auto text = query_value(target, "limit");
  int n = fallback;
  if (!text.empty())
    std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

bool has_symbol(std::string_view target) {
  return !query_value(target, "symbol").empty();
}

int spot_cost(std::string_view method, std::string_view target) {
  auto path = path_of(target);
  if (path == "/api/v3/depth") {
    int limit = limit_of(target, 100);
    return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
  }
  if (path == "/api/v3/exchangeInfo" || path == "/api/v3/account"
      || path == "/api/v3/allOrders" || path == "/api/v3/myTrades")
    return 20;
  if (path == "/api/v3/trades")
    return 25;
  if (path == "/api/v3/ticker/24hr")
    return has_symbol(target) ? 2 : 80;
  if (path == "/api/v3/ticker/bookTicker")
    return has_symbol(target) ? 2 : 4;
  if (path == "/api/v3/order")
    return method == "GET" ? 4 : 1;
  if (path == "/api/v3/openOrders")
    return has_symbol(target) ? 6 : 80;
  return 1;
}

int usdm_cost(std::string_view, std::string_view target) {
  auto path = path_of(target);
  if (path == "/fapi/v1/depth") {
    int limit = limit_of(target, 500);
    return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
  }
  if (path == "/fapi/v1/ticker/bookTicker")
    return has_symbol(target) ? 2 : 5;
  if (path == "/fapi/v1/ticker/24hr")
    return has_symbol(target) ? 1 : 40;
  if (path == "/fapi/v1/openOrders")
    return has_symbol(target) ? 1 : 40;
  if (path == "/fapi/v1/allOrders" || path == "/fapi/v3/positionRisk"
      || path == "/fapi/v3/balance")
    return 5;
  if (path == "/fapi/v1/income")
    return 30;
  return 1;
}

} // namespace

int weight_per_minute(exchange venue) {
  return venue == exchange::binance_usdm ? 2400 : 6000;
}

std::vector<venue::rate_group> rate_groups(exchange venue) {
  if (venue == exchange::binance_usdm)
    return {{"weight", 40}, {"orders", 30}};
  return {{"weight", 100}, {"orders", 10}};
}

std::string rate_group_of(std::string_view method, std::string_view target) {
  auto path = path_of(target);
  bool order_path = path == "/api/v3/order" || path == "/fapi/v1/order";
  if (order_path && (method == "POST" || method == "DELETE"))
    return "orders";
  return "weight";
}

int request_cost(exchange venue, std::string_view method,
                 std::string_view target) {
  if (rate_group_of(method, target) == "orders")
    return 1;
  return venue == exchange::binance_usdm ? usdm_cost(method, target)
                                         : spot_cost(method, target);
}

std::optional<venue::budget_report> read_used_weight(exchange venue,
                                                     std::string_view value) {
  int used = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(),
                                   used);
  if (ec != std::errc{} || end != value.data() + value.size() || used < 0)
    return std::nullopt;
  int limit = weight_per_minute(venue);
  if (int64_t{used} * 100 < int64_t{limit} * report_from_percent)
    return std::nullopt;
  int per_sec = limit / 60;
  int left = std::max(0, limit - used);
  return venue::budget_report{"weight",
                              std::min(per_sec, left / spread_over_s)};
}

} // namespace karb::binance
