// The store actor's retention timer: at spawn and then hourly it moves what
// is older than `keep` (by its wall clock) to the month's archive file.

#include <chrono>
#include <filesystem>
#include <string>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/store/archive.hpp"
#include "actors/store/store.hpp"
#include "tests/execution/records.hpp"
#include "tests/execution/temp_db.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

constexpr int64_t h = 3'600'000'000'000;
// 2026-12-15T00:00:00Z
constexpr int64_t t0 = 1'797'292'800'000'000'000;

struct store_archive_timer : test::actor_fixture {
  test::temp_db tmp;
  std::string archive = store::archive_path_for(tmp.path(), t0);

  ~store_archive_timer() override {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(archive + suffix, ec);
  }

  store_actor start(int64_t batch = store::archive_batch) {
    store::store_setup ss;
    ss.path = tmp.path();
    ss.keep = 48h;
    ss.archive_batch = batch;
    ss.wall_clock = virtual_wall(t0);
    auto s = store::spawn_store(sys, std::move(ss));
    run();
    return s;
  }

  /// A finished trade, last updated at `ts`, and its filled order.
  static void put_done(store::store_db& db, const std::string& id,
                       int64_t ts) {
    auto t = test::make_trade(id, "done");
    t.updated_ns = ts;
    ASSERT_TRUE(db.put_trade(t));
    ASSERT_TRUE(db.put_order(test::make_order(id, 0, order_status::filled)));
  }

  bool live_has(const std::string& id) {
    return store::store_db{tmp.path()}.has_trade(id);
  }
  bool archived(const std::string& id) {
    return std::filesystem::exists(archive)
           && store::store_db{archive}.has_trade(id);
  }
};

} // namespace

TEST_F(store_archive_timer, ArchivesAtSpawn) {
  {
    store::store_db db{tmp.path()};
    put_done(db, "T1", t0 - 49 * h);
  }
  auto s = start();
  EXPECT_FALSE(live_has("T1"));
  EXPECT_TRUE(archived("T1"));
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}

TEST_F(store_archive_timer, ArchivesAgainEveryHour) {
  auto s = start();
  // Ages past 48 h half an hour after spawn.
  auto t = test::make_trade("T1", "done");
  t.updated_ns = t0 - 47 * h - h / 2;
  caf::anon_send(s, t);
  caf::anon_send(s, test::make_order("T1", 0, order_status::filled));
  run();
  advance(59min);
  EXPECT_TRUE(live_has("T1"));
  EXPECT_FALSE(archived("T1"));
  advance(1min);
  EXPECT_FALSE(live_has("T1"));
  EXPECT_TRUE(archived("T1"));
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}

TEST_F(store_archive_timer, ArchivesNothingWithoutKeep) {
  {
    store::store_db db{tmp.path()};
    put_done(db, "T1", t0 - 49 * h);
  }
  store::store_setup ss;
  ss.path = tmp.path();
  ss.wall_clock = virtual_wall(t0);
  auto s = store::spawn_store(sys, std::move(ss));
  run();
  advance(1h);
  EXPECT_TRUE(live_has("T1"));
  EXPECT_FALSE(std::filesystem::exists(archive));
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}

TEST_F(store_archive_timer, AFullBatchRunsAgainBehindTheWritesThatCameMeanwhile) {
  {
    store::store_db db{tmp.path()};
    for (const char* id : {"T1", "T2", "T3"})
      put_done(db, id, t0 - 49 * h);
  }
  auto s = start(1); // one trade a run
  for (const char* id : {"T1", "T2", "T3"}) {
    EXPECT_FALSE(live_has(id)) << id;
    EXPECT_TRUE(archived(id)) << id;
  }
  // An hour later two more are due; a write that arrives after the timer
  // fired is stored between the two runs, not after both.
  {
    store::store_db db{tmp.path()};
    put_done(db, "T4", t0 - 49 * h);
    put_done(db, "T5", t0 - 49 * h);
  }
  sched.advance_time(1h);
  auto w = test::make_trade("W", "done");
  w.updated_ns = t0;
  caf::anon_send(s, w);
  sched.run_once(); // the first run
  EXPECT_EQ(int{archived("T4")} + int{archived("T5")}, 1);
  EXPECT_FALSE(live_has("W"));
  sched.run_once(); // the write
  EXPECT_TRUE(live_has("W"));
  EXPECT_EQ(int{live_has("T4")} + int{live_has("T5")}, 1);
  run(); // the second run
  EXPECT_TRUE(archived("T4"));
  EXPECT_TRUE(archived("T5"));
  EXPECT_TRUE(live_has("W"));
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}
