#pragma once

// What the Bybit v5 venue owns beyond the books and tapes every venue has
// (those are its spot category): the linear books and tapes, two matching
// engines reused from the Binance venues (spot balances; linear positions
// through perp_ledger) over one UNIFIED account per API key whose USDT is
// kept equal in both, the public topics' sequences, the per-UID rate
// limits, orderLinkIds, private events and funding. Pure.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/bn_venue.hpp"
#include "tools/karb-sim/by_book.hpp"

namespace karb::sim {

enum class by_cat { spot, linear };
const char* to_string(by_cat c);

/// One market step's public frames of a Bybit venue, per category:
/// topic -> frame.
struct by_feed {
  std::vector<std::pair<std::string, std::string>> spot, linear;
};

/// A private push for one account: topic base (order, execution,
/// position, wallet), category ("" for wallet) and the `data` array.
struct by_private {
  std::string account, topic, category;
  nlohmann::ordered_json data;
};

/// Per-UID per-endpoint budgets of one second (X-Bapi-Limit-*).
struct by_limit_verdict {
  bool ok = true;
  int limit = 0, remaining = 0;
  time_ms reset_at = 0;
};

class bybit_venue {
public:
  bybit_venue(size_t index, uint64_t seed, time_ms start);

  void load_accounts(const nlohmann::json& list);
  /// The account of an API key in the category's engine (nullptr: none).
  bn_account* account(by_cat c, std::string_view key);
  binance_venue& cat(by_cat c) { return c == by_cat::spot ? spot : linear; }

  /// Regenerates both categories' books around their mids (`spot_books`
  /// are the venue's), fills crossed resting orders, prints background
  /// trades, marks and funding.
  void step(const price_model& model, rng& random, std::vector<book>& spot_books,
            std::vector<tape>& spot_tapes, time_ms now, double trade_prob);
  /// The frames of this step (`spot_prints` the spot category's new ones).
  std::shared_ptr<const by_feed> feed(size_t m, const book& spot_book,
                                      const std::vector<trade_print>& spot_prints,
                                      const tape& spot_tape, time_ms now,
                                      bool stale, bool malformed);
  /// A new subscription's first frame ("" none yet; nullopt unknown).
  std::optional<std::string> snapshot(by_cat c, const std::string& topic,
                                      time_ms now) const;
  /// The ticker fields of market `m` (tickers topic and REST).
  std::map<std::string, std::string> ticker_fields(by_cat c, size_t m,
                                                   const book& b,
                                                   const tape& t) const;

  /// Makes USDT one balance: what changed in either engine since the last
  /// call is applied to the other (spot free USDT and the linear wallet).
  void sync();
  /// Funding now on every linear symbol, next time + 8 h.
  void settle_funding(time_ms now);

  /// Charges one call of `endpoint` to `account` (limit per second).
  by_limit_verdict take(const std::string& account, const std::string& endpoint,
                        int per_sec, time_ms now, bool enabled);

  /// An orderLinkId is taken for good once an order carried it.
  bool link_id_used(const std::string& account, by_cat c,
                    const std::string& id) const;
  void use_link_id(const std::string& account, by_cat c, const std::string& id);

  /// An order changed outside the engines (amend): pushed like theirs.
  void amended(by_cat c, const bn_order& o, time_ms now);
  /// Private pushes since the last call.
  std::vector<by_private> take_private(time_ms now);
  /// Next connection id of a WebSocket session.
  std::string next_conn_id();

  /// The `reset` / `gap` faults on a category's book topics ("" symbol:
  /// every market, `cat` "" both).
  std::optional<std::string> add_book_fault(const std::string& kind,
                                            const std::string& cat,
                                            const std::string& symbol, int n);
  void clear_book_faults();

  /// Accounts, positions, orders, funding, topics (admin GET /state).
  nlohmann::json state(const price_model& model, time_ms now) const;

  binance_venue spot, linear;
  std::vector<book> linear_books;
  std::vector<tape> linear_tapes;
  std::vector<int64_t> linear_published; ///< last streamed print per market
  std::vector<by_market_feed> spot_feed, linear_feed;
  /// Orders changed by amend (they carry their own pushes).
  std::vector<std::pair<by_cat, bn_order>> amend_events;

private:
  struct usdt_seen {
    decimal spot_total, wallet;
  };
  std::map<std::string, usdt_seen> seen_;
  std::set<std::string> link_ids_;
  std::map<std::string, std::pair<time_ms, int>> used_; ///< account|endpoint
  uint64_t conn_ = 0;
  uint64_t push_ = 0;
  size_t index_;
};

/// Printed decimals of market `m` in category `c`.
by_digits by_digits_for(by_cat c, size_t m);
/// The engine kind behind a category (its ticks, steps, books).
venue_kind engine_kind(by_cat c);

} // namespace karb::sim
