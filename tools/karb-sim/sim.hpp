#pragma once

// The whole simulator without sockets: one price model, the venues with
// their routers, market steps, WebSocket feed updates, private events,
// faults, the admin API and the request log. Thread-safe: every public
// member function takes the internal lock.

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/price_model.hpp"
#include "tools/karb-sim/bn_ws_api.hpp"
#include "tools/karb-sim/by_ws.hpp"
#include "tools/karb-sim/router.hpp"
#include "tools/karb-sim/venue.hpp"
#include "tools/karb-sim/ws_feed.hpp"

namespace karb::sim {

struct sim_config {
  std::vector<venue_kind> venues = {venue_kind::upbit, venue_kind::bithumb};
  uint64_t seed = 7;
  int book_hz = 10;           ///< book regenerations per second per symbol
  time_ms start = 0;          ///< clock at construction
  std::string accounts_json;  ///< empty: the built-in dev accounts
  bool rate_limits = true;
  std::string request_log;    ///< JSONL file, empty: none
};

/// The default accounts (same content as accounts.dev.json).
std::string default_accounts_json();

/// One market's public update from one step, rendered lazily per format.
struct feed_update {
  size_t venue = 0;
  std::string code;
  bool has_book = false;
  book b;
  time_ms book_timestamp = 0;
  bool crossed = false;
  bool malformed = false;
  std::vector<trade_print> trades;
  bool has_ticker = false;
  ticker_state ticker;
  std::shared_ptr<const bn_feed> binance; ///< Binance venues: their streams
  std::shared_ptr<const okx_feed> okx;    ///< OKX: its channels' frames
  std::shared_ptr<const by_feed> bybit;   ///< Bybit: its topics' frames

  /// The frames a subscriber gets from this update.
  std::vector<std::string> render(const ws_subscription& sub) const;

private:
  mutable std::map<std::string, std::string> cache_;
};

/// A private stream frame for one account, in both formats.
struct private_frame {
  std::string account;
  std::string type;  ///< myOrder | myAsset
  std::string code;  ///< market (myOrder)
  std::string default_text;
  std::string simple_text;
};

class simulator {
public:
  explicit simulator(sim_config cfg);

  size_t venue_count() const { return venues_.size(); }
  venue_kind kind(size_t i) const { return venues_[i]->kind; }

  /// Routes one REST request to venue `i` and logs it.
  reply handle_http(size_t i, const http::request& req, time_ms now);
  /// The admin API (see README): /health, /state, /fault, /step,
  /// /balance.
  http::response handle_admin(const http::request& req, time_ms now);

  /// One market step on every venue; the public updates to stream.
  std::vector<std::shared_ptr<const feed_update>> step(time_ms now);
  /// Private events since the last call.
  std::vector<private_frame> take_private(size_t i, time_ms now);
  /// Snapshot frames for a new subscription.
  std::vector<std::string> snapshot(size_t i, const ws_subscription& sub,
                                    time_ms now);
  /// Checks a private WebSocket upgrade's Authorization header.
  auth_verdict auth_ws(size_t i, std::string_view authorization, time_ms now);
  /// True once after a drop_ws fault was set on venue `i`.
  bool take_drop_ws(size_t i);
  /// The bad_frames fault on venue `i`: `frame` (a public data frame, or a
  /// private one when `priv`) mangled when drawn, else as it is.
  std::string outgoing_frame(size_t i, std::string frame, bool priv);
  /// True while a cut_ws fault refuses venue `i`'s WebSocket upgrades.
  bool ws_refused(size_t i) const;
  /// Milliseconds left of a ban on venue `i` (0: not banned).
  time_ms ban_left(size_t i, time_ms now) const;
  /// Sets the available balance of `currency` (admin POST /balance);
  /// error text on failure.
  std::optional<std::string> set_balance(const nlohmann::json& spec);
  /// Applies a fault spec (with optional "venue"); error text on failure.
  /// `chaos` without "seed" draws from the simulator's seed;
  /// `inject_order` goes to inject_order().
  std::optional<std::string> apply_fault(const nlohmann::json& spec,
                                         time_ms now);
  /// The `inject_order` fault: places a limit order at spec["venue"] for
  /// spec["account"] (default the venue's dev account) as if another client
  /// had sent it: {"market" (default KRW-BTC), "side", "price", "volume",
  /// "identifier" (optional)}. Sets `uuid`; error text on failure.
  std::optional<std::string> inject_order(const nlohmann::json& spec,
                                          time_ms now, std::string& uuid);
  /// Balances, orders, faults and mids (GET /state).
  nlohmann::json state(time_ms now);

  // -- Binance venues (sim_binance.cpp) ---------------------------------------
  /// One /ws-api/v3 request on venue `i`.
  ws_api_result ws_api(size_t i, std::string_view text, time_ms now);
  /// The account of a valid USD-M listen key on venue `i`.
  std::optional<std::string> listen_key_account(size_t i,
                                                const std::string& key,
                                                time_ms now);
  /// Admin POST /funding {"venue":"binance_usdm","count":N}: settles
  /// funding N times now (default 1), each moving the next funding time
  /// 8 h on; error text on failure.
  std::optional<std::string> settle_funding(const nlohmann::json& spec,
                                            time_ms now);

  // -- OKX venues (sim_okx.cpp) -----------------------------------------------
  /// The `books` snapshot frame of `inst_id` ("" when unknown).
  std::string okx_book_snapshot(size_t i, const std::string& inst_id);
  /// A WebSocket login's args[0]: the account, or the error frame.
  std::variant<std::string, std::string> okx_login(size_t i,
                                                   const nlohmann::json& arg,
                                                   time_ms now);
  // -- Bybit (sim_bybit.cpp) -------------------------------------------------
  /// A new WebSocket connection's state on venue `i` (its conn_id).
  by_ws_state bybit_ws_open(size_t i, by_ws_state::channel ch);
  /// One text frame of a Bybit WebSocket connection: replies, snapshots.
  std::vector<std::string> bybit_ws(size_t i, by_ws_state& s,
                                    std::string_view text, time_ms now);

  int book_hz() const { return cfg_.book_hz; }
  uint64_t steps() const;

private:
  void log_request(size_t i, const http::request& req, const reply& r,
                   time_ms now);
  void load_accounts(const std::string& text);
  /// inject_order on a Binance venue ("market" a symbol, default BTCUSDT;
  /// "side" bid/BUY or ask/SELL; "price", "volume"); `id` the orderId.
  std::optional<std::string> inject_binance_order(const nlohmann::json& spec,
                                                  venue_kind kind, time_ms now,
                                                  std::string& id);
  /// The `gap` (Binance and Bybit) and `reset` (Bybit) book faults.
  std::optional<std::string> apply_book_fault(const nlohmann::json& spec);
  /// The `gap` fault (venue-wide or {"symbol":...}) on Binance venues.
  std::optional<std::string> apply_gap(const nlohmann::json& spec);
  /// `checksum` / `gap` on OKX venues; nullopt when `target` has none
  /// (then the Binance `gap` applies), else the outcome.
  std::optional<std::optional<std::string>>
  apply_okx_book_fault(const nlohmann::json& spec, const std::string& target);
  /// The USD-M book of a perpetual venue (Binance USD-M, OKX swaps, Bybit
  /// linear); nullptr for the others.
  static binance_venue* perp_side(venue& v);
  /// A fault on the perpetual side of venue `target`, cleared by `clear`:
  /// `funding_rate` {"market" (the venue's symbol), "rate"} forces its
  /// rate; `basis` {"market", "bp"} moves its mid over spot by bp.
  std::optional<std::string> apply_perp_fault(const nlohmann::json& spec,
                                              const std::string& target);
  /// The OKX part of GET /state.
  void add_okx_state(venue& v, nlohmann::json& jv, time_ms now);
  static std::optional<std::string> set_okx_balance(okx_venue& v,
                                                    const nlohmann::json& spec,
                                                    const std::string& key,
                                                    decimal amount);

  sim_config cfg_;
  mutable std::mutex mu_;
  price_model model_;
  std::vector<std::unique_ptr<venue>> venues_;
  std::vector<std::unique_ptr<router>> routers_;
  std::vector<std::vector<book>> last_books_; ///< per venue, per market
  std::ofstream log_;
};

} // namespace karb::sim
