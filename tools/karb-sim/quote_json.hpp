#pragma once

// Quotation objects (ticker, order book, trade) as JSON numbers, in the REST
// shape or the WebSocket shape, DEFAULT or SIMPLE (abbreviated) keys.

#include <string>
#include <string_view>

#include "tools/karb-sim/book.hpp"
#include "tools/karb-sim/json_writer.hpp"
#include "tools/karb-sim/tape.hpp"

namespace karb::sim {

struct quote_style {
  bool ws = false;      ///< WebSocket frame (type/code/stream_type)
  bool simple = false;  ///< SIMPLE format keys (ws only)
  bool snapshot = false;

  std::string_view k(std::string_view full, std::string_view abbrev) const {
    return simple ? abbrev : full;
  }
};

/// A book aggregated to `level` (0 = none) and cut to `depth` units.
struct book_view {
  const book* b = nullptr;
  int depth = max_depth;
  decimal level;         ///< price grouping unit, 0 = raw levels
  time_ms timestamp = 0; ///< printed timestamp (stale fault rewrites it)
  bool crossed = false;  ///< fault: print best bid above best ask
};

void write_orderbook(json_writer& w, const book_view& v, const quote_style& s);
void write_trade(json_writer& w, const trade_print& p, const book& b,
                 const quote_style& s);
void write_ticker(json_writer& w, const ticker_state& t, const quote_style& s);

} // namespace karb::sim
