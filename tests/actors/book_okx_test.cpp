// OKX books: checksum vectors (exchanges.md §8.4), full replay of the real
// captures with every checksum verified, seqId/prevSeqId rules, corruption.

#include <gtest/gtest.h>

#include "actors/book/okx_checksum.hpp"
#include "exchanges/binance/sequencing.hpp"
#include "exchanges/bybit/sequencing.hpp"
#include "exchanges/common/book_sync.hpp"
#include "exchanges/okx/sequencing.hpp"
#include "book_fixtures.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;

namespace {

/// Applies one level given as received strings (size "0" removes).
void apply_level(l2_book& book, book_side_id side, std::string_view px,
                 std::string_view sz) {
  auto price = decimal::parse_exact(px);
  auto qty = decimal::parse_exact(sz);
  ASSERT_TRUE(price && qty) << px << " " << sz;
  ASSERT_TRUE(book.apply(side, *price, *qty));
}

/// Applies one books message's levels.
void apply_message(l2_book& book, const nlohmann::json& d) {
  for (const auto& l : d["bids"])
    apply_level(book, book_side_id::bid, l[0].get<std::string>(),
                l[1].get<std::string>());
  for (const auto& l : d["asks"])
    apply_level(book, book_side_id::ask, l[0].get<std::string>(),
                l[1].get<std::string>());
  book.touch(std::stoll(d["ts"].get<std::string>()) * 1'000'000);
}

struct okx_replay {
  int snapshots = 0;
  int updates = 0;
  int verified = 0;
  int mismatches = 0;
};

okx_replay replay_file(const std::string& rel, l2_book& book,
                       okx_sequencer& seq) {
  okx_replay r;
  for (const auto& msg : read_jsonl(rel)) {
    if (!msg.contains("action"))
      continue; // subscribe ack
    const auto& d = msg["data"][0];
    if (msg["action"] == "snapshot") {
      ++r.snapshots;
      EXPECT_EQ(seq.on_snapshot(), verdict::replace);
      book.clear();
    } else {
      ++r.updates;
      EXPECT_EQ(seq.on_update(), verdict::apply);
    }
    apply_message(book, d);
    bool ok = okx_checksum(book) == d["checksum"].get<int32_t>();
    if (seq.on_checksum(ok) == verdict::apply)
      ++r.verified;
    else
      ++r.mismatches;
  }
  return r;
}

} // namespace

TEST(BookOkxChecksum, MatchesDocumentedVectors) {
  EXPECT_EQ(static_cast<int32_t>(crc32("3366.1:7:3366.8:9:3366:6:3368:8")),
            -1881014294);
  EXPECT_EQ(static_cast<int32_t>(crc32("3366.1:7:3366.8:9:3368:8:3372:8")),
            831078360);
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u); // the CRC-32 check value
}

TEST(BookOkxChecksum, InterleavesSidesAndSkipsMissingLevels) {
  l2_book book;
  apply_level(book, book_side_id::bid, "3366.1", "7");
  apply_level(book, book_side_id::bid, "3366", "6");
  apply_level(book, book_side_id::ask, "3366.8", "9");
  EXPECT_EQ(okx_checksum_string(book), "3366.1:7:3366.8:9:3366:6");
  apply_level(book, book_side_id::ask, "3368", "8");
  EXPECT_EQ(okx_checksum(book), -1881014294);
  apply_level(book, book_side_id::bid, "3366", "0"); // removes
  EXPECT_EQ(okx_checksum_string(book), "3366.1:7:3366.8:9:3368:8");
  EXPECT_EQ(book.bid_levels(), 1u);
}

TEST(BookOkxChecksum, CountsSwapSizesInContracts) {
  l2_book book; // 0.5 and 0.02 BTC at 0.01 BTC per contract
  apply_level(book, book_side_id::bid, "30000.5", "0.5");
  apply_level(book, book_side_id::ask, "30001", "0.02");
  EXPECT_EQ(okx_checksum_string(book, *decimal::parse_exact("0.01")),
            "30000.5:50:30001:2");
}

TEST(BookOkxChecksum, SnapshotOfBtcUsdtCaptureMatchesStringFromReference) {
  auto msgs = read_jsonl("okx/ws_books_BTC-USDT.jsonl");
  l2_book book;
  apply_message(book, msgs[1]["data"][0]);
  auto s = okx_checksum_string(book);
  EXPECT_EQ(s.rfind("30243.4:0.0012029:30243.5:1.44679:30236.6:0.007903:"
                    "30244:0.08:", 0),
            0u);
  EXPECT_EQ(okx_checksum(book), 47640993);
}

TEST(BookOkx, ReplaysBtcUsdtWithEveryChecksumVerified) {
  l2_book book;
  okx_sequencer seq;
  auto r = replay_file("okx/ws_books_BTC-USDT.jsonl", book, seq);
  EXPECT_EQ(r.snapshots, 1);
  EXPECT_EQ(r.updates, 97);
  EXPECT_EQ(r.verified, 98);
  EXPECT_EQ(r.mismatches, 0);
  EXPECT_FALSE(book.crossed());
  EXPECT_EQ(seq.state(), sync_state::live);
}

TEST(BookOkx, ReplaysUniUsdSwapWithEveryChecksumVerified) {
  l2_book book;
  okx_sequencer seq;
  auto r = replay_file("okx/ws_books_UNI-USD-SWAP.jsonl", book, seq);
  EXPECT_EQ(r.snapshots, 1);
  EXPECT_EQ(r.updates, 92);
  EXPECT_EQ(r.verified, 93);
  EXPECT_EQ(r.mismatches, 0);
  EXPECT_FALSE(book.crossed());
}

TEST(BookOkx, CorruptedLevelFailsChecksumAndResyncs) {
  auto msgs = read_jsonl("okx/ws_books_BTC-USDT.jsonl");
  l2_book book;
  okx_sequencer seq;
  seq.on_snapshot();
  apply_message(book, msgs[1]["data"][0]);
  ASSERT_EQ(seq.on_checksum(okx_checksum(book)
                            == msgs[1]["data"][0]["checksum"].get<int32_t>()),
            verdict::apply);
  // Corrupt the next update: change the size of its first level.
  auto d = msgs[2]["data"][0];
  auto& side = d["bids"].empty() ? d["asks"] : d["bids"];
  side[0][1] = "123.456";
  EXPECT_EQ(seq.on_update(), verdict::apply);
  apply_message(book, d);
  EXPECT_NE(okx_checksum(book), d["checksum"].get<int32_t>());
  EXPECT_EQ(seq.on_checksum(false), verdict::resync);
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);
  EXPECT_EQ(seq.on_update(), verdict::drop); // until the next snapshot
}

TEST(BookOkxSequencer, FollowsSeqIdChain) {
  okx_sequencer seq;
  EXPECT_EQ(seq.on_update(10, 11), verdict::drop); // before the snapshot
  EXPECT_EQ(seq.on_snapshot(100), verdict::replace);
  EXPECT_EQ(seq.on_update(100, 105), verdict::apply);
  EXPECT_EQ(seq.on_update(105, 105), verdict::apply); // heartbeat
  EXPECT_EQ(seq.last_seq(), 105);
  EXPECT_EQ(seq.on_update(100, 105), verdict::drop);  // replayed old message
  EXPECT_EQ(seq.on_update(105, 3), verdict::apply);   // reset after maintenance
  EXPECT_EQ(seq.on_update(3, 7), verdict::apply);
  EXPECT_EQ(seq.on_update(9, 12), verdict::resync);   // 7 -> 9 missing
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);
}
