// The inject_order fault: an order the node never sent, placed at the
// venue as if another client of the same account had sent it.

#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

namespace {

/// A string or number field as text; nullopt when absent or of another type.
std::optional<std::string> text_of(const nlohmann::json& j, const char* k) {
  if (!j.contains(k))
    return std::nullopt;
  if (j[k].is_string())
    return j[k].get<std::string>();
  if (j[k].is_number())
    return j[k].dump();
  return std::nullopt;
}

} // namespace

std::optional<std::string> simulator::inject_order(const nlohmann::json& spec,
                                                   time_ms now,
                                                   std::string& uuid) {
  if (!spec.is_object())
    return "a fault spec must be a JSON object";
  auto target = text_of(spec, "venue");
  if (!target)
    return "inject_order needs \"venue\" (upbit or bithumb)";
  order_request req;
  req.market = text_of(spec, "market").value_or("KRW-BTC");
  req.side = text_of(spec, "side").value_or("");
  req.ord_type = "limit";
  req.price = text_of(spec, "price");
  req.volume = text_of(spec, "volume");
  req.identifier = text_of(spec, "identifier").value_or("");
  if (req.side != "bid" && req.side != "ask")
    return "inject_order needs \"side\": bid or ask";
  if (!req.price || !req.volume)
    return "inject_order needs \"price\" and \"volume\"";
  std::lock_guard lock{mu_};
  for (auto& v : venues_) {
    if (*target != to_string(v->kind))
      continue;
    auto key = text_of(spec, "account").value_or("karb-dev-" + *target
                                                 + "-access");
    auto* a = v->eng.find_account(key);
    if (!a)
      return "unknown account \"" + key + "\"";
    auto* b = v->find_book(req.market);
    auto* t = v->find_tape(req.market);
    if (!b || !t)
      return "unknown market \"" + req.market + "\"";
    v->eng.settle(now);
    auto r = v->eng.place(*a, req, *b, *t, now);
    if (auto* e = std::get_if<engine_error>(&r))
      return "refused: " + e->name + " (" + e->message + ")";
    uuid = std::get<order*>(r)->uuid;
    return std::nullopt;
  }
  return "unknown venue \"" + *target + "\"";
}

} // namespace karb::sim
