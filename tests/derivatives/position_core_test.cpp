#include <gtest/gtest.h>

#include "actors/positions/position_core.hpp"

namespace karb::positions {
namespace {

position pos(exchange venue, const char* base, const char* symbol, side sd,
             const char* amount, const char* mark = "100",
             const char* liq = "0") {
  position p;
  p.symbol = {venue, base, "USDT", symbol, contract_type::perpetual};
  p.position_side = sd;
  p.amount = dec(amount);
  p.mark_price = dec(mark);
  p.liquidation_price = dec(liq);
  return p;
}

constexpr auto bn = exchange::binance_usdm;
constexpr auto okx = exchange::okx_swap;

TEST(PositionCore, FirstViewOpensEveryPosition) {
  position_core core;
  auto cs = core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0.5"),
                                    pos(bn, "ETH", "ETHUSDT", side::sell, "2")});
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(cs[0].type, event_type::position_opened);
  EXPECT_EQ(cs[0].now.amount, dec("0.5"));
  EXPECT_EQ(cs[1].type, event_type::position_opened);
}

TEST(PositionCore, FlatEntriesAreNotPositions) {
  position_core core;
  EXPECT_TRUE(
    core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0")}).empty());
  EXPECT_TRUE(core.open_positions().empty());
}

TEST(PositionCore, MarkMoveIsNoChangeButSizeAndSideAre) {
  position_core core;
  core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0.5")});
  EXPECT_TRUE(core
                .set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0.5",
                                        "105")})
                .empty());
  // The new mark is kept all the same.
  EXPECT_EQ(core.open_positions().at(0).mark_price, dec("105"));
  auto grown =
    core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0.7")});
  ASSERT_EQ(grown.size(), 1u);
  EXPECT_EQ(grown[0].type, event_type::position_updated);
  EXPECT_EQ(grown[0].before.amount, dec("0.5"));
  EXPECT_EQ(grown[0].now.amount, dec("0.7"));
  auto flipped =
    core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::sell, "0.7")});
  ASSERT_EQ(flipped.size(), 1u);
  EXPECT_EQ(flipped[0].type, event_type::position_updated);
  EXPECT_EQ(flipped[0].before.position_side, side::buy);
}

TEST(PositionCore, AVenuePollClosesWhatItNoLongerListsOnThatVenueOnly) {
  position_core core;
  core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0.5")});
  core.set_positions(okx, {pos(okx, "BTC", "BTC-USDT-SWAP", side::sell, "0.5")});
  auto cs = core.set_positions(bn, {});
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].type, event_type::position_closed);
  EXPECT_EQ(cs[0].now.symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(cs[0].now.amount, decimal{});
  EXPECT_EQ(cs[0].before.amount, dec("0.5"));
  ASSERT_EQ(core.open_positions().size(), 1u);
  EXPECT_EQ(core.open_positions()[0].symbol.venue, okx);
}

TEST(PositionCore, StreamUpdatesMergeAndZeroCloses) {
  position_core core;
  core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::buy, "0.5"),
                          pos(bn, "ETH", "ETHUSDT", side::buy, "1")});
  // A push lists one symbol: the other stays.
  auto cs = core.update_positions({pos(bn, "ETH", "ETHUSDT", side::buy, "0")});
  ASSERT_EQ(cs.size(), 1u);
  EXPECT_EQ(cs[0].type, event_type::position_closed);
  EXPECT_EQ(cs[0].now.symbol.base, "ETH");
  ASSERT_EQ(core.open_positions().size(), 1u);
  EXPECT_EQ(core.open_positions()[0].symbol.base, "BTC");
}

TEST(PositionCore, NetPerAssetAcrossVenuesAndSpot) {
  position_core core;
  core.set_positions(bn, {pos(bn, "BTC", "BTCUSDT", side::sell, "0.5", "100")});
  core.set_positions(okx, {pos(okx, "BTC", "BTC-USDT-SWAP", side::buy, "0.2"),
                           pos(okx, "ETH", "ETH-USDT-SWAP", side::sell, "3",
                               "10")});
  EXPECT_TRUE(core.set_spot({{"BTC", dec("0.25")}, {"USDT", dec("-25")}}));
  EXPECT_FALSE(core.set_spot({{"BTC", dec("0.25")}, {"USDT", dec("-25")}}));
  auto b = core.book(7);
  EXPECT_EQ(b.positions.size(), 3u);
  EXPECT_EQ(b.perp_net["BTC"], dec("-0.3")); // -0.5 + 0.2
  EXPECT_EQ(b.perp_net["ETH"], dec("-3"));
  EXPECT_EQ(b.spot_net["BTC"], dec("0.25"));
  EXPECT_EQ(b.net["BTC"], dec("-0.05"));     // -0.3 + 0.25
  EXPECT_EQ(b.net["ETH"], dec("-3"));
  EXPECT_EQ(b.net["USDT"], dec("-25"));
  // At the perpetuals' marks: -0.05 * 100, -3 * 10; USDT has no perpetual.
  EXPECT_EQ(b.exposure["BTC"], dec("-5"));
  EXPECT_EQ(b.exposure["ETH"], dec("-30"));
  EXPECT_EQ(b.exposure.count("USDT"), 0u);
  EXPECT_EQ(b.ts_ns, 7);
}

TEST(PositionCore, LiquidationDistanceOnlyWithALiquidationPrice) {
  auto p = pos(bn, "BTC", "BTCUSDT", side::buy, "1", "100", "80");
  EXPECT_DOUBLE_EQ(*liquidation_distance(p), 0.2); // |100 - 80| / 100
  auto s = pos(bn, "BTC", "BTCUSDT", side::sell, "1", "100", "125");
  EXPECT_DOUBLE_EQ(*liquidation_distance(s), 0.25);
  EXPECT_FALSE(
    liquidation_distance(pos(bn, "BTC", "BTCUSDT", side::buy, "1", "100", "0"))
      .has_value());
  EXPECT_EQ(signed_amount(s), dec("-1"));
}

} // namespace
} // namespace karb::positions
