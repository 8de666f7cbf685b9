#include "actors/inspector/inspector.hpp"

#include <caf/all.hpp>

#include "actors/inspector/commands.hpp"
#include "actors/inspector/queries.hpp"
#include "actors/inspector/render.hpp"
#include "actors/log/logging.hpp"

namespace karb::inspector {

namespace {

const char* read_commands
  = "status, actors, events [N], book VENUE SYMBOL [--depth N], strategies, "
    "orders, trades [N], risk, balances, positions, funding, latency "
    "[--buckets]";
const char* control_commands
  = "halt REASON, emergency-stop REASON, resume, strategy start|stop ID, "
    "reload, cancel ORDER_ID, cancel-all";
const char* not_utf8 = "a command's words must be UTF-8 text";

reply run_read(pointer self, const std::vector<std::string>& args) {
  const auto& cmd = args[0];
  if (cmd == "status")
    return status(self);
  if (cmd == "actors")
    return actors(self);
  if (cmd == "events")
    return events(self, args);
  if (cmd == "book")
    return book(self, args);
  if (cmd == "strategies")
    return strategies(self);
  if (cmd == "orders")
    return orders(self);
  if (cmd == "trades")
    return trades(self, args);
  if (cmd == "risk")
    return risk(self);
  if (cmd == "balances")
    return balances(self);
  if (cmd == "latency")
    return latency(self, args);
  if (cmd == "positions")
    return positions(self);
  if (cmd == "funding")
    return funding(self);
  return error_reply("unknown command '" + cmd + "'; try: " + read_commands);
}

reply run_control(pointer self, const std::vector<std::string>& args) {
  const auto& cmd = args[0];
  if (cmd == "halt")
    return halt(self, args);
  if (cmd == "emergency-stop")
    return emergency_stop(self, args);
  if (cmd == "resume")
    return resume(self);
  if (cmd == "strategy")
    return strategy(self, args);
  if (cmd == "reload")
    return reload(self);
  if (cmd == "cancel")
    return cancel(self, args);
  if (cmd == "cancel-all")
    return cancel_all(self, args);
  return error_reply("unknown control command '" + cmd + "'; try: "
                     + control_commands);
}

} // namespace

inspector_actor::behavior_type inspector(pointer self, inspector_setup setup) {
  self->state.setup = std::move(setup);
  return {
    [=](atom::get, const std::vector<std::string>& args) -> reply {
      if (!all_utf8(args))
        return error_reply(not_utf8);
      if (args.empty())
        return error_reply(std::string{"no command; try: "} + read_commands);
      return run_read(self, args);
    },
    [=](atom::put, const std::vector<std::string>& args) -> reply {
      if (!all_utf8(args))
        return error_reply(not_utf8);
      auto cmd = args.empty() ? std::string{} : args[0];
      if (!self->state.setup.control) {
        log::warn("inspector", "control_refused", {{"command", cmd}});
        return error_reply("control commands are disabled "
                           "(node.inspect.control: false)");
      }
      if (args.empty())
        return error_reply(std::string{"no command; try: "}
                           + control_commands);
      log::info("inspector", "control_command",
                {{"command", cmd}, {"args", args}});
      return run_control(self, args);
    },
  };
}

} // namespace karb::inspector
