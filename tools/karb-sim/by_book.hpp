#pragma once

// Bybit v5 public topics of one market in one category: the update id `u`
// of `orderbook.{1,50,200}.<symbol>` (+1 per message; the `reset` fault
// restarts it at 1 with a snapshot, the `gap` fault skips one message),
// the levels a delta carries (changed ones only, "0" removes), linear
// tickers as snapshot then deltas of the changed fields, and the frames.
// Pure.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tools/karb-sim/book.hpp"
#include "tools/karb-sim/tape.hpp"

namespace karb::sim {

/// Printed decimals of a Bybit symbol (the tick's and the step's).
struct by_digits {
  int price = 2, qty = 6;
  std::string p(decimal d) const;
  std::string q(decimal d) const;
};

/// One book as the `orderbook.<depth>` topics last published it.
struct by_book_topic {
  std::vector<price_level> bids, asks; ///< published levels
  int64_t u = 0;
  int64_t seq = 0;
  time_ms ts = 0, cts = 0;
  bool published = false;
};

/// The published state of one market in one category.
class by_market_feed {
public:
  by_market_feed(std::string topic_prefix, std::string symbol, by_digits d,
                 bool linear, int64_t first_seq);

  /// The frames of one market step (book, tickers and trades) keyed by
  /// topic; `fields` the ticker's fields now.
  std::vector<std::pair<std::string, std::string>>
  step(const book& b, const std::vector<trade_print>& prints,
       const std::map<std::string, std::string>& fields, time_ms now,
       bool malformed);
  /// A new subscriber's first frame of `topic` (nullopt: unknown topic).
  std::optional<std::string> snapshot(const std::string& topic,
                                      time_ms now) const;
  /// REST /v5/market/orderbook: `u` and `seq` of the 50/200 topics.
  const by_book_topic& deep() const { return deep_; }

  void add_reset() { ++resets_; }
  void add_gap() { ++gaps_; }
  void clear() { resets_ = gaps_ = 0; }
  int resets() const { return resets_; }
  int gaps() const { return gaps_; }

  const std::string& symbol() const { return symbol_; }

private:
  std::string book_frame(int depth, const by_book_topic& t, const char* type,
                         const std::vector<price_level>& bids,
                         const std::vector<price_level>& asks) const;

  std::string prefix_, symbol_;
  by_digits d_;
  bool linear_;
  int64_t next_seq_;
  by_book_topic deep_, top_;
  std::map<std::string, std::string> ticker_; ///< last published
  int64_t ticker_cs_ = 0;
  int resets_ = 0, gaps_ = 0;
};

/// The changes from `before` to `after` on one side ("0" for a removed
/// price), best first.
std::vector<price_level> level_changes(const std::vector<price_level>& before,
                                       const std::vector<price_level>& after,
                                       bool asks);

} // namespace karb::sim
