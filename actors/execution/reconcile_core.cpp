#include "actors/execution/reconcile_core.hpp"

#include <charconv>

#include "actors/execution/order_core.hpp"

namespace karb::execution {

namespace {

std::optional<int> number(std::string_view s) {
  int x = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc{} || p != s.data() + s.size() || s.empty())
    return std::nullopt;
  return x;
}

decimal notional_of(const order& o) {
  auto price = o.has_average_price && o.average_price.is_positive()
                 ? o.average_price
                 : o.price;
  return decimal::mul(price, o.filled).value_or(decimal{});
}

/// The view laid over the record the node holds.
order_record with_view(order_record rec, const order& v) {
  auto& s = rec.state;
  s.status = venue_status_of(v);
  if (!v.id.empty())
    s.id = v.id;
  s.filled = v.filled;
  if (s.amount.is_positive() && s.amount >= v.filled)
    s.remaining = s.amount - v.filled;
  if (v.has_fee) {
    s.has_fee = true;
    s.fee = v.fee;
  }
  if (v.has_average_price) {
    s.has_average_price = true;
    s.average_price = v.average_price;
  }
  return rec;
}

fill_totals totals_of(const order& o) {
  return {o.filled, notional_of(o), o.has_fee ? o.fee : decimal{}};
}

/// What the venue filled beyond the fills booked, as one fill (the
/// record's own filled may be ahead of them: a lookup's cumulative view).
void fill_delta(reconcile_action& a, const std::vector<fill>& booked) {
  fill_book counted;
  counted.restore(booked);
  a.catch_up = gap_fill(a.record.request, a.view.id,
                        {counted.counted(), counted.counted_notional(),
                         counted.counted_fees()},
                        totals_of(a.view));
}

order_record ghost_record(std::string_view venue, const order& v,
                          const client_id_parts& id) {
  order_record rec;
  rec.trade_id = id.trade_id;
  rec.venue = std::string{venue};
  rec.leg = id.leg;
  rec.attempt = id.attempt;
  // A later attempt's role is not in its id: "unwind" never re-prices.
  rec.role = id.attempt == 1 ? "entry" : "unwind";
  auto& r = rec.request;
  r.client_order_id = v.client_order_id;
  r.trade_id = id.trade_id;
  r.symbol = v.symbol;
  r.order_side = v.order_side;
  r.type = v.type;
  r.amount = v.amount;
  r.price = v.price;
  rec.state = v;
  rec.state.amount = v.amount;
  return with_view(std::move(rec), v);
}

} // namespace

std::string to_string(reconcile_kind k) {
  switch (k) {
    case reconcile_kind::route: return "route";
    case reconcile_kind::report: return "report";
    case reconcile_kind::adopt: return "adopt";
    case reconcile_kind::ghost: return "ghost";
    case reconcile_kind::foreign: return "foreign";
  }
  return "?";
}

std::optional<client_id_parts> parse_client_order_id(std::string_view cid,
                                                     std::string_view prefix) {
  if (cid.substr(0, prefix.size()) != prefix)
    return std::nullopt;
  auto rest = cid.substr(prefix.size());
  auto b = rest.rfind('-');
  if (b == std::string_view::npos || b == 0)
    return std::nullopt;
  auto a = rest.rfind('-', b - 1);
  if (a == std::string_view::npos || a == 0)
    return std::nullopt;
  auto leg = number(rest.substr(a + 1, b - a - 1));
  auto attempt = number(rest.substr(b + 1));
  if (!leg || !attempt)
    return std::nullopt;
  return client_id_parts{std::string{rest.substr(0, a)}, *leg, *attempt};
}

order_status venue_status_of(const order& v) {
  if (v.amount.is_positive() && v.filled >= v.amount)
    return order_status::filled;
  if (v.status == order_status::open && v.filled.is_positive())
    return order_status::partially_filled;
  return v.status;
}

bool venue_ahead(const order& stored, const order& venue) {
  if (venue.filled != stored.filled)
    return venue.filled > stored.filled;
  auto now = venue_status_of(venue);
  auto held = stored.status;
  if (held == order_status::failed || held == order_status::rejected)
    return now != order_status::rejected; // it exists after all
  if (is_terminal(held))
    return false; // filled or cancelled: nothing newer to say
  return is_terminal(now) || held == order_status::unknown
         || held == order_status::pending || held == order_status::submitted;
}

std::vector<reconcile_action> reconcile(std::string_view venue,
                                        const std::vector<order>& listed,
                                        const node_orders& node,
                                        std::string_view prefix) {
  std::vector<reconcile_action> out;
  std::set<std::string> seen;
  for (const auto& v : listed) {
    auto key = v.client_order_id.empty() ? "#" + v.id : v.client_order_id;
    if (!seen.insert(key).second)
      continue; // open and recent lists may overlap
    reconcile_action a;
    a.view = v;
    a.view.status = venue_status_of(v);
    auto id = parse_client_order_id(v.client_order_id, prefix);
    if (!id) {
      a.kind = reconcile_kind::foreign;
      out.push_back(std::move(a));
      continue;
    }
    auto s = node.stored.find(v.client_order_id);
    if (s == node.stored.end()) {
      if (node.live_orders.count(v.client_order_id))
        continue; // its intent is still on the way to the store
      a.kind = reconcile_kind::ghost;
      a.record = ghost_record(venue, v, *id);
      fill_delta(a, {});
      out.push_back(std::move(a));
      continue;
    }
    const auto& held = s->second;
    if (!venue_ahead(held.state, v))
      continue;
    a.was = std::string{to_string(held.state.status)};
    if (node.live_orders.count(v.client_order_id)) {
      a.kind = reconcile_kind::route;
      out.push_back(std::move(a));
      continue;
    }
    bool trade_live = node.live_trades.count(held.trade_id) > 0;
    if (trade_live && !is_terminal(held.state.status))
      continue; // being resumed: its order actor looks it up itself
    a.kind = trade_live ? reconcile_kind::report : reconcile_kind::adopt;
    a.record = with_view(held, v);
    a.record.reason = "reconciled: " + a.was + " -> "
                      + std::string{to_string(a.record.state.status)};
    auto b = node.booked.find(v.client_order_id);
    fill_delta(a, b == node.booked.end() ? std::vector<fill>{} : b->second);
    out.push_back(std::move(a));
  }
  return out;
}

} // namespace karb::execution
