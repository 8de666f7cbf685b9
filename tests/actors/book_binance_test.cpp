// Binance spot (U/u) and USD-M (U/u/pu) diff-depth sync replayed over the
// real captures (exchanges.md §8.5, fixtures README "Known facts").

#include <gtest/gtest.h>

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

constexpr auto spot_rest = "binance_spot/rest_depth_NKNUSDT_limit1000.json";
constexpr auto spot_ws = "binance_spot/ws_depth_NKNUSDT_100ms.jsonl";
constexpr auto usdm_rest = "binance_usdm/rest_depth_SUSHIUSDT_limit1000.json";
constexpr auto usdm_ws = "binance_usdm/ws_depth_SUSHIUSDT_100ms.jsonl";

struct tally {
  int applied = 0;
  int dropped = 0;
  int resyncs = 0;
  int buffered = 0;
  int64_t first_applied_U = 0;
  size_t resync_at = 0; ///< index of the message that caused the first resync
};

/// The sync procedure: the first `early` diffs arrive before the snapshot and
/// are buffered, then the snapshot is loaded, the buffer replayed, and the
/// rest of the stream applied. `Seq` is one of the Binance sequencers.
template <class Seq>
tally replay(Seq& seq, l2_book& book, map_model& model,
             const nlohmann::json& snap, std::vector<nlohmann::json> diffs,
             size_t early, bool futures) {
  tally t;
  auto feed = [&](const nlohmann::json& d, size_t i) {
    verdict v;
    if constexpr (std::is_same_v<Seq, binance_usdm_sequencer>)
      v = seq.on_diff(d["U"].get<int64_t>(), d["u"].get<int64_t>(),
                      d["pu"].get<int64_t>());
    else
      v = seq.on_diff(d["U"].get<int64_t>(), d["u"].get<int64_t>());
    switch (v) {
      case verdict::apply: {
        if (t.applied++ == 0)
          t.first_applied_U = d["U"].get<int64_t>();
        auto cs = changes_of(d["b"], d["a"]);
        EXPECT_TRUE(book.apply(cs, d["E"].get<int64_t>() * 1'000'000));
        model.apply(cs);
        break;
      }
      case verdict::drop: ++t.dropped; break;
      case verdict::resync:
        if (t.resyncs++ == 0)
          t.resync_at = i;
        break;
      case verdict::buffer: ++t.buffered; break;
      case verdict::replace: ADD_FAILURE() << "diff answered replace"; break;
    }
    return v;
  };
  std::vector<std::pair<nlohmann::json, size_t>> buffer;
  for (size_t i = 0; i < early && i < diffs.size(); ++i) {
    EXPECT_EQ(feed(diffs[i], i), verdict::buffer);
    buffer.emplace_back(diffs[i], i);
  }
  EXPECT_EQ(seq.on_snapshot(snap["lastUpdateId"].get<int64_t>()),
            verdict::replace);
  auto bids = levels_of(snap["bids"]);
  auto asks = levels_of(snap["asks"]);
  book.apply_snapshot(bids, asks, futures ? snap["E"].get<int64_t>() : 1);
  model.load(bids, asks);
  for (auto& [d, i] : buffer)
    feed(d, i);
  for (size_t i = early; i < diffs.size(); ++i)
    feed(diffs[i], i);
  return t;
}

std::vector<nlohmann::json> data_of(const std::string& rel) {
  std::vector<nlohmann::json> out;
  for (auto& env : read_jsonl(rel))
    out.push_back(env["data"]);
  return out;
}

} // namespace

TEST(BookBinanceSpot, ReplaysNknusdtCaptureWithoutGaps) {
  auto snap = read_json(spot_rest);
  auto diffs = data_of(spot_ws);
  ASSERT_EQ(diffs.size(), 150u);
  binance_spot_sequencer seq;
  l2_book book;
  map_model model;
  auto t = replay(seq, book, model, snap, diffs, 3, false);
  EXPECT_EQ(t.buffered, 3);
  EXPECT_EQ(t.dropped, 1); // U 499869750 / u 499869752 <= lastUpdateId
  EXPECT_EQ(t.applied, 149);
  EXPECT_EQ(t.resyncs, 0);
  EXPECT_EQ(t.first_applied_U, 499869753);
  EXPECT_EQ(seq.state(), sync_state::live);
  EXPECT_EQ(seq.last_id(), 499870179);
  // Values of the file, also checked level by level against a std::map model.
  EXPECT_EQ(book.best_bid(), (price_level{dec("0.3527"), dec("9602")}));
  EXPECT_EQ(book.best_ask(), (price_level{dec("0.3531"), dec("152")}));
  EXPECT_EQ(book.bid_levels(), 614u);
  EXPECT_EQ(book.ask_levels(), 994u);
  EXPECT_TRUE(same_levels(book, model));
  EXPECT_FALSE(book.crossed());
  EXPECT_EQ(book.last_update_ns(), diffs.back()["E"].get<int64_t>() * 1'000'000);
}

TEST(BookBinanceSpot, RemovedDiffTriggersResync) {
  auto snap = read_json(spot_rest);
  auto diffs = data_of(spot_ws);
  diffs.erase(diffs.begin() + 20); // an applied diff goes missing
  binance_spot_sequencer seq;
  l2_book book;
  map_model model;
  auto t = replay(seq, book, model, snap, diffs, 0, false);
  EXPECT_EQ(t.resyncs, 1);
  EXPECT_EQ(t.resync_at, 20u);
  EXPECT_EQ(t.applied, 19); // indices 1..19
  // After the resync everything is buffered until a new snapshot.
  EXPECT_EQ(t.buffered, static_cast<int>(diffs.size()) - 21);
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);
}

TEST(BookBinanceSpot, SnapshotOlderThanStreamTriggersResync) {
  binance_spot_sequencer seq;
  EXPECT_EQ(seq.on_snapshot(499869700), verdict::replace);
  EXPECT_EQ(seq.state(), sync_state::bridging);
  EXPECT_EQ(seq.on_diff(499869750, 499869752), verdict::resync);
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);
}

TEST(BookBinanceSpot, OverlappingDiffWhileLiveTriggersResync) {
  binance_spot_sequencer seq;
  seq.on_snapshot(100);
  EXPECT_EQ(seq.on_diff(99, 102), verdict::apply);  // bridges 101
  EXPECT_EQ(seq.on_diff(103, 105), verdict::apply); // contiguous
  EXPECT_EQ(seq.on_diff(104, 104), verdict::drop);  // old
  EXPECT_EQ(seq.on_diff(105, 107), verdict::resync); // starts inside [103,105]
}

TEST(BookBinanceUsdm, ReplaysSushiusdtCaptureWithStrictPuChain) {
  auto snap = read_json(usdm_rest);
  auto diffs = data_of(usdm_ws);
  ASSERT_EQ(diffs.size(), 255u);
  binance_usdm_sequencer seq;
  l2_book book;
  map_model model;
  auto t = replay(seq, book, model, snap, diffs, 5, true);
  EXPECT_EQ(t.buffered, 5);
  EXPECT_EQ(t.dropped, 3);
  EXPECT_EQ(t.applied, 252);
  EXPECT_EQ(t.resyncs, 0);
  EXPECT_EQ(t.first_applied_U, 600859605926);
  EXPECT_EQ(seq.last_id(), 600860425198);
  EXPECT_EQ(book.best_bid(), (price_level{dec("7.612"), dec("303")}));
  EXPECT_EQ(book.best_ask(), (price_level{dec("7.616"), dec("267")}));
  EXPECT_EQ(book.bid_levels(), 1006u);
  EXPECT_EQ(book.ask_levels(), 1000u);
  EXPECT_TRUE(same_levels(book, model));
  EXPECT_FALSE(book.crossed());
}

TEST(BookBinanceUsdm, BrokenPuChainTriggersResync) {
  auto snap = read_json(usdm_rest);
  auto diffs = data_of(usdm_ws);
  diffs.erase(diffs.begin() + 100);
  binance_usdm_sequencer seq;
  l2_book book;
  map_model model;
  auto t = replay(seq, book, model, snap, diffs, 0, true);
  EXPECT_EQ(t.resyncs, 1);
  EXPECT_EQ(t.resync_at, 100u);
  EXPECT_EQ(t.applied, 97); // indices 3..99
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);
}

TEST(BookBinanceUsdm, FirstDiffMustStraddleSnapshotId) {
  binance_usdm_sequencer seq;
  seq.on_snapshot(1000);
  EXPECT_EQ(seq.on_diff(990, 999, 989), verdict::drop);     // u < id
  EXPECT_EQ(seq.on_diff(1001, 1005, 1000), verdict::resync); // U > id
  seq.on_snapshot(1000);
  EXPECT_EQ(seq.on_diff(995, 1000, 994), verdict::apply);  // U <= id <= u
  EXPECT_EQ(seq.on_diff(1001, 1003, 1000), verdict::apply); // pu == u
  EXPECT_EQ(seq.on_diff(1001, 1003, 1000), verdict::drop);  // duplicate
  EXPECT_EQ(seq.on_diff(1005, 1007, 1004), verdict::resync);
}
