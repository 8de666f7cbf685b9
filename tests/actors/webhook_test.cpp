// The webhook transport posts alert JSON to a local receiver over a real
// socket.

#include "actors/alerts/webhook.hpp"

#include <chrono>
#include <mutex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/common/io_runner.hpp"
#include "tests/support/webhook_receiver.hpp"

using karb::test::webhook_receiver;

TEST(Webhook, PostsEachAlertAsJson) {
  webhook_receiver rx;
  karb::net::io_runner io{1};
  auto sink = karb::alerts::make_webhook_sink(
    io, "http://127.0.0.1:" + std::to_string(rx.port) + "/hooks/karb",
    "karb-test");
  sink({"venue_disconnected:upbit", "venue_disconnected", "critical",
        "firing", "upbit disconnected for over 60 s", 0});
  sink({"venue_disconnected:upbit", "venue_disconnected", "critical",
        "resolved", "upbit reconnected", 0});
  ASSERT_TRUE(rx.wait_for(2, std::chrono::seconds{5}));
  std::lock_guard<std::mutex> g{rx.mtx};
  EXPECT_EQ(rx.request_lines[0], "POST /hooks/karb HTTP/1.1");
  auto first = nlohmann::json::parse(rx.bodies[0]);
  EXPECT_EQ(first["node"], "karb-test");
  EXPECT_EQ(first["rule"], "venue_disconnected");
  EXPECT_EQ(first["state"], "firing");
  EXPECT_EQ(nlohmann::json::parse(rx.bodies[1])["state"], "resolved");
}

TEST(Webhook, BadUrlIsRefusedAtOnce) {
  karb::net::io_runner io{1};
  EXPECT_THROW(karb::alerts::make_webhook_sink(io, "ftp://x", "n"),
               std::invalid_argument);
}
