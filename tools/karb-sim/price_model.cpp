#include "tools/karb-sim/price_model.hpp"

#include <cmath>

#include "tools/karb-sim/rules.hpp"

namespace karb::sim {

price_model::price_model(uint64_t seed, size_t venues, int steps_per_sec)
  : rng_(seed * 0x2545f4914f6cdd1dULL + 1),
    dt_(1.0 / (steps_per_sec > 0 ? steps_per_sec : 1)),
    premium_(venues, std::vector<double>(markets().size(), 0.0)),
    shift_bp_(venues, 0),
    market_shift_bp_(venues, std::vector<int>(markets().size(), 0)) {
  for (auto& m : markets())
    fair_.push_back(m.start_price);
  // Start each venue somewhere in its stationary distribution.
  for (auto& v : premium_)
    for (auto& p : v)
      p = premium_std_bp * rng_.normal();
}

void price_model::step() {
  ++steps_;
  auto& specs = markets();
  for (size_t m = 0; m < fair_.size(); ++m) {
    double ret = specs[m].vol_bp_sqrt_s * 1e-4 * std::sqrt(dt_) * rng_.normal();
    auto factor = decimal::from_double(1.0 + ret);
    if (factor)
      fair_[m] = dmul(fair_[m], *factor);
  }
  double decay = std::exp(-premium_theta * dt_);
  double noise = premium_std_bp * std::sqrt(1.0 - decay * decay);
  for (auto& v : premium_)
    for (auto& p : v)
      p = p * decay + noise * rng_.normal();
}

double price_model::premium_bp(size_t venue, size_t m) const {
  return premium_[venue][m] + shift_bp_[venue] + market_shift_bp_[venue][m];
}

decimal price_model::mid(size_t venue, size_t m) const {
  auto factor = decimal::from_double(1.0 + premium_bp(venue, m) * 1e-4);
  return factor ? dmul(fair_[m], *factor) : fair_[m];
}

} // namespace karb::sim
