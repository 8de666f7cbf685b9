#include "exchanges/common/http_pool.hpp"
#include "exchanges/common/io_runner.hpp"

#include "net_helpers.hpp"
#include "test_server.hpp"

#include <gtest/gtest.h>

#include <atomic>

using namespace karb;
using namespace karb::net;
using namespace karb::test;

TEST(HttpPool, SpreadsConcurrentRequestsOverConnections) {
  // The first two requests stall, so a third must use a third connection.
  std::atomic<int> n{0};
  http_test_server srv{[&](const seen_request&) {
    return http_action::of(n++ < 2 ? http_action::stall
                                   : http_action::respond);
  }};
  io_runner io;
  http_client_config cfg;
  cfg.base_url = srv.url();
  cfg.request_timeout = 5000ms;
  http_pool pool{io, cfg, 3};
  pool.async_send(get("/stall1"), nullptr);
  pool.async_send(get("/stall2"), nullptr);
  ASSERT_TRUE(srv.log().wait_requests(2, 5s));
  auto p = std::make_shared<std::promise<http_result>>();
  pool.async_send(get("/ok"), [p](http_result r) { p->set_value(r); });
  auto f = p->get_future();
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ(srv.log().accepts(), 3);
  EXPECT_EQ(pool.outstanding(0), 1);
  EXPECT_EQ(pool.outstanding(1), 1);
  pool.close();
}

TEST(HttpPool, SequentialRequestsReuseTheFirstConnection) {
  http_test_server srv{[](const seen_request&) { return http_action{}; }};
  io_runner io;
  http_client_config cfg;
  cfg.base_url = srv.url();
  http_pool pool{io, cfg, 2};
  for (int i = 0; i < 3; ++i) {
    auto p = std::make_shared<std::promise<http_result>>();
    pool.async_send(get("/x"), [p](http_result r) { p->set_value(r); });
    auto f = p->get_future();
    ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
    ASSERT_TRUE(f.get().ok());
  }
  EXPECT_EQ(srv.log().accepts(), 1);
  EXPECT_EQ(pool.stats().connects, 1u);
}
