// Binance WebSocket frames: every line of the ws_*.jsonl captures through
// the simdjson decoder and the nlohmann parser (same results), mark price,
// acks and errors, and the private user-data frames.

#include <gtest/gtest.h>

#include "exchanges/binance/feed_decoder.hpp"
#include "exchanges/binance/stream_decoder.hpp"
#include "exchanges/binance/ws_parse.hpp"
#include "exchanges/binance/ws_private.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture_lines;
using venue::feed_kind;
using venue::private_frame;

namespace {

constexpr int64_t ms = 1'000'000;

/// Decodes with both paths and checks they agree.
feed_kind decode_both(exchange venue, const std::string& text,
                      venue::feed_item& item) {
  binance::market_feed_decoder fast{venue};
  venue::feed_item slow;
  auto a = fast.decode(text, 42, item);
  auto b = binance::decode_stream_frame(text, venue, 42, slow);
  EXPECT_EQ(a, b) << text;
  if (a == feed_kind::delta) {
    EXPECT_EQ(item.delta.bids, slow.delta.bids);
    EXPECT_EQ(item.delta.asks, slow.delta.asks);
    EXPECT_EQ(item.delta.first_seq, slow.delta.first_seq);
    EXPECT_EQ(item.delta.seq, slow.delta.seq);
    EXPECT_EQ(item.delta.prev_seq, slow.delta.prev_seq);
    EXPECT_EQ(item.delta.ts_event_ns, slow.delta.ts_event_ns);
    EXPECT_EQ(item.delta.symbol, slow.delta.symbol);
    EXPECT_EQ(item.delta.ts_recv_ns, 42);
    EXPECT_EQ(slow.delta.ts_recv_ns, 42);
  }
  return a;
}

} // namespace

TEST(BinanceWs, DecoderPicksABackend) {
  binance::stream_decoder d{exchange::binance_spot};
  std::string name = d.backend_name();
  EXPECT_TRUE(name == "haswell" || name == "fallback");
}

TEST(BinanceWs, SpotDepthCaptureEveryLine) {
  auto lines = fixture_lines("binance_spot/ws_depth_NKNUSDT_100ms.jsonl");
  ASSERT_EQ(lines.size(), 150u);
  int64_t prev_u = 0;
  for (auto& line : lines) {
    venue::feed_item item;
    ASSERT_EQ(decode_both(exchange::binance_spot, line, item), feed_kind::delta)
      << line;
    auto& d = item.delta;
    EXPECT_EQ(d.symbol.venue_symbol, "NKNUSDT");
    EXPECT_EQ(d.symbol.venue, exchange::binance_spot);
    EXPECT_EQ(d.symbol.contract, contract_type::spot);
    EXPECT_EQ(d.prev_seq, 0);
    EXPECT_LE(d.first_seq, d.seq);
    EXPECT_GT(d.first_seq, prev_u);
    EXPECT_FALSE(d.bids.empty() && d.asks.empty());
    prev_u = d.seq;
  }
  venue::feed_item first;
  decode_both(exchange::binance_spot, lines[0], first);
  EXPECT_EQ(first.delta.first_seq, 499869750);
  EXPECT_EQ(first.delta.seq, 499869752);
  EXPECT_EQ(first.delta.ts_event_ns, 1633998512068 * ms);
  ASSERT_EQ(first.delta.bids.size(), 3u);
  EXPECT_TRUE(first.delta.asks.empty());
  EXPECT_EQ(first.delta.bids[0], (price_level{dec("0.3513"), dec("6195")}));
  EXPECT_EQ(first.delta.bids[2], (price_level{dec("0.3464"), dec("6222")}));
  venue::feed_item second;
  decode_both(exchange::binance_spot, lines[1], second);
  EXPECT_EQ(second.delta.first_seq, 499869753);
  EXPECT_EQ(second.delta.seq, 499869754);
  ASSERT_EQ(second.delta.asks.size(), 1u);
  EXPECT_EQ(second.delta.asks[0], (price_level{dec("0.3529"), dec("10968")}));
}

TEST(BinanceWs, UsdmDepthCaptureEveryLine) {
  auto lines = fixture_lines("binance_usdm/ws_depth_SUSHIUSDT_100ms.jsonl");
  ASSERT_EQ(lines.size(), 255u);
  bool zero_seen = false;
  for (auto& line : lines) {
    venue::feed_item item;
    ASSERT_EQ(decode_both(exchange::binance_usdm, line, item), feed_kind::delta)
      << line;
    auto& d = item.delta;
    EXPECT_EQ(d.symbol.venue_symbol, "SUSHIUSDT");
    EXPECT_EQ(d.symbol.contract, contract_type::perpetual);
    EXPECT_GT(d.prev_seq, 0);
    EXPECT_LT(d.prev_seq, d.first_seq);
    for (auto& l : d.bids)
      zero_seen = zero_seen || l.volume.is_zero();
  }
  EXPECT_TRUE(zero_seen); // "0" quantities survive as removals
  venue::feed_item first;
  decode_both(exchange::binance_usdm, lines[0], first);
  EXPECT_EQ(first.delta.first_seq, 600859599090);
  EXPECT_EQ(first.delta.seq, 600859600917);
  EXPECT_EQ(first.delta.prev_seq, 600859598061);
  EXPECT_EQ(first.delta.ts_event_ns, 1626992741037 * ms);
  ASSERT_EQ(first.delta.bids.size(), 3u);
  EXPECT_EQ(first.delta.bids[1], (price_level{dec("7.609"), dec("0")}));
  ASSERT_EQ(first.delta.asks.size(), 2u);
  EXPECT_EQ(first.delta.asks[1], (price_level{dec("7.622"), dec("3284")}));
}

TEST(BinanceWs, TradesAndBookTickersAreOther) {
  struct capture { exchange venue; const char* file; size_t lines; };
  for (auto [venue, file, count] : {
         capture{exchange::binance_spot, "binance_spot/ws_aggTrade_NKNUSDT.jsonl", 1},
         capture{exchange::binance_spot, "binance_spot/ws_bookTicker_NKNUSDT.jsonl", 20},
         capture{exchange::binance_usdm, "binance_usdm/ws_aggTrade_SUSHIUSDT.jsonl", 20},
         capture{exchange::binance_usdm, "binance_usdm/ws_bookTicker_SUSHIUSDT.jsonl", 20},
       }) {
    auto lines = fixture_lines(file);
    EXPECT_EQ(lines.size(), count) << file;
    for (auto& line : lines) {
      venue::feed_item item;
      EXPECT_EQ(decode_both(venue, line, item), feed_kind::other) << line;
    }
  }
}

TEST(BinanceWs, RawDepthFrameAndReusedStorage) {
  binance::market_feed_decoder d{exchange::binance_usdm};
  venue::feed_item item;
  std::string raw = R"({"e":"depthUpdate","E":1,"T":1,"s":"BTCUSDT","U":10,"u":12,)"
                    R"("pu":9,"b":[["100.5","1"],["100","0"]],"a":[["101","2.5"]]})";
  ASSERT_EQ(d.decode(raw, 7, item), feed_kind::delta);
  EXPECT_EQ(item.delta.first_seq, 10);
  EXPECT_EQ(item.delta.seq, 12);
  EXPECT_EQ(item.delta.prev_seq, 9);
  EXPECT_EQ(item.delta.ts_recv_ns, 7);
  ASSERT_EQ(item.delta.bids.size(), 2u);
  auto* bids = item.delta.bids.data();
  ASSERT_EQ(d.decode(raw, 8, item), feed_kind::delta);
  EXPECT_EQ(item.delta.bids.data(), bids); // storage reused, not regrown
  EXPECT_EQ(item.delta.bids.size(), 2u);
  EXPECT_EQ(item.delta.asks[0], (price_level{dec("101"), dec("2.5")}));
}

TEST(BinanceWs, MarkPriceUpdate) {
  std::string frame =
    R"({"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate",)"
    R"("E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091",)"
    R"("P":"11784.25641265","r":"0.00038167","T":1562306400000}})";
  for (bool fast : {true, false}) {
    venue::feed_item item;
    binance::market_feed_decoder d{exchange::binance_usdm};
    auto kind = fast ? d.decode(frame, 1, item)
                     : binance::decode_stream_frame(frame, exchange::binance_usdm,
                                                    1, item);
    ASSERT_EQ(kind, feed_kind::mark);
    EXPECT_EQ(item.mark.symbol.venue_symbol, "BTCUSDT");
    EXPECT_EQ(item.mark.mark, dec("11794.15"));
    EXPECT_EQ(item.mark.index, dec("11784.62659091"));
    EXPECT_EQ(item.mark.ts_event_ns, 1562305380000 * ms);
    ASSERT_TRUE(item.has_funding);
    EXPECT_EQ(item.funding.venue, exchange::binance_usdm);
    EXPECT_EQ(item.funding.symbol, "BTCUSDT");
    EXPECT_EQ(item.funding.rate, dec("0.00038167"));
    EXPECT_EQ(item.funding.next_funding_ns, 1562306400000 * ms);
    EXPECT_EQ(item.funding.funding_interval_s, 8 * 3600);
  }
}

TEST(BinanceWs, ANonPositiveMarkOrANegativeIndexIsRefusedOnBothPaths) {
  for (const char* prices : {R"("p":"0","i":"1")", R"("p":"-1","i":"1")",
                             R"("p":"1","i":"-1")"}) {
    auto frame = std::string{R"({"e":"markPriceUpdate","E":1,"s":"BTCUSDT",)"}
                 + prices + R"(,"P":"1","r":"0.0001","T":2})";
    binance::market_feed_decoder fast{exchange::binance_usdm};
    venue::feed_item a, b;
    EXPECT_EQ(fast.decode(frame, 1, a), feed_kind::error) << frame;
    EXPECT_EQ(binance::decode_stream_frame(frame, exchange::binance_usdm, 1,
                                           b),
              feed_kind::error)
      << frame;
  }
}

TEST(BinanceWs, AcksErrorsAndGarbage) {
  struct row { const char* text; feed_kind want; };
  for (auto [text, want] : {
         row{R"({"result":null,"id":1})", feed_kind::other},
         row{R"({"code":2,"msg":"Invalid request: unknown variant"})", feed_kind::error},
         row{R"({"error":{"code":2,"msg":"Invalid request"},"id":1})", feed_kind::error},
         row{"not json", feed_kind::error},
         row{"[1,2]", feed_kind::error},
         row{R"({"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"b":[["1"]],"a":[]})",
             feed_kind::error},
         row{R"({"e":"depthUpdate","E":1,"s":"X","U":1,"b":[],"a":[]})",
             feed_kind::error},
         row{R"({"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"b":[["-1","1"]],"a":[]})",
             feed_kind::error},
         row{R"({"e":"trade","E":1,"s":"X"})", feed_kind::other},
       }) {
    venue::feed_item item;
    EXPECT_EQ(decode_both(exchange::binance_spot, text, item), want) << text;
  }
}

// -- private frames -----------------------------------------------------------------

TEST(BinanceWsPrivate, SpotExecutionReportTradeInApiWrapper) {
  std::string text =
    R"({"subscriptionId":0,"event":{"e":"executionReport","E":1499405658658,)"
    R"("s":"ETHBTC","c":"karb-7","S":"BUY","o":"LIMIT","f":"GTC",)"
    R"("q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000",)"
    R"("g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":4293153,)"
    R"("l":"0.40000000","z":"0.40000000","L":"0.10264000","n":"0.00040000",)"
    R"("N":"ETH","T":1499405658657,"t":77,"I":8641984,"w":false,"m":false,)"
    R"("M":true,"O":1499405658600,"Z":"0.04105600","Y":"0.04105600",)"
    R"("Q":"0.00000000"}})";
  auto f = binance::parse_private(text, exchange::binance_spot, 99);
  ASSERT_EQ(f.kind, private_frame::order) << f.error;
  auto& o = f.update.state;
  EXPECT_EQ(o.id, "4293153");
  EXPECT_EQ(o.client_order_id, "karb-7");
  EXPECT_EQ(o.symbol.venue_symbol, "ETHBTC");
  EXPECT_EQ(o.order_side, side::buy);
  EXPECT_EQ(o.type, order_type::limit);
  EXPECT_EQ(o.status, order_status::partially_filled);
  EXPECT_EQ(o.amount, dec("1"));
  EXPECT_EQ(o.price, dec("0.1026441"));
  EXPECT_EQ(o.filled, dec("0.4"));
  EXPECT_EQ(o.remaining, dec("0.6"));
  EXPECT_EQ(o.average_price, dec("0.10264"));
  EXPECT_EQ(o.ts_ns, 1499405658657 * ms);
  EXPECT_EQ(f.update.origin, "stream");
  EXPECT_EQ(f.update.ts_recv_ns, 99);
  ASSERT_EQ(f.update.fills.size(), 1u);
  auto& fl = f.update.fills[0];
  EXPECT_EQ(fl.trade_id, "77");
  EXPECT_EQ(fl.venue_order_id, "4293153");
  EXPECT_EQ(fl.client_order_id, "karb-7");
  EXPECT_EQ(fl.price, dec("0.10264"));
  EXPECT_EQ(fl.volume, dec("0.4"));
  EXPECT_EQ(fl.fee, dec("0.0004"));
  EXPECT_EQ(fl.fee_currency, "ETH");
}

TEST(BinanceWsPrivate, SpotCancelEventCarriesOurIdInBigC) {
  std::string text =
    R"({"e":"executionReport","E":2,"s":"ETHBTC","c":"cancel-req-1","S":"SELL",)"
    R"("o":"LIMIT","f":"GTC","q":"1","p":"0.2","x":"CANCELED","X":"CANCELED",)"
    R"("i":5,"l":"0","z":"0","L":"0","n":"0","N":null,"T":3,"t":-1,)"
    R"("C":"karb-8","Z":"0","Q":"0"})";
  auto f = binance::parse_private(text, exchange::binance_spot, 1);
  ASSERT_EQ(f.kind, private_frame::order) << f.error;
  EXPECT_EQ(f.update.state.client_order_id, "karb-8");
  EXPECT_EQ(f.update.state.status, order_status::cancelled);
  EXPECT_TRUE(f.update.fills.empty());
}

TEST(BinanceWsPrivate, SpotAccountPosition) {
  std::string text =
    R"({"subscriptionId":0,"event":{"e":"outboundAccountPosition",)"
    R"("E":1564034571105,"u":1564034571073,"B":[{"a":"ETH","f":"10000.000000",)"
    R"("l":"1.5"}]}})";
  auto f = binance::parse_private(text, exchange::binance_spot, 1);
  ASSERT_EQ(f.kind, private_frame::assets) << f.error;
  ASSERT_EQ(f.balances.size(), 1u);
  EXPECT_EQ(f.balances[0].currency, "ETH");
  EXPECT_EQ(f.balances[0].free, dec("10000"));
  EXPECT_EQ(f.balances[0].used, dec("1.5"));
  EXPECT_EQ(f.balances[0].total, dec("10001.5"));
  EXPECT_EQ(f.balances[0].ts_ns, 1564034571073 * ms);
}

TEST(BinanceWsPrivate, UsdmOrderTradeUpdate) {
  std::string text =
    R"({"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{)"
    R"("s":"BTCUSDT","c":"karb-9","S":"SELL","o":"LIMIT","f":"GTC","q":"0.010",)"
    R"("p":"60000","ap":"60000","sp":"0","x":"TRADE","X":"FILLED","i":8886774,)"
    R"("l":"0.010","z":"0.010","L":"60000","n":"0.24","N":"USDT",)"
    R"("T":1568879465650,"t":1234,"b":"0","a":"0","m":true,"R":true,)"
    R"("wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"1.2"}})";
  auto f = binance::parse_private(text, exchange::binance_usdm, 5);
  ASSERT_EQ(f.kind, private_frame::order) << f.error;
  auto& o = f.update.state;
  EXPECT_EQ(o.id, "8886774");
  EXPECT_EQ(o.client_order_id, "karb-9");
  EXPECT_EQ(o.symbol.contract, contract_type::perpetual);
  EXPECT_EQ(o.order_side, side::sell);
  EXPECT_EQ(o.status, order_status::filled);
  EXPECT_EQ(o.filled, dec("0.01"));
  EXPECT_EQ(o.remaining, dec("0"));
  EXPECT_EQ(o.average_price, dec("60000"));
  ASSERT_EQ(f.update.fills.size(), 1u);
  EXPECT_EQ(f.update.fills[0].trade_id, "1234");
  EXPECT_EQ(f.update.fills[0].volume, dec("0.01"));
  EXPECT_EQ(f.update.fills[0].fee, dec("0.24"));
  EXPECT_EQ(f.update.fills[0].fee_currency, "USDT");
  EXPECT_EQ(f.update.fills[0].ts_event_ns, 1568879465650 * ms);
}

TEST(BinanceWsPrivate, UsdmAccountUpdate) {
  std::string positions =
    R"({"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER",)"
    R"("B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"50"}],)"
    R"("P":[{"s":"BTCUSDT","pa":"-0.020","ep":"60000","bep":"0","cr":"200",)"
    R"("up":"-1.5","mt":"isolated","iw":"60.5","ps":"BOTH"}]}})";
  auto f = binance::parse_private(positions, exchange::binance_usdm, 1);
  ASSERT_EQ(f.kind, private_frame::positions) << f.error;
  ASSERT_EQ(f.position_list.size(), 1u);
  auto& p = f.position_list[0];
  EXPECT_EQ(p.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(p.position_side, side::sell);
  EXPECT_EQ(p.amount, dec("0.02"));
  EXPECT_EQ(p.entry_price, dec("60000"));
  EXPECT_EQ(p.unrealized_pnl, dec("-1.5"));
  EXPECT_EQ(p.margin, dec("60.5"));
  EXPECT_EQ(p.ts_ns, 1564745798938 * ms);
  ASSERT_EQ(f.balances.size(), 1u);
  EXPECT_EQ(f.balances[0].total, dec("122624.12345678"));
  EXPECT_EQ(f.balances[0].free, dec("100.12345678"));
  std::string balances_only =
    R"({"e":"ACCOUNT_UPDATE","E":1,"T":2,"a":{"m":"FUNDING_FEE",)"
    R"("B":[{"a":"USDT","wb":"10","cw":"10","bc":"0"}]}})";
  auto g = binance::parse_private(balances_only, exchange::binance_usdm, 1);
  EXPECT_EQ(g.kind, private_frame::assets);
  EXPECT_EQ(g.balances.size(), 1u);
}

TEST(BinanceWsPrivate, RepliesExpiryAndGarbage) {
  auto ok = binance::parse_private(
    R"({"id":"x","status":200,"result":{"subscriptionId":0}})",
    exchange::binance_spot, 1);
  EXPECT_EQ(ok.kind, private_frame::other);
  auto refused = binance::parse_private(
    R"({"id":"x","status":400,"error":{"code":-1022,"msg":"Signature for this request is not valid."}})",
    exchange::binance_spot, 1);
  ASSERT_EQ(refused.kind, private_frame::failure);
  EXPECT_NE(refused.error.find("Signature"), std::string::npos);
  EXPECT_NE(refused.error.find("-1022"), std::string::npos);
  auto expired = binance::parse_private(
    R"({"e":"listenKeyExpired","E":1576653824250,"listenKey":"abc"})",
    exchange::binance_usdm, 1);
  ASSERT_EQ(expired.kind, private_frame::failure);
  EXPECT_NE(expired.error.find("listen key expired"), std::string::npos);
  EXPECT_EQ(binance::parse_private(R"({"e":"balanceUpdate","E":1})",
                                   exchange::binance_spot, 1)
              .kind,
            private_frame::other);
  EXPECT_EQ(binance::parse_private("garbage", exchange::binance_spot, 1).kind,
            private_frame::failure);
  auto broken = binance::parse_private(
    R"({"e":"ORDER_TRADE_UPDATE","E":1,"T":1,"o":{"s":"BTCUSDT"}})",
    exchange::binance_usdm, 1);
  EXPECT_EQ(broken.kind, private_frame::failure);
}
