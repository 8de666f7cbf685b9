// Bithumb fixtures (shared/fixtures/exchanges/bithumb) and the v2 order
// reply aliases. The legacy API 1.0 captures are not API 2.0 shapes: the
// API 2.0 parsers must refuse them cleanly.

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

TEST(BithumbParse, WsTickerDocsExample) {
  auto f = korea::parse_frame(fixture("bithumb/v1_ws_ticker_snapshot_docs_example.json"), exchange::bithumb, 3);
  ASSERT_TRUE(f.ok()) << to_string(f.error());
  ASSERT_EQ(korea::kind_of(*f), korea::frame_kind::ticker);
  auto& t = std::get<ticker>(*f);
  EXPECT_EQ(t.symbol.venue, exchange::bithumb);
  EXPECT_EQ(t.symbol.venue_symbol, "KRW-BTC");
  EXPECT_EQ(t.symbol.base, "BTC");
  EXPECT_EQ(t.last_price, dec("493100"));
  EXPECT_EQ(t.volume_24h, dec("13380.57687512"));
  EXPECT_EQ(t.ts_event_ns, int64_t{1725927377287} * 1'000'000);
}

TEST(BithumbParse, ErrorEnvelopeFromDocsTable) {
  auto body = fixture("bithumb/v2_error_constructed_from_docs_table.json");
  auto e = korea::check_reply(400, body);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, venue_errc::invalid_price);
  EXPECT_EQ(e->name, "invalid_price_bid");
  // Bithumb may send it with a 2xx status too.
  auto e2 = korea::check_reply(200, body);
  ASSERT_TRUE(e2.has_value());
  EXPECT_EQ(e2->code, venue_errc::invalid_price);
  EXPECT_EQ(e2->http_status, 200);
}

TEST(BithumbParse, V2PlacementAckIsOpenWithIds) {
  // Documented v2 keys (order_id, order_type, client_order_id); no state.
  auto s = korea::parse_order(
    R"({"order_id":"C0101000000001","client_order_id":"arb-7","market":"KRW-BTC",)"
    R"("side":"bid","order_type":"limit","price":"10000000","volume":"0.0005",)"
    R"("created_at":"2026-03-22T21:42:22+09:00"})", exchange::bithumb);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  EXPECT_EQ(s->o.id, "C0101000000001");
  EXPECT_EQ(s->o.client_order_id, "arb-7");
  EXPECT_EQ(s->o.symbol.venue, exchange::bithumb);
  EXPECT_EQ(s->o.type, order_type::limit);
  EXPECT_EQ(s->o.status, order_status::open);
  EXPECT_EQ(s->o.price, dec("10000000"));
  EXPECT_EQ(s->o.amount, dec("0.0005"));
}

TEST(BithumbParse, V1OrderObjectSharesUpbitMapping) {
  auto s = korea::parse_order(
    R"({"uuid":"u-1","side":"ask","ord_type":"limit","price":"150000000",)"
    R"("state":"cancel","market":"KRW-BTC","volume":"0.01","remaining_volume":"0.004",)"
    R"("executed_volume":"0.006","paid_fee":"225","trades_count":2,)"
    R"("time_in_force":"ioc","created_at":"2026-03-22T21:42:22+09:00"})", exchange::bithumb);
  ASSERT_TRUE(s.ok()) << to_string(s.error());
  EXPECT_EQ(s->o.status, order_status::cancelled); // partial fill, then IOC cancel
  EXPECT_EQ(s->o.type, order_type::ioc);
  EXPECT_EQ(s->o.filled, dec("0.006"));
  EXPECT_EQ(s->o.remaining, dec("0.004"));
}

TEST(BithumbParse, OrderbookFrameThroughDecoder) {
  auto decoder = korea::book_decoder{exchange::bithumb};
  order_book book;
  auto r = decoder.decode(
    R"({"type":"orderbook","code":"KRW-XRP","timestamp":1725927377287,)"
    R"("total_ask_size":10,"total_bid_size":5,"orderbook_units":[)"
    R"({"ask_price":812.5,"bid_price":812,"ask_size":10,"bid_size":5}],)"
    R"("stream_type":"SNAPSHOT","level":0})",
    9, book);
  ASSERT_TRUE(r.ok()) << to_string(r.error());
  EXPECT_EQ(book.symbol.venue, exchange::bithumb);
  EXPECT_EQ(book.symbol.base, "XRP");
  EXPECT_EQ(book.asks[0].price, dec("812.5"));
  EXPECT_EQ(book.bids[0].volume, dec("5"));
}

TEST(BithumbParse, LegacyApiCapturesAreRefusedCleanly) {
  auto is_malformed = [](const auto& r) {
    return !r.ok() && r.error().code == venue_errc::malformed;
  };
  EXPECT_TRUE(is_malformed(korea::parse_orderbooks(
    fixture("bithumb/legacy_rest_orderbook_BTC_KRW_ccxt.json"), exchange::bithumb)));
  EXPECT_TRUE(is_malformed(korea::parse_tickers(
    fixture("bithumb/legacy_rest_ticker_ALL_KRW_excerpt.json"), exchange::bithumb)));
  EXPECT_TRUE(is_malformed(korea::parse_trades(
    fixture("bithumb/legacy_rest_transaction_history_BTC_KRW_ccxt.json"), exchange::bithumb)));
  auto lines = fixture_lines("bithumb/legacy_ws_transaction.jsonl");
  ASSERT_GE(lines.size(), 4u);
  int statuses = 0;
  for (auto& line : lines) {
    auto f = korea::parse_frame(line, exchange::bithumb, 0);
    if (line.find("\"status\"") != std::string::npos) {
      // The legacy acks read as plain status frames.
      ASSERT_TRUE(f.ok()) << line;
      EXPECT_EQ(std::get<korea::status_frame>(*f).status, "0000");
      ++statuses;
    } else {
      EXPECT_TRUE(is_malformed(f)) << line;
    }
  }
  EXPECT_EQ(statuses, 2);
}
