#include "messages/decimal.hpp"

#include <gtest/gtest.h>

using karb::dec;
using karb::decimal;
using karb::rounding;

TEST(Decimal, ParsesVenueStringsExactly) {
  EXPECT_EQ(decimal::parse("0.00012345")->raw, 12345);
  EXPECT_EQ(decimal::parse("98765432.1")->raw, 9876543210000000);
  EXPECT_EQ(decimal::parse("103493000.0")->raw, 10349300000000000);
  EXPECT_EQ(decimal::parse("103460000")->raw, 10346000000000000);
  EXPECT_EQ(decimal::parse("-0.5")->raw, -50000000);
  EXPECT_EQ(decimal::parse("+7")->raw, 700000000);
  EXPECT_EQ(decimal::parse(".5")->raw, 50000000);
  EXPECT_EQ(decimal::parse("5.")->raw, 500000000);
}

TEST(Decimal, ParsesExponentNotation) {
  EXPECT_EQ(decimal::parse("1e-05")->raw, 1000);
  EXPECT_EQ(decimal::parse("1.5E3")->raw, 150000000000);
  EXPECT_EQ(decimal::parse("2.5e+2")->raw, 25000000000);
  EXPECT_EQ(decimal::parse("123e-10")->raw, 1); // 0.0000000123 -> half-even
}

TEST(Decimal, PrintsShortestExactText) {
  EXPECT_EQ(decimal::parse("0.00012345")->to_string(), "0.00012345");
  EXPECT_EQ(decimal::parse("98765432.1")->to_string(), "98765432.1");
  EXPECT_EQ(decimal::parse("103493000.0")->to_string(), "103493000");
  EXPECT_EQ(decimal::parse("-0.5")->to_string(), "-0.5");
  EXPECT_EQ(decimal{}.to_string(), "0");
}

TEST(Decimal, RoundsNinthDigitHalfToEven) {
  EXPECT_EQ(decimal::parse("0.000000015")->raw, 2);   // 1.5 -> 2
  EXPECT_EQ(decimal::parse("0.000000025")->raw, 2);   // 2.5 -> 2
  EXPECT_EQ(decimal::parse("0.0000000250001")->raw, 3);
  EXPECT_EQ(decimal::parse("0.000000024999")->raw, 2);
  EXPECT_EQ(decimal::parse("-0.000000035")->raw, -4);
  EXPECT_EQ(decimal::parse("0.000000019", rounding::down)->raw, 1);
  EXPECT_EQ(decimal::parse("0.000000011", rounding::up)->raw, 2);
  EXPECT_EQ(decimal::parse("-0.000000011", rounding::floor)->raw, -2);
  EXPECT_EQ(decimal::parse("-0.000000019", rounding::ceil)->raw, -1);
}

TEST(Decimal, ExactParseRefusesLostPrecision) {
  EXPECT_FALSE(decimal::parse_exact("0.000000001"));
  EXPECT_TRUE(decimal::parse_exact("0.00000001"));
  EXPECT_TRUE(decimal::parse_exact("0.100000000000"));
  EXPECT_THROW(dec("1.123456789"), std::invalid_argument);
}

TEST(Decimal, RefusesMalformedAndOutOfRange) {
  for (auto bad : {"", "-", ".", "abc", "1.2.3", "1e", "1e+", "NaN", "nan",
                   "inf", "-Infinity", "1,5", " 1", "1 ", "0x10", "1e5000",
                   "99999999999999", "1e12"})
    EXPECT_FALSE(decimal::parse(bad)) << bad;
  EXPECT_TRUE(decimal::parse("92233720368"));
}

TEST(Decimal, MultipliesThroughWideIntegers) {
  // 0.0005 BTC at 103,493,000 KRW = 51,746.5 KRW.
  auto notional = decimal::mul(dec("0.0005"), dec("103493000"));
  ASSERT_TRUE(notional);
  EXPECT_EQ(*notional, dec("51746.5"));
  // Fee 0.05% of that, rounded half-even to 8 decimals.
  EXPECT_EQ(*decimal::mul(*notional, dec("0.0005")), dec("25.87325"));
  EXPECT_EQ(*decimal::mul(dec("0.00000001"), dec("0.5")), dec("0"));
  EXPECT_EQ(*decimal::mul(dec("0.00000003"), dec("0.5")), dec("0.00000002"));
  EXPECT_FALSE(decimal::mul(dec("90000000000"), dec("2")));
}

TEST(Decimal, DividesWithRounding) {
  EXPECT_EQ(*decimal::div(dec("10000"), dec("103493000")), dec("0.00009662"));
  EXPECT_EQ(*decimal::div(dec("10000"), dec("103493000"), rounding::down),
            dec("0.00009662"));
  EXPECT_EQ(*decimal::div(dec("1"), dec("3"), rounding::up), dec("0.33333334"));
  EXPECT_FALSE(decimal::div(dec("1"), dec("0")));
}

TEST(Decimal, RoundsToTick) {
  auto tick = dec("1000");
  EXPECT_EQ(decimal::round_to(dec("103493499"), tick, rounding::floor),
            dec("103493000"));
  EXPECT_EQ(decimal::round_to(dec("103493001"), tick, rounding::ceil),
            dec("103494000"));
  EXPECT_EQ(decimal::round_to(dec("0.0123456"), dec("0.0001"),
                              rounding::half_even),
            dec("0.0123"));
}

TEST(Decimal, ComparesAndAdds) {
  EXPECT_LT(dec("0.1"), dec("0.2"));
  EXPECT_EQ(dec("0.1") + dec("0.2"), dec("0.3")); // exact, unlike double
  EXPECT_EQ(dec("1") - dec("1.5"), dec("-0.5"));
  EXPECT_EQ((-dec("2")).abs(), dec("2"));
}

TEST(Decimal, CheckedSumsRefuseOverflow) {
  auto top = decimal::from_raw(INT64_MAX);
  EXPECT_EQ(decimal::add(dec("0.1"), dec("0.2")), dec("0.3"));
  EXPECT_EQ(decimal::sub(dec("1"), dec("1.5")), dec("-0.5"));
  EXPECT_EQ(decimal::add(top, decimal::from_raw(0)), top);
  EXPECT_FALSE(decimal::add(top, decimal::from_raw(1)).has_value());
  EXPECT_FALSE(decimal::sub(-top, decimal::from_raw(1)).has_value()); // MIN
  EXPECT_FALSE(decimal::sub(-top, top).has_value());
  // A balance over 92 billion units does not parse at all.
  EXPECT_FALSE(decimal::parse("92233720369").has_value());
}
