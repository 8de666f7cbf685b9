#include "exchanges/common/http_client.hpp"
#include "exchanges/common/io_runner.hpp"

#include "net_helpers.hpp"
#include "test_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

using namespace karb;
using namespace karb::net;
using namespace karb::test;

namespace {

http_action echo(const seen_request& r) {
  http_action a;
  a.body = r.method + " " + r.target + " " + r.body;
  a.headers = {{"Remaining-Req", "group=default; min=1800; sec=29"}};
  return a;
}

http_client_config config_for(const std::string& url) {
  http_client_config c;
  c.base_url = url;
  c.request_timeout = 2000ms;
  c.retry.base = 5ms; // fast retries in tests
  c.retry.cap = 20ms;
  return c;
}

} // namespace

TEST(HttpClient, GetAndPostShareOneKeptAliveConnection) {
  http_test_server srv{echo};
  io_runner io;
  http_client c{io, config_for(srv.url())};
  auto g = send_wait(c, get("/v1/ticker?markets=KRW-BTC"));
  ASSERT_TRUE(g && g->ok()) << (g ? g->error.message : "no result");
  EXPECT_EQ(g->response.status, 200);
  EXPECT_EQ(g->response.body, "GET /v1/ticker?markets=KRW-BTC ");
  EXPECT_EQ(g->response.get("remaining-req"),
            "group=default; min=1800; sec=29");
  EXPECT_FALSE(g->reused_connection);
  EXPECT_EQ(g->attempts, 1);
  auto req = post("/v1/orders", R"({"market":"KRW-BTC"})");
  req.headers.push_back({"Authorization", "Bearer t0k"});
  auto p = send_wait(c, req);
  ASSERT_TRUE(p && p->ok()) << (p ? p->error.message : "no result");
  EXPECT_EQ(p->response.body, R"(POST /v1/orders {"market":"KRW-BTC"})");
  EXPECT_TRUE(p->reused_connection);
  EXPECT_EQ(srv.log().accepts(), 1);
  EXPECT_EQ(c.stats().connects, 1u);
  auto seen = srv.log().requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].header("Content-Type"), "application/json");
  EXPECT_EQ(seen[1].header("Authorization"), "Bearer t0k");
  EXPECT_EQ(seen[1].header("Host"),
            "127.0.0.1:" + std::to_string(srv.port()));
  EXPECT_EQ(seen[1].header("User-Agent"), "karb/0.1");
  EXPECT_EQ(seen[0].header("Accept"), "application/json");
  EXPECT_EQ(seen[0].header("Content-Type"), "");
  // Timing stamps are ordered.
  EXPECT_GT(p->timing.sent_ns, 0);
  EXPECT_GE(p->timing.sent_ns, p->timing.queued_ns);
  EXPECT_GE(p->timing.received_ns, p->timing.sent_ns);
}

TEST(HttpClient, QueuedRequestsAreSentOneAtATimeInOrder) {
  http_test_server srv{echo};
  io_runner io;
  http_client c{io, config_for(srv.url())};
  std::mutex m;
  std::vector<std::string> order;
  std::promise<void> done;
  for (int i = 0; i < 5; ++i)
    c.async_send(get("/r" + std::to_string(i)), [&, i](http_result r) {
      std::lock_guard<std::mutex> g{m};
      order.push_back(r.ok() ? r.response.body : r.error.message);
      if (i == 4)
        done.set_value();
    });
  ASSERT_EQ(done.get_future().wait_for(10s), std::future_status::ready);
  std::lock_guard<std::mutex> g{m};
  ASSERT_EQ(order.size(), 5u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(order[i], "GET /r" + std::to_string(i) + " ");
  EXPECT_EQ(srv.log().accepts(), 1);
}

TEST(HttpClient, GetTimesOutWhenServerStalls) {
  http_test_server srv{[](const seen_request&) {
    return http_action::of(http_action::stall);
  }};
  io_runner io;
  auto cfg = config_for(srv.url());
  cfg.request_timeout = 200ms;
  cfg.retry.max_attempts = 1;
  http_client c{io, cfg};
  auto t0 = std::chrono::steady_clock::now();
  auto r = send_wait(c, get("/slow"));
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error.kind, error_kind::timeout) << r->error.message;
  EXPECT_GE(took, 190ms);
  EXPECT_LT(took, 2s);
}

TEST(HttpClient, PostTimeoutIsMaybeSentAndNotRetried) {
  http_test_server srv{[](const seen_request&) {
    return http_action::of(http_action::stall);
  }};
  io_runner io;
  auto cfg = config_for(srv.url());
  cfg.request_timeout = 200ms;
  http_client c{io, cfg};
  auto r = send_wait(c, post("/v1/orders", R"({"identifier":"c1"})"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error.kind, error_kind::maybe_sent) << r->error.message;
  EXPECT_NE(r->error.message.find("timeout"), std::string::npos);
  EXPECT_EQ(r->attempts, 1);
  EXPECT_EQ(srv.log().requests().size(), 1u);
}

TEST(HttpClient, ReconnectsTransparentlyAfterServerClosedIdleConnection) {
  http_test_server srv{[](const seen_request& r) {
    auto a = echo(r);
    a.close_after = true; // no "Connection: close" race: peer just closes
    return a;
  }};
  io_runner io;
  http_client c{io, config_for(srv.url())};
  for (int i = 0; i < 3; ++i) {
    auto r = send_wait(c, get("/x"));
    ASSERT_TRUE(r && r->ok()) << (r ? r->error.message : "no result");
    EXPECT_EQ(r->response.body, "GET /x ");
  }
  EXPECT_EQ(srv.log().accepts(), 3);
  EXPECT_EQ(srv.log().requests().size(), 3u);
}

TEST(HttpClient, IdempotentGetIsRetriedWhenConnectionDiesMidRequest) {
  std::atomic<int> n{0};
  http_test_server srv{[&](const seen_request& r) {
    if (n++ == 0)
      return http_action::of(http_action::close_without_reply);
    return echo(r);
  }};
  io_runner io;
  http_client c{io, config_for(srv.url())};
  auto r = send_wait(c, get("/v1/orderbook"));
  ASSERT_TRUE(r && r->ok()) << (r ? r->error.message : "no result");
  EXPECT_EQ(r->attempts, 2);
  EXPECT_EQ(srv.log().requests().size(), 2u);
  EXPECT_EQ(srv.log().accepts(), 2);
  EXPECT_EQ(c.stats().retries, 1u);
}

TEST(HttpClient, PostWhoseConnectionDiesAfterSendIsMaybeSentNotRetried) {
  http_test_server srv{[](const seen_request&) {
    return http_action::of(http_action::close_without_reply);
  }};
  io_runner io;
  http_client c{io, config_for(srv.url())};
  auto r = send_wait(c, post("/v1/orders", R"({"identifier":"c2"})"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->error.kind, error_kind::maybe_sent) << r->error.message;
  EXPECT_EQ(r->attempts, 1);
  EXPECT_EQ(c.stats().retries, 0u);
  auto seen = srv.log().requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
}

TEST(HttpClient, ConnectionRefusedIsAConnectErrorNotMaybeSent) {
  std::string url;
  {
    http_test_server gone{echo};
    url = gone.url();
  } // the port is closed now
  io_runner io;
  http_client c{io, config_for(url)};
  auto p = send_wait(c, post("/v1/orders", "{}"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->error.kind, error_kind::connect) << p->error.message;
  EXPECT_EQ(p->attempts, 1);
  auto g = send_wait(c, get("/v1/ticker"));
  ASSERT_TRUE(g);
  EXPECT_EQ(g->error.kind, error_kind::connect);
  EXPECT_EQ(g->attempts, 3); // retried, at most 3 tries
}

TEST(HttpClient, CloseCancelsQueuedRequests) {
  http_test_server srv{[](const seen_request&) {
    return http_action::of(http_action::stall);
  }};
  io_runner io;
  http_client c{io, config_for(srv.url())};
  auto p1 = std::make_shared<std::promise<http_result>>();
  auto p2 = std::make_shared<std::promise<http_result>>();
  c.async_send(get("/a"), [p1](http_result r) { p1->set_value(r); });
  c.async_send(get("/b"), [p2](http_result r) { p2->set_value(r); });
  ASSERT_TRUE(srv.log().wait_requests(1, 5s));
  c.close();
  auto f1 = p1->get_future();
  auto f2 = p2->get_future();
  ASSERT_EQ(f1.wait_for(5s), std::future_status::ready);
  ASSERT_EQ(f2.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(f1.get().error.kind, error_kind::cancelled);
  EXPECT_EQ(f2.get().error.kind, error_kind::cancelled);
}

TEST(HttpClient, RejectsNonHttpUrls) {
  io_runner io;
  http_client_config cfg;
  cfg.base_url = "wss://127.0.0.1:1/x";
  EXPECT_THROW((http_client{io, cfg}), std::invalid_argument);
  cfg.base_url = "ftp://127.0.0.1/";
  EXPECT_THROW((http_client{io, cfg}), std::invalid_argument);
}
