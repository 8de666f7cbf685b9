#include "messages/market_data.hpp"

namespace karb {

std::string to_string(const instrument& x) {
  return to_string(x.venue) + ":" + x.base + "/" + x.quote
         + (x.contract == contract_type::spot ? "" : ":" + to_string(x.contract));
}

} // namespace karb
