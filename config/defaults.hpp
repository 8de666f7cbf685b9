#pragma once

// Every default of the node's configuration, in one place. The risk
// defaults are seed 000 §3.7.2; supervision and heartbeat are seed 000 §4.2.

#include <cstdint>

namespace karb::config::defaults {

// -- node ---------------------------------------------------------------------
inline constexpr const char* node_name = "karb";
inline constexpr const char* store = "var/karb.db";
inline constexpr const char* audit_file = "var/audit.jsonl";
inline constexpr const char* log_level = "info";
inline constexpr const char* log_file = "var/karb.log";
inline constexpr int64_t log_max_size_mb = 50;
inline constexpr int64_t log_max_files = 5;
inline constexpr int64_t audit_max_size_mb = 100;
inline constexpr int64_t audit_max_files = 10;
inline constexpr const char* loopback = "127.0.0.1";
inline constexpr int64_t inspect_port = 4242;
inline constexpr int64_t status_interval_s = 10;
/// Finished trades, events and balance snapshots stay in the live store
/// this long (30 days), then move to its monthly archive file.
inline constexpr int64_t store_keep_hours = 720;

// -- supervision (seed 000 §4.2) ------------------------------------------------
inline constexpr int64_t restart_base_ms = 500;
inline constexpr int64_t restart_cap_ms = 30'000;
inline constexpr double restart_jitter = 0.2;
inline constexpr int64_t breaker_failures = 5;
inline constexpr int64_t breaker_cool_down_s = 300;
inline constexpr int64_t stable_after_s = 30;
inline constexpr int64_t shutdown_timeout_s = 10;

// -- venues ---------------------------------------------------------------------
inline constexpr const char* fee = "0.0005";
inline constexpr int64_t ws_heartbeat_s = 60;
inline constexpr int64_t request_timeout_ms = 5000;
inline constexpr int64_t rate_limit_per_s = 8;
/// A 418 (ban) without Retry-After stops every request for this long.
inline constexpr int64_t ban_default_s = 60;
/// A 429 without Retry-After pauses the request's group for this long ...
inline constexpr int64_t rate_limited_pause_ms = 1000;
/// ... then the group refills at `rate_limited_refill` of its rate for this.
inline constexpr int64_t rate_limited_slow_s = 60;
inline constexpr double rate_limited_refill = 0.5;

// -- risk (seed 000 §3.7.2, seed 002 §3.6) --------------------------------------
inline constexpr const char* min_profit_rate = "0.005";
inline constexpr const char* max_position_btc = "0.1";
inline constexpr const char* max_notional_krw = "5000000";
inline constexpr const char* daily_loss_limit_krw = "1000000";
inline constexpr const char* min_balance_btc = "0.05";
inline constexpr const char* min_balance_krw = "1000000";
inline constexpr int64_t max_concurrent_trades = 2;
inline constexpr int64_t max_orders_per_minute = 60;
inline constexpr int64_t failures_to_pause = 5;
inline constexpr int64_t failure_pause_s = 300;
inline constexpr double max_drawdown = 0.1;
inline constexpr double leverage_limit = 1.0;
/// The liquidation-distance guard: a perpetual position whose mark is
/// within this share of its liquidation price is reduced by
/// `guard_reduce_fraction`, at most once per position per cooldown.
inline constexpr double guard_distance = 0.05;
inline constexpr double guard_reduce_fraction = 0.5;
inline constexpr int64_t guard_cooldown_s = 30;
/// An approved trade's concurrency slot is freed (with an alert) when no
/// report of it arrived within this.
inline constexpr int64_t trade_slot_timeout_s = 600;

// -- execution ------------------------------------------------------------------
inline constexpr int64_t order_timeout_ms = 3000;
/// A place still waiting for its rate limit after this is dropped unsent;
/// must stay under order_timeout_ms (the order actor's wait for the ack).
inline constexpr int64_t place_queue_deadline_ms = 1000;
inline constexpr const char* reprice_band = "0.002";
inline constexpr const char* naked_notional_cap_krw = "10000000";
inline constexpr int64_t naked_time_cap_s = 30;
/// The venue's "no such order" for an unknown order counts after this.
inline constexpr int64_t lookup_window_ms = 5000;
/// Open and recent orders of every venue compared with the store (0: only
/// at start and after a private stream reconnects).
inline constexpr int64_t reconcile_interval_s = 60;
/// SIGTERM cancels the resting orders and waits for them.
inline constexpr bool cancel_on_shutdown = true;

// -- alerts (seed 000 §4.3) -----------------------------------------------------
inline constexpr int64_t alert_renotify_s = 600;
inline constexpr int64_t alert_venue_disconnected_s = 60;
inline constexpr int64_t alert_order_failures = 3;

} // namespace karb::config::defaults
