// Bybit v5 WebSocket frames: the orderbook fixtures through the simdjson
// decoder and the nlohmann parser (same results), the u = 1 reset, spot's
// key order, tickers (mark, funding, neither), acknowledgements and
// errors, and the private stream (login, orders, executions, wallet,
// positions).

#include <gtest/gtest.h>

#include "exchanges/bybit/book_decoder.hpp"
#include "exchanges/bybit/feed_decoder.hpp"
#include "exchanges/bybit/ws_parse.hpp"
#include "exchanges/bybit/ws_private.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;
using venue::feed_kind;
using venue::private_frame;

namespace {

constexpr int64_t ms = 1'000'000;

decimal dec(const char* text) {
  return decimal::parse(text).value();
}

/// Decodes with both paths and checks they agree.
feed_kind decode_both(exchange venue, const std::string& text,
                      venue::feed_item& item) {
  bybit::public_feed_decoder fast{venue};
  venue::feed_item slow;
  auto a = fast.decode(text, 42, item);
  auto b = bybit::decode_public_frame(text, venue, 42, slow);
  EXPECT_EQ(a, b) << text;
  if (a == feed_kind::delta) {
    EXPECT_EQ(item.delta.bids, slow.delta.bids);
    EXPECT_EQ(item.delta.asks, slow.delta.asks);
    EXPECT_EQ(item.delta.first_seq, slow.delta.first_seq);
    EXPECT_EQ(item.delta.seq, slow.delta.seq);
    EXPECT_EQ(item.delta.prev_seq, slow.delta.prev_seq);
    EXPECT_EQ(item.delta.reset, slow.delta.reset);
    EXPECT_EQ(item.delta.ts_event_ns, slow.delta.ts_event_ns);
    EXPECT_EQ(item.delta.symbol, slow.delta.symbol);
    EXPECT_EQ(item.delta.ts_recv_ns, 42);
    EXPECT_EQ(slow.delta.ts_recv_ns, 42);
  }
  return a;
}

std::string replaced(std::string text, const std::string& from,
                     const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST(BybitWs, DecoderPicksABackend) {
  bybit::book_decoder d{exchange::bybit_spot};
  std::string name = d.backend_name();
  EXPECT_TRUE(name == "haswell" || name == "fallback");
}

TEST(BybitWs, SnapshotFixture) {
  venue::feed_item item;
  auto text = fixture("bybit/ws_orderbook_snapshot_docs_example.json");
  ASSERT_EQ(decode_both(exchange::bybit_linear, text, item), feed_kind::delta);
  auto& d = item.delta;
  EXPECT_TRUE(d.reset);
  EXPECT_EQ(d.symbol, (instrument{exchange::bybit_linear, "BTC", "USDT",
                                  "BTCUSDT", contract_type::perpetual}));
  EXPECT_EQ(d.seq, 18521288);
  EXPECT_EQ(d.first_seq, 18521288);
  EXPECT_EQ(d.prev_seq, 0);
  EXPECT_EQ(d.ts_event_ns, 1672304484978 * ms);
  ASSERT_EQ(d.bids.size(), 2u);
  ASSERT_EQ(d.asks.size(), 2u);
  EXPECT_EQ(d.bids[0], (price_level{dec("16493.50"), dec("0.006")}));
  EXPECT_EQ(d.bids[1], (price_level{dec("16493.00"), dec("0.100")}));
  EXPECT_EQ(d.asks[0], (price_level{dec("16611.00"), dec("0.029")}));
  EXPECT_EQ(d.asks[1], (price_level{dec("16612.00"), dec("0.213")}));
  EXPECT_FALSE(d.has_checksum);
}

TEST(BybitWs, DeltaFixture) {
  venue::feed_item item;
  auto text = fixture("bybit/ws_orderbook_delta_docs_example.json");
  ASSERT_EQ(decode_both(exchange::bybit_linear, text, item), feed_kind::delta);
  auto& d = item.delta;
  EXPECT_FALSE(d.reset);
  EXPECT_EQ(d.seq, 177400507);
  EXPECT_EQ(d.ts_event_ns, 1687940967466 * ms); // ts, not cts
  ASSERT_EQ(d.bids.size(), 5u);
  ASSERT_EQ(d.asks.size(), 7u);
  EXPECT_EQ(d.bids[0], (price_level{dec("30247.20"), dec("30.028")}));
  EXPECT_EQ(d.bids[4], (price_level{dec("30240.00"), decimal{}})); // removed
  EXPECT_EQ(d.asks[0], (price_level{dec("30248.70"), decimal{}}));
  EXPECT_EQ(d.asks[6], (price_level{dec("30252.50"), dec("4.591")}));
}

TEST(BybitWs, DeltaWithUpdateIdOneResets) {
  venue::feed_item item;
  auto text = replaced(fixture("bybit/ws_orderbook_delta_docs_example.json"),
                       "177400507", "1");
  ASSERT_EQ(decode_both(exchange::bybit_linear, text, item), feed_kind::delta);
  EXPECT_TRUE(item.delta.reset);
  EXPECT_EQ(item.delta.seq, 1);
}

TEST(BybitWs, SpotKeyOrderAndReusedItem) {
  // Spot sends ts before type; one decoder and one item across frames.
  std::string spot =
    R"({"topic":"orderbook.50.ETHUSDC","ts":1700000000001,"type":"delta",)"
    R"("data":{"s":"ETHUSDC","b":[["2000.1","1.5"]],"a":[],"u":7,"seq":99},)"
    R"("cts":1700000000000})";
  bybit::public_feed_decoder fast{exchange::bybit_spot};
  venue::feed_item item;
  ASSERT_EQ(fast.decode(fixture("bybit/ws_orderbook_snapshot_docs_example.json"),
                        1, item),
            feed_kind::delta);
  ASSERT_EQ(decode_both(exchange::bybit_spot, spot, item), feed_kind::delta);
  EXPECT_FALSE(item.delta.reset);
  EXPECT_EQ(item.delta.seq, 7);
  EXPECT_EQ(item.delta.symbol, (instrument{exchange::bybit_spot, "ETH", "USDC",
                                           "ETHUSDC", contract_type::spot}));
  ASSERT_EQ(item.delta.bids.size(), 1u);
  EXPECT_TRUE(item.delta.asks.empty());
  EXPECT_EQ(item.delta.ts_event_ns, 1700000000001 * ms);
}

TEST(BybitWs, BrokenBooksAreErrors) {
  venue::feed_item item;
  auto text = fixture("bybit/ws_orderbook_delta_docs_example.json");
  for (auto bad : {replaced(text, "\"u\"", "\"x\""),
                   replaced(text, "\"30247.20\"", "30247.20"),
                   replaced(text, "\"30247.20\"", "\"-1\""),
                   replaced(text, "\"type\"", "\"kind\""),
                   std::string{"{\"topic\":\"orderbook.50.BTCUSDT\""},
                   std::string{"not json"}})
    EXPECT_EQ(decode_both(exchange::bybit_linear, bad, item), feed_kind::error)
      << bad;
}

TEST(BybitWs, TradesAndSpotTickersAreOther) {
  venue::feed_item item;
  EXPECT_EQ(decode_both(exchange::bybit_linear,
                        fixture("bybit/ws_publicTrade_docs_example.json"), item),
            feed_kind::other);
  // The "linear" tickers fixture carries no mark price nor funding.
  EXPECT_EQ(decode_both(exchange::bybit_linear,
                        fixture("bybit/ws_tickers_linear_docs_example.json"),
                        item),
            feed_kind::other);
}

TEST(BybitWs, LinearTickersSnapshotThenDeltas) {
  venue::feed_item item;
  auto snapshot =
    R"({"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT",)"
    R"("tickDirection":"PlusTick","lastPrice":"17216.00","markPrice":"17217.33",)"
    R"("indexPrice":"17227.36","fundingRate":"-0.000212",)"
    R"("nextFundingTime":"1673280000000","fundingIntervalHour":"8",)"
    R"("bid1Price":"17215.50"},"cs":24987956059,"ts":1673272861686})";
  ASSERT_EQ(decode_both(exchange::bybit_linear, snapshot, item),
            feed_kind::mark);
  EXPECT_EQ(item.mark.symbol, (instrument{exchange::bybit_linear, "BTC", "USDT",
                                          "BTCUSDT", contract_type::perpetual}));
  EXPECT_EQ(item.mark.mark, dec("17217.33"));
  EXPECT_EQ(item.mark.index, dec("17227.36"));
  EXPECT_EQ(item.mark.ts_event_ns, 1673272861686 * ms);
  ASSERT_TRUE(item.has_funding);
  EXPECT_EQ(item.funding.venue, exchange::bybit_linear);
  EXPECT_EQ(item.funding.symbol, "BTCUSDT");
  EXPECT_EQ(item.funding.rate, dec("-0.000212"));
  EXPECT_EQ(item.funding.next_funding_ns, 1673280000000 * ms);
  EXPECT_EQ(item.funding.funding_interval_s, 8 * 3600);

  auto mark_only =
    R"({"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT",)"
    R"("markPrice":"17218.01"},"cs":24987956060,"ts":1673272861786})";
  ASSERT_EQ(decode_both(exchange::bybit_linear, mark_only, item),
            feed_kind::mark);
  EXPECT_EQ(item.mark.mark, dec("17218.01"));
  EXPECT_TRUE(item.mark.index.is_zero()); // not in this frame
  EXPECT_FALSE(item.has_funding);

  auto funding_only =
    R"({"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT",)"
    R"("fundingRate":"-0.0002"},"cs":24987956061,"ts":1673272861886})";
  ASSERT_EQ(decode_both(exchange::bybit_linear, funding_only, item),
            feed_kind::funding);
  EXPECT_TRUE(item.has_funding);
  EXPECT_EQ(item.funding.rate, dec("-0.0002"));
  EXPECT_EQ(item.funding.ts_ns, 1673272861886 * ms);
  EXPECT_EQ(item.funding.next_funding_ns, 0);

  auto price_only =
    R"({"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT",)"
    R"("lastPrice":"17220"},"cs":24987956062,"ts":1673272861986})";
  EXPECT_EQ(decode_both(exchange::bybit_linear, price_only, item),
            feed_kind::other);
  auto bad_mark = replaced(mark_only, "\"17218.01\"", "\"abc\"");
  EXPECT_EQ(decode_both(exchange::bybit_linear, bad_mark, item),
            feed_kind::error);
}

TEST(BybitWs, AcknowledgementsPongsAndFailures) {
  venue::feed_item item;
  for (auto ok : {
         R"({"success":true,"ret_msg":"","conn_id":"2324d924","req_id":"","op":"subscribe"})",
         R"({"success":true,"ret_msg":"pong","conn_id":"0970e817","req_id":"","op":"ping"})",
         R"({"op":"pong","args":["1675418560633"],"conn_id":"cfcb4ocsvfriu23r3er0"})",
       })
    EXPECT_EQ(decode_both(exchange::bybit_spot, ok, item), feed_kind::other) << ok;
  EXPECT_EQ(decode_both(exchange::bybit_spot,
                        R"({"success":false,"ret_msg":"error:handler not found","conn_id":"x","op":"subscribe"})",
                        item),
            feed_kind::error);
}

// -- private ----------------------------------------------------------------------------

TEST(BybitWsPrivate, LoginAndSubscribeReplies) {
  auto ok = bybit::parse_private(
    R"({"success":true,"ret_msg":"","op":"auth","conn_id":"cejreaspqfh3sjdnldmg-p"})",
    exchange::bybit_spot, 1);
  EXPECT_EQ(ok.kind, private_frame::authenticated);
  auto refused = bybit::parse_private(
    R"({"success":false,"ret_msg":"Params Error","op":"auth","conn_id":"x"})",
    exchange::bybit_spot, 1);
  EXPECT_EQ(refused.kind, private_frame::failure);
  EXPECT_EQ(refused.error, "login refused: Params Error");
  auto sub = bybit::parse_private(
    R"({"success":true,"ret_msg":"","op":"subscribe","conn_id":"x"})",
    exchange::bybit_spot, 1);
  EXPECT_EQ(sub.kind, private_frame::other);
  auto bad_sub = bybit::parse_private(
    R"({"success":false,"ret_msg":"topic not found","op":"subscribe"})",
    exchange::bybit_spot, 1);
  EXPECT_EQ(bad_sub.kind, private_frame::failure);
  EXPECT_EQ(bad_sub.error, "subscribe refused: topic not found");
  EXPECT_EQ(bybit::parse_private(R"({"op":"pong","args":["1"]})",
                                 exchange::bybit_spot, 1).kind,
            private_frame::other);
  EXPECT_EQ(bybit::parse_private("garbage", exchange::bybit_spot, 1).kind,
            private_frame::failure);
}

TEST(BybitWsPrivate, OrderFrame) {
  auto text =
    R"({"id":"5923240c6880ab-c59f-420b-9adb-3639adc9dd90","topic":"order.linear",)"
    R"("creationTime":1672364262474,"data":[{"symbol":"ETHUSDT",)"
    R"("orderId":"5cf98598-39a7-459e-97bf-76ca765ee020","side":"Sell",)"
    R"("orderType":"Market","cancelType":"UNKNOWN","price":"72.5",)"
    R"("qty":"1","orderIv":"","timeInForce":"IOC","orderStatus":"Filled",)"
    R"("orderLinkId":"t9-leg1-a1","lastPriceOnCreated":"","reduceOnly":false,)"
    R"("leavesQty":"","leavesValue":"","cumExecQty":"1","cumExecValue":"75",)"
    R"("avgPrice":"75","blockTradeId":"","positionIdx":0,"cumExecFee":"0.0412",)"
    R"("createdTime":"1672364262444","updatedTime":"1672364262457",)"
    R"("rejectReason":"EC_NoError","category":"linear"}]})";
  auto f = bybit::parse_private(text, exchange::bybit_linear, 77);
  ASSERT_EQ(f.kind, private_frame::order) << f.error;
  auto& o = f.update.state;
  EXPECT_EQ(f.update.origin, "stream");
  EXPECT_EQ(f.update.ts_recv_ns, 77);
  EXPECT_EQ(o.id, "5cf98598-39a7-459e-97bf-76ca765ee020");
  EXPECT_EQ(o.client_order_id, "t9-leg1-a1");
  EXPECT_EQ(o.symbol.venue_symbol, "ETHUSDT");
  EXPECT_EQ(o.order_side, side::sell);
  EXPECT_EQ(o.type, order_type::market);
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.amount, dec("1"));
  EXPECT_EQ(o.filled, dec("1"));
  EXPECT_TRUE(o.remaining.is_zero());
  EXPECT_EQ(o.average_price, dec("75"));
  EXPECT_EQ(o.fee, dec("0.0412"));
  EXPECT_EQ(o.ts_ns, 1672364262457 * ms);
  // Another category's order on the all-in-one topic is not ours.
  auto spot = bybit::parse_private(text, exchange::bybit_spot, 77);
  EXPECT_EQ(spot.kind, private_frame::other);
}

TEST(BybitWsPrivate, ExecutionFrame) {
  auto text =
    R"({"topic":"execution.spot","id":"386825804_BTCUSDT_140612148849382",)"
    R"("creationTime":1746270400355,"data":[)"
    R"({"category":"spot","symbol":"BTCUSDT","execFee":"0.000001",)"
    R"("execId":"2100000000097593079","execPrice":"96000.1","execQty":"0.001",)"
    R"("execType":"Trade","execValue":"96.0001","isMaker":false,)"
    R"("feeRate":"0.001","leavesQty":"0.001","orderId":"1950412069364419840",)"
    R"("orderLinkId":"t2-leg0-a1","orderPrice":"96500","orderQty":"0.002",)"
    R"("orderType":"Limit","side":"Buy","execTime":"1746270400353",)"
    R"("feeCurrency":"BTC","seq":1},)"
    R"({"category":"spot","symbol":"BTCUSDT","execFee":"0.000001",)"
    R"("execId":"2100000000097593080","execPrice":"96000.2","execQty":"0.001",)"
    R"("execType":"Trade","orderId":"1950412069364419840",)"
    R"("orderLinkId":"t2-leg0-a1","side":"Buy","execTime":"1746270400354",)"
    R"("feeCurrency":"BTC"},)"
    R"({"category":"spot","symbol":"BTCUSDT","execFee":"0","execId":"9",)"
    R"("execPrice":"1","execQty":"1","execType":"Trade","orderId":"other",)"
    R"("orderLinkId":"x","side":"Sell","execTime":"1746270400355"}]})";
  auto f = bybit::parse_private(text, exchange::bybit_spot, 5);
  ASSERT_EQ(f.kind, private_frame::order) << f.error;
  auto& o = f.update.state;
  EXPECT_EQ(o.id, "1950412069364419840");
  EXPECT_EQ(o.client_order_id, "t2-leg0-a1");
  EXPECT_EQ(o.status, order_status::submitted); // state from the order topic
  EXPECT_TRUE(o.filled.is_zero());
  ASSERT_EQ(f.update.fills.size(), 2u); // not the other order's
  auto& x = f.update.fills[0];
  EXPECT_EQ(x.trade_id, "2100000000097593079");
  EXPECT_EQ(x.venue_order_id, "1950412069364419840");
  EXPECT_EQ(x.client_order_id, "t2-leg0-a1");
  EXPECT_EQ(x.order_side, side::buy);
  EXPECT_EQ(x.price, dec("96000.1"));
  EXPECT_EQ(x.volume, dec("0.001"));
  EXPECT_EQ(x.fee, dec("0.000001"));
  EXPECT_EQ(x.fee_currency, "BTC");
  EXPECT_EQ(x.ts_event_ns, 1746270400353 * ms);
  EXPECT_EQ(f.update.fills[1].price, dec("96000.2"));
  EXPECT_EQ(o.ts_ns, 1746270400354 * ms);

  auto funding =
    R"({"topic":"execution.linear","data":[{"category":"linear",)"
    R"("symbol":"BTCUSDT","execFee":"0.01","execId":"f1","execPrice":"65000",)"
    R"("execQty":"0.01","execType":"Funding","orderId":"","side":"Buy",)"
    R"("execTime":"1746270400353"}]})";
  EXPECT_EQ(bybit::parse_private(funding, exchange::bybit_linear, 5).kind,
            private_frame::other);
  auto linear_trade = replaced(replaced(funding, "Funding", "Trade"),
                               R"("orderId":"")", R"("orderId":"o1")");
  auto t = bybit::parse_private(linear_trade, exchange::bybit_linear, 5);
  ASSERT_EQ(t.kind, private_frame::order) << t.error;
  EXPECT_EQ(t.update.fills.at(0).fee_currency, "USDT");
}

TEST(BybitWsPrivate, WalletAndPositionFrames) {
  auto wallet = bybit::parse_private(
    R"({"id":"592324d2bce751-ad38-48eb-8f42-4671d1fb4d4e","topic":"wallet",)"
    R"("creationTime":1700034722104,"data":[{"accountType":"UNIFIED",)"
    R"("totalEquity":"10","coin":[{"coin":"USDT","equity":"10",)"
    R"("walletBalance":"10.5","locked":"0.5","totalOrderIM":"1",)"
    R"("totalPositionIM":"2","unrealisedPnl":"0"}]}]})",
    exchange::bybit_linear, 1);
  ASSERT_EQ(wallet.kind, private_frame::assets) << wallet.error;
  ASSERT_EQ(wallet.balances.size(), 1u);
  auto& b = wallet.balances[0];
  EXPECT_EQ(b.venue, exchange::bybit_linear);
  EXPECT_EQ(b.currency, "USDT");
  EXPECT_EQ(b.total, dec("10.5"));
  EXPECT_EQ(b.used, dec("3.5"));
  EXPECT_EQ(b.free, dec("7"));
  EXPECT_EQ(b.ts_ns, 1700034722104 * ms);

  auto positions = bybit::parse_private(
    R"({"id":"1003076014fb7eedb-c7e6-45d6-a8c1-270f0169171a","topic":"position",)"
    R"("creationTime":1697682317044,"data":[{"positionIdx":0,"symbol":"BTCUSDT",)"
    R"("side":"Sell","size":"0.01","entryPrice":"30000","avgPrice":"30000",)"
    R"("leverage":"5","markPrice":"29900","positionIM":"60","liqPrice":"35000",)"
    R"("unrealisedPnl":"1","updatedTime":"1697682317038","category":"linear"},)"
    R"({"positionIdx":0,"symbol":"ETHUSDT","side":"","size":"0","avgPrice":"0",)"
    R"("leverage":"5","markPrice":"2000","liqPrice":"","unrealisedPnl":"0",)"
    R"("updatedTime":"1697682317039","category":"linear"}]})",
    exchange::bybit_linear, 1);
  ASSERT_EQ(positions.kind, private_frame::positions) << positions.error;
  ASSERT_EQ(positions.position_list.size(), 2u); // flat ones too
  auto& p = positions.position_list[0];
  EXPECT_EQ(p.position_side, side::sell);
  EXPECT_EQ(p.amount, dec("0.01"));
  EXPECT_EQ(p.entry_price, dec("30000"));
  EXPECT_EQ(p.liquidation_price, dec("35000"));
  EXPECT_EQ(p.margin, dec("60"));
  EXPECT_DOUBLE_EQ(p.leverage, 5.0);
  EXPECT_TRUE(positions.position_list[1].amount.is_zero());
  EXPECT_EQ(bybit::parse_private(R"({"topic":"wallet","data":{}})",
                                 exchange::bybit_linear, 1).kind,
            private_frame::failure);
}

// -- robustness ---------------------------------------------------------------------------

TEST(BybitWs, TruncatedFramesNeverCrashNorLie) {
  // On-Demand parsing stops once it has what it needs: a frame cut after
  // its last needed field may still decode, but only to the full frame's
  // values; the nlohmann parser refuses every cut.
  for (auto name : {"bybit/ws_orderbook_delta_docs_example.json",
                    "bybit/ws_orderbook_snapshot_docs_example.json"}) {
    auto text = fixture(name);
    venue::feed_item whole;
    bybit::public_feed_decoder fast{exchange::bybit_linear};
    ASSERT_EQ(fast.decode(text, 1, whole), feed_kind::delta);
    // Every cut that loses at least the closing brace.
    for (size_t n = 0; n <= text.find_last_of('}'); ++n) {
      auto cut = text.substr(0, n);
      venue::feed_item item;
      auto kind = fast.decode(cut, 1, item);
      EXPECT_TRUE(kind == feed_kind::delta || kind == feed_kind::error) << n;
      if (kind == feed_kind::delta) {
        EXPECT_EQ(item.delta.bids, whole.delta.bids) << n;
        EXPECT_EQ(item.delta.asks, whole.delta.asks) << n;
        EXPECT_EQ(item.delta.seq, whole.delta.seq) << n;
      }
      venue::feed_item slow;
      EXPECT_EQ(bybit::decode_public_frame(cut, exchange::bybit_linear, 1, slow),
                feed_kind::error)
        << n;
      EXPECT_EQ(bybit::parse_private(cut, exchange::bybit_linear, 1).kind,
                private_frame::failure)
        << n;
    }
  }
}
