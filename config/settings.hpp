#pragma once

// The node's configuration as validated values (seed 002 §5, seed 000
// §3.7.2). Built only by config::load(); actors receive these structs.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/api_settings.hpp"
#include "config/defaults.hpp"
#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/secret.hpp"

namespace karb::config {

struct listen_endpoint {
  std::string bind = defaults::loopback;
  int64_t port = 0;
};

struct inspect_settings {
  std::string bind = defaults::loopback;
  int64_t port = defaults::inspect_port;
  bool control = false;           ///< allow halt/resume/reload/strategy control
  std::string certificate;        ///< PEM, required when bind is not loopback
  std::string key;
  std::string ca_file;
};

struct log_settings {
  std::string level = defaults::log_level;
  std::string file = defaults::log_file;
  int64_t max_size_mb = defaults::log_max_size_mb;
  int64_t max_files = defaults::log_max_files;
};

/// When the audit file rotates: past max_size_mb, keeping max_files copies.
struct audit_rotation_settings {
  int64_t max_size_mb = defaults::audit_max_size_mb;
  int64_t max_files = defaults::audit_max_files;
};

struct node_settings {
  std::string name = defaults::node_name;
  std::string store = defaults::store;
  /// SQLite synchronous mode: "full" survives power loss (a disk sync per
  /// order intent, ~ms), "normal" survives a crash of the process (WAL).
  std::string store_sync = "full";
  /// Finished trades, events and balance snapshots older than this move
  /// hourly from the store to a monthly archive file beside it
  /// ("var/karb.db" -> "var/karb.archive-2026-12.db").
  int64_t store_keep_hours = defaults::store_keep_hours;
  /// Append-only JSONL copy of the store's audit rows, one line each,
  /// written per line (survives kill -9). Empty: none.
  std::string audit_file = defaults::audit_file;
  audit_rotation_settings audit_rotation;
  /// CAF scheduler: "sharing" (idle workers block on a condition variable:
  /// no CPU while idle, a wake-up per message to an idle actor) or
  /// "stealing" (workers poll before they sleep: more messages per second,
  /// some CPU while idle).
  std::string scheduler = "sharing";
  int64_t scheduler_threads = 2;  ///< CAF worker threads
  /// One thread runs the feeds, books, strategies, risk, execution and the
  /// order sessions (actors/common/hot_loop.hpp); false: they run on the
  /// CAF pool and the sessions on two I/O threads (for comparison).
  bool hot_loop = true;
  std::string secrets_file;       ///< optional YAML, must be mode 0600
  int64_t status_interval_s = defaults::status_interval_s;
  /// The funding service asks the perpetual venues for the payments they
  /// booked this often (seconds).
  int64_t funding_payments_s = 60;
  log_settings log;
  inspect_settings inspect;
  api_settings api;
};

struct supervision_settings {
  int64_t restart_base_ms = defaults::restart_base_ms;
  int64_t restart_cap_ms = defaults::restart_cap_ms;
  double restart_jitter = defaults::restart_jitter;
  int64_t breaker_failures = defaults::breaker_failures;
  int64_t breaker_cool_down_s = defaults::breaker_cool_down_s;
  int64_t stable_after_s = defaults::stable_after_s;
  int64_t shutdown_timeout_s = defaults::shutdown_timeout_s;
};

struct fee_schedule {
  decimal maker = dec(defaults::fee);
  decimal taker = dec(defaults::fee);
};

struct venue_settings {
  exchange venue = exchange::custom;
  std::string name;
  bool enabled = true;
  std::string rest_url;
  std::string ws_url;
  std::string private_ws_url;
  /// Perpetual venues that serve mark prices on another path (Binance
  /// USD-M: /market): their own connection; empty: on ws_url.
  std::string mark_ws_url;
  std::string ca_file;            ///< empty: the system trust store
  std::string access_key_env;
  std::string secret_key_env;
  std::string passphrase_env; ///< venues whose keys have one (OKX)
  fee_schedule fees;
  int64_t heartbeat_s = defaults::ws_heartbeat_s;
  int64_t request_timeout_ms = defaults::request_timeout_ms;
  int64_t rate_limit_per_s = defaults::rate_limit_per_s;
  /// A 418 (ban) without Retry-After stops every request this long.
  int64_t ban_default_s = defaults::ban_default_s;
  /// A 429 without Retry-After pauses the request's group this long ...
  int64_t rate_limited_pause_ms = defaults::rate_limited_pause_ms;
  /// ... and the group refills at half its rate for this long after.
  int64_t rate_limited_slow_s = defaults::rate_limited_slow_s;
  /// Perpetual venues: leverage set on every traded market (1-125) and
  /// the margin mode ("cross" or "isolated").
  int64_t leverage = 1;
  std::string margin_mode = "cross";
  // Resolved from the environment or the secrets file; never printed.
  std::string access_key;
  secret secret_key;
  secret passphrase;
};

struct strategy_settings {
  std::string id;
  /// "spread_arbitrage", or a derivatives type: "spot_perp_basis" (a
  /// spot venue, then a perpetual one), "perp_perp" (two perpetual
  /// venues), "funding_rate" (a spot and a perpetual venue, or two
  /// perpetual ones).
  std::string type;
  bool enabled = true;
  std::vector<std::string> venues;
  std::vector<std::string> symbols;  ///< base assets, e.g. "BTC"
  /// The quote currency of every leg (filled from the venues when absent;
  /// all venues of a strategy must trade it).
  std::string quote;
  decimal min_profit_rate = dec(defaults::min_profit_rate);
  decimal max_size;               ///< base units per trade; 0: risk limit only
  // -- the derivatives types (actors/strategy/hedge_core.hpp) ---------------
  /// Basis kinds: the entry basis net of the round trip's fees and the
  /// expected funding that opens a hedge ...
  decimal entry_threshold = dec("0.002");
  /// ... and the exit basis at or below which it has converged.
  decimal exit_threshold = dec("0.0005");
  /// funding_rate: the annualised edge net of fees and basis to enter.
  decimal min_annual_edge = dec("0.1");
  /// Funding periods the expected funding counts on.
  int64_t funding_horizon_periods = 3;
  /// Ratios of a hedge's notional: take-profit (funding_rate) and the
  /// basis stop-loss (every derivatives type); 0: off.
  decimal take_profit;
  decimal stop_loss;
  int64_t max_holding_s = 86'400;  ///< a hedge is closed after this
  int64_t max_open = 1;            ///< hedges held at once
};

/// True for the strategy types that hold hedges across spot and
/// perpetuals.
bool is_derivatives_type(std::string_view type);

/// Reduces a perpetual position whose mark came near its liquidation
/// price: |mark - liquidation| / mark < distance (0: off).
struct liquidation_guard_settings {
  double distance = defaults::guard_distance;
  double reduce_fraction = defaults::guard_reduce_fraction; ///< of its size
  int64_t cooldown_s = defaults::guard_cooldown_s; ///< per position
};

struct risk_settings {
  decimal min_profit_rate = dec(defaults::min_profit_rate);
  /// Per trade, per asset: the most of it, in base units ("BTC": 0.1).
  /// Every asset a strategy trades needs one.
  std::map<std::string, decimal> max_position{
    {"BTC", dec(defaults::max_position_btc)}};
  /// Per trade, per quote currency: the most notional ("KRW", "USDT").
  /// Every quote a strategy trades in needs one.
  std::map<std::string, decimal> max_notional{
    {"KRW", dec(defaults::max_notional_krw)}};
  /// Per quote currency: today's realised loss that stops trading.
  /// Every quote a strategy trades in needs one.
  std::map<std::string, decimal> daily_loss_limit{
    {"KRW", dec(defaults::daily_loss_limit_krw)}};
  /// Per currency: what is kept untouched on every venue (0 if absent).
  std::map<std::string, decimal> min_balance{
    {"BTC", dec(defaults::min_balance_btc)},
    {"KRW", dec(defaults::min_balance_krw)}};
  int64_t max_concurrent_trades = defaults::max_concurrent_trades;
  int64_t max_orders_per_minute = defaults::max_orders_per_minute;
  int64_t failures_to_pause = defaults::failures_to_pause;
  int64_t failure_pause_s = defaults::failure_pause_s;
  /// Today's drop of realised PnL (pre-trade) and equity's drop from its
  /// peak (halts), as a share of capital / the peak.
  double max_drawdown = defaults::max_drawdown;
  /// Open perpetual notional / equity, per quote currency.
  double leverage_limit = defaults::leverage_limit;
  int64_t trade_slot_timeout_s = defaults::trade_slot_timeout_s;
  /// Per quote currency: the most 95 % VaR, historical (one trade's PnL)
  /// and parametric (open perpetual positions); absent: no VaR limit.
  std::map<std::string, decimal> var_limit;
  /// The most Pearson correlation of a new perpetual position's returns
  /// with an open one's of the same direction (0: off).
  double correlation_limit = 0;
  /// A hedge's loss / gain, as a share of its notional, at which its
  /// strategy exits (0: none); risk only carries them.
  double stop_loss_threshold = 0;
  double take_profit_threshold = 0;
  /// Per asset: the most open perpetual position across venues, base
  /// units, summed as absolute sizes; absent: no limit.
  std::map<std::string, decimal> max_open_position;
  /// Per quote currency: the most open perpetual notional across venues;
  /// absent: no limit (the leverage limit still holds).
  std::map<std::string, decimal> max_open_notional;
  liquidation_guard_settings liquidation_guard;
};

struct execution_settings {
  int64_t order_timeout_ms = defaults::order_timeout_ms;
  /// A place queued behind the venue's rate limit this long is dropped
  /// unsent (< order_timeout_ms, so it is never written after the order
  /// actor stopped waiting for it).
  int64_t place_queue_deadline_ms = defaults::place_queue_deadline_ms;
  decimal reprice_band = dec(defaults::reprice_band);
  /// Per quote currency: the most notional a trade may hold unhedged
  /// before it is unwound (every quote a strategy trades in needs one).
  std::map<std::string, decimal> naked_notional_cap{
    {"KRW", dec(defaults::naked_notional_cap_krw)}};
  int64_t naked_time_cap_s = defaults::naked_time_cap_s;
  int64_t lookup_window_ms = defaults::lookup_window_ms;
  int64_t reconcile_interval_s = defaults::reconcile_interval_s;
  bool cancel_on_shutdown = defaults::cancel_on_shutdown;
};

/// Alert rules (seed 000 §4.3). A rule with a zero threshold is off.
struct alert_settings {
  std::string webhook_url;          ///< JSON POST target; empty: log only
  int64_t renotify_s = defaults::alert_renotify_s;
  int64_t venue_disconnected_s = defaults::alert_venue_disconnected_s;
  int64_t consecutive_order_failures = defaults::alert_order_failures;
  std::map<std::string, decimal> min_balance;  ///< currency -> threshold
  bool risk_halt = true;
  bool trade_exposed = true;
};

struct settings {
  std::string source_file;
  node_settings node;
  supervision_settings supervision;
  std::vector<venue_settings> venues;
  std::vector<strategy_settings> strategies;
  risk_settings risk;
  execution_settings execution;
  alert_settings alerts;

  const venue_settings* find_venue(std::string_view name) const;
};

} // namespace karb::config
