// The simulator's OKX entry points: book snapshots, WebSocket login, the
// `checksum` / `gap` book faults, balances and GET /state.

#include "exchanges/common/crypto.hpp"
#include "tools/karb-sim/okx_auth.hpp"
#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

nlohmann::json okx_dev_account() {
  nlohmann::json a;
  a["access_key"] = "karb-dev-okx-access";
  a["secret_key"] = "karb-dev-okx-secret-0123456789";
  a["passphrase"] = "karb-dev-okx-passphrase";
  a["balances"] = {{"USDT", "100000"}, {"BTC", "1"}, {"ETH", "10"},
                   {"XRP", "10000"}};
  return nlohmann::json::array({a});
}

std::string simulator::okx_book_snapshot(size_t i, const std::string& inst_id) {
  std::lock_guard lock{mu_};
  auto& v = *venues_.at(i);
  return v.ok ? v.ok->book_snapshot(inst_id) : std::string{};
}

std::variant<std::string, std::string>
simulator::okx_login(size_t i, const nlohmann::json& arg, time_ms now) {
  std::lock_guard lock{mu_};
  auto& v = *venues_.at(i);
  auto fail = [](const std::string& msg) {
    return std::variant<std::string, std::string>{
      std::in_place_index<1>,
      nlohmann::json{{"event", "error"}, {"code", "60009"}, {"msg", msg},
                     {"connId", "karb0001"}}
        .dump()};
  };
  if (!v.ok)
    return fail("Login failed.");
  auto verdict = okx_check_login(*v.ok, arg, now);
  if (!verdict.ok)
    return fail(verdict.msg);
  return std::variant<std::string, std::string>{std::in_place_index<0>,
                                                verdict.key};
}

std::optional<std::optional<std::string>>
simulator::apply_okx_book_fault(const nlohmann::json& spec,
                                const std::string& target) {
  bool any = false;
  for (auto& v : venues_)
    if (v->ok && (target == "all" || target == to_string(v->kind)))
      any = true;
  if (!any)
    return std::nullopt;
  auto inst = spec.value("instId", spec.value("symbol", std::string{}));
  if (!inst.empty() && !find_okx_inst(inst))
    return std::optional<std::string>{"unknown instId \"" + inst + "\""};
  auto count = spec.value("count", 1);
  if (count < 0)
    return std::optional<std::string>{"count must be >= 0"};
  bool checksum = spec.value("fault", std::string{}) == "checksum";
  for (auto& v : venues_)
    if (v->ok && (target == "all" || target == to_string(v->kind)))
      v->ok->add_book_fault(inst, checksum, count);
  if (target == "all" && !checksum)
    for (auto& v : venues_)
      if (v->bn)
        for (int k = 0; k < count; ++k)
          v->bn->add_gap(binance_market_index(inst) >= 0 ? inst : "");
  return std::optional<std::string>{};
}

void simulator::add_okx_state(venue& v, nlohmann::json& jv, time_ms now) {
  auto st = v.ok->state(now);
  for (auto& [k, val] : st.items())
    jv[k] = val;
  jv["faults"] = to_json(v.faults, now);
}

std::optional<std::string> simulator::set_okx_balance(okx_venue& v,
                                                      const nlohmann::json& spec,
                                                      const std::string& key,
                                                      decimal amount) {
  auto* s = v.spot.eng.find_account(key);
  if (!s)
    return "unknown account \"" + key + "\"";
  s->balances[spec["currency"].get<std::string>()].free = amount;
  v.sync();
  return std::nullopt;
}

} // namespace karb::sim
