#pragma once

// The topics the API publisher derives from the inspector's answers and
// from events (pure, no CAF): spreads from two books, the PnL summary, the
// event items of the streams, and the ranked opportunities. Decimals are
// strings, as everywhere in the API.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/decimal.hpp"
#include "messages/events.hpp"

namespace karb::api {

/// One pair of venues of a strategy, on one base asset.
struct watched_spread {
  std::string topic;            ///< "spread:upbit-bithumb:BTC"
  std::string a;                ///< venue names, as the books have them
  std::string b;
  std::string base;
  std::string book_a;           ///< the books' topics
  std::string book_b;
  decimal threshold_bp;         ///< both taker fees + min profit rate
};

/// `(to - from) / from` in basis points, rounded half-even to 0.01 bp;
/// none when `from` is not positive.
std::optional<decimal> basis_points(decimal from, decimal to);

/// The spread topic from two books as the inspector's `book` command
/// answers them ({"bids": [{"price", "size"}...], "asks": [...]}); none
/// when either book lacks a side or answered an error.
std::optional<nlohmann::json> spread_json(const watched_spread& s,
                                          const nlohmann::json& book_a,
                                          const nlohmann::json& book_b,
                                          int64_t wall_ms);

/// The `pnl` topic from the inspector's `risk`, `trades` and `funding`
/// answers (any may be missing or an error): day PnL per quote from risk,
/// total per quote over the trades answered, booked funding, the trades
/// count, the completed ones and completed / finished.
nlohmann::json pnl_json(const nlohmann::json& risk,
                        const nlohmann::json& trades,
                        const nlohmann::json& funding);

/// An event as a stream item: {"type", "source", "ts_ns",
/// "correlation_id", "data"} (data parsed; {"raw": text} if it is not
/// JSON).
nlohmann::json event_item(const event& e);

/// Whether the event goes to the `alerts` stream too.
bool is_alert(event_type t);

/// Book, trade and price updates: many a second, so they have their own
/// stream ("market") and leave "events" to the node's story.
bool is_market_data(event_type t);

/// Whether the event changes orders, trades, positions, balances, PnL or
/// risk (their topics are refreshed at the next fast tick).
bool changes_trading(event_type t);

/// The opportunities the strategies announced, ranked by expected profit
/// rate (expected profit / (size x buy price)) best first; those without a
/// rate rank last. Each expires `ttl_ms` after it was found, or on its
/// expired event.
class opportunity_board {
public:
  opportunity_board(int64_t ttl_ms, size_t max_items)
    : ttl_ms_(ttl_ms), max_items_(max_items) {
    // nop
  }

  /// Learns a found or expired event; whether the ranking changed.
  bool apply(const event& e, int64_t steady_ms, int64_t wall_ms);

  /// Drops what is older than the ttl; whether any went.
  bool expire(int64_t steady_ms);

  /// {"items": [...]} the best `max_items`.
  nlohmann::json to_json() const;

private:
  struct entry {
    nlohmann::json item;
    std::optional<decimal> rate;
    int64_t found_steady_ms = 0;
  };

  int64_t ttl_ms_;
  size_t max_items_;
  std::map<std::string, entry> live_; ///< by opportunity id
};

} // namespace karb::api
