#include <cmath>
#include <memory>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/positions/position_manager.hpp"
#include "config/settings.hpp"
#include "tests/derivatives/derivatives_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

position btc_long(const char* amount, const char* mark = "100",
                  const char* liq = "80") {
  position p;
  p.symbol = {exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
              contract_type::perpetual};
  p.position_side = side::buy;
  p.amount = dec(amount);
  p.mark_price = dec(mark);
  p.liquidation_price = dec(liq);
  p.unrealized_pnl = dec("1.5");
  p.margin = dec("10");
  p.leverage = 5;
  return p;
}

class position_manager_test : public actor_fixture {
protected:
  position_manager_test() {
    probe->snapshot.exposure = {{"BTC", dec("0.25")}};
  }

  ~position_manager_test() override {
    if (manager)
      caf::anon_send_exit(manager, caf::exit_reason::user_shutdown);
  }

  void start() {
    positions::position_setup s;
    s.venues["binance_usdm"] = sys.spawn(fake_perp_venue, venue);
    s.portfolio = sys.spawn(probe_portfolio, probe);
    s.risk = sys.spawn(probe_risk, probe);
    s.bus = sys.spawn(probe_bus, probe);
    s.wall_clock = [] { return int64_t{42}; };
    s.metrics = &registry;
    manager = positions::spawn_position_manager(sys, s);
    run();
  }

  position_book book() {
    position_book out;
    auto rh = self->request(manager, caf::infinite, atom::positions_v);
    run();
    rh.receive([&](const position_book& b) { out = b; },
               [&](caf::error& e) { ADD_FAILURE() << to_string(e); });
    return out;
  }

  double gauge(const std::string& name) {
    return registry
      .get_gauge(name, "", {{"venue", "binance_usdm"}, {"symbol", "BTCUSDT"}})
      .value();
  }

  std::shared_ptr<venue_script> venue = std::make_shared<venue_script>();
  std::shared_ptr<derivatives_probe> probe =
    std::make_shared<derivatives_probe>();
  metrics::registry registry;
  position_manager_actor manager;
};

TEST_F(position_manager_test, OpensAtStartAndSendsTheNetBookToRisk) {
  venue->positions = {btc_long("0.5")};
  start();
  auto opened = probe->of(event_type::position_opened);
  ASSERT_EQ(opened.size(), 1u);
  auto data = json::parse(opened[0].data);
  EXPECT_EQ(data["venue"], "binance_usdm");
  EXPECT_EQ(data["symbol"], "BTCUSDT");
  EXPECT_EQ(data["side"], "long");
  EXPECT_EQ(data["amount"], "0.5");
  ASSERT_FALSE(probe->books.empty());
  auto last = probe->books.back();
  EXPECT_EQ(last.perp_net["BTC"], dec("0.5"));
  EXPECT_EQ(last.spot_net["BTC"], dec("0.25"));
  EXPECT_EQ(last.net["BTC"], dec("0.75"));
  EXPECT_EQ(last.exposure["BTC"], dec("75")); // 0.75 at mark 100
  EXPECT_EQ(book().net["BTC"], dec("0.75"));
}

TEST_F(position_manager_test, ExportsPositionGauges) {
  venue->positions = {btc_long("0.5", "100", "80")};
  start();
  EXPECT_DOUBLE_EQ(gauge("karb_position_size"), 0.5);
  EXPECT_DOUBLE_EQ(gauge("karb_position_unrealized_pnl"), 1.5);
  EXPECT_DOUBLE_EQ(gauge("karb_position_margin"), 10);
  EXPECT_DOUBLE_EQ(gauge("karb_position_leverage"), 5);
  EXPECT_DOUBLE_EQ(gauge("karb_position_liquidation_distance"), 0.2);
  EXPECT_DOUBLE_EQ(
    registry.get_gauge("karb_position_net", "", {{"asset", "BTC"}}).value(),
    0.75);
  venue->positions.clear();
  advance(10s);
  EXPECT_DOUBLE_EQ(gauge("karb_position_size"), 0);
  EXPECT_TRUE(std::isnan(gauge("karb_position_liquidation_distance")));
}

TEST_F(position_manager_test, TimerSendsTheBookButAMarkMoveIsNoEvent) {
  venue->positions = {btc_long("0.5")};
  start();
  auto books = probe->books.size();
  venue->positions = {btc_long("0.5", "101")};
  advance(10s);
  EXPECT_GT(probe->books.size(), books); // the timer's book
  EXPECT_EQ(venue->position_calls, 2);
  EXPECT_EQ(probe->snapshot_calls, 2);
  EXPECT_TRUE(probe->of(event_type::position_updated).empty());
  venue->positions = {btc_long("0.8", "101")};
  advance(10s);
  auto updated = probe->of(event_type::position_updated);
  ASSERT_EQ(updated.size(), 1u);
  auto data = json::parse(updated[0].data);
  EXPECT_EQ(data["amount"], "0.8");
  EXPECT_EQ(data["previous_amount"], "0.5");
  EXPECT_EQ(probe->books.back().perp_net["BTC"], dec("0.8"));
}

TEST_F(position_manager_test, APrivateStreamReconnectReconcilesThatVenue) {
  venue->positions = {btc_long("0.5")};
  start();
  ASSERT_EQ(venue->listeners.size(), 1u); // subscribed at start
  venue->positions.clear();
  caf::anon_send(venue->listeners[0], atom::reconnect_v,
                 std::string{"binance_usdm"});
  run();
  EXPECT_EQ(venue->position_calls, 2);
  auto closed = probe->of(event_type::position_closed);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(json::parse(closed[0].data)["previous_amount"], "0.5");
  EXPECT_EQ(probe->books.back().perp_net.count("BTC"), 0u);
  EXPECT_TRUE(book().positions.empty());
}

TEST_F(position_manager_test, PushedPositionsAreDiffedToo) {
  venue->positions = {btc_long("0.5")};
  start();
  auto books = probe->books.size();
  auto p = btc_long("0.5");
  p.position_side = side::sell;
  caf::anon_send(manager, std::vector<position>{p});
  run();
  ASSERT_EQ(probe->of(event_type::position_updated).size(), 1u);
  EXPECT_EQ(probe->books.size(), books + 1);
  EXPECT_EQ(probe->books.back().perp_net["BTC"], dec("-0.5"));
}

TEST_F(position_manager_test, AFailingVenueKeepsItsLastPositions) {
  venue->positions = {btc_long("0.5")};
  start();
  venue->positions_fail = true;
  advance(10s);
  EXPECT_EQ(venue->position_calls, 2);
  EXPECT_TRUE(probe->of(event_type::position_closed).empty());
  EXPECT_EQ(book().positions.size(), 1u);
}

} // namespace
} // namespace karb::test
