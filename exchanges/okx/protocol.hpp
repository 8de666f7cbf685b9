#pragma once

// The protocol table of OKX spot and OKX USDT-margined swaps (v5 API),
// built from the pieces in this folder (exchanges/common/venue_protocol.hpp
// is the contract).

#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

/// The table of exchange::okx_spot or exchange::okx_swap; `sizes` gives
/// the contract size of a swap (its parsers and builders convert between
/// contracts and base units with it). Throws std::invalid_argument for any
/// other venue.
venue::venue_protocol okx_protocol(exchange venue,
                                   venue::contract_size_fn sizes);

} // namespace karb::okx
