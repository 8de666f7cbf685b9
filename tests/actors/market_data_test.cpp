// The market data service with fake venue actors, in virtual time.

#include "actors/market_data/market_data.hpp"

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

struct market_data_fixture : karb::test::actor_fixture {
  event_bus_actor bus = sys.spawn(event_bus, size_t{100});
  venue_rest_actor rest = sys.spawn(fake_rest);
  venue_actor upbit = sys.spawn(fake_venue, rest);
  venue_actor okx = sys.spawn(fake_venue, rest);
  market_data_actor md;

  market_data_fixture() {
    market_data_setup s;
    s.venues = {{"upbit", upbit}, {"custom", okx}};
    s.bus = bus;
    s.stale_after = 10s;
    s.book_tick = 1s;
    s.depth = 5;
    s.max_events_per_second = 10;
    md = spawn_market_data(sys, s);
    run();
  }

  ~market_data_fixture() override {
    for (auto& [x, b] : state_of(upbit).subscriptions)
      caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
    for (auto& [x, b] : state_of(okx).subscriptions)
      caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
    for (auto a : {caf::actor_cast<caf::actor>(md),
                   caf::actor_cast<caf::actor>(bus),
                   caf::actor_cast<caf::actor>(rest),
                   caf::actor_cast<caf::actor>(upbit),
                   caf::actor_cast<caf::actor>(okx)})
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }

  template <class T, class... Ts>
  caf::expected<T> ask(const market_data_actor& h, Ts... xs) {
    caf::expected<T> out{caf::make_error(caf::sec::runtime_error, "no reply")};
    auto rh = self->request(h, caf::infinite, xs...);
    run();
    rh.receive([&](T& x) { out = std::move(x); },
               [&](caf::error& e) { out = std::move(e); });
    return out;
  }

  book_actor subscribe(const instrument& x) {
    auto b = ask<book_actor>(md, atom::subscribe_v, x);
    EXPECT_TRUE(b) << sys.render(b.error());
    return b ? *b : book_actor{};
  }

  /// The market data events on the bus, as (type, data).
  std::vector<std::pair<event_type, nlohmann::json>> md_events() {
    std::vector<std::pair<event_type, nlohmann::json>> out;
    auto rh = self->request(bus, caf::infinite, atom::recent_v, int32_t{100});
    run();
    rh.receive(
      [&](std::vector<event>& es) {
        for (auto& e : es)
          if (e.source == "market_data")
            out.emplace_back(e.type, nlohmann::json::parse(e.data));
      },
      [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }
};

} // namespace

TEST_F(market_data_fixture, SubscribeSpawnsABookAndAsksTheVenueToStreamIt) {
  auto b = subscribe(krw_btc());
  ASSERT_TRUE(b);
  auto& subs = state_of(upbit).subscriptions;
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].first, krw_btc());
  EXPECT_EQ(subs[0].second, b);
  EXPECT_EQ(state_of(upbit).rest_requests, 0); // full-snapshot venue
  // Idempotent.
  EXPECT_EQ(subscribe(krw_btc()), b);
  EXPECT_EQ(subs.size(), 1u);
  // The venue streams into the book.
  caf::anon_send(b, frame({{"100", "1"}, {"99", "1"}}, {{"102", "1"}}, 1));
  run();
  auto v = ask<book_view>(md, atom::get_v, krw_btc());
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->healthy);
  EXPECT_EQ(v->book.bids, levels({{"100", "1"}, {"99", "1"}}));
  auto px = ask<decimal>(md, atom::price_v, krw_btc());
  ASSERT_TRUE(px);
  EXPECT_EQ(*px, dec("101"));
  auto st = ask<book_stats>(md, atom::stats_v, krw_btc());
  ASSERT_TRUE(st);
  EXPECT_EQ(st->applied, 1u);
}

TEST_F(market_data_fixture, UnsubscribeStopsTheBook) {
  auto b = subscribe(krw_btc());
  bool stopped = false;
  caf::actor_cast<caf::actor>(b)->attach_functor([&] { stopped = true; });
  caf::anon_send(md, atom::unsubscribe_v, krw_btc());
  run();
  EXPECT_TRUE(stopped);
  EXPECT_FALSE(ask<book_view>(md, atom::get_v, krw_btc()));
  EXPECT_FALSE(ask<decimal>(md, atom::price_v, krw_btc()));
  // A new subscription spawns a new book.
  auto b2 = subscribe(krw_btc());
  EXPECT_NE(b2, b);
  EXPECT_EQ(state_of(upbit).subscriptions.size(), 2u);
}

TEST_F(market_data_fixture, LatestPriceIsTheMidElseTheLastTrade) {
  EXPECT_FALSE(ask<decimal>(md, atom::price_v, krw_btc())); // not subscribed
  auto b = subscribe(krw_btc());
  EXPECT_FALSE(ask<decimal>(md, atom::price_v, krw_btc())); // nothing yet
  trade t;
  t.id = "t1";
  t.symbol = krw_btc();
  t.price = dec("150.5");
  t.amount = dec("2");
  caf::anon_send(md, t);
  run();
  EXPECT_EQ(ask<decimal>(md, atom::price_v, krw_btc()).value(), dec("150.5"));
  caf::anon_send(b, frame("100", "101", 1));
  run();
  EXPECT_EQ(ask<decimal>(md, atom::price_v, krw_btc()).value(), dec("100.5"));
  auto es = md_events();
  ASSERT_FALSE(es.empty());
  EXPECT_EQ(es[0].first, event_type::trade_update);
  EXPECT_EQ(es[0].second.at("price"), "150.5");
  EXPECT_EQ(es[0].second.at("id"), "t1");
}

TEST_F(market_data_fixture, UnknownVenueIsAnError) {
  auto x = krw_btc(exchange::bithumb);
  EXPECT_FALSE(ask<book_actor>(md, atom::subscribe_v, x));
}

TEST_F(market_data_fixture, BookAndPriceEventsAreThrottledPerBook) {
  auto b = subscribe(krw_btc());
  caf::anon_send(b, frame("100", "102", 1));
  run();
  auto es = md_events();
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].first, event_type::orderbook_update);
  EXPECT_EQ(es[0].second.at("bid").at("price"), "100");
  EXPECT_EQ(es[0].second.at("healthy"), true);
  EXPECT_EQ(es[1].first, event_type::price_update);
  EXPECT_EQ(es[1].second.at("price"), "101");
  // Three top changes inside 100 ms: held, then one event with the newest.
  for (int i = 2; i <= 4; ++i) {
    caf::anon_send(b, frame(std::to_string(100 + i).c_str(), "110", i));
    run();
  }
  EXPECT_EQ(md_events().size(), 2u);
  advance(100ms);
  es = md_events();
  ASSERT_EQ(es.size(), 4u);
  EXPECT_EQ(es[2].first, event_type::orderbook_update);
  EXPECT_EQ(es[2].second.at("bid").at("price"), "104");
  EXPECT_EQ(es[3].first, event_type::price_update);
  EXPECT_EQ(es[3].second.at("price"), "107");
  // A change below the top: no event.
  caf::anon_send(b, frame({{"104", "1"}, {"50", "1"}}, {{"110", "1"}}, 5));
  run();
  advance(100ms);
  EXPECT_EQ(md_events().size(), 4u);
}

TEST_F(market_data_fixture, StrategyListenersGetTheBooksViews) {
  auto p = sys.spawn(probe, true);
  auto b = ask<book_actor>(md, atom::subscribe_v, krw_btc(),
                           caf::actor_cast<book_listener_actor>(p));
  ASSERT_TRUE(b);
  caf::anon_send(*b, frame("100", "101", 1));
  run();
  auto& views = state_of(p).views;
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[1].book.bids.at(0).price, dec("100"));
  caf::anon_send(md, atom::unsubscribe_v, krw_btc(),
                 caf::actor_cast<book_listener_actor>(p));
  run();
  caf::anon_send(*b, frame("100", "102", 2));
  run();
  EXPECT_EQ(views.size(), 2u);
  caf::anon_send_exit(p, caf::exit_reason::user_shutdown);
}

TEST_F(market_data_fixture, SequencedVenueBooksGetTheVenuesRestActor) {
  auto x = krw_btc(exchange::custom);
  auto b = subscribe(x);
  ASSERT_TRUE(b);
  EXPECT_EQ(state_of(okx).rest_requests, 1);
  EXPECT_EQ(state_of(okx).subscriptions.size(), 1u);
  auto snap = frame({{"100", "1"}}, {{"101", "1"}}, 7, 0, x);
  snap.sequence = 7;
  state_of(rest).snapshots.push_back(snap);
  caf::anon_send(b, delta(8, {{"99", "1"}}, {}, x));
  run();
  EXPECT_EQ(state_of(rest).snapshot_requests, 1);
  auto v = ask<book_view>(md, atom::get_v, x);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->healthy);
  EXPECT_EQ(v->book.bids, levels({{"100", "1"}, {"99", "1"}}));
}
