#pragma once

// The inspector's commands, one function each (internal to the inspector).
// Every function answers through a response promise; every request it
// sends has the setup's ask_timeout, and a component that is not running
// is an immediate {"error": ...}.

#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/inspector/gather.hpp"
#include "actors/inspector/inspector.hpp"
#include "actors/inspector/render.hpp"

namespace karb::inspector {

using pointer = inspector_actor::stateful_pointer<inspector_state>;
using reply = caf::result<std::string>;

/// The handle `member` of the trading handles (copied under their lock);
/// null when the node runs no trading actors or it has not started.
template <class Handle>
Handle trading_handle(pointer self, Handle app::trading_handles::*member) {
  auto& t = self->state.setup.trading;
  if (!t)
    return Handle{};
  std::lock_guard<std::mutex> guard{t->mtx};
  return (*t).*member;
}

/// "<what> is not running" as an error reply.
std::string not_running(const std::string& what);

/// Why a request failed, for the operator.
std::string why(pointer self, const caf::error& e);

/// Delivers a gathered answer; one whose "error" is set as an error reply.
inline gather::done_fn
deliver_to(caf::typed_response_promise<std::string> rp) {
  return [rp](nlohmann::json& j) mutable {
    rp.deliver(j.contains("error") && j["error"].is_string()
                 ? error_reply(j["error"].get<std::string>())
                 : j.dump());
  };
}

/// Asks one actor; `on_value` fills the answer in, a failure sets "error".
template <class Answer, class Handle, class OnValue, class... Ts>
void ask(pointer self, const Handle& hdl, const std::string& what,
         const gather_ptr& g, OnValue on_value, Ts... xs) {
  self->request(hdl, self->state.setup.ask_timeout, xs...)
    .then(
      [g, on_value](const Answer& answer) {
        on_value(g->out(), answer);
        g->done();
      },
      [self, g, what](caf::error& e) {
        g->out()["error"] = what + ": " + why(self, e);
        g->done();
      });
}

// -- read commands (queries*.cpp) ---------------------------------------------

reply status(pointer self);
reply actors(pointer self);
reply events(pointer self, const std::vector<std::string>& args);
reply book(pointer self, const std::vector<std::string>& args);
reply strategies(pointer self);
reply orders(pointer self);
reply trades(pointer self, const std::vector<std::string>& args);
reply risk(pointer self);
reply balances(pointer self);
/// `latency [--buckets]`: with --buckets, each histogram's non-empty
/// buckets too (karb-bench takes percentiles of a window from two reads).
reply latency(pointer self, const std::vector<std::string>& args);
reply positions(pointer self);
reply funding(pointer self);

// -- control commands (control.cpp) -------------------------------------------

reply halt(pointer self, const std::vector<std::string>& args);
/// Halts, cancels every order and closes every position (via risk).
reply emergency_stop(pointer self, const std::vector<std::string>& args);
reply resume(pointer self);
reply strategy(pointer self, const std::vector<std::string>& args);
/// `reload`: asks the reloader; "refused: ..." is an error reply.
reply reload(pointer self);

// -- order control (control_orders.cpp) ---------------------------------------

/// `cancel ORDER_ID`: asks execution to cancel one live order.
reply cancel(pointer self, const std::vector<std::string>& args);
/// `cancel-all`: execution stops its trades and cancels every live order
/// (no position is opened or closed).
reply cancel_all(pointer self, const std::vector<std::string>& args);

} // namespace karb::inspector
