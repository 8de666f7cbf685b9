#include "actors/execution/flatten.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/clock.hpp"
#include "actors/log/logging.hpp"

namespace karb::execution {

struct flatten_job {
  flatten_report report;
  caf::typed_response_promise<flatten_report> promise;
  int64_t started_ns = 0;
  int64_t deadline_ns = 0;
  size_t venues_pending = 0;           ///< position lists not answered yet
  std::vector<std::string> close_trades;
  bool verifying = false;              ///< the final position check is out
};

namespace {

std::string describe(const position& p) {
  return to_string(p.symbol.venue) + " " + p.symbol.venue_symbol + " "
         + (p.position_side == side::buy ? "long " : "short ")
         + p.amount.abs().to_string();
}

bool open(const position& p) {
  return !p.amount.is_zero();
}

/// The trade of a close request: one "close" signal, sized and priced by
/// the request (no price: a market order).
arbitrage_opportunity close_opportunity(const close_request& r,
                                        const std::string& id) {
  trading_signal sig;
  sig.id = id;
  sig.strategy_id = r.reason;
  sig.symbol = r.symbol;
  sig.signal_side = r.order_side;
  sig.signal_type = "close";
  sig.amount = r.amount;
  sig.has_price = r.price.is_positive();
  sig.price = r.price;
  arbitrage_opportunity opp;
  opp.id = id;
  opp.type = r.symbol.contract == contract_type::perpetual
               ? arbitrage_type::spot_futures
               : arbitrage_type::cross_exchange;
  opp.symbol = r.symbol.base + "/" + r.symbol.quote;
  opp.exchanges = {to_string(r.symbol.venue)};
  opp.entry_signals = {sig};
  opp.max_position_size = r.amount;
  opp.metadata["reason"] = r.reason;
  return opp;
}

void finish(execution_pointer self, int64_t id) {
  auto& st = self->state;
  auto i = st.flattens.find(id);
  if (i == st.flattens.end())
    return;
  auto job = i->second;
  st.flattens.erase(i);
  for (const auto& [cid, hdl] : st.orders)
    job->report.remaining.push_back("order " + cid);
  job->report.elapsed_ms = (steady_ns(self) - job->started_ns) / 1'000'000;
  nlohmann::json data{{"reason", job->report.reason},
                      {"orders_cancelled", job->report.orders_cancelled},
                      {"positions_closed", job->report.positions_closed},
                      {"remaining", job->report.remaining},
                      {"elapsed_ms", job->report.elapsed_ms}};
  if (job->report.remaining.empty())
    log::warn("execution", "flattened", data);
  else
    log::error("execution", "flatten_incomplete", data);
  job->promise.deliver(job->report);
}

/// Asks every venue for its positions; `verify`: only to report what is
/// still open, else to close each.
void ask_positions(execution_pointer self, const execution_setup& setup,
                   int64_t id, bool verify) {
  auto& st = self->state;
  auto job = st.flattens.at(id);
  job->venues_pending = setup.venues.size();
  job->verifying = verify;
  if (setup.venues.empty())
    return verify ? finish(self, id) : flatten_check(self, setup, id);
  for (const auto& [name, venue] : setup.venues) {
    auto answered = [=] {
      if (--job->venues_pending > 0)
        return;
      if (verify)
        finish(self, id);
      else
        flatten_check(self, setup, id);
    };
    self->request(venue, setup.flatten_poll * 10, atom::positions_v)
      .then(
        [=](const std::vector<position>& ps) {
          for (const auto& p : ps) {
            if (!open(p))
              continue;
            if (verify) {
              job->report.remaining.push_back(describe(p));
              continue;
            }
            auto tid = start_close(self, setup, closing(p, "emergency_stop"));
            if (!tid.empty()) {
              job->close_trades.push_back(tid);
              ++job->report.positions_closed;
            } else {
              job->report.remaining.push_back(describe(p));
            }
          }
          answered();
        },
        [=](const caf::error& e) {
          // A spot venue has no positions; any other failure is unknown.
          auto text = to_string(e);
          if (text.find("not_supported") == std::string::npos)
            job->report.remaining.push_back(name + ": positions unknown ("
                                            + text + ")");
          answered();
        });
  }
}

} // namespace

close_request closing(const position& p, std::string reason) {
  close_request r;
  r.symbol = p.symbol;
  bool is_long = p.amount.is_negative() ? false
                                        : p.position_side == side::buy;
  r.order_side = is_long ? side::sell : side::buy;
  r.amount = p.amount.abs();
  r.reason = std::move(reason);
  return r;
}

std::string start_close(execution_pointer self, const execution_setup& setup,
                        const close_request& r) {
  auto& s = self->state;
  if (s.shutting_down || !r.amount.is_positive())
    return {};
  auto ts = make_trade_setup(self, setup, r.symbol.quote);
  ts.trade_id = s.prefix + base36(s.next_id++);
  ts.opportunity = close_opportunity(r, "close-" + ts.trade_id);
  ts.verdict.approved = true;
  ts.verdict.size = r.amount;
  ts.params.max_reprices = setup.close_reprices;
  auto id = ts.trade_id;
  log::warn("execution", "closing_position",
            {{"venue", to_string(r.symbol.venue)},
             {"symbol", r.symbol.venue_symbol},
             {"side", to_string(r.order_side)},
             {"amount", r.amount.to_string()},
             {"reason", r.reason}},
            id);
  start_trade(self, std::move(ts));
  return id;
}

caf::result<flatten_report> begin_flatten(execution_pointer self,
                                          const execution_setup& setup,
                                          const std::string& reason) {
  auto& st = self->state;
  auto job = std::make_shared<flatten_job>();
  job->report.reason = reason;
  job->promise = self->make_response_promise<flatten_report>();
  job->started_ns = steady_ns(self);
  job->deadline_ns = job->started_ns
                     + std::chrono::nanoseconds(setup.flatten_wait).count();
  auto id = st.next_flatten++;
  st.flattens[id] = job;
  // No trade places another order: the running ones stop (the store keeps
  // them; a restart resumes them), their live orders are cancelled.
  for (const auto& [tid, hdl] : st.trades)
    self->send_exit(hdl, caf::exit_reason::user_shutdown);
  for (const auto& [cid, hdl] : st.orders) {
    self->send(hdl, atom::cancel_v);
    ++job->report.orders_cancelled;
  }
  log::error("execution", "flattening",
             {{"reason", reason},
              {"orders", job->report.orders_cancelled},
              {"trades_stopped", st.trades.size()}});
  ask_positions(self, setup, id, false);
  return job->promise;
}

void flatten_check(execution_pointer self, const execution_setup& setup,
                   int64_t id) {
  auto& st = self->state;
  auto i = st.flattens.find(id);
  if (i == st.flattens.end() || i->second->verifying)
    return;
  auto job = i->second;
  if (job->venues_pending > 0)
    return;
  bool closing = false;
  for (const auto& tid : job->close_trades)
    closing = closing || st.trades.count(tid) > 0;
  bool live_orders = !st.orders.empty();
  if ((closing || live_orders) && steady_ns(self) < job->deadline_ns) {
    arm_timer(self, setup.flatten_poll, atom::flatten_v, id);
    return;
  }
  ask_positions(self, setup, id, true);
}

} // namespace karb::execution
