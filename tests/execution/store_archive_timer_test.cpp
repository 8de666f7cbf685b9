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

  store_actor start() {
    store::store_setup ss;
    ss.path = tmp.path();
    ss.keep = 48h;
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
