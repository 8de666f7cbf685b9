#pragma once

// Why the risk manager denies an opportunity: one code per reason and
// whether it is a limit breach (raises RISK_LIMIT_BREACH) or a state the
// node already announced / a malformed request (no event).

#include <cstdint>
#include <optional>
#include <string_view>

namespace karb::risk {

enum class deny_reason : uint8_t {
  halted,                ///< emergency stop in force
  failure_pause,         ///< consecutive failures opened the breaker
  daily_loss_limit,      ///< today's realised loss reached the limit
  max_drawdown,          ///< drop from today's peak PnL beyond the limit
  stale_opportunity,     ///< valid_until already passed
  malformed,             ///< not one sell leg and one buy leg of one asset
  min_profit_rate,       ///< net rate below the minimum
  max_concurrent_trades, ///< too many trades open
  order_rate,            ///< orders per minute limit
  below_min_order,       ///< size under the venues' minimum order value
  balance_unknown,       ///< no balance reported yet for a venue
  insufficient_base,     ///< selling venue lacks the base asset
  insufficient_quote,    ///< buying venue lacks quote (incl. fee)
  no_limit,              ///< the asset or quote has no configured limit
  insufficient_margin,   ///< a perpetual leg's venue lacks quote margin
  max_open_position,     ///< open perpetual positions of the asset
  max_open_notional,     ///< open perpetual notional in the quote
  leverage_limit,        ///< open perpetual notional / equity
  var_limit,             ///< historical or parametric VaR in the quote
  correlation_limit,     ///< correlated with an open same-direction one
  no_open_position,      ///< an exit finds nothing to reduce
};

inline constexpr int deny_reason_count = 21;

struct reason_row {
  deny_reason reason;
  std::string_view code;
  bool limit_breach;
};

/// One row per reason (the order of the enum).
inline constexpr reason_row reason_table[] = {
  {deny_reason::halted,                "halted",                false},
  {deny_reason::failure_pause,         "failure_pause",         false},
  {deny_reason::daily_loss_limit,      "daily_loss_limit",      true},
  {deny_reason::max_drawdown,          "max_drawdown",          true},
  {deny_reason::stale_opportunity,     "stale_opportunity",     false},
  {deny_reason::malformed,             "malformed",             false},
  {deny_reason::min_profit_rate,       "min_profit_rate",       true},
  {deny_reason::max_concurrent_trades, "max_concurrent_trades", true},
  {deny_reason::order_rate,            "order_rate",            true},
  {deny_reason::below_min_order,       "below_min_order",       true},
  {deny_reason::balance_unknown,       "balance_unknown",       false},
  {deny_reason::insufficient_base,     "insufficient_base",     true},
  {deny_reason::insufficient_quote,    "insufficient_quote",    true},
  {deny_reason::no_limit,              "no_limit",              true},
  {deny_reason::insufficient_margin,   "insufficient_margin",   true},
  {deny_reason::max_open_position,     "max_open_position",     true},
  {deny_reason::max_open_notional,     "max_open_notional",     true},
  {deny_reason::leverage_limit,        "leverage_limit",        true},
  {deny_reason::var_limit,             "var_limit",             true},
  {deny_reason::correlation_limit,     "correlation_limit",     true},
  {deny_reason::no_open_position,      "no_open_position",      false},
};

constexpr const reason_row& row_of(deny_reason r) {
  return reason_table[static_cast<int>(r)];
}

constexpr std::string_view code_of(deny_reason r) { return row_of(r).code; }

constexpr bool is_limit_breach(deny_reason r) {
  return row_of(r).limit_breach;
}

std::optional<deny_reason> deny_reason_from_code(std::string_view code);

} // namespace karb::risk
