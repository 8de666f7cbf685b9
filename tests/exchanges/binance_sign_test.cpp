// Binance signing: the official HMAC vectors of exchanges.md §8.1, and the
// exact targets, bodies and signatures of the request builders.

#include <gtest/gtest.h>

#include "exchanges/binance/order_params.hpp"
#include "exchanges/binance/sign.hpp"
#include "exchanges/binance/spot_endpoints.hpp"
#include "exchanges/binance/usdm_endpoints.hpp"
#include "exchanges/binance/ws_build.hpp"
#include "exchanges/common/crypto.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::header_of;

namespace {

// The official example key pair (exchanges.md §8.1).
constexpr const char* doc_key =
  "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
constexpr const char* doc_secret =
  "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
constexpr int64_t doc_ts = 1499827319559;

credentials doc_creds() {
  return credentials{doc_key, secret{doc_secret}, {}};
}

signing_context doc_ctx() {
  return signing_context{"", doc_ts};
}

binance::params doc_order() {
  return {{"symbol", "LTCBTC"}, {"side", "BUY"},     {"type", "LIMIT"},
          {"timeInForce", "GTC"}, {"quantity", "1"}, {"price", "0.1"}};
}

/// The text before "&signature=" and the signature after it.
std::pair<std::string, std::string> split_signed(const std::string& text) {
  auto at = text.rfind("&signature=");
  if (at == std::string::npos)
    return {};
  return {text.substr(0, at), text.substr(at + 11)};
}

/// The query of a GET/DELETE target.
std::string query_of(const http::request& r) {
  auto q = r.target.find('?');
  return q == std::string::npos ? "" : r.target.substr(q + 1);
}

instrument symbol_of(exchange venue, const char* code) {
  instrument x;
  x.venue = venue;
  x.venue_symbol = code;
  return x;
}

} // namespace

TEST(BinanceSign, OfficialVectorQueryOnly) {
  auto payload = binance::join_query(doc_order()) + "&recvWindow=5000&timestamp="
                 + std::to_string(doc_ts);
  EXPECT_EQ(binance::sign(doc_secret, payload),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST(BinanceSign, OfficialVectorQueryPlusBodyWithoutSeparator) {
  EXPECT_EQ(binance::sign(doc_secret,
                          "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
                          "quantity=1&price=0.1&recvWindow=5000&timestamp="
                          "1499827319559"),
            "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
}

TEST(BinanceSign, OfficialVectorPercentEncodedSymbol) {
  auto ps = doc_order();
  ps[0].second = "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95"
                 "\xEF\xBC\x96"; // "１２３４５６"
  auto req = binance::signed_request("POST", "/api/v3/order", ps, doc_creds(),
                                     doc_ctx());
  auto [signed_part, signature] = split_signed(req.body);
  EXPECT_EQ(signed_part,
            "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side="
            "BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow="
            "5000&timestamp=1499827319559");
  EXPECT_EQ(signature,
            "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
}

TEST(BinanceSign, SignedPostCarriesBodyKeyAndContentType) {
  auto req = binance::signed_request("POST", "/api/v3/order", doc_order(),
                                     doc_creds(), doc_ctx());
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/api/v3/order");
  EXPECT_EQ(req.body,
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price="
            "0.1&recvWindow=5000&timestamp=1499827319559&signature="
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  EXPECT_EQ(header_of(req, "X-MBX-APIKEY"), doc_key);
  EXPECT_EQ(header_of(req, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_FALSE(req.idempotent);
}

TEST(BinanceSign, SignedGetCarriesQueryAndCustomWindow) {
  auto req = binance::signed_request("GET", "/api/v3/openOrders",
                                     {{"symbol", "BTCUSDT"}}, doc_creds(),
                                     doc_ctx(), 10000);
  EXPECT_TRUE(req.body.empty());
  EXPECT_TRUE(req.idempotent);
  EXPECT_EQ(header_of(req, "Content-Type"), "");
  auto [signed_part, signature] = split_signed(query_of(req));
  EXPECT_EQ(signed_part,
            "symbol=BTCUSDT&recvWindow=10000&timestamp=1499827319559");
  EXPECT_EQ(signature, binance::sign(doc_secret, signed_part));
}

TEST(BinanceSign, PercentEncodingKeepsUnreservedOnly) {
  EXPECT_EQ(binance::percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(binance::percent_encode("a b&c=d/e+f"), "a%20b%26c%3Dd%2Fe%2Bf");
  EXPECT_EQ(binance::join_query({{"k y", "v&"}, {"x", ""}}), "k%20y=v%26&x=");
}

// -- spot endpoints -------------------------------------------------------------

TEST(BinanceSpotEndpoints, PublicTargets) {
  namespace s = binance::spot;
  EXPECT_EQ(s::server_time().target, "/api/v3/time");
  EXPECT_EQ(s::exchange_info().target, "/api/v3/exchangeInfo");
  EXPECT_EQ(s::depth("BTCUSDT").target, "/api/v3/depth?symbol=BTCUSDT&limit=1000");
  EXPECT_EQ(s::depth("BTCUSDT", 100).target,
            "/api/v3/depth?symbol=BTCUSDT&limit=100");
  EXPECT_EQ(s::ticker_24hr("BTCUSDT").target, "/api/v3/ticker/24hr?symbol=BTCUSDT");
  EXPECT_EQ(s::book_ticker("BTCUSDT").target,
            "/api/v3/ticker/bookTicker?symbol=BTCUSDT");
  EXPECT_EQ(s::recent_trades("BTCUSDT", 20).target,
            "/api/v3/trades?symbol=BTCUSDT&limit=20");
  auto t = s::server_time();
  EXPECT_EQ(t.method, "GET");
  EXPECT_TRUE(t.idempotent);
  EXPECT_TRUE(t.headers.empty());
}

TEST(BinanceSpotEndpoints, PlaceLimitExactBodyAndSignature) {
  order_request r;
  r.client_order_id = "karb-1";
  r.symbol = symbol_of(exchange::binance_spot, "LTCBTC");
  r.order_side = side::buy;
  r.type = order_type::limit;
  r.amount = dec("1");
  r.price = dec("0.1");
  auto req = binance::spot::place(doc_creds(), doc_ctx(), r);
  ASSERT_TRUE(req.ok()) << to_string(req.error());
  EXPECT_EQ(req->method, "POST");
  EXPECT_EQ(req->target, "/api/v3/order");
  EXPECT_FALSE(req->idempotent);
  // Signature computed independently (Python hmac) for this body.
  EXPECT_EQ(req->body,
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price="
            "0.1&newClientOrderId=karb-1&newOrderRespType=FULL&recvWindow=5000&"
            "timestamp=1499827319559&signature="
            "943f0d1f461f18839e0c7df1812e7137f72e998461da17543ac94acfda0d37a2");
}

TEST(BinanceSpotEndpoints, PlaceMarketVariants) {
  order_request r;
  r.client_order_id = "karb-3";
  r.symbol.venue = exchange::binance_spot;
  r.symbol.base = "btc";
  r.symbol.quote = "usdt";
  r.type = order_type::market;
  r.order_side = side::buy;
  r.quote_amount = true;
  r.price = dec("100.50");
  auto buy = binance::order_params(exchange::binance_spot, r);
  ASSERT_TRUE(buy.ok());
  EXPECT_EQ(binance::join_query(*buy),
            "symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=100.5&"
            "newClientOrderId=karb-3&newOrderRespType=FULL");
  r.order_side = side::sell;
  r.quote_amount = false;
  r.amount = dec("0.00150000");
  auto sell = binance::order_params(exchange::binance_spot, r);
  ASSERT_TRUE(sell.ok());
  EXPECT_EQ(binance::join_query(*sell),
            "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.0015&"
            "newClientOrderId=karb-3&newOrderRespType=FULL");
  r.type = order_type::fok;
  r.price = dec("65000");
  auto fok = binance::order_params(exchange::binance_spot, r);
  ASSERT_TRUE(fok.ok());
  EXPECT_EQ(binance::join_query(*fok),
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=FOK&quantity=0.0015&"
            "price=65000&newClientOrderId=karb-3&newOrderRespType=FULL");
}

TEST(BinanceSpotEndpoints, RefusesWhatTheVenueCannotTake) {
  order_request r;
  r.symbol = symbol_of(exchange::binance_spot, "BTCUSDT");
  r.client_order_id = "karb-4";
  r.amount = dec("1");
  r.price = dec("10");
  r.reduce_only = true;
  auto e = binance::spot::place(doc_creds(), doc_ctx(), r);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, venue_errc::bad_request);
  EXPECT_FALSE(e.error().from_venue);
  r.reduce_only = false;
  r.client_order_id = "has space";
  EXPECT_FALSE(binance::spot::place(doc_creds(), doc_ctx(), r).ok());
  r.client_order_id = "karb-4";
  r.price = {};
  EXPECT_FALSE(binance::spot::place(doc_creds(), doc_ctx(), r).ok());
}

TEST(BinanceSpotEndpoints, CancelLookupAndListsByClientId) {
  namespace s = binance::spot;
  auto cancel = s::cancel(doc_creds(), doc_ctx(), "LTCBTC", "karb-1");
  EXPECT_EQ(cancel.method, "DELETE");
  EXPECT_FALSE(cancel.idempotent);
  EXPECT_TRUE(cancel.body.empty());
  EXPECT_EQ(cancel.target,
            "/api/v3/order?symbol=LTCBTC&origClientOrderId=karb-1&recvWindow=5000&"
            "timestamp=1499827319559&signature="
            "867ab42127c8820545ca1e981d74a77c19c52898b47ebcd1318efbd9e8dbdecd");
  auto get = s::order_status(doc_creds(), doc_ctx(), "LTCBTC", "karb-1");
  EXPECT_EQ(get.method, "GET");
  EXPECT_TRUE(get.idempotent);
  EXPECT_EQ(query_of(get), query_of(cancel));
  auto prefix = [](const http::request& r) {
    return r.target.substr(0, r.target.find("&recvWindow"));
  };
  EXPECT_EQ(prefix(s::open_orders(doc_creds(), doc_ctx(), "LTCBTC")),
            "/api/v3/openOrders?symbol=LTCBTC");
  EXPECT_EQ(prefix(s::all_orders(doc_creds(), doc_ctx(), "LTCBTC")),
            "/api/v3/allOrders?symbol=LTCBTC&limit=50");
  EXPECT_EQ(prefix(s::my_trades(doc_creds(), doc_ctx(), "LTCBTC")),
            "/api/v3/myTrades?symbol=LTCBTC&limit=50");
  auto account = s::account(doc_creds(), doc_ctx());
  EXPECT_EQ(account.target.substr(0, account.target.find("&recvWindow")),
            "/api/v3/account?omitZeroBalances=true");
  for (auto& req : {cancel, get, account}) {
    auto [signed_part, signature] = split_signed(query_of(req));
    EXPECT_EQ(signature, binance::sign(doc_secret, signed_part));
    EXPECT_EQ(header_of(req, "X-MBX-APIKEY"), doc_key);
  }
}

// -- USD-M endpoints ------------------------------------------------------------

TEST(BinanceUsdmEndpoints, PublicTargets) {
  namespace u = binance::usdm;
  EXPECT_EQ(u::server_time().target, "/fapi/v1/time");
  EXPECT_EQ(u::exchange_info().target, "/fapi/v1/exchangeInfo");
  EXPECT_EQ(u::depth("BTCUSDT").target, "/fapi/v1/depth?symbol=BTCUSDT&limit=1000");
  EXPECT_EQ(u::book_ticker("BTCUSDT").target,
            "/fapi/v1/ticker/bookTicker?symbol=BTCUSDT");
  EXPECT_EQ(u::ticker_24hr("BTCUSDT").target, "/fapi/v1/ticker/24hr?symbol=BTCUSDT");
  EXPECT_EQ(u::premium_index("BTCUSDT").target,
            "/fapi/v1/premiumIndex?symbol=BTCUSDT");
  EXPECT_EQ(u::funding_rate_history("BTCUSDT").target,
            "/fapi/v1/fundingRate?symbol=BTCUSDT&limit=100");
}

TEST(BinanceUsdmEndpoints, PlaceReduceOnlyIocExactBody) {
  order_request r;
  r.client_order_id = "karb-2";
  r.symbol = symbol_of(exchange::binance_usdm, "BTCUSDT");
  r.order_side = side::sell;
  r.type = order_type::ioc;
  r.amount = dec("0.002");
  r.price = dec("65000.50");
  r.reduce_only = true;
  auto req = binance::usdm::place(doc_creds(), doc_ctx(), r);
  ASSERT_TRUE(req.ok()) << to_string(req.error());
  EXPECT_EQ(req->target, "/fapi/v1/order");
  EXPECT_FALSE(req->idempotent);
  EXPECT_EQ(req->body,
            "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.002&"
            "price=65000.5&reduceOnly=true&newClientOrderId=karb-2&"
            "newOrderRespType=RESULT&recvWindow=5000&timestamp=1499827319559&"
            "signature=4d9f07114eed268455f7cc0b461f8a382cdc2d190017f01be4fcb3c7bb61efb7");
}

TEST(BinanceUsdmEndpoints, RefusesQuoteSizedMarketBuy) {
  order_request r;
  r.symbol = symbol_of(exchange::binance_usdm, "BTCUSDT");
  r.type = order_type::market;
  r.quote_amount = true;
  r.price = dec("100");
  auto e = binance::usdm::place(doc_creds(), doc_ctx(), r);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, venue_errc::bad_request);
  EXPECT_EQ(e.error().name, "quote_amount_usdm");
  EXPECT_FALSE(e.error().from_venue);
}

TEST(BinanceUsdmEndpoints, AccountSetupAndListenKey) {
  namespace u = binance::usdm;
  auto body_prefix = [](const http::request& r) {
    return r.body.substr(0, r.body.find("&recvWindow"));
  };
  auto target_prefix = [](const http::request& r) {
    return r.target.substr(0, r.target.find("&recvWindow"));
  };
  auto lev = u::set_leverage(doc_creds(), doc_ctx(), "BTCUSDT", 3);
  EXPECT_EQ(lev.target, "/fapi/v1/leverage");
  EXPECT_EQ(body_prefix(lev), "symbol=BTCUSDT&leverage=3");
  auto margin = u::set_margin_type(doc_creds(), doc_ctx(), "BTCUSDT", true);
  EXPECT_EQ(margin.target, "/fapi/v1/marginType");
  EXPECT_EQ(body_prefix(margin), "symbol=BTCUSDT&marginType=ISOLATED");
  EXPECT_EQ(body_prefix(u::set_margin_type(doc_creds(), doc_ctx(), "BTCUSDT",
                                           false)),
            "symbol=BTCUSDT&marginType=CROSSED");
  auto mode = u::set_one_way_mode(doc_creds(), doc_ctx());
  EXPECT_EQ(mode.target, "/fapi/v1/positionSide/dual");
  EXPECT_EQ(body_prefix(mode), "dualSidePosition=false");
  for (auto& req : {lev, margin, mode}) {
    EXPECT_EQ(req.method, "POST");
    EXPECT_FALSE(req.idempotent);
    auto [signed_part, signature] = split_signed(req.body);
    EXPECT_EQ(signature, binance::sign(doc_secret, signed_part));
  }
  auto risk = u::position_risk(doc_creds(), doc_ctx());
  EXPECT_EQ(risk.target.substr(0, risk.target.find('?')), "/fapi/v3/positionRisk");
  EXPECT_EQ(split_signed(query_of(risk)).first,
            "recvWindow=5000&timestamp=1499827319559");
  auto bal = u::balance(doc_creds(), doc_ctx());
  EXPECT_EQ(bal.target.substr(0, bal.target.find('?')), "/fapi/v3/balance");
  EXPECT_EQ(split_signed(query_of(bal)).first,
            "recvWindow=5000&timestamp=1499827319559");
  EXPECT_EQ(target_prefix(u::cancel(doc_creds(), doc_ctx(), "BTCUSDT", "k-1")),
            "/fapi/v1/order?symbol=BTCUSDT&origClientOrderId=k-1");
  EXPECT_EQ(target_prefix(u::all_orders(doc_creds(), doc_ctx(), "BTCUSDT")),
            "/fapi/v1/allOrders?symbol=BTCUSDT&limit=50");
  auto create = u::create_listen_key(doc_creds());
  EXPECT_EQ(create.method, "POST");
  EXPECT_EQ(create.target, "/fapi/v1/listenKey");
  EXPECT_TRUE(create.body.empty());
  EXPECT_EQ(header_of(create, "X-MBX-APIKEY"), doc_key);
  auto keep = u::keepalive_listen_key(doc_creds());
  EXPECT_EQ(keep.method, "PUT");
  EXPECT_EQ(keep.target, "/fapi/v1/listenKey");
}

// -- WebSocket messages ---------------------------------------------------------

TEST(BinanceWsBuild, SubscribeMessages) {
  auto spot = binance::book_subscription({"BTCUSDT", "ETHUSDT"});
  ASSERT_EQ(spot.size(), 1u);
  EXPECT_EQ(spot[0], R"({"method":"SUBSCRIBE","params":["btcusdt@depth@100ms",)"
                     R"("ethusdt@depth@100ms"],"id":1})");
  auto marks = binance::mark_subscription({"BTCUSDT"});
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0], R"({"method":"SUBSCRIBE","params":["btcusdt@markPrice@1s"],"id":2})");
}

TEST(BinanceWsBuild, UserStreamSubscriptionIsSignedOverSortedParams) {
  signing_context ctx{"6f5570df-d8bc-4daf-85b4-976733feb624", doc_ts};
  auto msg = binance::user_stream_subscription(doc_creds(), ctx);
  // Signature computed independently (Python hmac) over
  // "apiKey=<key>&recvWindow=5000&timestamp=1499827319559".
  EXPECT_EQ(msg, std::string{R"({"id":"6f5570df-d8bc-4daf-85b4-976733feb624",)"}
                   + R"("method":"userDataStream.subscribe.signature",)"
                   + R"("params":{"apiKey":")" + doc_key
                   + R"(","recvWindow":5000,"timestamp":1499827319559,)"
                   + R"("signature":"e272787f858fe175d42f29d9b855d65a49dddfccb3f79f6ff5f8827b5208545d"}})");
}
