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
  if (auto v = parse_venue(*target); v && is_binance(*v))
    return inject_binance_order(spec, *v, now, uuid);
  if (auto v = parse_venue(*target); v && is_bybit(*v))
    return std::string{"inject_order is not simulated on bybit"};
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
    auto key = text_of(spec, "account").value_or(dev_access_key(v->kind));
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

std::optional<std::string>
simulator::inject_binance_order(const nlohmann::json& spec, venue_kind kind,
                                time_ms now, std::string& id) {
  bn_order_request req;
  req.symbol = text_of(spec, "market").value_or("BTCUSDT");
  auto side = text_of(spec, "side").value_or("");
  req.side = side == "bid" || side == "BUY"   ? "BUY"
             : side == "ask" || side == "SELL" ? "SELL"
                                               : "";
  req.type = "LIMIT";
  req.tif = "GTC";
  req.price = text_of(spec, "price");
  req.quantity = text_of(spec, "volume");
  if (!req.quantity)
    req.quantity = text_of(spec, "quantity");
  req.client_id = text_of(spec, "identifier").value_or("");
  if (req.side.empty())
    return "inject_order needs \"side\": bid/BUY or ask/SELL";
  if (!req.price || !req.quantity)
    return "inject_order needs \"price\" and \"volume\"";
  std::lock_guard lock{mu_};
  for (auto& v : venues_) {
    if (v->kind != kind)
      continue;
    auto key = text_of(spec, "account").value_or(dev_access_key(kind));
    auto* a = v->bn->eng.find_account(key);
    if (!a)
      return "unknown account \"" + key + "\"";
    auto m = binance_market_index(req.symbol);
    if (m < 0)
      return "unknown market \"" + req.symbol + "\"";
    auto mi = static_cast<size_t>(m);
    auto r = v->bn->place(*a, req, mi, v->books[mi], v->tapes[mi], now);
    if (auto* e = std::get_if<bn_error>(&r))
      return "refused: " + std::to_string(e->code) + " (" + e->msg + ")";
    id = std::to_string(std::get<bn_order*>(r)->id);
    return std::nullopt;
  }
  return "unknown venue \"" + std::string{to_string(kind)} + "\"";
}

} // namespace karb::sim
