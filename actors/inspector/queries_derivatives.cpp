// The inspector's views of the perpetual venues: `positions` (each venue's
// open positions, from its REST API) and `funding` (each venue's funding
// rates and mark prices, streamed or polled). A spot venue answers
// "not_supported" for positions and an empty list for funding.

#include <caf/all.hpp>

#include "actors/inspector/gather.hpp"
#include "actors/inspector/queries.hpp"
#include "actors/inspector/render.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

/// Asks every venue with `ask(hdl, slot_json, done)`; one slot per venue.
template <class Ask>
reply per_venue(pointer self, const char* key, Ask ask) {
  auto venues = trading_handle(self, &app::trading_handles::venues);
  auto rp = self->make_response_promise<std::string>();
  json out{{key, json::object()}};
  auto g = gather::start(std::move(out), venues.size(),
                         [rp](json& j) mutable { rp.deliver(j.dump()); });
  for (auto& [name, hdl] : venues) {
    if (!hdl) {
      g->out()[key][name] = {{"error", "not running"}};
      g->done();
      continue;
    }
    ask(hdl, name, g);
  }
  return rp;
}

} // namespace

reply positions(pointer self) {
  return per_venue(self, "positions", [self](const venue_actor& hdl,
                                             const std::string& name,
                                             gather_ptr g) {
    self->request(hdl, self->state.setup.ask_timeout, atom::positions_v)
      .then(
        [g, name](const std::vector<position>& ps) {
          auto& slot = g->out()["positions"][name] = json::array();
          for (auto& p : ps)
            slot.push_back(to_json(p));
          g->done();
        },
        [self, g, name](caf::error& e) {
          g->out()["positions"][name] = {{"error", why(self, e)}};
          g->done();
        });
  });
}

reply funding(pointer self) {
  return per_venue(self, "funding", [self](const venue_actor& hdl,
                                           const std::string& name,
                                           gather_ptr g) {
    self->request(hdl, self->state.setup.ask_timeout, atom::funding_v)
      .then(
        [g, name](const std::vector<funding_rate>& fs,
                  const std::vector<mark_price>& ms) {
          auto& slot = g->out()["funding"][name];
          slot = {{"rates", json::array()}, {"marks", json::array()}};
          for (auto& f : fs)
            slot["rates"].push_back(to_json(f));
          for (auto& m : ms)
            slot["marks"].push_back(to_json(m));
          g->done();
        },
        [self, g, name](caf::error& e) {
          g->out()["funding"][name] = {{"error", why(self, e)}};
          g->done();
        });
  });
}

} // namespace karb::inspector
