// OKX WebSocket frames: the books captures frame by frame through the
// simdjson decoder and the nlohmann parser (identical deltas), the books
// replayed into a local book whose CRC32 matches every frame's checksum,
// the docs examples, mark price, funding, events, the private frames and
// the messages karb sends.

#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/okx/book_decoder.hpp"
#include "exchanges/okx/feed_decoder.hpp"
#include "exchanges/okx/ws_build.hpp"
#include "exchanges/okx/ws_parse.hpp"
#include "exchanges/okx/ws_private.hpp"
#include "fixture_io.hpp"

using namespace karb;
using karb::test::fixture;
using karb::test::fixture_lines;
using venue::feed_kind;
using venue::private_frame;

namespace {

/// A fixture value with more than eight decimals, as karb reads it.
decimal rounded(std::string_view text) {
  return decimal::parse(text).value();
}

constexpr int64_t ms = 1'000'000;

venue::contract_size_fn sizes_of(std::string inst_id, decimal size) {
  return [inst_id, size](std::string_view id) -> std::optional<decimal> {
    if (id == inst_id)
      return size;
    return std::nullopt;
  };
}

/// Decodes with both paths and checks they agree.
feed_kind decode_both(exchange venue, const venue::contract_size_fn& sizes,
                      const std::string& text, venue::feed_item& item) {
  okx::market_feed_decoder fast{venue, sizes};
  venue::feed_item slow;
  auto a = fast.decode(text, 42, item);
  auto b = okx::decode_public_frame(text, venue, sizes, 42, slow);
  EXPECT_EQ(a, b) << text.substr(0, 120);
  if (a == feed_kind::delta && b == feed_kind::delta) {
    EXPECT_EQ(item.delta.bids, slow.delta.bids);
    EXPECT_EQ(item.delta.asks, slow.delta.asks);
    EXPECT_EQ(item.delta.first_seq, slow.delta.first_seq);
    EXPECT_EQ(item.delta.seq, slow.delta.seq);
    EXPECT_EQ(item.delta.prev_seq, slow.delta.prev_seq);
    EXPECT_EQ(item.delta.reset, slow.delta.reset);
    EXPECT_EQ(item.delta.has_checksum, slow.delta.has_checksum);
    EXPECT_EQ(item.delta.checksum, slow.delta.checksum);
    EXPECT_EQ(item.delta.ts_event_ns, slow.delta.ts_event_ns);
    EXPECT_EQ(item.delta.symbol, slow.delta.symbol);
    EXPECT_EQ(item.delta.ts_recv_ns, 42);
    EXPECT_EQ(slow.delta.ts_recv_ns, 42);
  }
  return a;
}

uint32_t crc32(std::string_view s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k)
      c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

/// A local book kept from the deltas, checked the venue's way (§5.3).
struct local_book {
  std::map<decimal, decimal, std::greater<>> bids;
  std::map<decimal, decimal> asks;

  void apply(const book_delta& d) {
    if (d.reset) {
      bids.clear();
      asks.clear();
    }
    for (auto& l : d.bids)
      l.volume.is_zero() ? void(bids.erase(l.price))
                         : void(bids[l.price] = l.volume);
    for (auto& l : d.asks)
      l.volume.is_zero() ? void(asks.erase(l.price))
                         : void(asks[l.price] = l.volume);
  }

  int32_t checksum() const {
    std::string s;
    auto b = bids.begin();
    auto a = asks.begin();
    for (int i = 0; i < 25; ++i) {
      for (bool bid : {true, false}) {
        if (bid ? b == bids.end() : a == asks.end())
          continue;
        auto& [px, sz] = bid ? *b : *a;
        if (!s.empty())
          s += ':';
        s += px.to_string() + ":" + sz.to_string();
      }
      if (b != bids.end())
        ++b;
      if (a != asks.end())
        ++a;
    }
    return static_cast<int32_t>(crc32(s));
  }
};

/// Every books frame of a capture: both paths agree, fields are sane,
/// the replayed book matches each checksum; returns the deltas.
std::vector<book_delta> replay(const std::string& file, exchange venue,
                               const venue::contract_size_fn& sizes,
                               const std::string& inst_id,
                               size_t expected_books) {
  std::vector<book_delta> out;
  local_book book;
  for (auto& line : fixture_lines(file)) {
    venue::feed_item item;
    auto kind = decode_both(venue, sizes, line, item);
    if (line.find("\"event\"") != std::string::npos) {
      EXPECT_EQ(kind, feed_kind::other) << line;
      continue;
    }
    EXPECT_EQ(kind, feed_kind::delta) << line.substr(0, 120);
    if (kind != feed_kind::delta)
      continue;
    auto& d = item.delta;
    EXPECT_EQ(d.reset, out.empty()); // one snapshot, then updates
    EXPECT_EQ(d.symbol.venue_symbol, inst_id);
    EXPECT_EQ(d.symbol.venue, venue);
    EXPECT_TRUE(d.has_checksum);
    EXPECT_EQ(d.seq, okx::no_seq); // 2022 capture: no seqId / prevSeqId
    EXPECT_EQ(d.prev_seq, okx::no_seq);
    EXPECT_GT(d.ts_event_ns, 1652459225000 * ms);
    book.apply(d);
    EXPECT_EQ(book.checksum(), d.checksum) << "frame " << out.size();
    out.push_back(d);
  }
  EXPECT_EQ(out.size(), expected_books);
  return out;
}

} // namespace

TEST(OkxWs, DecoderPicksABackend) {
  okx::book_decoder d{exchange::okx_spot};
  std::string name = d.backend_name();
  EXPECT_TRUE(name == "haswell" || name == "fallback");
}

TEST(OkxWs, SpotBooksCaptureEveryFrame) {
  auto deltas = replay("okx/ws_books_BTC-USDT.jsonl", exchange::okx_spot, {},
                       "BTC-USDT", 98);
  ASSERT_EQ(deltas.size(), 98u);
  auto& snap = deltas[0];
  EXPECT_EQ(snap.checksum, 47640993);
  EXPECT_EQ(snap.ts_event_ns, 1652459225381 * ms);
  EXPECT_EQ(snap.bids.size(), 400u);
  EXPECT_EQ(snap.asks.size(), 400u);
  EXPECT_EQ(snap.bids[0], (price_level{dec("30243.4"), dec("0.0012029")}));
  EXPECT_EQ(snap.asks[0], (price_level{dec("30243.5"), dec("1.44679")}));
  EXPECT_EQ(snap.symbol.base, "BTC");
  EXPECT_EQ(snap.symbol.quote, "USDT");
  auto& first = deltas[1];
  EXPECT_FALSE(first.reset);
  EXPECT_EQ(first.checksum, -652563973);
  EXPECT_EQ(first.ts_event_ns, 1652459225453 * ms);
  ASSERT_EQ(first.asks.size(), 26u);
  EXPECT_EQ(first.asks[3], (price_level{dec("30247.5"), decimal{}}));
  EXPECT_EQ(first.bids[1], (price_level{dec("30236.1"), dec("0.05452")}));
  EXPECT_EQ(deltas.back().checksum, -308733687);
}

TEST(OkxWs, SwapBooksCaptureInBaseUnits) {
  // Contract size 1 keeps the venue's numbers (the checksum replays);
  // 10 shows the conversion on the same frames.
  auto as_is = replay("okx/ws_books_UNI-USD-SWAP.jsonl", exchange::okx_swap,
                      sizes_of("UNI-USD-SWAP", dec("1")), "UNI-USD-SWAP", 93);
  ASSERT_EQ(as_is.size(), 93u);
  EXPECT_EQ(as_is[0].checksum, 555605283);
  EXPECT_EQ(as_is[0].symbol.contract, contract_type::perpetual);
  EXPECT_EQ(as_is[0].bids[0], (price_level{dec("5.14"), dec("251")}));
  auto lines = fixture_lines("okx/ws_books_UNI-USD-SWAP.jsonl");
  auto ten = sizes_of("UNI-USD-SWAP", dec("10"));
  size_t n = 0;
  for (auto& line : lines) {
    venue::feed_item item;
    if (decode_both(exchange::okx_swap, ten, line, item) != feed_kind::delta)
      continue;
    auto& ref = as_is[n++];
    ASSERT_EQ(item.delta.bids.size(), ref.bids.size());
    for (size_t i = 0; i < ref.bids.size(); ++i)
      EXPECT_EQ(item.delta.bids[i].volume,
                *decimal::mul(ref.bids[i].volume, dec("10")));
    ASSERT_EQ(item.delta.asks.size(), ref.asks.size());
    if (!ref.asks.empty())
      EXPECT_EQ(item.delta.asks[0].volume,
                *decimal::mul(ref.asks[0].volume, dec("10")));
  }
  EXPECT_EQ(n, 93u);
}

TEST(OkxWs, SwapBooksWithoutContractSizeAreAnError) {
  auto lines = fixture_lines("okx/ws_books_UNI-USD-SWAP.jsonl");
  venue::feed_item item;
  auto kind = decode_both(exchange::okx_swap, {}, lines[1], item);
  EXPECT_EQ(kind, feed_kind::error);
  EXPECT_NE(item.error.find("UNI-USD-SWAP"), std::string::npos) << item.error;
}

TEST(OkxWs, DocsSnapshotAndUpdate) {
  venue::feed_item snap;
  ASSERT_EQ(decode_both(exchange::okx_spot, {},
                        fixture("okx/ws_books_snapshot_docs_example.json"),
                        snap),
            feed_kind::delta);
  EXPECT_TRUE(snap.delta.reset);
  EXPECT_EQ(snap.delta.seq, 123456);
  EXPECT_EQ(snap.delta.first_seq, 123456);
  EXPECT_EQ(snap.delta.prev_seq, -1);
  EXPECT_EQ(snap.delta.checksum, -855196043);
  EXPECT_EQ(snap.delta.ts_event_ns, 1597026383085 * ms);
  ASSERT_EQ(snap.delta.asks.size(), 8u);
  EXPECT_EQ(snap.delta.asks[0], (price_level{dec("8476.98"), dec("415")}));
  EXPECT_EQ(snap.delta.bids[7], (price_level{dec("8446"), dec("95")}));
  venue::feed_item upd;
  ASSERT_EQ(decode_both(exchange::okx_spot, {},
                        fixture("okx/ws_books_update_docs_example.json"), upd),
            feed_kind::delta);
  EXPECT_FALSE(upd.delta.reset);
  EXPECT_EQ(upd.delta.seq, 123457);
  EXPECT_EQ(upd.delta.prev_seq, 123456);
}

TEST(OkxWs, MarkPrice) {
  venue::feed_item item;
  ASSERT_EQ(decode_both(exchange::okx_swap, {},
                        fixture("okx/ws_mark_price_docs_example.json"), item),
            feed_kind::mark);
  EXPECT_EQ(item.mark.symbol.venue_symbol, "LTC-USD-190628");
  EXPECT_EQ(item.mark.mark, dec("0.1"));
  EXPECT_EQ(item.mark.ts_event_ns, 1597026383085 * ms);
  EXPECT_FALSE(item.has_funding);
}

TEST(OkxWs, FundingRate) {
  venue::feed_item item;
  ASSERT_EQ(decode_both(exchange::okx_swap, {},
                        fixture("okx/ws_funding_rate_docs_example.json"), item),
            feed_kind::funding);
  auto& f = item.funding;
  EXPECT_EQ(f.venue, exchange::okx_swap);
  EXPECT_EQ(f.symbol, "BTC-USD-SWAP");
  EXPECT_EQ(f.rate, rounded("0.0001875391284828"));
  EXPECT_EQ(f.next_funding_ns, 1700726400000 * ms);
  EXPECT_EQ(f.funding_interval_s, 8 * 3600);
  EXPECT_EQ(f.ts_ns, 1700724675402 * ms);
  EXPECT_FALSE(f.has_predicted);
}

TEST(OkxWs, EventsPongAndOtherChannels) {
  venue::feed_item item;
  EXPECT_EQ(decode_both(exchange::okx_spot, {},
                        R"({"event":"subscribe","arg":{"channel":"books",)"
                        R"("instId":"BTC-USDT"},"connId":"a4d3ae55"})",
                        item),
            feed_kind::other);
  EXPECT_EQ(decode_both(exchange::okx_spot, {}, "pong", item),
            feed_kind::other);
  EXPECT_EQ(decode_both(exchange::okx_spot, {},
                        R"({"event":"error","code":"60012","msg":"Invalid )"
                        R"(request","connId":"a4d3ae55"})",
                        item),
            feed_kind::error);
  EXPECT_NE(item.error.find("60012"), std::string::npos);
  EXPECT_EQ(decode_both(exchange::okx_spot, {}, "not json", item),
            feed_kind::error);
  for (auto& line : fixture_lines("okx/ws_trades.jsonl"))
    EXPECT_EQ(decode_both(exchange::okx_spot, {}, line, item),
              feed_kind::other)
      << line;
  for (auto& line : fixture_lines("okx/ws_tickers.jsonl"))
    EXPECT_EQ(decode_both(exchange::okx_spot, {}, line, item),
              feed_kind::other)
      << line;
  // A books frame missing its data is an error on both paths.
  EXPECT_EQ(decode_both(exchange::okx_spot, {},
                        R"({"arg":{"channel":"books","instId":"BTC-USDT"},)"
                        R"("action":"update"})",
                        item),
            feed_kind::error);
}

TEST(OkxWs, Subscriptions) {
  auto books = okx::book_subscription({"BTC-USDT", "ETH-USDT"});
  ASSERT_EQ(books.size(), 1u);
  EXPECT_EQ(books[0],
            R"({"op":"subscribe","args":[{"channel":"books","instId":)"
            R"("BTC-USDT"},{"channel":"books","instId":"ETH-USDT"}]})");
  auto un = okx::book_unsubscription({"BTC-USDT"});
  EXPECT_EQ(un[0], R"({"op":"unsubscribe","args":[{"channel":"books",)"
                   R"("instId":"BTC-USDT"}]})");
  auto marks = okx::mark_subscription({"BTC-USDT-SWAP"});
  EXPECT_EQ(marks[0],
            R"({"op":"subscribe","args":[{"channel":"mark-price","instId":)"
            R"("BTC-USDT-SWAP"},{"channel":"funding-rate","instId":)"
            R"("BTC-USDT-SWAP"}]})");
  EXPECT_EQ(okx::private_channels(exchange::okx_spot)[0],
            R"({"op":"subscribe","args":[{"channel":"orders","instType":)"
            R"("SPOT"},{"channel":"account"}]})");
  EXPECT_EQ(okx::private_channels(exchange::okx_swap)[0],
            R"({"op":"subscribe","args":[{"channel":"orders","instType":)"
            R"("SWAP"},{"channel":"account"},{"channel":"positions",)"
            R"("instType":"SWAP"}]})");
}

TEST(OkxPrivate, LoginAndErrors) {
  auto ok = okx::parse_private(
    R"({"event":"login","code":"0","msg":"","connId":"a4d3ae55"})",
    exchange::okx_spot, {}, 1);
  EXPECT_EQ(ok.kind, private_frame::authenticated);
  auto bad = okx::parse_private(
    R"({"event":"error","code":"60009","msg":"Login failed."})",
    exchange::okx_spot, {}, 1);
  EXPECT_EQ(bad.kind, private_frame::failure);
  EXPECT_NE(bad.error.find("60009"), std::string::npos);
  EXPECT_EQ(okx::parse_private("pong", exchange::okx_spot, {}, 1).kind,
            private_frame::other);
  EXPECT_EQ(okx::parse_private(R"({"event":"subscribe","arg":{"channel":)"
                               R"("orders","instType":"SPOT"}})",
                               exchange::okx_spot, {}, 1)
              .kind,
            private_frame::other);
  EXPECT_EQ(okx::parse_private("{", exchange::okx_spot, {}, 1).kind,
            private_frame::failure);
}

TEST(OkxPrivate, OrdersPush) {
  auto order = nlohmann::json::parse(
    fixture("okx/rest_order_details_docs_example.json"))["data"][0];
  order["instId"] = "BTC-USDT-SWAP";
  order["instType"] = "SWAP";
  order["clOrdId"] = "Ksx1abcx1D0D1";
  order["ordType"] = "limit";
  order["px"] = "51900";
  order["sz"] = "5";
  order["accFillSz"] = "2";
  order["fillSz"] = "2";
  order["fillPx"] = "51858";
  order["fillFee"] = "-0.5";
  order["fillFeeCcy"] = "USDT";
  order["fee"] = "-0.7";
  order["feeCcy"] = "USDT";
  order["state"] = "partially_filled";
  nlohmann::json push;
  push["arg"] = {{"channel", "orders"}, {"instType", "SWAP"}, {"uid", "1"}};
  push["data"] = nlohmann::json::array({order});
  auto f = okx::parse_private(push.dump(), exchange::okx_swap,
                              sizes_of("BTC-USDT-SWAP", dec("0.01")), 77);
  ASSERT_EQ(f.kind, private_frame::order) << f.error;
  auto& o = f.update.state;
  EXPECT_EQ(f.update.origin, "stream");
  EXPECT_EQ(f.update.ts_recv_ns, 77);
  EXPECT_EQ(o.client_order_id, "karb-sx1abcx1-0-1");
  EXPECT_EQ(o.id, "680800019749904384");
  EXPECT_EQ(o.status, order_status::partially_filled);
  EXPECT_EQ(o.amount, dec("0.05"));
  EXPECT_EQ(o.filled, dec("0.02"));
  EXPECT_EQ(o.fee, dec("0.7"));
  ASSERT_EQ(f.update.fills.size(), 1u);
  auto& x = f.update.fills[0];
  EXPECT_EQ(x.volume, dec("0.02"));
  EXPECT_EQ(x.price, dec("51858"));
  EXPECT_EQ(x.fee, dec("0.5"));
  EXPECT_EQ(x.fee_currency, "USDT");
  EXPECT_EQ(x.trade_id, "744876980");
  EXPECT_EQ(x.client_order_id, "karb-sx1abcx1-0-1");
  // The same push without a known contract size fails loudly.
  auto unknown = okx::parse_private(push.dump(), exchange::okx_swap, {}, 77);
  EXPECT_EQ(unknown.kind, private_frame::failure);
  EXPECT_NE(unknown.error.find("BTC-USDT-SWAP"), std::string::npos);
}

TEST(OkxPrivate, AccountAndPositionsPushes) {
  auto balance = nlohmann::json::parse(
    fixture("okx/rest_account_balance_docs_example.json"))["data"];
  nlohmann::json push;
  push["arg"] = {{"channel", "account"}, {"uid", "1"}};
  push["data"] = balance;
  auto a = okx::parse_private(push.dump(), exchange::okx_swap, {}, 1);
  ASSERT_EQ(a.kind, private_frame::assets) << a.error;
  ASSERT_EQ(a.balances.size(), 1u);
  EXPECT_EQ(a.balances[0].currency, "USDT");
  EXPECT_EQ(a.balances[0].free, rounded("4834.317093622894"));
  EXPECT_EQ(a.balances[0].venue, exchange::okx_swap);
  auto positions = nlohmann::json::parse(
    fixture("okx/rest_account_positions_docs_example.json"))["data"];
  positions[0]["instType"] = "SWAP";
  positions[0]["instId"] = "BTC-USDT-SWAP";
  positions[0]["pos"] = "7";
  push["arg"] = {{"channel", "positions"}, {"instType", "SWAP"}};
  push["data"] = positions;
  auto p = okx::parse_private(push.dump(), exchange::okx_swap,
                              sizes_of("BTC-USDT-SWAP", dec("0.01")), 1);
  ASSERT_EQ(p.kind, private_frame::positions) << p.error;
  ASSERT_EQ(p.position_list.size(), 1u);
  EXPECT_EQ(p.position_list[0].amount, dec("0.07"));
  EXPECT_EQ(p.position_list[0].position_side, side::buy);
}
