// Broken payloads: every parser answers with a typed `malformed` error and
// never crashes or throws.

#include <gtest/gtest.h>

#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/ws_parse.hpp"
#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"
#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/ws_build.hpp"
#include "exchanges/korea/ws_parse.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;
using karb::test::fixture_lines;

namespace {

const char* good_book =
  R"({"type":"orderbook","code":"KRW-BTC","timestamp":1,"orderbook_units":)"
  R"([{"ask_price":101,"bid_price":100,"ask_size":0.5,"bid_size":1.25}]})";

// Replaces the first `from` in good_book by `to`.
std::string variant_of(const std::string& from, const std::string& to) {
  std::string s = good_book;
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

void expect_malformed_both_ways(const std::string& text) {
  auto slow = korea::parse_book_frame(text, exchange::upbit, 0);
  ASSERT_FALSE(slow.ok()) << text;
  EXPECT_EQ(slow.error().code, venue_errc::malformed) << text;
  korea::book_decoder decoder{exchange::upbit};
  order_book out;
  auto fast = decoder.decode(text, 0, out);
  ASSERT_FALSE(fast.ok()) << text;
  EXPECT_EQ(fast.error().code, venue_errc::malformed) << text;
}

} // namespace

TEST(VenueRobustness, GoodBookBaselineParses) {
  korea::book_decoder decoder{exchange::upbit};
  order_book out;
  ASSERT_TRUE(decoder.decode(good_book, 0, out).ok());
  EXPECT_EQ(out.bids[0].volume, dec("1.25"));
  EXPECT_TRUE(korea::parse_book_frame(good_book, exchange::upbit, 0).ok());
}

TEST(VenueRobustness, BrokenBookFramesAreMalformed) {
  // A ms timestamp whose ns would pass INT64_MAX (~2262).
  expect_malformed_both_ways(
    variant_of("\"timestamp\":1", "\"timestamp\":9223372036855"));
  expect_malformed_both_ways(variant_of("101", "\"NaN\""));
  expect_malformed_both_ways(variant_of("101", "NaN"));
  expect_malformed_both_ways(variant_of("101", "-101"));
  expect_malformed_both_ways(variant_of("101", "0"));
  expect_malformed_both_ways(variant_of("100", "0.0"));
  expect_malformed_both_ways(variant_of("0.5", "-0.5"));
  expect_malformed_both_ways(variant_of("0.5", "\"0.5\""));
  expect_malformed_both_ways(variant_of("1.25", "true"));
  expect_malformed_both_ways(variant_of("\"ask_price\":101,", ""));
  expect_malformed_both_ways(variant_of("\"timestamp\":1,", ""));
  expect_malformed_both_ways(variant_of("\"code\":\"KRW-BTC\",", ""));
  expect_malformed_both_ways(variant_of("KRW-BTC", "krw btc"));
  expect_malformed_both_ways(variant_of("\"code\":\"KRW-BTC\"", "\"code\":7"));
  expect_malformed_both_ways(variant_of(
    R"([{"ask_price":101,"bid_price":100,"ask_size":0.5,"bid_size":1.25}])", "[]"));
  expect_malformed_both_ways(variant_of(
    R"([{"ask_price":101,"bid_price":100,"ask_size":0.5,"bid_size":1.25}])", "{}"));
  expect_malformed_both_ways(variant_of("orderbook", "trade"));
  expect_malformed_both_ways("[]");
  expect_malformed_both_ways("");
  expect_malformed_both_ways("null");
}

TEST(VenueRobustness, EveryTruncationOfARealFrameIsRejected) {
  auto frame = fixture_lines("upbit/ws_simple_orderbook_2021.jsonl")[0];
  korea::book_decoder decoder{exchange::upbit};
  order_book out;
  for (size_t n = 0; n < frame.size(); ++n) {
    auto cut = frame.substr(0, n);
    EXPECT_FALSE(decoder.decode(cut, 0, out).ok()) << n;
    EXPECT_FALSE(korea::parse_frame(cut, exchange::upbit, 0).ok()) << n;
  }
  EXPECT_TRUE(decoder.decode(frame, 0, out).ok());
}

TEST(VenueRobustness, EveryTruncationOfRestRepliesIsRejected) {
  auto order = fixture("upbit/rest_order_market_buy_then_sell_2_get.json");
  auto book = fixture("upbit/rest_orderbook_KRW-BTC.json");
  for (size_t n = 0; n + 2 < order.size(); ++n)
    EXPECT_FALSE(korea::parse_order(order.substr(0, n), exchange::upbit).ok()) << n;
  for (size_t n = 0; n + 2 < book.size(); n += 7)
    EXPECT_FALSE(korea::parse_orderbooks(book.substr(0, n), exchange::upbit).ok()) << n;
}

TEST(VenueRobustness, BrokenRestBodiesAreMalformed) {
  auto is_malformed = [](const auto& r) {
    return !r.ok() && r.error().code == venue_errc::malformed;
  };
  EXPECT_TRUE(is_malformed(korea::parse_orderbooks("[]", exchange::upbit)));
  EXPECT_TRUE(is_malformed(korea::parse_tickers("[]", exchange::upbit)));
  EXPECT_TRUE(is_malformed(korea::parse_tickers(
    R"([{"market":"KRW-BTC","trade_price":"103493000","acc_trade_volume_24h":1,"timestamp":1}])", exchange::upbit)));
  EXPECT_TRUE(is_malformed(korea::parse_tickers(
    R"([{"market":"KRW-BTC","trade_price":-1,"acc_trade_volume_24h":1,"timestamp":1}])", exchange::upbit)));
  // A bad account is skipped and reported; a body that is no list fails.
  auto rejected_only = [](const auto& r) {
    return r.ok() && r->items.empty() && r->rejected.size() == 1;
  };
  EXPECT_TRUE(rejected_only(korea::parse_accounts(
    R"([{"currency":"KRW","balance":"NaN","locked":"0"}])", exchange::upbit)));
  EXPECT_TRUE(rejected_only(korea::parse_accounts(
    R"([{"currency":"KRW","balance":"-1","locked":"0"}])", exchange::upbit)));
  EXPECT_TRUE(rejected_only(korea::parse_accounts(R"([{"currency":"KRW"}])", exchange::upbit)));
  EXPECT_TRUE(is_malformed(korea::parse_accounts(R"({"currency":"KRW"})", exchange::upbit)));
  EXPECT_TRUE(is_malformed(korea::parse_trades(
    R"([{"market":"KRW-BTC","trade_price":1,"trade_volume":1,"ask_bid":"SELL",)"
    R"("sequential_id":1,"timestamp":1}])", exchange::upbit)));
  EXPECT_TRUE(is_malformed(korea::parse_order_chance(R"({"bid_fee":"0.0005"})", exchange::upbit)));
  // Order objects.
  auto order = fixture("upbit/rest_order_limit_lifecycle_1_post.json");
  auto broken = [&](const std::string& from, const std::string& to) {
    auto s = order;
    s.replace(s.find(from), from.size(), to);
    return korea::parse_order(s, exchange::upbit);
  };
  EXPECT_TRUE(is_malformed(broken("\"10000000\"", "\"NaN\"")));
  EXPECT_TRUE(is_malformed(broken("\"10000000\"", "\"-10000000\"")));
  EXPECT_TRUE(is_malformed(broken("\"10000000\"", "\"0\"")));
  EXPECT_TRUE(is_malformed(broken("\"state\": \"wait\"", "\"state\": \"zombie\"")));
  EXPECT_TRUE(is_malformed(broken("\"side\": \"bid\"", "\"side\": 1")));
  EXPECT_TRUE(is_malformed(broken("\"market\": \"KRW-BTC\",", "")));
  EXPECT_TRUE(is_malformed(broken("\"uuid\"", "\"uid\"")));
  EXPECT_TRUE(is_malformed(broken("2026-03-22T21:42:22+09:00", "yesterday")));
  EXPECT_TRUE(is_malformed(broken("\"executed_volume\": \"0\"",
                                  "\"executed_volume\": \"-1\"")));
  EXPECT_TRUE(is_malformed(korea::parse_orders("{}", exchange::upbit)));
}

TEST(VenueRobustness, UnknownOrGarbageFramesAreMalformed) {
  for (auto text : {"PING", "{}", R"({"type":"candle"})", "{\"type\":",
                    R"({"type":"myAsset","assets":7,"timestamp":1})",
                    R"({"type":"trade","code":"KRW-BTC"})"}) {
    auto f = korea::parse_frame(text, exchange::upbit, 0);
    ASSERT_FALSE(f.ok()) << text;
    EXPECT_EQ(f.error().code, venue_errc::malformed) << text;
  }
}
