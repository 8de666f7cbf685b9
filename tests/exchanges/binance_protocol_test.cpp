// Binance error mapping, order rules, rate-limit model and the protocol
// tables of binance_spot and binance_usdm.

#include <stdexcept>

#include <gtest/gtest.h>

#include "exchanges/binance/errors.hpp"
#include "exchanges/binance/protocol.hpp"
#include "exchanges/binance/rate_limits.hpp"
#include "fixture_io.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::fixture;

namespace {

http::response reply(int status, std::string body) {
  return http::response{status, {}, std::move(body)};
}

std::string body_of(int code, const char* msg) {
  return R"({"code":)" + std::to_string(code) + R"(,"msg":")" + msg + R"("})";
}

} // namespace

// -- errors -----------------------------------------------------------------------

TEST(BinanceErrors, MapsDocumentedBodies) {
  struct row { int status; int code; const char* msg; venue_errc want; };
  for (auto [status, code, msg, want] : {
         row{400, -1021, "Timestamp for this request is outside of the recvWindow.", venue_errc::auth},
         row{400, -1022, "Signature for this request is not valid.", venue_errc::auth},
         row{401, -2014, "API-key format invalid.", venue_errc::auth},
         row{401, -2015, "Invalid API-key, IP, or permissions for action.", venue_errc::auth},
         row{400, -1013, "Filter failure: PRICE_FILTER", venue_errc::invalid_price},
         row{400, -1013, "Filter failure: PERCENT_PRICE_BY_SIDE", venue_errc::invalid_price},
         row{400, -1013, "Filter failure: LOT_SIZE", venue_errc::invalid_volume},
         row{400, -1013, "Filter failure: MIN_NOTIONAL", venue_errc::under_min_total},
         row{400, -1013, "Filter failure: NOTIONAL", venue_errc::under_min_total},
         row{400, -1111, "Precision is over the maximum defined for this asset.", venue_errc::bad_request},
         row{400, -4014, "Price not increased by tick size.", venue_errc::invalid_price},
         row{400, -4023, "Quantity not increased by step size.", venue_errc::invalid_volume},
         row{400, -4164, "Order's notional must be no smaller than 5.0", venue_errc::under_min_total},
         row{400, -2010, "Account has insufficient balance for requested action.", venue_errc::insufficient_funds},
         row{400, -2010, "Duplicate order sent.", venue_errc::duplicate_client_id},
         row{400, -2010, "Order would immediately match and take.", venue_errc::bad_request},
         row{400, -2019, "Margin is insufficient.", venue_errc::insufficient_funds},
         row{400, -2011, "Unknown order sent.", venue_errc::unknown_order},
         row{400, -2013, "Order does not exist.", venue_errc::unknown_order},
         row{400, -1121, "Invalid symbol.", venue_errc::unknown_market},
         row{429, -1003, "Too many requests.", venue_errc::rate_limited},
         row{400, -1015, "Too many new orders.", venue_errc::rate_limited},
         row{418, -1003, "Way too many requests; IP banned.", venue_errc::rate_limited},
         row{400, -2022, "ReduceOnly Order is rejected.", venue_errc::bad_request},
         row{400, -1102, "Mandatory parameter 'quantity' was not sent.", venue_errc::bad_request},
       }) {
    auto e = binance::check_reply(reply(status, body_of(code, msg)));
    ASSERT_TRUE(e.has_value()) << code;
    EXPECT_EQ(e->code, want) << code << " " << msg;
    EXPECT_TRUE(e->from_venue);
    EXPECT_EQ(e->http_status, status);
    EXPECT_EQ(e->name, std::to_string(code));
    EXPECT_EQ(e->message, msg);
  }
}

TEST(BinanceErrors, DocsFixtureAndRefusal) {
  auto e = binance::check_reply(
    reply(400, fixture("binance_spot/rest_error_docs_example.json")));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, venue_errc::unknown_market);
  EXPECT_EQ(e->name, "-1121");
  EXPECT_EQ(e->message, "Invalid symbol.");
  EXPECT_TRUE(refuses_order(*e));
  auto dup = binance::check_reply(reply(400, body_of(-2010, "Duplicate order sent.")));
  EXPECT_FALSE(refuses_order(*dup)); // an order with this id exists
}

TEST(BinanceErrors, ServerErrorsAndForeignBodiesAreNotTheVenues) {
  for (auto [status, body] : std::initializer_list<std::pair<int, const char*>>{
         {500, ""},
         {502, "<html><body>Bad Gateway</body></html>"},
         {503, R"({"code":-1007,"msg":"Timeout waiting for response from backend server."})"},
       }) {
    auto e = binance::check_reply(reply(status, body));
    ASSERT_TRUE(e.has_value()) << status;
    EXPECT_EQ(e->code, venue_errc::server_error);
    EXPECT_FALSE(e->from_venue);
    EXPECT_FALSE(refuses_order(*e));
    EXPECT_TRUE(e->retryable());
  }
  auto waf = binance::check_reply(reply(403, "<html>Forbidden</html>"));
  ASSERT_TRUE(waf.has_value());
  EXPECT_EQ(waf->code, venue_errc::blocked);
  EXPECT_FALSE(waf->from_venue);
  auto limited = binance::check_reply(reply(429, ""));
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(limited->code, venue_errc::rate_limited);
  EXPECT_FALSE(limited->from_venue);
  EXPECT_FALSE(binance::check_reply(reply(200, R"({"orderId":1})")).has_value());
  EXPECT_FALSE(binance::check_reply(reply(200, R"({"code":200,"msg":"success"})"))
                 .has_value());
  EXPECT_FALSE(binance::check_reply(reply(200, "[]")).has_value());
}

TEST(BinanceErrors, AlreadySetAnswers) {
  auto margin = binance::check_reply(reply(400, body_of(-4046, "No need to change margin type.")));
  auto side = binance::check_reply(reply(400, body_of(-4059, "No need to change position side.")));
  auto other = binance::check_reply(reply(400, body_of(-4028, "Leverage 200 is not valid")));
  EXPECT_TRUE(binance::is_already_set(*margin));
  EXPECT_TRUE(binance::is_already_set(*side));
  EXPECT_FALSE(binance::is_already_set(*other));
}

// -- rules ------------------------------------------------------------------------

namespace {

instrument_spec btcusdt_spec() {
  instrument_spec s;
  s.symbol.venue = exchange::binance_spot;
  s.symbol.venue_symbol = "BTCUSDT";
  s.tick = dec("0.01");
  s.lot = dec("0.00001");
  s.min_qty = dec("0.0001");
  s.max_qty = dec("9000");
  s.min_notional = dec("5");
  return s;
}

order_request limit_order(const char* amount, const char* price) {
  order_request r;
  r.type = order_type::limit;
  r.amount = dec(amount);
  r.price = dec(price);
  return r;
}

} // namespace

TEST(VenueRules, AcceptsAnOrderWithinTheRules) {
  EXPECT_FALSE(venue::check_rules(btcusdt_spec(), limit_order("0.001", "65000.01")));
}

TEST(VenueRules, NamesTheBrokenRuleAndTheValues) {
  struct row { const char* amount; const char* price; venue_errc code;
               const char* name; const char* says; };
  for (auto [amount, price, code, name, says] : {
         row{"0.001", "65000.005", venue_errc::invalid_price, "filter_PRICE", "tick 0.01"},
         row{"0.001", "0", venue_errc::invalid_price, "filter_PRICE", "positive"},
         row{"0.000015", "65000", venue_errc::invalid_volume, "filter_LOT_SIZE", "step 0.00001"},
         row{"0.00005", "65000", venue_errc::invalid_volume, "filter_LOT_SIZE", "below minimum 0.0001"},
         row{"9001", "65000", venue_errc::invalid_volume, "filter_LOT_SIZE", "above maximum 9000"},
         row{"0", "65000", venue_errc::invalid_volume, "filter_LOT_SIZE", "positive"},
         row{"0.0001", "40000", venue_errc::under_min_total, "filter_NOTIONAL", "= 4 is below the minimum 5"},
       }) {
    auto e = venue::check_rules(btcusdt_spec(), limit_order(amount, price));
    ASSERT_TRUE(e.has_value()) << amount << " @ " << price;
    EXPECT_EQ(e->code, code);
    EXPECT_EQ(e->name, name);
    EXPECT_FALSE(e->from_venue);
    EXPECT_EQ(e->http_status, 0);
    EXPECT_NE(e->message.find(says), std::string::npos) << e->message;
  }
}

TEST(VenueRules, MarketOrdersAndUnsetRules) {
  auto spec = btcusdt_spec();
  order_request sell;
  sell.type = order_type::market;
  sell.order_side = side::sell;
  sell.amount = dec("0.001");
  EXPECT_FALSE(venue::check_rules(spec, sell)); // no price: no tick, no notional
  sell.amount = dec("0.0010001");
  EXPECT_TRUE(venue::check_rules(spec, sell).has_value());
  order_request buy;
  buy.type = order_type::market;
  buy.quote_amount = true;
  buy.price = dec("4.99");
  auto e = venue::check_rules(spec, buy);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, venue_errc::under_min_total);
  buy.price = dec("5.123");
  EXPECT_FALSE(venue::check_rules(spec, buy)); // a quote amount has no tick
  instrument_spec free_form;
  EXPECT_FALSE(venue::check_rules(free_form, limit_order("0.123456", "1.2345678")));
}

// -- rate limits ------------------------------------------------------------------

TEST(BinanceRateLimits, GroupsAndCosts) {
  auto spot = binance::rate_groups(exchange::binance_spot);
  ASSERT_EQ(spot.size(), 2u);
  EXPECT_EQ(spot[0].name, "weight");
  EXPECT_EQ(spot[0].per_sec, 100);
  EXPECT_EQ(spot[1].name, "orders");
  EXPECT_EQ(spot[1].per_sec, 10);
  auto usdm = binance::rate_groups(exchange::binance_usdm);
  EXPECT_EQ(usdm[0].per_sec, 40);
  EXPECT_EQ(usdm[1].per_sec, 30);
  EXPECT_EQ(binance::rate_group_of("POST", "/api/v3/order"), "orders");
  EXPECT_EQ(binance::rate_group_of("DELETE", "/fapi/v1/order?symbol=X"), "orders");
  EXPECT_EQ(binance::rate_group_of("GET", "/api/v3/order?symbol=X"), "weight");
  EXPECT_EQ(binance::rate_group_of("GET", "/api/v3/depth?symbol=X"), "weight");
  struct row { exchange venue; const char* method; const char* target; int cost; };
  for (auto [venue, method, target, cost] : {
         row{exchange::binance_spot, "GET", "/api/v3/depth?symbol=X&limit=100", 5},
         row{exchange::binance_spot, "GET", "/api/v3/depth?symbol=X&limit=500", 25},
         row{exchange::binance_spot, "GET", "/api/v3/depth?symbol=X&limit=1000", 50},
         row{exchange::binance_spot, "GET", "/api/v3/depth?symbol=X&limit=5000", 250},
         row{exchange::binance_spot, "GET", "/api/v3/exchangeInfo", 20},
         row{exchange::binance_spot, "GET", "/api/v3/account?omitZeroBalances=true&timestamp=1", 20},
         row{exchange::binance_spot, "GET", "/api/v3/order?symbol=X&origClientOrderId=a", 4},
         row{exchange::binance_spot, "POST", "/api/v3/order", 1},
         row{exchange::binance_spot, "GET", "/api/v3/openOrders?symbol=X", 6},
         row{exchange::binance_spot, "GET", "/api/v3/openOrders?timestamp=1", 80},
         row{exchange::binance_spot, "GET", "/api/v3/ticker/24hr?symbol=X", 2},
         row{exchange::binance_spot, "GET", "/api/v3/time", 1},
         row{exchange::binance_usdm, "GET", "/fapi/v1/depth?symbol=X&limit=1000", 20},
         row{exchange::binance_usdm, "GET", "/fapi/v1/depth?symbol=X&limit=500", 10},
         row{exchange::binance_usdm, "GET", "/fapi/v1/depth?symbol=X&limit=100", 5},
         row{exchange::binance_usdm, "GET", "/fapi/v1/depth?symbol=X&limit=20", 2},
         row{exchange::binance_usdm, "GET", "/fapi/v3/positionRisk?timestamp=1", 5},
         row{exchange::binance_usdm, "GET", "/fapi/v3/balance?timestamp=1", 5},
         row{exchange::binance_usdm, "GET", "/fapi/v1/premiumIndex?symbol=X", 1},
         row{exchange::binance_usdm, "GET", "/fapi/v1/order?symbol=X", 1},
       }) {
    EXPECT_EQ(binance::request_cost(venue, method, target), cost) << target;
  }
}

TEST(BinanceRateLimits, UsedWeightFeedback) {
  using binance::read_used_weight;
  EXPECT_FALSE(read_used_weight(exchange::binance_spot, "4799").has_value());
  auto near = read_used_weight(exchange::binance_spot, "4800");
  ASSERT_TRUE(near.has_value());
  EXPECT_EQ(near->group, "weight");
  EXPECT_EQ(near->remaining, 100); // (6000 - 4800) / 10 = 120, capped at 100/s
  EXPECT_EQ(read_used_weight(exchange::binance_spot, "5500")->remaining, 50);
  EXPECT_EQ(read_used_weight(exchange::binance_spot, "6000")->remaining, 0);
  EXPECT_EQ(read_used_weight(exchange::binance_spot, "7000")->remaining, 0);
  EXPECT_EQ(read_used_weight(exchange::binance_usdm, "2300")->remaining, 10);
  EXPECT_FALSE(read_used_weight(exchange::binance_usdm, "1000").has_value());
  EXPECT_FALSE(read_used_weight(exchange::binance_usdm, "abc").has_value());
  EXPECT_FALSE(read_used_weight(exchange::binance_usdm, "").has_value());
}

// -- the tables -------------------------------------------------------------------

TEST(BinanceProtocol, RefusesOtherVenues) {
  EXPECT_THROW(binance::binance_protocol(exchange::upbit), std::invalid_argument);
  EXPECT_THROW(binance::binance_protocol(exchange::custom), std::invalid_argument);
}

TEST(BinanceProtocol, SpotTable) {
  auto p = binance::binance_protocol(exchange::binance_spot);
  EXPECT_EQ(p.venue, exchange::binance_spot);
  instrument btc;
  btc.base = "btc";
  btc.quote = "usdt";
  EXPECT_EQ(p.market_code(btc), "BTCUSDT");
  EXPECT_FALSE(p.private_auth);
  ASSERT_TRUE(p.private_subscription);
  credentials c{"key", secret{"secret"}, {}};
  signing_context ctx{"id-1", 1000};
  auto sub = p.private_subscription(c, ctx);
  ASSERT_EQ(sub.size(), 1u);
  EXPECT_NE(sub[0].find("userDataStream.subscribe.signature"), std::string::npos);
  EXPECT_FALSE(p.listen_key.has_value());
  EXPECT_EQ(p.book_subscription({"BTCUSDT"}).size(), 1u);
  ASSERT_TRUE(p.make_feed_decoder);
  auto decoder = p.make_feed_decoder();
  venue::feed_item item;
  EXPECT_EQ(decoder->decode(R"({"result":null,"id":1})", 0, item),
            venue::feed_kind::other);
  EXPECT_EQ(p.server_time().target, "/api/v3/time");
  EXPECT_EQ(p.instruments().target, "/api/v3/exchangeInfo");
  EXPECT_EQ(p.snapshot("BTCUSDT").target, "/api/v3/depth?symbol=BTCUSDT&limit=1000");
  EXPECT_EQ(p.ticker("BTCUSDT").target, "/api/v3/ticker/24hr?symbol=BTCUSDT");
  EXPECT_FALSE(p.funding);
  EXPECT_FALSE(p.funding_history);
  EXPECT_FALSE(p.positions);
  EXPECT_FALSE(p.prepare_market);
  EXPECT_TRUE(p.recent_orders(c, ctx, "BTCUSDT").target.starts_with(
    "/api/v3/allOrders?symbol=BTCUSDT&limit=50&"));
  EXPECT_TRUE(p.balances(c, ctx).target.starts_with("/api/v3/account?"));
  auto balances = p.parse_balances(fixture("binance_spot/rest_account_docs_example.json"));
  ASSERT_TRUE(balances.ok());
  EXPECT_EQ(balances->items.size(), 2u);
  EXPECT_EQ(p.budget_header, "X-MBX-USED-WEIGHT-1M");
  EXPECT_EQ(p.rate_groups.size(), 2u);
  EXPECT_EQ(p.request_cost("GET", "/api/v3/depth?symbol=X&limit=1000"), 50);
  EXPECT_TRUE(p.read_budget("5000").has_value());
  auto snap = p.parse_snapshot(fixture("binance_spot/rest_depth_NKNUSDT_limit1000.json"));
  ASSERT_TRUE(snap.ok());
  EXPECT_EQ(snap->sequence, 499869752);
}

TEST(BinanceProtocol, UsdmTable) {
  auto p = binance::binance_protocol(exchange::binance_usdm);
  EXPECT_EQ(p.venue, exchange::binance_usdm);
  EXPECT_EQ(p.book_subscription({"BTCUSDT"}).size(), 1u);
  ASSERT_TRUE(p.mark_subscription);
  EXPECT_EQ(p.mark_subscription({"BTCUSDT"}).size(), 1u);
  ASSERT_TRUE(p.listen_key.has_value());
  credentials c{"key", secret{"secret"}, {}};
  signing_context ctx{"id-1", 1000};
  EXPECT_EQ(p.listen_key->create(c).target, "/fapi/v1/listenKey");
  EXPECT_EQ(p.listen_key->keepalive(c, "abc").method, "PUT");
  EXPECT_EQ(p.listen_key->keepalive_s, 1800);
  auto key = p.listen_key->parse(R"({"listenKey":"pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1"})");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->size(), 64u);
  EXPECT_FALSE(p.listen_key->parse("{}").ok());
  EXPECT_EQ(p.funding("BTCUSDT").target, "/fapi/v1/premiumIndex?symbol=BTCUSDT");
  auto funding = p.parse_funding(fixture("binance_usdm/rest_premiumIndex_docs_example.json"));
  ASSERT_TRUE(funding.ok());
  EXPECT_EQ(p.funding_history("BTCUSDT").target,
            "/fapi/v1/fundingRate?symbol=BTCUSDT&limit=100");
  EXPECT_TRUE(p.positions(c, ctx).target.starts_with("/fapi/v3/positionRisk?"));
  EXPECT_TRUE(p.balances(c, ctx).target.starts_with("/fapi/v3/balance?"));
  auto setup = p.prepare_market(c, ctx, "BTCUSDT", 3, false);
  ASSERT_EQ(setup.size(), 3u);
  EXPECT_EQ(setup[0].target, "/fapi/v1/positionSide/dual");
  EXPECT_EQ(setup[1].target, "/fapi/v1/marginType");
  EXPECT_TRUE(setup[1].body.starts_with("symbol=BTCUSDT&marginType=CROSSED&"));
  EXPECT_EQ(setup[2].target, "/fapi/v1/leverage");
  EXPECT_TRUE(setup[2].body.starts_with("symbol=BTCUSDT&leverage=3&"));
  auto positions = p.parse_positions(fixture("binance_usdm/rest_positionRisk_v3_docs_example.json"));
  ASSERT_TRUE(positions.ok());
  EXPECT_EQ(positions->items.size(), 1u);
  auto orders = p.parse_order(fixture("binance_usdm/rest_new_order_docs_example.json"));
  ASSERT_TRUE(orders.ok());
  EXPECT_EQ(orders->o.symbol.venue, exchange::binance_usdm);
  EXPECT_TRUE(p.is_already_set(*p.check_reply(
    reply(400, R"({"code":-4046,"msg":"No need to change margin type."})"))));
  EXPECT_EQ(p.request_cost("GET", "/fapi/v1/depth?symbol=X&limit=1000"), 20);
  order_request r;
  r.symbol.venue_symbol = "BTCUSDT";
  r.client_order_id = "karb-1";
  r.amount = dec("0.001");
  r.price = dec("60000");
  auto place = p.place(c, ctx, r);
  ASSERT_TRUE(place.ok());
  EXPECT_EQ(place->target, "/fapi/v1/order");
  EXPECT_EQ(p.cancel(c, ctx, "BTCUSDT", "karb-1").method, "DELETE");
  EXPECT_EQ(p.lookup(c, ctx, "BTCUSDT", "karb-1").method, "GET");
}
