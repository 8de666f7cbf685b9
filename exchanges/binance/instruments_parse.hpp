#pragma once

// GET /api/v3/exchangeInfo and /fapi/v1/exchangeInfo -> instrument_spec.
//
//   PRICE_FILTER.tickSize                -> tick
//   LOT_SIZE.stepSize / minQty / maxQty  -> lot / min_qty / max_qty
//   spot NOTIONAL.minNotional (or the older MIN_NOTIONAL.minNotional),
//   USD-M MIN_NOTIONAL.notional          -> min_notional
//   status TRADING                       -> trading
//
// Spot lists every symbol; USD-M lists only PERPETUAL contracts (dated
// quarterlies and others are skipped), contract_size 1: quantities are in
// the base asset on both.

#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"

namespace karb::binance {

result<item_list<instrument_spec>> parse_exchange_info(std::string_view body,
                                                         exchange venue);

} // namespace karb::binance
