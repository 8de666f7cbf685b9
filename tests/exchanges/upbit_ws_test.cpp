// Upbit WebSocket: subscribe requests, frame dispatch, and the simdjson
// hot-path decoder agreeing with the nlohmann parser on fixture frames.

#include <gtest/gtest.h>

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

constexpr int64_t ms = 1'000'000;

// A DEFAULT-format WS orderbook frame made from the REST capture's bytes:
// the object inside the array with `market` renamed `code` and a type key.
std::string default_frame_from_rest() {
  auto body = fixture("upbit/rest_orderbook_KRW-BTC.json");
  auto first = body.find('{');
  auto last = body.rfind('}');
  auto obj = body.substr(first, last - first + 1);
  auto key = obj.find("\"market\"");
  obj.replace(key, 8, "\"type\": \"orderbook\", \"code\"");
  return obj;
}

void expect_same_book(const order_book& a, const order_book& b) {
  EXPECT_EQ(a.symbol, b.symbol);
  EXPECT_EQ(a.ts_event_ns, b.ts_event_ns);
  EXPECT_EQ(a.bids, b.bids);
  EXPECT_EQ(a.asks, b.asks);
}

} // namespace

TEST(UpbitWs, SubscribeRequestShape) {
  EXPECT_EQ(korea::market_data_request("t-1", {"KRW-BTC", "KRW-ETH"}),
            R"([{"ticket":"t-1"},{"type":"orderbook","codes":["KRW-BTC","KRW-ETH"]},)"
            R"({"type":"trade","codes":["KRW-BTC","KRW-ETH"]},{"format":"DEFAULT"}])");
  EXPECT_EQ(korea::subscribe_request(
              "t-2", {{"ticker", {"KRW-BTC"}, false, true}}, korea::ws_format::simple),
            R"([{"ticket":"t-2"},{"type":"ticker","codes":["KRW-BTC"],)"
            R"("is_only_realtime":true},{"format":"SIMPLE"}])");
  EXPECT_EQ(korea::private_request("p-1"),
            R"([{"ticket":"p-1"},{"type":"myOrder"},{"type":"myAsset"},{"format":"DEFAULT"}])");
}

TEST(UpbitWs, SimpleOrderbookFixtureFirstFrame) {
  auto lines = fixture_lines("upbit/ws_simple_orderbook_2021.jsonl");
  ASSERT_EQ(lines.size(), 10u);
  auto f = korea::parse_frame(lines[0], exchange::upbit, 42);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(korea::kind_of(*f), korea::frame_kind::book);
  auto& b = std::get<order_book>(*f);
  EXPECT_EQ(b.symbol.venue_symbol, "KRW-LAMB");
  EXPECT_EQ(b.symbol.base, "LAMB");
  EXPECT_EQ(b.ts_event_ns, 1618678262640 * ms);
  EXPECT_EQ(b.ts_recv_ns, 42);
  ASSERT_EQ(b.asks.size(), 15u);
  EXPECT_EQ(b.asks[0].price, dec("127"));
  EXPECT_EQ(b.asks[0].volume, dec("280460.37885666"));
  EXPECT_EQ(b.bids[0].price, dec("126"));
  EXPECT_EQ(b.bids[0].volume, dec("688682.44561413"));
  EXPECT_EQ(b.asks[14].price, dec("141"));
  EXPECT_EQ(b.asks[14].volume, dec("1185868.7185461"));
  EXPECT_EQ(b.bids[14].price, dec("112"));
  EXPECT_EQ(b.bids[14].volume, dec("446759.1304656"));
}

TEST(UpbitWs, DecoderAgreesWithNlohmannOnEveryFixtureFrame) {
  auto decoder = korea::book_decoder{exchange::upbit};
  order_book fast;
  auto lines = fixture_lines("upbit/ws_simple_orderbook_2021.jsonl");
  lines.push_back(default_frame_from_rest());
  for (size_t i = 0; i < lines.size(); ++i) {
    auto slow = korea::parse_book_frame(lines[i], exchange::upbit, 7);
    ASSERT_TRUE(slow.ok()) << i << ": " << to_string(slow.error());
    auto r = decoder.decode(lines[i], 7, fast);
    ASSERT_TRUE(r.ok()) << i << ": " << to_string(r.error());
    expect_same_book(fast, *slow);
    EXPECT_EQ(fast.ts_recv_ns, 7);
  }
  EXPECT_EQ(fast.symbol.venue_symbol, "KRW-BTC");
  EXPECT_EQ(fast.bids.size(), 30u);
  EXPECT_EQ(fast.bids[28].volume, dec("0.00004843"));
  // The same values as the REST parse of the capture.
  auto rest = korea::parse_orderbooks(fixture("upbit/rest_orderbook_KRW-BTC.json"), exchange::upbit);
  ASSERT_TRUE(rest.ok());
  expect_same_book(fast, rest->front());
  EXPECT_EQ(fixture_lines("upbit/ws_simple_orderbook_2021.jsonl").size(), 10u);
}

TEST(UpbitWs, DecoderReusesTheCallersStorage) {
  auto decoder = korea::book_decoder{exchange::upbit};
  order_book book;
  auto frame = default_frame_from_rest();
  ASSERT_TRUE(decoder.decode(frame, 1, book).ok());
  auto* bids = book.bids.data();
  auto* asks = book.asks.data();
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(decoder.decode(frame, 2, book).ok());
  EXPECT_EQ(book.bids.data(), bids);
  EXPECT_EQ(book.asks.data(), asks);
  EXPECT_EQ(book.ts_recv_ns, 2);
}

TEST(UpbitWs, SimpleTradeFixture) {
  auto lines = fixture_lines("upbit/ws_simple_trade_2021.jsonl");
  ASSERT_EQ(lines.size(), 15u);
  std::vector<trade> trades;
  for (auto& line : lines) {
    auto f = korea::parse_frame(line, exchange::upbit, 5);
    ASSERT_TRUE(f.ok()) << to_string(f.error());
    ASSERT_EQ(korea::kind_of(*f), korea::frame_kind::trade);
    trades.push_back(std::get<trade>(*f));
  }
  EXPECT_EQ(trades[0].symbol.venue_symbol, "KRW-LAMB");
  EXPECT_EQ(trades[0].price, dec("127"));
  EXPECT_EQ(trades[0].amount, dec("46.48838371"));
  EXPECT_EQ(trades[0].taker_side, side::buy);
  EXPECT_EQ(trades[0].id, "1618678262000003");
  EXPECT_EQ(trades[0].ts_event_ns, 1618678262000 * ms);
  EXPECT_EQ(trades[0].ts_recv_ns, 5);
  EXPECT_EQ(trades[14].price, dec("126"));
  EXPECT_EQ(trades[14].amount, dec("594.3456843"));
  EXPECT_EQ(trades[14].taker_side, side::sell);
  EXPECT_EQ(trades[14].id, "1618678263000010");
}

TEST(UpbitWs, StatusAndErrorFrames) {
  auto up = korea::parse_frame(R"({"status":"UP"})", exchange::upbit, 0);
  ASSERT_TRUE(up.ok());
  ASSERT_EQ(korea::kind_of(*up), korea::frame_kind::status);
  EXPECT_EQ(std::get<korea::status_frame>(*up).status, "UP");

  auto err = korea::parse_frame(
    R"({"error":{"name":"WRONG_FORMAT","message":"bad request"}})", exchange::upbit, 0);
  ASSERT_TRUE(err.ok());
  ASSERT_EQ(korea::kind_of(*err), korea::frame_kind::error);
  auto& e = std::get<venue_error>(*err);
  EXPECT_EQ(e.code, venue_errc::bad_request);
  EXPECT_EQ(e.name, "WRONG_FORMAT");
  EXPECT_EQ(e.message, "bad request");

  auto auth = korea::parse_frame(R"({"error":{"name":"INVALID_AUTH","message":"x"}})", exchange::upbit, 0);
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(std::get<venue_error>(*auth).code, venue_errc::auth);
}

TEST(UpbitWs, MyOrderTradeEventCarriesTheFill) {
  auto f = korea::parse_frame(
    R"({"type":"myOrder","code":"KRW-BTC","uuid":"u-1","ask_bid":"BID",)"
    R"("order_type":"limit","state":"trade","trade_uuid":"t-9","price":102945000,)"
    R"("avg_price":102945000,"volume":0.00004,"remaining_volume":0.00006,)"
    R"("executed_volume":0.00004,"trades_count":1,"paid_fee":2.0589,)"
    R"("trade_fee":2.0589,"is_maker":true,"identifier":"arb-1",)"
    R"("trade_timestamp":1773240059000,"order_timestamp":1773240058000,)"
    R"("timestamp":1773240059010,"stream_type":"REALTIME"})",
    exchange::upbit, 0);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(korea::kind_of(*f), korea::frame_kind::order_update);
  auto& u = std::get<korea::order_update>(*f);
  EXPECT_EQ(u.o.id, "u-1");
  EXPECT_EQ(u.o.client_order_id, "arb-1");
  EXPECT_EQ(u.o.status, order_status::partially_filled);
  EXPECT_EQ(u.o.filled, dec("0.00004"));
  EXPECT_EQ(u.o.amount, dec("0.0001"));
  EXPECT_EQ(u.o.average_price, dec("102945000"));
  ASSERT_TRUE(u.has_fill);
  EXPECT_EQ(u.f.trade_id, "t-9");
  EXPECT_EQ(u.f.price, dec("102945000"));
  EXPECT_EQ(u.f.volume, dec("0.00004"));
  EXPECT_EQ(u.f.fee, dec("2.0589"));
  EXPECT_EQ(u.f.ts_event_ns, 1773240059000 * ms);
  EXPECT_TRUE(u.is_maker);
}

TEST(UpbitWs, MyOrderCancelAndDoneStates) {
  auto cancel = korea::parse_frame(
    R"({"type":"myOrder","code":"KRW-BTC","uuid":"u-2","ask_bid":"ASK",)"
    R"("order_type":"limit","state":"cancel","price":110000000,"volume":0.001,)"
    R"("remaining_volume":0.001,"executed_volume":0,"timestamp":1})",
    exchange::upbit, 0);
  ASSERT_TRUE(cancel.ok()) << to_string(cancel.error());
  auto& c = std::get<korea::order_update>(*cancel);
  EXPECT_FALSE(c.has_fill);
  EXPECT_EQ(c.o.status, order_status::cancelled);
  EXPECT_EQ(c.o.order_side, side::sell);
  EXPECT_EQ(c.o.price, dec("110000000"));

  auto buy = korea::parse_frame(
    R"({"type":"myOrder","code":"KRW-BTC","uuid":"u-3","ask_bid":"BID",)"
    R"("order_type":"price","state":"cancel","price":10000,"volume":null,)"
    R"("remaining_volume":null,"executed_volume":0.00009713,"timestamp":1})",
    exchange::upbit, 0);
  ASSERT_TRUE(buy.ok()) << to_string(buy.error());
  EXPECT_EQ(std::get<korea::order_update>(*buy).o.status, order_status::filled);
}

TEST(UpbitWs, MyAssetFrame) {
  auto f = korea::parse_frame(
    R"({"type":"myAsset","asset_uuid":"a-1","assets":[{"currency":"KRW",)"
    R"("balance":1386929.37231066,"locked":10329.670127},{"currency":"BTC",)"
    R"("balance":0.00009713,"locked":0}],"asset_timestamp":1710146517259,)"
    R"("timestamp":1710146517267,"stream_type":"REALTIME"})",
    exchange::upbit, 0);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(korea::kind_of(*f), korea::frame_kind::assets);
  auto& a = std::get<korea::asset_update>(*f);
  ASSERT_EQ(a.balances.size(), 2u);
  EXPECT_EQ(a.balances[0].currency, "KRW");
  EXPECT_EQ(a.balances[0].free, dec("1386929.37231066"));
  EXPECT_EQ(a.balances[0].used, dec("10329.670127"));
  EXPECT_EQ(a.balances[0].total, dec("1397259.04243766"));
  EXPECT_EQ(a.balances[1].free, dec("0.00009713"));
  EXPECT_EQ(a.ts_event_ns, 1710146517267 * ms);
}

TEST(UpbitWs, HaswellAndFallbackBackendsAgree) {
  auto fallback = korea::detail::make_fallback_backend();
  auto haswell = korea::detail::make_haswell_backend();
  ASSERT_NE(fallback, nullptr);
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) {
    ASSERT_NE(haswell, nullptr);
    EXPECT_STREQ(korea::book_decoder{exchange::upbit}.backend_name(), "haswell");
  }
#endif
  auto lines = fixture_lines("upbit/ws_simple_orderbook_2021.jsonl");
  lines.push_back(default_frame_from_rest());
  for (auto& line : lines) {
    std::string padded = line + std::string(korea::detail::simdjson_padding(), '\0');
    order_book a, b;
    ASSERT_TRUE(fallback->decode(padded.data(), line.size(), padded.size(),
                                 exchange::upbit, a).ok());
    if (!haswell)
      continue;
    ASSERT_TRUE(haswell->decode(padded.data(), line.size(), padded.size(),
                                exchange::upbit, b).ok());
    expect_same_book(a, b);
    EXPECT_EQ(a.bids.size(), b.bids.size());
  }
}
