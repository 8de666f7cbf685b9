// Every registered message type survives CAF's binary serializer unchanged
// (what crossing to a remote node or the inspector does to it).

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/deep_to_string.hpp>
#include <gtest/gtest.h>

#include "messages/type_ids.hpp"

using namespace karb;

namespace {

struct serialization : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};

  template <class T>
  void round_trip(T original) {
    std::vector<char> buf;
    caf::binary_serializer sink{sys, buf};
    ASSERT_FALSE(sink(original));
    ASSERT_FALSE(buf.empty());
    T copy;
    caf::binary_deserializer source{sys, buf};
    ASSERT_FALSE(source(copy));
    EXPECT_EQ(caf::deep_to_string(copy), caf::deep_to_string(original));
    // The copy must not be the default value, or the test proves nothing.
    EXPECT_NE(caf::deep_to_string(copy), caf::deep_to_string(T{}));
  }

  /// `x` after a trip through the serializers, for field comparisons.
  template <class T>
  T copied(T x) {
    std::vector<char> buf;
    caf::binary_serializer sink{sys, buf};
    EXPECT_FALSE(sink(x));
    T copy;
    caf::binary_deserializer source{sys, buf};
    EXPECT_FALSE(source(copy));
    return copy;
  }
};

instrument btc_krw() {
  return {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::spot};
}

} // namespace

TEST_F(serialization, ValueTypes) {
  round_trip(dec("98765432.1"));
  round_trip(btc_krw());
  round_trip(price_level{dec("103493000"), dec("0.04910155")});
  round_trip(order_book{btc_krw(),
                        {{dec("103460000"), dec("0.004")}},
                        {{dec("103493000"), dec("0.0491")}},
                        7, 1773240059027000000, 42});
  round_trip(trade{"t1", btc_krw(), side::sell, dec("0.1"), dec("100"),
                   dec("10"), dec("0.005"), 1, 2});
  round_trip(ticker{btc_krw(), dec("103493000"), dec("123.4"), 5});
  round_trip(funding_rate{exchange::binance_spot, "BTCUSDT", dec("0.0001"), 1, 2,
                          28800, true, dec("0.00012")});
  round_trip(order{"uuid-1", "cid-1", btc_krw(), side::buy,
                   order_type::limit, dec("0.0005"), true, dec("10000000"),
                   dec("0"), dec("0.0005"), order_status::open, 9, true,
                   dec("2.5"), false, {}});
  round_trip(fill{"cid-1", "uuid-1", "tr-1", btc_krw(), side::buy,
                  dec("100"), dec("0.1"), dec("0.005"), "KRW", 3});
  round_trip(balance{exchange::bithumb, "KRW", dec("1000000"), dec("5000"),
                     dec("1005000"), 4});
  round_trip(position{btc_krw(), side::sell, dec("1"), dec("2"), dec("3"),
                      dec("-4"), dec("5"), 3.0, 6});
  trading_signal sig{"s1", "btc-spread", btc_krw(), side::sell, "entry",
                     true, dec("103460000"), dec("0.01"), 0.9,
                     priority::high, 10, 5, {{"leg", "1"}}};
  round_trip(sig);
  round_trip(arbitrage_opportunity{
    "o1", arbitrage_type::cross_exchange, "BTC/KRW",
    {"upbit", "bithumb"}, {sig}, dec("1234"), dec("2000"),
    0.2, dec("0.05"), 0.7, priority::urgent, 99, 98, 97,
    latency_trail{1, 2, 3, 4, 5, 6, 7}, {{"k", "v"}}});
  round_trip(event{event_type::exchange_connected, R"({"venue":"upbit"})", 11,
                   "venue:upbit", "corr-1"});
  round_trip(child_status{"venue:upbit", "venue", "running", 2, 1, "closed"});
  round_trip(node_status{"karb-dev", 1234,
                         {{"bus", "bus", "running", 0, 0, "closed"}}});
  round_trip(venue_status{"upbit", "live", "connecting", "closed", 3, 1000,
                          20, 1});
  order_book ob{btc_krw(), {{dec("1"), dec("2")}}, {{dec("3"), dec("4")}}, 1,
                2, 3};
  round_trip(book_view{ob, true, "", 77});
  round_trip(order_request{"cid-7", "trade-1", btc_krw(), side::sell,
                           order_type::market, dec("0.01"), dec("0"), false,
                           123, latency_trail{7, 6, 5, 4, 3, 2, 1}});
  order o{"uuid-1", "cid-1", btc_krw(), side::buy, order_type::limit,
          dec("0.0005"), true, dec("10000000"), dec("0.0001"),
          dec("0.0004"), order_status::partially_filled, 9, false, {},
          false, {}};
  fill f{"cid-1", "uuid-1", "tr-1", btc_krw(), side::buy, dec("100"),
         dec("0.1"), dec("0.005"), "KRW", 3};
  round_trip(order_ack{ack_kind::maybe_sent, o, {f}, "timeout", "no reply",
                       0, 5, 7, 10, 20});
  round_trip(order_update{o, {f}, "stream", 55});
  round_trip(risk_verdict{true, dec("0.05"), "", "within limits", 123});
  round_trip(trade_report{"t-1", "btc-spread", "BTC", "completed",
                          dec("1234.5"), dec("51.2"), 99, "opp-7", "USDT"});
  round_trip(risk_status{
    true, "manual", false, 0,
    {{"KRW", dec("-5000")}, {"USDT", dec("12.5")}}, 1, 12, 2, 40,
    {{"no_limit", 3}},
    {{"USDT", dec("12.5"), dec("20"), dec("7.5"), dec("4900"), dec("5000"),
      0.02, true, dec("150"), dec("132.3"), dec("7000"), dec("-100"), 1.43}},
    {{{exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
       contract_type::perpetual},
      side::sell, dec("0.05"), dec("70000"), dec("73500"), 0.05}},
    2});
}

TEST_F(serialization, Containers) {
  round_trip(std::vector<price_level>{{dec("1"), dec("2")}});
  round_trip(std::vector<balance>{{exchange::upbit, "BTC", dec("1"), dec("0"),
                                   dec("1"), 1}});
  round_trip(std::vector<event>{{event_type::system_shutdown, "{}", 1, "node",
                                 ""}});
  round_trip(std::vector<fill>{{"c", "v", "t", btc_krw(), side::sell,
                                dec("1"), dec("2"), dec("0"), "KRW", 1}});
  round_trip(std::vector<order>{{"u", "c", btc_krw(), side::sell,
                                 order_type::market, dec("1"), false, {},
                                 dec("1"), dec("0"), order_status::filled, 1,
                                 false, {}, false, {}}});
}

TEST_F(serialization, DerivativesBookkeepingKeepsEveryField) {
  funding_payment p{exchange::okx_swap, "BTC-USDT-SWAP", "BTC", "USDT",
                    dec("-0.25"), dec("0.0001"), 7, "bill-1"};
  auto pc = copied(p);
  EXPECT_EQ(pc.venue, p.venue);
  EXPECT_EQ(pc.symbol, p.symbol);
  EXPECT_EQ(pc.asset, p.asset);
  EXPECT_EQ(pc.currency, p.currency);
  EXPECT_EQ(pc.amount, p.amount);
  EXPECT_EQ(pc.rate, p.rate);
  EXPECT_EQ(pc.ts_ns, p.ts_ns);
  EXPECT_EQ(pc.id, p.id);

  funding_rate f{exchange::okx_swap, "BTC-USDT-SWAP", dec("0.0001"), 1, 2, 3,
                 true, dec("0.0002")};
  funding_board board{{f}, {{"BTC", dec("0.0003")}}, {{"USDT", dec("-0.25")}},
                      {p}, 9};
  auto bc = copied(board);
  ASSERT_EQ(bc.rates.size(), 1u);
  EXPECT_EQ(bc.rates[0].predicted_rate, dec("0.0002"));
  EXPECT_EQ(bc.spread, board.spread);
  EXPECT_EQ(bc.funding_pnl, board.funding_pnl);
  ASSERT_EQ(bc.recent.size(), 1u);
  EXPECT_EQ(bc.recent[0].id, "bill-1");
  EXPECT_EQ(bc.ts_ns, 9);

  position_book book;
  book.positions.resize(1);
  book.positions[0].amount = dec("0.5");
  book.perp_net = {{"BTC", dec("-0.5")}};
  book.spot_net = {{"BTC", dec("0.4")}};
  book.net = {{"BTC", dec("-0.1")}};
  book.ts_ns = 11;
  book.exposure = {{"BTC", dec("-10")}};
  auto kc = copied(book);
  ASSERT_EQ(kc.positions.size(), 1u);
  EXPECT_EQ(kc.positions[0].amount, dec("0.5"));
  EXPECT_EQ(kc.perp_net, book.perp_net);
  EXPECT_EQ(kc.spot_net, book.spot_net);
  EXPECT_EQ(kc.net, book.net);
  EXPECT_EQ(kc.ts_ns, 11);
  EXPECT_EQ(kc.exposure, book.exposure);

  portfolio_snapshot snap;
  snap.funding_pnl = {{"USDT", dec("1.5")}};
  EXPECT_EQ(copied(snap).funding_pnl, snap.funding_pnl);
}
