#pragma once

// The matching engine of one venue: accounts with balances, orders, fills
// against the venue's published book, fees, and the events the private
// WebSocket streams carry. Pure: no I/O, time is an argument.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tools/karb-sim/book.hpp"
#include "tools/karb-sim/rng.hpp"
#include "tools/karb-sim/tape.hpp"

namespace karb::sim {

struct asset_balance {
  decimal balance;       ///< available
  decimal locked;        ///< reserved by open orders
  decimal avg_buy_price;
};

struct account {
  std::string access_key;
  std::string secret_key;
  decimal fee = default_fee;
  std::map<std::string, asset_balance> assets;
  std::set<std::string> identifiers; ///< client ids ever used
};

struct fill {
  std::string uuid;
  decimal price, volume, funds, fee;
  bool maker = false;
  time_ms at = 0;
};

enum class order_state { wait, done, cancel };
const char* to_string(order_state s);

struct order {
  std::string uuid, identifier, market, account;
  bool bid = true;
  std::string ord_type;       ///< limit | price | market
  std::string time_in_force;  ///< "", ioc, fok, post_only
  std::optional<decimal> price, volume;
  decimal remaining_volume, reserved_fee, remaining_fee, paid_fee, locked;
  decimal executed_volume, executed_funds;
  std::vector<fill> trades;
  order_state state = order_state::wait;
  time_ms created_at = 0;
  bool cancel_pending = false; ///< cancel accepted, not yet processed
};

/// A rejection with the venue's HTTP status and error name.
struct engine_error {
  int status = 400;
  std::string name;
  std::string message;
};

/// Order parameters as received (strings, validated by place()).
struct order_request {
  std::string market, side, ord_type, time_in_force, identifier;
  std::optional<std::string> price, volume;
};

/// Options a fault can impose on one placement.
struct fill_policy {
  decimal max_fill_ratio = decimal::from_int(1); ///< "partial_fill" fault
};

/// Something changed on an order (for myOrder).
struct order_event {
  order snapshot;
  std::optional<fill> last_fill;
};

using place_result = std::variant<order*, engine_error>;

class engine {
public:
  engine(venue_kind v, uint64_t seed);

  account& add_account(account a);
  account* find_account(std::string_view access_key);
  const std::map<std::string, account>& accounts() const { return accounts_; }

  /// Validates (venue rules, funds) and executes against `b`, printing fills
  /// on `t`. Upbit burns the identifier even when the order is refused.
  place_result place(account& a, const order_request& req, book& b, tape& t,
                     time_ms now, const fill_policy& policy = {});

  /// By uuid, or by identifier when uuid is empty; nullptr if unknown.
  order* find(const account& a, std::string_view uuid,
              std::string_view identifier);
  /// Accepts a cancel: the order stays `wait` until settle() runs.
  place_result cancel(account& a, std::string_view uuid,
                      std::string_view identifier);
  /// Completes accepted cancels (called before every request and step).
  void settle(time_ms now);
  /// Fills resting limit orders the new book crosses (maker fills).
  void match_resting(book& b, tape& t, time_ms now);

  /// The account's orders, newest first, filtered by market ("" = all) and
  /// states (empty = all).
  std::vector<const order*> orders_of(const account& a, std::string_view market,
                                      const std::set<order_state>& states) const;
  const std::map<std::string, order>& orders() const { return orders_; }

  /// The last placed order as it was accepted, before it executed (what
  /// the POST reply shows: state wait, nothing executed yet).
  const order& last_accepted() const { return last_accepted_; }

  /// A fresh id for a myAsset message (own generator: the market's
  /// determinism must not depend on when private events are collected).
  std::string next_asset_uuid() { return asset_rng_.uuid(); }

  std::vector<order_event> take_order_events();
  /// Access keys whose balances changed since the last call.
  std::set<std::string> take_asset_events();

private:
  std::optional<engine_error> validate(account& a, const order_request& req,
                                       const book& b, order& o);
  void take(order& o, account& a, book& b, tape& t, time_ms now,
            decimal ratio);
  void fill_one(order& o, account& a, price_level& lvl, decimal price,
                decimal vol, bool maker, tape& t, time_ms now);
  void close(order& o, account& a, order_state s);
  void emit(const order& o, const fill* f);

  venue_kind venue_;
  rng rng_;
  std::map<std::string, account> accounts_;
  std::map<std::string, order> orders_;
  std::vector<std::string> sequence_; ///< uuids in creation order
  std::vector<std::string> open_;     ///< resting orders, by time
  std::map<std::pair<std::string, std::string>, std::string> by_identifier_;
  std::vector<order_event> order_events_;
  std::set<std::string> asset_events_;
  order last_accepted_;
  rng asset_rng_{0x5eed};
};

} // namespace karb::sim
