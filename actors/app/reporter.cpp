#include "actors/app/reporter.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/log/logging.hpp"

namespace karb::app {

namespace {

using pointer = reporter_actor::stateful_pointer<reporter_state>;
using json = nlohmann::json;

std::string field(const json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
}

// Spread in basis points of selling at `bid` on one venue and buying at
// `ask` on the other, before fees.
std::string spread_bp(const std::string& bid, const std::string& ask) {
  auto b = decimal::parse(bid);
  auto a = decimal::parse(ask);
  if (!b || !a || !a->is_positive())
    return "-";
  auto r = decimal::div(*b - *a, *a);
  if (!r)
    return "-";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%+.1f", r->to_double() * 10'000);
  return buf;
}

int64_t trades(const reporter_state& st) {
  int64_t n = 0;
  for (auto& [_, k] : st.outcomes)
    n += k;
  return n;
}

json balances_json(const reporter_state& st) {
  json out = json::object();
  for (auto& b : st.last.balances)
    if (b.currency == "KRW" || b.currency == "BTC")
      out[to_string(b.venue)][b.currency] = b.total.to_string();
  return out;
}

void print_status(pointer self) {
  auto& st = self->state;
  json f;
  for (auto& [venue, t] : st.tops)
    f[venue] = t.bid + " / " + t.ask;
  if (st.tops.size() == 2) {
    auto a = st.tops.begin();
    auto b = std::next(a);
    f["spread_bp"] = json{
      {a->first + ">" + b->first, spread_bp(a->second.bid, b->second.ask)},
      {b->first + ">" + a->first, spread_bp(b->second.bid, a->second.ask)}};
  }
  f["opportunities"] = st.opportunities;
  f["trades"] = trades(st);
  f["pnl_krw"] = st.pnl_krw.to_string();
  if (st.has_portfolio)
    f["balances"] = balances_json(st);
  log::info("demo", "status", f);
}

void refresh_portfolio(pointer self) {
  portfolio_actor p;
  if (auto h = self->state.setup.trading) {
    std::lock_guard<std::mutex> g{h->mtx};
    p = h->portfolio;
  }
  if (!p)
    return;
  self->request(p, std::chrono::seconds{1}, atom::get_v)
    .then(
      [=](const portfolio_snapshot& s) {
        self->state.last = s;
        self->state.has_portfolio = true;
      },
      [](caf::error&) { /* next tick */ });
}

} // namespace

reporter_actor::behavior_type reporter(pointer self, reporter_setup setup) {
  self->state.setup = std::move(setup);
  self->delayed_send(self, self->state.setup.interval, atom::tick_v);
  return {
    [=](const event& e) {
      auto& st = self->state;
      auto data = json::parse(e.data, nullptr, false);
      switch (e.type) {
        case event_type::orderbook_update:
          if (data.is_object() && data.contains("bid") && data.contains("ask"))
            st.tops[field(data, "venue")] = {field(data["bid"], "price"),
                                             field(data["ask"], "price")};
          break;
        case event_type::arbitrage_opportunity_found:
          ++st.opportunities;
          break;
        case event_type::order_rejected:
          ++st.orders_rejected;
          break;
        case event_type::position_closed:
          if (data.is_object() && data.contains("outcome")) {
            ++st.outcomes[field(data, "outcome")];
            if (auto p = decimal::parse(field(data, "pnl_krw")))
              st.pnl_krw += *p;
            if (auto p = decimal::parse(field(data, "fees_krw")))
              st.fees_krw += *p;
          }
          break;
        default:
          break;
      }
    },
    [=](atom::tick) {
      if (self->state.setup.print)
        print_status(self);
      refresh_portfolio(self);
      self->delayed_send(self, self->state.setup.interval, atom::tick_v);
    },
    [=](atom::get) -> caf::result<std::string> {
      // The summary needs execution's open orders (unknown ones count).
      auto rp = self->make_response_promise<std::string>();
      execution_actor ex;
      if (auto h = self->state.setup.trading) {
        std::lock_guard<std::mutex> g{h->mtx};
        ex = h->execution;
      }
      auto finish = [=](int64_t open, int64_t unknown) mutable {
        auto& st = self->state;
        json s;
        s["opportunities"] = st.opportunities;
        s["trades"] = trades(st);
        for (auto k : {"completed", "unwound", "failed", "exposed",
                       "cancelled"})
          s[std::string{"trades_"} + k] = st.outcomes.count(k)
                                            ? st.outcomes.at(k)
                                            : 0;
        auto n = trades(st);
        s["fill_rate"] = n == 0 ? 0.0
                                : static_cast<double>(s["trades_completed"])
                                    / static_cast<double>(n);
        s["pnl_krw"] = st.pnl_krw.to_string();
        s["fees_krw"] = st.fees_krw.to_string();
        s["orders_rejected"] = st.orders_rejected;
        json net = json::object();
        for (auto& [asset, x] : st.last.exposure)
          net[asset] = x.to_string();
        s["net_position"] = net;
        s["balances"] = balances_json(st);
        s["orders_open_at_exit"] = open;
        s["orders_unknown_at_exit"] = unknown;
        rp.deliver(s.dump());
      };
      if (!ex) {
        finish(0, 0);
        return rp;
      }
      self->request(ex, std::chrono::seconds{2}, atom::open_orders_v)
        .then(
          [=](const std::vector<order>& xs) mutable {
            int64_t unknown = 0;
            for (auto& o : xs)
              unknown += o.status == order_status::unknown ? 1 : 0;
            finish(static_cast<int64_t>(xs.size()), unknown);
          },
          [=](caf::error&) mutable { finish(-1, -1); });
      return rp;
    },
  };
}

} // namespace karb::app
