#pragma once

// What makes one venue different from another, as a table of functions:
// URLs are in config::venue_settings; this holds the subscribe messages,
// frame decoding, REST request builders, reply parsers and rate-limit
// groups. The venue actors are generic over it, so Binance/OKX/Bybit add
// a protocol (and, for incremental books, a decoder) without touching the
// actors. Everything here is pure and thread-safe to call, except a
// feed_decoder instance, which belongs to one connection.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/venue_error.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/request.hpp"
#include "messages/execution.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"

namespace karb::venue {

using signing_context = korea::signing_context;
using order_snapshot = korea::order_snapshot;

/// What a public feed frame carried.
enum class feed_kind : uint8_t { book, other, error };

/// Decodes one connection's public frames (on its I/O thread).
class feed_decoder {
public:
  virtual ~feed_decoder();
  /// A book lands in `out` (its storage is reused across frames).
  virtual feed_kind decode(std::string_view text, int64_t recv_ns,
                           order_book& out) = 0;
};

/// What a private stream frame carried.
struct private_frame {
  enum kind_t : uint8_t { order, assets, other, failure } kind = other;
  order_update update;          ///< for `order` (origin "stream")
  std::vector<balance> balances; ///< for `assets`
  std::string error;             ///< for `failure`
};

/// A venue request budget: `per_sec` calls per second.
struct rate_group {
  std::string name;
  int per_sec = 0;
};

struct venue_protocol {
  exchange venue = exchange::custom;

  // -- WebSocket --------------------------------------------------------------
  /// The subscribe message for the books of `codes` (venue symbols).
  std::function<std::string(const std::vector<std::string>& codes)>
    book_subscription;
  /// The subscribe message of the private stream (orders + assets).
  std::function<std::string()> private_subscription;
  std::function<std::unique_ptr<feed_decoder>()> make_feed_decoder;
  std::function<private_frame(std::string_view text, int64_t recv_ns)>
    parse_private;
  /// The Authorization header value of the private upgrade request.
  std::function<std::string(const credentials&, const signing_context&)>
    private_auth;

  // -- REST requests ----------------------------------------------------------
  /// The venue's symbol for an instrument (when venue_symbol is empty).
  std::function<std::string(const instrument&)> market_code;
  std::function<result<http::request>(const credentials&,
                                      const signing_context&,
                                      const order_request&)>
    place;
  /// Cancel / look up by our client order id (the venue's client id).
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view client_id)>
    cancel;
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view client_id)>
    lookup;
  std::function<http::request(const credentials&, const signing_context&)>
    balances;
  std::function<http::request(std::string_view market)> snapshot;
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market)>
    open_orders;
  /// The account's newest finished (done / cancelled) orders of a market.
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market)>
    recent_orders;

  // -- REST replies -----------------------------------------------------------
  /// The venue error a reply carries; nullopt for success.
  std::function<std::optional<venue_error>(const http::response&)>
    check_reply;
  std::function<result<order_snapshot>(std::string_view body)> parse_order;
  std::function<result<std::vector<order_snapshot>>(std::string_view body)>
    parse_orders;
  std::function<result<std::vector<balance>>(std::string_view body)>
    parse_balances;
  /// A REST book snapshot (the first book of the body).
  std::function<result<order_book>(std::string_view body)> parse_snapshot;

  // -- rate limits ------------------------------------------------------------
  std::vector<rate_group> rate_groups;
  /// The group a request is charged to.
  std::function<std::string(std::string_view method, std::string_view path)>
    rate_group_of;
  /// The reply header carrying the venue's remaining budget ("" if none).
  std::string remaining_header;
};

/// Upbit (exchange::upbit) or Bithumb API 2.0 (exchange::bithumb); throws
/// std::invalid_argument for another venue.
venue_protocol korea_protocol(exchange venue);

/// The protocol of any supported venue (today: korea_protocol).
venue_protocol protocol_for(exchange venue);

} // namespace karb::venue
