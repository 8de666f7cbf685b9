// OKX REST replies: every rest_*.json fixture through its parser, fields
// compared with the fixture text, and the error mapping (sCode in data[]
// decides for orders).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/okx/account_parse.hpp"
#include "exchanges/okx/errors.hpp"
#include "exchanges/okx/market_parse.hpp"
#include "exchanges/okx/order_parse.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;

namespace {

/// A fixture value with more than eight decimals, as karb reads it.
decimal rounded(std::string_view text) {
  return decimal::parse(text).value();
}

constexpr int64_t ms = 1'000'000;

venue::contract_size_fn test_sizes() {
  return [](std::string_view id) -> std::optional<decimal> {
    if (id == "BTC-USDT-SWAP")
      return dec("0.01");
    if (id == "ETH-USDT-SWAP")
      return dec("0.1");
    return std::nullopt;
  };
}

http::response reply(int status, std::string body) {
  return http::response{status, {}, std::move(body)};
}

} // namespace

TEST(OkxParse, ServerTime) {
  auto t = okx::parse_server_time(
    R"({"code":"0","msg":"","data":[{"ts":"1597026383085"}]})");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(*t, 1597026383085);
  EXPECT_FALSE(okx::parse_server_time(R"({"code":"0","data":[]})"));
}

TEST(OkxParse, SpotInstruments) {
  auto specs = okx::parse_instruments(
    fixture("okx/rest_instruments_SPOT_excerpt.json"), exchange::okx_spot);
  ASSERT_TRUE(specs) << specs.error().message;
  ASSERT_EQ(specs->items.size(), 2u);
  auto& btc = specs->items[0];
  EXPECT_EQ(btc.symbol, (instrument{exchange::okx_spot, "BTC", "USDT",
                                    "BTC-USDT", contract_type::spot}));
  EXPECT_EQ(btc.tick, dec("0.1"));
  EXPECT_EQ(btc.lot, dec("0.00000001"));
  EXPECT_EQ(btc.min_qty, dec("0.00001"));
  EXPECT_EQ(btc.max_qty, dec("9999999999"));
  EXPECT_EQ(btc.contract_size, dec("1"));
  EXPECT_TRUE(btc.trading);
  auto& eth = specs->items[1];
  EXPECT_EQ(eth.symbol.venue_symbol, "ETH-USDT");
  EXPECT_EQ(eth.tick, dec("0.01"));
  EXPECT_EQ(eth.lot, dec("0.000001"));
  EXPECT_EQ(eth.min_qty, dec("0.001"));
  EXPECT_EQ(eth.max_qty, decimal{}); // 999999999999: beyond range, none
}

TEST(OkxParse, SwapInstrumentsInBaseUnits) {
  auto specs = okx::parse_instruments(
    fixture("okx/rest_instruments_SWAP_excerpt.json"), exchange::okx_swap);
  ASSERT_TRUE(specs) << specs.error().message;
  ASSERT_EQ(specs->items.size(), 2u); // BTC-USD-SWAP is inverse: not this venue's
  auto& btc = specs->items[0];
  EXPECT_EQ(btc.symbol, (instrument{exchange::okx_swap, "BTC", "USDT",
                                    "BTC-USDT-SWAP",
                                    contract_type::perpetual}));
  EXPECT_EQ(btc.contract_size, dec("0.01"));
  EXPECT_EQ(btc.tick, dec("0.1"));
  EXPECT_EQ(btc.lot, dec("0.01"));     // lotSz 1 contract
  EXPECT_EQ(btc.min_qty, dec("0.01")); // minSz 1 contract
  EXPECT_EQ(btc.max_qty, dec("1000000")); // maxLmtSz 100000000 x 0.01
  EXPECT_TRUE(btc.trading);
  auto& eth = specs->items[1];
  EXPECT_EQ(eth.symbol.base, "ETH");
  EXPECT_EQ(eth.contract_size, dec("0.1"));
  EXPECT_EQ(eth.tick, dec("0.01"));
  EXPECT_EQ(eth.lot, dec("0.1"));
}

TEST(OkxParse, Books) {
  auto b = okx::parse_books(fixture("okx/rest_books_docs_example.json"),
                            exchange::okx_spot);
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->asks.size(), 1u);
  ASSERT_EQ(b->bids.size(), 1u);
  EXPECT_EQ(b->asks[0], (price_level{dec("41006.8"), dec("0.60038921")}));
  EXPECT_EQ(b->bids[0], (price_level{dec("41006.3"), dec("0.30178218")}));
  EXPECT_EQ(b->ts_event_ns, 1629966436396 * ms);
  EXPECT_EQ(b->symbol.venue, exchange::okx_spot);
}

TEST(OkxParse, Ticker) {
  auto body = R"({"code":"0","msg":"","data":[{"instType":"SWAP",)"
              R"("instId":"BTC-USDT-SWAP","last":"65000.1","vol24h":"2000",)"
              R"("volCcy24h":"20","ts":"1597026383085"}]})";
  auto t = okx::parse_ticker(body, exchange::okx_swap);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->symbol.venue_symbol, "BTC-USDT-SWAP");
  EXPECT_EQ(t->symbol.base, "BTC");
  EXPECT_EQ(t->last_price, dec("65000.1"));
  EXPECT_EQ(t->volume_24h, dec("20")); // base units, not contracts
  auto spot = okx::parse_ticker(body, exchange::okx_spot);
  ASSERT_TRUE(spot);
  EXPECT_EQ(spot->volume_24h, dec("2000"));
}

TEST(OkxParse, FundingRate) {
  auto f = okx::parse_funding(fixture("okx/rest_funding_rate_docs_example.json"));
  ASSERT_TRUE(f) << f.error().message;
  auto& [rate, mark] = *f;
  EXPECT_EQ(rate.venue, exchange::okx_swap);
  EXPECT_EQ(rate.symbol, "BTC-USDT-SWAP");
  EXPECT_EQ(rate.rate, rounded("0.0000182221218054"));
  EXPECT_EQ(rate.next_funding_ns, 1743609600000 * ms);
  EXPECT_EQ(rate.funding_interval_s, (1743638400000 - 1743609600000) / 1000);
  EXPECT_EQ(rate.ts_ns, 1743588686291 * ms);
  EXPECT_FALSE(rate.has_predicted); // nextFundingRate ""
  EXPECT_EQ(mark.symbol.venue_symbol, "BTC-USDT-SWAP");
  EXPECT_EQ(mark.mark, decimal{}); // the reply has no mark price
}

TEST(OkxParse, FundingHistoryOldestFirst) {
  auto h = okx::parse_funding_history(
    fixture("okx/rest_funding_rate_history_docs_example.json"));
  ASSERT_TRUE(h) << h.error().message;
  ASSERT_EQ(h->items.size(), 2u);
  EXPECT_EQ(h->items[0].ts_ns, 1703030400000 * ms);
  EXPECT_EQ(h->items[0].rate, rounded("0.0002279755647389"));
  EXPECT_EQ(h->items[0].funding_interval_s, 8 * 3600);
  EXPECT_EQ(h->items[1].ts_ns, 1703059200000 * ms);
  EXPECT_EQ(h->items[1].rate, rounded("0.0000746572360545"));
  EXPECT_EQ(h->items[1].funding_interval_s, 28800);
  EXPECT_EQ(h->items[1].symbol, "BTC-USD-SWAP");
}

TEST(OkxParse, MarkPriceReplyIsNotAnOrderOrBook) {
  // rest_mark_price: no call of the table reads it; it must not pass as
  // a books reply.
  EXPECT_FALSE(okx::parse_books(fixture("okx/rest_mark_price_docs_example.json"),
                                exchange::okx_swap));
}

TEST(OkxParse, OrderDetailsSpotMarketBuyByQuote) {
  auto s = okx::parse_order(fixture("okx/rest_order_details_docs_example.json"),
                            exchange::okx_spot, {});
  ASSERT_TRUE(s) << s.error().message;
  auto& o = s->o;
  EXPECT_EQ(o.id, "680800019749904384");
  EXPECT_EQ(o.client_order_id, "");
  EXPECT_EQ(o.symbol, (instrument{exchange::okx_spot, "BTC", "USDT",
                                  "BTC-USDT", contract_type::spot}));
  EXPECT_EQ(o.order_side, side::buy);
  EXPECT_EQ(o.type, order_type::market);
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.amount, decimal{});
  EXPECT_TRUE(o.has_price);
  EXPECT_EQ(o.price, dec("100")); // tgtCcy quote_ccy: sz is USDT
  EXPECT_EQ(o.filled, dec("0.00192834"));
  EXPECT_TRUE(o.has_average_price);
  EXPECT_EQ(o.average_price, dec("51858"));
  EXPECT_TRUE(o.has_fee);
  EXPECT_EQ(o.fee, rounded("0.00000192834")); // -fee: paid
  EXPECT_EQ(o.ts_ns, 1708587373362 * ms);
  EXPECT_EQ(s->venue_state, "filled");
  EXPECT_EQ(s->venue_type, "market");
  ASSERT_EQ(s->fills.size(), 1u);
  EXPECT_EQ(s->fills[0].trade_id, "744876980");
  EXPECT_EQ(s->fills[0].price, dec("51858"));
  EXPECT_EQ(s->fills[0].volume, dec("0.00192834"));
  EXPECT_EQ(s->fills[0].fee_currency, "BTC");
  EXPECT_EQ(s->fills[0].ts_event_ns, 1708587373361 * ms);
}

TEST(OkxParse, SwapOrderSizesInBaseUnits) {
  auto doc = nlohmann::json::parse(
    fixture("okx/rest_order_details_docs_example.json"));
  auto& d = doc["data"][0];
  d["instId"] = "BTC-USDT-SWAP";
  d["instType"] = "SWAP";
  d["ordType"] = "limit";
  d["px"] = "51000";
  d["sz"] = "250";
  d["accFillSz"] = "100";
  d["fillSz"] = "100";
  d["state"] = "partially_filled";
  d["clOrdId"] = "Ksx1abcx1D0D1";
  auto s = okx::parse_order(doc.dump(), exchange::okx_swap, test_sizes());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->o.client_order_id, "karb-sx1abcx1-0-1");
  EXPECT_EQ(s->o.amount, dec("2.5"));
  EXPECT_EQ(s->o.filled, dec("1"));
  EXPECT_EQ(s->o.remaining, dec("1.5"));
  EXPECT_EQ(s->o.price, dec("51000"));
  EXPECT_EQ(s->o.status, order_status::partially_filled);
  EXPECT_EQ(s->o.symbol.contract, contract_type::perpetual);
  ASSERT_EQ(s->fills.size(), 1u);
  EXPECT_EQ(s->fills[0].volume, dec("1"));
  d["instId"] = "SOL-USDT-SWAP"; // size unknown: an error, never 1
  auto unknown = okx::parse_order(doc.dump(), exchange::okx_swap,
                                  test_sizes());
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("SOL-USDT-SWAP"), std::string::npos);
}

TEST(OkxParse, StatesAndTypes) {
  EXPECT_EQ(okx::map_state("live", {}, dec("1")), order_status::open);
  EXPECT_EQ(okx::map_state("partially_filled", dec("0.5"), dec("1")),
            order_status::partially_filled);
  EXPECT_EQ(okx::map_state("filled", dec("1"), dec("1")),
            order_status::filled);
  EXPECT_EQ(okx::map_state("canceled", dec("0.5"), dec("1")),
            order_status::cancelled);
  EXPECT_EQ(okx::map_state("mmp_canceled", {}, dec("1")),
            order_status::cancelled);
  EXPECT_EQ(okx::map_state("canceled", dec("1"), dec("1")),
            order_status::filled);
  EXPECT_EQ(okx::map_state("weird", {}, {}), std::nullopt);
  EXPECT_EQ(okx::map_type("optimal_limit_ioc"), order_type::ioc);
  EXPECT_EQ(okx::map_type("fok"), order_type::fok);
  EXPECT_EQ(okx::map_type("post_only"), order_type::limit);
}

TEST(OkxParse, PlaceAndCancelAcknowledgements) {
  auto placed = okx::parse_order(
    fixture("okx/rest_place_order_docs_example.json"), exchange::okx_spot, {});
  ASSERT_TRUE(placed) << placed.error().message;
  EXPECT_EQ(placed->o.id, "312269865356374016");
  EXPECT_EQ(placed->o.client_order_id, "oktswap6");
  EXPECT_EQ(placed->o.status, order_status::open);
  EXPECT_EQ(placed->o.filled, decimal{});
  EXPECT_EQ(placed->o.ts_ns, 1695190491421 * ms);
  auto cancelled = okx::parse_order(
    fixture("okx/rest_cancel_order_docs_example.json"), exchange::okx_swap,
    {});
  ASSERT_TRUE(cancelled) << cancelled.error().message;
  EXPECT_EQ(cancelled->o.id, "12345689");
  EXPECT_EQ(cancelled->o.status, order_status::open); // the lookup tells
  EXPECT_FALSE(okx::check_reply(
    reply(200, fixture("okx/rest_place_order_docs_example.json"))));
  EXPECT_FALSE(okx::check_reply(
    reply(200, fixture("okx/rest_cancel_order_docs_example.json"))));
}

TEST(OkxParse, OrdersList) {
  auto one = nlohmann::json::parse(
    fixture("okx/rest_order_details_docs_example.json"));
  one["data"].push_back(one["data"][0]);
  one["data"][1]["ordId"] = "2";
  one["data"][1]["state"] = "live";
  one["data"][1]["accFillSz"] = "0";
  one["data"][1]["tgtCcy"] = "";
  one["data"][1]["ordType"] = "limit";
  one["data"][1]["px"] = "50000";
  one["data"][1]["sz"] = "0.01";
  auto list = okx::parse_orders(one.dump(), exchange::okx_spot, {});
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[1].o.id, "2");
  EXPECT_EQ(list->items[1].o.status, order_status::open);
  EXPECT_EQ(list->items[1].o.amount, dec("0.01"));
  EXPECT_EQ(list->items[1].o.remaining, dec("0.01"));
  EXPECT_EQ(list->items[1].o.price, dec("50000"));
}

TEST(OkxParse, Balances) {
  auto b = okx::parse_balances(
    fixture("okx/rest_account_balance_docs_example.json"), exchange::okx_spot);
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_EQ(b->items.size(), 1u);
  auto& usdt = b->items[0];
  EXPECT_EQ(usdt.venue, exchange::okx_spot);
  EXPECT_EQ(usdt.currency, "USDT");
  EXPECT_EQ(usdt.free, rounded("4834.317093622894"));
  EXPECT_EQ(usdt.used, dec("158.573"));
  EXPECT_EQ(usdt.total, rounded("4850.435693622894"));
  EXPECT_EQ(usdt.ts_ns, 1705449605015 * ms);
}

TEST(OkxParse, Positions) {
  auto text = fixture("okx/rest_account_positions_docs_example.json");
  auto margin = okx::parse_positions(text, test_sizes());
  ASSERT_TRUE(margin) << margin.error().message;
  EXPECT_TRUE(margin->items.empty()); // instType MARGIN: not this venue's
  auto doc = nlohmann::json::parse(text);
  doc["data"][0]["instType"] = "SWAP";
  doc["data"][0]["instId"] = "BTC-USDT-SWAP";
  doc["data"][0]["pos"] = "-3";
  auto p = okx::parse_positions(doc.dump(), test_sizes());
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_EQ(p->items.size(), 1u);
  auto& x = p->items[0];
  EXPECT_EQ(x.symbol.venue_symbol, "BTC-USDT-SWAP");
  EXPECT_EQ(x.position_side, side::sell);
  EXPECT_EQ(x.amount, dec("0.03"));
  EXPECT_EQ(x.entry_price, dec("62961.4"));
  EXPECT_EQ(x.mark_price, dec("62891.9"));
  EXPECT_EQ(x.liquidation_price, rounded("53615.448336593756"));
  EXPECT_EQ(x.unrealized_pnl, rounded("-0.0000033452492717"));
  EXPECT_EQ(x.margin, rounded("0.000317654"));
  EXPECT_DOUBLE_EQ(x.leverage, 5.0);
  EXPECT_EQ(x.ts_ns, 1724742632153 * ms);
  doc["data"][0]["pos"] = "0";
  EXPECT_TRUE(okx::parse_positions(doc.dump(), test_sizes())->items.empty());
}

TEST(OkxErrors, TopLevelCodes) {
  auto e = okx::check_reply(
    reply(200, R"({"code":"51001","msg":"Instrument ID does not exist","data":[]})"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, venue_errc::unknown_market);
  EXPECT_EQ(e->name, "51001");
  EXPECT_EQ(e->message, "Instrument ID does not exist");
  EXPECT_TRUE(e->from_venue);
  EXPECT_TRUE(refuses_order(*e));
  auto auth = okx::check_reply(
    reply(401, R"({"code":"50113","msg":"Invalid Sign","data":[]})"));
  ASSERT_TRUE(auth);
  EXPECT_EQ(auth->code, venue_errc::auth);
  auto busy = okx::check_reply(
    reply(429, R"({"code":"50013","msg":"Systems are busy","data":[]})"));
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->code, venue_errc::rate_limited);
  auto limit = okx::check_reply(
    reply(200, R"({"code":"50011","msg":"Rate limit reached","data":[]})"));
  EXPECT_EQ(limit->code, venue_errc::rate_limited);
  auto timeout = okx::check_reply(
    reply(200, R"({"code":"50004","msg":"Endpoint request timeout","data":[]})"));
  EXPECT_EQ(timeout->code, venue_errc::server_error);
  EXPECT_FALSE(refuses_order(*timeout)); // status unknown
  auto other = okx::check_reply(
    reply(200, R"({"code":"51000","msg":"Parameter sz error","data":[]})"));
  EXPECT_EQ(other->code, venue_errc::bad_request);
}

TEST(OkxErrors, PerItemCodeDecides) {
  auto e = okx::check_reply(reply(
    200, R"({"code":"1","msg":"All operations failed","data":[{"clOrdId":"",)"
         R"("ordId":"","sCode":"51008","sMsg":"Order failed. Insufficient )"
         R"(USDT balance in account.","tag":""}],"inTime":"1","outTime":"2"})"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, venue_errc::insufficient_funds);
  EXPECT_EQ(e->name, "51008");
  EXPECT_NE(e->message.find("Insufficient"), std::string::npos);
  EXPECT_TRUE(refuses_order(*e));
  auto gone = okx::check_reply(reply(
    200, R"({"code":"1","msg":"","data":[{"ordId":"1","sCode":"51400",)"
         R"("sMsg":"Cancellation failed"}]})"));
  EXPECT_EQ(gone->code, venue_errc::unknown_order);
  auto dup = okx::check_reply(reply(
    200, R"({"code":"1","msg":"","data":[{"sCode":"51016","sMsg":"dup"}]})"));
  EXPECT_EQ(dup->code, venue_errc::duplicate_client_id);
  EXPECT_FALSE(refuses_order(*dup));
}

TEST(OkxErrors, GatewayPagesNeverRefuse) {
  auto html = okx::check_reply(reply(502, "<html>Bad Gateway</html>"));
  ASSERT_TRUE(html);
  EXPECT_EQ(html->code, venue_errc::server_error);
  EXPECT_FALSE(html->from_venue);
  EXPECT_FALSE(refuses_order(*html));
  auto body5xx = okx::check_reply(
    reply(503, R"({"code":"50001","msg":"Service temporarily unavailable"})"));
  EXPECT_EQ(body5xx->code, venue_errc::server_error);
  EXPECT_FALSE(body5xx->from_venue);
  auto waf = okx::check_reply(reply(403, "forbidden"));
  EXPECT_EQ(waf->code, venue_errc::blocked);
  EXPECT_FALSE(waf->from_venue);
  auto empty = okx::check_reply(reply(200, ""));
  ASSERT_TRUE(empty);
  EXPECT_FALSE(refuses_order(*empty));
}

TEST(OkxErrors, AlreadySet) {
  venue_error e{venue_errc::bad_request, 200, "59000", "Settings failed",
                true};
  EXPECT_TRUE(okx::is_already_set(e));
  e.name = "51000";
  EXPECT_FALSE(okx::is_already_set(e));
  e.name = "59000";
  e.from_venue = false;
  EXPECT_FALSE(okx::is_already_set(e));
}
