#include "actors/strategy/opportunity_tracker.hpp"

#include <algorithm>
#include <tuple>

namespace karb::strategy {

namespace {

bool has_direction(const std::vector<arbitrage_opportunity>& xs,
                   const std::string& dir) {
  return std::any_of(xs.begin(), xs.end(), [&](const auto& x) {
    return direction_of(x) == dir;
  });
}

} // namespace

std::string direction_of(const arbitrage_opportunity& x) {
  auto i = x.metadata.find("direction");
  return i == x.metadata.end() ? x.id : i->second;
}

std::vector<arbitrage_opportunity>
rank(std::vector<arbitrage_opportunity> xs) {
  std::stable_sort(xs.begin(), xs.end(), [](const auto& a, const auto& b) {
    return std::tie(b.expected_profit, b.liquidity_score, a.id)
           < std::tie(a.expected_profit, a.liquidity_score, b.id);
  });
  return xs;
}

std::vector<arbitrage_opportunity>
filter(std::vector<arbitrage_opportunity> xs, decimal min_profit,
       double min_liquidity) {
  std::erase_if(xs, [&](const auto& x) {
    return x.expected_profit < min_profit || x.liquidity_score < min_liquidity;
  });
  return xs;
}

tracker_update opportunity_tracker::update(
  std::vector<arbitrage_opportunity> scanned, int64_t now_ns) {
  tracker_update out;
  std::erase_if(scanned, [&](const auto& x) {
    return x.valid_until_ns != 0 && x.valid_until_ns < now_ns;
  });
  scanned = rank(std::move(scanned));
  for (const auto& x : scanned)
    if (!has_direction(live_, direction_of(x)))
      out.found.push_back(x);
  for (auto& old : live_)
    if (!has_direction(scanned, direction_of(old)))
      out.expired.push_back(std::move(old));
  live_ = std::move(scanned);
  found_count_ += out.found.size();
  expired_count_ += out.expired.size();
  return out;
}

std::vector<arbitrage_opportunity>
opportunity_tracker::expire(int64_t now_ns) {
  std::vector<arbitrage_opportunity> out;
  std::vector<arbitrage_opportunity> keep;
  for (auto& x : live_) {
    if (x.valid_until_ns != 0 && x.valid_until_ns < now_ns)
      out.push_back(std::move(x));
    else
      keep.push_back(std::move(x));
  }
  live_ = std::move(keep);
  expired_count_ += out.size();
  return out;
}

std::vector<arbitrage_opportunity>
opportunity_tracker::top(size_t n) const {
  return {live_.begin(), live_.begin() + std::min(n, live_.size())};
}

} // namespace karb::strategy

