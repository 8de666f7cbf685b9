#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/ws_client.hpp"

#include "net_helpers.hpp"
#include "test_server.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace karb;
using namespace karb::net;
using namespace karb::test;

namespace {

ws_config plain(const std::string& url) {
  ws_config c;
  c.url = url;
  c.connect_timeout = 3000ms;
  return c;
}

} // namespace

TEST(WsClient, QueuedMessagesAreEchoedInOrder) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(srv.url()), probe->handlers()};
  ws.connect();
  // Queued back to back, even before the upgrade completes.
  ws.send_text("m1");
  ws.send_text("m2");
  ws.send_text("m3");
  ASSERT_TRUE(probe->wait([&] { return probe->frames.size() == 3; }));
  std::lock_guard<std::mutex> g{probe->mtx};
  EXPECT_EQ(probe->opens, 1);
  EXPECT_EQ(probe->frames[0].data, "m1");
  EXPECT_EQ(probe->frames[1].data, "m2");
  EXPECT_EQ(probe->frames[2].data, "m3");
  EXPECT_GT(probe->frames[0].recv_ns, 0);
  EXPECT_LE(probe->frames[0].recv_ns, probe->frames[1].recv_ns);
  EXPECT_LE(probe->frames[1].recv_ns, probe->frames[2].recv_ns);
  EXPECT_TRUE(probe->errors.empty());
}

TEST(WsClient, ManyQueuedSendsNeverInterleave) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io{2};
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(srv.url()), probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  for (int i = 0; i < 200; ++i)
    ws.send_text(std::string(1000, 'a' + i % 26) + std::to_string(i));
  ASSERT_TRUE(probe->wait([&] { return probe->frames.size() == 200; }));
  std::lock_guard<std::mutex> g{probe->mtx};
  for (int i = 0; i < 200; ++i)
    EXPECT_EQ(probe->frames[i].data,
              std::string(1000, 'a' + i % 26) + std::to_string(i));
  EXPECT_EQ(ws.stats().frames_out, 200u);
}

TEST(WsClient, TextAndBinaryFramesKeepTheirType) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(srv.url()), probe->handlers()};
  ws.connect();
  const std::string bin("\x00\x01\xff", 3);
  ws.send_text("PING");
  ws.send_binary(bin);
  ASSERT_TRUE(probe->wait([&] { return probe->frames.size() == 2; }));
  std::lock_guard<std::mutex> g{probe->mtx};
  EXPECT_EQ(probe->frames[0].data, "PING");
  EXPECT_FALSE(probe->frames[0].binary);
  EXPECT_EQ(probe->frames[1].data, bin);
  EXPECT_TRUE(probe->frames[1].binary);
  auto seen = srv.log().requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].method, "TEXT");
  EXPECT_EQ(seen[2].method, "BINARY");
}

TEST(WsClient, UpgradeHeadersReachTheServer) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  auto cfg = plain(srv.url("/websocket/v1/private"));
  cfg.headers = {{"Authorization", "Bearer eyJ.jwt"}};
  ws_client ws{io, cfg, probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  ASSERT_TRUE(srv.log().wait_requests(1, 5s));
  auto up = srv.log().requests().at(0);
  EXPECT_EQ(up.method, "UPGRADE");
  EXPECT_EQ(up.target, "/websocket/v1/private");
  EXPECT_EQ(up.header("Authorization"), "Bearer eyJ.jwt");
  EXPECT_EQ(up.header("User-Agent"), "karb/0.1");
  EXPECT_EQ(up.header("Host"), "127.0.0.1:" + std::to_string(srv.port()));
}

TEST(WsClient, HeartbeatTimeoutWhenServerGoesSilent) {
  ws_test_server srv{ws_test_server::silent};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  auto cfg = plain(srv.url());
  cfg.ping_interval = 50ms;
  cfg.heartbeat_timeout = 300ms;
  ws_client ws{io, cfg, probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(probe->wait([&] { return !probe->closes.empty(); }, 5s));
  auto took = std::chrono::steady_clock::now() - t0;
  std::lock_guard<std::mutex> g{probe->mtx};
  ASSERT_EQ(probe->errors.size(), 1u);
  EXPECT_EQ(probe->errors[0].kind, error_kind::heartbeat)
    << probe->errors[0].message;
  EXPECT_EQ(probe->closes.size(), 1u);
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
  EXPECT_FALSE(ws.is_open());
  EXPECT_GE(ws.stats().pings, 1u);
}

TEST(WsClient, PingsKeepAnAnsweringPeerAlive) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  auto cfg = plain(srv.url());
  cfg.ping_interval = 30ms;
  cfg.heartbeat_timeout = 150ms;
  ws_client ws{io, cfg, probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  // Only pongs arrive; the deadline must pass without an error.
  EXPECT_FALSE(probe->wait([&] { return !probe->closes.empty(); }, 600ms));
  EXPECT_TRUE(ws.is_open());
  EXPECT_GE(ws.stats().pings, 5u);
}

TEST(WsClient, CleanCloseReportsNormal) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(srv.url()), probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  ws.send_text("last");
  ws.close();
  ASSERT_TRUE(probe->wait([&] { return !probe->closes.empty(); }));
  ASSERT_TRUE(srv.log().wait_requests(3, 5s));
  std::lock_guard<std::mutex> g{probe->mtx};
  EXPECT_TRUE(probe->errors.empty());
  EXPECT_EQ(probe->closes[0], "normal");
  auto seen = srv.log().requests();
  EXPECT_EQ(seen[1].body, "last"); // written before the close frame
  EXPECT_EQ(seen[2].method, "CLOSE");
}

TEST(WsClient, CloseBeforeOpenAbortsWithoutError) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(srv.url()), probe->handlers()};
  ws.connect();
  ws.close(); // reaches the strand while still resolving / connecting
  ASSERT_TRUE(probe->wait([&] { return !probe->closes.empty(); }));
  std::lock_guard<std::mutex> g{probe->mtx};
  EXPECT_EQ(probe->closes[0], "closed by owner");
  EXPECT_TRUE(probe->errors.empty());
  EXPECT_EQ(probe->opens, 0);
}

TEST(WsClient, RefusedConnectionReportsErrorThenClose) {
  std::string url;
  {
    ws_test_server gone{ws_test_server::echo};
    url = gone.url();
  }
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(url), probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return !probe->closes.empty(); }));
  ASSERT_EQ(probe->errors.size(), 1u);
  EXPECT_EQ(probe->errors[0].kind, error_kind::connect);
  EXPECT_EQ(probe->opens, 0);
}

TEST(WsClient, ReconnectOpensAFreshConnection) {
  ws_test_server srv{ws_test_server::echo};
  io_runner io;
  auto probe = std::make_shared<ws_probe>();
  ws_client ws{io, plain(srv.url()), probe->handlers()};
  ws.connect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 1; }));
  ws.reconnect();
  ASSERT_TRUE(probe->wait([&] { return probe->opens == 2; }));
  ws.send_text("again");
  ASSERT_TRUE(probe->wait([&] { return probe->frames.size() == 1; }));
  EXPECT_EQ(srv.log().accepts(), 2);
  std::lock_guard<std::mutex> g{probe->mtx};
  EXPECT_TRUE(probe->closes.empty()); // the old session was detached
}

TEST(WsClient, RejectsNonWebSocketUrls) {
  io_runner io;
  EXPECT_THROW((ws_client{io, plain("https://127.0.0.1/"), {}}),
               std::invalid_argument);
}
