// The inspector's argument parsing, alone.

#include "actors/inspector/commands.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::inspector;

TEST(InspectorCommands, ParsesABookQuery) {
  std::string err;
  auto q = parse_book({"book", "upbit", "btc"}, err);
  ASSERT_TRUE(q) << err;
  EXPECT_EQ(q->symbol, (instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC",
                                   contract_type::spot}));
  EXPECT_EQ(q->depth, 10u);
  q = parse_book({"book", "--depth", "3", "bithumb", "KRW-ETH"}, err);
  ASSERT_TRUE(q) << err;
  EXPECT_EQ(q->symbol.venue, exchange::bithumb);
  EXPECT_EQ(q->symbol.base, "ETH");
  EXPECT_EQ(q->depth, 3u);
  q = parse_book({"book", "binance_spot", "ETH"}, err);
  ASSERT_TRUE(q) << err;
  EXPECT_EQ(q->symbol, (instrument{exchange::binance_spot, "ETH", "USDT",
                                   "ETHUSDT", contract_type::spot}));
  q = parse_book({"book", "binance_usdm", "btc/usdt"}, err);
  ASSERT_TRUE(q) << err;
  EXPECT_EQ(q->symbol, (instrument{exchange::binance_usdm, "BTC", "USDT",
                                   "BTCUSDT", contract_type::perpetual}));
}

TEST(InspectorCommands, RefusesBadBookQueries) {
  std::string err;
  EXPECT_FALSE(parse_book({"book", "upbit"}, err));
  EXPECT_EQ(err, "usage: book VENUE SYMBOL [--depth N], e.g. book upbit BTC");
  EXPECT_FALSE(parse_book({"book", "nowhere", "BTC"}, err));
  EXPECT_EQ(err, "unknown venue 'nowhere'");
  EXPECT_FALSE(parse_book({"book", "upbit", "KRW-"}, err));
  EXPECT_EQ(err, "expected BASE, BASE/QUOTE or QUOTE-BASE, got 'KRW-'");
  EXPECT_FALSE(parse_book({"book", "upbit", "/KRW"}, err));
  EXPECT_FALSE(parse_book({"book", "huobi", "BTC"}, err));
  EXPECT_EQ(err, "venue 'huobi' is not implemented");
  EXPECT_FALSE(parse_book({"book", "upbit", "BTC", "--depth"}, err));
  EXPECT_EQ(err, "--depth takes a number from 1 to 1000");
  EXPECT_FALSE(parse_book({"book", "upbit", "BTC", "--depth", "-1"}, err));
  EXPECT_FALSE(parse_book({"book", "upbit", "BTC", "--depth", "1001"}, err));
}

TEST(InspectorCommands, ParsesCounts) {
  std::string err;
  EXPECT_EQ(parse_count({"events"}, 20, err), 20);
  EXPECT_EQ(parse_count({"events", "5"}, 20, err), 5);
  EXPECT_FALSE(parse_count({"trades", "0"}, 20, err));
  EXPECT_EQ(err, "trades takes a count from 1 to 1000, got '0'");
  EXPECT_FALSE(parse_count({"events", "12x"}, 20, err));
  EXPECT_FALSE(parse_count({"events", "99999999999"}, 20, err));
}

TEST(InspectorCommands, JoinsAndMatches) {
  EXPECT_EQ(join_from({"halt", "fat", "finger"}, 1), "fat finger");
  EXPECT_EQ(join_from({"halt"}, 1), "");
  std::vector<std::string> ids{"spread:BTC", "spread:ETH", "spreadx:BTC"};
  EXPECT_EQ(match_strategies(ids, "spread"),
            (std::vector<std::string>{"spread:BTC", "spread:ETH"}));
  EXPECT_EQ(match_strategies(ids, "spread:ETH"),
            (std::vector<std::string>{"spread:ETH"}));
  EXPECT_TRUE(match_strategies(ids, "spre").empty());
  EXPECT_TRUE(match_strategies(ids, "").empty());
}
