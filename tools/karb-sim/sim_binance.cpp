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
  auto count = spec.is_object() ? spec.value("count", nlohmann::json(1))
                                : nlohmann::json(1);
  if (!count.is_number_integer() || count.get<int>() < 1
      || count.get<int>() > 1000)
    return std::string{"count must be an integer 1..1000"};
  std::lock_guard lock{mu_};
  for (auto& v : venues_)
    if (to_string(v->kind) == target) {
      if (v->kind == venue_kind::binance_spot)
        return std::string{"funding exists on binance_usdm, okx and bybit "
                           "only"};
      for (int k = 0; k < count.get<int>(); ++k) {
        if (v->ok) { // OKX swaps
          v->ok->swap.settle_funding(now);
          v->ok->sync();
        } else if (v->by) {
          v->by->settle_funding(now);
        } else if (v->kind == venue_kind::binance_usdm) {
          v->bn->settle_funding(now);
        } else {
          return std::string{"funding exists on binance_usdm, okx and bybit "
                             "only"};
        }
      }
      return std::nullopt;
    }
  return "unknown venue \"" + target + "\"";
}

binance_venue* simulator::perp_side(venue& v) {
  if (v.ok)
    return &v.ok->swap;
  if (v.by)
    return &v.by->linear;
  return v.kind == venue_kind::binance_usdm ? v.bn.get() : nullptr;
}

std::optional<std::string>
simulator::apply_perp_fault(const nlohmann::json& spec,
                              const std::string& target) {
  bool basis = spec.value("fault", std::string{}) == "basis";
  auto market = spec.value("market", nlohmann::json{});
  auto rate_text = spec.value("rate", nlohmann::json{});
  auto bp = spec.value("bp", nlohmann::json{});
  if (!market.is_string()
      || (basis ? !bp.is_number_integer() : !rate_text.is_string()))
    return std::string{basis ? "basis needs \"market\" (the venue's perpetual "
                               "symbol) and \"bp\" (an integer)"
                             : "funding_rate needs \"market\" (the venue's "
                               "symbol) and \"rate\" (a decimal string)"};
  auto rate = basis ? std::optional<decimal>{decimal{}}
                    : decimal::parse(rate_text.get<std::string>());
  if (!rate)
    return std::string{"rate must be a decimal string"};
  for (auto& v : venues_) {
    if (to_string(v->kind) != target)
      continue;
    auto* perp = perp_side(*v);
    if (!perp)
      return std::string{"funding exists on binance_usdm, okx and bybit only"};
    auto name = market.get<std::string>();
    int m = -1;
    if (v->ok) {
      auto* inst = find_okx_inst(name);
      m = inst && inst->swap ? static_cast<int>(inst->market) : -1;
    } else {
      m = binance_market_index(name);
    }
    if (m < 0)
      return "unknown market \"" + name + "\"";
    if (basis)
      perp->extra_basis_bp[static_cast<size_t>(m)] = bp.get<int>();
    else
      perp->force_rate(static_cast<size_t>(m), *rate);
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
