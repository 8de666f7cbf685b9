#pragma once

// What a Binance venue owns beyond the books and tapes every venue has:
// the Binance engine, request weights, the update ids of each book's diff
// stream, the `gap` fault, listen keys and (USD-M) index, mark price and
// funding. Pure: the simulator calls it with the time.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/bn_engine.hpp"
#include "tools/karb-sim/depth_sequencer.hpp"
#include "tools/karb-sim/price_model.hpp"
#include "tools/karb-sim/weight_limiter.hpp"

namespace karb::sim {

/// One market's public update from one step, as Binance streams carry it.
struct bn_feed {
  std::string symbol;               ///< "BTCUSDT"
  time_ms at = 0;                   ///< event time E (and T)
  std::optional<depth_event> depth; ///< diff since the previous event
  bool has_ticker = false;          ///< bookTicker
  int64_t ticker_id = 0;            ///< its `u`
  price_level bid, ask;
  std::vector<trade_print> trades;
  bool malformed = false;           ///< "malformed_frame" fault: cut JSON
  bool mark_1s = false;             ///< USD-M: a @markPrice@1s push is due
  bool mark_3s = false;             ///< USD-M: a @markPrice push is due
  decimal mark, index, rate;        ///< USD-M
  time_ms next_funding = 0;
};

/// A user data event for one account, rendered.
struct bn_private {
  std::string account;
  std::string type;       ///< the event's "e"
  std::string listen_key; ///< listenKeyExpired: whose key
  std::string text;       ///< the event object
};

struct funding_record {
  std::string symbol;
  decimal rate, mark;
  time_ms time = 0;
};

struct listen_key {
  std::string account;
  time_ms expires = 0;
  bool expired_sent = false;
};

class binance_venue {
public:
  binance_venue(venue_kind k, size_t index, uint64_t seed, time_ms start);

  /// Adds the accounts of one accounts-file section ("binance_spot": [...]).
  void load_accounts(const nlohmann::json& list);
  /// The venue mid of market `m` in USDT (USD-M: plus the basis).
  decimal mid(const price_model& model, size_t m) const;
  /// Index and mark prices after a market step; settles funding when the
  /// sim clock reached the next funding time (00/08/16 UTC).
  void after_step(const price_model& model, time_ms now);
  /// Funding now for every symbol, then the next funding time + 8 h.
  void settle_funding(time_ms now);
  /// The `funding_rate` fault: market `m` reports and settles with `rate`
  /// instead of its premium's until cleared (nullopt).
  void force_rate(size_t m, std::optional<decimal> rate);
  /// Liquidates every position whose mark reached its liquidation price
  /// (bn_engine::liquidate) and keeps the record.
  void liquidate(time_ms now);
  /// The stream update of market `m` for this step (advances the diff
  /// sequence unless `stale`; a pending `gap` swallows the event).
  std::shared_ptr<const bn_feed> feed(size_t m, const book& b,
                                      std::vector<trade_print> prints,
                                      time_ms now, bool stale, bool crossed,
                                      bool malformed);
  /// Places an order on market `m`'s book (bn_engine::place) and records
  /// what it took from the book in the diff sequence.
  bn_result place(bn_account& a, const bn_order_request& req, size_t m,
                  book& b, tape& t, time_ms now,
                  decimal max_fill_ratio = decimal::from_int(1));
  /// User data events since the last call (and listenKeyExpired).
  std::vector<bn_private> take_private(time_ms now);

  /// POST (new or the account's current key, extended), PUT (extend),
  /// DELETE; `key` "" = the account's current key; nullopt / false when
  /// the key is unknown or expired.
  std::string open_listen_key(const std::string& account, time_ms now);
  std::optional<std::string> keep_listen_key(const std::string& account,
                                             const std::string& key,
                                             time_ms now);
  bool close_listen_key(const std::string& account, const std::string& key,
                        time_ms now);
  /// The account of a valid key.
  std::optional<std::string> listen_key_owner(const std::string& key,
                                              time_ms now) const;

  /// The `gap` fault: the next diff event of `symbol` ("" = every symbol)
  /// is swallowed, so the stream skips its update ids.
  void add_gap(const std::string& symbol);
  void clear_gaps();

  /// Accounts, open orders, positions and funding (admin GET /state).
  nlohmann::json state(time_ms now) const;
  /// USD-M: {"payments": every FUNDING_FEE row, "liquidations": [...]}
  /// (part of every perpetual venue's GET /state).
  nlohmann::json perp_state() const;

  venue_kind kind;
  bn_engine eng;
  weight_limiter limiter;
  std::vector<depth_sequencer> depth; ///< per market
  std::vector<int> gaps;              ///< per market, pending
  std::vector<decimal> index_price, mark_price, premium, rate; ///< USD-M
  time_ms next_funding = 0;
  std::vector<funding_record> funding_history;
  std::vector<std::optional<decimal>> forced_rate; ///< USD-M, per market
  /// USD-M, per market: the `basis` fault, basis points added to the
  /// perpetual's mid over spot (on top of perp_basis_bp).
  std::vector<int> extra_basis_bp;
  std::vector<bn_liquidation> liquidations;        ///< USD-M, oldest first

  static constexpr time_ms listen_key_ms = 60 * 60 * 1000;

  /// Mark price: index * (1 + an EMA of the USD-M premium), this weight
  /// per market step.
  static constexpr double premium_ema_weight = 0.2;

private:
  /// The account's key (`key`, or its current one when ""), if valid.
  std::map<std::string, listen_key>::iterator
  find_listen_key(const std::string& account, const std::string& key,
                  time_ms now);

  size_t index_;
  time_ms start_;
  rng key_rng_;
  time_ms last_mark_ = 0;
  bool mark_1s_due_ = false, mark_3s_due_ = false;
  std::map<std::string, listen_key> listen_keys_;
};

} // namespace karb::sim
