#pragma once

// Bybit v5 private stream frames (/v5/private) -> venue::private_frame.
//
//   {"op":"auth","success":true,...}       -> authenticated (then the
//                                             table's private_after_auth
//                                             subscriptions are sent)
//   {"op":"auth","success":false,...}      -> failure (login refused:
//                                             ret_msg)
//   {"op":"subscribe","success":false}     -> failure naming ret_msg
//   other acks, pongs                      -> other
//   topic order*                           -> order: the first entry of
//                                             `data` of this venue's
//                                             category, read like a REST
//                                             order (order_parse.hpp); a
//                                             frame listing several orders
//                                             reports the first only
//                                             (private_frame holds one
//                                             update; the others' state
//                                             comes with their next push
//                                             or a lookup)
//   topic execution*                       -> order: the fills (execType
//                                             Trade) of the first listed
//                                             order of this category:
//                                             execId, execPrice, execQty,
//                                             execFee, feeCurrency (spot;
//                                             linear fees are in the settle
//                                             coin, USDT), execTime; the
//                                             update's state has the ids,
//                                             symbol, side and status
//                                             `submitted` (an execution
//                                             does not say the order's
//                                             state: the order topic does)
//   topic wallet                           -> assets (account_parse.hpp)
//   topic position*                        -> positions, flat ones too
//   anything else                          -> other; bad JSON -> failure

#include <cstdint>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::bybit {

venue::private_frame parse_private(std::string_view text, exchange venue,
                                   int64_t ts_recv_ns);

} // namespace karb::bybit
