// Upbit REST fixtures (shared/fixtures/exchanges/upbit) parsed with exact
// expected values taken from the files.

#include <gtest/gtest.h>

#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;

namespace {

constexpr int64_t ms = 1'000'000;

} // namespace

TEST(UpbitParse, OrderbookFixtureKeepsEveryDigit) {
  auto books = korea::parse_orderbooks(fixture("upbit/rest_orderbook_KRW-BTC.json"), exchange::upbit);
  ASSERT_TRUE(books.ok()) << to_string(books.error());
  ASSERT_EQ(books->size(), 1u);
  auto& b = books->front();
  EXPECT_EQ(b.symbol.venue, exchange::upbit);
  EXPECT_EQ(b.symbol.base, "BTC");
  EXPECT_EQ(b.symbol.quote, "KRW");
  EXPECT_EQ(b.symbol.venue_symbol, "KRW-BTC");
  EXPECT_EQ(b.ts_event_ns, 1773240059027 * ms);
  ASSERT_EQ(b.bids.size(), 30u);
  ASSERT_EQ(b.asks.size(), 30u);
  EXPECT_EQ(b.bids[0].price, dec("103460000"));
  EXPECT_EQ(b.bids[0].volume, dec("0.004"));
  EXPECT_EQ(b.asks[0].price, dec("103493000"));
  EXPECT_EQ(b.asks[0].volume, dec("0.04910155"));
  // 4.843e-05 written in exponent form in the capture.
  EXPECT_EQ(b.bids[28].price, dec("103332000"));
  EXPECT_EQ(b.bids[28].volume, dec("0.00004843"));
  EXPECT_EQ(b.asks[28].volume, dec("0.91797036"));
  EXPECT_EQ(b.bids[29].price, dec("103328000"));
  EXPECT_EQ(b.bids[29].volume, dec("0.00241947"));
  EXPECT_EQ(b.asks[29].price, dec("103599000"));
  EXPECT_EQ(b.asks[29].volume, dec("0.0559"));
}

TEST(UpbitParse, TickerFixtureFloatsBecomeExactDecimals) {
  auto t = korea::parse_tickers(fixture("upbit/rest_ticker_KRW-BTC.json"), exchange::upbit);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].symbol.venue_symbol, "KRW-BTC");
  EXPECT_EQ((*t)[0].last_price, dec("103493000"));
  EXPECT_EQ((*t)[0].volume_24h, dec("1587.73606087"));
  EXPECT_EQ((*t)[0].ts_event_ns, 1773240058973 * ms);
}

TEST(UpbitParse, TradesFixture) {
  auto t = korea::parse_trades(fixture("upbit/rest_trades_ticks_KRW-BTC.json"), exchange::upbit);
  ASSERT_TRUE(t.ok()) << to_string(t.error());
  ASSERT_EQ(t->size(), 1u);
  auto& x = (*t)[0];
  EXPECT_EQ(x.id, "17732400590950000");
  EXPECT_EQ(x.price, dec("103460000"));
  EXPECT_EQ(x.amount, dec("0.004"));
  EXPECT_EQ(x.cost, dec("413840"));
  EXPECT_EQ(x.taker_side, side::sell); // ASK = sell-initiated
  EXPECT_EQ(x.ts_event_ns, 1773240059095 * ms);
}

TEST(UpbitParse, AccountsFixture) {
  auto a = korea::parse_accounts(fixture("upbit/rest_accounts.json"), exchange::upbit);
  ASSERT_TRUE(a.ok()) << to_string(a.error());
  ASSERT_EQ(a->items.size(), 1u);
  EXPECT_EQ(a->items[0].venue, exchange::upbit);
  EXPECT_EQ(a->items[0].currency, "KRW");
  EXPECT_EQ(a->items[0].free, dec("50000.47088291"));
  EXPECT_EQ(a->items[0].used, dec("0"));
  EXPECT_EQ(a->items[0].total, dec("50000.47088291"));
}

TEST(UpbitParse, OrderChanceFixture) {
  auto c = korea::parse_order_chance(fixture("upbit/rest_orders_chance_KRW-BTC.json"), exchange::upbit);
  ASSERT_TRUE(c.ok()) << to_string(c.error());
  EXPECT_EQ(c->market, "KRW-BTC");
  EXPECT_EQ(c->bid_fee, dec("0.0005"));
  EXPECT_EQ(c->ask_fee, dec("0.0005"));
  EXPECT_EQ(c->maker_bid_fee, dec("0.0005"));
  EXPECT_EQ(c->maker_ask_fee, dec("0.0005"));
  EXPECT_EQ(c->bid_currency, "KRW");
  EXPECT_EQ(c->ask_currency, "BTC");
  EXPECT_EQ(c->bid_min_total, dec("5000"));
  EXPECT_EQ(c->ask_min_total, dec("5000"));
  EXPECT_EQ(c->max_total, dec("1000000000"));
  EXPECT_EQ(c->state, "active");
  EXPECT_EQ(c->bid_account.free, dec("50000.47088291"));
  EXPECT_EQ(c->ask_account.currency, "BTC");
  EXPECT_EQ(c->ask_account.total, dec("0"));
}

TEST(UpbitParse, TickPolicyFixture) {
  auto p = korea::parse_tick_policies(
    fixture("upbit/rest_orderbook_instruments_KRW-BTC.json"));
  ASSERT_TRUE(p.ok()) << to_string(p.error());
  ASSERT_EQ(p->size(), 1u);
  EXPECT_EQ((*p)[0].market, "KRW-BTC");
  EXPECT_EQ((*p)[0].quote_currency, "KRW");
  EXPECT_EQ((*p)[0].tick_size, dec("1000"));
}

TEST(UpbitParse, LimitOrderAcceptedIsOpen) {
  for (auto file : {"upbit/rest_order_limit_lifecycle_1_post.json",
                    "upbit/rest_order_limit_lifecycle_2_get.json"}) {
    auto s = korea::parse_order(fixture(file), exchange::upbit);
    ASSERT_TRUE(s.ok()) << file << ": " << to_string(s.error());
    auto& o = s->o;
    EXPECT_EQ(o.id, "82fe9b72-eb0f-462b-8e0e-e74ad844acea");
    EXPECT_EQ(o.symbol.venue_symbol, "KRW-BTC");
    EXPECT_EQ(o.order_side, side::buy);
    EXPECT_EQ(o.type, order_type::limit);
    EXPECT_TRUE(o.has_price);
    EXPECT_EQ(o.price, dec("10000000"));
    EXPECT_EQ(o.amount, dec("0.0005"));
    EXPECT_EQ(o.remaining, dec("0.0005"));
    EXPECT_EQ(o.filled, dec("0"));
    EXPECT_EQ(o.status, order_status::open);
    // 2026-03-22T21:42:22+09:00 = 12:42:22 UTC.
    EXPECT_EQ(o.ts_ns, int64_t{1774183342} * 1'000'000'000);
    EXPECT_TRUE(s->fills.empty());
  }
}

TEST(UpbitParse, CancelReplyStillShowingWaitIsNotCancelled) {
  auto s = korea::parse_order(fixture("upbit/rest_order_limit_lifecycle_3_delete.json"), exchange::upbit);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  EXPECT_EQ(s->venue_state, "wait");
  EXPECT_EQ(s->o.status, order_status::open);
  EXPECT_FALSE(is_terminal(s->o.status));
}

TEST(UpbitParse, MarketBuyEndingInCancelWithExecutionIsAFill) {
  auto s = korea::parse_order(
    fixture("upbit/rest_order_market_buy_then_sell_2_get.json"), exchange::upbit);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  auto& o = s->o;
  EXPECT_EQ(s->venue_state, "cancel");
  EXPECT_EQ(s->venue_type, "price");
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.type, order_type::market);
  EXPECT_EQ(o.price, dec("10000")); // KRW to spend
  EXPECT_EQ(o.amount, dec("0"));
  EXPECT_EQ(o.filled, dec("0.00009713"));
  EXPECT_EQ(o.fee, dec("4.99952392")); // 4.999523925 rounded half-even
  ASSERT_EQ(s->fills.size(), 1u);
  auto& f = s->fills[0];
  EXPECT_EQ(f.trade_id, "7dd003ce-cfff-4d68-a75b-a00e325b0661");
  EXPECT_EQ(f.venue_order_id, "fce8ffa4-c810-4446-946d-9fa2a6c80ab5");
  EXPECT_EQ(f.price, dec("102945000"));
  EXPECT_EQ(f.volume, dec("0.00009713"));
  EXPECT_EQ(f.fee_currency, "KRW");
  EXPECT_TRUE(o.has_average_price);
  EXPECT_EQ(o.average_price, dec("102945000")); // 9999.04785 / 0.00009713
}

TEST(UpbitParse, MarketBuyPlacedAndMarketSellLifecycle) {
  auto buy = korea::parse_order(fixture("upbit/rest_order_market_buy_then_sell_1_post.json"), exchange::upbit);
  ASSERT_TRUE(buy.ok()) << to_string(buy.error());
  EXPECT_EQ(buy->o.status, order_status::open);
  EXPECT_EQ(buy->o.price, dec("10000"));

  auto sell = korea::parse_order(fixture("upbit/rest_order_market_buy_then_sell_3_post.json"), exchange::upbit);
  ASSERT_TRUE(sell.ok()) << to_string(sell.error());
  EXPECT_EQ(sell->o.order_side, side::sell);
  EXPECT_FALSE(sell->o.has_price);
  EXPECT_EQ(sell->o.amount, dec("0.00009713"));
  EXPECT_EQ(sell->o.status, order_status::open);

  auto done = korea::parse_order(fixture("upbit/rest_order_market_buy_then_sell_4_get.json"), exchange::upbit);
  ASSERT_TRUE(done.ok()) << to_string(done.error());
  EXPECT_EQ(done->o.status, order_status::filled);
  EXPECT_EQ(done->o.filled, dec("0.00009713"));
  EXPECT_EQ(done->o.remaining, dec("0"));
  EXPECT_EQ(done->o.fee, dec("4.99743563"));
  ASSERT_EQ(done->fills.size(), 1u);
  EXPECT_EQ(done->fills[0].price, dec("102902000"));
  EXPECT_EQ(done->fills[0].order_side, side::sell);
}

TEST(UpbitParse, CancelAndNewReplies) {
  auto prev = korea::parse_order(fixture("upbit/rest_order_cancel_and_new_2_post.json"), exchange::upbit);
  ASSERT_TRUE(prev.ok()) << to_string(prev.error());
  EXPECT_EQ(prev->o.id, "348ad871-1f2e-4caa-bb9d-b6b4ae4d333e");
  auto first = korea::parse_order(fixture("upbit/rest_order_cancel_and_new_1_post.json"), exchange::upbit);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->o.id, prev->o.id);
  auto next = korea::parse_order(fixture("upbit/rest_order_cancel_and_new_3_delete.json"), exchange::upbit);
  ASSERT_TRUE(next.ok()) << to_string(next.error());
  EXPECT_EQ(next->o.id, "5cb0988d-879d-405d-93e0-2530e9d6dff2");
  EXPECT_EQ(next->o.price, dec("10500000"));
  EXPECT_EQ(next->o.status, order_status::open);
}

TEST(UpbitParse, TestOrderReply) {
  auto s = korea::parse_order(fixture("upbit/rest_orders_test_limit_bid.json"), exchange::upbit);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  EXPECT_EQ(s->o.id, "001f3413-6425-45b6-89dd-0b8883fc5c59");
  EXPECT_EQ(s->o.status, order_status::open);
}

TEST(UpbitParse, OrderLists) {
  auto open = korea::parse_orders(fixture("upbit/rest_orders_open_empty.json"), exchange::upbit);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->items.empty());

  auto closed = korea::parse_orders(fixture("upbit/rest_orders_closed.json"), exchange::upbit);
  ASSERT_TRUE(closed.ok()) << to_string(closed.error());
  ASSERT_EQ(closed->items.size(), 14u);
  EXPECT_EQ(closed->items[0].o.id, "a4337bbf-6d86-4361-bb34-180812fc87ce");
  EXPECT_EQ(closed->items[1].o.price, dec("10100000"));
  EXPECT_EQ(closed->items[13].o.id, "003b6bbd-684b-4921-a167-17cad043813f");
  for (auto& s : closed->items) {
    EXPECT_EQ(s.o.status, order_status::cancelled); // nothing executed
    EXPECT_EQ(s.o.filled, dec("0"));
  }
}

TEST(UpbitParse, ErrorFixtureIsInvalidPrice) {
  auto e = korea::check_reply(
    400, fixture("upbit/rest_error_invalid_price_bid_docs_example.json"));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, venue_errc::invalid_price);
  EXPECT_EQ(e->http_status, 400);
  EXPECT_EQ(e->name, "invalid_price_bid");
  EXPECT_EQ(e->message,
            "주문가격 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요.");
}
