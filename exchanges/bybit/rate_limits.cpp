#include "exchanges/bybit/rate_limits.hpp"

namespace karb::bybit {

namespace {

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

} // namespace

std::vector<venue::rate_group> rate_groups(exchange venue) {
  int orders = venue == exchange::bybit_linear ? 10 : 20;
  return {{"orders", orders}, {"account", 50}, {"public", 50}};
}

std::string rate_group_of(std::string_view method, std::string_view target) {
  auto path = path_of(target);
  if (path.starts_with("/v5/market/"))
    return "public";
  if (method == "POST"
      && (path == "/v5/order/create" || path == "/v5/order/cancel"
          || path == "/v5/order/amend"))
    return "orders";
  return "account";
}

} // namespace karb::bybit
