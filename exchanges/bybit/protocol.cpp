// The Bybit v5 protocol tables: books as WebSocket snapshots + deltas on u
// (resynced by unsubscribing and subscribing again), an application-level
// ping, a signed login on the private socket followed by its
// subscriptions, JSON-bodied signed REST calls. Linear adds tickers for
// mark price and funding, positions and per-symbol set-up.

#include "exchanges/bybit/protocol.hpp"

#include <stdexcept>

#include "exchanges/bybit/account_parse.hpp"
#include "exchanges/bybit/endpoints.hpp"
#include "exchanges/bybit/errors.hpp"
#include "exchanges/bybit/feed_decoder.hpp"
#include "exchanges/bybit/market_parse.hpp"
#include "exchanges/bybit/order_parse.hpp"
#include "exchanges/bybit/rate_limits.hpp"
#include "exchanges/bybit/symbols.hpp"
#include "exchanges/bybit/transaction_log_parse.hpp"
#include "exchanges/bybit/ws_build.hpp"
#include "exchanges/bybit/ws_private.hpp"

namespace karb::bybit {

namespace {

using venue::venue_protocol;

/// What both venues share, the category taken from `venue`.
void fill_common(venue_protocol& p, exchange venue) {
  p.venue = venue;
  p.market_code = market_code;
  p.book_subscription = book_subscription;
  p.book_unsubscription = book_unsubscription;
  p.make_feed_decoder = [venue]() -> std::unique_ptr<venue::feed_decoder> {
    return std::make_unique<public_feed_decoder>(venue);
  };
  p.heartbeat_text = std::string{heartbeat};
  p.private_subscription = [](const credentials& c,
                              const signing_context& ctx) {
    return std::vector<std::string>{auth_message(c, ctx)};
  };
  p.private_after_auth = [venue] {
    return private_topics_subscription(venue);
  };
  p.parse_private = [venue](std::string_view text, int64_t ns) {
    return parse_private(text, venue, ns);
  };
  p.server_time = server_time;
  p.parse_server_time = parse_server_time;
  p.instruments = [venue] { return instruments(venue); };
  p.parse_instruments = [venue](std::string_view body) {
    return parse_instruments(body, venue);
  };
  p.snapshot = [venue](std::string_view m) { return orderbook(venue, m); };
  p.parse_snapshot = [venue](std::string_view body) {
    return parse_orderbook(body, venue);
  };
  p.ticker = [venue](std::string_view m) { return tickers(venue, m); };
  p.parse_ticker = [venue](std::string_view body) {
    return parse_ticker(body, venue);
  };
  p.place = [venue](const credentials& c, const signing_context& ctx,
                    const order_request& r) {
    return create_order(venue, c, ctx, r);
  };
  p.cancel = [venue](const credentials& c, const signing_context& ctx,
                     std::string_view m, std::string_view id) {
    return cancel_order(venue, c, ctx, m, id);
  };
  p.lookup = [venue](const credentials& c, const signing_context& ctx,
                     std::string_view m, std::string_view id) {
    return order_realtime(venue, c, ctx, m, id);
  };
  p.amend = [venue](const credentials& c, const signing_context& ctx,
                    std::string_view m, std::string_view id,
                    const decimal& price, const decimal& qty) {
    return amend_order(venue, c, ctx, m, id, price, qty);
  };
  p.open_orders = [venue](const credentials& c, const signing_context& ctx,
                          std::string_view m) {
    return open_orders(venue, c, ctx, m);
  };
  p.recent_orders = [venue](const credentials& c, const signing_context& ctx,
                            std::string_view m) {
    return order_history(venue, c, ctx, m);
  };
  p.balances = wallet_balance;
  p.parse_balances = [venue](std::string_view body) {
    return parse_balances(body, venue);
  };
  p.check_reply = check_reply;
  p.is_already_set = is_already_set;
  p.parse_order = [venue](std::string_view body) {
    return parse_order(body, venue);
  };
  p.parse_orders = [venue](std::string_view body) {
    return parse_orders(body, venue);
  };
  p.rate_groups = rate_groups(venue);
  p.rate_group_of = rate_group_of;
  // budget_header / read_budget stay empty: X-Bapi-Limit-Status counts one
  // endpoint's calls, and read_budget cannot tell which (rate_limits.hpp).
}

void fill_linear(venue_protocol& p) {
  p.mark_subscription = mark_subscription;
  p.funding = [](std::string_view m) {
    return tickers(exchange::bybit_linear, m);
  };
  p.parse_funding = parse_funding;
  p.funding_history = funding_history;
  p.parse_funding_history = parse_funding_history;
  p.positions = position_list;
  p.parse_positions = parse_positions;
  p.funding_payments = transaction_log;
  p.parse_funding_payments = parse_funding_settlements;
  // One-way mode, then the leverage. Margin mode is not set per symbol: on
  // a unified account (2.0) /v5/position/switch-isolated refuses linear,
  // and the margin mode is account-wide (/v5/account/set-margin-mode), not
  // the business of a symbol's set-up. "Already so" answers (110025,
  // 110043) are told apart by is_already_set.
  p.prepare_market = [](const credentials& c, const signing_context& ctx,
                        std::string_view m, int leverage, bool) {
    return std::vector<http::request>{switch_one_way(c, ctx, m),
                                      set_leverage(c, ctx, m, leverage)};
  };
}

} // namespace

venue_protocol bybit_protocol(exchange venue) {
  if (venue != exchange::bybit_spot && venue != exchange::bybit_linear)
    throw std::invalid_argument("bybit_protocol: not a Bybit venue");
  venue_protocol p;
  fill_common(p, venue);
  if (venue == exchange::bybit_linear)
    fill_linear(p);
  return p;
}

} // namespace karb::bybit
