#pragma once

// A funding payment as JSON: the FUNDING_SETTLEMENT event's data, its log
// line and the inspector's `funding` view share this one form.

#include <nlohmann/json.hpp>

#include "messages/derivatives.hpp"

namespace karb::funding {

inline nlohmann::json payment_json(const funding_payment& p) {
  return {{"venue", to_string(p.venue)},    {"symbol", p.symbol},
          {"asset", p.asset},               {"currency", p.currency},
          {"amount", p.amount.to_string()}, {"rate", p.rate.to_string()},
          {"ts_ns", p.ts_ns},               {"id", p.id}};
}

} // namespace karb::funding
