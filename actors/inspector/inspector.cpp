#include "actors/inspector/inspector.hpp"

#include <caf/all.hpp>

#include "actors/inspector/render.hpp"
#include "actors/log/logging.hpp"

namespace karb::inspector {

namespace {

using pointer = inspector_actor::stateful_pointer<inspector_state>;
using reply = caf::typed_response_promise<std::string>;

const char* read_commands = "status, actors, events [N]";
const char* pending_commands =
  "book, strategies, orders, trades, risk, balances, latency";

reply ask_node(pointer self, bool children_only) {
  auto rp = self->make_response_promise<std::string>();
  self->request(self->state.setup.node, self->state.setup.ask_timeout,
                atom::status_v)
    .then(
      [=](const node_status& st) mutable {
        auto j = to_json(st);
        rp.deliver(children_only ? nlohmann::json{{"actors", j["children"]}}
                                       .dump()
                                 : j.dump());
      },
      [=](caf::error& e) mutable {
        rp.deliver(error_reply("node did not answer: "
                               + self->system().render(e)));
      });
  return rp;
}

reply ask_events(pointer self, int32_t n) {
  auto rp = self->make_response_promise<std::string>();
  self->request(self->state.setup.bus, self->state.setup.ask_timeout,
                atom::recent_v, n)
    .then(
      [=](const std::vector<event>& xs) mutable {
        nlohmann::json arr = nlohmann::json::array();
        for (auto& e : xs)
          arr.push_back(to_json(e));
        rp.deliver(nlohmann::json{{"events", arr}}.dump());
      },
      [=](caf::error& e) mutable {
        rp.deliver(error_reply("bus did not answer: "
                               + self->system().render(e)));
      });
  return rp;
}

} // namespace

inspector_actor::behavior_type inspector(pointer self, inspector_setup setup) {
  self->state.setup = std::move(setup);
  return {
    [=](atom::get, const std::vector<std::string>& args)
      -> caf::result<std::string> {
      if (args.empty())
        return error_reply(std::string{"no command; try: "} + read_commands);
      const auto& cmd = args[0];
      if (cmd == "status")
        return ask_node(self, false);
      if (cmd == "actors")
        return ask_node(self, true);
      if (cmd == "events") {
        int32_t n = 20;
        if (args.size() > 1) {
          try {
            n = std::stoi(args[1]);
          } catch (...) {
            return error_reply("events takes a count, got '" + args[1] + "'");
          }
        }
        return ask_events(self, n);
      }
      if (std::string{pending_commands}.find(cmd) != std::string::npos)
        return error_reply("not yet: '" + cmd
                           + "' needs trading actors this node does not "
                             "run yet");
      return error_reply("unknown command '" + cmd + "'; try: "
                         + read_commands);
    },
    [=](atom::put, const std::vector<std::string>& args)
      -> caf::result<std::string> {
      auto cmd = args.empty() ? std::string{} : args[0];
      if (!self->state.setup.control) {
        log::warn("inspector", "control_refused", {{"command", cmd}});
        return error_reply("control commands are disabled "
                           "(node.inspect.control: false)");
      }
      log::info("inspector", "control_command", {{"command", cmd}});
      return error_reply("not yet: '" + cmd
                         + "' needs trading actors this node does not run "
                           "yet");
    },
  };
}

} // namespace karb::inspector
