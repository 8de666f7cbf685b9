#pragma once

// Order objects of the Upbit family -> karb::order (+ the fills listed in
// `trades[]`). Accepts Upbit v1 keys (uuid, ord_type, identifier) and the
// Bithumb v2 aliases (order_id, order_type, client_order_id).
//
// State mapping:
//   wait/watch -> open, or partially_filled once executed_volume > 0
//   done       -> filled
//   cancel     -> cancelled, EXCEPT a fill: executed_volume > 0 and nothing
//                 left to execute (a market buy `ord_type=price` always ends
//                 `cancel` because its unspendable KRW dust is cancelled;
//                 a market sell whose remaining_volume is 0 likewise)
//   absent     -> open (Bithumb v2 placement acks carry no state)
// A DELETE reply still reading `wait` maps to open: the cancel is accepted
// asynchronously and is confirmed only by a later query or myOrder event.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/json_text.hpp"
#include "exchanges/common/order_snapshot.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/orders.hpp"

namespace karb::korea {

using karb::order_snapshot;

/// Maps the venue state; nullopt for an unknown state text.
std::optional<order_status> map_state(std::string_view state,
                                      std::string_view ord_type,
                                      decimal executed, decimal remaining);

/// One order object.
result<order_snapshot> read_order(const json_text::json& obj, exchange venue);
/// A body holding one order object (place / get / cancel replies).
result<order_snapshot> parse_order(std::string_view body, exchange venue);
/// A body holding an array of order objects (open / closed lists).
result<item_list<order_snapshot>> parse_orders(std::string_view body,
                                               exchange venue);

} // namespace karb::korea
