// The venue supervisor and its feed / private / rest children in virtual
// time, over a fake network (no sockets): subscriptions, reconnects with
// backoff, staleness, the circuit breaker, events, and order placement
// that is never resent.

#include "actors/venue/venue.hpp"

#include <optional>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/metrics/registry.hpp"
#include "tests/actors/venue_fixture.hpp"

using namespace karb;
using namespace karb::venue;
using namespace std::chrono_literals;
using karb::test::rest_fixture;
using karb::test::venue_fixture;
using karb::test::book_frame;
using karb::test::order_frame;
using karb::test::order_json;

namespace {

/// karb_venue_items_rejected_total{venue,list}.
double rejected_items(const std::string& venue, const std::string& list) {
  return metrics::global()
    .get_counter("karb_venue_items_rejected_total", "",
                 {{"venue", venue}, {"list", list}})
    .value();
}

} // namespace

TEST_F(venue_fixture, SubscriptionIsSentOnceConnectedAndBooksReachTheBook) {
  auto v = start();
  ASSERT_EQ(net->ws.size(), 1u);
  EXPECT_TRUE(net->ws[0].connected);
  EXPECT_EQ(net->ws[0].cfg.url, "ws://127.0.0.1:1/websocket/v1");
  caf::anon_send(v, atom::subscribe_v, btc, probe());
  run();
  EXPECT_TRUE(net->ws[0].sent.empty()); // not open yet
  open(0);
  ASSERT_EQ(net->ws[0].sent.size(), 1u);
  EXPECT_NE(net->ws[0].sent[0].find(R"("type":"orderbook")"),
            std::string::npos);
  EXPECT_NE(net->ws[0].sent[0].find("KRW-BTC"), std::string::npos);
  frame(0, book_frame, 4242);
  ASSERT_EQ(books->size(), 1u);
  EXPECT_EQ((*books)[0].symbol.venue_symbol, "KRW-BTC");
  EXPECT_EQ((*books)[0].ts_recv_ns, 4242);
  EXPECT_EQ((*books)[0].bids.at(0).price, dec("99990000"));
  auto st = status(v);
  EXPECT_EQ(st.feed_state, "live");
  EXPECT_EQ(st.private_state, "disabled");
  EXPECT_EQ(st.frames, 1);
  EXPECT_EQ(st.breaker, "closed");
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, ReconnectsAfterTheBackoffDelayAndResubscribes) {
  auto v = start();
  caf::anon_send(v, atom::subscribe_v, btc, probe());
  run();
  open(0);
  frame(0, book_frame, 1);
  drop(0);
  EXPECT_TRUE(net->ws[0].destroyed);
  EXPECT_EQ(net->ws.size(), 1u);
  EXPECT_EQ(status(v).feed_state, "reconnecting");
  advance(499ms);
  EXPECT_EQ(net->ws.size(), 1u); // backoff: 500 ms for the first failure
  advance(1ms);
  ASSERT_EQ(net->ws.size(), 2u);
  EXPECT_TRUE(net->ws[1].connected);
  open(1);
  ASSERT_EQ(net->ws[1].sent.size(), 1u); // resubscribed
  EXPECT_EQ(net->ws[1].sent[0], net->ws[0].sent[0]);
  frame(1, book_frame, 2);
  EXPECT_EQ(books->size(), 2u);
  auto st = status(v);
  EXPECT_EQ(st.feed_state, "live");
  EXPECT_EQ(st.reconnects, 1);
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, SixtySecondsOfSilenceMakeTheFeedStaleAndReconnect) {
  auto v = start();
  caf::anon_send(v, atom::subscribe_v, btc, probe());
  run();
  open(0);
  frame(0, book_frame, 1);
  advance(59s);
  EXPECT_EQ(status(v).feed_state, "live");
  EXPECT_EQ(net->ws.size(), 1u);
  advance(1s);
  EXPECT_TRUE(net->ws[0].destroyed); // the silent socket was dropped
  EXPECT_EQ(status(v).feed_state, "reconnecting");
  advance(500ms);
  ASSERT_EQ(net->ws.size(), 2u);
  open(1);
  EXPECT_EQ(net->ws[1].sent.size(), 1u);
  auto evs = events();
  bool stale_event = false;
  for (auto& e : evs)
    if (e.type == event_type::exchange_disconnected
        && e.data.find("stale") != std::string::npos)
      stale_event = true;
  EXPECT_TRUE(stale_event);
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, DataKeepsTheFeedLive) {
  auto v = start();
  caf::anon_send(v, atom::subscribe_v, btc, probe());
  run();
  open(0);
  for (int i = 1; i <= 10; ++i) {
    frame(0, book_frame, int64_t{i} * 30'000'000'000);
    advance(30s);
  }
  EXPECT_EQ(net->ws.size(), 1u);
  EXPECT_EQ(status(v).feed_state, "live");
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, FiveFailuresOpenTheBreakerForFiveMinutes) {
  auto v = start();
  const std::chrono::milliseconds delays[] = {500ms, 1000ms, 2000ms, 4000ms};
  for (size_t i = 0; i < 4; ++i) {
    ASSERT_EQ(net->ws.size(), i + 1);
    drop(i, "connection refused");
    advance(delays[i]);
  }
  ASSERT_EQ(net->ws.size(), 5u);
  drop(4, "connection refused"); // fifth consecutive failure
  auto st = status(v);
  EXPECT_EQ(st.breaker, "open");
  advance(5min - 1ms);
  EXPECT_EQ(net->ws.size(), 5u); // no attempt while open
  advance(1ms);
  ASSERT_EQ(net->ws.size(), 6u); // the half-open trial
  EXPECT_EQ(status(v).breaker, "half_open");
  open(5);
  EXPECT_EQ(status(v).breaker, "closed"); // nothing subscribed: live at once
  auto evs = events();
  bool alert = false;
  for (auto& e : evs)
    alert |= e.type == event_type::risk_alert;
  EXPECT_TRUE(alert);
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, ConnectAndDisconnectArePublishedWithVenueAndReason) {
  auto v = start();
  open(0);
  drop(0, "peer reset");
  auto evs = events();
  std::vector<event> mine;
  for (auto& e : evs)
    if (e.type == event_type::exchange_connected
        || e.type == event_type::exchange_disconnected)
      mine.push_back(e);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].type, event_type::exchange_connected);
  EXPECT_EQ(mine[1].type, event_type::exchange_disconnected);
  EXPECT_EQ(mine[1].source, "venue:upbit");
  auto data = nlohmann::json::parse(mine[1].data);
  EXPECT_EQ(data["venue"], "upbit");
  EXPECT_EQ(data["stream"], "feed");
  EXPECT_EQ(data["reason"], "closed: peer reset");
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, PrivateStreamAuthenticatesAndForwardsOrderUpdates) {
  auto v = start(true);
  ASSERT_EQ(net->ws.size(), 2u); // feed and private
  auto& priv = net->ws[1].cfg.url.find("private") != std::string::npos
                 ? net->ws[1]
                 : net->ws[0];
  size_t pi = &priv == &net->ws[1] ? 1 : 0;
  ASSERT_EQ(priv.cfg.headers.size(), 1u);
  EXPECT_EQ(priv.cfg.headers[0].first, "Authorization");
  EXPECT_TRUE(priv.cfg.headers[0].second.starts_with("Bearer "));
  auto updates = std::make_shared<std::vector<order_update>>();
  caf::anon_send(v, atom::subscribe_v,
                 order_listener_actor{sys.spawn(test::order_probe, updates)});
  run();
  open(pi);
  ASSERT_EQ(net->ws[pi].sent.size(), 1u);
  EXPECT_NE(net->ws[pi].sent[0].find("myOrder"), std::string::npos);
  frame(pi, order_frame, 77);
  ASSERT_EQ(updates->size(), 1u);
  EXPECT_EQ((*updates)[0].origin, "stream");
  EXPECT_EQ((*updates)[0].state.client_order_id, "c-1");
  EXPECT_EQ((*updates)[0].state.status, order_status::open);
  EXPECT_EQ((*updates)[0].ts_recv_ns, 77);
  EXPECT_EQ(status(v).private_state, "live");
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, PrivateFrameWithAnOutOfRangeTimestampIsDroppedAndCounted) {
  auto dropped = [] {
    return metrics::global()
      .get_counter("karb_venue_private_frame_errors_total", "",
                   {{"venue", "upbit"}})
      .value();
  };
  double before = dropped();
  auto v = start(true);
  ASSERT_EQ(net->ws.size(), 2u);
  size_t pi = net->ws[1].cfg.url.find("private") != std::string::npos ? 1 : 0;
  auto updates = std::make_shared<std::vector<order_update>>();
  caf::anon_send(v, atom::subscribe_v,
                 order_listener_actor{sys.spawn(test::order_probe, updates)});
  run();
  open(pi);
  // 9223372036855 ms is past the last ns an int64 holds (~2262).
  auto bad = order_frame;
  bad.replace(bad.find("1700000000000"), 13, "9223372036855");
  frame(pi, bad, 76);
  EXPECT_TRUE(updates->empty());
  EXPECT_EQ(dropped() - before, 1.0);
  frame(pi, order_frame, 77);
  ASSERT_EQ(updates->size(), 1u);
  EXPECT_EQ((*updates)[0].ts_recv_ns, 77);
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

TEST_F(venue_fixture, CrashedFeedIsRestartedWithItsSubscriptions) {
  auto v = start();
  caf::anon_send(v, atom::subscribe_v, btc, probe());
  run();
  auto sup = caf::actor_cast<
    venue_supervisor_actor::stateful_pointer<venue_sup_state>>(v);
  auto old_feed = sup->state.feed;
  caf::anon_send_exit(old_feed, caf::exit_reason::kill);
  run();
  EXPECT_TRUE(net->ws[0].destroyed);
  advance(100ms);
  ASSERT_EQ(net->ws.size(), 2u);
  EXPECT_NE(sup->state.feed, old_feed);
  open(1);
  ASSERT_EQ(net->ws[1].sent.size(), 1u);
  EXPECT_NE(net->ws[1].sent[0].find("KRW-BTC"), std::string::npos);
  caf::anon_send_exit(sup->state.feed, caf::exit_reason::kill);
  run();
  advance(199ms); // second consecutive crash: 200 ms
  EXPECT_EQ(net->ws.size(), 2u);
  advance(1ms);
  EXPECT_EQ(net->ws.size(), 3u);
  advance(30s); // stayed up: the next crash counts as the first again
  caf::anon_send_exit(sup->state.feed, caf::exit_reason::kill);
  run();
  advance(100ms);
  EXPECT_EQ(net->ws.size(), 4u);
  caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
}

// -- rest ---------------------------------------------------------------------

TEST_F(rest_fixture, PlaceBecomesMaybeSentAndIsNeverResent) {
  auto rh = self->request(rest, caf::infinite, atom::place_v, limit_buy());
  run();
  ASSERT_EQ(net->http.size(), 1u);
  EXPECT_EQ(net->http[0].req.method, "POST");
  EXPECT_EQ(net->http[0].req.target, "/v1/orders");
  EXPECT_NE(net->http[0].req.body.find(R"("identifier":"cid-1")"),
            std::string::npos);
  EXPECT_FALSE(net->http[0].req.idempotent);
  fail(0, net::error_kind::maybe_sent);
  order_ack ack;
  rh.receive([&](const order_ack& a) { ack = a; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_EQ(ack.kind, ack_kind::maybe_sent);
  advance(30s);
  EXPECT_EQ(net->http.size(), 1u);
}

TEST_F(rest_fixture, PlaceOutcomes) {
  auto ask = [&](auto&& complete) {
    advance(1s); // the order bucket holds 2
    auto rh = self->request(rest, caf::infinite, atom::place_v, limit_buy());
    run();
    complete(net->http.size() - 1);
    order_ack out;
    rh.receive([&](const order_ack& a) { out = a; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  };
  auto a = ask([&](size_t i) { reply(i, 201, order_json); });
  EXPECT_EQ(a.kind, ack_kind::accepted);
  EXPECT_EQ(a.state.id, "u-1");
  EXPECT_EQ(a.state.client_order_id, "cid-1");
  EXPECT_EQ(a.state.status, order_status::open);
  auto r = ask([&](size_t i) {
    reply(i, 400, R"({"error":{"name":"insufficient_funds_bid",)"
                  R"("message":"no money"}})");
  });
  EXPECT_EQ(r.kind, ack_kind::rejected);
  EXPECT_EQ(r.error_code, "insufficient_funds_bid");
  EXPECT_EQ(r.http_status, 400);
  auto n = ask([&](size_t i) { fail(i, net::error_kind::connect); });
  EXPECT_EQ(n.kind, ack_kind::not_sent);
  EXPECT_EQ(n.error_code, "connect");
}

TEST_F(rest_fixture, LookupByClientIdAndNotFound) {
  auto rh = self->request(rest, caf::infinite, atom::lookup_v,
                          std::string{"cid-1"}, btc);
  run();
  ASSERT_EQ(net->http.size(), 1u);
  EXPECT_EQ(net->http[0].req.target, "/v1/order?identifier=cid-1");
  reply(0, 404, R"({"error":{"name":"order_not_found","message":"x"}})");
  order_ack ack;
  rh.receive([&](const order_ack& a) { ack = a; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_EQ(ack.kind, ack_kind::not_found);
  EXPECT_EQ(net->http.size(), 1u); // a 404 is final
}

TEST_F(rest_fixture, ReadsAreRetriedAtMostThreeTimes) {
  auto rh = self->request(rest, caf::infinite, atom::balances_v);
  run();
  ASSERT_EQ(net->http.size(), 1u);
  reply(0, 500, R"({"error":{"name":"server_error","message":"x"}})");
  EXPECT_EQ(net->http.size(), 1u);
  advance(100ms); // first retry delay (no jitter)
  ASSERT_EQ(net->http.size(), 2u);
  EXPECT_NE(net->http[0].req.headers, net->http[1].req.headers); // new nonce
  reply(1, 503, "");
  advance(200ms);
  ASSERT_EQ(net->http.size(), 3u);
  reply(2, 200, R"([{"currency":"KRW","balance":"1000","locked":"0",)"
                R"("avg_buy_price":"0","avg_buy_price_modified":false,)"
                R"("unit_currency":"KRW"}])");
  std::vector<balance> bs;
  rh.receive([&](std::vector<balance>& x) { bs = std::move(x); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  ASSERT_EQ(bs.size(), 1u);
  EXPECT_EQ(bs[0].currency, "KRW");
  EXPECT_EQ(bs[0].free, dec("1000"));
  advance(1s); // refill the bucket
  auto rh2 = self->request(rest, caf::infinite, atom::balances_v);
  run();
  for (size_t i = 3; i < 6; ++i) {
    ASSERT_EQ(net->http.size(), i + 1);
    reply(i, 500, "");
    advance(1s);
  }
  EXPECT_EQ(net->http.size(), 6u); // three tries, then the error
  bool failed = false;
  rh2.receive([&](std::vector<balance>&) {},
              [&](caf::error&) { failed = true; });
  EXPECT_TRUE(failed);
}

TEST_F(rest_fixture, AnOutOfRangeBalanceIsSkippedCountedAndTheOthersDelivered) {
  auto rejected = [] { return rejected_items("upbit", "balances"); };
  double before = rejected();
  auto rh = self->request(rest, caf::infinite, atom::balances_v);
  run();
  ASSERT_EQ(net->http.size(), 1u);
  // 92 233 720 369 units is past decimal's range (about 9.22e10).
  reply(0, 200, R"([{"currency":"KRW","balance":"1000","locked":"0"},)"
                R"({"currency":"XRP","balance":"92233720369","locked":"0"},)"
                R"({"currency":"BTC","balance":"0.5","locked":"0.25"}])");
  std::vector<balance> bs;
  rh.receive([&](std::vector<balance>& x) { bs = std::move(x); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_EQ(bs[0].currency, "KRW");
  EXPECT_EQ(bs[1].currency, "BTC");
  EXPECT_EQ(bs[1].total, dec("0.75"));
  EXPECT_EQ(rejected() - before, 1.0);
}

// An order missing from the open and recent lists is how an order is
// proven never placed: those lists are all or nothing too.
TEST_F(rest_fixture, AnOpenOrdersReplyWithAnUnreadableItemFailsWhole) {
  auto list = [&](const std::string& body) {
    auto rh = self->request(rest, caf::infinite, atom::open_orders_v, btc);
    run();
    size_t i = net->http.size() - 1;
    EXPECT_NE(net->http[i].req.target.find("/v1/orders/open"),
              std::string::npos) << net->http[i].req.target;
    reply(i, 200, body);
    std::optional<std::vector<order>> out;
    rh.receive([&](std::vector<order>& xs) { out = std::move(xs); },
               [&](caf::error&) {});
    advance(1s); // refill the bucket
    return out;
  };
  // The same order, its volume past decimal's range.
  auto unreadable = order_json;
  auto at = unreadable.find(R"("volume":"0.001")");
  ASSERT_NE(at, std::string::npos);
  unreadable.replace(at, 16, R"("volume":"92233720369")");
  auto rejected = [] { return rejected_items("upbit", "open_orders"); };
  double before = rejected();
  EXPECT_FALSE(list("[" + order_json + "," + unreadable + "]"));
  EXPECT_EQ(rejected() - before, 1.0); // one item, not the whole body
  auto whole = list("[" + order_json + "]");
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->size(), 1u);
  EXPECT_EQ(whole->at(0).client_order_id, "cid-1");
}

// A position missing from the list would read as flat, so the positions
// reply is all or nothing: one unreadable item fails it (and is counted).
struct bybit_rest_fixture : rest_fixture {
  bybit_rest_fixture() {
    venue_id = exchange::bybit_linear;
    venue_name = "bybit_linear";
  }

  /// Asks for positions and answers the request with `list`.
  result<std::vector<position>> positions(const std::string& list) {
    auto rh = self->request(rest, caf::infinite, atom::positions_v);
    run();
    size_t i = net->http.size() - 1;
    EXPECT_NE(net->http[i].req.target.find("/v5/position/list"),
              std::string::npos) << net->http[i].req.target;
    reply(i, 200, R"({"retCode":0,"retMsg":"OK","result":{"category":)"
                  R"("linear","list":[)" + list + R"(]},"time":1700000000000})");
    result<std::vector<position>> out = malformed("no reply");
    rh.receive([&](std::vector<position>& ps) { out = std::move(ps); },
               [&](caf::error& e) { out = malformed(sys.render(e)); });
    advance(1s); // refill the bucket
    return out;
  }
};

TEST_F(bybit_rest_fixture, APositionsReplyWithAnUnreadableItemFailsWhole) {
  auto rejected = [] { return rejected_items("bybit_linear", "positions"); };
  const std::string btc_long
    = R"({"symbol":"BTCUSDT","side":"Buy","size":"0.01","avgPrice":"65000",)"
      R"("markPrice":"65100","leverage":"3","updatedTime":"1700000000001"})";
  // Past decimal's range: the ETH short cannot be read.
  const std::string eth_short
    = R"({"symbol":"ETHUSDT","side":"Sell","size":"92233720369",)"
      R"("avgPrice":"2000","leverage":"3","updatedTime":"1700000000001"})";
  double before = rejected();
  auto partial = positions(btc_long + "," + eth_short);
  ASSERT_FALSE(partial.ok());
  EXPECT_NE(partial.error().message.find(
              "positions: 1 unreadable item(s), so the list is incomplete"),
            std::string::npos) << partial.error().message;
  EXPECT_EQ(rejected() - before, 1.0);
  auto whole = positions(btc_long);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  ASSERT_EQ(whole->size(), 1u);
  EXPECT_EQ(whole->at(0).symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(whole->at(0).amount, dec("0.01"));
  EXPECT_EQ(rejected() - before, 1.0);
}

TEST_F(rest_fixture, AnEmptyBucketMakesRequestsWaitInsteadOfSending) {
  // rate_limit_per_s 8 -> the bucket holds 2 and refills 5.4/s.
  for (int i = 0; i < 5; ++i)
    self->send(rest, atom::balances_v);
  run();
  EXPECT_EQ(net->http.size(), 2u);
  advance(186ms); // one token: 1 / 5.4 s
  EXPECT_EQ(net->http.size(), 3u);
  advance(370ms);
  EXPECT_EQ(net->http.size(), 5u);
}

TEST_F(rest_fixture, RemainingReqFeedbackLowersTheBudget) {
  self->send(rest, atom::balances_v);
  run();
  ASSERT_EQ(net->http.size(), 1u);
  reply(0, 200, "[]", "group=default; min=1800; sec=0");
  for (int i = 0; i < 3; ++i)
    self->send(rest, atom::balances_v);
  run();
  EXPECT_EQ(net->http.size(), 1u); // the venue said: nothing left this second
  advance(1s);
  EXPECT_GE(net->http.size(), 3u);
}
