// app::deps::venue_io: a venue started by the node's wiring reaches the
// network through the injected factories (no sockets, no io_runner).

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/app/wiring.hpp"
#include "config/load.hpp"
#include "tests/actors/venue_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

namespace karb::test {
namespace {

config::settings dev_settings() {
  std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  auto r = config::load_text(text, "development.yaml", {}, false);
  EXPECT_TRUE(r.errors.empty())
    << (r.errors.empty() ? "" : to_string(r.errors[0]));
  return r.value.value_or(config::settings{});
}

class WiringVenueIo : public actor_fixture {};

TEST_F(WiringVenueIo, VenueChildUsesTheInjectedTransports) {
  auto cfg = dev_settings();
  auto n = std::make_shared<fake_net>();
  std::vector<std::string> asked;
  app::deps d;
  d.venue_io = [&](const config::venue_settings& v) {
    asked.push_back(v.name);
    return make_fake_io(n);
  };
  auto children = app::build_children(cfg, d);
  auto spec = std::find_if(children.begin(), children.end(),
                           [](const node::child_spec& c) {
                             return c.name == "venue:upbit";
                           });
  ASSERT_NE(spec, children.end());
  auto venue = spec->spawn(sys);
  run();
  EXPECT_EQ(asked, std::vector<std::string>{"upbit"});
  // The feed's WebSocket (no keys here, so no private stream) on the fake.
  ASSERT_EQ(n->ws.size(), 1u);
  EXPECT_EQ(n->ws[0].cfg.url, "ws://127.0.0.1:18100/websocket/v1");
  EXPECT_TRUE(n->ws[0].connected);
  caf::anon_send_exit(venue, caf::exit_reason::user_shutdown);
  run();
}

} // namespace
} // namespace karb::test
