// The simulator's Binance-only entry points: the spot WebSocket API, USD-M
// listen keys, the admin funding control and the `gap` fault.

#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

ws_api_result simulator::ws_api(size_t i, std::string_view text, time_ms now) {
  std::lock_guard lock{mu_};
  return handle_ws_api(venues_.at(i)->bn->eng, text, now);
}

std::optional<std::string> simulator::listen_key_account(size_t i,
                                                         const std::string& key,
                                                         time_ms now) {
  std::lock_guard lock{mu_};
  auto& v = *venues_.at(i);
  if (!v.bn)
    return std::nullopt;
  return v.bn->listen_key_owner(key, now);
}

std::optional<std::string> simulator::settle_funding(const nlohmann::json& spec,
                                                     time_ms now) {
  auto target = spec.is_object() ? spec.value("venue", std::string{"binance_usdm"})
                                 : std::string{"binance_usdm"};
  std::lock_guard lock{mu_};
  for (auto& v : venues_)
    if (to_string(v->kind) == target) {
      if (v->ok) { // OKX swaps
        v->ok->swap.settle_funding(now);
        v->ok->sync();
        return std::nullopt;
      }
      if (v->by) {
        v->by->settle_funding(now);
        return std::nullopt;
      }
      if (v->kind != venue_kind::binance_usdm)
        return std::string{"funding exists on binance_usdm, okx and bybit "
                           "only"};
      v->bn->settle_funding(now);
      return std::nullopt;
    }
  return "unknown venue \"" + target + "\"";
}

std::optional<std::string> simulator::apply_gap(const nlohmann::json& spec) {
  std::string target = spec.value("venue", std::string{"all"});
  std::string symbol = spec.value("symbol", std::string{});
  if (!symbol.empty() && binance_market_index(symbol) < 0)
    return "unknown symbol \"" + symbol + "\"";
  int count = spec.value("count", 1);
  bool matched = false;
  for (auto& v : venues_)
    if (v->bn && (target == "all" || target == to_string(v->kind))) {
      matched = true;
      for (int k = 0; k < count; ++k)
        v->bn->add_gap(symbol);
    }
  if (!matched)
    return "gap needs a Binance venue (binance_spot or binance_usdm)";
  return std::nullopt;
}

} // namespace karb::sim
