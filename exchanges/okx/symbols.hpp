#pragma once

// OKX instrument ids (exchanges.md §0): "BTC-USDT" on spot, "BTC-USDT-SWAP"
// for the USDT-margined perpetual; base and quote can be read off the id.
// The two karb venues are one instrument type each (instType SPOT, SWAP).

#include <string>
#include <string_view>

#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb::okx {

/// Spot for okx_spot, perpetual for okx_swap.
contract_type contract_of(exchange venue);

/// The instType of a venue: "SPOT" or "SWAP".
std::string_view inst_type(exchange venue);

/// The instId: `venue_symbol` when set, else BASE-QUOTE (spot) or
/// BASE-QUOTE-SWAP (swap), uppercase.
std::string market_code(const instrument& x);

/// Sets `out` to the instrument `inst_id` on `venue` in place, base and
/// quote split off the id (reusing the strings' storage).
void assign_symbol(exchange venue, std::string_view inst_id, instrument& out);

instrument symbol_instrument(exchange venue, std::string_view inst_id);

} // namespace karb::okx
