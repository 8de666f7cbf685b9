// The book core on venues whose snapshots come on the socket: OKX (seqId /
// prevSeqId and the CRC32 checksum, replayed from the real captures) and
// Bybit (u, reset on a snapshot or u = 1). A broken sequence or checksum
// discards the book and asks for a resubscription until a snapshot comes.

#include "actors/book/book_core.hpp"

#include <gtest/gtest.h>

#include "tests/actors/book_fixtures.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;

namespace {

constexpr int64_t sec = 1'000'000'000;

book_core core_of(sync_mode mode) {
  book_core_config cfg;
  cfg.mode = mode;
  cfg.stale_after_ns = 5 * sec;
  cfg.depth = 5;
  return book_core{cfg};
}

instrument okx_btc() {
  return {exchange::okx_spot, "BTC", "USDT", "BTC-USDT"};
}

/// One OKX books push as the feed decoder hands it over.
book_delta okx_delta(const nlohmann::json& msg) {
  const auto& d = msg["data"][0];
  book_delta out;
  out.symbol = okx_btc();
  out.bids = levels_of(d["bids"]);
  out.asks = levels_of(d["asks"]);
  out.reset = msg["action"] == "snapshot";
  if (d.contains("seqId")) {
    out.seq = d["seqId"].get<int64_t>();
    out.prev_seq = d["prevSeqId"].get<int64_t>();
  } else { // pre-2023 captures: the checksum alone
    out.seq = out.prev_seq = okx_sequencer::no_seq;
  }
  out.has_checksum = true;
  out.checksum = d["checksum"].get<int32_t>();
  out.ts_event_ns = std::stoll(d["ts"].get<std::string>()) * 1'000'000;
  return out;
}

std::vector<book_delta> okx_capture(const std::string& rel) {
  std::vector<book_delta> out;
  for (const auto& msg : read_jsonl(rel))
    if (msg.contains("action"))
      out.push_back(okx_delta(msg));
  return out;
}

book_delta bybit_delta(bool snapshot, int64_t u,
                       std::vector<price_level> bids,
                       std::vector<price_level> asks) {
  book_delta d;
  d.symbol = {exchange::bybit_spot, "BTC", "USDT", "BTCUSDT"};
  d.reset = snapshot || u == 1;
  d.seq = d.first_seq = u;
  d.bids = std::move(bids);
  d.asks = std::move(asks);
  return d;
}

} // namespace

TEST(BookSocketSync, OkxCaptureAppliesWithEveryChecksumMatching) {
  auto c = core_of(sync_mode::okx);
  auto msgs = okx_capture("okx/ws_books_BTC-USDT.jsonl");
  ASSERT_EQ(msgs.size(), 98u);
  int64_t now = sec;
  for (const auto& d : msgs) {
    auto r = c.on_delta(d, now += 1'000'000);
    EXPECT_TRUE(r.applied) << "seq " << d.seq;
    EXPECT_FALSE(r.need_snapshot);
  }
  EXPECT_TRUE(c.healthy());
  auto s = c.stats(okx_btc());
  EXPECT_EQ(s.resyncs, 0u);
  EXPECT_EQ(s.applied, 98u);
  EXPECT_EQ(s.dropped, 0u);
  // The book is the venue's: its checksum is the last push's.
  EXPECT_EQ(okx_checksum(c.book()), msgs.back().checksum);
}

TEST(BookSocketSync, OkxCorruptedChecksumResyncsUntilTheNextSnapshot) {
  auto c = core_of(sync_mode::okx);
  auto msgs = okx_capture("okx/ws_books_BTC-USDT.jsonl");
  int64_t now = sec;
  ASSERT_TRUE(c.on_delta(msgs[0], now).applied);
  ASSERT_TRUE(c.on_delta(msgs[1], now += 1000).applied);
  ASSERT_TRUE(c.healthy());
  auto bad = msgs[2];
  bad.checksum ^= 1; // one bit off
  auto r = c.on_delta(bad, now += 1000);
  EXPECT_FALSE(r.applied);
  EXPECT_TRUE(r.health_changed);
  EXPECT_TRUE(r.need_snapshot); // the shell resubscribes the book
  EXPECT_EQ(c.health(), book_health::resync);
  EXPECT_EQ(c.book().bid_levels(), 0u); // discarded, never traded on
  EXPECT_EQ(c.stats(okx_btc()).resyncs, 1u);
  // Updates before the new snapshot are of no use; the ask stays.
  r = c.on_delta(msgs[3], now += 1000);
  EXPECT_FALSE(r.applied);
  EXPECT_TRUE(r.need_snapshot);
  // A later tick still asks (the shell throttles the resubscribes).
  EXPECT_TRUE(c.on_tick(now += 1000).need_snapshot);
  // The resubscription's snapshot restores it.
  r = c.on_delta(msgs[0], now += 1000);
  EXPECT_TRUE(r.applied);
  EXPECT_FALSE(r.need_snapshot);
  EXPECT_TRUE(c.healthy());
  EXPECT_FALSE(c.on_tick(now += 1000).need_snapshot);
}

TEST(BookSocketSync, OkxSeqGapResyncs) {
  auto c = core_of(sync_mode::okx);
  auto msgs = okx_capture("okx/ws_books_BTC-USDT.jsonl");
  ASSERT_TRUE(c.on_delta(msgs[0], sec).applied);
  auto r = c.on_delta(msgs[2], sec + 1000); // msgs[1] lost
  EXPECT_FALSE(r.applied);
  EXPECT_TRUE(r.need_snapshot);
  EXPECT_EQ(c.health(), book_health::resync);
}

TEST(BookSocketSync, OkxSwapChecksumCountsContracts) {
  // A swap book in base units (10 per contract here) hashes like the
  // venue's contract sizes: the whole capture replays cleanly.
  auto c = core_of(sync_mode::okx);
  c.set_contract_size(dec("10"));
  int64_t now = sec;
  for (auto d : okx_capture("okx/ws_books_UNI-USD-SWAP.jsonl")) {
    for (auto* side : {&d.bids, &d.asks})
      for (auto& l : *side)
        l.volume = *decimal::mul(l.volume, dec("10"));
    EXPECT_TRUE(c.on_delta(d, now += 1000).applied);
  }
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.stats(okx_btc()).resyncs, 0u);
}

TEST(BookSocketSync, BybitDeltasChainOnUAndUOneResets) {
  auto c = core_of(sync_mode::bybit);
  int64_t now = sec;
  // Deltas before the first snapshot are dropped without a resubscribe
  // (subscribing brings the snapshot).
  auto r = c.on_delta(bybit_delta(false, 7, {{dec("100"), dec("1")}}, {}), now);
  EXPECT_TRUE(r.dropped);
  EXPECT_FALSE(r.need_snapshot);
  r = c.on_delta(bybit_delta(true, 100, {{dec("100"), dec("1")}},
                             {{dec("101"), dec("1")}}),
                 now += 1000);
  EXPECT_TRUE(r.applied);
  EXPECT_TRUE(c.healthy());
  r = c.on_delta(bybit_delta(false, 101, {{dec("100"), dec("0")},
                                          {dec("99.5"), dec("2")}},
                             {}),
                 now += 1000);
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(c.book().level(book_side_id::bid, 0).price, dec("99.5"));
  EXPECT_TRUE(c.on_delta(bybit_delta(false, 101, {}, {}), now += 1000)
                .dropped); // a repeat
  // The service restarted: u = 1 overwrites the book.
  r = c.on_delta(bybit_delta(false, 1, {{dec("98"), dec("3")}},
                             {{dec("99"), dec("4")}}),
                 now += 1000);
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(c.book().bid_levels(), 1u);
  EXPECT_EQ(c.book().level(book_side_id::ask, 0).price, dec("99"));
  // A gap (3 after 1) resyncs and asks for a resubscription.
  r = c.on_delta(bybit_delta(false, 3, {{dec("97"), dec("1")}}, {}),
                 now += 1000);
  EXPECT_FALSE(r.applied);
  EXPECT_TRUE(r.need_snapshot);
  EXPECT_EQ(c.health(), book_health::resync);
  EXPECT_EQ(c.stats(okx_btc()).resyncs, 1u);
}
