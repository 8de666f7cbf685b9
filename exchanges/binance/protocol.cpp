// The Binance protocol tables: spot (REST snapshot + U/u diffs, WebSocket
// API user data) and USD-M perpetuals (REST snapshot + pu-chained diffs,
// mark price stream, listen-key user data, per-symbol set-up).

#include "exchanges/binance/protocol.hpp"

#include <stdexcept>

#include "exchanges/binance/account_parse.hpp"
#include "exchanges/binance/errors.hpp"
#include "exchanges/binance/feed_decoder.hpp"
#include "exchanges/binance/income_parse.hpp"
#include "exchanges/binance/instruments_parse.hpp"
#include "exchanges/binance/market_parse.hpp"
#include "exchanges/binance/order_parse.hpp"
#include "exchanges/binance/rate_limits.hpp"
#include "exchanges/binance/spot_endpoints.hpp"
#include "exchanges/binance/symbols.hpp"
#include "exchanges/binance/usdm_endpoints.hpp"
#include "exchanges/binance/ws_build.hpp"
#include "exchanges/binance/ws_private.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

namespace {

using venue::venue_protocol;

result<std::string> parse_listen_key(std::string_view body) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  json_text::reader r{*doc, "listenKey"};
  auto key = r.str("listenKey");
  if (!r.ok())
    return r.error();
  if (key.empty())
    return malformed("listenKey: empty key");
  return key;
}

/// What both venues share.
void fill_common(venue_protocol& p, exchange venue) {
  p.venue = venue;
  p.market_code = market_code;
  p.book_subscription = book_subscription;
  p.make_feed_decoder = [venue]() -> std::unique_ptr<venue::feed_decoder> {
    return std::make_unique<market_feed_decoder>(venue);
  };
  p.parse_private = [venue](std::string_view text, int64_t ns) {
    return parse_private(text, venue, ns);
  };
  p.parse_server_time = parse_server_time;
  p.parse_instruments = [venue](std::string_view body) {
    return parse_exchange_info(body, venue);
  };
  p.parse_snapshot = [venue](std::string_view body) {
    return parse_depth(body, venue);
  };
  p.parse_ticker = [venue](std::string_view body) {
    return parse_ticker_24hr(body, venue);
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
  p.request_cost = [venue](std::string_view method, std::string_view target) {
    return request_cost(venue, method, target);
  };
  p.budget_header = std::string{used_weight_header};
  p.read_budget = [venue](std::string_view value) {
    return read_used_weight(venue, value);
  };
}

void fill_spot(venue_protocol& p) {
  p.private_subscription = [](const credentials& c,
                              const signing_context& ctx) {
    return std::vector<std::string>{user_stream_subscription(c, ctx)};
  };
  p.server_time = spot::server_time;
  p.instruments = spot::exchange_info;
  p.snapshot = [](std::string_view m) { return spot::depth(m); };
  p.ticker = spot::ticker_24hr;
  p.place = spot::place;
  p.cancel = spot::cancel;
  p.lookup = spot::order_status;
  p.open_orders = spot::open_orders;
  p.recent_orders = [](const credentials& c, const signing_context& ctx,
                       std::string_view m) {
    return spot::all_orders(c, ctx, m);
  };
  p.balances = spot::account;
  p.parse_balances = parse_spot_account;
}

void fill_usdm(venue_protocol& p) {
  p.mark_subscription = mark_subscription;
  p.listen_key = venue::listen_key_calls{
    usdm::create_listen_key, parse_listen_key,
    [](const credentials& c, std::string_view) {
      return usdm::keepalive_listen_key(c);
    },
    1800};
  p.server_time = usdm::server_time;
  p.instruments = usdm::exchange_info;
  p.snapshot = [](std::string_view m) { return usdm::depth(m); };
  p.ticker = usdm::ticker_24hr;
  p.funding = usdm::premium_index;
  p.parse_funding = parse_premium_index;
  p.funding_history = [](std::string_view m) {
    return usdm::funding_rate_history(m);
  };
  p.parse_funding_history = parse_funding_history;
  p.place = usdm::place;
  p.cancel = usdm::cancel;
  p.lookup = usdm::order_status;
  p.open_orders = usdm::open_orders;
  p.recent_orders = [](const credentials& c, const signing_context& ctx,
                       std::string_view m) {
    return usdm::all_orders(c, ctx, m);
  };
  p.balances = usdm::balance;
  p.parse_balances = parse_usdm_balances;
  p.positions = usdm::position_risk;
  p.parse_positions = parse_positions;
  p.funding_payments = usdm::funding_income;
  p.parse_funding_payments = parse_funding_income;
  // One-way mode first (account-wide), then the symbol's margin mode and
  // leverage; "already so" answers are told apart by is_already_set.
  p.prepare_market = [](const credentials& c, const signing_context& ctx,
                        std::string_view m, int leverage, bool isolated) {
    return std::vector<http::request>{
      usdm::set_one_way_mode(c, ctx),
      usdm::set_margin_type(c, ctx, m, isolated),
      usdm::set_leverage(c, ctx, m, leverage)};
  };
}

} // namespace

venue_protocol binance_protocol(exchange venue) {
  if (venue != exchange::binance_spot && venue != exchange::binance_usdm)
    throw std::invalid_argument("binance_protocol: not a Binance venue");
  venue_protocol p;
  fill_common(p, venue);
  if (venue == exchange::binance_spot)
    fill_spot(p);
  else
    fill_usdm(p);
  return p;
}

} // namespace karb::binance
