#include "tests/execution/fakes.hpp"

#include "config/settings.hpp"

namespace karb::test {

void fake_venue::fill_order(const order_request& r) {
  auto o = view_of(r);
  o.id = "v-" + r.client_order_id;
  o.filled = r.amount;
  o.remaining = decimal{};
  o.status = order_status::filled;
  o.has_average_price = true;
  o.average_price = r.price;
  auto notional = decimal::mul(r.price, r.amount).value();
  o.has_fee = true;
  o.fee = decimal::mul(notional, dec("0.0005")).value();
  known[r.client_order_id] = o;
  fill f;
  f.client_order_id = r.client_order_id;
  f.venue_order_id = o.id;
  f.trade_id = "x-" + r.client_order_id;
  f.symbol = r.symbol;
  f.order_side = r.order_side;
  f.price = r.price;
  f.volume = r.amount;
  f.fee = o.fee;
  f.fee_currency = "KRW";
  fills[r.client_order_id] = {f};
}

order_ack fake_venue::answer_place(const order_request& r) {
  ++places;
  placed.push_back(r);
  if (observe)
    observe(r);
  auto m = on_place;
  if (!next_modes.empty()) {
    m = next_modes.front();
    next_modes.erase(next_modes.begin());
  }
  order_ack ack;
  ack.ts_taken_ns = ack_taken_ns;
  ack.ts_dispatched_ns = ack_dispatched_ns;
  ack.ts_sent_ns = ack_sent_ns;
  switch (m) {
    case mode::fill:
      fill_order(r);
      ack.kind = ack_kind::accepted;
      ack.state = known[r.client_order_id];
      ack.fills = fills[r.client_order_id];
      break;
    case mode::reject:
      ack.kind = ack_kind::rejected;
      ack.error_code = "insufficient_funds";
      break;
    case mode::rest: {
      order o;
      o.client_order_id = r.client_order_id;
      o.symbol = r.symbol;
      o.amount = r.amount;
      o.status = order_status::open;
      known[r.client_order_id] = o;
      ack.kind = ack_kind::accepted;
      ack.state = o;
      break;
    }
    case mode::maybe_sent_filled:
      fill_order(r); // it reached the venue, the reply did not come back
      ack.kind = ack_kind::maybe_sent;
      break;
    case mode::maybe_sent_lost:
      ack.kind = ack_kind::maybe_sent;
      break;
  }
  return ack;
}

order_ack fake_venue::answer_lookup(const std::string& cid) {
  ++lookups;
  order_ack ack;
  if (failing_lookups > 0) {
    --failing_lookups;
    ack.kind = ack_kind::not_sent;
    ack.error_code = "http_502";
    return ack;
  }
  if (blind_lookups) {
    ack.kind = ack_kind::not_found;
    return ack;
  }
  auto i = known.find(cid);
  if (i == known.end()) {
    ack.kind = ack_kind::not_found;
    return ack;
  }
  ack.kind = ack_kind::accepted;
  ack.state = i->second;
  auto f = fills.find(cid);
  if (f != fills.end())
    ack.fills = f->second;
  return ack;
}

order_ack fake_venue::answer_cancel(const std::string& cid) {
  ++cancels;
  auto i = known.find(cid);
  order_ack ack;
  if (failing_cancels > 0) {
    --failing_cancels;
    ack.kind = ack_kind::maybe_sent;
    ack.error_code = "http_503";
    return ack;
  }
  if (i == known.end() || is_terminal(i->second.status)) {
    ack.kind = ack_kind::not_found;
    return ack;
  }
  i->second.status = order_status::cancelled;
  ack.kind = ack_kind::accepted;
  ack.state = i->second;
  return ack;
}

std::vector<order> fake_venue::list(bool finished) {
  ++list_calls;
  std::vector<order> out;
  for (const auto& [cid, o] : known)
    if (is_terminal(o.status) == finished)
      out.push_back(o);
  return out;
}

void fake_venue::release() {
  for (auto& [rp, ack] : held)
    rp.deliver(ack);
  held.clear();
}

fake_rest_actor::behavior_type fake_rest(fake_rest_actor::pointer self,
                                         std::shared_ptr<fake_venue> v) {
  return {
    [=](atom::ok) { v->release(); },
    [=](atom::place, const order_request& r) -> caf::result<order_ack> {
      auto ack = v->answer_place(r);
      if (!v->hold)
        return ack;
      auto rp = self->make_response_promise<order_ack>();
      v->held.emplace_back(rp, ack);
      return rp;
    },
    [=](atom::cancel, const std::string& cid, const instrument&) {
      return v->answer_cancel(cid);
    },
    [=](atom::lookup, const std::string& cid, const instrument&) {
      return v->answer_lookup(cid);
    },
    [=](atom::balances) {
      ++v->balance_calls;
      return v->balances;
    },
    [=](atom::snapshot, const instrument& i) { return order_book{i, {}, {}}; },
    [=](atom::open_orders, const instrument&) { return v->list(false); },
    [=](atom::recent, const instrument&) { return v->list(true); },
    [=](atom::positions) -> caf::result<std::vector<position>> {
      return caf::make_error(caf::sec::unexpected_message, "no positions");
    },
    [=](atom::settle, int64_t) -> caf::result<std::vector<funding_payment>> {
      return caf::make_error(caf::sec::unexpected_message, "no funding payments");
    },
    [=](atom::funding,
        const instrument&) -> caf::result<funding_rate, mark_price> {
      return caf::make_error(caf::sec::unexpected_message, "no funding");
    },
    [=](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

risk_actor::behavior_type fake_risk(risk_actor::pointer,
                                    std::shared_ptr<risk_probe> p) {
  return {
    [](const position_book&) {},
    [](const funding_payment&) {},
    [](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [=](atom::check, const arbitrage_opportunity&) {
      return risk_verdict{true, {}, {}, {}};
    },
    [=](atom::check, const arbitrage_opportunity&, const execution_actor&,
        const attempt_listener_actor&) {},
    [=](const trade_report& r) { p->reports.push_back(r); },
    [=](const std::vector<balance>& bs) { p->balances.push_back(bs); },
    [=](atom::halt, const std::string&) {},
    [=](atom::resume) {},
    [=](atom::status) { return risk_status{}; },
    [=](atom::put, const config::risk_settings&) {},
  };
}

} // namespace karb::test
