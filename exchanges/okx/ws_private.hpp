#pragma once

// OKX private frames -> venue::private_frame (exchanges.md §5.1, §5.3).
//
//   {"event":"login","code":"0"}       -> authenticated
//   {"event":"error","code","msg"}     -> failure naming code and msg
//                                         (60009: login failed)
//   {"event":"subscribe"|"channel-conn-count"|"notice"}, "pong" -> other
//   {"arg":{"channel":"orders"},"data":[...]} -> order: the first entry
//                                         (order_parse.hpp: sizes in base
//                                         units, clOrdId decoded, its
//                                         latest fill)
//   {"arg":{"channel":"account"},"data":[{details[]}]} -> assets
//                                         (account_parse.hpp)
//   {"arg":{"channel":"positions"},"data":[...]} -> positions (SWAP)
//   anything else -> other; bad JSON or an unreadable push -> failure

#include <cstdint>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

venue::private_frame parse_private(std::string_view text, exchange venue,
                                   const venue::contract_size_fn& sizes,
                                   int64_t ts_recv_ns);

} // namespace karb::okx
