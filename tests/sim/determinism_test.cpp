// Same seed, same market; and a market worth trading.

#include <gtest/gtest.h>

#include <fstream>

#include "sim_test_client.hpp"

using namespace simtest;
using karb::dec;

namespace {

std::string books(sim_fixture& f) {
  std::string out;
  for (size_t v = 0; v < 2; ++v) {
    auto j = json_of(f.sim.handle_http(v, make("GET", "/v1/orderbook?markets=KRW-BTC,KRW-ETH,KRW-XRP&count=30"),
                                       f.now + 1000000).response);
    for (auto& b : j) {
      b.erase("timestamp");
      out += b.dump();
    }
  }
  return out;
}

} // namespace

TEST(Determinism, SameSeedAndRequestsGiveTheSameMarketAndIds) {
  sim_fixture a(7), b(7);
  std::string body = R"({"market":"KRW-BTC","side":"bid","price":"50000","ord_type":"price"})";
  for (auto* f : {&a, &b}) {
    f->step(40);
    f->post(0, "/v1/orders", body);
    f->step(40);
  }
  EXPECT_EQ(books(a), books(b));
  auto sa = a.sim.state(0)["venues"]["upbit"]["orders"];
  auto sb = b.sim.state(0)["venues"]["upbit"]["orders"];
  ASSERT_EQ(sa.size(), 1u);
  EXPECT_EQ(sa, sb);
}

TEST(Determinism, DifferentSeedsDiffer) {
  sim_fixture a(7), b(8);
  a.step(10);
  b.step(10);
  EXPECT_NE(books(a), books(b));
}

TEST(Market, CrossVenueSpreadsAboveBothFeesAppearNowAndThen) {
  sim_fixture f(7);
  int opportunities = 0;
  const int steps = 3000; // five simulated minutes at 10 Hz
  for (int i = 0; i < steps; ++i) {
    f.step();
    auto st = f.sim.state(f.now)["venues"];
    for (auto* code : {"KRW-BTC", "KRW-ETH", "KRW-XRP"}) {
      auto up_bid = dec(st["upbit"]["markets"][code]["best_bid"].get<std::string>());
      auto up_ask = dec(st["upbit"]["markets"][code]["best_ask"].get<std::string>());
      auto bt_bid = dec(st["bithumb"]["markets"][code]["best_bid"].get<std::string>());
      auto bt_ask = dec(st["bithumb"]["markets"][code]["best_ask"].get<std::string>());
      // Buy on one venue, sell on the other, after 0.05 % + 0.05 %.
      auto edge = [](karb::decimal buy, karb::decimal sell) {
        return sell.to_double() * (1 - 0.0005) > buy.to_double() * (1 + 0.0005);
      };
      if (edge(up_ask, bt_bid) || edge(bt_ask, up_bid))
        ++opportunities;
    }
  }
  EXPECT_GT(opportunities, 0);
  EXPECT_LT(opportunities, steps * 3 / 2); // now and then, not always
}

TEST(Market, BooksAreNeverCrossedAndStayOnTicks) {
  sim_fixture f(3);
  for (int i = 0; i < 200; ++i) {
    f.step();
    auto st = f.sim.state(f.now)["venues"];
    for (auto& [name, v] : st.items())
      for (auto& [code, m] : v["markets"].items()) {
        auto bid = dec(m["best_bid"].get<std::string>());
        auto ask = dec(m["best_ask"].get<std::string>());
        ASSERT_LT(bid, ask) << name << " " << code;
        ASSERT_TRUE(karb::sim::on_tick(name == "upbit" ? karb::sim::venue_kind::upbit
                                                       : karb::sim::venue_kind::bithumb,
                                       bid));
      }
  }
}

TEST(Accounts, ShippedDevFileEqualsTheBuiltInDefaults) {
  std::ifstream in(std::string{KARB_SOURCE_DIR} + "/tools/karb-sim/accounts.dev.json");
  ASSERT_TRUE(in);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(nlohmann::json::parse(text),
            nlohmann::json::parse(karb::sim::default_accounts_json()));
  auto custom = R"({"upbit":[{"access_key":"a","secret_key":"s","fee":"0.001",)"
                R"("balances":{"KRW":"7000","BTC":"0.5"}}]})";
  karb::sim::sim_config c;
  c.accounts_json = custom;
  karb::sim::simulator sim{c};
  auto st = sim.state(0)["venues"];
  EXPECT_EQ(st["upbit"]["accounts"]["a"]["KRW"]["balance"], "7000");
  EXPECT_EQ(st["upbit"]["accounts"]["a"]["BTC"]["balance"], "0.5");
  EXPECT_TRUE(st["bithumb"]["accounts"].empty());
}
