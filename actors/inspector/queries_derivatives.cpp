// The inspector's views of the perpetual venues, from the two services
// that keep them: `positions` (the position manager's book: every open
// position and the net per asset) and `funding` (the funding service's
// board: rates with predictions, spreads, funding PnL, recent payments).
// Both run only when a perpetual venue is configured.

#include <caf/all.hpp>

#include "actors/inspector/queries.hpp"

namespace karb::inspector {

using nlohmann::json;

reply positions(pointer self) {
  auto p = trading_handle(self, &app::trading_handles::positions);
  if (!p)
    return not_running("the position manager");
  auto rp = self->make_response_promise<std::string>();
  auto g = gather::start(json::object(), 1, deliver_to(rp));
  ask<position_book>(self, p, "the position manager", g,
      [](json& out, const position_book& b) { out.update(to_json(b)); },
      atom::positions_v);
  return rp;
}

reply funding(pointer self) {
  auto f = trading_handle(self, &app::trading_handles::funding);
  if (!f)
    return not_running("the funding service");
  auto rp = self->make_response_promise<std::string>();
  auto g = gather::start(json::object(), 1, deliver_to(rp));
  ask<funding_board>(self, f, "the funding service", g,
      [](json& out, const funding_board& b) { out.update(to_json(b)); },
      atom::funding_v);
  return rp;
}

} // namespace karb::inspector
