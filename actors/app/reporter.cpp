#include "actors/app/reporter.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/log/logging.hpp"
#include "exchanges/registry.hpp"

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

/// Every non-zero balance, by venue and currency.
json balances_json(const reporter_state& st) {
  json out = json::object();
  for (auto& b : st.last.balances)
    if (!b.total.is_zero())
      out[to_string(b.venue)][b.currency] = b.total.to_string();
  return out;
}

json per_quote(const std::map<std::string, decimal>& m) {
  json out = json::object();
  for (auto& [quote, x] : m)
    out[quote] = x.to_string();
  return out;
}

decimal in_quote(const std::map<std::string, decimal>& m,
                 const std::string& quote) {
  auto i = m.find(quote);
  return i == m.end() ? decimal{} : i->second;
}

/// Before fees, selling at one venue's bid and buying at another's ask, for
/// every ordered pair of venues that trade the same quote currency.
json spreads_json(const reporter_state& st) {
  json out = json::object();
  auto quote_of = [](const std::string& venue) {
    auto e = venue::find_venue(venue);
    return e ? std::string{e->quote} : std::string{};
  };
  for (auto& [sell, s] : st.tops)
    for (auto& [buy, b] : st.tops)
      if (sell != buy && quote_of(sell) == quote_of(buy))
        out[sell + ">" + buy] = spread_bp(s.bid, b.ask);
  return out;
}

json positions_json(const reporter_state& st) {
  json out = json::object();
  for (auto& [asset, x] : st.last.exposure)
    out[asset] = x.to_string();
  return out;
}

void print_status(pointer self) {
  auto& st = self->state;
  json f;
  for (auto& [venue, t] : st.tops)
    f[venue] = t.bid + " / " + t.ask;
  if (auto spreads = spreads_json(st); !spreads.empty())
    f["spread_bp"] = spreads;
  f["opportunities"] = st.opportunities;
  f["trades"] = trades(st);
  f["pnl"] = per_quote(st.pnl);
  if (st.has_portfolio) {
    f["balances"] = balances_json(st);
    f["net_position"] = positions_json(st);
  }
  st.status = f.dump();
  if (st.setup.print)
    log::info("demo", "status", f);
}

portfolio_actor portfolio_of(pointer self) {
  if (auto h = self->state.setup.trading) {
    std::lock_guard<std::mutex> g{h->mtx};
    return h->portfolio;
  }
  return {};
}

/// Takes a new portfolio snapshot: refreshed from the venues when
/// `from_venues` (positions after the last fill), else the portfolio's
/// own. `then(refreshed)` runs afterwards, also on failure.
void update_portfolio(pointer self, bool from_venues, caf::timespan timeout,
                      std::function<void(bool refreshed)> then) {
  auto p = portfolio_of(self);
  if (!p) {
    then(false);
    return;
  }
  auto& st = self->state;
  if (from_venues)
    st.stale = false; // a fill from now on makes it stale again
  auto take = [=](const portfolio_snapshot& s) {
    self->state.last = s;
    self->state.has_portfolio = true;
    then(from_venues);
  };
  auto failed = [=](caf::error& e) {
    if (from_venues) {
      self->state.stale = true;
      log::warn("demo", "balances_not_refreshed",
                {{"reason", to_string(e)}});
    }
    then(false);
  };
  if (from_venues)
    self->request(p, timeout, atom::refresh_v).then(take, failed);
  else
    self->request(p, timeout, atom::get_v).then(take, failed);
}

/// Events after which the venues' balances differ from the last refresh.
bool moves_balances(event_type t) {
  switch (t) {
    case event_type::order_filled:
    case event_type::order_cancelled: // may have filled in part
    case event_type::position_opened:
    case event_type::position_updated:
    case event_type::position_closed:
      return true;
    default:
      return false;
  }
}

} // namespace

reporter_actor::behavior_type reporter(pointer self, reporter_setup setup) {
  self->state.setup = std::move(setup);
  self->delayed_send(self, self->state.setup.interval, atom::tick_v);
  return {
    [=](const event& e) {
      auto& st = self->state;
      auto data = json::parse(e.data, nullptr, false);
      if (moves_balances(e.type))
        st.stale = true;
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
            auto quote = field(data, "quote");
            if (quote.empty())
              quote = "KRW"; // reports written before trades named it
            if (auto p = decimal::parse(field(data, "pnl_krw")))
              st.pnl[quote] += *p;
            if (auto p = decimal::parse(field(data, "fees_krw")))
              st.fees[quote] += *p;
            auto id = field(data, "strategy_id");
            auto type = st.setup.strategy_types.find(id);
            auto& s = st.strategies[type == st.setup.strategy_types.end()
                                      ? id
                                      : type->second];
            ++s.trades;
            if (auto p = decimal::parse(field(data, "pnl_krw")))
              s.pnl[quote] += *p;
          }
          break;
        case event_type::funding_settlement:
          if (auto p = decimal::parse(field(data, "amount")))
            st.funding_pnl[field(data, "currency")] += *p;
          break;
        default:
          break;
      }
    },
    [=](atom::tick) {
      auto& st = self->state;
      auto fresh = st.stale;
      update_portfolio(self, fresh,
                       fresh ? st.setup.refresh_timeout
                             : caf::timespan{std::chrono::seconds{1}},
                       [=](bool) { print_status(self); });
      self->delayed_send(self, st.setup.interval, atom::tick_v);
    },
    [=](atom::get) -> caf::result<std::string> {
      // The summary needs execution's open orders (unknown ones count) and
      // balances refreshed from the venues after the last fill; it waits
      // for both (each with a deadline).
      auto rp = self->make_response_promise<std::string>();
      execution_actor ex;
      if (auto h = self->state.setup.trading) {
        std::lock_guard<std::mutex> g{h->mtx};
        ex = h->execution;
      }
      using counts = std::pair<int64_t, int64_t>; // open, unknown
      auto refreshed = std::make_shared<std::optional<bool>>();
      auto orders = std::make_shared<std::optional<counts>>();
      auto finish = [=]() mutable {
        if (!*refreshed || !*orders)
          return;
        auto [open, unknown] = **orders;
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
        s["pnl"] = per_quote(st.pnl);
        s["fees"] = per_quote(st.fees);
        // The KRW market's figures under their historical names.
        s["pnl_krw"] = in_quote(st.pnl, "KRW").to_string();
        s["fees_krw"] = in_quote(st.fees, "KRW").to_string();
        json types = json::object();
        for (const auto& [type, x] : st.strategies)
          types[type] = {{"trades", x.trades}, {"pnl", per_quote(x.pnl)}};
        s["strategies"] = types;
        s["funding_pnl"] = per_quote(st.funding_pnl);
        s["orders_rejected"] = st.orders_rejected;
        s["net_position"] = positions_json(st);
        s["balances"] = balances_json(st);
        s["balances_refreshed"] = **refreshed;
        s["orders_open_at_exit"] = open;
        s["orders_unknown_at_exit"] = unknown;
        rp.deliver(s.dump());
      };
      update_portfolio(self, true, self->state.setup.refresh_timeout,
                       [=](bool ok) mutable {
                         *refreshed = ok;
                         finish();
                       });
      if (!ex) {
        *orders = counts{0, 0};
        finish();
        return rp;
      }
      self->request(ex, std::chrono::seconds{2}, atom::open_orders_v)
        .then(
          [=](const std::vector<order>& xs) mutable {
            int64_t unknown = 0;
            for (auto& o : xs)
              unknown += o.status == order_status::unknown ? 1 : 0;
            *orders = counts{static_cast<int64_t>(xs.size()), unknown};
            finish();
          },
          [=](caf::error&) mutable {
            *orders = counts{-1, -1};
            finish();
          });
      return rp;
    },
  };
}

} // namespace karb::app
