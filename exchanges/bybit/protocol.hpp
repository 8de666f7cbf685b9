#pragma once

// The protocol table of Bybit v5 spot and USDT perpetuals (category spot
// and linear), built from the pieces in this folder
// (exchanges/common/venue_protocol.hpp is the contract).

#include "exchanges/common/venue_protocol.hpp"

namespace karb::bybit {

/// The table of exchange::bybit_spot or exchange::bybit_linear; throws
/// std::invalid_argument for any other venue.
venue::venue_protocol bybit_protocol(exchange venue);

} // namespace karb::bybit
