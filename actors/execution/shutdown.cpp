#include "actors/execution/shutdown.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"

namespace karb::execution {

void begin_shutdown(execution_pointer self, const execution_setup& setup) {
  auto& st = self->state;
  if (st.shutting_down)
    return;
  st.shutting_down = true;
  st.cancel_on_shutdown = setup.cancel_on_shutdown;
  st.bus = setup.bus;
  // Trades first, so that none places another order; an order a trade
  // started just before registers before that trade's DOWN arrives, and is
  // cancelled as it registers. Orders outlive their trade: they finish
  // their cancel and report to the store.
  for (const auto& [id, hdl] : st.trades)
    self->send_exit(hdl, caf::exit_reason::user_shutdown);
  if (st.cancel_on_shutdown) {
    log::info("execution", "shutdown_cancelling",
              {{"orders", st.orders.size()}});
    for (const auto& [cid, hdl] : st.orders)
      self->send(hdl, atom::cancel_v);
  }
  arm_timer(self, setup.shutdown_wait, caf::timeout_atom_v);
  shutdown_progress(self);
}

void shutdown_progress(execution_pointer self) {
  auto& st = self->state;
  if (st.shutting_down && st.trades.empty()
      && (st.orders.empty() || !st.cancel_on_shutdown))
    finish_shutdown(self);
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

} // namespace karb::execution
