// The intent journal alone: what goes in comes back (last version wins),
// a torn or corrupt tail ends the read, rotation keeps the previous file,
// and the merge inserts only what the database lacks.

#include "actors/store/intent_journal.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "actors/store/journal_merge.hpp"
#include "actors/store/store_db.hpp"
#include "tests/execution/records.hpp"
#include "tests/execution/temp_db.hpp"

using namespace karb;
using namespace karb::store;

namespace {

/// An entry leg as the order actor journals it: pending, with a trail.
order_record intent(const std::string& trade, int leg) {
  auto r = test::make_order(trade, leg, order_status::pending);
  r.request.trail.order = 77;
  r.state.client_order_id = r.request.client_order_id;
  r.state.amount = r.request.amount;
  return r;
}

trade_record stored_trade(const std::string& id) {
  return test::make_trade(id, "legs_submitted");
}

struct journal_test : ::testing::Test {
  test::temp_db tmp;
  std::string path = tmp.path() + ".intents";
  ~journal_test() override { intent_journal::clear(path); }

  std::shared_ptr<intent_journal> open(int64_t rotate = 1 << 20) {
    std::string error;
    auto j = intent_journal::open(path, false, error, rotate);
    EXPECT_TRUE(j) << error;
    return j;
  }

  recovery_set read() {
    std::string error;
    auto out = intent_journal::read(path, error);
    EXPECT_EQ(error, "");
    return out;
  }
};

} // namespace

TEST_F(journal_test, AMissingJournalReadsEmpty) {
  auto set = read();
  EXPECT_TRUE(set.trades.empty());
  EXPECT_TRUE(set.orders.empty());
}

TEST_F(journal_test, ReadsBackEveryRecordTheLatestVersionWins) {
  auto j = open();
  ASSERT_TRUE(j->append(stored_trade("T1")));
  ASSERT_TRUE(j->append(intent("T1", 0)));
  ASSERT_TRUE(j->append(intent("T1", 1)));
  auto later = intent("T1", 0);
  later.state.status = order_status::submitted;
  ASSERT_TRUE(j->append(later));
  auto set = read();
  ASSERT_EQ(set.trades.size(), 1u);
  EXPECT_EQ(set.trades[0].opportunity_id, "opp-T1");
  ASSERT_EQ(set.orders.size(), 2u);
  EXPECT_EQ(set.orders[0].request.client_order_id, "karb-T1-0-1");
  EXPECT_EQ(set.orders[0].state.status, order_status::submitted);
  EXPECT_EQ(set.orders[0].request.price, dec("100000000.5"));
  EXPECT_EQ(set.orders[0].request.trail.order, 77);
  EXPECT_EQ(set.orders[1].request.client_order_id, "karb-T1-1-1");
  EXPECT_EQ(set.orders[1].request.symbol.venue_symbol, "BTC_KRW");
}

TEST_F(journal_test, ATornTailEndsTheRead) {
  auto j = open();
  ASSERT_TRUE(j->append(intent("T1", 0)));
  ASSERT_TRUE(j->append(intent("T1", 1)));
  j.reset();
  auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 3);
  auto set = read();
  ASSERT_EQ(set.orders.size(), 1u);
  EXPECT_EQ(set.orders[0].request.client_order_id, "karb-T1-0-1");
}

TEST_F(journal_test, ACorruptRecordEndsTheRead) {
  auto j = open();
  ASSERT_TRUE(j->append(intent("T1", 0)));
  ASSERT_TRUE(j->append(intent("T1", 1)));
  j.reset();
  {
    std::fstream f{path, std::ios::in | std::ios::out | std::ios::binary};
    f.seekp(20); // inside the first record's payload
    f.put('\x7f');
  }
  EXPECT_TRUE(read().orders.empty());
}

TEST_F(journal_test, RotationKeepsThePreviousFile) {
  {
    auto probe = open();
    ASSERT_TRUE(probe->append(intent("T0", 0)));
  }
  auto one = static_cast<int64_t>(std::filesystem::file_size(path));
  intent_journal::clear(path);
  // Rotates once the file holds two records: A and B move to `.1`.
  auto j = open(one + one / 2);
  ASSERT_TRUE(j->append(intent("A", 0)));
  ASSERT_TRUE(j->append(intent("B", 0)));
  EXPECT_TRUE(std::filesystem::exists(path + ".1"));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  ASSERT_TRUE(j->append(intent("C", 0)));
  auto set = read();
  ASSERT_EQ(set.orders.size(), 3u);
  EXPECT_EQ(set.orders[0].trade_id, "A");
  EXPECT_EQ(set.orders[1].trade_id, "B");
  EXPECT_EQ(set.orders[2].trade_id, "C");
}

TEST_F(journal_test, MergeInsertsOnlyWhatTheDatabaseLacksThenEmptiesIt) {
  store_db db{tmp.path()};
  auto known = intent("T1", 0);
  known.state.status = order_status::filled;
  auto done = stored_trade("T1");
  done.state = "done";
  ASSERT_TRUE(db.put_trade(done));
  ASSERT_TRUE(db.put_order(known));
  auto j = open();
  ASSERT_TRUE(j->append(stored_trade("T1")));
  ASSERT_TRUE(j->append(intent("T1", 0)));   // older than the database's
  ASSERT_TRUE(j->append(stored_trade("T2")));
  ASSERT_TRUE(j->append(intent("T2", 1)));   // the store never saw it
  j.reset();
  auto m = merge_journal(db, path);
  EXPECT_EQ(m.error, "");
  EXPECT_EQ(m.trades, 1);
  EXPECT_EQ(m.orders, 1);
  EXPECT_EQ(db.order("karb-T1-0-1").state.status, order_status::filled);
  EXPECT_EQ(db.order("karb-T2-1-1").state.status, order_status::pending);
  EXPECT_TRUE(db.has_trade("T2"));
  EXPECT_FALSE(std::filesystem::exists(path));
  auto open_set = db.load_open();
  ASSERT_EQ(open_set.orders.size(), 1u);
  EXPECT_EQ(open_set.orders[0].request.client_order_id, "karb-T2-1-1");
}

TEST_F(journal_test, AnUnopenableJournalSaysWhy) {
  std::string error;
  auto j = intent_journal::open("/nonexistent-dir/x.intents", false, error);
  EXPECT_FALSE(j);
  EXPECT_NE(error.find("/nonexistent-dir/x.intents"), std::string::npos);
}
