// KRW tick tables (exchanges.md §1.6 Upbit 2025-07-31, §2.6 Bithumb),
// rounding direction and the minimum order value.

#include <gtest/gtest.h>

#include "exchanges/bithumb/rules.hpp"
#include "exchanges/upbit/rules.hpp"

using namespace karb;

TEST(UpbitRules, TickTable) {
  struct row { const char* price; const char* tick; };
  for (auto [price, tick] : {
         row{"150000000", "1000"}, row{"2000000", "1000"}, row{"1999999", "1000"},
         row{"1000000", "1000"}, row{"999999", "500"}, row{"500000", "500"},
         row{"499999", "100"}, row{"100000", "100"}, row{"99999", "50"},
         row{"50000", "50"}, row{"49999", "10"}, row{"10000", "10"},
         row{"9999", "5"}, row{"5000", "5"}, row{"4999", "1"}, row{"1000", "1"},
         row{"999", "1"}, row{"100", "1"}, row{"99.9", "0.1"}, row{"10", "0.1"},
         row{"9.99", "0.01"}, row{"1", "0.01"}, row{"0.999", "0.001"},
         row{"0.1", "0.001"}, row{"0.05", "0.0001"}, row{"0.005", "0.00001"},
         row{"0.0005", "0.000001"}, row{"0.00005", "0.0000001"},
         row{"0.000005", "0.00000001"}})
    EXPECT_EQ(upbit::krw_tick(dec(price)), dec(tick)) << price;
}

TEST(BithumbRules, TickTableDiffersBelow100) {
  struct row { const char* price; const char* tick; };
  for (auto [price, tick] : {
         row{"150000000", "1000"}, row{"1000000", "1000"}, row{"999999", "500"},
         row{"100000", "100"}, row{"99999", "50"}, row{"10000", "10"},
         row{"5000", "5"}, row{"4999", "1"}, row{"100", "1"},
         row{"99.99", "0.01"}, row{"10", "0.01"}, row{"9.999", "0.001"},
         row{"1", "0.001"}, row{"0.9999", "0.0001"}, row{"0.0001", "0.0001"}})
    EXPECT_EQ(bithumb::krw_tick(dec(price)), dec(tick)) << price;
  EXPECT_NE(upbit::krw_tick(dec("50")), bithumb::krw_tick(dec("50")));
  EXPECT_NE(upbit::krw_tick(dec("5")), bithumb::krw_tick(dec("5")));
}

TEST(UpbitRules, BuyRoundsDownSellRoundsUp) {
  EXPECT_EQ(upbit::round_to_tick(dec("103493400"), side::buy), dec("103493000"));
  EXPECT_EQ(upbit::round_to_tick(dec("103493400"), side::sell), dec("103494000"));
  EXPECT_EQ(upbit::round_to_tick(dec("103493000"), side::sell), dec("103493000"));
  EXPECT_EQ(upbit::round_to_tick(dec("999999.5"), side::sell), dec("1000000"));
  EXPECT_EQ(upbit::round_to_tick(dec("12.34"), side::buy), dec("12.3"));
  EXPECT_EQ(upbit::round_to_tick(dec("12.34"), side::sell), dec("12.4"));
  EXPECT_EQ(bithumb::round_to_tick(dec("12.345"), side::buy), dec("12.34"));
  EXPECT_EQ(bithumb::round_to_tick(dec("12.345"), side::sell), dec("12.35"));
}

TEST(UpbitRules, ValidPricesAndMinimumTotal) {
  EXPECT_TRUE(upbit::is_valid_price(dec("103493000")));
  EXPECT_FALSE(upbit::is_valid_price(dec("103493500")));
  EXPECT_FALSE(upbit::is_valid_price(dec("0")));
  EXPECT_TRUE(bithumb::is_valid_price(dec("12.34")));
  EXPECT_FALSE(upbit::is_valid_price(dec("12.34")));
  EXPECT_EQ(upbit::min_order_krw, dec("5000"));
  EXPECT_EQ(upbit::default_fee, dec("0.0005"));
  EXPECT_TRUE(upbit::meets_min_total(dec("10000000"), dec("0.0005")));   // 5000
  EXPECT_FALSE(upbit::meets_min_total(dec("10000000"), dec("0.00049999")));
  EXPECT_TRUE(bithumb::meets_min_total(dec("90000000000"), dec("90000"))); // overflow
}
