#pragma once

// Parsing of the inspector's command arguments (pure, no CAF). Each parser
// returns the parsed value, or sets `error` to a message for the operator.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "messages/market_data.hpp"

namespace karb::inspector {

/// True when every word is valid UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing past U+10FFFF). Replies are JSON and quote the
/// words, so a command with any other bytes is refused at the door.
bool all_utf8(const std::vector<std::string>& args);

/// `book VENUE SYMBOL [--depth N]`.
struct book_query {
  instrument symbol;   ///< as the node subscribes it, e.g. upbit KRW-BTC
  size_t depth = 10;
};

/// args[0] is "book". SYMBOL is a base ("BTC", "btc") or a KRW market
/// ("KRW-BTC"); VENUE a known exchange name.
std::optional<book_query> parse_book(const std::vector<std::string>& args,
                                     std::string& error);

/// `events [N]`: N in [1, 1000], 20 when absent.
std::optional<int32_t> parse_count(const std::vector<std::string>& args,
                                   int32_t fallback, std::string& error);

/// The words from args[from] on, joined by spaces ("" when none).
std::string join_from(const std::vector<std::string>& args, size_t from);

/// The strategy instances an operator names: `id` itself if it is one
/// ("spread:BTC"), else every instance of the configured strategy `id`
/// ("spread" -> "spread:BTC", "spread:ETH"). Empty when none matches.
std::vector<std::string> match_strategies(const std::vector<std::string>& ids,
                                          const std::string& id);

} // namespace karb::inspector
