#pragma once

// The trading rules of every instrument the node's venues listed (tick,
// lot, minimum notional, contract size), shared by the actors that need
// them: each venue's REST actor publishes what it loaded from the venue's
// exchange info (at start, then daily); strategies round sizes to the lot
// and skip orders below the minimum, execution rounds re-priced orders to
// the tick. A publish replaces the venue's rules under a mutex and bumps a
// version; readers keep their own copy and look again only when the
// version moved, so reading on the hot path takes no lock.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "messages/market_data.hpp"

namespace karb {

class spec_board {
public:
  using key = std::pair<exchange, std::string>; ///< venue, venue symbol
  using table = std::map<key, instrument_spec>;

  /// Replaces every rule of `venue` with `specs`.
  void publish(exchange venue, const std::vector<instrument_spec>& specs) {
    std::lock_guard<std::mutex> guard{mtx_};
    auto next = std::make_shared<table>(*table_);
    std::erase_if(*next, [&](auto& kv) { return kv.first.first == venue; });
    for (auto& s : specs)
      (*next)[{venue, s.symbol.venue_symbol}] = s;
    table_ = std::move(next);
    version_.fetch_add(1, std::memory_order_release);
  }

  /// A reader's cached table (one per reading actor).
  struct reader {
    uint64_t version = ~uint64_t{0};
    std::shared_ptr<const table> specs;
  };

  /// The rules of `x`, if its venue published them; lock-free unless the
  /// board changed since `r` last looked.
  const instrument_spec* find(const instrument& x, reader& r) const {
    auto v = version_.load(std::memory_order_acquire);
    if (v != r.version) {
      std::lock_guard<std::mutex> guard{mtx_};
      r.specs = table_;
      r.version = version_.load(std::memory_order_relaxed);
    }
    auto i = r.specs->find({x.venue, x.venue_symbol});
    return i == r.specs->end() ? nullptr : &i->second;
  }

  /// A copy of the rules of `x` (takes the lock; off the hot path).
  std::optional<instrument_spec> get(const instrument& x) const {
    reader r;
    auto s = find(x, r);
    return s ? std::optional<instrument_spec>{*s} : std::nullopt;
  }

  /// The contract size of `venue`'s symbol `code` (takes the lock: for
  /// the I/O threads of the venues that count in contracts, OKX swaps).
  std::optional<decimal> contract_size(exchange venue,
                                       std::string_view code) const {
    std::lock_guard<std::mutex> guard{mtx_};
    auto i = table_->find({venue, std::string{code}});
    if (i == table_->end())
      return std::nullopt;
    return i->second.contract_size;
  }

  /// Fills base, quote and contract of an instrument a venue reply named
  /// only by its venue symbol (Binance order and stream payloads); false
  /// if the venue has not published that symbol.
  bool complete(instrument& x, reader& r) const {
    if (!x.base.empty())
      return true;
    auto s = find(x, r);
    if (!s)
      return false;
    x.base = s->symbol.base;
    x.quote = s->symbol.quote;
    x.contract = s->symbol.contract;
    return true;
  }

private:
  mutable std::mutex mtx_;
  std::shared_ptr<const table> table_ = std::make_shared<const table>();
  std::atomic<uint64_t> version_{0};
};

} // namespace karb
