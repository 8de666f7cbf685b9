#pragma once

// An order as a venue reported it (a place / get / cancel reply or a list
// entry), with the executions it listed: what every venue's order parser
// produces.

#include <string>
#include <vector>

#include "messages/orders.hpp"

namespace karb {

struct order_snapshot {
  order o;
  std::vector<fill> fills;
  std::string venue_state; ///< raw state text ("" when absent)
  std::string venue_type;  ///< raw order type text
};

} // namespace karb
