// Venue numbers out of range (issue 18 item 4): a balance past decimal's
// range (about 9.22e10 units), a sum or difference that would overflow, a
// ms timestamp past the last ns an int64 holds (9223372036855 ms, ~2262).
// In a REST list the bad item is skipped and reported, the others kept; a
// WebSocket frame carrying one decodes as an error; never UB.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/binance/account_parse.hpp"
#include "exchanges/binance/feed_decoder.hpp"
#include "exchanges/binance/order_parse.hpp"
#include "exchanges/binance/ws_parse.hpp"
#include "exchanges/binance/ws_private.hpp"
#include "exchanges/bybit/account_parse.hpp"
#include "exchanges/bybit/feed_decoder.hpp"
#include "exchanges/bybit/transaction_log_parse.hpp"
#include "exchanges/bybit/ws_parse.hpp"
#include "exchanges/bybit/ws_private.hpp"
#include "exchanges/common/book_sync.hpp"
#include "exchanges/common/json_text.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"
#include "exchanges/korea/ws_parse.hpp"
#include "exchanges/okx/account_parse.hpp"
#include "exchanges/okx/bills_parse.hpp"
#include "exchanges/okx/feed_decoder.hpp"
#include "exchanges/okx/ws_parse.hpp"
#include "exchanges/okx/ws_private.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;
using venue::feed_kind;
using venue::private_frame;

namespace {

/// The first ms count whose ns overflow int64 (INT64_MAX / 1e6 + 1).
constexpr const char* too_late_ms = "9223372036855";

/// A list result with `kept` items and exactly one rejection naming `why`.
template <class T>
void expect_one_rejected(const result<item_list<T>>& r, size_t kept,
                         const std::string& why) {
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->items.size(), kept);
  ASSERT_EQ(r->rejected.size(), 1u);
  EXPECT_NE(r->rejected[0].find(why), std::string::npos) << r->rejected[0];
}

std::string bybit_reply(const std::string& result) {
  return R"({"retCode":0,"retMsg":"OK","result":)" + result
         + R"(,"time":1700000000000})";
}

venue::contract_size_fn btc_swap_only() {
  return [](std::string_view id) -> std::optional<decimal> {
    if (id == "BTC-USDT-SWAP")
      return dec("0.01");
    return std::nullopt;
  };
}

} // namespace

// -- json_text ----------------------------------------------------------------

TEST(OutOfRange, ReaderTimestampAndSumHelpersFailTheReader) {
  auto doc = json_text::parse(R"({"ok":1700000000000,"late":9223372036855})");
  ASSERT_TRUE(doc.ok());
  json_text::reader r{*doc, "x"};
  EXPECT_EQ(r.ms_timestamp("ok"), 1'700'000'000'000'000'000);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.sum(dec("1.5"), dec("2"), "a + b"), dec("3.5"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.ms_timestamp("late"), 0);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'late' is out of range"),
            std::string::npos);

  json_text::reader s{*doc, "x"};
  auto max = decimal::from_raw(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(s.sum(max, dec("0.00000001"), "a + b"), decimal{});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("a + b overflows"), std::string::npos);
  json_text::reader d{*doc, "x"};
  EXPECT_EQ(d.difference(-max, dec("1"), "a - b"), decimal{});
  EXPECT_FALSE(d.ok());
}

TEST(OutOfRange, ParseEachSkipsTheFailingElement) {
  auto r = json_text::parse_each<int64_t>(
    R"([{"n":1},{"m":2},{"n":3}])",
    [](const json_text::json& j) -> result<int64_t> {
      json_text::reader x{j, "item"};
      auto n = x.integer("n");
      if (!x.ok())
        return x.error();
      return n;
    },
    "numbers");
  expect_one_rejected(r, 2, "missing field 'n'");
  EXPECT_EQ(r->items[0], 1);
  EXPECT_EQ(r->items[1], 3);
  auto zero = [](const json_text::json&) { return result<int64_t>{0L}; };
  EXPECT_FALSE(json_text::parse_each<int64_t>("{}", zero, "numbers").ok());
}

// -- Binance ------------------------------------------------------------------

TEST(OutOfRange, BinanceSpotAccountSkipsABalanceWhoseTotalOverflows) {
  // 92233720368 free + 1 locked is past the range: only XRP is skipped.
  auto r = binance::parse_spot_account(
    R"({"updateTime":1,"balances":[)"
    R"({"asset":"BTC","free":"1","locked":"0.5"},)"
    R"({"asset":"XRP","free":"92233720368","locked":"1"},)"
    R"({"asset":"ADA","free":"92233720369","locked":"0"},)"
    R"({"asset":"USDT","free":"10","locked":"0"}]})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].currency, "BTC");
  EXPECT_EQ(r->items[0].total, dec("1.5"));
  EXPECT_EQ(r->items[1].currency, "USDT");
  ASSERT_EQ(r->rejected.size(), 2u);
  EXPECT_NE(r->rejected[0].find("free + locked overflows"), std::string::npos);
  EXPECT_NE(r->rejected[1].find("'free' is not a decimal"), std::string::npos);
}

TEST(OutOfRange, BinanceAccountTimeOutOfRangeFailsTheWholeReply) {
  auto r = binance::parse_spot_account(
    std::string{R"({"updateTime":)"} + too_late_ms
    + R"(,"balances":[{"asset":"BTC","free":"1","locked":"0"}]})");
  EXPECT_FALSE(r.ok()); // the time every balance would carry
}

TEST(OutOfRange, BinanceUsdmBalancesAndPositionsSkipALateTimestamp) {
  auto b = binance::parse_usdm_balances(
    std::string{R"([{"asset":"USDT","balance":"10","availableBalance":"4",)"}
    + R"("updateTime":1},{"asset":"BNB","balance":"1",)"
    + R"("availableBalance":"1","updateTime":)" + too_late_ms + "}]");
  expect_one_rejected(b, 1, "'updateTime' is out of range");
  EXPECT_EQ(b->items[0].used, dec("6"));
  auto p = binance::parse_positions(
    std::string{R"([{"symbol":"BTCUSDT","positionAmt":"0.5",)"}
    + R"("entryPrice":"1","markPrice":"1","unRealizedProfit":"0",)"
    + R"("liquidationPrice":"0","updateTime":)" + too_late_ms + "},"
    + R"({"symbol":"ETHUSDT","positionAmt":"-2","entryPrice":"1",)"
    + R"("markPrice":"1","unRealizedProfit":"0","liquidationPrice":"0",)"
    + R"("updateTime":1}])");
  expect_one_rejected(p, 1, "'updateTime' is out of range");
  EXPECT_EQ(p->items[0].symbol.venue_symbol, "ETHUSDT");
}

TEST(OutOfRange, BinanceOrdersSkipOneWhoseCommissionsOverflow) {
  auto r = binance::parse_orders(
    R"([{"symbol":"BTCUSDT","orderId":1,"clientOrderId":"a","price":"1",)"
    R"("origQty":"1","executedQty":"1","status":"FILLED","type":"LIMIT",)"
    R"("side":"BUY","time":1,"fills":[)"
    R"({"price":"1","qty":"0.5","commission":"92233720368",)"
    R"("commissionAsset":"B","tradeId":1},)"
    R"({"price":"1","qty":"0.5","commission":"1","commissionAsset":"B",)"
    R"("tradeId":2}]},)"
    R"({"symbol":"BTCUSDT","orderId":2,"clientOrderId":"b","price":"1",)"
    R"("origQty":"1","executedQty":"0","status":"NEW","type":"LIMIT",)"
    R"("side":"BUY","time":1}])",
    exchange::binance_spot);
  expect_one_rejected(r, 1, "sum of commissions overflows");
  EXPECT_EQ(r->items[0].o.client_order_id, "b");
}

TEST(OutOfRange, BinanceFramesWithALateTimestampDecodeAsErrors) {
  auto depth = std::string{R"({"e":"depthUpdate","E":)"} + too_late_ms
               + R"(,"s":"BTCUSDT","U":10,"u":12,"b":[["1","1"]],"a":[]})";
  auto mark = std::string{R"({"e":"markPriceUpdate","E":1,"s":"BTCUSDT",)"}
              + R"("p":"1","i":"1","P":"1","r":"0.0001","T":)" + too_late_ms
              + "}";
  for (auto* venue_frame : {&depth, &mark}) {
    auto venue = venue_frame == &depth ? exchange::binance_spot
                                       : exchange::binance_usdm;
    binance::market_feed_decoder fast{venue};
    venue::feed_item a, b;
    EXPECT_EQ(fast.decode(*venue_frame, 1, a), feed_kind::error);
    EXPECT_EQ(binance::decode_stream_frame(*venue_frame, venue, 1, b),
              feed_kind::error);
  }
  auto assets = binance::parse_private(
    R"({"e":"outboundAccountPosition","E":1,"u":1,"B":[)"
    R"({"a":"BTC","f":"92233720368","l":"1"}]})",
    exchange::binance_spot, 1);
  EXPECT_EQ(assets.kind, private_frame::failure);
  EXPECT_NE(assets.error.find("f + l overflows"), std::string::npos);
}

// -- OKX ----------------------------------------------------------------------

TEST(OutOfRange, OkxBalancesSkipOneWhoseFreePartOverflows) {
  // No availBal: free = cashBal - frozenBal, here below the range.
  auto r = okx::parse_balances(
    R"({"code":"0","msg":"","data":[{"uTime":"1","details":[)"
    R"({"ccy":"BTC","cashBal":"1","frozenBal":"0.25","availBal":"0.75"},)"
    R"({"ccy":"XRP","cashBal":"-92233720368","frozenBal":"1"},)"
    R"({"ccy":"USDT","cashBal":"10","frozenBal":"0"}]}]})",
    exchange::okx_spot);
  expect_one_rejected(r, 2, "cashBal - frozenBal overflows");
  EXPECT_EQ(r->items[0].currency, "BTC");
  EXPECT_EQ(r->items[1].currency, "USDT");
  EXPECT_EQ(r->items[1].free, dec("10"));
}

TEST(OutOfRange, OkxPositionsSkipAnUnknownContractAndALateTime) {
  auto row = [](const char* inst, const char* utime) {
    return std::string{R"({"instType":"SWAP","instId":")"} + inst
           + R"(","pos":"2","avgPx":"1","markPx":"1","upl":"0",)"
           + R"("lever":"5","uTime":")" + utime + R"("})";
  };
  auto r = okx::parse_positions(
    R"({"code":"0","msg":"","data":[)" + row("BTC-USDT-SWAP", too_late_ms)
      + "," + row("SOL-USDT-SWAP", "1") + "," + row("BTC-USDT-SWAP", "1")
      + "]}",
    btc_swap_only());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].amount, dec("0.02"));
  ASSERT_EQ(r->rejected.size(), 2u);
  EXPECT_NE(r->rejected[0].find("'uTime' is out of range"), std::string::npos);
  EXPECT_NE(r->rejected[1].find("SOL-USDT-SWAP"), std::string::npos);
}

TEST(OutOfRange, OkxFundingBillsSkipALateOne) {
  auto bill = [](const char* id, const char* ts) {
    return std::string{R"({"type":"8","instId":"BTC-USDT-SWAP","ccy":"USDT",)"}
           + R"("balChg":"-0.5","ts":")" + ts + R"(","billId":")" + id
           + R"("})";
  };
  auto r = okx::parse_funding_bills(R"({"code":"0","msg":"","data":[)"
                                    + bill("1", too_late_ms) + ","
                                    + bill("2", "1700000000000") + "]}");
  expect_one_rejected(r, 1, "'ts' is out of range");
  EXPECT_EQ(r->items[0].id, "2");
}

TEST(OutOfRange, OkxFramesWithALateTimestampDecodeAsErrors) {
  auto doc = nlohmann::json::parse(
    fixture("okx/ws_books_snapshot_docs_example.json"));
  doc["data"][0]["ts"] = too_late_ms;
  auto text = doc.dump();
  okx::market_feed_decoder fast{exchange::okx_spot, btc_swap_only()};
  venue::feed_item a, b;
  EXPECT_EQ(fast.decode(text, 1, a), feed_kind::error);
  EXPECT_EQ(okx::decode_public_frame(text, exchange::okx_spot,
                                     btc_swap_only(), 1, b),
            feed_kind::error);
  auto account = okx::parse_private(
    R"({"arg":{"channel":"account"},"data":[{"uTime":"1","details":[)"
    R"({"ccy":"BTC","cashBal":"1","frozenBal":"0","availBal":"1",)"
    R"("uTime":"9223372036855"}]}]})",
    exchange::okx_spot, btc_swap_only(), 1);
  EXPECT_EQ(account.kind, private_frame::failure);
}

// -- Bybit --------------------------------------------------------------------

TEST(OutOfRange, BybitWalletSkipsACoinWhoseUsedPartOverflows) {
  auto r = bybit::parse_balances(
    bybit_reply(R"({"list":[{"coin":[)"
                R"({"coin":"USDT","walletBalance":"100","locked":"10"},)"
                R"({"coin":"XRP","walletBalance":"1","locked":"92233720368",)"
                R"("totalOrderIM":"1"},)"
                R"({"coin":"BTC","walletBalance":"1","locked":""}]}]})"),
    exchange::bybit_spot);
  expect_one_rejected(r, 2, "locked + totalOrderIM overflows");
  EXPECT_EQ(r->items[0].free, dec("90"));
  EXPECT_EQ(r->items[1].currency, "BTC");
}

TEST(OutOfRange, BybitPositionsAndSettlementsSkipALateTime) {
  auto position = [](const char* symbol, const char* updated) {
    return std::string{R"({"symbol":")"} + symbol
           + R"(","side":"Buy","size":"1","avgPrice":"1",)"
           + R"("leverage":"5","updatedTime":")" + updated + R"("})";
  };
  auto p = bybit::parse_positions(bybit_reply(
    R"({"list":[)" + position("BTCUSDT", too_late_ms) + ","
    + position("ETHUSDT", "1") + "]}"));
  expect_one_rejected(p, 1, "'updatedTime' is out of range");
  EXPECT_EQ(p->items[0].symbol.venue_symbol, "ETHUSDT");
  auto row = [](const char* id, const char* at) {
    return std::string{R"({"type":"SETTLEMENT","symbol":"BTCUSDT",)"}
           + R"("currency":"USDT","funding":"-0.5","feeRate":"0.0001",)"
           + R"("transactionTime":")" + at + R"(","id":")" + id + R"("})";
  };
  auto s = bybit::parse_funding_settlements(bybit_reply(
    R"({"list":[)" + row("1", "1700000000000") + "," + row("2", too_late_ms)
    + "]}"));
  expect_one_rejected(s, 1, "'transactionTime' is out of range");
  EXPECT_EQ(s->items[0].id, "1");
}

TEST(OutOfRange, BybitFramesWithALateTimestampDecodeAsErrors) {
  auto doc = nlohmann::json::parse(
    fixture("bybit/ws_orderbook_delta_docs_example.json"));
  doc["ts"] = 9'223'372'036'855;
  auto text = doc.dump();
  bybit::public_feed_decoder fast{exchange::bybit_linear};
  venue::feed_item a, b;
  EXPECT_EQ(fast.decode(text, 1, a), feed_kind::error);
  EXPECT_EQ(bybit::decode_public_frame(text, exchange::bybit_linear, 1, b),
            feed_kind::error);
  auto wallet = bybit::parse_private(
    R"({"topic":"wallet","creationTime":9223372036855,"data":[]})",
    exchange::bybit_linear, 1);
  EXPECT_EQ(wallet.kind, private_frame::failure);
}

// -- Upbit / Bithumb ----------------------------------------------------------

TEST(OutOfRange, KoreaAccountsSkipABalanceWhoseTotalOverflows) {
  for (auto venue : {exchange::upbit, exchange::bithumb}) {
    auto r = korea::parse_accounts(
      R"([{"currency":"KRW","balance":"1000","locked":"0"},)"
      R"({"currency":"XRP","balance":"92233720368","locked":"1"},)"
      R"({"currency":"BTC","balance":"0.5","locked":"0.25"}])",
      venue);
    expect_one_rejected(r, 2, "balance + locked overflows");
    EXPECT_EQ(r->items[1].total, dec("0.75"));
  }
}

TEST(OutOfRange, KoreaOrdersSkipOneWhoseTradeVolumesOverflow) {
  auto order = [](const char* id, const char* trades) {
    return std::string{R"({"uuid":")"} + id
           + R"(","side":"bid","ord_type":"limit","price":"1",)"
           + R"("state":"done","market":"KRW-BTC","volume":"1",)"
           + R"("remaining_volume":"0","executed_volume":"1",)"
           + R"("created_at":"2026-01-01T00:00:00+09:00","trades":[)" + trades
           + "]}";
  };
  auto trade = [](const char* id, const char* volume) {
    return std::string{R"({"market":"KRW-BTC","uuid":")"} + id
           + R"(","price":"1","volume":")" + volume + R"(","funds":"1",)"
           + R"("side":"bid","created_at":"2026-01-01T00:00:00+09:00"})";
  };
  auto huge = trade("t1", "92233720368") + "," + trade("t2", "1");
  auto r = korea::parse_orders(
    "[" + order("a", huge.c_str()) + "," + order("b", trade("t3", "1").c_str())
      + "]",
    exchange::upbit);
  expect_one_rejected(r, 1, "sum of trade volumes overflows");
  EXPECT_EQ(r->items[0].o.id, "b");
}

TEST(OutOfRange, KoreaFramesWithALateTimestampAreMalformed) {
  auto my_order = std::string{R"({"type":"myOrder","code":"KRW-BTC",)"}
                  + R"("uuid":"u-1","ask_bid":"BID","order_type":"limit",)"
                  + R"("state":"wait","price":1,"volume":1,)"
                  + R"("remaining_volume":1,"executed_volume":0,)"
                  + R"("timestamp":)" + too_late_ms + "}";
  auto f = korea::parse_frame(my_order, exchange::upbit, 1);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("'timestamp' is out of range"),
            std::string::npos);
}

// -- sequencing ---------------------------------------------------------------

TEST(OutOfRange, GapTolerantSequencerSeesAHugeJumpAsAGap) {
  // INT64_MAX - (-2) does not fit int64; the jump is still a gap.
  book::gap_tolerant_sequencer s;
  s.on_snapshot(-2);
  EXPECT_EQ(s.on_update(std::numeric_limits<int64_t>::max()),
            book::verdict::resync);
  s.on_snapshot(std::numeric_limits<int64_t>::min());
  EXPECT_EQ(s.on_update(std::numeric_limits<int64_t>::min() + 5),
            book::verdict::apply);
  EXPECT_EQ(s.on_update(std::numeric_limits<int64_t>::max()),
            book::verdict::resync);
}
