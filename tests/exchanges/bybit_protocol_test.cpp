// Bybit v5 request builders (method, path, query, headers, body), order
// bodies and their refusals, symbols, error mapping, rate groups and the
// tables of bybit_spot and bybit_linear.

#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/bybit/endpoints.hpp"
#include "exchanges/bybit/errors.hpp"
#include "exchanges/bybit/protocol.hpp"
#include "exchanges/bybit/rate_limits.hpp"
#include "exchanges/bybit/symbols.hpp"
#include "exchanges/registry.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::header_of;
using karb::test::test_access;
using karb::test::test_secret;

namespace {

constexpr int64_t now_ms = 1700000000123;

credentials creds() {
  return credentials{test_access, secret{test_secret}, {}};
}

signing_context ctx() {
  signing_context c;
  c.timestamp_ms = now_ms;
  return c;
}

decimal dec(const char* text) {
  return decimal::parse(text).value();
}

std::string query_of(const http::request& r) {
  auto q = r.target.find('?');
  return q == std::string::npos ? std::string{} : r.target.substr(q + 1);
}

/// Checks the four auth headers and that the signature covers `payload`.
void expect_signed(const http::request& r, const std::string& payload) {
  EXPECT_EQ(header_of(r, "X-BAPI-API-KEY"), test_access);
  EXPECT_EQ(header_of(r, "X-BAPI-TIMESTAMP"), std::to_string(now_ms));
  EXPECT_EQ(header_of(r, "X-BAPI-RECV-WINDOW"), "5000");
  EXPECT_EQ(header_of(r, "X-BAPI-SIGN"),
            bybit::sign(test_secret, now_ms, test_access, 5000, payload));
}

order_request limit_buy(exchange venue) {
  order_request r;
  r.client_order_id = "t1-leg0-a1";
  r.symbol = instrument{venue, "BTC", "USDT", "", bybit::contract_of(venue)};
  r.order_side = side::buy;
  r.type = order_type::limit;
  r.amount = dec("0.015");
  r.price = dec("65000.5");
  return r;
}

nlohmann::json body_json(const http::request& r) {
  return nlohmann::json::parse(r.body);
}

http::response reply(int status, std::string body) {
  return http::response{status, {}, std::move(body)};
}

std::string envelope(int code, const char* msg) {
  return R"({"retCode":)" + std::to_string(code) + R"(,"retMsg":")" + msg
         + R"(","result":{},"retExtInfo":{},"time":1672211918471})";
}

} // namespace

// -- symbols ----------------------------------------------------------------------

TEST(BybitSymbols, SplitsStablecoinQuotes) {
  using sv = std::pair<std::string_view, std::string_view>;
  EXPECT_EQ(bybit::split_symbol("BTCUSDT"), (sv{"BTC", "USDT"}));
  EXPECT_EQ(bybit::split_symbol("ETHUSDC"), (sv{"ETH", "USDC"}));
  EXPECT_EQ(bybit::split_symbol("1000PEPEUSDT"), (sv{"1000PEPE", "USDT"}));
  EXPECT_EQ(bybit::split_symbol("USDCUSDT"), (sv{"USDC", "USDT"}));
  EXPECT_EQ(bybit::split_symbol("USDT"), sv{});
  EXPECT_EQ(bybit::split_symbol("BTCUSD"), sv{});
  EXPECT_EQ(bybit::split_symbol("ETHPERP"), sv{});
  instrument x{exchange::bybit_spot, "OLD", "OLD", "OLD", contract_type::spot};
  bybit::assign_symbol(exchange::bybit_linear, "SOLUSDT", x);
  EXPECT_EQ(x, (instrument{exchange::bybit_linear, "SOL", "USDT", "SOLUSDT",
                           contract_type::perpetual}));
}

TEST(BybitSymbols, MarketCodeIsTheSameOnBothCategories) {
  instrument spot{exchange::bybit_spot, "btc", "usdt", "", contract_type::spot};
  instrument perp{exchange::bybit_linear, "BTC", "USDT", "",
                  contract_type::perpetual};
  EXPECT_EQ(bybit::market_code(spot), "BTCUSDT");
  EXPECT_EQ(bybit::market_code(perp), "BTCUSDT");
  EXPECT_EQ(venue::instrument_on(exchange::bybit_linear, "ETH", "USDT"),
            (instrument{exchange::bybit_linear, "ETH", "USDT", "ETHUSDT",
                        contract_type::perpetual}));
  EXPECT_EQ(bybit::category_of(exchange::bybit_spot), "spot");
  EXPECT_EQ(bybit::category_of(exchange::bybit_linear), "linear");
}

// -- public requests ----------------------------------------------------------------

TEST(BybitEndpoints, PublicRequests) {
  auto t = bybit::server_time();
  EXPECT_EQ(t.method, "GET");
  EXPECT_EQ(t.target, "/v5/market/time");
  EXPECT_TRUE(t.headers.empty());
  EXPECT_EQ(bybit::instruments(exchange::bybit_spot).target,
            "/v5/market/instruments-info?category=spot");
  EXPECT_EQ(bybit::instruments(exchange::bybit_linear).target,
            "/v5/market/instruments-info?category=linear&limit=1000");
  EXPECT_EQ(bybit::orderbook(exchange::bybit_spot, "BTCUSDT").target,
            "/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=200");
  EXPECT_EQ(bybit::tickers(exchange::bybit_linear, "BTCUSDT").target,
            "/v5/market/tickers?category=linear&symbol=BTCUSDT");
  EXPECT_EQ(bybit::funding_history("ETHUSDT").target,
            "/v5/market/funding/history?category=linear&symbol=ETHUSDT"
            "&limit=200");
  for (auto& r : {bybit::orderbook(exchange::bybit_linear, "BTCUSDT"),
                  bybit::funding_history("BTCUSDT")}) {
    EXPECT_EQ(r.method, "GET");
    EXPECT_TRUE(r.idempotent);
    EXPECT_TRUE(r.headers.empty());
  }
}

// -- private requests -----------------------------------------------------------------

TEST(BybitEndpoints, SignedReads) {
  struct row { http::request r; const char* path; const char* query; };
  for (auto& [r, path, query] : {
         row{bybit::wallet_balance(creds(), ctx()), "/v5/account/wallet-balance",
             "accountType=UNIFIED"},
         row{bybit::position_list(creds(), ctx()), "/v5/position/list",
             "category=linear&settleCoin=USDT"},
         row{bybit::order_realtime(exchange::bybit_spot, creds(), ctx(),
                                   "BTCUSDT", "t1-leg0-a1"),
             "/v5/order/realtime",
             "category=spot&symbol=BTCUSDT&orderLinkId=t1-leg0-a1"},
         row{bybit::open_orders(exchange::bybit_linear, creds(), ctx(),
                                "BTCUSDT"),
             "/v5/order/realtime", "category=linear&symbol=BTCUSDT&openOnly=0"},
         row{bybit::order_history(exchange::bybit_linear, creds(), ctx(),
                                  "ETHUSDT"),
             "/v5/order/history", "category=linear&symbol=ETHUSDT&limit=50"},
       }) {
    EXPECT_EQ(r.method, "GET") << path;
    EXPECT_EQ(r.target, std::string{path} + "?" + query);
    EXPECT_TRUE(r.body.empty());
    EXPECT_TRUE(r.idempotent);
    expect_signed(r, query_of(r));
  }
}

TEST(BybitEndpoints, PlaceLimitOnSpotAndLinear) {
  auto spot = bybit::create_order(exchange::bybit_spot, creds(), ctx(),
                                  limit_buy(exchange::bybit_spot));
  ASSERT_TRUE(spot.ok());
  EXPECT_EQ(spot->method, "POST");
  EXPECT_EQ(spot->target, "/v5/order/create");
  EXPECT_FALSE(spot->idempotent);
  EXPECT_EQ(spot->body,
            R"({"category":"spot","symbol":"BTCUSDT","side":"Buy",)"
            R"("orderType":"Limit","qty":"0.015","price":"65000.5",)"
            R"("timeInForce":"GTC","orderLinkId":"t1-leg0-a1"})");
  expect_signed(*spot, spot->body);

  auto r = limit_buy(exchange::bybit_linear);
  r.type = order_type::ioc;
  r.order_side = side::sell;
  r.reduce_only = true;
  auto linear = bybit::create_order(exchange::bybit_linear, creds(), ctx(), r);
  ASSERT_TRUE(linear.ok());
  EXPECT_EQ(linear->body,
            R"({"category":"linear","symbol":"BTCUSDT","side":"Sell",)"
            R"("orderType":"Limit","qty":"0.015","price":"65000.5",)"
            R"("timeInForce":"IOC","orderLinkId":"t1-leg0-a1",)"
            R"("positionIdx":0,"reduceOnly":true})");
  expect_signed(*linear, linear->body);
  r.type = order_type::fok;
  EXPECT_EQ(body_json(*bybit::create_order(exchange::bybit_linear, creds(),
                                           ctx(), r))["timeInForce"],
            "FOK");
}

TEST(BybitEndpoints, MarketOrdersSayTheirUnit) {
  auto r = limit_buy(exchange::bybit_spot);
  r.type = order_type::market;
  r.quote_amount = true;
  r.amount = {};
  r.price = dec("25.5"); // USDT to spend
  auto by_quote = bybit::create_order(exchange::bybit_spot, creds(), ctx(), r);
  ASSERT_TRUE(by_quote.ok());
  auto b = body_json(*by_quote);
  EXPECT_EQ(b["orderType"], "Market");
  EXPECT_EQ(b["qty"], "25.5");
  EXPECT_EQ(b["marketUnit"], "quoteCoin");
  EXPECT_FALSE(b.contains("price"));
  EXPECT_FALSE(b.contains("timeInForce"));

  r.quote_amount = false;
  r.amount = dec("0.002");
  auto by_base = body_json(
    *bybit::create_order(exchange::bybit_spot, creds(), ctx(), r));
  EXPECT_EQ(by_base["qty"], "0.002");
  EXPECT_EQ(by_base["marketUnit"], "baseCoin");

  r.order_side = side::sell;
  r.symbol.venue = exchange::bybit_linear;
  auto linear = body_json(
    *bybit::create_order(exchange::bybit_linear, creds(), ctx(), r));
  EXPECT_EQ(linear["side"], "Sell");
  EXPECT_EQ(linear["qty"], "0.002");
  EXPECT_FALSE(linear.contains("marketUnit"));
  EXPECT_EQ(linear["positionIdx"], 0);
  EXPECT_EQ(linear["reduceOnly"], false);
}

TEST(BybitEndpoints, RefusesWhatTheVenueCouldNotTake) {
  auto expect_refused = [](exchange venue, order_request r, const char* name) {
    auto req = bybit::create_order(venue, creds(), ctx(), r);
    ASSERT_FALSE(req.ok()) << name;
    EXPECT_EQ(req.error().code, venue_errc::bad_request);
    EXPECT_EQ(req.error().name, name);
    EXPECT_FALSE(req.error().from_venue);
  };
  auto r = limit_buy(exchange::bybit_spot);
  r.reduce_only = true;
  expect_refused(exchange::bybit_spot, r, "reduce_only_on_spot");
  r = limit_buy(exchange::bybit_spot);
  r.client_order_id = "has space";
  expect_refused(exchange::bybit_spot, r, "bad_client_id");
  r.client_order_id = std::string(37, 'a');
  expect_refused(exchange::bybit_spot, r, "bad_client_id");
  r = limit_buy(exchange::bybit_linear);
  r.type = order_type::market;
  r.quote_amount = true;
  expect_refused(exchange::bybit_linear, r, "quote_amount_linear");
  r = limit_buy(exchange::bybit_spot);
  r.type = order_type::market;
  r.quote_amount = true;
  r.order_side = side::sell;
  expect_refused(exchange::bybit_spot, r, "quote_amount_sell");
  r = limit_buy(exchange::bybit_spot);
  r.price = {};
  expect_refused(exchange::bybit_spot, r, "bad_price");
  r = limit_buy(exchange::bybit_spot);
  r.amount = {};
  expect_refused(exchange::bybit_spot, r, "bad_quantity");
}

TEST(BybitEndpoints, CancelAndAmendByClientId) {
  auto c = bybit::cancel_order(exchange::bybit_linear, creds(), ctx(),
                               "BTCUSDT", "t1-leg0-a1");
  EXPECT_EQ(c.method, "POST");
  EXPECT_EQ(c.target, "/v5/order/cancel");
  EXPECT_FALSE(c.idempotent);
  EXPECT_EQ(c.body,
            R"({"category":"linear","symbol":"BTCUSDT","orderLinkId":"t1-leg0-a1"})");
  expect_signed(c, c.body);

  auto a = bybit::amend_order(exchange::bybit_spot, creds(), ctx(), "BTCUSDT",
                              "t1-leg0-a1", dec("64000"), dec("0.02"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->target, "/v5/order/amend");
  EXPECT_EQ(a->body, R"({"category":"spot","symbol":"BTCUSDT",)"
                     R"("orderLinkId":"t1-leg0-a1","qty":"0.02","price":"64000"})");
  expect_signed(*a, a->body);
  auto price_only = bybit::amend_order(exchange::bybit_spot, creds(), ctx(),
                                       "BTCUSDT", "x", dec("1.5"), {});
  EXPECT_FALSE(body_json(*price_only).contains("qty"));
  EXPECT_EQ(body_json(*price_only)["price"], "1.5");
  auto nothing = bybit::amend_order(exchange::bybit_spot, creds(), ctx(),
                                    "BTCUSDT", "x", {}, {});
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.error().name, "empty_amend");
}

TEST(BybitEndpoints, LinearSetUp) {
  auto mode = bybit::switch_one_way(creds(), ctx(), "BTCUSDT");
  EXPECT_EQ(mode.target, "/v5/position/switch-mode");
  EXPECT_EQ(mode.body, R"({"category":"linear","symbol":"BTCUSDT","mode":0})");
  expect_signed(mode, mode.body);
  auto lev = bybit::set_leverage(creds(), ctx(), "BTCUSDT", 3);
  EXPECT_EQ(lev.target, "/v5/position/set-leverage");
  EXPECT_EQ(lev.body, R"({"category":"linear","symbol":"BTCUSDT",)"
                      R"("buyLeverage":"3","sellLeverage":"3"})");
  auto p = bybit::bybit_protocol(exchange::bybit_linear);
  auto reqs = p.prepare_market(creds(), ctx(), "BTCUSDT", 3, false);
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].target, "/v5/position/switch-mode");
  EXPECT_EQ(reqs[1].body, lev.body);
}

// -- errors ---------------------------------------------------------------------------

TEST(BybitErrors, MapsRetCodes) {
  struct row { int code; const char* msg; venue_errc want; };
  for (auto [code, msg, want] : {
         row{10001, "params error: symbol invalid", venue_errc::bad_request},
         row{10002, "invalid request, please check your server timestamp or recv_window param", venue_errc::auth},
         row{10003, "API key is invalid.", venue_errc::auth},
         row{10004, "Error sign, please check your signature generation algorithm.", venue_errc::auth},
         row{10005, "Permission denied, please check your API key permissions.", venue_errc::auth},
         row{10010, "Unmatched IP, please check your API key's bound IP addresses.", venue_errc::auth},
         row{10006, "Too many visits!", venue_errc::rate_limited},
         row{10018, "Exceeded the IP Rate Limit.", venue_errc::rate_limited},
         row{10009, "IP has been banned.", venue_errc::blocked},
         row{10016, "Internal System Error.", venue_errc::server_error},
         row{110001, "Order does not exist", venue_errc::unknown_order},
         row{170213, "Order does not exist.", venue_errc::unknown_order},
         row{110003, "Order price is out of permissible range", venue_errc::invalid_price},
         row{170134, "Order price has too many decimals.", venue_errc::invalid_price},
         row{170137, "Order quantity has too many decimals.", venue_errc::invalid_volume},
         row{170136, "Order quantity lower than the minimum.", venue_errc::invalid_volume},
         row{110094, "Order notional value below the lower limit", venue_errc::under_min_total},
         row{170140, "Order value exceeded lower limit.", venue_errc::under_min_total},
         row{110004, "Insufficient wallet balance", venue_errc::insufficient_funds},
         row{110007, "Insufficient available balance", venue_errc::insufficient_funds},
         row{170131, "Insufficient balance.", venue_errc::insufficient_funds},
         row{110072, "OrderLinkedID is duplicate", venue_errc::duplicate_client_id},
         row{170141, "Duplicate clientOrderId", venue_errc::duplicate_client_id},
         row{170121, "Invalid symbol.", venue_errc::unknown_market},
         row{110017, "ReduceOnly rule not satisified", venue_errc::bad_request},
       }) {
    auto e = bybit::check_reply(reply(200, envelope(code, msg)));
    ASSERT_TRUE(e.has_value()) << code;
    EXPECT_EQ(e->code, want) << code;
    EXPECT_TRUE(e->from_venue);
    EXPECT_EQ(e->http_status, 200);
    EXPECT_EQ(e->name, std::to_string(code));
    EXPECT_EQ(e->message, msg);
  }
}

TEST(BybitErrors, SuccessStatusAndForeignBodies) {
  EXPECT_FALSE(bybit::check_reply(reply(200, envelope(0, "OK"))).has_value());
  EXPECT_FALSE(bybit::check_reply(reply(200, envelope(0, ""))).has_value());
  auto html = bybit::check_reply(reply(502, "<html>Bad Gateway</html>"));
  ASSERT_TRUE(html.has_value());
  EXPECT_EQ(html->code, venue_errc::server_error);
  EXPECT_FALSE(html->from_venue);
  EXPECT_FALSE(refuses_order(*html));
  // A 5xx never refuses, even with the venue's envelope.
  auto five = bybit::check_reply(reply(503, envelope(10001, "x")));
  EXPECT_EQ(five->code, venue_errc::server_error);
  EXPECT_FALSE(five->from_venue);
  auto ban = bybit::check_reply(reply(403, "access too frequent"));
  ASSERT_TRUE(ban.has_value());
  EXPECT_EQ(ban->code, venue_errc::rate_limited);
  EXPECT_EQ(ban->name, "http_403");
  EXPECT_FALSE(ban->from_venue);
  auto foreign = bybit::check_reply(reply(200, "<html>ok</html>"));
  ASSERT_TRUE(foreign.has_value());
  EXPECT_EQ(foreign->code, venue_errc::malformed);
  auto funds = bybit::check_reply(reply(200, envelope(110007, "x")));
  EXPECT_TRUE(refuses_order(*funds));
  auto dup = bybit::check_reply(reply(200, envelope(110072, "x")));
  EXPECT_FALSE(refuses_order(*dup)); // an order with this id exists
}

TEST(BybitErrors, AlreadySetCodes) {
  for (int code : {110025, 110026, 110043}) {
    auto e = bybit::check_reply(reply(200, envelope(code, "not modified")));
    EXPECT_TRUE(bybit::is_already_set(*e)) << code;
  }
  EXPECT_FALSE(bybit::is_already_set(
    *bybit::check_reply(reply(200, envelope(110024, "position exists")))));
}

// -- rate limits ------------------------------------------------------------------------

TEST(BybitRateLimits, GroupsByEndpoint) {
  auto spot = bybit::rate_groups(exchange::bybit_spot);
  auto linear = bybit::rate_groups(exchange::bybit_linear);
  auto per_sec = [](const std::vector<venue::rate_group>& gs,
                    const std::string& name) {
    for (auto& g : gs)
      if (g.name == name)
        return g.per_sec;
    return -1;
  };
  EXPECT_EQ(per_sec(spot, "orders"), 20);
  EXPECT_EQ(per_sec(linear, "orders"), 10);
  EXPECT_EQ(per_sec(linear, "account"), 50);
  EXPECT_EQ(per_sec(linear, "public"), 50);
  EXPECT_EQ(bybit::rate_group_of("POST", "/v5/order/create"), "orders");
  EXPECT_EQ(bybit::rate_group_of("POST", "/v5/order/cancel"), "orders");
  EXPECT_EQ(bybit::rate_group_of("POST", "/v5/order/amend"), "orders");
  EXPECT_EQ(bybit::rate_group_of("GET", "/v5/order/realtime?category=spot"),
            "account");
  EXPECT_EQ(bybit::rate_group_of("GET", "/v5/order/history?x=1"), "account");
  EXPECT_EQ(bybit::rate_group_of("GET", "/v5/position/list"), "account");
  EXPECT_EQ(bybit::rate_group_of("GET", "/v5/account/wallet-balance"),
            "account");
  EXPECT_EQ(bybit::rate_group_of("POST", "/v5/position/set-leverage"),
            "account");
  EXPECT_EQ(bybit::rate_group_of("GET", "/v5/market/orderbook?category=spot"),
            "public");
  EXPECT_EQ(bybit::rate_group_of("GET", "/v5/market/time"), "public");
}

// -- the tables ---------------------------------------------------------------------------

TEST(BybitProtocol, SpotAndLinearTables) {
  auto spot = bybit::bybit_protocol(exchange::bybit_spot);
  auto linear = bybit::bybit_protocol(exchange::bybit_linear);
  EXPECT_EQ(spot.venue, exchange::bybit_spot);
  EXPECT_EQ(linear.venue, exchange::bybit_linear);
  for (auto* p : {&spot, &linear}) {
    EXPECT_TRUE(p->book_subscription && p->book_unsubscription
                && p->make_feed_decoder && p->private_subscription
                && p->private_after_auth && p->parse_private);
    EXPECT_EQ(p->heartbeat_text, R"({"op":"ping"})");
    EXPECT_FALSE(p->private_auth);
    EXPECT_FALSE(p->listen_key.has_value());
    EXPECT_TRUE(p->server_time && p->instruments && p->snapshot && p->ticker
                && p->place && p->cancel && p->lookup && p->amend
                && p->open_orders && p->recent_orders && p->balances
                && p->check_reply && p->is_already_set && p->parse_order
                && p->parse_orders && p->parse_balances && p->rate_group_of);
    EXPECT_EQ(p->rate_groups.size(), 3u);
    EXPECT_TRUE(p->budget_header.empty());
    EXPECT_FALSE(p->read_budget);
  }
  EXPECT_FALSE(spot.mark_subscription || spot.funding || spot.positions
               || spot.prepare_market || spot.funding_history);
  EXPECT_TRUE(linear.mark_subscription && linear.funding && linear.positions
              && linear.prepare_market && linear.funding_history
              && linear.parse_funding && linear.parse_positions);
  EXPECT_EQ(spot.snapshot("BTCUSDT").target,
            "/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=200");
  EXPECT_EQ(linear.funding("BTCUSDT").target,
            "/v5/market/tickers?category=linear&symbol=BTCUSDT");
  EXPECT_EQ(linear.lookup(creds(), ctx(), "BTCUSDT", "c1").target,
            "/v5/order/realtime?category=linear&symbol=BTCUSDT&orderLinkId=c1");
  EXPECT_THROW(bybit::bybit_protocol(exchange::binance_spot),
               std::invalid_argument);
  EXPECT_EQ(venue::protocol_for(exchange::bybit_linear).venue,
            exchange::bybit_linear);
}

TEST(BybitProtocol, WebSocketMessages) {
  auto spot = bybit::bybit_protocol(exchange::bybit_spot);
  std::vector<std::string> codes;
  for (int i = 0; i < 12; ++i)
    codes.push_back("C" + std::to_string(i) + "USDT");
  auto subs = spot.book_subscription(codes);
  ASSERT_EQ(subs.size(), 2u); // at most 10 args per message
  auto first = nlohmann::json::parse(subs[0]);
  EXPECT_EQ(first["op"], "subscribe");
  EXPECT_EQ(first["args"].size(), 10u);
  EXPECT_EQ(first["args"][0], "orderbook.50.C0USDT");
  EXPECT_EQ(nlohmann::json::parse(subs[1])["args"],
            (nlohmann::json{"orderbook.50.C10USDT", "orderbook.50.C11USDT"}));
  EXPECT_EQ(spot.book_unsubscription({"BTCUSDT"}),
            std::vector<std::string>{
              R"({"op":"unsubscribe","args":["orderbook.50.BTCUSDT"]})"});
  auto linear = bybit::bybit_protocol(exchange::bybit_linear);
  EXPECT_EQ(linear.mark_subscription({"BTCUSDT", "ETHUSDT"}),
            std::vector<std::string>{
              R"({"op":"subscribe","args":["tickers.BTCUSDT","tickers.ETHUSDT"]})"});
  EXPECT_EQ(spot.private_after_auth(),
            std::vector<std::string>{
              R"({"op":"subscribe","args":["order.spot","execution.spot","wallet"]})"});
  EXPECT_EQ(linear.private_after_auth(),
            std::vector<std::string>{
              R"({"op":"subscribe","args":["order.linear","execution.linear",)"
              R"("wallet","position.linear"]})"});
  auto login = linear.private_subscription(creds(), ctx());
  ASSERT_EQ(login.size(), 1u);
  auto msg = nlohmann::json::parse(login[0]);
  EXPECT_EQ(msg["op"], "auth");
  EXPECT_EQ(msg["args"][1].get<int64_t>(), now_ms + 10'000);
  EXPECT_EQ(msg["args"][2], bybit::sign_ws_auth(test_secret, now_ms + 10'000));
}
