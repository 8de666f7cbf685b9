#pragma once

// The trade state machine as a table (architecture §4) and the trade core
// that drives it: both legs at once, then re-price the missing leg within
// the band, then unwind the filled excess until the net position is flat.
// "Flat" is measured against the entry legs' own net: 0 for the two-leg
// arbitrage (one side sold, the other bought), the signed size for a
// one-leg close trade (a reduce-only order that shrinks a perpetual
// position), which re-prices its missing part and has nothing to unwind.
// Pure: time comes in as arguments, actions come out as values.
//
//   planned -> legs_submitted -> done | failed
//                    |
//                    v
//                 exposed -> repricing -> done | exposed
//                    |
//                    v
//                 unwinding (retry, wider) -> flat | stuck (alert)
//                    ^                                     |
//                    +------ retry (backoff, doubling) ----+
//
// A stuck trade is still exposed: it alerts, keeps its slot and tries to
// unwind again after `stuck_retry_ns`, doubling up to `stuck_retry_cap_ns`,
// until it is flat (a restart retries it at once). Only a trade with no
// leg to unwind reports "exposed" and stops.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb::execution {

enum class trade_state : uint8_t {
  planned, legs_submitted, exposed, repricing, unwinding,
  done,   ///< terminal: both sides filled (outcome "completed")
  flat,   ///< terminal: exposure unwound (outcome "unwound")
  failed, ///< terminal: nothing filled (outcome "failed")
  stuck,  ///< still exposed after every unwind attempt (outcome "exposed")
};

enum class trade_event : uint8_t {
  submit,         ///< both legs sent at once
  recover,        ///< restart: resume from the stored state
  balanced,       ///< every order terminal, net position within tolerance
  nothing_filled, ///< every order terminal, nothing executed
  imbalanced,     ///< every order terminal, net position off
  reprice,        ///< place the missing quantity at a worse price
  unwind,         ///< reverse the filled excess
  give_up,        ///< unwind attempts exhausted: alert, stay exposed
  retry,          ///< a stuck trade's back-off elapsed: unwind again
};

std::string to_string(trade_state s);
std::string to_string(trade_event e);
std::optional<trade_state> trade_state_from_string(std::string_view s);
/// True for done, flat and failed (stuck is retried after a restart).
bool is_final(trade_state s);
/// "completed", "unwound", "failed", "exposed"; empty while running.
std::string outcome_of(trade_state s);

struct trade_edge {
  trade_state from;
  trade_event event;
  trade_state to;
};

std::span<const trade_edge> trade_edges();
std::optional<trade_state> next_state(trade_state from, trade_event e);

// -- the core ------------------------------------------------------------------------

/// `close`: the entry leg of a one-leg close trade (a reduce-only order
/// whose fill is the goal, not something to hedge).
enum class leg_role : uint8_t { entry, reprice, unwind, close };
std::string to_string(leg_role r);
std::optional<leg_role> leg_role_from_string(std::string_view s);

struct trade_params {
  decimal reprice_band;              ///< e.g. 0.002 = 0.2 % worse at most
  decimal naked_notional_cap;        ///< quote currency
  int64_t naked_time_cap_ns = 0;
  int64_t order_timeout_ns = 0;      ///< a live order older is cancelled
  decimal flat_tolerance;            ///< |net base| at most this is flat
  int max_reprices = 1;
  int max_unwinds = 3;               ///< attempt k prices k bands away
  /// A stuck trade unwinds again after this, then after twice as long,
  /// up to the cap.
  int64_t stuck_retry_ns = 30'000'000'000;
  int64_t stuck_retry_cap_ns = 600'000'000'000;
  /// Rounds a price to the venue's grid (optional).
  std::function<decimal(const instrument&, decimal, side)> round_price;
  /// Floors a quantity to the venue's lot (optional): a size risk reduced
  /// must still be one both venues accept.
  std::function<decimal(const instrument&, decimal)> round_size;
};

/// An order the trade wants (or has) on a venue.
struct leg_plan {
  std::string venue;
  instrument symbol;
  side order_side = side::buy;
  decimal amount;
  decimal price;      ///< 0 for a market order
  int leg = 0;        ///< the entry leg whose venue it uses
  int attempt = 1;    ///< 1 for the entry order, then 2, 3, ...
  leg_role role = leg_role::entry;
  /// Perpetuals: may only shrink the position (exit and close legs; the
  /// unwind of a leg that opened a position).
  bool reduce_only = false;
  order_type type = order_type::limit; ///< market: a close at any price
};

/// What the core knows of one of its orders.
struct tracked_order {
  leg_plan plan;
  std::string client_order_id;
  order_status status = order_status::pending;
  decimal filled;
  decimal notional;   ///< quote
  decimal fees;       ///< quote
  int64_t placed_ns = 0;
  bool cancel_sent = false;
};

struct trade_action {
  enum class kind : uint8_t { place, cancel, report, alert };
  kind what = kind::place;
  leg_plan plan;                ///< place
  std::string client_order_id;  ///< place, cancel
  std::string reason;
};

/// One step, for the bus event and the audit row.
struct trade_step {
  trade_state from;
  trade_state to;
  std::string what;     ///< the event name or "cap_exceeded", "cancel", ...
  std::string detail;   ///< JSON object
};

class trade_core {
public:
  trade_core(trade_params p, std::string trade_id,
             std::vector<leg_plan> entry_legs);

  /// planned -> legs_submitted: places every entry leg at once.
  std::vector<trade_action> start(int64_t now_ns);
  /// Restart: resumes from `stored` with the orders known to the store.
  std::vector<trade_action> resume(trade_state stored,
                                   std::vector<tracked_order> orders,
                                   int64_t now_ns);
  /// An order changed; evaluates once every order is terminal.
  std::vector<trade_action> on_order(const std::string& client_order_id,
                                     order_status status, decimal filled,
                                     decimal notional, decimal fees,
                                     int64_t now_ns);
  /// Order timeouts, naked-exposure caps and a stuck trade's retry.
  std::vector<trade_action> on_timer(int64_t now_ns);

  trade_state state() const { return state_; }
  const std::string& id() const { return id_; }
  const std::vector<tracked_order>& orders() const { return orders_; }
  /// Bought minus sold (base units), over every order.
  decimal net_base() const;
  /// What the entry legs mean to leave: 0 for the arbitrage (one side
  /// bought, the other sold), the signed size of a close trade's leg.
  decimal target_net() const { return target_net_; }
  /// Sells minus buys minus fees, the open net valued at the entry mid; a
  /// close trade's is its fees (the position's PnL is the venue's).
  decimal pnl() const;
  decimal fees() const;
  /// Base units filled on one side, and the quote they cost or brought.
  decimal filled(side s) const;
  decimal notional(side s) const;
  bool force_unwind() const { return force_unwind_; }
  /// Steps since the last call, oldest first.
  std::vector<trade_step> take_steps();

private:
  void step(trade_event e, std::string detail = "{}");
  void note(std::string what, std::string detail);
  trade_action place(leg_plan plan, int64_t now_ns);
  void evaluate(int64_t now_ns, std::vector<trade_action>& out);
  void decide_exposed(int64_t now_ns, std::vector<trade_action>& out);
  void check_caps(int64_t now_ns, std::vector<trade_action>& out);
  void finish(int64_t now_ns, std::vector<trade_action>& out);
  void retry_stuck(int64_t now_ns, std::vector<trade_action>& out);
  const leg_plan* entry(side s) const;
  decimal mark() const;
  decimal shifted(const leg_plan& ref, side s, int bands) const;
  int next_attempt(int leg) const;
  bool all_terminal() const;

  trade_params params_;
  std::string id_;
  std::vector<leg_plan> entry_;
  std::vector<tracked_order> orders_;
  std::vector<trade_step> steps_;
  trade_state state_ = trade_state::planned;
  int reprices_ = 0;
  int unwinds_ = 0;
  bool force_unwind_ = false;
  bool cap_noted_ = false;
  int64_t exposed_since_ns_ = -1;
  int64_t retry_at_ns_ = -1;   ///< stuck: when to unwind again (-1: never)
  int64_t retry_after_ns_ = 0; ///< the last back-off
  decimal target_net_;
};

} // namespace karb::execution
