#include <caf/all.hpp>

#include "actors/inspector/commands.hpp"
#include "actors/inspector/gather.hpp"
#include "actors/inspector/queries.hpp"
#include "actors/inspector/render.hpp"
#include "actors/log/logging.hpp"
#include "actors/strategy/instance_name.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

// The risk status after a halt or resume (sent after it, so it reflects it).
reply risk_after(pointer self, const risk_actor& r, const std::string& cmd) {
  auto rp = self->make_response_promise<std::string>();
  self->request(r, self->state.setup.ask_timeout, atom::status_v)
    .then(
      [rp, cmd](const risk_status& s) mutable {
        rp.deliver(json{{"command", cmd}, {"risk", to_json(s)}}.dump());
      },
      [self, rp](caf::error& e) mutable {
        rp.deliver(error_reply("risk did not answer: " + why(self, e)));
      });
  return rp;
}

} // namespace

reply halt(pointer self, const std::vector<std::string>& args) {
  auto reason = join_from(args, 1);
  if (reason.empty())
    return error_reply("usage: halt REASON");
  auto r = trading_handle(self, &app::trading_handles::risk);
  if (!r)
    return not_running("risk");
  self->send(r, atom::halt_v, "operator: " + reason);
  return risk_after(self, r, "halt");
}

reply emergency_stop(pointer self, const std::vector<std::string>& args) {
  auto reason = join_from(args, 1);
  if (reason.empty())
    return error_reply("usage: emergency-stop REASON");
  auto r = trading_handle(self, &app::trading_handles::risk);
  if (!r)
    return not_running("risk");
  auto rp = self->make_response_promise<std::string>();
  self
    ->request(r, self->state.setup.emergency_timeout, atom::emergency_v,
              "operator: " + reason)
    .then(
      [rp](const flatten_report& x) mutable {
        rp.deliver(
          json{{"command", "emergency-stop"}, {"flatten", to_json(x)}}.dump());
      },
      [self, rp](caf::error& e) mutable {
        rp.deliver(error_reply("emergency stop: " + why(self, e)));
      });
  return rp;
}

reply resume(pointer self) {
  auto r = trading_handle(self, &app::trading_handles::risk);
  if (!r)
    return not_running("risk");
  self->send(r, atom::resume_v);
  return risk_after(self, r, "resume");
}

reply strategy(pointer self, const std::vector<std::string>& args) {
  if (args.size() != 3 || (args[1] != "start" && args[1] != "stop"))
    return error_reply("usage: strategy start|stop ID");
  auto all = trading_handle(self, &app::trading_handles::strategies);
  std::vector<std::string> ids;
  for (auto& [id, _] : all)
    ids.push_back(id);
  auto targets = match_strategies(ids, args[2]);
  if (targets.empty())
    return error_reply("no strategy '" + args[2] + "'; known: "
                       + join_from(ids, 0));
  auto rp = self->make_response_promise<std::string>();
  json out{{"command", "strategy " + args[1]}, {"strategies", json::array()}};
  for (auto& id : targets)
    out["strategies"].push_back({{"id", id}});
  auto g = gather::start(std::move(out), targets.size(),
                         [rp](json& j) mutable { rp.deliver(j.dump()); });
  bool stop = args[1] == "stop";
  for (size_t i = 0; i < targets.size(); ++i) {
    auto child = strategy::instance_name(targets[i]);
    auto on_ok = [g, i, stop](atom::ok) {
      g->out()["strategies"][i]["state"] = stop ? "stopped" : "running";
      g->done();
    };
    auto on_err = [self, g, i](caf::error& e) {
      g->out()["strategies"][i]["error"] = why(self, e);
      g->done();
    };
    auto timeout = self->state.setup.ask_timeout;
    if (stop)
      self->request(self->state.setup.node, timeout, atom::halt_v, child)
        .then(on_ok, on_err);
    else
      self->request(self->state.setup.node, timeout, atom::resume_v, child)
        .then(on_ok, on_err);
  }
  return rp;
}

reply reload(pointer self) {
  auto r = self->state.setup.reloader;
  if (!r)
    return error_reply("reload is not available in this node");
  auto rp = self->make_response_promise<std::string>();
  // Reading the file and asking the node takes a few round trips.
  self->request(r, self->state.setup.ask_timeout * 3, atom::reload_v)
    .then(
      [rp](const std::string& line) mutable {
        if (line.rfind("refused:", 0) == 0)
          rp.deliver(error_reply(line));
        else
          rp.deliver(json{{"command", "reload"}, {"result", line}}.dump());
      },
      [self, rp](caf::error& e) mutable {
        rp.deliver(error_reply("reloader did not answer: " + why(self, e)));
      });
  return rp;
}

} // namespace karb::inspector
