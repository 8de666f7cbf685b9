#include "tools/karb-sim/depth_sequencer.hpp"

#include <algorithm>
#include <map>

namespace karb::sim {

namespace {

/// Prices whose quantity differs between two sides of a book.
void differences(const std::vector<price_level>& a,
                 const std::vector<price_level>& b, std::set<decimal>& out,
                 int64_t& count) {
  std::map<decimal, decimal> qty;
  for (auto& l : a)
    qty[l.price] = l.size;
  for (auto& l : b) {
    auto i = qty.find(l.price);
    if (i == qty.end() || i->second != l.size) {
      out.insert(l.price);
      ++count;
    }
    if (i != qty.end())
      qty.erase(i);
  }
  for (auto& [price, size] : qty) { // levels gone
    out.insert(price);
    ++count;
  }
}

std::vector<price_level> levels_of(const std::set<decimal>& prices,
                                   const std::vector<price_level>& side,
                                   bool descending) {
  std::vector<price_level> out;
  for (auto p : prices) {
    auto i = std::find_if(side.begin(), side.end(),
                          [&](const price_level& l) { return l.price == p; });
    out.push_back({p, i == side.end() ? decimal{} : i->size});
  }
  if (descending)
    std::reverse(out.begin(), out.end());
  return out;
}

} // namespace

void depth_sequencer::changed(const book& before, const book& after) {
  int64_t n = 0;
  differences(before.bids, after.bids, dirty_bids_, n);
  differences(before.asks, after.asks, dirty_asks_, n);
  id_ += n;
}

std::optional<depth_event> depth_sequencer::emit(const book& current) {
  if (id_ == sent_)
    return std::nullopt;
  depth_event e;
  e.first_id = sent_ + 1;
  e.last_id = id_;
  e.prev_last_id = sent_;
  e.bids = levels_of(dirty_bids_, current.bids, true);
  e.asks = levels_of(dirty_asks_, current.asks, false);
  dirty_bids_.clear();
  dirty_asks_.clear();
  sent_ = id_;
  return e;
}

void apply_levels(std::vector<price_level>& side,
                  const std::vector<price_level>& changes, bool asks) {
  for (auto& c : changes) {
    auto i = std::find_if(side.begin(), side.end(), [&](const price_level& l) {
      return l.price == c.price;
    });
    if (i != side.end())
      side.erase(i);
    if (c.size.is_positive())
      side.push_back(c);
  }
  std::sort(side.begin(), side.end(),
            [asks](const price_level& a, const price_level& b) {
              return asks ? a.price < b.price : a.price > b.price;
            });
}

} // namespace karb::sim
