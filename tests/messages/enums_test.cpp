#include "messages/enums.hpp"
#include "messages/events.hpp"

#include <gtest/gtest.h>

using namespace karb;

TEST(Enums, EveryOrderStatusRoundTripsThroughText) {
  for (int i = 0; i <= static_cast<int>(order_status::unknown); ++i) {
    auto s = static_cast<order_status>(i);
    auto text = to_string(s);
    EXPECT_NE(text, "invalid");
    EXPECT_EQ(order_status_from_string(text), s);
  }
  EXPECT_FALSE(order_status_from_string("done"));
}

TEST(Enums, SeedValueStrings) {
  EXPECT_EQ(to_string(exchange::bithumb), "bithumb");
  EXPECT_EQ(to_string(order_type::fok), "fok");
  EXPECT_EQ(to_string(arbitrage_type::cross_exchange), "cross_exchange");
  EXPECT_EQ(static_cast<int>(priority::urgent), 4);
  EXPECT_EQ(priority_from_string("high"), priority::high);
  EXPECT_EQ(side_from_string("sell"), side::sell);
  EXPECT_EQ(exchange_from_string("okx_swap"), exchange::okx_swap);
  EXPECT_FALSE(exchange_from_string("okx"));
  EXPECT_FALSE(exchange_from_string("OKX"));
}

TEST(Enums, TerminalStates) {
  EXPECT_TRUE(is_terminal(order_status::filled));
  EXPECT_TRUE(is_terminal(order_status::rejected));
  EXPECT_FALSE(is_terminal(order_status::unknown));
  EXPECT_FALSE(is_terminal(order_status::partially_filled));
}

TEST(Events, EveryEventTypeHasTheSeedName) {
  EXPECT_EQ(to_string(event_type::arbitrage_opportunity_found),
            "arbitrage_opportunity_found");
  EXPECT_EQ(to_string(event_type::exchange_disconnected),
            "exchange_disconnected");
  for (int i = 0; i < event_type_count; ++i) {
    auto t = static_cast<event_type>(i);
    EXPECT_EQ(event_type_from_string(to_string(t)), t);
  }
}
