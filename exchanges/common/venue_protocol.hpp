#pragma once

// One venue's protocol as pure pieces: seed 002 §3.1's ExchangeInterface
// (symbols, order book, ticker, funding rate and its history, balances,
// positions, create / cancel / get order, open orders, subscriptions to
// books, trades and funding) split into what is venue-specific: request
// builders with their signing, reply and frame parsers, the book
// sequencing mode, error mapping and the rate-limit model. The venue
// actors (actors/venue: feed, private stream, REST) are generic over it;
// `exchanges/registry.hpp` names the venues and builds their tables.
//
// A member left empty means the venue has no such call (spot venues have
// no positions or funding); the actors answer such a call with a clear
// `not_supported` error. URLs come from config::venue_settings. Everything
// here is pure and thread-safe to call, except a feed_decoder instance,
// which belongs to one connection.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/item_list.hpp"
#include "exchanges/common/order_snapshot.hpp"
#include "exchanges/common/signing_context.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/derivatives.hpp"
#include "messages/execution.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"

namespace karb::venue {

// -- public feed ----------------------------------------------------------------

/// What a public feed frame carried.
enum class feed_kind : uint8_t {
  book,  ///< a whole book (`feed_item::book`)
  delta, ///< level changes of a sequenced book (`feed_item::delta`)
  mark,  ///< mark price and funding (`feed_item::mark`, `::funding`)
  funding, ///< a funding rate without a mark price (`feed_item::funding`)
  other, ///< acknowledgement, trade, ticker, heartbeat: nothing to route
  error, ///< undecodable or a venue error frame
};

/// A decoder's output; its storage is reused across frames.
struct feed_item {
  order_book book;
  book_delta delta;
  mark_price mark;
  funding_rate funding; ///< with `mark` (Binance markPriceUpdate)
  bool has_funding = false;
  /// Why a frame decoded as `error`: short, naming fields, never quoting
  /// the frame's values ("not a JSON object", "depthUpdate: bad price
  /// level", an unknown contract size). Every venue's feed decoder sets it.
  std::string error;
};

/// Decodes one connection's public frames (on its I/O thread).
class feed_decoder {
public:
  virtual ~feed_decoder();
  virtual feed_kind decode(std::string_view text, int64_t recv_ns,
                           feed_item& out) = 0;
};

/// How a venue's books arrive (the book actor's sequencer).
enum class book_model : uint8_t {
  full_snapshot, ///< every frame is a whole book (Upbit, Bithumb)
  binance_spot,  ///< REST snapshot + diffs chained on U/u
  binance_usdm,  ///< REST snapshot + diffs chained on pu
  okx,           ///< WS snapshot + updates on seqId/prevSeqId + CRC32
  bybit,         ///< WS snapshot + deltas on u (u = 1 resets)
};

/// The contract size (base units per contract) of a venue symbol, where
/// the venue's rules are loaded; nullopt if not (yet) known.
using contract_size_fn
  = std::function<std::optional<decimal>(std::string_view venue_symbol)>;

// -- private stream -------------------------------------------------------------

/// What a private stream frame carried.
struct private_frame {
  enum kind_t : uint8_t {
    order,
    assets,
    positions,
    authenticated, ///< the venue accepted the login (OKX, Bybit)
    other,
    failure
  } kind = other;
  order_update update;           ///< for `order` (origin "stream")
  std::vector<balance> balances; ///< for `assets` (changed currencies only)
  std::vector<position> position_list; ///< for `positions`
  std::string error;             ///< for `failure`
};

/// A listen key obtained over REST before the private socket opens
/// (Binance USD-M): the socket's URL is the configured private URL plus
/// "/" + key; the key is kept alive every `keepalive_s`.
struct listen_key_calls {
  std::function<http::request(const credentials&)> create;
  std::function<result<std::string>(std::string_view body)> parse;
  std::function<http::request(const credentials&, std::string_view key)>
    keepalive;
  int keepalive_s = 1800;
};

// -- rate limits ----------------------------------------------------------------

/// A venue request budget: `per_sec` tokens per second.
struct rate_group {
  std::string name;
  int per_sec = 0;
};

/// What a reply's rate-limit header says about one group's budget.
struct budget_report {
  std::string group;
  int remaining = 0; ///< calls (tokens) left in the venue's current second
};

// -- the table ------------------------------------------------------------------

/// (The venue's quote, contract kind and book model are the registry's:
/// exchanges/registry.hpp.)
struct venue_protocol {
  exchange venue = exchange::custom;

  /// The venue's symbol for an instrument (when venue_symbol is empty).
  std::function<std::string(const instrument&)> market_code;

  // -- WebSocket: public ------------------------------------------------------
  /// The subscribe message(s) for the books of `codes` (venue symbols).
  std::function<std::vector<std::string>(const std::vector<std::string>& codes)>
    book_subscription;
  /// The subscribe message(s) for their mark prices and funding (perpetual
  /// venues that stream them; empty: none). Sent on a connection of its
  /// own when the venue settings name one (`mark_ws_url`), else on the
  /// book connection.
  std::function<std::vector<std::string>(const std::vector<std::string>& codes)>
    mark_subscription;
  /// The unsubscribe message(s) for the books of `codes`: a venue whose
  /// books start with a snapshot on the socket (OKX, Bybit) resyncs a book
  /// by unsubscribing and subscribing again (empty: REST snapshots).
  std::function<std::vector<std::string>(const std::vector<std::string>& codes)>
    book_unsubscription;
  std::function<std::unique_ptr<feed_decoder>()> make_feed_decoder;
  /// A venue that wants an application-level ping (OKX the text `ping`,
  /// Bybit `{"op":"ping"}`) gets this data frame every heartbeat period on
  /// its public and private sockets; its answer decodes as `other`.
  /// Empty: WebSocket ping frames only.
  std::string heartbeat_text;

  // -- WebSocket: private -----------------------------------------------------
  /// The Authorization header of the upgrade request (empty: none).
  std::function<std::string(const credentials&, const signing_context&)>
    private_auth;
  /// What is sent once the socket is open (subscribe, or a signed login).
  std::function<std::vector<std::string>(const credentials&,
                                         const signing_context&)>
    private_subscription;
  /// Sent once the venue answered the login with `authenticated` (the
  /// venues that refuse a subscribe before the login completes: OKX,
  /// Bybit); empty: nothing.
  std::function<std::vector<std::string>()> private_after_auth;
  std::optional<listen_key_calls> listen_key;
  std::function<private_frame(std::string_view text, int64_t recv_ns)>
    parse_private;

  // -- REST: public -----------------------------------------------------------
  /// Server time (for the signing clock offset; empty: not needed).
  std::function<http::request()> server_time;
  std::function<result<int64_t>(std::string_view body)> parse_server_time;
  /// Exchange info: every listed instrument with its trading rules.
  std::function<http::request()> instruments;
  std::function<result<item_list<instrument_spec>>(std::string_view body)>
    parse_instruments;
  std::function<http::request(std::string_view market)> snapshot;
  /// A REST book (`sequence` = the venue's update id where it has one).
  std::function<result<order_book>(std::string_view body)> parse_snapshot;
  std::function<http::request(std::string_view market)> ticker;
  std::function<result<karb::ticker>(std::string_view body)> parse_ticker;
  /// Current funding with mark and index (perpetual venues).
  std::function<http::request(std::string_view market)> funding;
  std::function<result<std::pair<funding_rate, mark_price>>(
    std::string_view body)>
    parse_funding;
  std::function<http::request(std::string_view market)> funding_history;
  std::function<result<item_list<funding_rate>>(std::string_view body)>
    parse_funding_history;

  // -- REST: private ----------------------------------------------------------
  std::function<result<http::request>(const credentials&,
                                      const signing_context&,
                                      const order_request&)>
    place;
  /// Cancel / look up by our client order id on `market`.
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market,
                              std::string_view client_id)>
    cancel;
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market,
                              std::string_view client_id)>
    lookup;
  /// Changes the price and / or quantity of a resting order in place (the
  /// venues that have it: OKX amend-order, Bybit order/amend); a zero
  /// decimal leaves that field unchanged.
  std::function<result<http::request>(
    const credentials&, const signing_context&, std::string_view market,
    std::string_view client_id, const decimal& new_price,
    const decimal& new_quantity)>
    amend;
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market)>
    open_orders;
  /// The account's newest finished (done / cancelled) orders of a market.
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market)>
    recent_orders;
  std::function<http::request(const credentials&, const signing_context&)>
    balances;
  std::function<http::request(const credentials&, const signing_context&)>
    positions;
  /// The funding payments the venue booked to the account from `since_ms`
  /// (wall ms) on `market` ("" = every market): Binance USD-M income
  /// FUNDING_FEE, OKX bills type 8 (last 7 days), Bybit transaction log
  /// SETTLEMENT (at most 7 days from `since_ms`). One page each: the
  /// newest rows up to the venue's page size.
  std::function<http::request(const credentials&, const signing_context&,
                              std::string_view market, int64_t since_ms)>
    funding_payments;
  /// Per-instrument set-up sent once before trading a perpetual:
  /// leverage, margin mode, one-way position mode.
  std::function<std::vector<http::request>(
    const credentials&, const signing_context&, std::string_view market,
    int leverage, bool isolated)>
    prepare_market;

  // -- REST: replies ----------------------------------------------------------
  // A list reply keeps the items that parsed and the reasons for those
  // that did not (item_list.hpp); a body that is no list fails whole.
  /// The venue error a reply carries; nullopt for success.
  std::function<std::optional<venue_error>(const http::response&)>
    check_reply;
  /// A prepare_market error that means "already so" (not a failure).
  std::function<bool(const venue_error&)> is_already_set;
  std::function<result<order_snapshot>(std::string_view body)> parse_order;
  std::function<result<item_list<order_snapshot>>(std::string_view body)>
    parse_orders;
  std::function<result<item_list<balance>>(std::string_view body)>
    parse_balances;
  std::function<result<item_list<position>>(std::string_view body)>
    parse_positions;
  std::function<result<item_list<funding_payment>>(std::string_view body)>
    parse_funding_payments;

  // -- rate limits ------------------------------------------------------------
  std::vector<rate_group> rate_groups;
  /// The group a request is charged to.
  std::function<std::string(std::string_view method, std::string_view target)>
    rate_group_of;
  /// Tokens a request costs (the venue's request weight; empty: 1).
  std::function<int(std::string_view method, std::string_view target)>
    request_cost;
  /// The reply header carrying the venue's budget feedback ("" if none)
  /// and how to read it.
  std::string budget_header;
  std::function<std::optional<budget_report>(std::string_view value)>
    read_budget;
};

/// Checks an order against its instrument's rules before it is sent:
/// price on the tick, quantity on the lot and within [min_qty, max_qty],
/// price x quantity at least min_notional (limit orders; a market buy by
/// quote amount checks the amount). A refusal names the rule, like the
/// venue's own filter error, and is never sent.
std::optional<venue_error> check_rules(const instrument_spec& spec,
                                       const order_request& r);

} // namespace karb::venue
