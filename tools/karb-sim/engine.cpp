#include "tools/karb-sim/engine.hpp"

namespace karb::sim {

const char* to_string(order_state s) {
  switch (s) {
    case order_state::wait: return "wait";
    case order_state::done: return "done";
    case order_state::cancel: return "cancel";
  }
  return "wait";
}

engine::engine(venue_kind v, uint64_t seed) : venue_(v), rng_(seed) {
  // nop
}

account& engine::add_account(account a) {
  auto key = a.access_key;
  return accounts_[key] = std::move(a);
}

account* engine::find_account(std::string_view access_key) {
  auto i = accounts_.find(std::string{access_key});
  return i == accounts_.end() ? nullptr : &i->second;
}

namespace {

engine_error err(std::string name, std::string message, int status = 400) {
  return {status, std::move(name), std::move(message)};
}

std::optional<decimal> positive(const std::optional<std::string>& s) {
  if (!s)
    return std::nullopt;
  auto d = decimal::parse_exact(*s);
  if (!d || !d->is_positive())
    return std::nullopt;
  return d;
}

} // namespace

std::optional<engine_error> engine::validate(account& a,
                                             const order_request& req,
                                             const book& b, order& o) {
  auto* spec = find_market(req.market);
  if (!spec)
    return err("market_does_not_exist", "Market does not exist.");
  if (req.side != "bid" && req.side != "ask")
    return err("validation_error", "side is invalid.");
  o.bid = req.side == "bid";
  const std::string sfx = o.bid ? "_bid" : "_ask";
  auto create_error = err(o.bid ? "create_bid_error" : "create_ask_error",
                          "Invalid parameter combination for this order type.");
  bool has_price = req.price && !req.price->empty();
  bool has_volume = req.volume && !req.volume->empty();
  if (req.ord_type == "limit") {
    if (!has_price || !has_volume)
      return create_error;
  } else if (req.ord_type == "price") {
    if (!o.bid || !has_price || has_volume)
      return create_error;
  } else if (req.ord_type == "market") {
    if (o.bid || has_price || !has_volume)
      return create_error;
  } else {
    return err("validation_error", "ord_type is invalid.");
  }
  if (!req.time_in_force.empty()) {
    if (req.ord_type != "limit"
        || (req.time_in_force != "ioc" && req.time_in_force != "fok"
            && req.time_in_force != "post_only"))
      return err("validation_error", "time_in_force is invalid.");
  }
  if (has_price) {
    o.price = positive(req.price);
    if (!o.price)
      return err("validation_error", "price is invalid.");
  }
  if (has_volume) {
    o.volume = positive(req.volume);
    if (!o.volume)
      return err("invalid_volume" + sfx, "volume is invalid.");
  }
  if (req.ord_type == "limit" && !on_tick(venue_, *o.price))
    return err("invalid_price" + sfx,
               "주문가격 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요.");
  decimal total;
  if (req.ord_type == "limit")
    total = dmul(*o.price, *o.volume);
  else if (req.ord_type == "price")
    total = *o.price;
  else
    total = dmul(b.best_bid(), *o.volume);
  if (total < min_total)
    return err("under_min_total" + sfx,
               "최소주문금액 이상으로 주문해주세요. (5000 KRW)");
  if (total > max_total)
    return err("over_max_total" + sfx, "최대주문금액 이하로 주문해주세요.");
  if (o.bid) {
    auto need = total + dmul(total, a.fee, rounding::up);
    if (a.assets["KRW"].balance < need)
      return err("insufficient_funds_bid", "주문가능한 금액(KRW)이 부족합니다.");
    o.reserved_fee = dmul(total, a.fee, rounding::up);
    o.locked = need;
  } else {
    if (a.assets[spec->base].balance < *o.volume)
      return err("insufficient_funds_ask",
                 "주문가능한 금액(" + spec->base + ")이 부족합니다.");
    o.locked = *o.volume;
  }
  return std::nullopt;
}

place_result engine::place(account& a, const order_request& req, book& b,
                           tape& t, time_ms now, const fill_policy& policy) {
  bool has_id = !req.identifier.empty();
  if (has_id && a.identifiers.count(req.identifier))
    return err("duplicate_identifier", "identifier already used.");
  if (has_id && venue_ == venue_kind::upbit)
    a.identifiers.insert(req.identifier); // unique forever, even on failure
  order o;
  if (auto e = validate(a, req, b, o))
    return *e;
  if (has_id)
    a.identifiers.insert(req.identifier);
  o.uuid = rng_.uuid();
  o.identifier = req.identifier;
  o.market = req.market;
  o.account = a.access_key;
  o.ord_type = req.ord_type;
  o.time_in_force = req.time_in_force;
  o.remaining_volume = o.volume.value_or(decimal{});
  o.remaining_fee = o.reserved_fee;
  o.created_at = now;
  auto base = find_market(req.market)->base;
  auto& reserve = a.assets[o.bid ? "KRW" : base];
  reserve.balance -= o.locked;
  reserve.locked += o.locked;
  auto [it, _] = orders_.emplace(o.uuid, std::move(o));
  auto& placed = it->second;
  sequence_.push_back(placed.uuid);
  if (has_id)
    by_identifier_[{a.access_key, req.identifier}] = placed.uuid;
  asset_events_.insert(a.access_key);
  open_.push_back(placed.uuid);
  last_accepted_ = placed;
  emit(placed, nullptr);
  take(placed, a, b, t, now, policy.max_fill_ratio);
  return &placed;
}

order* engine::find(const account& a, std::string_view uuid,
                    std::string_view identifier) {
  std::string id{uuid};
  if (id.empty()) {
    auto i = by_identifier_.find({a.access_key, std::string{identifier}});
    if (i == by_identifier_.end())
      return nullptr;
    id = i->second;
  }
  auto i = orders_.find(id);
  if (i == orders_.end() || i->second.account != a.access_key)
    return nullptr;
  return &i->second;
}

place_result engine::cancel(account& a, std::string_view uuid,
                            std::string_view identifier) {
  auto* o = find(a, uuid, identifier);
  if (!o || o->state != order_state::wait || o->cancel_pending)
    return err("order_not_found", "주문을 찾지 못했습니다.", 404);
  o->cancel_pending = true;
  return o;
}

void engine::settle(time_ms) {
  auto open = open_;
  for (auto& id : open) {
    auto& o = orders_.at(id);
    if (o.cancel_pending && o.state == order_state::wait)
      close(o, accounts_[o.account], order_state::cancel);
  }
}

std::vector<const order*>
engine::orders_of(const account& a, std::string_view market,
                  const std::set<order_state>& states) const {
  std::vector<const order*> out;
  for (auto i = sequence_.rbegin(); i != sequence_.rend(); ++i) {
    auto& o = orders_.at(*i);
    if (o.account != a.access_key)
      continue;
    if (!market.empty() && o.market != market)
      continue;
    if (!states.empty() && !states.count(o.state))
      continue;
    out.push_back(&o);
  }
  return out;
}

std::vector<order_event> engine::take_order_events() {
  return std::exchange(order_events_, {});
}

std::set<std::string> engine::take_asset_events() {
  return std::exchange(asset_events_, {});
}

void engine::emit(const order& o, const fill* f) {
  order_event e{o, std::nullopt};
  e.snapshot.trades.clear(); // the stream carries the last fill only
  if (f)
    e.last_fill = *f;
  order_events_.push_back(std::move(e));
}

} // namespace karb::sim
