// karb-inspect's readable tables from the inspector's JSON replies.

#include "tools/karb-inspect/render_text.hpp"

#include <gtest/gtest.h>

using karb::inspect_cli::duration_ns;
using karb::inspect_cli::render_text;
using nlohmann::json;

TEST(RenderText, StatusShowsChildrenAndVenues) {
  auto j = json::parse(R"({"node":"n1","uptime_ms":3723000,
    "children":[{"name":"risk","kind":"risk","state":"running","restarts":0,
                 "consecutive_failures":0,"breaker":"closed"}],
    "venues":[{"venue":"upbit","feed":"connected","private":"subscribed",
               "breaker":"closed","reconnects":2,"frames":100,
               "rest_requests":5,"rest_errors":1},
              {"venue":"bithumb","error":"not running"}]})");
  EXPECT_EQ(render_text("status", j),
            "node    n1\n"
            "uptime  1h 02m 03s\n"
            "\n"
            "NAME  KIND  STATE    RESTARTS  FAILURES  BREAKER\n"
            "risk  risk  running  0         0         closed\n"
            "\n"
            "VENUE    FEED                PRIVATE     BREAKER  RECONNECTS  "
            "FRAMES  REST  REST_ERRORS\n"
            "upbit    connected           subscribed  closed   2           "
            "100     5     1\n"
            "bithumb  error: not running\n");
}

TEST(RenderText, BookShowsBothSidesBestFirst) {
  auto j = json::parse(R"({"book":"upbit:KRW-BTC","healthy":false,
    "reason":"stale","sequence":7,
    "bids":[{"price":"100","size":"1"},{"price":"99","size":"2"}],
    "asks":[{"price":"101","size":"0.5"}]})");
  EXPECT_EQ(render_text("book", j),
            "upbit:KRW-BTC  UNHEALTHY (stale)  seq 7\n"
            "\n"
            "BID_SIZE  BID  ASK  ASK_SIZE\n"
            "1         100  101  0.5\n"
            "2         99   -    -\n");
}

TEST(RenderText, RiskShowsHaltDenialsAndLimits) {
  auto j = json::parse(R"({"halted":true,"halt_reason":"operator: x",
    "paused":false,"pause_remaining_ms":0,"daily_pnl":{"KRW":"-5","USDT":"2.5"},
    "open_trades":1,"orders_last_minute":2,"consecutive_failures":0,
    "approvals":3,"denials":{"halted":4},
    "limits":{"max_position":{"BTC":"0.1","ETH":"2"},"max_drawdown":0.1}})");
  auto text = render_text("risk", j);
  EXPECT_NE(text.find("trading   HALTED: operator: x\n"), std::string::npos)
    << text;
  EXPECT_NE(text.find("DENIAL  COUNT\nhalted  4\n"), std::string::npos)
    << text;
  EXPECT_NE(text.find("daily PnL -5 KRW, 2.5 USDT\n"), std::string::npos)
    << text;
  EXPECT_NE(text.find("max_position.BTC  0.1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("max_position.ETH  2\n"), std::string::npos) << text;
}

TEST(RenderText, DurationsAndUnknownShapes) {
  EXPECT_EQ(duration_ns(850), "850 ns");
  EXPECT_EQ(duration_ns(12'345), "12.3 us");
  EXPECT_EQ(duration_ns(4'500'000), "4.5 ms");
  EXPECT_EQ(duration_ns(1'200'000'000), "1.20 s");
  EXPECT_EQ(render_text("orders", json{{"orders", json::array()}}),
            "no open orders\n");
  EXPECT_EQ(render_text("whatever", json{{"a", 1}}), "{\n  \"a\": 1\n}\n");
}
