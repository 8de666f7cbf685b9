#pragma once

// What a strategy instance reports about itself.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"

namespace karb {

struct strategy_status {
  std::string id;
  std::vector<std::string> symbols;   ///< base assets, e.g. "BTC"
  std::vector<std::string> venues;    ///< e.g. "upbit", "bithumb"
  int64_t opportunities_seen = 0;     ///< directions found (not refreshes)
  int64_t trades_started = 0;         ///< execution accepted the attempt
  decimal last_spread;                ///< best gross top-of-book spread rate
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, strategy_status& x) {
  return f(caf::meta::type_name("karb.strategy_status"), x.id, x.symbols,
           x.venues, x.opportunities_seen, x.trades_started, x.last_spread);
}

} // namespace karb
