#include "actors/execution/operator_commands.hpp"

#include <memory>

#include <caf/all.hpp>

#include "actors/log/logging.hpp"

namespace karb::execution {

namespace {

/// The views of the running trades and orders, as they come in.
struct live_views {
  std::vector<trade_record> trades;
  std::vector<order> orders;
  size_t pending = 0;
  live_actors promise;

  void done() {
    if (--pending == 0)
      promise.deliver(std::move(trades), std::move(orders));
  }
};

constexpr auto view_timeout = std::chrono::seconds(1);

} // namespace

live_actors report_live(execution_pointer self) {
  auto& st = self->state;
  auto g = std::make_shared<live_views>();
  g->promise = self->make_response_promise<std::vector<trade_record>,
                                           std::vector<order>>();
  g->pending = st.trades.size() + st.orders.size();
  if (g->pending == 0) {
    g->promise.deliver(std::vector<trade_record>{}, std::vector<order>{});
    return g->promise;
  }
  // A trade or order that ends meanwhile is left out.
  for (const auto& [id, hdl] : st.trades)
    self->request(hdl, view_timeout, atom::get_v)
      .then(
        [g](const trade_record& t) {
          g->trades.push_back(t);
          g->done();
        },
        [g](const caf::error&) { g->done(); });
  for (const auto& [cid, hdl] : st.orders)
    self->request(hdl, view_timeout, atom::get_v)
      .then(
        [g](const order& o) {
          if (!is_terminal(o.status))
            g->orders.push_back(o);
          g->done();
        },
        [g](const caf::error&) { g->done(); });
  return g->promise;
}

caf::result<atom::ok> cancel_order(execution_pointer self,
                                   const std::string& client_order_id) {
  auto& st = self->state;
  auto i = st.orders.find(client_order_id);
  if (i == st.orders.end())
    return caf::make_error(caf::sec::invalid_argument,
                           "no live order '" + client_order_id + "'");
  log::warn("execution", "operator_cancel", nullptr, client_order_id);
  self->send(i->second, atom::cancel_v);
  return atom::ok_v;
}

caf::result<int64_t, int64_t> cancel_all(execution_pointer self) {
  auto& st = self->state;
  // The trades stop first, so that none re-prices or unwinds what is
  // cancelled; the store keeps them and the next start resumes them.
  auto trades = static_cast<int64_t>(st.trades.size());
  for (const auto& [id, hdl] : st.trades)
    self->send_exit(hdl, caf::exit_reason::user_shutdown);
  auto orders = static_cast<int64_t>(st.orders.size());
  for (const auto& [cid, hdl] : st.orders)
    self->send(hdl, atom::cancel_v);
  log::warn("execution", "operator_cancel_all",
            {{"orders", orders}, {"trades_stopped", trades}});
  return caf::make_result(orders, trades);
}

} // namespace karb::execution
