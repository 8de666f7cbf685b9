#include "exchanges/okx/rate_limits.hpp"

#include <algorithm>
#include <array>

namespace karb::okx {

namespace {

struct endpoint_limit {
  std::string_view method; ///< "" for any
  std::string_view path;
  std::string_view group;
  int per_2s;
};

constexpr std::string_view other_group = "other";
constexpr int other_per_2s = 10;

constexpr std::array<endpoint_limit, 17> limits{{
  {"", "/api/v5/public/instruments", "instruments", 20},
  {"", "/api/v5/market/ticker", "ticker", 20},
  {"", "/api/v5/market/books", "books", 40},
  {"", "/api/v5/public/funding-rate", "funding", 20},
  {"", "/api/v5/public/funding-rate-history", "funding_history", 10},
  {"", "/api/v5/account/balance", "balance", 10},
  {"", "/api/v5/account/positions", "positions", 10},
  {"", "/api/v5/account/bills", "bills", 10},
  {"POST", "/api/v5/trade/order", "place", 60},
  {"GET", "/api/v5/trade/order", "order", 60},
  {"", "/api/v5/trade/cancel-order", "cancel", 60},
  {"", "/api/v5/trade/amend-order", "amend", 60},
  {"", "/api/v5/trade/orders-pending", "orders_pending", 60},
  {"", "/api/v5/trade/orders-history", "orders_history", 40},
  {"", "/api/v5/public/time", "time", 10},
  {"", "/api/v5/account/set-leverage", "leverage", 20},
  {"", "/api/v5/account/set-position-mode", "position_mode", 5},
}};

int per_second(int per_2s) {
  return std::max(1, per_2s / 2);
}

} // namespace

std::vector<venue::rate_group> rate_groups() {
  std::vector<venue::rate_group> out;
  out.reserve(limits.size() + 1);
  for (auto& l : limits)
    out.push_back({std::string{l.group}, per_second(l.per_2s)});
  out.push_back({std::string{other_group}, per_second(other_per_2s)});
  return out;
}

std::string rate_group_of(std::string_view method, std::string_view target) {
  auto path = target.substr(0, target.find('?'));
  for (auto& l : limits)
    if (l.path == path && (l.method.empty() || l.method == method))
      return std::string{l.group};
  return std::string{other_group};
}

} // namespace karb::okx
