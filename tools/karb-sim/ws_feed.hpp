#pragma once

// WebSocket message producers (pure): parsing Upbit-format subscription
// requests and rendering orderbook / trade / ticker / myOrder / myAsset
// frames in DEFAULT or SIMPLE format.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/karb-sim/engine.hpp"
#include "tools/karb-sim/quote_json.hpp"

namespace karb::sim {

enum class ws_format { default_format, simple };

struct ws_topic {
  std::string type;                            ///< orderbook|trade|ticker|myOrder|myAsset
  std::vector<std::pair<std::string, int>> codes; ///< code and book depth
  decimal level;                               ///< orderbook grouping
  bool only_snapshot = false;
  bool only_realtime = false;

  /// The depth this topic wants for `code`, or 0 when not subscribed.
  int depth_for(std::string_view code) const;
  /// myOrder: an empty code list means every market.
  bool wants(std::string_view code) const;
};

struct ws_subscription {
  std::string ticket;
  ws_format format = ws_format::default_format;
  std::vector<ws_topic> topics;

  const ws_topic* find(std::string_view type) const;
};

/// A parsed request, or the error frame to send back.
struct ws_parse_result {
  std::optional<ws_subscription> sub;
  std::string error_frame;
};

/// `private_channel`: /websocket/v1/private (myOrder, myAsset) vs public.
ws_parse_result parse_subscription(std::string_view text, bool private_channel);

/// `{"error":{"name":...,"message":...}}` as the socket sends it.
std::string ws_error(std::string_view name, std::string_view message);

std::string orderbook_frame(const book_view& v, ws_format f, bool snapshot);
std::string trade_frame(const trade_print& p, const book& b, ws_format f,
                        bool snapshot);
std::string ticker_frame(const ticker_state& t, ws_format f, bool snapshot);

/// myOrder for one order event (state "trade" when it carries a fill).
std::string my_order_frame(const order_event& e, ws_format f, time_ms now);
/// myAsset with every balance of the account.
std::string my_asset_frame(const account& a, const std::string& asset_uuid,
                           ws_format f, time_ms now);

/// A frame the "malformed_frame" fault sends: truncated JSON.
std::string malformed(const std::string& frame);

} // namespace karb::sim
