#pragma once

// Binance user data frames -> venue::private_frame.
//
// Spot (WebSocket API, `{"subscriptionId":N,"event":{...}}`, or bare):
//   executionReport          -> order: the order after this execution (s,
//                               c / C, S, o, f, q, p, X, i, z, Z, Q, T) and,
//                               when x = TRADE, its fill (t, L, l, n, N)
//   outboundAccountPosition  -> assets: B[]{a, f, l} (changed assets only)
// USD-M (listen-key stream, bare events):
//   ORDER_TRADE_UPDATE       -> order: o{s, c, S, o, f, q, p, ap, X, i, z,
//                               T} and, when x = TRADE, its fill (t, L, l,
//                               n, N)
//   ACCOUNT_UPDATE           -> positions when a.P lists any (their amount
//                               signed in pa, entry ep, unrealized up,
//                               isolated wallet iw), else assets; `balances`
//                               is filled either way from a.B: wallet wb ->
//                               total, cross wallet cw -> free, the rest
//                               (isolated wallets) -> used
// Both:
//   listenKeyExpired, eventStreamTerminated -> failure (resubscribe)
//   a WebSocket API reply with status 200   -> other; with an error ->
//                                             failure naming it
//   anything else (balanceUpdate, ...)      -> other; bad JSON -> failure

#include <cstdint>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::binance {

venue::private_frame parse_private(std::string_view text, exchange venue,
                                   int64_t ts_recv_ns);

} // namespace karb::binance
