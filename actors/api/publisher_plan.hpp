#pragma once

// Which books and spreads the API publisher keeps fresh: every (venue,
// symbol) the enabled strategies trade, and every pair of a strategy's
// venues on each of its symbols (pure, from the configuration).

#include <string>
#include <vector>

#include "actors/api/publisher_derive.hpp"
#include "config/settings.hpp"

namespace karb::api {

/// One book, asked of the inspector as `book VENUE BASE/QUOTE --depth 10`.
struct watched_book {
  std::string topic;                  ///< "book:upbit:KRW-BTC"
  std::vector<std::string> command;   ///< the inspector command
};

struct publisher_plan {
  std::vector<watched_book> books;
  std::vector<watched_spread> spreads;
};

/// The plan for `cfg`'s enabled strategies; a book or pair two strategies
/// share is watched once (with the first strategy's threshold).
publisher_plan plan_from(const config::settings& cfg);

} // namespace karb::api
