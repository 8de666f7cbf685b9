#include "actors/inspector/queries.hpp"

#include <caf/all.hpp>

#include "actors/inspector/commands.hpp"
#include "actors/inspector/gather.hpp"
#include "actors/inspector/render.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

std::string delivered(const json& j) {
  return j.contains("error") && j["error"].is_string()
           ? error_reply(j["error"].get<std::string>())
           : j.dump();
}

} // namespace

std::string not_running(const std::string& what) {
  return error_reply(what + " is not running on this node");
}

std::string why(pointer self, const caf::error& e) {
  if (e == caf::sec::request_timeout)
    return "no answer within "
           + std::to_string(self->state.setup.ask_timeout.count()) + " ms";
  if (e == caf::sec::request_receiver_down)
    return "not running";
  auto& ctx = e.context();
  if (ctx.match_elements<std::string>())
    return ctx.get_as<std::string>(0); // the actor's own words
  return self->system().render(e);
}

reply status(pointer self) {
  auto venues = trading_handle(self, &app::trading_handles::venues);
  auto rp = self->make_response_promise<std::string>();
  json out{{"venues", json::array()}};
  for (size_t i = 0; i < venues.size(); ++i)
    out["venues"].push_back(nullptr);
  auto g = gather::start(std::move(out), venues.size() + 1,
                         [rp](json& j) mutable { rp.deliver(delivered(j)); });
  auto timeout = self->state.setup.ask_timeout;
  self->request(self->state.setup.node, timeout, atom::status_v)
    .then(
      [g](const node_status& st) {
        g->out().update(to_json(st));
        g->done();
      },
      [self, g](caf::error& e) {
        g->out()["error"] = "node did not answer: " + why(self, e);
        g->done();
      });
  size_t i = 0;
  for (auto& [name, hdl] : venues) {
    auto slot = i++;
    auto fail = [self, g, slot, name = name](const std::string& reason) {
      g->out()["venues"][slot] = {{"venue", name}, {"error", reason}};
      g->done();
    };
    if (!hdl) {
      fail("not running");
      continue;
    }
    self->request(hdl, timeout, atom::status_v)
      .then(
        [g, slot](const venue_status& vs) {
          g->out()["venues"][slot] = to_json(vs);
          g->done();
        },
        [self, fail](caf::error& e) { fail(why(self, e)); });
  }
  return rp;
}

reply events(pointer self, const std::vector<std::string>& args) {
  std::string err;
  auto n = parse_count(args, 20, err);
  if (!n)
    return error_reply(err);
  auto rp = self->make_response_promise<std::string>();
  self->request(self->state.setup.bus, self->state.setup.ask_timeout,
                atom::recent_v, *n)
    .then(
      [rp](const std::vector<event>& xs) mutable {
        json arr = json::array();
        for (auto& e : xs)
          arr.push_back(to_json(e));
        rp.deliver(json{{"events", arr}}.dump());
      },
      [self, rp](caf::error& e) mutable {
        rp.deliver(error_reply("bus did not answer: " + why(self, e)));
      });
  return rp;
}

} // namespace karb::inspector
