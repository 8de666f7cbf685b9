#include "actors/portfolio/portfolio.hpp"

#include <functional>
#include <memory>

#include <caf/all.hpp>

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::portfolio {

namespace {

/// Seed 002 §6.1 business and exposure figures, from the bookkeeping.
void export_metrics(portfolio_pointer self) {
  auto& core = self->state.core;
  auto& reg = metrics::global();
  reg
    .get_gauge("karb_total_profit_krw",
               "realised PnL since start, after fees (KRW)")
    .set(core.realised_pnl().to_double());
  if (auto w = core.win_rate())
    reg
      .get_gauge("karb_win_rate",
                 "finished trades with a positive PnL after fees, share")
      .set(*w);
  for (const auto& [asset, x] : core.exposure())
    reg
      .get_gauge("karb_position_exposure",
                 "net holdings across venues minus the start, per asset",
                 {{"asset", asset}})
      .set(x.to_double());
}

void forward(portfolio_pointer self, const portfolio_setup& setup,
             exchange venue) {
  auto bs = self->state.core.balances_of(venue);
  for (const auto& b : bs)
    metrics::global()
      .get_gauge("karb_balance", "venue balance (total) per currency",
                 {{"venue", to_string(b.venue)}, {"currency", b.currency}})
      .set(b.total.to_double());
  if (setup.risk)
    self->send(setup.risk, bs);
}

/// Takes one venue's REST balances into the books.
void take_balances(portfolio_pointer self, const portfolio_setup& setup,
                   exchange venue, std::vector<balance> bs) {
  auto ts = setup.wall_clock(); // REST balances carry no time
  for (auto& b : bs) {
    if (b.venue == exchange::custom)
      b.venue = venue;
    if (b.ts_ns == 0)
      b.ts_ns = ts;
  }
  if (bs.empty())
    return;
  self->state.core.set_balances(bs);
  ++self->state.refreshes;
  export_metrics(self);
  if (setup.store)
    self->send(setup.store, bs);
  if (setup.risk)
    self->send(setup.risk, bs);
}

/// Asks every venue for its balances; `done` (optional) runs once every
/// venue answered or failed, at once when there is none.
void refresh(portfolio_pointer self, const portfolio_setup& setup,
             std::function<void()> done = {}) {
  auto left = std::make_shared<size_t>(setup.rest.size());
  auto one_done = [left, done] {
    if (--*left == 0 && done)
      done();
  };
  if (setup.rest.empty() && done)
    done();
  for (const auto& [name, rest] : setup.rest) {
    auto venue = exchange_from_string(name).value_or(exchange::custom);
    auto failed = [=](const caf::error& err) {
      log::warn("portfolio", "balances_failed",
                {{"venue", name}, {"error", to_string(err)}});
      one_done();
    };
    venue::with_rest(
      self, rest,
      [=](const venue_rest_actor& r) {
        self->request(r, setup.request_timeout, atom::balances_v)
          .then(
            [=](std::vector<balance> bs) {
              take_balances(self, setup, venue, std::move(bs));
              one_done();
            },
            failed);
      },
      failed);
  }
}

} // namespace

portfolio_actor::behavior_type portfolio(portfolio_pointer self,
                                         portfolio_setup setup) {
  self->state.core = portfolio_core{setup.utc_offset_s};
  self->state.core.roll_day(setup.wall_clock());
  refresh(self, setup);
  self->delayed_send(self, setup.refresh_interval, atom::tick_v);
  return {
    [=](const fill& f) {
      self->state.core.apply_fill(f);
      forward(self, setup, f.symbol.venue);
      export_metrics(self);
    },
    [=](const funding_payment& p) {
      self->state.core.apply_funding(p, setup.wall_clock());
      export_metrics(self);
    },
    [=](const trade_report& r) {
      self->state.core.apply_report(r, setup.wall_clock());
      metrics::global()
        .get_counter("karb_trades_finished_total",
                     "trades booked by the portfolio, by outcome",
                     {{"outcome", r.outcome}})
        .add();
      export_metrics(self);
      if (setup.refresh_after_trade)
        refresh(self, setup);
    },
    [=](atom::get) { return self->state.core.snapshot(setup.wall_clock()); },
    [=](atom::refresh) {
      auto rp = self->make_response_promise<portfolio_snapshot>();
      refresh(self, setup, [=]() mutable {
        rp.deliver(self->state.core.snapshot(setup.wall_clock()));
      });
      return rp;
    },
    [=](atom::tick) {
      refresh(self, setup);
      self->delayed_send(self, setup.refresh_interval, atom::tick_v);
    },
  };
}

portfolio_actor spawn_portfolio(caf::actor_system& sys,
                                portfolio_setup setup) {
  return sys.spawn(portfolio, std::move(setup));
}

} // namespace karb::portfolio
