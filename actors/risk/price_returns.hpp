#pragma once

// Price samples of the markets risk watches, taken at each position book
// (every few seconds, not per tick), and the statistics the portfolio
// limits read: each market's volatility and the correlation of two
// markets. Pure; sample times are arguments.
//
// A return is the simple return p[i] / p[i-1] - 1 between two consecutive
// samples that both price the market (a market missing from a sample is a
// gap, not a zero return). sigma() is the sample standard deviation
// (n - 1) of those returns scaled to a horizon by the square root of time:
// sigma * sqrt(horizon / mean interval between samples). correlation() is
// Pearson's over the sample pairs where both markets have a return. Both
// are nullopt with fewer than `min_returns` returns (or pairs): too few
// samples mean "unknown", and the limits built on them are off until then.
// Statistics are recomputed when a sample is recorded, never on a check.

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace karb::risk {

class price_returns {
public:
  using time_point = std::chrono::steady_clock::time_point;

  price_returns(size_t window, size_t min_returns)
    : window_(window), min_returns_(min_returns) {
    // nop
  }

  /// Records one sample: a price per market ("BTC/USDT"); non-positive
  /// prices are left out.
  void record(time_point at, const std::map<std::string, double>& prices);

  /// Volatility of `market`'s returns over `horizon`.
  std::optional<double> sigma(const std::string& market,
                              std::chrono::seconds horizon) const;

  /// Pearson correlation of two markets' returns (1 for a market with
  /// itself once it has enough returns).
  std::optional<double> correlation(const std::string& a,
                                    const std::string& b) const;

  size_t samples() const { return samples_.size(); }

private:
  struct sample {
    time_point at;
    std::map<std::string, double> prices;
  };

  /// Returns of `market`, keyed by the index of the later sample.
  std::map<size_t, double> returns_of(const std::string& market) const;
  void recompute();

  size_t window_;
  size_t min_returns_;
  std::deque<sample> samples_;
  double mean_interval_s_ = 0;
  std::map<std::string, double> sigma_;        ///< per sample interval
  std::map<std::pair<std::string, std::string>, double> correlation_;
};

} // namespace karb::risk
