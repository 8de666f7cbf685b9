// Alerts end to end: the node's webhook reaches a local receiver when
// karb-sim cuts a venue (its WebSockets dropped and refused) for longer
// than the configured threshold, once, and again as "resolved" when the
// venue is back.

#include <gtest/gtest.h>

#include "tests/support/webhook_receiver.hpp"
#include "tests/trading/harness.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

// The receiver's bodies whose rule is `rule` (all of them parsed).
std::vector<json> posts_of(webhook_receiver& rx, const std::string& rule) {
  std::lock_guard<std::mutex> g{rx.mtx};
  std::vector<json> out;
  for (auto& b : rx.bodies) {
    auto j = json::parse(b, nullptr, false);
    if (j.is_object() && j.value("rule", "") == rule)
      out.push_back(std::move(j));
  }
  return out;
}

std::string all_posts(webhook_receiver& rx) {
  std::lock_guard<std::mutex> g{rx.mtx};
  std::string out;
  for (auto& b : rx.bodies)
    out += b + "\n";
  return out;
}

TEST(Alerts, CutVenueAlertsTheWebhookOnceThenResolves) {
  webhook_receiver rx;
  trading_env env{"alert"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.alerts["webhook_url"] =
    "\"http://127.0.0.1:" + std::to_string(rx.port) + "/hooks/karb\"";
  // One second: the venue's reconnect backoff (0.5 s, doubling) must not
  // reach its 5-failure breaker before the test restores the venue.
  env.cfg.alerts["venue_disconnected_s"] = "1";
  env.start_node();
  ASSERT_TRUE(env.wait_books(15s))
    << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "bithumb"},
                                      {"fault", "cut_ws"}}));
  ASSERT_TRUE(wait_until(
    [&] { return !posts_of(rx, "venue_disconnected").empty(); }, 15s,
    20ms))
    << all_posts(rx);
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "bithumb"},
                                      {"fault", "clear"}}));
  auto firing = posts_of(rx, "venue_disconnected");
  ASSERT_EQ(firing.size(), 1u) << all_posts(rx);
  EXPECT_EQ(firing[0]["state"], "firing");
  EXPECT_EQ(firing[0]["key"], "venue_disconnected:bithumb");
  EXPECT_EQ(firing[0]["node"], "karb-e2e");
  EXPECT_NE(firing[0].value("message", "").find("bithumb"),
            std::string::npos)
    << firing[0].dump();
  // Back: the engine sends the same alert once more as resolved.
  ASSERT_TRUE(wait_until(
    [&] { return posts_of(rx, "venue_disconnected").size() >= 2; }, 20s))
    << all_posts(rx) << env.dump();
  auto both = posts_of(rx, "venue_disconnected");
  ASSERT_EQ(both.size(), 2u) << all_posts(rx);
  EXPECT_EQ(both[1]["state"], "resolved");
  EXPECT_EQ(both[1]["key"], "venue_disconnected:bithumb");
  {
    std::lock_guard<std::mutex> g{rx.mtx};
    for (auto& line : rx.request_lines)
      EXPECT_EQ(line, "POST /hooks/karb HTTP/1.1");
  }
  EXPECT_EQ(env.stop_node(), 0);
}

} // namespace
} // namespace karb::test
