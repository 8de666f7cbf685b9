// Bybit v5 REST replies: every shared/fixtures/exchanges/bybit/rest_*
// file, field by field (values read from the fixture text), plus small
// replies in the documented shapes for what the fixtures do not cover.

#include <cctype>

#include <gtest/gtest.h>

#include "exchanges/bybit/account_parse.hpp"
#include "exchanges/bybit/market_parse.hpp"
#include "exchanges/bybit/order_parse.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;

namespace {

constexpr int64_t ms = 1'000'000;

decimal dec(const char* text) {
  return decimal::parse(text).value();
}

std::string ok_reply(const std::string& result) {
  return R"({"retCode":0,"retMsg":"OK","result":)" + result
         + R"(,"retExtInfo":{},"time":1700000000000})";
}

} // namespace

// -- market data ----------------------------------------------------------------------

TEST(BybitParse, ServerTime) {
  auto t = bybit::parse_server_time(
    R"({"retCode":0,"retMsg":"OK","result":{"timeSecond":"1688639403",)"
    R"("timeNano":"1688639403423213947"},"retExtInfo":{},"time":1688639403423})");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, 1688639403423);
  auto only_time = bybit::parse_server_time(
    R"({"retCode":0,"retMsg":"OK","result":{},"time":1688639403999})");
  ASSERT_TRUE(only_time.ok());
  EXPECT_EQ(*only_time, 1688639403999);
  EXPECT_FALSE(bybit::parse_server_time(R"({"retCode":0})").ok());
}

TEST(BybitParse, OrderbookFixture) {
  auto b = bybit::parse_orderbook(fixture("bybit/rest_orderbook_docs_example.json"),
                                  exchange::bybit_spot);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->symbol, (instrument{exchange::bybit_spot, "BTC", "USDT",
                                   "BTCUSDT", contract_type::spot}));
  ASSERT_EQ(b->asks.size(), 1u);
  ASSERT_EQ(b->bids.size(), 1u);
  EXPECT_EQ(b->asks[0], (price_level{dec("65557.7"), dec("16.606555")}));
  EXPECT_EQ(b->bids[0], (price_level{dec("65485.47"), dec("47.081829")}));
  EXPECT_EQ(b->sequence, 230704);
  EXPECT_EQ(b->ts_event_ns, 1716863719031 * ms);
}

TEST(BybitParse, InstrumentsFixture) {
  // The fixture is the docs' example (an option listing): its fields are
  // the linear ones (tickSize, qtyStep, minOrderQty, maxOrderQty).
  auto specs = bybit::parse_instruments(
    fixture("bybit/rest_instruments_linear_docs_example.json"),
    exchange::bybit_linear);
  ASSERT_TRUE(specs.ok()) << specs.error().message;
  ASSERT_EQ(specs->items.size(), 1u);
  auto& s = specs->items.front();
  EXPECT_EQ(s.symbol.venue_symbol, "BTC-27MAR26-70000-P-USDT");
  EXPECT_EQ(s.symbol.base, "BTC");
  EXPECT_EQ(s.symbol.quote, "USDT");
  EXPECT_EQ(s.symbol.contract, contract_type::perpetual);
  EXPECT_TRUE(s.trading);
  EXPECT_EQ(s.tick, dec("5"));
  EXPECT_EQ(s.lot, dec("0.01"));
  EXPECT_EQ(s.min_qty, dec("0.01"));
  EXPECT_EQ(s.max_qty, dec("500"));
  EXPECT_TRUE(s.min_notional.is_zero());
}

TEST(BybitParse, InstrumentsSpotAndLinearShapes) {
  auto spot = bybit::parse_instruments(ok_reply(R"({"category":"spot","list":[
    {"symbol":"BTCUSDT","baseCoin":"BTC","quoteCoin":"USDT","innovation":"0",
     "status":"Trading","marginTrading":"both",
     "lotSizeFilter":{"basePrecision":"0.000001","quotePrecision":"0.00000001",
       "minOrderQty":"0.000048","maxOrderQty":"71.73956243",
       "minOrderAmt":"1","maxOrderAmt":"2000000"},
     "priceFilter":{"tickSize":"0.01"}}]})"),
                                       exchange::bybit_spot);
  ASSERT_TRUE(spot.ok()) << spot.error().message;
  ASSERT_EQ(spot->items.size(), 1u);
  auto& s = spot->items.front();
  EXPECT_EQ(s.symbol, (instrument{exchange::bybit_spot, "BTC", "USDT",
                                  "BTCUSDT", contract_type::spot}));
  EXPECT_EQ(s.tick, dec("0.01"));
  EXPECT_EQ(s.lot, dec("0.000001"));
  EXPECT_EQ(s.min_qty, dec("0.000048"));
  EXPECT_EQ(s.max_qty, dec("71.73956243"));
  EXPECT_EQ(s.min_notional, dec("1"));

  auto linear = bybit::parse_instruments(ok_reply(R"({"category":"linear","list":[
    {"symbol":"ETHUSDT","contractType":"LinearPerpetual","status":"Trading",
     "baseCoin":"ETH","quoteCoin":"USDT","settleCoin":"USDT",
     "priceFilter":{"minPrice":"0.01","maxPrice":"19999.98","tickSize":"0.01"},
     "lotSizeFilter":{"maxOrderQty":"7240.00","minOrderQty":"0.01",
       "qtyStep":"0.01","maxMktOrderQty":"1500.00","minNotionalValue":"5"}},
    {"symbol":"ETH-26DEC25","contractType":"LinearFutures","status":"Trading",
     "baseCoin":"ETH","quoteCoin":"USDT",
     "priceFilter":{"tickSize":"0.01"},"lotSizeFilter":{"qtyStep":"0.01"}},
    {"symbol":"XYZUSDT","contractType":"LinearPerpetual","status":"PreLaunch",
     "baseCoin":"XYZ","quoteCoin":"USDT",
     "priceFilter":{"tickSize":"0.0001"},
     "lotSizeFilter":{"qtyStep":"1","minOrderQty":"1","maxOrderQty":"100000",
       "minNotionalValue":"5"}}]})"),
                                         exchange::bybit_linear);
  ASSERT_TRUE(linear.ok()) << linear.error().message;
  ASSERT_EQ(linear->items.size(), 2u); // the dated future is left out
  auto& e = linear->items.at(0);
  EXPECT_EQ(e.symbol.venue_symbol, "ETHUSDT");
  EXPECT_EQ(e.tick, dec("0.01"));
  EXPECT_EQ(e.lot, dec("0.01"));
  EXPECT_EQ(e.min_qty, dec("0.01"));
  EXPECT_EQ(e.max_qty, dec("7240"));
  EXPECT_EQ(e.min_notional, dec("5"));
  EXPECT_TRUE(e.trading);
  EXPECT_EQ(linear->items.at(1).symbol.venue_symbol, "XYZUSDT");
  EXPECT_FALSE(linear->items.at(1).trading);
}

TEST(BybitParse, TickersFixture) {
  auto body = fixture("bybit/rest_tickers_docs_example.json");
  auto t = bybit::parse_ticker(body, exchange::bybit_linear);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->symbol.venue_symbol, "BTCUSD");
  EXPECT_EQ(t->last_price, dec("120635.50"));
  EXPECT_EQ(t->volume_24h, dec("13713832.0000"));
  EXPECT_EQ(t->ts_event_ns, 1760352369814 * ms);

  auto f = bybit::parse_funding(body);
  ASSERT_TRUE(f.ok()) << f.error().message;
  auto& [rate, mark] = *f;
  EXPECT_EQ(rate.venue, exchange::bybit_linear);
  EXPECT_EQ(rate.symbol, "BTCUSD");
  EXPECT_EQ(rate.rate, dec("0.0001"));
  EXPECT_EQ(rate.next_funding_ns, 1760371200000 * ms);
  EXPECT_EQ(rate.funding_interval_s, 8 * 3600); // fundingIntervalHour "8"
  EXPECT_EQ(rate.ts_ns, 1760352369814 * ms);
  EXPECT_EQ(mark.mark, dec("114898.43"));
  EXPECT_EQ(mark.index, dec("114890.92"));
  EXPECT_EQ(mark.symbol.contract, contract_type::perpetual);
  EXPECT_FALSE(bybit::parse_ticker(ok_reply(R"({"list":[]})"),
                                   exchange::bybit_spot).ok());
}

TEST(BybitParse, FundingHistoryFixtureAndOrder) {
  auto h = bybit::parse_funding_history(
    fixture("bybit/rest_funding_history_docs_example.json"));
  ASSERT_TRUE(h.ok()) << h.error().message;
  ASSERT_EQ(h->items.size(), 1u);
  EXPECT_EQ(h->items.at(0).symbol, "ETHPERP");
  EXPECT_EQ(h->items.at(0).rate, dec("0.0001"));
  EXPECT_EQ(h->items.at(0).ts_ns, 1672041600000 * ms);
  EXPECT_EQ(h->items.at(0).funding_interval_s, 8 * 3600);
  // Newest first from the venue, oldest first out, 4 h gaps measured.
  auto two = bybit::parse_funding_history(ok_reply(R"({"category":"linear","list":[
    {"symbol":"BTCUSDT","fundingRate":"-0.0002","fundingRateTimestamp":"1672070400000"},
    {"symbol":"BTCUSDT","fundingRate":"0.0001","fundingRateTimestamp":"1672056000000"}]})"));
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->items.size(), 2u);
  EXPECT_EQ(two->items.at(0).rate, dec("0.0001"));
  EXPECT_EQ(two->items.at(1).rate, dec("-0.0002"));
  EXPECT_EQ(two->items.at(1).funding_interval_s, 4 * 3600);
}

// -- account ----------------------------------------------------------------------------

TEST(BybitParse, WalletFixture) {
  auto b = bybit::parse_balances(
    fixture("bybit/rest_wallet_balance_docs_example.json"),
    exchange::bybit_spot);
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_EQ(b->items.size(), 1u);
  EXPECT_EQ(b->items.at(0).venue, exchange::bybit_spot);
  EXPECT_EQ(b->items.at(0).currency, "BTC");
  EXPECT_TRUE(b->items.at(0).total.is_zero());
  EXPECT_TRUE(b->items.at(0).used.is_zero());
  EXPECT_TRUE(b->items.at(0).free.is_zero());
  EXPECT_EQ(b->items.at(0).ts_ns, 1690872862481 * ms);
}

TEST(BybitParse, WalletHeldAmounts) {
  auto b = bybit::parse_balances(ok_reply(R"({"list":[{"accountType":"UNIFIED",
    "coin":[{"coin":"USDT","walletBalance":"1000.5","locked":"100",
             "totalOrderIM":"20.25","totalPositionIM":""},
            {"coin":"BTC","walletBalance":"0.5","locked":"0.6"}]}]})"),
                                  exchange::bybit_linear);
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_EQ(b->items.size(), 2u);
  EXPECT_EQ(b->items.at(0).total, dec("1000.5"));
  EXPECT_EQ(b->items.at(0).used, dec("120.25"));
  EXPECT_EQ(b->items.at(0).free, dec("880.25"));
  EXPECT_EQ(b->items.at(1).free, decimal{}); // never negative
  auto bad = bybit::parse_balances(
    ok_reply(R"({"list":[{"coin":[{"coin":"X"}]}]})"), exchange::bybit_spot);
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad->items.empty());
  EXPECT_EQ(bad->rejected.size(), 1u);
}

TEST(BybitParse, PositionsFixture) {
  auto ps = bybit::parse_positions(
    fixture("bybit/rest_position_list_docs_example.json"));
  ASSERT_TRUE(ps.ok()) << ps.error().message;
  ASSERT_EQ(ps->items.size(), 1u);
  auto& p = ps->items.front();
  EXPECT_EQ(p.symbol.venue_symbol, "BTCUSD");
  EXPECT_EQ(p.position_side, side::sell);
  EXPECT_EQ(p.amount, dec("300"));
  EXPECT_EQ(p.entry_price, dec("27464.50441675"));
  EXPECT_EQ(p.mark_price, dec("28224.50"));
  EXPECT_TRUE(p.liquidation_price.is_zero()); // liqPrice ""
  EXPECT_EQ(p.unrealized_pnl, dec("-0.00029413"));
  EXPECT_EQ(p.margin, dec("0.00010923"));
  EXPECT_DOUBLE_EQ(p.leverage, 10.0);
  EXPECT_EQ(p.ts_ns, 1697673600012 * ms);
}

TEST(BybitParse, FlatPositionsAreLeftOut) {
  auto ps = bybit::parse_positions(ok_reply(R"({"category":"linear","list":[
    {"positionIdx":0,"symbol":"ETHUSDT","side":"","size":"0","avgPrice":"0",
     "markPrice":"2000","liqPrice":"","unrealisedPnl":"0","leverage":"5",
     "updatedTime":"1700000000000"},
    {"positionIdx":0,"symbol":"BTCUSDT","side":"Buy","size":"0.01",
     "avgPrice":"65000","markPrice":"65100","liqPrice":"30000",
     "unrealisedPnl":"1","leverage":"3","positionIM":"216.6",
     "updatedTime":"1700000000001"}]})"));
  ASSERT_TRUE(ps.ok()) << ps.error().message;
  ASSERT_EQ(ps->items.size(), 1u);
  EXPECT_EQ(ps->items.at(0).symbol, (instrument{exchange::bybit_linear, "BTC", "USDT",
                                          "BTCUSDT", contract_type::perpetual}));
  EXPECT_EQ(ps->items.at(0).position_side, side::buy);
  EXPECT_EQ(ps->items.at(0).liquidation_price, dec("30000"));
  EXPECT_DOUBLE_EQ(ps->items.at(0).leverage, 3.0);
}

// -- orders -----------------------------------------------------------------------------

TEST(BybitParse, CreateAndCancelAcks) {
  auto c = bybit::parse_order(fixture("bybit/rest_create_order_docs_example.json"),
                              exchange::bybit_spot);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->o.id, "1321003749386327552");
  EXPECT_EQ(c->o.client_order_id, "spot-test-postonly");
  EXPECT_EQ(c->o.status, order_status::submitted);
  EXPECT_EQ(c->o.symbol.venue, exchange::bybit_spot);
  EXPECT_TRUE(c->fills.empty());
  auto x = bybit::parse_order(fixture("bybit/rest_cancel_order_docs_example.json"),
                              exchange::bybit_linear);
  ASSERT_TRUE(x.ok()) << x.error().message;
  EXPECT_EQ(x->o.id, "c6f055d9-7f21-4079-913d-e6523a9cfffa");
  EXPECT_EQ(x->o.client_order_id, "linear-004");
  EXPECT_EQ(x->o.status, order_status::submitted);
}

TEST(BybitParse, RealtimeFixture) {
  auto body = fixture("bybit/rest_order_realtime_docs_example.json");
  auto s = bybit::parse_order(body, exchange::bybit_linear);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto& o = s->o;
  EXPECT_EQ(o.id, "fd4300ae-7847-404e-b947-b46980a4d140");
  EXPECT_EQ(o.client_order_id, "test-000005");
  EXPECT_EQ(o.symbol, (instrument{exchange::bybit_linear, "ETH", "USDT",
                                  "ETHUSDT", contract_type::perpetual}));
  EXPECT_EQ(o.order_side, side::buy);
  EXPECT_EQ(o.type, order_type::limit);
  EXPECT_EQ(s->venue_type, "Limit");
  EXPECT_EQ(s->venue_state, "New");
  EXPECT_EQ(o.status, order_status::open);
  EXPECT_EQ(o.amount, dec("0.10"));
  EXPECT_TRUE(o.has_price);
  EXPECT_EQ(o.price, dec("1600.00"));
  EXPECT_TRUE(o.filled.is_zero());
  EXPECT_EQ(o.remaining, dec("0.10"));
  EXPECT_FALSE(o.has_average_price); // avgPrice "0"
  EXPECT_TRUE(o.has_fee);
  EXPECT_TRUE(o.fee.is_zero());
  EXPECT_EQ(o.ts_ns, 1684738540561 * ms);
  auto all = bybit::parse_orders(body, exchange::bybit_linear);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 1u);
  EXPECT_EQ(all->items.at(0).o.id, o.id);
}

TEST(BybitParse, EmptyLookupIsUnknownOrder) {
  auto s = bybit::parse_order(ok_reply(R"({"list":[],"nextPageCursor":"","category":"spot"})"),
                              exchange::bybit_spot);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, venue_errc::unknown_order);
  auto none = bybit::parse_orders(ok_reply(R"({"list":[],"category":"spot"})"),
                                  exchange::bybit_spot);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->items.empty());
}

TEST(BybitParse, FinishedOrders) {
  auto list = bybit::parse_orders(ok_reply(R"({"category":"spot","list":[
    {"orderId":"1","orderLinkId":"a","symbol":"BTCUSDT","price":"0",
     "qty":"20","side":"Buy","orderStatus":"Filled","avgPrice":"50000",
     "leavesQty":"0","cumExecQty":"0.0004","cumExecValue":"20",
     "cumExecFee":"0.0000004","timeInForce":"IOC","orderType":"Market",
     "marketUnit":"quoteCoin","createdTime":"1700000000000",
     "updatedTime":"1700000000100"},
    {"orderId":"2","orderLinkId":"b","symbol":"BTCUSDT","price":"49000",
     "qty":"0.01","side":"Sell","orderStatus":"PartiallyFilledCanceled",
     "avgPrice":"49000","leavesQty":"0","cumExecQty":"0.004",
     "cumExecFee":"0.196","timeInForce":"FOK","orderType":"Limit",
     "createdTime":"1700000000000","updatedTime":"1700000000200"},
    {"orderId":"3","orderLinkId":"c","symbol":"BTCUSDT","price":"48000",
     "qty":"0.01","side":"Buy","orderStatus":"Cancelled","avgPrice":"48000",
     "leavesQty":"0","cumExecQty":"0.01","cumExecFee":"0",
     "timeInForce":"GTC","orderType":"Limit","updatedTime":"1700000000300"},
    {"orderId":"4","orderLinkId":"d","symbol":"BTCUSDT","price":"1",
     "qty":"1","side":"Buy","orderStatus":"Rejected","avgPrice":"",
     "cumExecQty":"0","cumExecFee":"","timeInForce":"IOC",
     "orderType":"Limit","updatedTime":"1700000000400"}]})"),
                                  exchange::bybit_spot);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->items.size(), 4u);
  auto& buy = list->items.at(0).o; // a market buy sized in quote
  EXPECT_EQ(buy.type, order_type::market);
  EXPECT_EQ(buy.status, order_status::filled);
  EXPECT_TRUE(buy.amount.is_zero());
  EXPECT_EQ(buy.price, dec("20"));
  EXPECT_EQ(buy.filled, dec("0.0004"));
  EXPECT_EQ(buy.average_price, dec("50000"));
  EXPECT_EQ(buy.fee, dec("0.0000004"));
  auto& part = list->items.at(1).o;
  EXPECT_EQ(part.type, order_type::fok);
  EXPECT_EQ(part.status, order_status::cancelled);
  EXPECT_EQ(part.filled, dec("0.004"));
  EXPECT_EQ(list->items.at(2).o.status, order_status::filled); // all executed
  auto& rejected = list->items.at(3).o;
  EXPECT_EQ(rejected.status, order_status::rejected);
  EXPECT_EQ(rejected.type, order_type::ioc);
  EXPECT_FALSE(rejected.has_average_price);
  EXPECT_FALSE(rejected.has_fee);
  auto odd = bybit::parse_orders(ok_reply(R"({"list":[{"orderId":"5",
    "symbol":"BTCUSDT","side":"Buy","orderType":"Limit","orderStatus":"Odd",
    "qty":"1","price":"1","cumExecQty":"0"}]})"),
                                 exchange::bybit_spot);
  ASSERT_TRUE(odd.ok());
  EXPECT_TRUE(odd->items.empty());
  ASSERT_EQ(odd->rejected.size(), 1u);
  EXPECT_NE(odd->rejected[0].find("Odd"), std::string::npos);
}

TEST(BybitParse, TruncatedRepliesAreMalformed) {
  for (auto name : {"bybit/rest_orderbook_docs_example.json",
                    "bybit/rest_order_realtime_docs_example.json",
                    "bybit/rest_position_list_docs_example.json",
                    "bybit/rest_wallet_balance_docs_example.json",
                    "bybit/rest_tickers_docs_example.json"}) {
    auto text = fixture(name);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
      text.pop_back(); // every cut below is then truly truncated
    for (size_t n = 0; n < text.size(); n += 7) {
      auto cut = text.substr(0, n);
      auto expect_malformed = [&](const venue_error& e) {
        EXPECT_EQ(e.code, venue_errc::malformed) << name << " " << n;
      };
      if (auto r = bybit::parse_orderbook(cut, exchange::bybit_spot); !r.ok())
        expect_malformed(r.error());
      else
        ADD_FAILURE() << name << " " << n;
      if (auto r = bybit::parse_orders(cut, exchange::bybit_spot); !r.ok())
        expect_malformed(r.error());
      else
        ADD_FAILURE() << name << " " << n;
      if (auto r = bybit::parse_positions(cut); !r.ok())
        expect_malformed(r.error());
      else
        ADD_FAILURE() << name << " " << n;
    }
  }
}
