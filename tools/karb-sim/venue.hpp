#pragma once

// Everything one simulated venue owns: its books and tapes per market, the
// matching engine with accounts, the auth verifier, the rate limiter and the
// faults it has been told to show.

#include <cstdint>
#include <memory>
#include <vector>

#include "tools/karb-sim/auth.hpp"
#include "tools/karb-sim/bn_venue.hpp"
#include "tools/karb-sim/book.hpp"
#include "tools/karb-sim/by_venue.hpp"
#include "tools/karb-sim/engine.hpp"
#include "tools/karb-sim/faults.hpp"
#include "tools/karb-sim/okx_venue.hpp"
#include "tools/karb-sim/price_model.hpp"
#include "tools/karb-sim/rate_limiter.hpp"
#include "tools/karb-sim/tape.hpp"

namespace karb::sim {

struct venue {
  venue(venue_kind k, size_t index, uint64_t seed, time_ms start);

  /// Regenerates every book around the venue mid, fills crossed resting
  /// orders, prints background trades with probability `trade_prob` each.
  void step(const price_model& model, time_ms now, double trade_prob);

  /// Prints of market `m` not yet handed out (for the trade stream),
  /// oldest first; marks them handed out.
  std::vector<trade_print> new_prints(size_t m);

  /// Book and tape of a listed market code; nullptr if unknown.
  book* find_book(std::string_view code);
  tape* find_tape(std::string_view code);

  venue_kind kind;
  size_t index;
  rng random;
  engine eng;
  auth_verifier auth;
  rate_limiter limiter;
  fault_state faults;
  std::vector<book> books; ///< per market, as markets() lists them
  std::vector<tape> tapes;
  std::vector<int64_t> published_seq; ///< per market, last streamed print
  /// Binance venues: their engine, weights, diff ids, funding (else null;
  /// `eng`, `auth` and `limiter` then stay unused).
  std::unique_ptr<binance_venue> bn;
  /// OKX: spot and swap engines, swap books, sequencers (else null; `books`
  /// and `tapes` are then the spot instruments').
  std::unique_ptr<okx_venue> ok;
  /// Bybit: both categories (`books`/`tapes` are its spot ones; else null).
  std::unique_ptr<bybit_venue> by;
};

} // namespace karb::sim
