// Binance REST replies: every REST fixture of binance_spot/ and
// binance_usdm/ parsed with its fields checked, plus the order objects of
// the docs and the status mapping.

#include <gtest/gtest.h>

#include "exchanges/binance/account_parse.hpp"
#include "exchanges/binance/instruments_parse.hpp"
#include "exchanges/binance/market_parse.hpp"
#include "exchanges/binance/order_parse.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;

namespace {

constexpr int64_t ms = 1'000'000;

} // namespace

// -- market data ------------------------------------------------------------------

TEST(BinanceParse, ServerTime) {
  auto t = binance::parse_server_time(R"({"serverTime":1499827319559})");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, 1499827319559);
  EXPECT_FALSE(binance::parse_server_time(R"({"time":1})").ok());
  EXPECT_FALSE(binance::parse_server_time("<html>").ok());
}

TEST(BinanceParse, SpotDepthSnapshot) {
  auto b = binance::parse_depth(
    fixture("binance_spot/rest_depth_NKNUSDT_limit1000.json"),
    exchange::binance_spot);
  ASSERT_TRUE(b.ok()) << to_string(b.error());
  EXPECT_EQ(b->sequence, 499869752);
  EXPECT_EQ(b->symbol.venue, exchange::binance_spot);
  EXPECT_EQ(b->ts_event_ns, 0);
  ASSERT_FALSE(b->bids.empty());
  ASSERT_FALSE(b->asks.empty());
  EXPECT_EQ(b->bids[0].price, dec("0.3521"));
  EXPECT_EQ(b->bids[0].volume, dec("672"));
  EXPECT_EQ(b->bids[1].price, dec("0.352"));
  EXPECT_LT(b->bids[0].price, b->asks[0].price);
  for (size_t i = 1; i < b->bids.size(); ++i)
    EXPECT_LT(b->bids[i].price, b->bids[i - 1].price);
  for (size_t i = 1; i < b->asks.size(); ++i)
    EXPECT_GT(b->asks[i].price, b->asks[i - 1].price);
}

TEST(BinanceParse, UsdmDepthSnapshots) {
  auto b = binance::parse_depth(
    fixture("binance_usdm/rest_depth_SUSHIUSDT_limit1000.json"),
    exchange::binance_usdm);
  ASSERT_TRUE(b.ok()) << to_string(b.error());
  EXPECT_EQ(b->sequence, 600859605926);
  EXPECT_EQ(b->ts_event_ns, 1626992741264 * ms);
  EXPECT_EQ(b->symbol.contract, contract_type::perpetual);
  EXPECT_EQ(b->bids[0].price, dec("7.611"));
  EXPECT_EQ(b->bids[0].volume, dec("6"));
  auto docs = binance::parse_depth(
    fixture("binance_usdm/rest_depth_docs_example.json"), exchange::binance_usdm);
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(docs->sequence, 1027024);
  ASSERT_EQ(docs->bids.size(), 1u);
  ASSERT_EQ(docs->asks.size(), 1u);
  EXPECT_EQ(docs->bids[0].price, dec("4"));
  EXPECT_EQ(docs->bids[0].volume, dec("431"));
  EXPECT_EQ(docs->asks[0].price, dec("4.000002"));
  EXPECT_EQ(docs->asks[0].volume, dec("12"));
  EXPECT_FALSE(binance::parse_depth(R"({"lastUpdateId":1,"bids":[["x","1"]],"asks":[]})",
                                    exchange::binance_spot)
                 .ok());
  EXPECT_FALSE(binance::parse_depth(R"({"lastUpdateId":1,"bids":[]})",
                                    exchange::binance_spot)
                 .ok());
}

// The fixture named rest_new_order_FULL_docs_example.json holds the docs'
// 24hr ticker example (BNBBTC, lastPrice, volume), not an order reply.
TEST(BinanceParse, Ticker24hr) {
  auto t = binance::parse_ticker_24hr(
    fixture("binance_spot/rest_new_order_FULL_docs_example.json"),
    exchange::binance_spot);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  EXPECT_EQ(t->symbol.venue_symbol, "BNBBTC");
  EXPECT_EQ(t->symbol.venue, exchange::binance_spot);
  EXPECT_EQ(t->last_price, dec("4.000002"));
  EXPECT_EQ(t->volume_24h, dec("8913.3"));
  EXPECT_EQ(t->ts_event_ns, 1499869899040 * ms);
}

TEST(BinanceParse, BookTickerGivesTheMid) {
  auto t = binance::parse_book_ticker(
    R"({"symbol":"BTCUSDT","bidPrice":"100.00","bidQty":"1","askPrice":"100.02",)"
    R"("askQty":"2","time":1589437530011})",
    exchange::binance_usdm);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->last_price, dec("100.01"));
  EXPECT_EQ(t->ts_event_ns, 1589437530011 * ms);
  EXPECT_EQ(t->symbol.contract, contract_type::perpetual);
}

TEST(BinanceParse, PremiumIndex) {
  auto r = binance::parse_premium_index(
    fixture("binance_usdm/rest_premiumIndex_docs_example.json"));
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  auto& [f, m] = *r;
  EXPECT_EQ(f.venue, exchange::binance_usdm);
  EXPECT_EQ(f.symbol, "BTCUSDT");
  EXPECT_EQ(f.rate, dec("0.00038246"));
  EXPECT_EQ(f.next_funding_ns, 1597392000000 * ms);
  EXPECT_EQ(f.ts_ns, 1597370495002 * ms);
  EXPECT_EQ(f.funding_interval_s, 8 * 3600);
  EXPECT_EQ(m.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(m.mark, dec("11793.63104562"));
  EXPECT_EQ(m.index, dec("11781.8049597"));
  EXPECT_EQ(m.ts_event_ns, 1597370495002 * ms);
}

TEST(BinanceParse, FundingHistory) {
  auto r = binance::parse_funding_history(
    fixture("binance_usdm/rest_fundingRate_history_docs_example.json"));
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].rate, dec("-0.0375"));
  EXPECT_EQ(r->items[0].ts_ns, 1570608000000 * ms);
  EXPECT_EQ(r->items[0].funding_interval_s, 8 * 3600);
  EXPECT_EQ(r->items[1].rate, dec("0.0001"));
  EXPECT_EQ(r->items[1].funding_interval_s, 28800); // gap between the two
  EXPECT_EQ(r->items[1].symbol, "BTCUSDT");
  EXPECT_FALSE(binance::parse_funding_history("{}").ok());
}

// -- exchangeInfo -----------------------------------------------------------------

TEST(BinanceParse, SpotExchangeInfo) {
  auto r = binance::parse_exchange_info(
    fixture("binance_spot/rest_exchangeInfo_excerpt_2021.json"),
    exchange::binance_spot);
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 2u);
  auto& btc = r->items[0];
  EXPECT_EQ(btc.symbol.venue, exchange::binance_spot);
  EXPECT_EQ(btc.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(btc.symbol.base, "BTC");
  EXPECT_EQ(btc.symbol.quote, "USDT");
  EXPECT_EQ(btc.symbol.contract, contract_type::spot);
  EXPECT_EQ(btc.tick, dec("0.01"));
  EXPECT_EQ(btc.lot, dec("0.00001"));
  EXPECT_EQ(btc.min_qty, dec("0.00001"));
  EXPECT_EQ(btc.max_qty, dec("9000"));
  EXPECT_EQ(btc.min_notional, dec("10"));
  EXPECT_EQ(btc.contract_size, dec("1"));
  EXPECT_TRUE(btc.trading);
  auto& nkn = r->items[1];
  EXPECT_EQ(nkn.symbol.venue_symbol, "NKNUSDT");
  EXPECT_EQ(nkn.tick, dec("0.0001"));
  EXPECT_EQ(nkn.lot, dec("1"));
  EXPECT_EQ(nkn.min_qty, dec("1"));
  EXPECT_EQ(nkn.max_qty, dec("9000000"));
}

TEST(BinanceParse, SpotExchangeInfoNotionalFilterAndStatus) {
  auto r = binance::parse_exchange_info(
    R"({"symbols":[{"symbol":"ETHBTC","status":"BREAK","baseAsset":"ETH",)"
    R"("quoteAsset":"BTC","filters":[{"filterType":"NOTIONAL",)"
    R"("minNotional":"0.0001","applyMinToMarket":true}]}]})",
    exchange::binance_spot);
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].min_notional, dec("0.0001"));
  EXPECT_FALSE(r->items[0].trading);
  auto bad = binance::parse_exchange_info(R"({"symbols":[{"symbol":"X"}]})",
                                          exchange::binance_spot);
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad->items.empty());
  EXPECT_EQ(bad->rejected.size(), 1u);
}

TEST(BinanceParse, UsdmExchangeInfoKeepsPerpetualsOnly) {
  auto r = binance::parse_exchange_info(
    fixture("binance_usdm/rest_exchangeInfo_excerpt_BTCUSDT_2021.json"),
    exchange::binance_usdm);
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 1u);
  auto& s = r->items[0];
  EXPECT_EQ(s.symbol.venue, exchange::binance_usdm);
  EXPECT_EQ(s.symbol.contract, contract_type::perpetual);
  EXPECT_EQ(s.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(s.symbol.base, "BTC");
  EXPECT_EQ(s.symbol.quote, "USDT");
  EXPECT_EQ(s.tick, dec("0.01"));
  EXPECT_EQ(s.lot, dec("0.001"));
  EXPECT_EQ(s.min_qty, dec("0.001"));
  EXPECT_EQ(s.max_qty, dec("1000"));
  EXPECT_EQ(s.min_notional, dec("5"));
  EXPECT_EQ(s.contract_size, dec("1"));
  EXPECT_TRUE(s.trading);
  auto quarterly = binance::parse_exchange_info(
    R"({"symbols":[{"symbol":"BTCUSDT_250926","contractType":"CURRENT_QUARTER",)"
    R"("status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT","filters":[]}]})",
    exchange::binance_usdm);
  ASSERT_TRUE(quarterly.ok());
  EXPECT_TRUE(quarterly->items.empty());
}

// -- account ----------------------------------------------------------------------

TEST(BinanceParse, SpotAccountBalances) {
  auto r = binance::parse_spot_account(
    fixture("binance_spot/rest_account_docs_example.json"));
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 2u);
  auto& btc = r->items[0];
  EXPECT_EQ(btc.venue, exchange::binance_spot);
  EXPECT_EQ(btc.currency, "BTC");
  EXPECT_EQ(btc.free, dec("4723846.89208129"));
  EXPECT_EQ(btc.used, dec("0"));
  EXPECT_EQ(btc.total, dec("4723846.89208129"));
  EXPECT_EQ(btc.ts_ns, 123456789 * ms);
  EXPECT_EQ(r->items[1].currency, "LTC");
  EXPECT_EQ(r->items[1].free, dec("4763368.68006011"));
}

TEST(BinanceParse, UsdmBalances) {
  auto r = binance::parse_usdm_balances(
    fixture("binance_usdm/rest_balance_v3_docs_example.json"));
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 1u);
  auto& b = r->items[0];
  EXPECT_EQ(b.venue, exchange::binance_usdm);
  EXPECT_EQ(b.currency, "USDT");
  EXPECT_EQ(b.total, dec("122607.35137903"));
  EXPECT_EQ(b.free, dec("23.72469206"));
  EXPECT_EQ(b.used, dec("122583.62668697"));
  EXPECT_EQ(b.ts_ns, 1617939110373 * ms);
}

TEST(BinanceParse, UsdmPositions) {
  auto r = binance::parse_positions(
    fixture("binance_usdm/rest_positionRisk_v3_docs_example.json"));
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 1u);
  auto& p = r->items[0];
  EXPECT_EQ(p.symbol.venue, exchange::binance_usdm);
  EXPECT_EQ(p.symbol.venue_symbol, "ADAUSDT");
  EXPECT_EQ(p.symbol.contract, contract_type::perpetual);
  EXPECT_EQ(p.position_side, side::buy);
  EXPECT_EQ(p.amount, dec("30"));
  EXPECT_EQ(p.entry_price, dec("0.385"));
  EXPECT_EQ(p.mark_price, dec("0.4104759"));
  EXPECT_EQ(p.unrealized_pnl, dec("0.764277"));
  EXPECT_EQ(p.margin, dec("0.61571385"));
  EXPECT_EQ(p.liquidation_price, dec("0"));
  EXPECT_DOUBLE_EQ(p.leverage, 1.0);
  EXPECT_EQ(p.ts_ns, 1720736417660 * ms);
}

TEST(BinanceParse, UsdmShortIsolatedAndFlatPositions) {
  auto r = binance::parse_positions(
    R"([{"symbol":"BTCUSDT","positionAmt":"-0.010","entryPrice":"60000",)"
    R"("markPrice":"59000","unRealizedProfit":"10","liquidationPrice":"90000",)"
    R"("isolatedMargin":"30.5","initialMargin":"29.5","leverage":"20",)"
    R"("updateTime":1},)"
    R"({"symbol":"ETHUSDT","positionAmt":"0","entryPrice":"0","markPrice":"1",)"
    R"("unRealizedProfit":"0","liquidationPrice":"0","updateTime":1}])");
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  ASSERT_EQ(r->items.size(), 1u);
  auto& p = r->items[0];
  EXPECT_EQ(p.position_side, side::sell);
  EXPECT_EQ(p.amount, dec("0.01"));
  EXPECT_EQ(p.margin, dec("30.5"));
  EXPECT_DOUBLE_EQ(p.leverage, 20.0);
  EXPECT_EQ(p.liquidation_price, dec("90000"));
}

// -- orders -----------------------------------------------------------------------

TEST(BinanceParse, OrderStatusMapping) {
  struct row { const char* status; const char* executed; const char* orig;
               order_status want; };
  for (auto [status, executed, orig, want] : {
         row{"NEW", "0", "1", order_status::open},
         row{"PARTIALLY_FILLED", "0.5", "1", order_status::partially_filled},
         row{"FILLED", "1", "1", order_status::filled},
         row{"CANCELED", "0", "1", order_status::cancelled},
         row{"CANCELED", "0.4", "1", order_status::cancelled},
         row{"EXPIRED", "0.4", "1", order_status::cancelled},
         row{"EXPIRED", "1", "1", order_status::filled},
         row{"EXPIRED_IN_MATCH", "0", "1", order_status::cancelled},
         row{"PENDING_CANCEL", "0.2", "1", order_status::partially_filled},
         row{"REJECTED", "0", "1", order_status::rejected},
       }) {
    auto got = binance::map_status(status, dec(executed), dec(orig));
    ASSERT_TRUE(got.has_value()) << status;
    EXPECT_EQ(*got, want) << status << " " << executed;
  }
  EXPECT_FALSE(binance::map_status("WHATEVER", {}, {}).has_value());
}

TEST(BinanceParse, OrderTypeMapping) {
  EXPECT_EQ(binance::map_type("LIMIT", "GTC"), order_type::limit);
  EXPECT_EQ(binance::map_type("LIMIT", "IOC"), order_type::ioc);
  EXPECT_EQ(binance::map_type("LIMIT", "FOK"), order_type::fok);
  EXPECT_EQ(binance::map_type("LIMIT", "GTX"), order_type::limit);
  EXPECT_EQ(binance::map_type("LIMIT_MAKER", ""), order_type::limit);
  EXPECT_EQ(binance::map_type("MARKET", ""), order_type::market);
  EXPECT_EQ(binance::map_type("TRAILING_STOP_MARKET", "GTD"), order_type::market);
}

// The FULL response example of exchanges.md §3.2 (the fixture file of that
// name holds a ticker, see Ticker24hr).
TEST(BinanceParse, SpotPlaceFullReplyWithFills) {
  auto s = binance::parse_order(
    R"({"symbol":"BTCUSDT","orderId":28,"orderListId":-1,)"
    R"("clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,)"
    R"("price":"0.00000000","origQty":"10.00000000","executedQty":"10.00000000",)"
    R"("cummulativeQuoteQty":"10.00000000","status":"FILLED","timeInForce":"GTC",)"
    R"("type":"MARKET","side":"SELL","fills":[{"price":"4000.00000000",)"
    R"("qty":"1.00000000","commission":"4.00000000","commissionAsset":"USDT",)"
    R"("tradeId":56}]})",
    exchange::binance_spot);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  auto& o = s->o;
  EXPECT_EQ(o.id, "28");
  EXPECT_EQ(o.client_order_id, "6gCrw2kRUAF9CvJDGP16IP");
  EXPECT_EQ(o.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(o.symbol.venue, exchange::binance_spot);
  EXPECT_EQ(o.order_side, side::sell);
  EXPECT_EQ(o.type, order_type::market);
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.amount, dec("10"));
  EXPECT_EQ(o.filled, dec("10"));
  EXPECT_EQ(o.remaining, dec("0"));
  EXPECT_FALSE(o.has_price);
  EXPECT_TRUE(o.has_average_price);
  EXPECT_EQ(o.average_price, dec("1"));
  EXPECT_TRUE(o.has_fee);
  EXPECT_EQ(o.fee, dec("4"));
  EXPECT_EQ(o.ts_ns, 1507725176595 * ms);
  EXPECT_EQ(s->venue_state, "FILLED");
  EXPECT_EQ(s->venue_type, "MARKET");
  ASSERT_EQ(s->fills.size(), 1u);
  auto& f = s->fills[0];
  EXPECT_EQ(f.trade_id, "56");
  EXPECT_EQ(f.venue_order_id, "28");
  EXPECT_EQ(f.client_order_id, "6gCrw2kRUAF9CvJDGP16IP");
  EXPECT_EQ(f.price, dec("4000"));
  EXPECT_EQ(f.volume, dec("1"));
  EXPECT_EQ(f.fee, dec("4"));
  EXPECT_EQ(f.fee_currency, "USDT");
  EXPECT_EQ(f.order_side, side::sell);
  EXPECT_EQ(f.ts_event_ns, 1507725176595 * ms);
}

TEST(BinanceParse, SpotCancelReplyKeepsOurClientId) {
  auto s = binance::parse_order(
    fixture("binance_spot/rest_cancel_order_docs_example.json"),
    exchange::binance_spot);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  auto& o = s->o;
  EXPECT_EQ(o.id, "4");
  EXPECT_EQ(o.client_order_id, "myOrder1");
  EXPECT_EQ(o.symbol.venue_symbol, "LTCBTC");
  EXPECT_EQ(o.status, order_status::cancelled);
  EXPECT_EQ(o.type, order_type::limit);
  EXPECT_EQ(o.order_side, side::buy);
  EXPECT_TRUE(o.has_price);
  EXPECT_EQ(o.price, dec("2"));
  EXPECT_EQ(o.amount, dec("1"));
  EXPECT_EQ(o.filled, dec("0"));
  EXPECT_EQ(o.remaining, dec("1"));
  EXPECT_FALSE(o.has_average_price);
  EXPECT_FALSE(o.has_fee);
  EXPECT_EQ(o.ts_ns, 1684804350068 * ms);
  EXPECT_TRUE(s->fills.empty());
}

TEST(BinanceParse, SpotQuoteSizedMarketBuyReadsLikeTheRequest) {
  auto s = binance::parse_order(
    R"({"symbol":"BTCUSDT","orderId":9,"clientOrderId":"karb-9","price":"0",)"
    R"("origQty":"0.0015","executedQty":"0.0015","cummulativeQuoteQty":"99.9",)"
    R"("origQuoteOrderQty":"100","status":"FILLED","timeInForce":"GTC",)"
    R"("type":"MARKET","side":"BUY","time":1,"updateTime":2})",
    exchange::binance_spot);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  EXPECT_EQ(s->o.amount, dec("0"));
  EXPECT_TRUE(s->o.has_price);
  EXPECT_EQ(s->o.price, dec("100"));
  EXPECT_EQ(s->o.filled, dec("0.0015"));
  EXPECT_EQ(s->o.average_price, dec("66600"));
  EXPECT_EQ(s->o.ts_ns, 1 * ms);
}

TEST(BinanceParse, UsdmNewOrderReply) {
  auto s = binance::parse_order(
    fixture("binance_usdm/rest_new_order_docs_example.json"),
    exchange::binance_usdm);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  auto& o = s->o;
  EXPECT_EQ(o.id, "22542179");
  EXPECT_EQ(o.client_order_id, "testOrder");
  EXPECT_EQ(o.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(o.symbol.contract, contract_type::perpetual);
  EXPECT_EQ(o.order_side, side::buy);
  EXPECT_EQ(o.type, order_type::market); // TRAILING_STOP_MARKET
  EXPECT_EQ(s->venue_type, "TRAILING_STOP_MARKET");
  EXPECT_EQ(o.status, order_status::open);
  EXPECT_EQ(o.amount, dec("10"));
  EXPECT_EQ(o.filled, dec("0"));
  EXPECT_EQ(o.remaining, dec("10"));
  EXPECT_FALSE(o.has_price);
  EXPECT_FALSE(o.has_average_price);
  EXPECT_FALSE(o.has_fee);
  EXPECT_EQ(o.ts_ns, 1566818724722 * ms);
}

TEST(BinanceParse, UsdmFilledOrderAveragePriceAndList) {
  auto list = binance::parse_orders(
    R"([{"symbol":"BTCUSDT","orderId":1,"clientOrderId":"a","price":"60000",)"
    R"("avgPrice":"59990.5","origQty":"0.010","executedQty":"0.010",)"
    R"("cumQuote":"599.905","status":"FILLED","timeInForce":"IOC","type":"LIMIT",)"
    R"("side":"SELL","reduceOnly":true,"time":5,"updateTime":6},)"
    R"({"symbol":"BTCUSDT","orderId":2,"clientOrderId":"b","price":"1",)"
    R"("avgPrice":"0","origQty":"1","executedQty":"0","status":"EXPIRED",)"
    R"("timeInForce":"GTC","type":"LIMIT","side":"BUY","time":7}])",
    exchange::binance_usdm);
  ASSERT_TRUE(list.ok()) << to_string(list.error());
  ASSERT_EQ(list->items.size(), 2u);
  auto& a = list->items[0].o;
  EXPECT_EQ(a.type, order_type::ioc);
  EXPECT_EQ(a.status, order_status::filled);
  EXPECT_TRUE(a.has_average_price);
  EXPECT_EQ(a.average_price, dec("59990.5"));
  EXPECT_EQ(a.ts_ns, 5 * ms);
  EXPECT_EQ(list->items[1].o.status, order_status::cancelled);
  EXPECT_FALSE(binance::parse_orders("{}", exchange::binance_usdm).ok());
  auto bad = binance::parse_order(R"({"orderId":1})", exchange::binance_spot);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, venue_errc::malformed);
  EXPECT_NE(bad.error().message.find("clientOrderId"), std::string::npos);
}
