#include "actors/book/book_side.hpp"

#include <algorithm>
#include <iterator>

namespace karb::book {

namespace {

/// Levels scanned linearly from the top before switching to binary search.
constexpr size_t linear_scan_limit = 16;

} // namespace

template <bool Bid>
size_t book_side<Bid>::find(int64_t price) const {
  // Levels [0, i) are strictly worse than `price`, [i, n) are not.
  size_t j = levels_.size();
  size_t stop = j > linear_scan_limit ? j - linear_scan_limit : 0;
  while (j > stop) {
    if (better(price, levels_[j - 1].price))
      return j;
    --j;
  }
  if (j == 0)
    return 0;
  auto it = std::partition_point(
    levels_.begin(), levels_.begin() + static_cast<ptrdiff_t>(j),
    [price](const raw_level& l) { return better(price, l.price); });
  return static_cast<size_t>(it - levels_.begin());
}

template <bool Bid>
bool book_side<Bid>::set(int64_t price, int64_t qty) {
  size_t i = find(price);
  bool found = i < levels_.size() && levels_[i].price == price;
  auto pos = levels_.begin() + static_cast<ptrdiff_t>(i);
  if (qty == 0) {
    if (!found)
      return false;
    levels_.erase(pos);
    return true;
  }
  if (found)
    pos->qty = qty;
  else
    levels_.insert(pos, raw_level{price, qty});
  return true;
}

template <bool Bid>
void book_side<Bid>::assign(const raw_level* first, const raw_level* last) {
  levels_.clear();
  // Fast path: venues send levels best first with distinct prices.
  bool best_first = true;
  for (auto p = first; p != last; ++p)
    if (p->qty <= 0 || (p != first && !better((p - 1)->price, p->price))) {
      best_first = false;
      break;
    }
  if (best_first) {
    levels_.assign(std::reverse_iterator(last), std::reverse_iterator(first));
    return;
  }
  for (auto p = first; p != last; ++p)
    if (p->qty != 0)
      levels_.push_back(*p);
  // Worst first; stable so that the last duplicate wins below.
  std::stable_sort(levels_.begin(), levels_.end(),
                   [](const raw_level& a, const raw_level& b) {
                     return better(b.price, a.price);
                   });
  // Collapse duplicate prices keeping the last occurrence.
  size_t out = 0;
  for (size_t k = 0; k < levels_.size(); ++k) {
    if (out > 0 && levels_[out - 1].price == levels_[k].price)
      levels_[out - 1] = levels_[k];
    else
      levels_[out++] = levels_[k];
  }
  levels_.resize(out);
}

template <bool Bid>
int64_t book_side<Bid>::qty_at(int64_t price) const {
  size_t i = find(price);
  return i < levels_.size() && levels_[i].price == price ? levels_[i].qty : 0;
}

template class book_side<true>;
template class book_side<false>;

} // namespace karb::book
