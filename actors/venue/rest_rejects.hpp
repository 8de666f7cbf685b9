#pragma once

// The items a venue list reply skipped (exchanges/common/item_list.hpp):
// the other items are delivered; the skipped ones are counted in
//   karb_venue_items_rejected_total{venue,list}
// and logged as one warning per reply (`items_rejected`: venue, list,
// count, reasons; the reasons name fields, never payload text).
//
// Where a missing item reads as "none" (a position missing from the list
// is flat; an order missing from the open and recent lists was never
// placed) the reply is all or nothing instead: `all_items`.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"

namespace karb::venue {

/// Counts and logs the reasons of one reply's skipped items (nothing when
/// there are none).
void report_rejected(const std::string& venue, std::string_view list,
                     const std::vector<std::string>& reasons);

/// The items of a list reply, its skipped items reported.
template <class T>
result<std::vector<T>> kept_items(const std::string& venue,
                                  std::string_view list,
                                  result<item_list<T>> r) {
  if (!r)
    return r.error();
  report_rejected(venue, list, r->rejected);
  return std::move(r->items);
}

/// The items of a snapshot list reply in which a missing item would read
/// as "none", as a position missing from the positions list reads as
/// flat (to the position manager, to risk, to an emergency stop's check):
/// one skipped item, reported as above, fails the whole reply, so that
/// callers keep what they knew or say that they do not know.
template <class T>
result<std::vector<T>> all_items(const std::string& venue,
                                 std::string_view list,
                                 result<item_list<T>> r) {
  if (r && !r->rejected.empty()) {
    report_rejected(venue, list, r->rejected);
    return malformed(std::string{list} + ": "
                     + std::to_string(r->rejected.size())
                     + " unreadable item(s), so the list is incomplete ("
                     + r->rejected.front() + ")");
  }
  return kept_items(venue, list, std::move(r));
}

} // namespace karb::venue
