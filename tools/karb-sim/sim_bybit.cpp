// The simulator's Bybit-only entry points: WebSocket connections (their
// requests, snapshots and auth) and the book faults `reset` and `gap`.

#include "tools/karb-sim/sim.hpp"

#include "tools/karb-sim/by_ws.hpp"

namespace karb::sim {

by_ws_state simulator::bybit_ws_open(size_t i, by_ws_state::channel ch) {
  std::lock_guard lock{mu_};
  by_ws_state s;
  s.ch = ch;
  s.conn_id = venues_.at(i)->by->next_conn_id();
  return s;
}

std::vector<std::string> simulator::bybit_ws(size_t i, by_ws_state& s,
                                             std::string_view text,
                                             time_ms now) {
  std::lock_guard lock{mu_};
  auto& bv = *venues_.at(i)->by;
  by_ws_env env;
  env.now = now;
  env.snapshot = [&](by_cat c, const std::string& topic) {
    return bv.snapshot(c, topic, now);
  };
  env.auth = [&](const std::string& key, int64_t expires,
                 const std::string& sign) -> std::pair<std::string, std::string> {
    auto* a = bv.account(by_cat::spot, key);
    if (!a)
      return {"", "API key is invalid."};
    if (by_ws_sign(a->secret, expires) != sign)
      return {"", "error sign! origin_string[GET/realtime"
                    + std::to_string(expires) + "]"};
    return {key, ""};
  };
  return by_ws_handle(s, text, env);
}

std::optional<std::string>
simulator::apply_book_fault(const nlohmann::json& spec) {
  auto kind = spec.value("fault", std::string{});
  std::string target = spec.value("venue", std::string{"all"});
  bool bybit = false, binance = false;
  for (auto& v : venues_) {
    if (target != "all" && target != to_string(v->kind))
      continue;
    binance = binance || v->bn;
    if (!v->by)
      continue;
    bybit = true;
    if (auto e = v->by->add_book_fault(kind, spec.value("category", std::string{}),
                                       spec.value("symbol", std::string{}),
                                       spec.value("count", 1)))
      return e;
  }
  if (kind == "gap" && binance)
    return apply_gap(spec);
  if (!bybit)
    return kind == "gap"
             ? std::string{"gap needs a Binance or Bybit venue"}
             : std::string{"reset needs a Bybit venue"};
  return std::nullopt;
}

} // namespace karb::sim
