// The node's wiring starts the funding service and the position manager
// only when a perpetual venue is configured, and hands them the running
// perpetual venues (not the spot ones).

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/app/wiring.hpp"
#include "tests/derivatives/derivatives_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

namespace karb::test {
namespace {

config::settings with_venues(std::vector<std::pair<std::string, bool>> vs) {
  config::settings cfg;
  for (auto& [name, enabled] : vs) {
    config::venue_settings v;
    v.venue = *exchange_from_string(name);
    v.name = name;
    v.enabled = enabled;
    cfg.venues.push_back(v);
  }
  return cfg;
}

const node::child_spec* find_child(const std::vector<node::child_spec>& cs,
                                   const std::string& name) {
  auto i = std::find_if(cs.begin(), cs.end(),
                        [&](const auto& c) { return c.name == name; });
  return i == cs.end() ? nullptr : &*i;
}

class derivatives_wiring_test : public actor_fixture {};

TEST_F(derivatives_wiring_test, NoServicesWithoutAPerpetualVenue) {
  app::deps d;
  auto cs = app::build_children(
    with_venues({{"upbit", true}, {"binance_usdm", false}}), d);
  EXPECT_EQ(find_child(cs, "funding"), nullptr);
  EXPECT_EQ(find_child(cs, "positions"), nullptr);
}

TEST_F(derivatives_wiring_test, ServicesAskOnlyThePerpetualVenues) {
  app::deps d;
  auto cs = app::build_children(
    with_venues({{"upbit", true}, {"okx_swap", true}}), d);
  auto funding = find_child(cs, "funding");
  auto positions = find_child(cs, "positions");
  ASSERT_NE(funding, nullptr);
  ASSERT_NE(positions, nullptr);
  auto spot = std::make_shared<venue_script>();
  auto perp = std::make_shared<venue_script>();
  {
    std::lock_guard<std::mutex> g{d.handles->mtx};
    d.handles->venues["upbit"] = sys.spawn(fake_perp_venue, spot);
    d.handles->venues["okx_swap"] = sys.spawn(fake_perp_venue, perp);
  }
  auto f = funding->spawn(sys);
  auto p = positions->spawn(sys);
  run();
  EXPECT_EQ(perp->funding_calls, 1);
  EXPECT_EQ(perp->settle_since.size(), 1u);
  EXPECT_EQ(perp->position_calls, 1);
  EXPECT_EQ(perp->listeners.size(), 1u); // the reconnect relay
  EXPECT_EQ(spot->funding_calls + spot->position_calls, 0);
  EXPECT_TRUE(spot->settle_since.empty());
  EXPECT_TRUE(spot->listeners.empty());
  {
    std::lock_guard<std::mutex> g{d.handles->mtx};
    EXPECT_EQ(caf::actor_cast<caf::actor>(d.handles->funding), f);
    EXPECT_EQ(caf::actor_cast<caf::actor>(d.handles->positions), p);
  }
  caf::anon_send_exit(f, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(p, caf::exit_reason::user_shutdown);
  run();
}

} // namespace
} // namespace karb::test
