#pragma once

// Our client order ids on OKX. Ours look like "karb-<trade id>-<leg>-
// <attempt>", 1-36 of [a-z0-9_-] (actors/execution/order_fsm.cpp); OKX's
// clOrdId allows only 1-32 of [A-Za-z0-9]. The encoding uses the upper
// case letters our ids never contain:
//
//   a leading "karb-"  -> "K"   (so a 36-character id fits in 32)
//   "-"                -> "D"
//   "_"                -> "U"
//   a-z 0-9            -> themselves
//
// "karb-sx1abcx1-0-1" -> "Ksx1abcx1D0D1". Decoding reverses it. An id with
// upper case letters or other characters, or longer than 32 once encoded,
// is refused. A venue id that is not such an encoding (an order placed by
// hand, say) decodes to itself.

#include <string>
#include <string_view>

#include "exchanges/common/venue_error.hpp"

namespace karb::okx {

/// Our id as a clOrdId; a bad_request error naming the rule when it cannot
/// be encoded.
result<std::string> encode_client_id(std::string_view ours);

/// A clOrdId back in our form ("" stays "").
std::string decode_client_id(std::string_view venue_id);

} // namespace karb::okx
