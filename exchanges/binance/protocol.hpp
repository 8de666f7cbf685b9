#pragma once

// The protocol table of Binance spot and Binance USD-M perpetuals, built
// from the pieces in this folder (exchanges/common/venue_protocol.hpp is
// the contract).

#include "exchanges/common/venue_protocol.hpp"

namespace karb::binance {

/// The table of exchange::binance_spot or exchange::binance_usdm; throws
/// std::invalid_argument for any other venue.
venue::venue_protocol binance_protocol(exchange venue);

} // namespace karb::binance
