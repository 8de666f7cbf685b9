#pragma once

// The items of a venue list reply (balances, positions, orders, funding
// payments, instruments, funding history) that parsed, beside the reason
// for each item that did not. One bad item (a balance out of the decimal
// range, a timestamp past 2262) is skipped and reported; the other items
// are kept. A body that is not JSON or not a list at all stays an error of
// the whole reply.

#include <string>
#include <vector>

#include "exchanges/common/venue_error.hpp"

namespace karb {

template <class T>
struct item_list {
  std::vector<T> items;
  /// Why each skipped item was refused (field names, never payload text).
  std::vector<std::string> rejected;

  /// Skips an item: keeps its parse error's reason.
  void reject(const venue_error& e) { rejected.push_back(e.message); }
};

} // namespace karb
