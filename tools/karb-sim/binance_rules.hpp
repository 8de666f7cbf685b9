#pragma once

// Binance venue rules (spot and USD-M): symbols derived from the listed
// markets, USDT prices from the KRW price model, per-symbol filters, the
// numbers' printed precision. Pure data and functions.

#include <string>
#include <string_view>

#include "tools/karb-sim/rules.hpp"

namespace karb::sim {

/// Fixed conversion of the KRW price model to USDT: 1 USDT = 1,400 KRW.
inline const decimal krw_per_usdt = decimal::from_int(1400);
/// USD-M mids sit this many basis points above the spot mids (on top of
/// each venue's own premium process), so the two books differ a little.
inline constexpr double perp_basis_bp = 2.0;

/// "BTCUSDT" for KRW-BTC.
std::string binance_symbol(const market_spec& m);
/// Index into markets() of a Binance symbol ("BTCUSDT"), or -1.
int binance_market_index(std::string_view symbol);
/// A KRW amount in USDT (8 decimals).
decimal to_usdt(decimal krw);

/// One symbol's filters and precision on a Binance venue.
struct bn_symbol_rules {
  std::string symbol;
  std::string base;
  decimal tick;             ///< PRICE_FILTER tickSize
  decimal min_price, max_price;
  decimal step;             ///< LOT_SIZE stepSize (also MARKET_LOT_SIZE)
  decimal min_qty, max_qty;
  decimal market_max_qty;   ///< MARKET_LOT_SIZE maxQty
  decimal min_notional;     ///< NOTIONAL minNotional / MIN_NOTIONAL notional
  decimal max_notional;     ///< spot NOTIONAL maxNotional
  decimal maint_margin_rate; ///< USD-M maintenance margin rate
  int price_decimals = 8;   ///< printed decimals of prices
  int qty_decimals = 8;     ///< printed decimals of quantities
};

/// The rules of market `m` on `v` (binance_spot or binance_usdm). Spot:
/// the tick is 10^(floor(log10 price) - 4) of the start price in USDT, at
/// most 0.01 (BTC 0.01, ETH 0.01, XRP 0.0001), the step 10^-size_decimals
/// (BTC 0.0001, ETH 0.001, XRP 0.1), 8 decimals printed. USD-M: tick and
/// step ten times the spot ones (BTC 0.1 and 0.001), printed with the spot
/// tick's and step's decimals (pricePrecision 2, quantityPrecision 4 for
/// BTC), so a price off the tick but within the precision is -4014.
bn_symbol_rules binance_rules(venue_kind v, const market_spec& m);

/// `d` with exactly `places` decimals (truncated), e.g. "0.35210000".
std::string fixed(decimal d, int places);

/// True when `d` is a whole multiple of `unit` (> 0).
inline bool multiple_of(decimal d, decimal unit) {
  return d.raw % unit.raw == 0;
}

} // namespace karb::sim
