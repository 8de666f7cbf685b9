// The book actor in virtual time: delivery, conflation, staleness, crossed
// and backwards frames, resync from a fake snapshot provider, latency stats.

#include "actors/book/book_actor.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "tests/actors/book_actor_fixtures.hpp"
#include "tests/actors/book_actor_probes.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;
using namespace std::chrono_literals;

namespace {

struct book_actor_fixture : karb::test::actor_fixture {
  event_bus_actor bus = sys.spawn(event_bus, size_t{100});

  book_setup setup(sync_mode mode = sync_mode::full_snapshot) {
    book_setup s;
    s.symbol = mode == sync_mode::full_snapshot ? krw_btc()
                                                : krw_btc(exchange::custom);
    s.mode = mode;
    s.stale_after = 1s;
    s.tick_interval = 100ms;
    s.depth = 2;
    s.bus = bus;
    s.listener_timeout = 1s;
    s.snapshot_retry = 1s;
    return s;
  }

  probe_actor listen(const book_actor& b, bool auto_reply = true) {
    auto p = sys.spawn(probe, auto_reply);
    spawned.push_back(caf::actor_cast<caf::actor>(p));
    caf::anon_send(b, atom::subscribe_v,
                   caf::actor_cast<book_listener_actor>(p));
    run();
    return p;
  }

  template <class T, class Handle, class... Ts>
  T ask(const Handle& h, Ts... xs) {
    T out{};
    auto rh = self->request(h, caf::infinite, xs...);
    run();
    rh.receive([&](T& x) { out = std::move(x); },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  /// The health events on the bus, as (healthy, reason).
  std::vector<std::pair<bool, std::string>> health_events() {
    std::vector<std::pair<bool, std::string>> out;
    for (auto& e : ask<std::vector<event>>(bus, atom::recent_v, int32_t{100}))
      if (e.type == event_type::risk_alert) {
        auto j = nlohmann::json::parse(e.data);
        EXPECT_EQ(j.at("alert"), "book_health");
        out.emplace_back(j.at("healthy").get<bool>(),
                         j.at("reason").get<std::string>());
      }
    return out;
  }

  void send(const book_actor& b, order_book f) {
    caf::anon_send(b, std::move(f));
    run();
  }

  ~book_actor_fixture() override {
    // Book actors re-arm their tick forever; stop everything explicitly.
    for (auto& a : spawned)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
  }

  book_actor spawn(book_setup s) {
    auto b = spawn_book(sys, std::move(s));
    spawned.push_back(caf::actor_cast<caf::actor>(b));
    run();
    return b;
  }

  std::vector<caf::actor> spawned;
};

using pair_list = std::vector<std::pair<bool, std::string>>;

} // namespace

TEST_F(book_actor_fixture, ListenerGetsTheCurrentViewThenEveryChange) {
  auto b = spawn(setup());
  auto p = listen(b);
  auto& views = state_of(p).views;
  ASSERT_EQ(views.size(), 1u);
  EXPECT_FALSE(views[0].healthy);
  EXPECT_EQ(views[0].reason, "stale");
  send(b, frame({{"100", "1"}, {"99", "2"}, {"98", "3"}},
                {{"101", "1"}, {"102", "2"}}, 1000));
  ASSERT_EQ(views.size(), 2u);
  EXPECT_TRUE(views[1].healthy);
  EXPECT_EQ(views[1].book.bids, levels({{"100", "1"}, {"99", "2"}}));
  EXPECT_EQ(views[1].book.asks, levels({{"101", "1"}, {"102", "2"}}));
  // The same levels again: nothing to publish.
  send(b, frame({{"100", "1"}, {"99", "2"}, {"98", "3"}},
                {{"101", "1"}, {"102", "2"}}, 1001));
  EXPECT_EQ(views.size(), 2u);
  // `get` returns all levels.
  auto v = ask<book_view>(b, atom::get_v);
  EXPECT_EQ(v.book.bids.size(), 3u);
  EXPECT_EQ(health_events(), (pair_list{{true, ""}}));
}

TEST_F(book_actor_fixture, SlowListenerGetsOneViewThenTheLatest) {
  auto b = spawn(setup());
  auto p = listen(b, false);
  auto& views = state_of(p).views;
  ASSERT_EQ(views.size(), 1u); // the initial view, not answered
  for (int i = 1; i <= 100; ++i)
    send(b, frame(std::to_string(1000 + i).c_str(),
                  std::to_string(2000 + i).c_str(), i));
  EXPECT_EQ(views.size(), 1u);
  caf::anon_send(p, atom::ok_v);
  run();
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[1].book.bids.at(0).price, dec("1100"));
  EXPECT_EQ(views[1].book.asks.at(0).price, dec("2100"));
  // Nothing newer: answering again sends nothing.
  caf::anon_send(p, atom::ok_v);
  run();
  EXPECT_EQ(views.size(), 2u);
  auto s = ask<book_stats>(b, atom::stats_v);
  EXPECT_EQ(s.views_sent, 2u);
  EXPECT_EQ(s.applied, 100u);
}

TEST_F(book_actor_fixture, ThrottledListenerGetsOneViewPerIntervalThenTheLatest) {
  auto b = spawn(setup()); // book tick: 100 ms
  auto p = sys.spawn(probe, true);
  spawned.push_back(caf::actor_cast<caf::actor>(p));
  caf::anon_send(b, atom::subscribe_v, caf::actor_cast<book_listener_actor>(p),
                 caf::timespan{250ms});
  run();
  auto& views = state_of(p).views;
  ASSERT_EQ(views.size(), 1u); // the initial view
  send(b, frame("1001", "2001", 1)); // the first change goes out at once
  ASSERT_EQ(views.size(), 2u);
  for (int i = 2; i <= 10; ++i)
    send(b, frame(std::to_string(1000 + i).c_str(),
                  std::to_string(2000 + i).c_str(), i));
  EXPECT_EQ(views.size(), 2u) << "inside the interval: held back";
  advance(200ms);
  run();
  EXPECT_EQ(views.size(), 2u);
  advance(50ms); // the interval is over: the latest goes out
  run();
  ASSERT_EQ(views.size(), 3u);
  EXPECT_EQ(views[2].book.bids.at(0).price, dec("1010"));
  // Past the next interval a new frame goes out at once.
  advance(300ms);
  run();
  send(b, frame("1011", "2011", 11));
  ASSERT_EQ(views.size(), 4u);
  EXPECT_EQ(views[3].book.bids.at(0).price, dec("1011"));
}

TEST_F(book_actor_fixture, SilentListenerGetsTheLatestAgainAfterTheTimeout) {
  auto b = spawn(setup());
  auto p = listen(b, false);
  send(b, frame("100", "101", 1));
  send(b, frame("100", "102", 2));
  EXPECT_EQ(state_of(p).views.size(), 1u);
  advance(999ms);
  EXPECT_EQ(state_of(p).views.size(), 1u);
  // The timeout is checked on the tick (100 ms here): at most one tick late.
  advance(101ms);
  ASSERT_EQ(state_of(p).views.size(), 2u);
  EXPECT_EQ(state_of(p).views[1].book.asks.at(0).price, dec("102"));
}

TEST_F(book_actor_fixture, StaleAfterTheWindowAndHealthyOnTheNextFrame) {
  auto b = spawn(setup());
  auto p = listen(b);
  send(b, frame("100", "101", 1));
  ASSERT_TRUE(state_of(p).views.back().healthy);
  advance(1000ms); // exactly the window: still fresh
  EXPECT_TRUE(state_of(p).views.back().healthy);
  advance(100ms);
  ASSERT_EQ(state_of(p).views.size(), 3u);
  EXPECT_FALSE(state_of(p).views.back().healthy);
  EXPECT_EQ(state_of(p).views.back().reason, "stale");
  EXPECT_FALSE(ask<book_view>(b, atom::get_v).healthy);
  send(b, frame("100", "101", 2));
  ASSERT_EQ(state_of(p).views.size(), 4u);
  EXPECT_TRUE(state_of(p).views.back().healthy);
  EXPECT_EQ(health_events(),
            (pair_list{{true, ""}, {false, "stale"}, {true, ""}}));
}

TEST_F(book_actor_fixture, CrossedFrameMakesTheBookUnhealthy) {
  auto b = spawn(setup());
  auto p = listen(b);
  send(b, frame("100", "101", 1));
  send(b, frame("101", "101", 2));
  auto& v = state_of(p).views.back();
  EXPECT_FALSE(v.healthy);
  EXPECT_EQ(v.reason, "crossed");
  EXPECT_EQ(health_events(), (pair_list{{true, ""}, {false, "crossed"}}));
}

TEST_F(book_actor_fixture, BackwardsTimestampIsDropped) {
  auto b = spawn(setup());
  auto p = listen(b);
  send(b, frame("100", "101", 2000));
  send(b, frame("90", "91", 1999));
  EXPECT_EQ(state_of(p).views.size(), 2u);
  auto v = ask<book_view>(b, atom::get_v);
  EXPECT_EQ(v.book.bids.at(0).price, dec("100"));
  EXPECT_EQ(ask<book_stats>(b, atom::stats_v).dropped, 1u);
}

TEST_F(book_actor_fixture, ResyncsFromTheSnapshotProviderOnAGap) {
  auto rest = sys.spawn(fake_rest);
  spawned.push_back(caf::actor_cast<caf::actor>(rest));
  auto snap = [](int64_t seq, const char* bid) {
    auto b = frame({{bid, "1"}}, {{"101", "1"}}, seq, 0,
                   krw_btc(exchange::custom));
    b.sequence = seq;
    return b;
  };
  state_of(rest).snapshots.push_back(snap(10, "100"));
  auto s = setup(sync_mode::gap_tolerant);
  s.snapshots = rest;
  auto b = spawn(s);
  auto p = listen(b);
  EXPECT_EQ(state_of(p).views.back().reason, "resync");
  caf::anon_send(b, delta(11, {{"99", "4"}}, {}));
  run();
  EXPECT_EQ(state_of(rest).snapshot_requests, 1);
  auto v = state_of(p).views.back();
  ASSERT_TRUE(v.healthy);
  EXPECT_EQ(v.book.bids, levels({{"100", "1"}, {"99", "4"}}));
  EXPECT_EQ(v.book.sequence, 11);
  // A tolerated jump (11 -> 13), then a gap (13 -> 40): the book is
  // discarded until snapshot 39 arrives, then 40 is replayed on top.
  state_of(rest).snapshots.push_back(snap(39, "98"));
  caf::anon_send(b, delta(13, {{"99", "0"}}, {}));
  run();
  EXPECT_EQ(state_of(p).views.back().book.bids, levels({{"100", "1"}}));
  caf::anon_send(b, delta(40, {{"96", "1"}}, {}));
  run();
  EXPECT_EQ(state_of(rest).snapshot_requests, 2);
  auto n = state_of(p).views.size();
  ASSERT_GE(n, 2u);
  EXPECT_EQ(state_of(p).views[n - 2].reason, "resync");
  EXPECT_TRUE(state_of(p).views[n - 2].book.bids.empty());
  v = state_of(p).views.back();
  ASSERT_TRUE(v.healthy);
  EXPECT_EQ(v.book.bids, levels({{"98", "1"}, {"96", "1"}}));
  EXPECT_EQ(v.book.sequence, 40);
  EXPECT_EQ(ask<book_stats>(b, atom::stats_v).resyncs, 1u);
  EXPECT_EQ(health_events(),
            (pair_list{{true, ""}, {false, "resync"}, {true, ""}}));
}

TEST_F(book_actor_fixture, RetriesAFailedSnapshotAfterTheRetryDelay) {
  auto rest = sys.spawn(fake_rest);
  spawned.push_back(caf::actor_cast<caf::actor>(rest));
  auto s = setup(sync_mode::gap_tolerant);
  s.snapshots = rest;
  auto b = spawn(s);
  auto p = listen(b);
  caf::anon_send(b, delta(5, {{"99", "4"}}, {}));
  run();
  EXPECT_EQ(state_of(rest).snapshot_requests, 1); // failed: none queued
  advance(900ms);
  EXPECT_EQ(state_of(rest).snapshot_requests, 1);
  auto snap = frame({{"100", "1"}}, {{"101", "1"}}, 4, 0,
                    krw_btc(exchange::custom));
  snap.sequence = 4;
  state_of(rest).snapshots.push_back(snap);
  advance(100ms);
  EXPECT_EQ(state_of(rest).snapshot_requests, 2);
  auto v = state_of(p).views.back();
  EXPECT_TRUE(v.healthy);
  EXPECT_EQ(v.book.bids, levels({{"100", "1"}, {"99", "4"}}));
}

TEST_F(book_actor_fixture, RecordsLatencyStats) {
  constexpr int64_t wall = 1'700'000'000'000'000'000;
  auto s = setup();
  s.wall_clock = [] { return wall; };
  auto b = spawn(s);
  advance(1s);
  auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
               sched.clock().now().time_since_epoch())
               .count();
  auto f = frame("100", "101", 0);
  f.ts_recv_ns = now - 3000;          // read 3 us before it is applied
  f.ts_event_ns = wall - 3000 - 5000;  // stamped 5 us before we read it
  send(b, f);
  auto st = ask<book_stats>(b, atom::stats_v);
  EXPECT_EQ(st.receipt_to_applied.count, 1u);
  EXPECT_EQ(st.receipt_to_applied.p50_ns, 3000u);
  EXPECT_EQ(st.exchange_to_receipt.count, 1u);
  EXPECT_EQ(st.exchange_to_receipt.p99_ns, 5000u);
  EXPECT_EQ(st.frames, 1u);
  EXPECT_TRUE(st.healthy);
}

TEST_F(book_actor_fixture, UnsubscribedAndDeadListenersGetNothing) {
  auto b = spawn(setup());
  auto p1 = listen(b);
  auto p2 = listen(b);
  caf::anon_send(b, atom::unsubscribe_v,
                 caf::actor_cast<book_listener_actor>(p1));
  run();
  send(b, frame("100", "101", 1));
  EXPECT_EQ(state_of(p1).views.size(), 1u);
  EXPECT_EQ(state_of(p2).views.size(), 2u);
  caf::anon_send_exit(p2, caf::exit_reason::user_shutdown);
  run();
  send(b, frame("100", "102", 2));
  EXPECT_EQ(ask<book_stats>(b, atom::stats_v).views_sent, 3u);
}

TEST_F(book_actor_fixture, SocketSnapshotVenueResubscribesOnAGapUntilASnapshot) {
  // Bybit-style: the snapshot comes on the socket; a gap asks the venue to
  // subscribe the book again, every snapshot_timeout until one arrives.
  auto rest = sys.spawn(fake_rest);
  spawned.push_back(caf::actor_cast<caf::actor>(rest));
  auto venue = sys.spawn(fake_venue, venue_rest_actor{rest});
  spawned.push_back(caf::actor_cast<caf::actor>(venue));
  auto s = setup(sync_mode::bybit);
  s.venue = venue;
  s.snapshot_timeout = 2s;
  auto b = spawn(s);
  auto p = listen(b);
  auto snap = delta(100, {{"100", "1"}}, {{"101", "1"}});
  snap.reset = true;
  caf::anon_send(b, snap);
  run();
  ASSERT_TRUE(state_of(p).views.back().healthy);
  caf::anon_send(b, delta(103, {{"99", "1"}}, {})); // 101, 102 lost
  run();
  EXPECT_EQ(state_of(p).views.back().reason, "resync");
  ASSERT_EQ(state_of(venue).resyncs.size(), 1u);
  EXPECT_EQ(state_of(venue).resyncs[0], krw_btc(exchange::custom));
  EXPECT_EQ(state_of(rest).snapshot_requests, 0); // never REST
  advance(1s);
  EXPECT_EQ(state_of(venue).resyncs.size(), 1u); // throttled
  advance(1100ms);
  EXPECT_EQ(state_of(venue).resyncs.size(), 2u); // asked again
  snap.seq = snap.first_seq = 500;
  caf::anon_send(b, snap);
  run();
  EXPECT_TRUE(state_of(p).views.back().healthy);
  advance(3s); // quiet: stale after 1 s, but never asked again
  EXPECT_EQ(state_of(venue).resyncs.size(), 2u);
  EXPECT_EQ(health_events(), (pair_list{{true, ""},
                                        {false, "resync"},
                                        {true, ""},
                                        {false, "stale"}}));
}
