#pragma once

// WebSocket frame parsers of the Upbit family (nlohmann; the node's hot
// orderbook path is book_decoder). `parse_frame` dispatches on `type`/`ty`
// and returns a tagged frame; a frame that cannot be read is a `malformed`
// error, while a venue `{"error":...}` frame is a successful parse.
//
// Formats: orderbook, trade and ticker in DEFAULT and SIMPLE; myOrder and
// myAsset in DEFAULT keys only (SIMPLE abbreviations for the private types
// are not in our reference). Bithumb's private v2 myOrder schema changed
// versus v1 [UNVERIFIED]: the Upbit keys plus the Bithumb v2 id aliases
// (order_id, client_order_id) are accepted.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"

namespace karb::korea {

/// A myOrder event: the order's new state, plus the execution when the
/// event reports one (state `trade`).
struct order_update {
  order o;
  std::string venue_state;
  bool has_fill = false;
  fill f;
  bool is_maker = false;
};

/// A myAsset event: the changed currencies.
struct asset_update {
  std::vector<balance> balances;
  int64_t ts_event_ns = 0;
};

/// `{"status":"UP"}`.
struct status_frame {
  std::string status;
};

/// What a frame carried.
using frame = std::variant<order_book, trade, ticker, order_update,
                           asset_update, status_frame, venue_error>;

enum class frame_kind { book, trade, ticker, order_update, assets, status,
                        error };

inline frame_kind kind_of(const frame& f) {
  return static_cast<frame_kind>(f.index());
}

/// Parses any frame. `ts_recv_ns` goes into books and trades.
result<frame> parse_frame(std::string_view text, exchange venue,
                          int64_t ts_recv_ns);

/// An orderbook frame only (DEFAULT or SIMPLE), nlohmann path.
result<order_book> parse_book_frame(std::string_view text, exchange venue,
                                    int64_t ts_recv_ns);

} // namespace karb::korea
