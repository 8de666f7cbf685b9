#pragma once

// The inputs both publisher test files use: an Upbit/Bithumb BTC spread
// with a 19 bp threshold, its two books, and a one-level book answer.

#include <nlohmann/json.hpp>

#include "actors/api/publisher_core.hpp"

namespace karb::api::fixtures {

inline watched_spread upbit_bithumb() {
  watched_spread s;
  s.topic = "spread:upbit-bithumb:BTC";
  s.a = "upbit";
  s.b = "bithumb";
  s.base = "BTC";
  s.book_a = "book:upbit:KRW-BTC";
  s.book_b = "book:bithumb:KRW-BTC";
  s.threshold_bp = dec("19");
  return s;
}

/// A book as the inspector's `book` command answers, one level a side.
inline nlohmann::json book(const char* bid, const char* ask) {
  return {{"bids", {{{"price", bid}, {"size", "1"}}}},
          {"asks", {{{"price", ask}, {"size", "1"}}}}};
}

inline publisher_plan two_books() {
  publisher_plan p;
  p.books = {{"book:upbit:KRW-BTC",
              {"book", "upbit", "BTC/KRW", "--depth", "10"}},
             {"book:bithumb:KRW-BTC",
              {"book", "bithumb", "BTC/KRW", "--depth", "10"}}};
  p.spreads = {upbit_bithumb()};
  return p;
}

} // namespace karb::api::fixtures
