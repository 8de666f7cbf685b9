#include "actors/api/grpc/update_queue.hpp"

#include <gtest/gtest.h>

namespace karb::api {
namespace {

board_entry snapshot(const std::string& topic, uint64_t seq) {
  return {topic, std::make_shared<const std::string>("{}"), seq, 0, false};
}

board_entry item(const std::string& topic, uint64_t seq) {
  return {topic, std::make_shared<const std::string>("{}"), seq, 0, true};
}

std::vector<uint64_t> drain(update_queue& q) {
  std::vector<uint64_t> seqs;
  while (auto e = q.pop())
    seqs.push_back(e->seq);
  return seqs;
}

TEST(UpdateQueue, KeepsArrivalOrder) {
  update_queue q;
  q.push(snapshot("status", 1));
  q.push(item("events", 2));
  q.push(snapshot("orders", 3));
  EXPECT_EQ(drain(q), (std::vector<uint64_t>{1, 2, 3}));
}

TEST(UpdateQueue, ReplacesAQueuedSnapshotWithTheNewerOneInItsPlace) {
  update_queue q;
  q.push(snapshot("status", 1));
  q.push(item("events", 2));
  q.push(snapshot("status", 3));
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(drain(q), (std::vector<uint64_t>{3, 2}));
}

TEST(UpdateQueue, DropsASnapshotNoNewerThanOneAlreadyTaken) {
  update_queue q;
  q.push(snapshot("status", 5));
  EXPECT_EQ(drain(q), (std::vector<uint64_t>{5}));
  EXPECT_TRUE(q.push(snapshot("status", 5)));
  EXPECT_TRUE(q.push(snapshot("status", 4)));
  EXPECT_TRUE(q.empty());
  q.push(snapshot("status", 6));
  EXPECT_EQ(drain(q), (std::vector<uint64_t>{6}));
}

TEST(UpdateQueue, RefusesAStreamItemBeyondTheBacklogBound) {
  update_queue q{3};
  for (uint64_t seq = 1; seq <= 3; ++seq)
    EXPECT_TRUE(q.push(item("events", seq)));
  EXPECT_FALSE(q.push(item("events", 4)));
  // Snapshots are conflated, so they never count against the bound.
  EXPECT_TRUE(q.push(snapshot("status", 5)));
  EXPECT_EQ(drain(q), (std::vector<uint64_t>{1, 2, 3, 5}));
  EXPECT_TRUE(q.push(item("events", 6)));
}

TEST(UpdateQueue, DefaultsToAThousandStreamItems) {
  update_queue q;
  for (uint64_t seq = 1; seq <= 1000; ++seq)
    ASSERT_TRUE(q.push(item("events", seq)));
  EXPECT_FALSE(q.push(item("alerts", 1001)));
}

} // namespace
} // namespace karb::api
