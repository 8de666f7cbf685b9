// The stream's pure parts: a client's outbox (conflation, order, the
// backlog bound), topic patterns, client ops and frames.

#include "actors/api/outbox.hpp"
#include "actors/api/stream_protocol.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace karb::api;

namespace {

board_entry snap(std::string topic, uint64_t seq, std::string json = "{}") {
  return {std::move(topic), std::make_shared<const std::string>(json), seq,
          1000 + static_cast<int64_t>(seq), false};
}

board_entry item(std::string topic, uint64_t seq) {
  auto e = snap(std::move(topic), seq);
  e.stream = true;
  return e;
}

std::vector<std::pair<std::string, uint64_t>> drain(outbox& box) {
  std::vector<std::pair<std::string, uint64_t>> out;
  while (auto e = box.pop())
    out.emplace_back(e->topic, e->seq);
  return out;
}

using sent = std::vector<std::pair<std::string, uint64_t>>;

} // namespace

TEST(Outbox, ASnapshotTopicKeepsOnlyItsNewestPendingValue) {
  outbox box;
  EXPECT_TRUE(box.push(snap("status", 1)));
  EXPECT_TRUE(box.push(snap("pnl", 2)));
  EXPECT_TRUE(box.push(snap("status", 3)));
  EXPECT_TRUE(box.push(snap("status", 4)));
  EXPECT_EQ(box.size(), 2u);
  // status keeps its place in the queue, with the newest value.
  EXPECT_EQ(drain(box), (sent{{"status", 4}, {"pnl", 2}}));
}

TEST(Outbox, AnOlderSnapshotThanOneAlreadyQueuedIsDropped) {
  outbox box;
  box.push(snap("status", 5));
  box.push(snap("status", 3)); // e.g. the subscribe snapshot raced an update
  EXPECT_EQ(drain(box), (sent{{"status", 5}}));
  box.push(snap("status", 5)); // already sent
  EXPECT_TRUE(box.empty());
  box.push(snap("status", 6));
  EXPECT_EQ(drain(box), (sent{{"status", 6}}));
}

TEST(Outbox, StreamItemsAllQueueInOrder) {
  outbox box;
  box.push(item("events", 1));
  box.push(snap("status", 2));
  box.push(item("events", 3));
  box.push(item("alerts", 4));
  EXPECT_EQ(box.stream_backlog(), 3u);
  EXPECT_EQ(drain(box),
            (sent{{"events", 1}, {"status", 2}, {"events", 3}, {"alerts", 4}}));
  EXPECT_EQ(box.stream_backlog(), 0u);
}

TEST(Outbox, AStreamBacklogBeyondTheBoundMeansTooSlow) {
  outbox box{3};
  EXPECT_TRUE(box.push(item("events", 1)));
  EXPECT_TRUE(box.push(item("events", 2)));
  EXPECT_TRUE(box.push(item("events", 3)));
  // Snapshots never count: they conflate.
  for (uint64_t s = 4; s < 100; ++s)
    EXPECT_TRUE(box.push(snap("status", s)));
  EXPECT_FALSE(box.push(item("events", 100)));
  box.clear();
  EXPECT_TRUE(box.empty());
  EXPECT_EQ(box.stream_backlog(), 0u);
}

TEST(Outbox, SendingMakesRoomForMoreStreamItems) {
  outbox box{2};
  box.push(item("events", 1));
  box.push(item("events", 2));
  box.pop();
  EXPECT_TRUE(box.push(item("events", 3)));
  EXPECT_FALSE(box.push(item("events", 4)));
}

TEST(StreamProtocol, PatternsMatchExactlyOrByPrefix) {
  EXPECT_TRUE(pattern_matches("status", "status"));
  EXPECT_FALSE(pattern_matches("status", "statuses"));
  EXPECT_TRUE(pattern_matches("spread:*", "spread:upbit-bithumb:BTC"));
  EXPECT_FALSE(pattern_matches("spread:*", "spreads"));
  EXPECT_TRUE(pattern_matches("*", "anything"));
  EXPECT_TRUE(pattern_matches("book:upbit:*", "book:upbit:KRW-BTC"));
  EXPECT_FALSE(pattern_matches("book:upbit:*", "book:bithumb:BTC_KRW"));
}

TEST(StreamProtocol, AFilterAddsAndRemovesPatterns) {
  topic_filter f;
  EXPECT_FALSE(f.matches("events"));
  f.add({"events", "spread:*"});
  EXPECT_TRUE(f.matches("events"));
  EXPECT_TRUE(f.matches("spread:a-b:BTC"));
  f.remove({"spread:*"});
  EXPECT_FALSE(f.matches("spread:a-b:BTC"));
  EXPECT_TRUE(f.matches("events"));
}

TEST(StreamProtocol, ClientOpsAreParsedOrRefused) {
  std::string error;
  auto sub = parse_client_op(
    R"({"op":"subscribe","topics":["spread:*","events"]})", error);
  ASSERT_TRUE(sub);
  EXPECT_TRUE(sub->subscribe);
  EXPECT_EQ(sub->topics, (std::vector<std::string>{"spread:*", "events"}));
  auto unsub = parse_client_op(R"({"op":"unsubscribe","topics":["events"]})",
                               error);
  ASSERT_TRUE(unsub);
  EXPECT_FALSE(unsub->subscribe);
  for (auto bad : {"", "{}", R"({"op":"publish","topics":[]})",
                   R"({"op":"subscribe"})", R"({"op":"subscribe","topics":[1]})",
                   R"({"op":"subscribe","topics":[""]})", "[1]"}) {
    error.clear();
    EXPECT_FALSE(parse_client_op(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(StreamProtocol, AFrameCarriesTopicSeqTimeAndTheDocument) {
  auto f = nlohmann::json::parse(frame_of(snap("book:upbit:\"x", 7,
                                               R"({"bids":[1]})")));
  EXPECT_EQ(f, nlohmann::json::parse(R"({"topic":"book:upbit:\"x","seq":7,
                                         "ts_ms":1007,"data":{"bids":[1]}})"));
}
