#include "actors/risk/price_returns.hpp"

#include <cmath>
#include <iterator>
#include <set>
#include <vector>

namespace karb::risk {

namespace {

double mean(const std::vector<double>& xs) {
  double sum = 0;
  for (auto x : xs)
    sum += x;
  return sum / static_cast<double>(xs.size());
}

/// Sample standard deviation (n - 1).
double stddev(const std::vector<double>& xs) {
  auto m = mean(xs);
  double ss = 0;
  for (auto x : xs)
    ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

std::optional<double> pearson(const std::vector<double>& a,
                              const std::vector<double>& b) {
  auto ma = mean(a);
  auto mb = mean(b);
  double sab = 0;
  double saa = 0;
  double sbb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  if (saa <= 0 || sbb <= 0)
    return std::nullopt; // a flat series correlates with nothing
  return sab / std::sqrt(saa * sbb);
}

} // namespace

void price_returns::record(time_point at,
                           const std::map<std::string, double>& prices) {
  sample s{at, {}};
  for (const auto& [market, price] : prices)
    if (price > 0)
      s.prices.emplace(market, price);
  samples_.push_back(std::move(s));
  while (samples_.size() > window_)
    samples_.pop_front();
  recompute();
}

std::map<size_t, double>
price_returns::returns_of(const std::string& market) const {
  std::map<size_t, double> out;
  for (size_t i = 1; i < samples_.size(); ++i) {
    auto prev = samples_[i - 1].prices.find(market);
    auto cur = samples_[i].prices.find(market);
    if (prev != samples_[i - 1].prices.end()
        && cur != samples_[i].prices.end())
      out.emplace(i, cur->second / prev->second - 1.0);
  }
  return out;
}

void price_returns::recompute() {
  sigma_.clear();
  correlation_.clear();
  mean_interval_s_ = 0;
  if (samples_.size() < 2)
    return;
  std::chrono::duration<double> span = samples_.back().at
                                        - samples_.front().at;
  mean_interval_s_ = span.count() / static_cast<double>(samples_.size() - 1);
  std::set<std::string> markets;
  for (const auto& s : samples_)
    for (const auto& [market, _] : s.prices)
      markets.insert(market);
  std::map<std::string, std::map<size_t, double>> returns;
  for (const auto& m : markets) {
    auto r = returns_of(m);
    if (r.size() < min_returns_ || r.size() < 2)
      continue;
    std::vector<double> xs;
    for (const auto& [_, x] : r)
      xs.push_back(x);
    sigma_[m] = stddev(xs);
    returns.emplace(m, std::move(r));
  }
  for (auto a = returns.begin(); a != returns.end(); ++a)
    for (auto b = std::next(a); b != returns.end(); ++b) {
      std::vector<double> xs;
      std::vector<double> ys;
      for (const auto& [i, x] : a->second)
        if (auto j = b->second.find(i); j != b->second.end()) {
          xs.push_back(x);
          ys.push_back(j->second);
        }
      if (xs.size() < min_returns_ || xs.size() < 2)
        continue;
      if (auto c = pearson(xs, ys))
        correlation_[{a->first, b->first}] = *c;
    }
}

std::optional<double> price_returns::sigma(const std::string& market,
                                           std::chrono::seconds horizon) const {
  auto i = sigma_.find(market);
  if (i == sigma_.end() || mean_interval_s_ <= 0)
    return std::nullopt;
  auto periods = static_cast<double>(horizon.count()) / mean_interval_s_;
  return i->second * std::sqrt(periods);
}

std::optional<double> price_returns::correlation(const std::string& a,
                                                 const std::string& b) const {
  if (a == b)
    return sigma_.count(a) ? std::optional<double>{1.0} : std::nullopt;
  auto key = a < b ? std::pair{a, b} : std::pair{b, a};
  auto i = correlation_.find(key);
  if (i == correlation_.end())
    return std::nullopt;
  return i->second;
}

} // namespace karb::risk
