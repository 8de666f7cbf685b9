// Full-snapshot venues (Upbit SIMPLE capture, Upbit REST) and Bybit
// snapshot/delta (docs examples).

#include <gtest/gtest.h>

#include <map>

#include "actors/book/l2_book.hpp"
#include "exchanges/binance/sequencing.hpp"
#include "exchanges/bybit/sequencing.hpp"
#include "exchanges/common/book_sync.hpp"
#include "exchanges/okx/sequencing.hpp"
#include "book_fixtures.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;

namespace {

/// Upbit quotation numbers are JSON ints or floats.
decimal number(const nlohmann::json& j) {
  if (j.is_number_integer())
    return decimal::from_int(j.get<int64_t>());
  return *decimal::from_double(j.get<double>());
}

/// SIMPLE-format orderbook message -> order_book message.
order_book upbit_simple_book(const nlohmann::json& m) {
  order_book b;
  b.symbol.venue = exchange::upbit;
  b.symbol.venue_symbol = m["cd"].get<std::string>();
  for (const auto& u : m["obu"]) {
    b.bids.push_back({number(u["bp"]), number(u["bs"])});
    b.asks.push_back({number(u["ap"]), number(u["as"])});
  }
  b.ts_event_ns = m["tms"].get<int64_t>() * 1'000'000;
  return b;
}

struct upbit_market {
  full_snapshot_sequencer seq;
  l2_book book;
};

} // namespace

TEST(BookUpbit, ReplaysSimpleCapturePerMarket) {
  auto msgs = read_jsonl("upbit/ws_simple_orderbook_2021.jsonl");
  ASSERT_EQ(msgs.size(), 10u);
  std::map<std::string, upbit_market> markets;
  int replaced = 0;
  for (const auto& m : msgs) {
    auto& mk = markets[m["cd"].get<std::string>()];
    if (mk.seq.on_book(m["tms"].get<int64_t>()) == verdict::replace) {
      mk.book.apply_snapshot(upbit_simple_book(m));
      ++replaced;
    }
  }
  // Timestamps are monotonic per market (not across markets: WAVES at
  // ...263869 precedes LAMB at ...263572 in arrival order).
  EXPECT_EQ(replaced, 10);
  ASSERT_EQ(markets.size(), 2u);
  const auto& lamb = markets["KRW-LAMB"];
  EXPECT_EQ(lamb.seq.last_ts_ms(), 1618678264961);
  EXPECT_EQ(lamb.book.best_bid(), (price_level{dec("126"), dec("651636.57170072")}));
  EXPECT_EQ(lamb.book.best_ask(), (price_level{dec("127"), dec("280117.10935771")}));
  EXPECT_EQ(lamb.book.bid_levels(), 15u);
  EXPECT_EQ(lamb.book.ask_levels(), 15u);
  const auto& waves = markets["KRW-WAVES"];
  EXPECT_EQ(waves.book.best_bid(), (price_level{dec("20190"), dec("10")}));
  EXPECT_EQ(waves.book.best_ask(), (price_level{dec("20230"), dec("6.205185")}));
}

TEST(BookUpbit, BackwardsTimestampIsDropped) {
  auto msgs = read_jsonl("upbit/ws_simple_orderbook_2021.jsonl");
  upbit_market mk;
  ASSERT_EQ(mk.seq.on_book(msgs[1]["tms"].get<int64_t>()), verdict::replace);
  mk.book.apply_snapshot(upbit_simple_book(msgs[1]));
  auto before = mk.book.to_order_book({}, 30);
  // Message 0 (an older LAMB book) arrives late.
  EXPECT_EQ(mk.seq.on_book(msgs[0]["tms"].get<int64_t>()), verdict::drop);
  EXPECT_EQ(mk.seq.last_ts_ms(), 1618678262952);
  EXPECT_EQ(mk.book.to_order_book({}, 30).bids, before.bids);
  // Equal timestamps are accepted.
  EXPECT_EQ(mk.seq.on_book(1618678262952), verdict::replace);
}

TEST(BookUpbit, StaleByInjectedNow) {
  full_snapshot_sequencer seq;
  EXPECT_TRUE(seq.stale(1618678262640, 1000)); // nothing yet
  seq.on_book(1618678262640);
  EXPECT_FALSE(seq.stale(1618678263640, 1000));
  EXPECT_TRUE(seq.stale(1618678263641, 1000));
}

TEST(BookUpbit, RestSnapshotDepthWalk) {
  auto j = read_json("upbit/rest_orderbook_KRW-BTC.json")[0];
  order_book snap;
  for (const auto& u : j["orderbook_units"]) {
    snap.bids.push_back({number(u["bid_price"]), number(u["bid_size"])});
    snap.asks.push_back({number(u["ask_price"]), number(u["ask_size"])});
  }
  snap.ts_event_ns = j["timestamp"].get<int64_t>() * 1'000'000;
  l2_book book;
  book.apply_snapshot(snap);
  EXPECT_EQ(book.bid_levels(), 30u);
  EXPECT_EQ(book.best_bid(), (price_level{dec("103460000"), dec("0.004")}));
  EXPECT_EQ(book.best_ask(), (price_level{dec("103493000"), dec("0.04910155")}));
  // Expected figures computed from the file with Python's decimal module.
  auto buy = book.vwap(side::buy, dec("0.1"));
  EXPECT_EQ(buy.avg_price, dec("103500125.783"));
  EXPECT_EQ(buy.filled, dec("0.1"));
  EXPECT_EQ(buy.worst_price, dec("103507000"));
  EXPECT_TRUE(buy.sufficient);
  auto sell = book.vwap(side::sell, dec("0.05"));
  EXPECT_EQ(sell.avg_price, dec("103420469.713"));
  EXPECT_EQ(sell.worst_price, dec("103407000"));
  auto too_big = book.vwap(side::buy, dec("100"));
  EXPECT_FALSE(too_big.sufficient);
  EXPECT_EQ(too_big.filled, dec("4.17884094"));
  EXPECT_EQ(too_big.avg_price, dec("103565596.74562057"));
  EXPECT_EQ(too_big.worst_price, dec("103599000"));
}

TEST(BookBybit, SnapshotThenDeltaFromDocs) {
  auto snap = read_json("bybit/ws_orderbook_snapshot_docs_example.json");
  auto delta = read_json("bybit/ws_orderbook_delta_docs_example.json");
  bybit_sequencer seq;
  l2_book book;
  EXPECT_EQ(seq.on_message(false, 5), verdict::drop); // delta before snapshot
  int64_t su = snap["data"]["u"].get<int64_t>();
  ASSERT_EQ(seq.on_message(snap["type"] == "snapshot", su), verdict::replace);
  book.apply_snapshot(levels_of(snap["data"]["b"]), levels_of(snap["data"]["a"]),
                      snap["ts"].get<int64_t>() * 1'000'000);
  EXPECT_EQ(book.best_bid(), (price_level{dec("16493.5"), dec("0.006")}));
  EXPECT_EQ(book.best_ask(), (price_level{dec("16611"), dec("0.029")}));
  EXPECT_EQ(book.bid_levels(), 2u);
  EXPECT_FALSE(book.crossed());

  // The docs' delta (u 177400507) belongs to another session: a gap.
  int64_t du = delta["data"]["u"].get<int64_t>();
  EXPECT_EQ(seq.on_message(false, du), verdict::resync);
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);

  // Renumbered to follow the snapshot, it applies: 4 new bids, an unknown
  // bid removed (no-op), 5 asks added, 2 unknown asks removed.
  seq.on_message(true, su);
  EXPECT_EQ(seq.on_message(false, su + 1), verdict::apply);
  EXPECT_TRUE(book.apply(changes_of(delta["data"]["b"], delta["data"]["a"]),
                         delta["ts"].get<int64_t>() * 1'000'000));
  EXPECT_EQ(book.bid_levels(), 6u);
  EXPECT_EQ(book.ask_levels(), 7u);
  EXPECT_EQ(book.best_bid(), (price_level{dec("30247.2"), dec("30.028")}));
  // Two examples from different dates make a crossed book: it is flagged.
  EXPECT_TRUE(book.crossed());
  EXPECT_EQ(seq.on_message(false, su + 1), verdict::drop);   // duplicate
  EXPECT_EQ(seq.on_message(false, 1), verdict::replace);     // restart
  EXPECT_EQ(seq.on_message(false, 3), verdict::resync);      // 2 missing
}
