#pragma once

// OKX counts SWAP sizes in contracts (exchanges.md §5.2: BTC-USDT-SWAP
// ctVal = 0.01 BTC); karb counts base units everywhere. These convert
// with the contract size the venue's instrument rules give
// (venue::contract_size_fn); an unknown size is an error, never 1.

#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

/// The contract size of `inst_id`; an unknown_market error naming the
/// instrument when `sizes` is empty or does not know it.
result<decimal> contract_size(const venue::contract_size_fn& sizes,
                              std::string_view inst_id);

/// contracts x size, exact.
result<decimal> to_base(decimal contracts, decimal size);

/// base / size; an invalid_volume error naming both when the quotient
/// needs rounding (`base` is no exact number of contracts: the venue
/// would trade another quantity). Whether that number is on the lot is
/// checked earlier, against the instrument's rules in base units
/// (venue::check_rules with lot = lotSz x ctVal).
result<decimal> to_contracts(decimal base, decimal size);

} // namespace karb::okx
