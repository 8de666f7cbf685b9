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

TEST(RenderText, RiskShowsUsageAndPositionsNearLiquidation) {
  auto j = json::parse(R"({"halted":false,"paused":false,"daily_pnl":{},
    "open_trades":0,"orders_last_minute":0,"consecutive_failures":0,
    "approvals":0,"denials":{},
    "usage":[{"quote":"USDT","daily_pnl":"5","drawdown":"0","equity":"4900",
      "peak_equity":"5000","equity_drawdown":0.02,"var_historical":null,
      "var_parametric":"132.3","open_notional":"7000","leverage":1.5}],
    "liquidation":[{"book":"binance_usdm:ETHUSDT","side":"long","amount":"1",
      "mark_price":"3500","liquidation_price":"3400","distance":0.03}],
    "guard_closes":1})");
  auto text = render_text("risk", j);
  EXPECT_NE(text.find("USDT   5          0         4900    5000  0.02       "
                      "-         132.3      7000           1.5\n"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("binance_usdm:ETHUSDT  long  1       3500  3400"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("guard closes 1\n"), std::string::npos) << text;
}

TEST(RenderText, EmergencyStopShowsWhatIsStillOpen) {
  auto j = json::parse(R"({"command":"emergency-stop","flatten":{
    "reason":"operator: x","orders_cancelled":3,"positions_closed":1,
    "remaining":["okx_swap BTC-USDT-SWAP short 0.01"],"elapsed_ms":12}})");
  EXPECT_EQ(render_text("emergency-stop", j),
            "emergency-stop: trading HALTED (operator: x); 3 orders "
            "cancelled, 1 positions closed in 12 ms\n"
            "STILL OPEN: okx_swap BTC-USDT-SWAP short 0.01\n");
}

TEST(RenderText, ActorsShowTheTreeIndentedByDepth) {
  auto j = json::parse(R"({"actors":[],"note":"n",
    "tree":{"name":"n1","kind":"node","state":"running","children":[
      {"name":"execution","kind":"execution","state":"running","children":[
        {"name":"trade:T1","kind":"trade","state":"legs_submitted",
         "children":[{"name":"order:karb-T1-0-1","kind":"order",
                      "state":"open","venue":"upbit","children":[]}]}]},
      {"name":"market_data","kind":"market_data","state":"running",
       "error":"not running","children":[]}]}})");
  EXPECT_EQ(render_text("actors", j),
            "n1  [node]  running\n"
            "  execution  [execution]  running\n"
            "    trade:T1  [trade]  legs_submitted\n"
            "      order:karb-T1-0-1  [order]  open  upbit\n"
            "  market_data  [market_data]  running  error: not running\n"
            "\n(n)\n");
}

TEST(RenderText, CancelRepliesSayWhatWasAsked) {
  EXPECT_EQ(render_text("cancel", json::parse(R"({"command":"cancel",
              "order_id":"karb-T1-0-1","result":"cancel requested"})")),
            "cancel karb-T1-0-1: cancel requested\n");
  EXPECT_EQ(render_text("cancel-all", json::parse(R"({"command":"cancel-all",
              "orders_cancelled":3,"trades_stopped":1})")),
            "cancel-all: 3 orders asked to cancel, 1 trades stopped\n");
}
