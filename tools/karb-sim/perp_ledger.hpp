#pragma once

// One-way (BOTH) USD-M positions: entry price, realised and unrealised PnL,
// margins, liquidation price and funding, as plain functions over plain
// values. Pure: no venue, no time source.
//
// Formulas (linear USDT-margined contracts, maintenance amount 0):
//   uPnL            = amt * (mark - entry)
//   initial margin  = |amt| * mark / leverage   (isolated: the isolated wallet
//                     |amt| * entry / leverage, set on every fill)
//   maint. margin   = |amt| * mark * mmr
//   liquidation     = long:  (entry - M / |amt|) / (1 - mmr)
//                     short: (entry + M / |amt|) / (1 + mmr)
//                     with M the isolated wallet (isolated) or the cross wallet
//                     balance (cross, one position); "0" when not positive
//   funding payment = amt * mark * rate (paid by longs when rate > 0)
//   funding rate    = P + clamp(0.0001 - P, -0.0005, 0.0005), clamped to
//                     +-0.0075, P the premium index (mark / index - 1)

#include <map>
#include <string>
#include <vector>

#include "tools/karb-sim/types.hpp"

namespace karb::sim {

struct perp_position {
  decimal amt;              ///< signed, + long
  decimal entry;            ///< average entry price (0 when flat)
  int leverage = 20;
  bool isolated = false;
  decimal isolated_wallet;  ///< isolated: margin set aside
  time_ms update_time = 0;
};

struct income_row {
  std::string symbol;
  std::string type;   ///< FUNDING_FEE, REALIZED_PNL, COMMISSION
  decimal income;     ///< signed, USDT
  time_ms time = 0;
  int64_t tran_id = 0;
  std::string trade_id; ///< "" for funding
};

struct perp_account {
  decimal wallet;                                  ///< USDT wallet balance
  std::map<std::string, perp_position> positions;  ///< by symbol
  std::vector<income_row> income;
};

/// Marks by symbol.
using mark_table = std::map<std::string, decimal>;

decimal unrealized_pnl(const perp_position& p, decimal mark);
decimal position_initial_margin(const perp_position& p, decimal mark);
decimal maint_margin(const perp_position& p, decimal mark, decimal mmr);
/// Cross wallet balance: the wallet less every isolated wallet.
decimal cross_wallet(const perp_account& a);
/// wallet + cross uPnL - initial margins (cross at mark, isolated wallets)
/// - `open_order_margin`.
decimal available_balance(const perp_account& a, const mark_table& marks,
                          decimal open_order_margin);
/// The one-position liquidation price (see the header comment).
decimal liquidation_price(const perp_position& p, decimal margin, decimal mmr);
/// Applies a fill (buy: +qty) at `price`; returns the realised PnL. Keeps
/// the entry on increases, resets it when the position flips.
decimal apply_fill(perp_position& p, bool buy, decimal qty, decimal price);
decimal funding_payment(decimal amt, decimal mark, decimal rate);
decimal funding_rate(decimal premium_index);

inline constexpr decimal interest_rate = decimal::from_raw(10'000); // 0.0001
inline constexpr decimal funding_clamp = decimal::from_raw(50'000); // 0.0005
inline constexpr decimal funding_cap = decimal::from_raw(750'000);  // 0.0075
inline constexpr time_ms funding_interval_ms = 8 * 3600 * 1000;

} // namespace karb::sim
