#include <caf/all.hpp>

#include "actors/inspector/commands.hpp"
#include "actors/inspector/queries.hpp"
#include "actors/inspector/render.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

} // namespace

reply cancel(pointer self, const std::vector<std::string>& args) {
  if (args.size() != 2 || args[1].empty())
    return error_reply("usage: cancel ORDER_ID (a client order id, see "
                       "orders)");
  auto ex = trading_handle(self, &app::trading_handles::execution);
  if (!ex)
    return not_running("execution");
  auto rp = self->make_response_promise<std::string>();
  const auto& id = args[1];
  self->request(ex, self->state.setup.ask_timeout, atom::cancel_v, id)
    .then(
      [rp, id](atom::ok) mutable {
        rp.deliver(json{{"command", "cancel"},
                        {"order_id", id},
                        {"result", "cancel requested"}}
                     .dump());
      },
      [self, rp](caf::error& e) mutable {
        rp.deliver(error_reply("cancel: " + why(self, e)));
      });
  return rp;
}

reply cancel_all(pointer self, const std::vector<std::string>& args) {
  if (args.size() != 1)
    return error_reply("usage: cancel-all");
  auto ex = trading_handle(self, &app::trading_handles::execution);
  if (!ex)
    return not_running("execution");
  auto rp = self->make_response_promise<std::string>();
  self->request(ex, self->state.setup.ask_timeout, atom::cancel_v)
    .then(
      [rp](int64_t orders, int64_t trades) mutable {
        rp.deliver(json{{"command", "cancel-all"},
                        {"orders_cancelled", orders},
                        {"trades_stopped", trades}}
                     .dump());
      },
      [self, rp](caf::error& e) mutable {
        rp.deliver(error_reply("cancel-all: " + why(self, e)));
      });
  return rp;
}

} // namespace karb::inspector
