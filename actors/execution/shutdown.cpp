#include "actors/execution/shutdown.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/clock.hpp"
#include "actors/log/logging.hpp"

namespace karb::execution {

namespace {

/// Phase 2: trades first, so that none places another order; an order a
/// trade started just before registers before that trade's DOWN arrives,
/// and is cancelled as it registers. Orders outlive their trade: they
/// finish their cancel and report to the store.
void stop_in_flight(execution_pointer self) {
  auto& st = self->state;
  st.draining = false;
  if (!st.trades.empty())
    log::warn("execution", "shutdown_stopping_trades",
              {{"trades", st.trades.size()}});
  for (const auto& [id, hdl] : st.trades)
    self->send_exit(hdl, caf::exit_reason::user_shutdown);
  if (st.cancel_on_shutdown) {
    log::info("execution", "shutdown_cancelling",
              {{"orders", st.orders.size()}});
    for (const auto& [cid, hdl] : st.orders)
      self->send(hdl, atom::cancel_v);
  }
  auto left = st.stop_deadline_ns - steady_ns(self);
  arm_timer(self, caf::timespan{std::max<int64_t>(left, 0)},
            caf::timeout_atom_v);
  shutdown_progress(self);
}

void finish_shutdown(execution_pointer self) {
  auto& st = self->state;
  nlohmann::json left = nlohmann::json::array();
  for (const auto& [cid, hdl] : st.orders)
    left.push_back(cid);
  if (left.empty()) {
    log::info("execution", "shutdown_orders_settled");
  } else {
    // Stored as they are: the next start looks each one up by client id.
    log::error("execution", "shutdown_orders_left",
               {{"orders", left}, {"count", left.size()}});
    publish_event(self, st.bus, event_type::risk_alert, "execution",
                  {{"reason", "shutdown_orders_left"}, {"orders", left}});
  }
  for (const auto& [cid, hdl] : st.orders)
    self->send_exit(hdl, caf::exit_reason::user_shutdown);
  for (const auto& [id, hdl] : st.trades)
    self->send_exit(hdl, caf::exit_reason::user_shutdown);
  self->quit(caf::exit_reason::user_shutdown);
}

} // namespace

void begin_shutdown(execution_pointer self, const execution_setup& setup) {
  auto& st = self->state;
  if (st.shutting_down)
    return;
  st.shutting_down = true;
  st.cancel_on_shutdown = setup.cancel_on_shutdown;
  st.bus = setup.bus;
  auto now = steady_ns(self);
  st.stop_deadline_ns = now + setup.shutdown_wait.count();
  if (st.trades.empty())
    return stop_in_flight(self);
  // Phase 1: a trade cut mid-flight waits for the next start with what it
  // has (a leg filled, its hedge not); let it finish while it can.
  st.draining = true;
  auto drain = setup.shutdown_wait / 2;
  st.drain_deadline_ns = now + drain.count();
  log::info("execution", "shutdown_draining",
            {{"trades", st.trades.size()},
             {"wait_ms", drain.count() / 1'000'000}});
  arm_timer(self, drain, caf::timeout_atom_v);
}

void shutdown_progress(execution_pointer self) {
  auto& st = self->state;
  if (!st.shutting_down)
    return;
  if (st.draining) {
    if (st.trades.empty())
      stop_in_flight(self);
    return;
  }
  if (st.trades.empty() && (st.orders.empty() || !st.cancel_on_shutdown))
    finish_shutdown(self);
}

void shutdown_timer(execution_pointer self) {
  auto& st = self->state;
  auto now = steady_ns(self);
  // The drain's timer still arrives when the drain ended early; only the
  // deadline of the current phase counts.
  if (st.draining && now >= st.drain_deadline_ns)
    stop_in_flight(self);
  else if (!st.draining && now >= st.stop_deadline_ns)
    finish_shutdown(self);
}

} // namespace karb::execution
