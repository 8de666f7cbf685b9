#pragma once

// Reconciliation (pure): the orders a venue holds for the account against
// what the node holds. Every venue order carrying the node's client-id
// prefix must be known to the node in the venue's state; one that is not
// is adopted. Orders without the prefix are someone else's: reported,
// never touched.
//
//   venue order            node                         action
//   ---------------------  ---------------------------  -------------------
//   no prefix              -                            foreign
//   prefix                 order actor alive            route  (venue ahead)
//   prefix                 stored, its trade alive      report (venue ahead)
//   prefix                 stored non-terminal, trade   wait (being resumed)
//                          alive but no order actor
//   prefix                 stored, trade not running    adopt  (venue ahead)
//   prefix                 not stored                   ghost

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "messages/decimal.hpp"
#include "messages/orders.hpp"
#include "messages/trading.hpp"

namespace karb::execution {

/// What the node holds, as far as the orders listed are concerned.
struct node_orders {
  std::map<std::string, order_record> stored; ///< by client order id
  /// The fills the store booked for them, by client order id.
  std::map<std::string, std::vector<fill>> booked;
  std::set<std::string> live_orders;          ///< client ids with an actor
  std::set<std::string> live_trades;          ///< trade ids with an actor
};

enum class reconcile_kind : uint8_t {
  route,   ///< the live order actor takes the venue's view
  report,  ///< the order's actor is gone, its trade lives: corrected record
  adopt,   ///< stored, trade not running: store, then resume the trade
  ghost,   ///< ours, unknown to the store: record it, resume its trade
  foreign, ///< not ours: reported only
};

std::string to_string(reconcile_kind k);

struct reconcile_action {
  reconcile_kind kind = reconcile_kind::foreign;
  order view;           ///< the venue's, status normalised (venue_status_of)
  /// report / adopt / ghost: the record with the venue's view applied.
  order_record record;
  std::string was;      ///< the status the node held ("" for a ghost)
  /// What the venue filled beyond the fills the store booked, as one fill
  /// (order_core's gap_fill) for the store and the portfolio.
  std::optional<fill> catch_up;
};

/// The parts of `<prefix><trade>-<leg>-<attempt>`.
struct client_id_parts {
  std::string trade_id;
  int leg = 0;
  int attempt = 0;
};
std::optional<client_id_parts> parse_client_order_id(std::string_view cid,
                                                     std::string_view prefix);

/// A venue view's status as the order table names it: complete is filled,
/// open with fills is partially filled.
order_status venue_status_of(const order& view);

/// Whether the venue's view is news to the node: more filled, finished
/// where the node has it live or unknown, or present where the node took
/// it as never placed (failed, rejected). A stale view (fewer fills, live
/// where the node has it finished) is not.
bool venue_ahead(const order& stored, const order& venue);

/// The actions for one venue's listed orders (open and recent).
std::vector<reconcile_action> reconcile(std::string_view venue,
                                        const std::vector<order>& listed,
                                        const node_orders& node,
                                        std::string_view prefix);

} // namespace karb::execution
