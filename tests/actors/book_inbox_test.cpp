// The feed -> book hand-off: the one-slot inbox (conflation counted), the
// lock-free routes, and a real book actor woken once per empty slot.

#include "actors/book/book_inbox.hpp"

#include <atomic>
#include <thread>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/book/book_actor.hpp"
#include "actors/book/inbox_registry.hpp"
#include "actors/venue/book_routes.hpp"
#include "tests/actors/book_actor_fixtures.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;
using namespace std::chrono_literals;

TEST(BookInbox, KeepsTheNewestAndCountsConflation) {
  book_inbox in;
  EXPECT_EQ(in.take(), nullptr);
  EXPECT_TRUE(in.put(frame("100", "101", 1000)));
  EXPECT_FALSE(in.put(frame("100", "102", 1001)));
  EXPECT_FALSE(in.put(frame("100", "103", 1002)));
  EXPECT_EQ(in.offered(), 3u);
  EXPECT_EQ(in.conflated(), 2u);
  auto* out = in.take();
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->asks.at(0).price, dec("103"));
  EXPECT_EQ(out->ts_event_ns, 1002 * 1'000'000);
  EXPECT_EQ(in.take(), nullptr);
  EXPECT_TRUE(in.put(frame("99", "104", 1003))); // empty again: wake
  // The book being read stays intact while the writer goes on.
  EXPECT_FALSE(in.put(frame("98", "105", 1004)));
  EXPECT_EQ(out->asks.at(0).price, dec("103"));
  out = in.take();
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->bids.at(0).price, dec("98"));
  EXPECT_EQ(out->symbol, krw_btc());
  EXPECT_EQ(in.conflated(), 3u);
}

TEST(BookInbox, AWriterThreadAndAReaderNeverLoseTheNewest) {
  book_inbox in;
  constexpr int n = 20000;
  std::atomic<bool> done{false};
  int64_t last_seen = 0;
  bool ordered = true;
  std::thread reader([&] {
    while (!done.load()) {
      if (auto* b = in.take()) {
        ordered = ordered && b->ts_event_ns >= last_seen
                  && b->asks.size() == 1;
        last_seen = b->ts_event_ns;
      }
    }
    if (auto* b = in.take())
      last_seen = b->ts_event_ns;
  });
  for (int i = 1; i <= n; ++i)
    in.put(frame("100", "101", i));
  done = true;
  reader.join();
  EXPECT_TRUE(ordered);
  EXPECT_EQ(last_seen, int64_t{n} * 1'000'000);
  EXPECT_EQ(in.offered(), static_cast<uint64_t>(n));
}

TEST(BookInbox, RegistryFindsByActorSystemAndId) {
  int sys_a = 0, sys_b = 0;
  auto in = std::make_shared<book_inbox>();
  register_inbox(&sys_a, 7, in);
  EXPECT_EQ(find_inbox(&sys_a, 7), in);
  EXPECT_EQ(find_inbox(&sys_b, 7), nullptr);
  EXPECT_EQ(find_inbox(&sys_a, 8), nullptr);
  unregister_inbox(&sys_a, 7);
  EXPECT_EQ(find_inbox(&sys_a, 7), nullptr);
}

namespace {

struct inbox_fixture : karb::test::actor_fixture {
  std::vector<caf::actor> spawned;

  book_actor spawn() {
    book_setup s;
    s.symbol = krw_btc();
    s.depth = 2;
    auto b = spawn_book(sys, s);
    spawned.push_back(caf::actor_cast<caf::actor>(b));
    run();
    return b;
  }

  book_stats stats(const book_actor& b) {
    book_stats out;
    auto rh = self->request(b, caf::infinite, atom::stats_v);
    run();
    rh.receive([&](book_stats& s) { out = s; },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  ~inbox_fixture() override {
    for (auto& a : spawned)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    run();
  }
};

} // namespace

TEST_F(inbox_fixture, RoutedBooksWakeTheActorOncePerEmptySlot) {
  auto b = spawn();
  venue::book_routes routes;
  EXPECT_TRUE(routes.add("KRW-BTC", b));
  EXPECT_FALSE(routes.add("KRW-BTC", b));
  venue::book_routes::reader r;
  EXPECT_TRUE(routes.route(frame("100", "101", 1000), r));
  EXPECT_TRUE(routes.route(frame("100", "102", 1001), r));
  EXPECT_TRUE(routes.route(frame("100", "103", 1002), r));
  auto other = frame("100", "101", 1000);
  other.symbol.venue_symbol = "KRW-ETH";
  EXPECT_FALSE(routes.route(other, r));
  run();
  auto s = stats(b);
  EXPECT_EQ(s.applied, 1u);
  EXPECT_EQ(s.conflated, 2u);
  EXPECT_EQ(s.frames, 3u);
  auto v = [&] {
    book_view out;
    auto rh = self->request(b, caf::infinite, atom::get_v);
    run();
    rh.receive([&](book_view& x) { out = x; }, [](caf::error&) {});
    return out;
  }();
  ASSERT_EQ(v.book.asks.size(), 1u);
  EXPECT_EQ(v.book.asks[0].price, dec("103")); // the newest won
  // After the actor took the slot, the next book wakes it again.
  EXPECT_TRUE(routes.route(frame("100", "104", 1003), r));
  run();
  s = stats(b);
  EXPECT_EQ(s.applied, 2u);
  EXPECT_EQ(s.conflated, 2u);
  EXPECT_EQ(s.mailbox_max, 0u); // one wake-up at a time
}

TEST_F(inbox_fixture, StatsShowTheLargestMailboxSeen) {
  auto b = spawn();
  caf::anon_send(b, frame("100", "101", 1000));
  caf::anon_send(b, frame("100", "102", 1001));
  caf::anon_send(b, frame("100", "103", 1002));
  run();
  auto s = stats(b);
  EXPECT_EQ(s.applied, 3u);
  EXPECT_EQ(s.mailbox_max, 2u); // two more waited behind the first
}

TEST_F(inbox_fixture, ARouteAddedLaterIsSeenByAnExistingReader) {
  auto b = spawn();
  venue::book_routes routes;
  venue::book_routes::reader r;
  EXPECT_FALSE(routes.route(frame("100", "101", 1000), r));
  routes.add("KRW-BTC", b);
  EXPECT_TRUE(routes.route(frame("100", "101", 1000), r));
  run();
  EXPECT_EQ(stats(b).applied, 1u);
}

TEST_F(inbox_fixture, AStoppedBookLeavesTheRegistry) {
  auto b = spawn();
  auto ptr = caf::actor_cast<caf::strong_actor_ptr>(b);
  EXPECT_NE(find_inbox(ptr->home_system, b.id()), nullptr);
  caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
  run();
  EXPECT_EQ(find_inbox(ptr->home_system, b.id()), nullptr);
}
