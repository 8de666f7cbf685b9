#include "tools/karb-sim/bn_engine.hpp"

#include <algorithm>

namespace karb::sim {

const char* to_string(bn_status s) {
  switch (s) {
    case bn_status::new_order: return "NEW";
    case bn_status::partially_filled: return "PARTIALLY_FILLED";
    case bn_status::filled: return "FILLED";
    case bn_status::canceled: return "CANCELED";
    case bn_status::expired: return "EXPIRED";
  }
  return "NEW";
}

decimal bn_order::avg_price() const {
  return executed_qty.is_zero() ? decimal{} : ddiv(cum_quote, executed_qty);
}

bn_engine::bn_engine(venue_kind v, uint64_t seed)
  : kind_(v),
    rng_(seed),
    next_order_id_(v == venue_kind::binance_usdm ? 8'389'765'000
                                                 : 28'000'000),
    next_tran_id_(9'689'000'000) {
}

bn_account& bn_engine::add_account(bn_account a) {
  auto key = a.api_key;
  return accounts_[key] = std::move(a);
}

bn_account* bn_engine::find_account(std::string_view api_key) {
  auto i = accounts_.find(std::string{api_key});
  return i == accounts_.end() ? nullptr : &i->second;
}

namespace {

bn_error refuse(int code, std::string msg, int status = 400) {
  return {status, code, std::move(msg)};
}

bn_error filter_failure(const char* filter) {
  return refuse(-1013, std::string{"Filter failure: "} + filter);
}

/// A decimal parameter; -1100/-1111 errors as Binance words them.
std::variant<decimal, bn_error> number(const std::string& name,
                                       const std::string& text, int places,
                                       bool futures) {
  auto exact = decimal::parse_exact(text);
  auto rounded = decimal::parse(text);
  if (!rounded || text.find_first_of("eE+") != std::string::npos)
    return refuse(-1100, "Illegal characters found in parameter '" + name
                           + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
  auto dot = text.find('.');
  auto last = text.find_last_not_of('0'); // trailing zeros add no precision
  int decimals = dot == std::string::npos || last <= dot
                   ? 0 : static_cast<int>(last - dot);
  if (!exact || decimals > places)
    return refuse(-1111, futures ? "Precision is over the maximum defined "
                                   "for this asset."
                                 : "Parameter '" + name
                                     + "' has too much precision.");
  return *exact;
}

/// Cost (quote) of taking `qty` from `side`; nullopt if the book is short.
std::optional<decimal> cost_of(const std::vector<price_level>& side,
                               decimal qty) {
  decimal cost;
  for (auto& l : side) {
    auto q = min(l.size, qty);
    cost += dmul(l.price, q);
    qty -= q;
    if (qty.is_zero())
      return cost;
  }
  return std::nullopt;
}

} // namespace

std::optional<bn_error> bn_engine::validate(bn_account& a,
                                            const bn_order_request& req,
                                            const book& b, bn_order& o) {
  auto m = binance_market_index(req.symbol);
  if (m < 0)
    return refuse(-1121, "Invalid symbol.");
  auto rules = binance_rules(kind_, markets()[static_cast<size_t>(m)]);
  o.market = static_cast<size_t>(m);
  o.symbol = req.symbol;
  if (req.side != "BUY" && req.side != "SELL")
    return refuse(-1117, "Invalid side.");
  o.buy = req.side == "BUY";
  bool spot = !futures();
  bool limit = req.type == "LIMIT" || (spot && req.type == "LIMIT_MAKER");
  if (!limit && req.type != "MARKET")
    return refuse(-1116, "Invalid orderType.");
  o.type = req.type;
  auto mandatory = [](const char* p) {
    return refuse(-1102, std::string{"Mandatory parameter '"} + p
                           + "' was not sent, was empty/null, or malformed.");
  };
  if (req.type == "LIMIT") {
    if (req.tif.empty())
      return mandatory("timeInForce");
    bool ok = req.tif == "GTC" || req.tif == "IOC" || req.tif == "FOK"
              || (!spot && req.tif == "GTX");
    if (!ok)
      return refuse(-1115, "Invalid timeInForce.");
  }
  o.tif = req.type == "LIMIT" ? req.tif : "GTC";
  if (limit && !req.price)
    return mandatory("price");
  if (req.type == "MARKET" && spot && req.quantity.has_value() == req.quote_qty.has_value())
    return refuse(-1102, "Param 'quantity' or 'quoteOrderQty' must be sent, "
                         "but both were empty/null!");
  if ((limit || !spot) && !req.quantity)
    return mandatory("quantity");
  if (req.price) {
    auto p = number("price", *req.price, rules.price_decimals, !spot);
    if (auto* e = std::get_if<bn_error>(&p))
      return *e;
    o.price = std::get<decimal>(p);
    if (spot && (o.price < rules.min_price || o.price > rules.max_price
                 || !multiple_of(o.price, rules.tick)))
      return filter_failure("PRICE_FILTER");
    if (!spot && (!o.price.is_positive() || !multiple_of(o.price, rules.tick)))
      return refuse(-4014, "Price not increased by tick size.");
  }
  if (req.quantity) {
    auto q = number("quantity", *req.quantity, rules.qty_decimals, !spot);
    if (auto* e = std::get_if<bn_error>(&q))
      return *e;
    o.orig_qty = std::get<decimal>(q);
    auto max_qty = limit ? rules.max_qty : rules.market_max_qty;
    bool step_ok = multiple_of(o.orig_qty, rules.step);
    if (spot && (o.orig_qty < rules.min_qty || o.orig_qty > max_qty || !step_ok))
      return filter_failure(limit ? "LOT_SIZE" : "MARKET_LOT_SIZE");
    if (!spot) {
      if (!o.orig_qty.is_positive())
        return refuse(-4003, "Quantity less than or equal to zero.");
      if (!step_ok)
        return refuse(-4023, "Quantity not increased by step size.");
      if (o.orig_qty > max_qty)
        return refuse(-4005, "Quantity greater than max quantity.");
    }
  }
  if (req.quote_qty) {
    auto q = number("quoteOrderQty", *req.quote_qty, 8, false);
    if (auto* e = std::get_if<bn_error>(&q))
      return *e;
    o.orig_quote_qty = std::get<decimal>(q);
  }
  auto& far = o.buy ? b.asks : b.bids;
  decimal ref = limit ? o.price : (far.empty() ? decimal{} : far[0].price);
  decimal notional = o.orig_quote_qty.is_positive() ? o.orig_quote_qty
                                                    : dmul(ref, o.orig_qty);
  if (spot && (notional < rules.min_notional
               || (limit && notional > rules.max_notional)))
    return filter_failure("NOTIONAL");
  if (!spot && !req.reduce_only && notional < rules.min_notional)
    return refuse(-4164, "Order's notional must be no smaller than "
                           + rules.min_notional.to_string()
                           + " (unless you choose reduce only).");
  if (!req.client_id.empty()) {
    for (auto& [id, other] : orders_)
      if (other.account == a.api_key && other.open()
          && other.client_id == req.client_id)
        return spot ? refuse(-2010, "Duplicate order sent.")
                    : refuse(-4116, "ClientOrderId is duplicated.");
  }
  bool post_only = req.type == "LIMIT_MAKER" || o.tif == "GTX";
  if (post_only && !far.empty()
      && (o.buy ? far[0].price <= o.price : far[0].price >= o.price))
    return spot ? refuse(-2010, "Order would immediately match and take.")
                : refuse(-5022, "Due to the order could not be executed as "
                                "maker, the Post Only order will be rejected.");
  o.reduce_only = req.reduce_only;
  return check_funds(a, b, o);
}

std::optional<bn_error> bn_engine::check_funds(bn_account& a, const book& b,
                                               bn_order& o) {
  auto& spec = markets()[o.market];
  auto& far = o.buy ? b.asks : b.bids;
  bool limit = o.type != "MARKET";
  if (!futures()) {
    const std::string asset = o.buy ? "USDT" : spec.base;
    decimal need;
    if (o.buy)
      need = limit ? dmul(o.price, o.orig_qty)
             : o.orig_quote_qty.is_positive()
               ? o.orig_quote_qty
               : cost_of(far, o.orig_qty).value_or(dmul(
                   far.empty() ? decimal{} : far.back().price, o.orig_qty));
    else
      need = o.orig_quote_qty.is_positive()
               ? a.balances[asset].free // spends at most what it holds
               : o.orig_qty;
    if (need.is_zero() || a.balances[asset].free < need)
      return refuse(-2010, "Account has insufficient balance for requested "
                           "action.");
    o.locked = need;
    return std::nullopt;
  }
  auto& p = position(a, o.symbol);
  bool opposite = !p.amt.is_zero() && p.amt.is_positive() != o.buy;
  decimal reducible = opposite ? p.amt.abs() : decimal{};
  if (o.reduce_only) {
    decimal pending;
    for (auto& [id, other] : orders_)
      if (other.account == a.api_key && other.open() && other.reduce_only
          && other.symbol == o.symbol)
        pending += other.remaining();
    if (!opposite || o.orig_qty + pending > reducible)
      return refuse(-2022, "ReduceOnly Order is rejected.");
    return std::nullopt;
  }
  decimal ref = limit ? o.price : (far.empty() ? mark_of(o.symbol) : far[0].price);
  auto opening = o.orig_qty - min(o.orig_qty, reducible);
  auto margin = ddiv(dmul(opening, ref), decimal::from_int(p.leverage));
  if (margin > available_balance(a.perp, marks_, open_order_margin(a)))
    return refuse(-2019, "Margin is insufficient.");
  o.locked = margin;
  return std::nullopt;
}

std::string bn_engine::next_client_id() {
  static constexpr char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string id;
  for (int i = 0; i < 22; ++i)
    id += alphabet[rng_.next() % (sizeof alphabet - 1)];
  return id;
}

bn_result bn_engine::place(bn_account& a, const bn_order_request& req, book& b,
                           tape& t, time_ms now, decimal max_fill_ratio) {
  bn_order o;
  if (auto e = validate(a, req, b, o))
    return *e;
  o.id = next_order_id_++;
  o.client_id = req.client_id.empty() ? next_client_id() : req.client_id;
  o.account = a.api_key;
  o.time = o.update_time = now;
  if (!futures()) {
    auto& bal = a.balances[o.buy ? "USDT" : markets()[o.market].base];
    bal.free -= o.locked;
    bal.locked += o.locked;
    touch(a, o.buy ? "USDT" : markets()[o.market].base, "ORDER", now);
  }
  auto& placed = orders_.emplace(o.id, std::move(o)).first->second;
  emit(placed, "NEW", nullptr, now);
  execute(placed, a, b, t, now, max_fill_ratio);
  return &placed;
}

bn_order* bn_engine::find(const bn_account& a, int64_t id,
                          std::string_view client_id) {
  if (id != 0) {
    auto i = orders_.find(id);
    return i == orders_.end() || i->second.account != a.api_key ? nullptr
                                                               : &i->second;
  }
  bn_order* found = nullptr; // the newest order with that client id
  for (auto& [oid, o] : orders_)
    if (o.account == a.api_key && o.client_id == client_id)
      found = &o;
  return found;
}

bn_result bn_engine::cancel(bn_account& a, std::string_view symbol, int64_t id,
                            std::string_view orig_client_id,
                            std::string_view new_client_id, time_ms now) {
  auto* o = find(a, id, orig_client_id);
  if (!o || !o->open() || o->symbol != symbol)
    return refuse(-2011, "Unknown order sent.");
  o->cancel_client_id = new_client_id.empty() ? next_client_id()
                                              : std::string{new_client_id};
  close(*o, a, bn_status::canceled, now, true);
  return o;
}

std::vector<const bn_order*> bn_engine::orders_of(const bn_account& a,
                                                  std::string_view symbol,
                                                  bool open_only) const {
  std::vector<const bn_order*> out;
  for (auto& [id, o] : orders_)
    if (o.account == a.api_key && (symbol.empty() || o.symbol == symbol)
        && (!open_only || o.open()))
      out.push_back(&o);
  return out;
}

decimal bn_engine::mark_of(const std::string& symbol) const {
  auto i = marks_.find(symbol);
  return i == marks_.end() ? decimal{} : i->second;
}

decimal bn_engine::open_order_margin(const bn_account& a) const {
  decimal m;
  for (auto& [id, o] : orders_)
    if (o.account == a.api_key && o.open())
      m += o.locked;
  return m;
}

perp_position& bn_engine::position(bn_account& a, const std::string& symbol) {
  return a.perp.positions[symbol];
}

std::optional<bn_error> bn_engine::set_leverage(bn_account& a,
                                                const std::string& symbol,
                                                int leverage) {
  if (binance_market_index(symbol) < 0)
    return refuse(-1121, "Invalid symbol.");
  if (leverage < 1 || leverage > 125)
    return refuse(-4028, "Leverage " + std::to_string(leverage)
                           + " is not valid");
  auto& p = position(a, symbol);
  p.leverage = leverage;
  if (p.isolated && !p.amt.is_zero())
    p.isolated_wallet = ddiv(dmul(p.amt.abs(), p.entry),
                             decimal::from_int(leverage));
  return std::nullopt;
}

std::optional<bn_error> bn_engine::set_margin_type(bn_account& a,
                                                   const std::string& symbol,
                                                   bool isolated) {
  if (binance_market_index(symbol) < 0)
    return refuse(-1121, "Invalid symbol.");
  auto& p = position(a, symbol);
  if (p.isolated == isolated)
    return refuse(-4046, "No need to change margin type.");
  if (!p.amt.is_zero())
    return refuse(-4048, "Margin type cannot be changed if there exists "
                         "position.");
  if (!orders_of(a, symbol, true).empty())
    return refuse(-4047, "Margin type cannot be changed if there exists "
                         "open orders.");
  p.isolated = isolated;
  return std::nullopt;
}

std::vector<bn_order_event> bn_engine::take_order_events() {
  return std::exchange(order_events_, {});
}

std::vector<bn_account_event> bn_engine::take_account_events() {
  return std::exchange(account_events_, {});
}

void bn_engine::emit(const bn_order& o, const char* exec, const bn_fill* f,
                     time_ms now) {
  bn_order_event e{o, exec, std::nullopt, now};
  e.snapshot.fills.clear(); // the stream carries the last fill only
  if (f)
    e.fill = *f;
  order_events_.push_back(std::move(e));
}

void bn_engine::touch(bn_account& a, const std::string& item,
                      const char* reason, time_ms now) {
  a.update_time = now;
  for (auto& e : account_events_)
    if (e.account == a.api_key && e.reason == reason) {
      e.items.insert(item);
      e.at = now;
      return;
    }
  account_events_.push_back({a.api_key, reason, {item}, now});
}

} // namespace karb::sim
