// The simulator's admin API (pure): health, state, faults, manual steps.

#include "tools/karb-sim/order_json.hpp"
#include "tools/karb-sim/router_detail.hpp"
#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

std::string default_accounts_json() {
  auto one = [](const char* venue) {
    nlohmann::json a;
    a["access_key"] = std::string{"karb-dev-"} + venue + "-access";
    a["secret_key"] = std::string{"karb-dev-"} + venue + "-secret-0123456789";
    a["balances"] = {{"KRW", "100000000"}, {"BTC", "1"}, {"ETH", "10"},
                     {"XRP", "10000"}};
    return nlohmann::json::array({a});
  };
  auto binance = [](venue_kind v, nlohmann::json balances) {
    auto key = dev_access_key(v);
    nlohmann::json a;
    a["access_key"] = key;
    a["secret_key"] = key.substr(0, key.size() - 6) + "secret-0123456789";
    a["balances"] = std::move(balances);
    return nlohmann::json::array({a});
  };
  return nlohmann::json{
    {"upbit", one("upbit")},
    {"bithumb", one("bithumb")},
    {"binance_spot",
     binance(venue_kind::binance_spot, {{"USDT", "100000"}, {"BTC", "1"},
                                        {"ETH", "10"}, {"XRP", "10000"}})},
    {"binance_usdm",
     binance(venue_kind::binance_usdm, {{"USDT", "100000"}})},
    {"okx", okx_dev_account()},
    {"bybit", binance(venue_kind::bybit, {{"USDT", "100000"}, {"BTC", "1"},
                                          {"ETH", "10"}, {"XRP", "10000"}})}}
    .dump();
}

std::optional<std::string> simulator::apply_fault(const nlohmann::json& spec,
                                                  time_ms now) {
  auto kind = spec.is_object() ? spec.value("fault", nlohmann::json{})
                               : nlohmann::json{};
  if (kind == "inject_order") {
    std::string uuid;
    return inject_order(spec, now, uuid);
  }
  // chaos and bad_frames without a seed draw from the simulator's.
  auto one = spec;
  if ((kind == "chaos" || kind == "bad_frames") && !spec.contains("seed"))
    one["seed"] = cfg_.seed;
  std::lock_guard lock{mu_};
  std::string target = "all";
  if (spec.is_object() && spec.contains("venue") && spec["venue"].is_string())
    target = spec["venue"].get<std::string>();
  if (kind == "gap" || kind == "checksum")
    if (auto handled = apply_okx_book_fault(spec, target))
      return *handled;
  if (kind == "gap" || kind == "reset")
    return apply_book_fault(spec);
  if (kind == "funding_rate" || kind == "basis")
    return apply_perp_fault(spec, target);
  if (kind == "clear")
    for (auto& v : venues_)
      if (target == "all" || target == to_string(v->kind)) {
        if (auto* perp = perp_side(*v))
          for (size_t m = 0; m < perp->forced_rate.size(); ++m) {
            perp->force_rate(m, std::nullopt);
            perp->extra_basis_bp[m] = 0;
          }
        if (v->bn)
          v->bn->clear_gaps();
        if (v->ok)
          v->ok->clear_book_faults();
        if (v->by)
          v->by->clear_book_faults();
      }
  bool matched = false;
  // shift_mid of one market only: {"fault":"shift_mid","bp":40,
  // "market":"KRW-SOL"} (the venue-wide shift stays as it is).
  if (kind == "shift_mid" && spec.contains("market")) {
    auto name = spec["market"].is_string() ? spec["market"].get<std::string>()
                                           : std::string{};
    auto m = market_index(name) >= 0 ? market_index(name)
                                     : binance_market_index(name);
    if (m < 0)
      return std::string{"unknown market"};
    int bp = spec.contains("bp") && spec["bp"].is_number_integer()
               ? spec["bp"].get<int>()
               : 0;
    for (auto& v : venues_)
      if (target == "all" || target == to_string(v->kind)) {
        matched = true;
        model_.set_market_shift_bp(v->index, static_cast<size_t>(m), bp);
      }
    if (!matched)
      return "unknown venue \"" + target + "\"";
    return std::nullopt;
  }
  for (auto& v : venues_) {
    if (target != "all" && target != to_string(v->kind))
      continue;
    matched = true;
    if (auto e = karb::sim::apply_fault(v->faults, one, now))
      return e;
    model_.set_shift_bp(v->index, v->faults.shift_mid_bp);
  }
  if (!matched)
    return "unknown venue \"" + target + "\"";
  return std::nullopt;
}

std::optional<std::string>
simulator::set_balance(const nlohmann::json& spec) {
  if (!spec.is_object() || !spec.contains("venue") || !spec["venue"].is_string()
      || !spec.contains("currency") || !spec["currency"].is_string()
      || !spec.contains("balance") || !spec["balance"].is_string())
    return "expected {\"venue\", \"currency\", \"balance\": \"decimal\"}";
  auto amount = decimal::parse(spec["balance"].get<std::string>());
  if (!amount || amount->is_negative())
    return "balance must be a non-negative decimal";
  auto target = spec["venue"].get<std::string>();
  std::lock_guard lock{mu_};
  for (auto& v : venues_) {
    if (target != to_string(v->kind))
      continue;
    auto key = spec.value("account", dev_access_key(v->kind));
    if (v->ok)
      return set_okx_balance(*v->ok, spec, key, *amount);
    if (v->by) { // the spot balance; USDT is the unified one
      auto* a = v->by->spot.eng.find_account(key);
      if (!a)
        return "unknown account \"" + key + "\"";
      a->balances[spec["currency"].get<std::string>()].free = *amount;
      v->by->sync();
      return std::nullopt;
    }
    if (v->bn) {
      auto* a = v->bn->eng.find_account(key);
      if (!a)
        return "unknown account \"" + key + "\"";
      auto currency = spec["currency"].get<std::string>();
      if (v->kind == venue_kind::binance_usdm && currency == "USDT")
        a->perp.wallet = *amount;
      else
        a->balances[currency].free = *amount;
      return std::nullopt;
    }
    auto* a = v->eng.find_account(key);
    if (!a)
      return "unknown account \"" + key + "\"";
    a->assets[spec["currency"].get<std::string>()].balance = *amount;
    return std::nullopt;
  }
  return "unknown venue \"" + target + "\"";
}

nlohmann::json simulator::state(time_ms now) {
  std::lock_guard lock{mu_};
  nlohmann::json out;
  out["time"] = now;
  out["steps"] = model_.steps();
  out["seed"] = cfg_.seed;
  out["book_hz"] = cfg_.book_hz;
  auto& specs = markets();
  for (auto& vp : venues_) {
    auto& v = *vp;
    nlohmann::json jv;
    jv["index"] = v.index;
    for (size_t m = 0; m < specs.size(); ++m) {
      auto& b = v.books[m];
      bool usdt = v.bn || v.ok || v.by;
      auto name = v.ok ? okx_inst_of(m, false).inst_id
                  : usdt ? binance_symbol(specs[m]) : specs[m].code;
      jv["markets"][name] = {
        {"fair", (usdt ? to_usdt(model_.fair(m)) : model_.fair(m)).to_string()},
        {"mid", (v.bn   ? v.bn->mid(model_, m)
                 : v.ok ? v.ok->spot.mid(model_, m)
                 : v.by ? v.by->spot.mid(model_, m)
                        : model_.mid(v.index, m))
                  .to_string()},
        {"premium_bp", model_.premium_bp(v.index, m)},
        {"best_bid", b.best_bid().to_string()},
        {"best_ask", b.best_ask().to_string()},
        {"book_timestamp", b.timestamp},
      };
    }
    if (v.ok) {
      add_okx_state(v, jv, now);
      out["venues"][std::string{to_string(v.kind)}] = std::move(jv);
      continue;
    }
    if (v.by) {
      auto by_state = v.by->state(model_, now);
      for (auto& [k, val] : by_state.items())
        jv[k] = val;
      jv["faults"] = to_json(v.faults, now);
      out["venues"][std::string{to_string(v.kind)}] = std::move(jv);
      continue;
    }
    if (v.bn) {
      auto bn_state = v.bn->state(now);
      for (auto& [k, val] : bn_state.items())
        jv[k] = val;
      jv["faults"] = to_json(v.faults, now);
      jv["faults"]["gaps_pending"] = v.bn->gaps;
      out["venues"][std::string{to_string(v.kind)}] = std::move(jv);
      continue;
    }
    jv["accounts"] = nlohmann::json::object();
    for (auto& [key, a] : v.eng.accounts()) {
      nlohmann::json ja = nlohmann::json::object();
      for (auto& [currency, bal] : a.assets)
        ja[currency] = {{"balance", bal.balance.to_string()},
                        {"locked", bal.locked.to_string()},
                        {"avg_buy_price", bal.avg_buy_price.to_string()}};
      jv["accounts"][key] = std::move(ja);
    }
    jv["orders"] = nlohmann::json::array();
    for (auto& [id, o] : v.eng.orders()) {
      auto jo = nlohmann::json::parse(
        order_to_json(o, v.kind, {false, true, false}).dump());
      jo["account"] = o.account;
      jo["identifier"] = o.identifier;
      jo["cancel_pending"] = o.cancel_pending;
      jv["orders"].push_back(std::move(jo));
    }
    jv["faults"] = to_json(v.faults, now);
    out["venues"][std::string{to_string(v.kind)}] = std::move(jv);
  }
  return out;
}

http::response simulator::handle_admin(const http::request& req, time_ms now) {
  using detail::json_reply;
  auto path = req.target.substr(0, req.target.find('?'));
  if (req.method == "GET" && path == "/health")
    return json_reply(200, R"({"status":"UP"})");
  if (req.method == "GET" && path == "/state")
    return json_reply(200, state(now).dump());
  if (req.method == "POST" && (path == "/fault" || path == "/faults/clear")) {
    auto spec = path == "/fault"
                  ? nlohmann::json::parse(req.body, nullptr, false)
                  : nlohmann::json{{"fault", "clear"}};
    if (spec.is_discarded())
      return json_reply(400, R"({"ok":false,"error":"body is not JSON"})");
    if (spec.is_object()
        && spec.value("fault", nlohmann::json{}) == "inject_order") {
      std::string uuid;
      if (auto e = inject_order(spec, now, uuid))
        return json_reply(400,
                          nlohmann::json{{"ok", false}, {"error", *e}}.dump());
      return json_reply(200, nlohmann::json{{"ok", true},
                                            {"uuid", uuid},
                                            {"venue", spec["venue"]}}
                               .dump());
    }
    if (auto e = apply_fault(spec, now))
      return json_reply(400, nlohmann::json{{"ok", false}, {"error", *e}}.dump());
    auto st = state(now);
    nlohmann::json faults;
    for (auto& [name, v] : st["venues"].items())
      faults[name] = v["faults"];
    return json_reply(200, nlohmann::json{{"ok", true}, {"faults", faults}}.dump());
  }
  if (req.method == "POST" && path == "/funding") {
    auto spec = nlohmann::json::parse(req.body.empty() ? "{}" : req.body,
                                      nullptr, false);
    if (auto e = settle_funding(spec, now))
      return json_reply(400, nlohmann::json{{"ok", false}, {"error", *e}}.dump());
    return json_reply(200, R"({"ok":true})");
  }
  if (req.method == "POST" && path == "/balance") {
    auto spec = nlohmann::json::parse(req.body, nullptr, false);
    if (auto e = set_balance(spec))
      return json_reply(400, nlohmann::json{{"ok", false}, {"error", *e}}.dump());
    return json_reply(200, R"({"ok":true})");
  }
  if (req.method == "POST" && path == "/step") {
    auto body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body,
                                      nullptr, false);
    int n = body.is_object() ? body.value("n", 1) : 1;
    if (n < 1 || n > 100000)
      return json_reply(400, R"({"ok":false,"error":"n must be 1..100000"})");
    for (int k = 0; k < n; ++k)
      step(now);
    return json_reply(200, nlohmann::json{{"ok", true}, {"steps", steps()}}.dump());
  }
  return json_reply(404, R"({"ok":false,"error":"not found"})");
}

} // namespace karb::sim
