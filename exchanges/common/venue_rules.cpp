// check_rules (venue_protocol.hpp): an order against its instrument's
// trading rules, refused locally with the venue's own filter names.

#include "exchanges/common/venue_protocol.hpp"

namespace karb::venue {

namespace {

venue_error refuse(venue_errc code, const char* name, std::string message) {
  return venue_error{code, 0, name, std::move(message)};
}

bool on_step(decimal x, decimal step) {
  return step.raw <= 0 || x.raw % step.raw == 0;
}

} // namespace

std::optional<venue_error> check_rules(const instrument_spec& spec,
                                       const order_request& r) {
  bool by_quote = r.type == order_type::market && r.quote_amount;
  if (by_quote) {
    if (spec.min_notional.is_positive() && r.price < spec.min_notional)
      return refuse(venue_errc::under_min_total, "filter_NOTIONAL",
                    "quote amount " + r.price.to_string()
                      + " is below the minimum notional "
                      + spec.min_notional.to_string());
    return std::nullopt;
  }
  bool priced = r.type != order_type::market;
  if (priced && !r.price.is_positive())
    return refuse(venue_errc::invalid_price, "filter_PRICE",
                  "price " + r.price.to_string() + " must be positive");
  if (priced && !on_step(r.price, spec.tick))
    return refuse(venue_errc::invalid_price, "filter_PRICE",
                  "price " + r.price.to_string() + " is not a multiple of tick "
                    + spec.tick.to_string());
  if (!r.amount.is_positive())
    return refuse(venue_errc::invalid_volume, "filter_LOT_SIZE",
                  "quantity " + r.amount.to_string() + " must be positive");
  if (!on_step(r.amount, spec.lot))
    return refuse(venue_errc::invalid_volume, "filter_LOT_SIZE",
                  "quantity " + r.amount.to_string()
                    + " is not a multiple of step " + spec.lot.to_string());
  if (spec.min_qty.is_positive() && r.amount < spec.min_qty)
    return refuse(venue_errc::invalid_volume, "filter_LOT_SIZE",
                  "quantity " + r.amount.to_string() + " is below minimum "
                    + spec.min_qty.to_string());
  if (spec.max_qty.is_positive() && r.amount > spec.max_qty)
    return refuse(venue_errc::invalid_volume, "filter_LOT_SIZE",
                  "quantity " + r.amount.to_string() + " is above maximum "
                    + spec.max_qty.to_string());
  if (priced && spec.min_notional.is_positive()) {
    auto notional = decimal::mul(r.price, r.amount, rounding::down);
    if (notional && *notional < spec.min_notional)
      return refuse(venue_errc::under_min_total, "filter_NOTIONAL",
                    "notional " + r.price.to_string() + " x "
                      + r.amount.to_string() + " = " + notional->to_string()
                      + " is below the minimum "
                      + spec.min_notional.to_string());
  }
  return std::nullopt;
}

} // namespace karb::venue
