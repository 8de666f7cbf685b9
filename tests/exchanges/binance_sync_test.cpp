// The recorded diff-depth captures replayed against their REST snapshots
// with Binance's book sync rules (exchanges.md §3.3, §4.2, §8.5), through
// the feed decoder. The rules are restated here as a small check of their
// own (the book actor's sequencers live in the actors library):
//   spot   drop u <= id; the first applied has U <= id + 1 <= u; then
//          U == previous u + 1
//   USD-M  drop u < id; the first applied has U <= id <= u; then
//          pu == previous u
// Every applied event is also applied to the snapshot's levels, which
// must never cross.

#include <functional>
#include <map>

#include <gtest/gtest.h>

#include "exchanges/binance/feed_decoder.hpp"
#include "exchanges/binance/market_parse.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;
using karb::test::fixture_lines;

namespace {

/// A price-keyed book: bids descending, asks ascending.
struct level_book {
  std::map<decimal, decimal, std::greater<>> bids;
  std::map<decimal, decimal> asks;

  template <class Map>
  static void apply(Map& side, const std::vector<price_level>& levels) {
    for (auto& l : levels) {
      if (l.volume.is_zero())
        side.erase(l.price);
      else
        side[l.price] = l.volume;
    }
  }

  void apply(const book_delta& d) {
    apply(bids, d.bids);
    apply(asks, d.asks);
  }

  bool crossed() const {
    return !bids.empty() && !asks.empty()
           && bids.begin()->first >= asks.begin()->first;
  }
};

struct replay_result {
  size_t dropped = 0;
  size_t applied = 0;
  std::vector<book_delta> applied_events;
  std::string broken; ///< the first rule violation, "" if none
};

replay_result replay(exchange venue, const std::string& snapshot_file,
                     const std::string& capture_file) {
  replay_result out;
  auto snapshot = binance::parse_depth(fixture(snapshot_file), venue);
  if (!snapshot.ok()) {
    out.broken = "snapshot: " + to_string(snapshot.error());
    return out;
  }
  level_book book;
  level_book::apply(book.bids, snapshot->bids);
  level_book::apply(book.asks, snapshot->asks);
  int64_t id = snapshot->sequence;
  bool spot = venue == exchange::binance_spot;
  binance::market_feed_decoder decoder{venue};
  venue::feed_item item;
  int64_t last = 0;
  for (auto& line : fixture_lines(capture_file)) {
    if (decoder.decode(line, 0, item) != venue::feed_kind::delta) {
      out.broken = "not a delta: " + line;
      return out;
    }
    auto& d = item.delta;
    if (last == 0) {
      if (spot ? d.seq <= id : d.seq < id) {
        ++out.dropped;
        continue;
      }
      bool straddles = spot ? d.first_seq <= id + 1 && id + 1 <= d.seq
                            : d.first_seq <= id && id <= d.seq;
      if (!straddles) {
        out.broken = "first event does not straddle the snapshot: " + line;
        return out;
      }
    } else if (spot ? d.first_seq != last + 1 : d.prev_seq != last) {
      out.broken = "chain broken at: " + line;
      return out;
    }
    book.apply(d);
    if (book.crossed()) {
      out.broken = "book crossed after: " + line;
      return out;
    }
    last = d.seq;
    ++out.applied;
    out.applied_events.push_back(d);
  }
  return out;
}

} // namespace

TEST(BinanceSync, SpotCaptureChainsFromItsSnapshot) {
  auto r = replay(exchange::binance_spot,
                  "binance_spot/rest_depth_NKNUSDT_limit1000.json",
                  "binance_spot/ws_depth_NKNUSDT_100ms.jsonl");
  ASSERT_EQ(r.broken, "");
  EXPECT_EQ(r.dropped, 1u); // U 499869750 / u 499869752 <= 499869752
  EXPECT_EQ(r.applied, 149u);
  ASSERT_FALSE(r.applied_events.empty());
  EXPECT_EQ(r.applied_events.front().first_seq, 499869753);
  EXPECT_EQ(r.applied_events.front().seq, 499869754);
}

TEST(BinanceSync, UsdmCaptureChainsOnPu) {
  auto r = replay(exchange::binance_usdm,
                  "binance_usdm/rest_depth_SUSHIUSDT_limit1000.json",
                  "binance_usdm/ws_depth_SUSHIUSDT_100ms.jsonl");
  ASSERT_EQ(r.broken, "");
  EXPECT_GT(r.dropped, 0u);
  EXPECT_EQ(r.dropped + r.applied, 255u);
  ASSERT_FALSE(r.applied_events.empty());
  auto& first = r.applied_events.front();
  EXPECT_EQ(first.first_seq, 600859605926);
  EXPECT_EQ(first.seq, 600859607423);
  EXPECT_EQ(first.prev_seq, 600859604824);
}

TEST(BinanceSync, AGapIsDetected) {
  // The spot capture with one applied event removed must break the chain.
  auto lines = fixture_lines("binance_spot/ws_depth_NKNUSDT_100ms.jsonl");
  binance::market_feed_decoder decoder{exchange::binance_spot};
  venue::feed_item a, b;
  ASSERT_EQ(decoder.decode(lines[1], 0, a), venue::feed_kind::delta);
  int64_t u = a.delta.seq;
  ASSERT_EQ(decoder.decode(lines[3], 0, b), venue::feed_kind::delta);
  EXPECT_NE(b.delta.first_seq, u + 1);
}
