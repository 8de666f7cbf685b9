// Loopback round-trip figures (printed, loosely asserted): the cost of the
// client stack itself, without any venue in the way.

#include "exchanges/common/http_client.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/self_signed.hpp"
#include "exchanges/common/tls_context.hpp"
#include "exchanges/common/ws_client.hpp"

#include "net_helpers.hpp"
#include "test_server.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

using namespace karb;
using namespace karb::net;
using namespace karb::test;

namespace {

constexpr int rounds = 300;

struct summary {
  double p50_us;
  double p99_us;
};

summary summarize(std::vector<int64_t> ns) {
  std::sort(ns.begin(), ns.end());
  auto at = [&](double q) {
    return static_cast<double>(ns[static_cast<size_t>(q * (ns.size() - 1))])
           / 1000.0;
  };
  return {at(0.5), at(0.99)};
}

void report(const char* what, const summary& s) {
  std::printf("[latency] %-34s p50 %8.1f us  p99 %8.1f us  (%d rounds)\n",
              what, s.p50_us, s.p99_us, rounds);
  ::testing::Test::RecordProperty(std::string(what) + " p50 us",
                                  std::to_string(s.p50_us));
}

void http_round_trips(const std::string& url,
                      std::shared_ptr<tls_context> ctx, const char* label) {
  io_runner io;
  http_client_config cfg;
  cfg.base_url = url;
  http_client c{io, cfg, std::move(ctx)};
  std::vector<int64_t> wire, total;
  for (int i = 0; i < rounds; ++i) {
    auto r = send_wait(c, get("/v1/orderbook?markets=KRW-BTC"));
    ASSERT_TRUE(r && r->ok()) << (r ? r->error.message : "no result");
    auto done = steady_ns();
    wire.push_back(r->timing.received_ns - r->timing.sent_ns);
    total.push_back(done - r->timing.queued_ns);
  }
  EXPECT_EQ(c.stats().connects, 1u);
  auto w = summarize(wire);
  report((std::string(label) + " written->read").c_str(), w);
  report((std::string(label) + " send->callback seen").c_str(),
         summarize(total));
  EXPECT_LT(w.p50_us, 50'000.0); // loose: the machine is shared
}

http_action small_book(const seen_request&) {
  http_action a;
  a.body = std::string(2000, 'x'); // about one 15-level orderbook
  return a;
}

} // namespace

TEST(Latency, HttpKeepAliveLoopback) {
  http_test_server srv{small_book};
  http_round_trips(srv.url(), nullptr, "http");
}

TEST(Latency, HttpsKeepAliveLoopback) {
  auto pems = tls::make_self_signed({"localhost"}, {"127.0.0.1"});
  temp_file ca{"ca.pem", pems.cert_pem};
  http_test_server srv{small_book, pems};
  http_round_trips(srv.url(), make_tls_context({ca.path()}), "https");
}

TEST(Latency, WebSocketEchoLoopback) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_config cfg;
  cfg.url = srv.url();
  ws_client ws{io, cfg, probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  std::vector<int64_t> rtt;
  for (int i = 0; i < rounds; ++i) {
    auto t0 = steady_ns();
    ws.send_text(std::string(200, 'o'));
    ASSERT_TRUE(probe->wait(
      [&] { return probe->frames.size() == static_cast<size_t>(i + 1); }));
    std::lock_guard<std::mutex> g{probe->mtx};
    rtt.push_back(probe->frames.back().recv_ns - t0);
  }
  auto s = summarize(rtt);
  report("ws send->echo received", s);
  EXPECT_LT(s.p50_us, 50'000.0);
}
