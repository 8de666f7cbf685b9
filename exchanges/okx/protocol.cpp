// The OKX protocol tables: books as a WebSocket snapshot then updates
// chained on seqId / prevSeqId (book_model::okx, no REST sync), a login
// on the private socket followed by the channel subscriptions, contracts
// converted to base units on swap.

#include "exchanges/okx/protocol.hpp"

#include <stdexcept>

#include "exchanges/okx/account_parse.hpp"
#include "exchanges/okx/bills_parse.hpp"
#include "exchanges/okx/endpoints.hpp"
#include "exchanges/okx/errors.hpp"
#include "exchanges/okx/feed_decoder.hpp"
#include "exchanges/okx/market_parse.hpp"
#include "exchanges/okx/order_parse.hpp"
#include "exchanges/okx/rate_limits.hpp"
#include "exchanges/okx/sign.hpp"
#include "exchanges/okx/symbols.hpp"
#include "exchanges/okx/ws_build.hpp"
#include "exchanges/okx/ws_private.hpp"

namespace karb::okx {

namespace {

using venue::contract_size_fn;
using venue::venue_protocol;

void fill_public(venue_protocol& p, exchange venue,
                 const contract_size_fn& sizes) {
  p.market_code = market_code;
  p.book_subscription = book_subscription;
  p.book_unsubscription = book_unsubscription;
  p.make_feed_decoder = [venue,
                         sizes]() -> std::unique_ptr<venue::feed_decoder> {
    return std::make_unique<market_feed_decoder>(venue, sizes);
  };
  p.heartbeat_text = std::string{heartbeat_text};
  p.server_time = server_time;
  p.parse_server_time = parse_server_time;
  p.instruments = [venue] { return instruments(venue); };
  p.parse_instruments = [venue](std::string_view body) {
    return parse_instruments(body, venue);
  };
  p.ticker = market_ticker;
  p.parse_ticker = [venue](std::string_view body) {
    return parse_ticker(body, venue);
  };
}

void fill_private(venue_protocol& p, exchange venue,
                  const contract_size_fn& sizes) {
  p.private_subscription = [](const credentials& c,
                              const signing_context& ctx) {
    return std::vector<std::string>{login_message(c, ctx)};
  };
  p.private_after_auth = [venue] { return private_channels(venue); };
  p.parse_private = [venue, sizes](std::string_view text, int64_t ns) {
    return parse_private(text, venue, sizes, ns);
  };
  p.place = [venue, sizes](const credentials& c, const signing_context& ctx,
                           const order_request& r) {
    return place(venue, sizes, c, ctx, r);
  };
  p.cancel = cancel;
  p.lookup = order_details;
  p.amend = [venue, sizes](const credentials& c, const signing_context& ctx,
                           std::string_view market, std::string_view id,
                           const decimal& px, const decimal& qty) {
    return amend(venue, sizes, c, ctx, market, id, px, qty);
  };
  p.open_orders = orders_pending;
  p.recent_orders = [venue](const credentials& c, const signing_context& ctx,
                            std::string_view market) {
    return orders_history(venue, c, ctx, market);
  };
  p.balances = account_balance;
  p.check_reply = check_reply;
  p.is_already_set = is_already_set;
  p.parse_order = [venue, sizes](std::string_view body) {
    return parse_order(body, venue, sizes);
  };
  p.parse_orders = [venue, sizes](std::string_view body) {
    return parse_orders(body, venue, sizes);
  };
  p.parse_balances = [venue](std::string_view body) {
    return parse_balances(body, venue);
  };
  p.rate_groups = rate_groups();
  p.rate_group_of = rate_group_of;
  // No request_cost (one token each) and no budget header.
}

/// Spot: the REST book is in base units (books come from the socket; the
/// REST one is for inspection).
void fill_spot(venue_protocol& p) {
  p.snapshot = [](std::string_view m) { return books(m); };
  p.parse_snapshot = [](std::string_view body) {
    return parse_books(body, exchange::okx_spot);
  };
}

/// Swap: mark price and funding on the socket and over REST, positions,
/// the account set-up. No REST book: its reply names no instrument and
/// counts contracts, and the book model needs none (WebSocket snapshot).
void fill_swap(venue_protocol& p, const contract_size_fn& sizes) {
  p.mark_subscription = mark_subscription;
  p.funding = current_funding;
  p.parse_funding = parse_funding;
  p.funding_history = [](std::string_view m) {
    return funding_history(m);
  };
  p.parse_funding_history = parse_funding_history;
  p.positions = account_positions;
  p.parse_positions = [sizes](std::string_view body) {
    return parse_positions(body, sizes);
  };
  p.funding_payments = funding_bills;
  p.parse_funding_payments = parse_funding_bills;
  // Net mode first (account-wide), then the instrument's leverage in the
  // margin mode asked for. Orders trade in cross margin (tdMode cross).
  p.prepare_market = [](const credentials& c, const signing_context& ctx,
                        std::string_view m, int leverage, bool isolated) {
    return std::vector<http::request>{
      set_net_mode(c, ctx), set_leverage(c, ctx, m, leverage, isolated)};
  };
}

} // namespace

venue_protocol okx_protocol(exchange venue, contract_size_fn sizes) {
  if (venue != exchange::okx_spot && venue != exchange::okx_swap)
    throw std::invalid_argument("okx_protocol: not an OKX venue");
  venue_protocol p;
  p.venue = venue;
  fill_public(p, venue, sizes);
  fill_private(p, venue, sizes);
  if (venue == exchange::okx_spot)
    fill_spot(p);
  else
    fill_swap(p, sizes);
  return p;
}

} // namespace karb::okx
