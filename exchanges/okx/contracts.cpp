#include "exchanges/okx/contracts.hpp"

namespace karb::okx {

result<decimal> contract_size(const venue::contract_size_fn& sizes,
                              std::string_view inst_id) {
  std::optional<decimal> size;
  if (sizes)
    size = sizes(inst_id);
  if (!size || !size->is_positive())
    return venue_error{venue_errc::unknown_market, 0, "unknown_contract_size",
                       "contract size of " + std::string{inst_id}
                         + " unknown: its instrument rules are not loaded"};
  return *size;
}

result<decimal> to_base(decimal contracts, decimal size) {
  auto base = decimal::mul(contracts, size);
  if (!base)
    return malformed("contracts x contract size overflows: "
                     + contracts.to_string() + " x " + size.to_string());
  return *base;
}

result<decimal> to_contracts(decimal base, decimal size) {
  auto n = decimal::div(base, size, rounding::down);
  // n x size == base exactly (in raw units, without rounding the product).
  bool exact = n
               && static_cast<__int128>(n->raw) * size.raw
                    == static_cast<__int128>(base.raw) * decimal::one_raw;
  if (!exact)
    return venue_error{venue_errc::invalid_volume, 0, "not_whole_contracts",
                       "quantity " + base.to_string()
                         + " is no exact number of contracts of "
                         + size.to_string()
                         + " (8 decimals at most); the venue would trade "
                           "another quantity"};
  return *n;
}

} // namespace karb::okx
