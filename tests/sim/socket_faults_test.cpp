// The reply faults over real sockets: what a client sees (proxy pages, cut
// bodies, TCP resets, 418 + Retry-After, refused cancels, slow lookups) and
// whether the venue processed the request behind it (GET /state, signed
// lookups); orders injected as if another client had sent them; chaos.

#include <gtest/gtest.h>

#include <thread>

#include "live_sim.hpp"
#include "sim_test_client.hpp"
#include "socket_client.hpp"

using namespace simtest;
using namespace simtest::net;
using karb::sim::now_ms;

namespace {

nlohmann::json admin_fault(live& l, const std::string& json) {
  auto r = http_call(l.admin(), "POST", "/fault", json);
  EXPECT_EQ(r.status, 200) << json << " -> " << r.body;
  return nlohmann::json::parse(r.body, nullptr, false);
}

nlohmann::json venue_state(live& l, const char* venue) {
  auto r = http_call(l.admin(), "GET", "/state");
  return nlohmann::json::parse(r.body)["venues"][venue];
}

/// The order with this identifier in GET /state, or null.
nlohmann::json state_order(live& l, const char* venue, const std::string& id) {
  auto v = venue_state(l, venue);
  for (auto& o : v["orders"])
    if (o["identifier"] == id)
      return o;
  return nullptr;
}

std::string upbit_bid(const std::string& identifier) {
  return R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit","identifier":")"
         + identifier + R"("})";
}

std::string bithumb_bid(const std::string& client_id) {
  return R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","order_type":"limit","client_order_id":")"
         + client_id + R"("})";
}

/// Signed calls for one venue of a live simulator.
struct client {
  live& l;
  size_t venue;
  signer s;

  client(live& l_, size_t v)
    : l(l_), venue(v), s(v == 0 ? upbit_dev() : bithumb_dev()) {}

  http_result place(const std::string& id) {
    auto body = venue == 0 ? upbit_bid(id) : bithumb_bid(id);
    return http_call(l.port(venue), "POST", venue == 0 ? "/v1/orders" : "/v2/orders",
                     body, s.bearer(body_query(body), now_ms()));
  }
  http_result call(const std::string& method, const std::string& target) {
    auto q = target.find('?');
    auto query = q == std::string::npos ? "" : target.substr(q + 1);
    return http_call(l.port(venue), method, target, "", s.bearer(query, now_ms()));
  }
  std::string by_id(const std::string& id) const {
    return venue == 0 ? "/v1/order?identifier=" + id
                      : "/v2/order?client_order_id=" + id;
  }
  http_result lookup(const std::string& id) { return call("GET", by_id(id)); }
  http_result cancel(const std::string& id) { return call("DELETE", by_id(id)); }
  /// The order's state by a signed lookup ("" when not found).
  std::string state_of(const std::string& id) {
    auto r = lookup(id);
    if (r.status != 200)
      return "";
    return nlohmann::json::parse(r.body)["state"].get<std::string>();
  }
};

std::string error_name(const http_result& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? "" : j["error"]["name"].get<std::string>();
}

} // namespace

TEST(SocketFaults, GatewayErrorAfterPlaceKeepsTheOrder) {
  live l;
  admin_fault(l, R"({"venue":"upbit","fault":"gateway_error"})");
  client up{l, 0};
  auto r = up.place("G1");
  ASSERT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(r.header("Content-Type"), "text/html");
  EXPECT_EQ(r.body,
            "<html><head><title>502 Bad Gateway</title></head><body><center>"
            "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
            "</body></html>");
  EXPECT_EQ(r.remaining_req, ""); // not the venue's reply
  auto o = state_order(l, "upbit", "G1");
  ASSERT_FALSE(o.is_null()) << "the order behind the 502 was placed";
  EXPECT_EQ(o["state"], "wait");
  EXPECT_EQ(up.state_of("G1"), "wait");
  EXPECT_EQ(venue_state(l, "upbit")["faults"]["gateway_errors"]["count"], 0);
  EXPECT_EQ(up.place("G2").status, 201); // count 1: used up
}

TEST(SocketFaults, GatewayErrorBeforeLeavesNoOrder) {
  live l;
  admin_fault(l, R"({"venue":"bithumb","fault":"gateway_error","status":504,"when":"before","scope":"order"})");
  client bt{l, 1};
  auto r = bt.place("G3");
  EXPECT_EQ(r.status, 504);
  EXPECT_EQ(r.header("Content-Type"), "text/html");
  EXPECT_NE(r.body.find("<h1>504 Gateway Time-out</h1>"), std::string::npos);
  EXPECT_TRUE(venue_state(l, "bithumb")["orders"].empty());
  auto lookup = bt.lookup("G3");
  EXPECT_EQ(lookup.status, 404);
  EXPECT_EQ(error_name(lookup), "order_not_found");
}

TEST(SocketFaults, GatewayErrorOnCancelBeforeOrAfter) {
  live l;
  client up{l, 0};
  ASSERT_EQ(up.place("C1").status, 201);
  admin_fault(l, R"({"venue":"upbit","fault":"gateway_error","status":503,"scope":"cancel","when":"before"})");
  EXPECT_EQ(up.cancel("C1").status, 503);
  EXPECT_EQ(up.state_of("C1"), "wait"); // not processed
  admin_fault(l, R"({"venue":"upbit","fault":"gateway_error","status":503,"scope":"cancel"})");
  auto r = up.cancel("C1");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("503 Service Temporarily Unavailable"), std::string::npos);
  EXPECT_EQ(up.state_of("C1"), "cancel"); // processed behind the 503
}

TEST(SocketFaults, TruncatedReplyOfAPlacedOrder) {
  live l;
  admin_fault(l, R"({"venue":"upbit","fault":"truncate_reply"})");
  client up{l, 0};
  auto r = up.place("T1");
  ASSERT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.header("Content-Length"), std::to_string(r.body.size()));
  EXPECT_TRUE(nlohmann::json::parse(r.body, nullptr, false).is_discarded());
  auto o = state_order(l, "upbit", "T1");
  ASSERT_FALSE(o.is_null());
  auto uuid = o["uuid"].get<std::string>();
  EXPECT_EQ(r.body.rfind(R"({"uuid":")" + uuid, 0), 0u) << r.body;
  auto lookup = up.lookup("T1");
  EXPECT_EQ(lookup.status, 200);
  auto whole = lookup.body.size();
  EXPECT_LT(r.body.size(), whole); // about half of the POST reply
}

TEST(SocketFaults, ResetAfterAcceptGivesEconnresetAndKeepsTheOrder) {
  temp_log log;
  live l(false, log.path.string());
  admin_fault(l, R"({"venue":"bithumb","fault":"reset_after_accept"})");
  client bt{l, 1};
  auto r = bt.place("R1");
  EXPECT_EQ(r.ec, asio::error::connection_reset) << r.ec.message();
  auto o = state_order(l, "bithumb", "R1");
  ASSERT_FALSE(o.is_null());
  EXPECT_EQ(bt.state_of("R1"), "wait");
  auto lines = log.lines();
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0]["path"], "/v2/orders");
  EXPECT_EQ(lines[0]["fault"], "reset_after_accept");
  EXPECT_EQ(lines[0]["status"], 0);
  EXPECT_EQ(lines[0]["reset"], true);
  EXPECT_FALSE(lines[1].contains("fault"));
}

TEST(SocketFaults, BanRefusesEveryRequestUntilItEnds) {
  live l;
  client up{l, 0};
  ASSERT_EQ(up.place("B1").status, 201);
  auto t0 = std::chrono::steady_clock::now();
  admin_fault(l, R"({"venue":"upbit","fault":"ban","seconds":1})");
  auto pub = http_call(l.port(0), "GET", "/v1/market/all");
  EXPECT_EQ(pub.status, 418);
  EXPECT_EQ(pub.header("Retry-After"), "1");
  EXPECT_EQ(error_name(pub), "blocked");
  auto lookup = up.lookup("B1");
  EXPECT_EQ(lookup.status, 418);
  EXPECT_EQ(lookup.header("Retry-After"), "1");
  EXPECT_EQ(up.place("B2").status, 418);
  EXPECT_EQ(up.cancel("B1").status, 418);
  EXPECT_EQ(http_call(l.port(1), "GET", "/v1/market/all").status, 200);
  plain_ws ws;
  EXPECT_EQ(ws.connect(l.port(0), "/websocket/v1"),
            websocket::error::upgrade_declined);
  // The ban's end is a point in time: poll for it.
  int status = 418;
  while (status == 418 && std::chrono::steady_clock::now() - t0 < 5s) {
    std::this_thread::sleep_for(50ms);
    status = http_call(l.port(0), "GET", "/v1/market/all").status;
  }
  EXPECT_EQ(status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 950ms);
  EXPECT_EQ(up.state_of("B1"), "wait");
  EXPECT_TRUE(state_order(l, "upbit", "B2").is_null()); // refused while banned
  EXPECT_EQ(up.place("B2").status, 201);
}

TEST(SocketFaults, Http429CarriesTheGivenRetryAfter) {
  live l;
  admin_fault(l, R"({"venue":"upbit","fault":"http_429","retry_after":5})");
  auto r = http_call(l.port(0), "GET", "/v1/ticker?markets=KRW-BTC");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("Retry-After"), "5");
  EXPECT_EQ(error_name(r), "too_many_requests");
}

TEST(SocketFaults, CancelFailRefusesNCancelsThenCancels) {
  live l;
  client bt{l, 1};
  ASSERT_EQ(bt.place("K1").status, 201);
  admin_fault(l, R"({"venue":"bithumb","fault":"cancel_fail","count":2})");
  for (int i = 0; i < 2; ++i) {
    auto r = bt.cancel("K1");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(error_name(r), "server_error");
    EXPECT_EQ(bt.state_of("K1"), "wait");
  }
  EXPECT_EQ(venue_state(l, "bithumb")["faults"]["cancel_fails"], 0);
  EXPECT_EQ(bt.cancel("K1").status, 200);
  EXPECT_EQ(bt.state_of("K1"), "cancel");
}

TEST(SocketFaults, SlowLookupDelaysOnlyOrderLookups) {
  temp_log log;
  live l(false, log.path.string());
  client up{l, 0};
  admin_fault(l, R"({"venue":"upbit","fault":"slow_lookup","ms":300})");
  ASSERT_EQ(up.place("L1").status, 201);
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(up.lookup("L1").status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 300ms);
  EXPECT_EQ(up.call("GET", "/v1/accounts").status, 200);
  EXPECT_EQ(up.lookup("L1").status, 200); // no count: every lookup
  auto lines = log.lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["delay_ms"], 0); // the POST
  EXPECT_EQ(lines[1]["delay_ms"], 300);
  EXPECT_EQ(lines[1]["fault"], "slow_lookup");
  EXPECT_EQ(lines[2]["delay_ms"], 0); // /v1/accounts
  EXPECT_EQ(lines[3]["delay_ms"], 300);
}

TEST(SocketFaults, InjectedOrderShowsInOpenOrdersStateAndMyOrder) {
  live l;
  client up{l, 0};
  plain_ws ws;
  ASSERT_FALSE(ws.connect(l.port(0), "/websocket/v1/private",
                          up.s.bearer("", now_ms())));
  ASSERT_TRUE(ws.send(R"([{"ticket":"i"},{"type":"myOrder"}])"));
  auto reply = admin_fault(l, R"({"venue":"upbit","fault":"inject_order","side":"bid","price":"10000000","volume":"0.001","identifier":"karb-ghost-1"})");
  ASSERT_EQ(reply["ok"], true);
  auto uuid = reply["uuid"].get<std::string>();
  auto open = up.call("GET", "/v1/orders/open?market=KRW-BTC");
  ASSERT_EQ(open.status, 200) << open.body;
  bool listed = false;
  for (auto& o : nlohmann::json::parse(open.body))
    if (o["uuid"] == uuid) {
      listed = true;
      EXPECT_EQ(o["identifier"], "karb-ghost-1");
      EXPECT_EQ(o["state"], "wait");
    }
  EXPECT_TRUE(listed);
  auto o = state_order(l, "upbit", "karb-ghost-1");
  ASSERT_FALSE(o.is_null());
  EXPECT_EQ(o["uuid"], uuid);
  EXPECT_EQ(o["account"], "karb-dev-upbit-access");
  bool streamed = false;
  for (int i = 0; i < 10 && !streamed; ++i) {
    auto f = ws.read();
    ASSERT_TRUE(f) << ws.last_error().message();
    auto j = nlohmann::json::parse(*f);
    streamed = j["type"] == "myOrder" && j["uuid"] == uuid;
  }
  EXPECT_TRUE(streamed);
}

TEST(SocketFaults, InjectedForeignOrderFillsByNormalMatching) {
  live l;
  client bt{l, 1};
  // No identifier: a "foreign" order. An ask far below the bids fills now.
  auto reply = admin_fault(l, R"({"venue":"bithumb","fault":"inject_order","side":"ask","price":"90000000","volume":"0.001"})");
  auto uuid = reply["uuid"].get<std::string>();
  auto closed = bt.call("GET", "/v1/orders/closed?market=KRW-BTC");
  ASSERT_EQ(closed.status, 200) << closed.body;
  bool found = false;
  for (auto& o : nlohmann::json::parse(closed.body))
    if (o["uuid"] == uuid) {
      found = true;
      EXPECT_EQ(o["state"], "done");
      EXPECT_FALSE(o.contains("identifier")); // none given
    }
  EXPECT_TRUE(found);
  auto bad = http_call(l.admin(), "POST", "/fault",
                       R"({"venue":"bithumb","fault":"inject_order","side":"bid"})");
  EXPECT_EQ(bad.status, 400);
}

namespace {

/// What a client saw of one reply, as a short label.
std::string seen(const http_result& r) {
  if (r.ec == asio::error::connection_reset)
    return "reset";
  if (r.ec)
    return "error:" + r.ec.message();
  if (r.header("Content-Type") == "text/html")
    return "html" + std::to_string(r.status);
  if (nlohmann::json::parse(r.body, nullptr, false).is_discarded())
    return "cut" + std::to_string(r.status);
  return std::to_string(r.status);
}

struct chaos_run {
  std::vector<std::string> client;  ///< seen() of each order request
  std::vector<std::string> logged;  ///< the log's "fault" of each line
  nlohmann::json injected;
};

/// Six placements, each followed by a lookup and a public call, under
/// chaos on Upbit with the given share and seed.
chaos_run run_chaos(double share, int seed) {
  temp_log log;
  chaos_run out;
  {
    live l(false, log.path.string(), false);
    admin_fault(l, nlohmann::json{{"venue", "upbit"}, {"fault", "chaos"},
                                  {"share", share}, {"seed", seed}}
                     .dump());
    client up{l, 0};
    for (int i = 0; i < 6; ++i) {
      auto id = "X" + std::to_string(i);
      out.client.push_back(seen(up.place(id)));
      out.client.push_back(seen(up.lookup(id)));
      EXPECT_EQ(http_call(l.port(0), "GET", "/v1/ticker?markets=KRW-BTC").status,
                200);
    }
    out.injected = venue_state(l, "upbit")["faults"]["chaos_injected"];
  }
  for (auto& line : log.lines())
    out.logged.push_back(line.value("fault", std::string{"-"}));
  return out;
}

} // namespace

TEST(SocketFaults, ChaosShareOneFaultsEveryOrderRequest) {
  auto run = run_chaos(1.0, 5);
  ASSERT_EQ(run.logged.size(), 18u);
  int total = 0;
  for (auto& [kind, n] : run.injected.items())
    total += n.get<int>();
  EXPECT_EQ(total, 12);
  for (size_t i = 0; i < run.logged.size(); ++i) {
    if (i % 3 == 2) {
      EXPECT_EQ(run.logged[i], "-") << "public call " << i; // out of scope
      continue;
    }
    EXPECT_NE(run.logged[i], "-") << "order request " << i;
  }
  // What the client saw matches what the log says was injected.
  for (size_t k = 0; k < run.client.size(); ++k) {
    auto& fault = run.logged[k / 2 * 3 + k % 2];
    auto& saw = run.client[k];
    if (fault == "reset_after_accept")
      EXPECT_EQ(saw, "reset");
    else if (fault.starts_with("gateway_error"))
      EXPECT_TRUE(saw.starts_with("html50")) << saw;
    else if (fault == "truncate_reply")
      EXPECT_TRUE(saw.starts_with("cut")) << saw;
    else
      EXPECT_EQ(fault, "slow") << saw;
  }
}

TEST(SocketFaults, ChaosWithAFixedSeedRepeatsItsSequence) {
  auto a = run_chaos(0.5, 42);
  auto b = run_chaos(0.5, 42);
  EXPECT_EQ(a.client, b.client);
  EXPECT_EQ(a.logged, b.logged);
  EXPECT_EQ(a.injected, b.injected);
  auto faulted = std::count_if(a.logged.begin(), a.logged.end(),
                               [](auto& s) { return s != "-"; });
  EXPECT_GT(faulted, 0);
  EXPECT_LT(faulted, 12);
}

TEST(SocketFaults, ChaosShareZeroInjectsNothing) {
  auto run = run_chaos(0.0, 5);
  EXPECT_TRUE(run.injected.empty()) << run.injected;
  for (auto& f : run.logged)
    EXPECT_EQ(f, "-");
  for (size_t k = 0; k < run.client.size(); ++k)
    EXPECT_EQ(run.client[k], k % 2 == 0 ? "201" : "200");
}
