// The karb binary with config/demo.yaml against one karb-sim serving its
// five venues: on the BTC/USDT market of Binance spot, OKX and Bybit, OKX
// forced 45 bp rich and Bybit 25 bp rich, the strategy trades the best
// pair (sell OKX, buy Binance), every trade completes, the three venues
// end flat in BTC (what was bought is what was sold), and each venue's BTC
// and USDT at the simulator moved exactly as the node's stored fills say.

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/trading/demo_env.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

/// The simulator's venue serving a node venue.
std::string sim_venue(const std::string& node_venue) {
  if (node_venue == "okx_spot")
    return "okx";
  if (node_venue == "bybit_spot")
    return "bybit";
  return node_venue;
}

TEST(UsdtVenuesTrading, TheBestOfThreeVenuesTradesEndsFlatAndBooksAgree) {
  auto dir = std::filesystem::temp_directory_path()
             / ("karb-e2e-usdt-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  sim_process sim{{"--venues",
                   "upbit,bithumb,binance_spot,okx,bybit,binance_usdm",
                   "--port-base", "0", "--admin-port", "0", "--seed", "7"}};
  ASSERT_TRUE(sim.ok()) << sim.error();
  auto admin = sim.port("admin");
  auto start = sim_state(admin);
  std::ofstream{dir / "karb.yaml"} << demo_yaml(sim, dir);
  // OKX the dearest, Bybit dear too, Binance cheap: sell OKX, buy Binance.
  ASSERT_TRUE(sim_fault(admin, {{"venue", "okx"}, {"fault", "shift_mid"},
                                {"bp", 45}}));
  ASSERT_TRUE(sim_fault(admin, {{"venue", "bybit"}, {"fault", "shift_mid"},
                                {"bp", 25}}));
  node_process node{dir / "karb.yaml", dir / "node.out"};
  auto log = dir / "karb-demo.log";
  auto db = dir / "karb-demo.db";
  auto usdt_trades = [&] {
    std::vector<store_trade> out;
    auto orders = store_orders(db);
    for (auto& t : store_trades(db))
      for (auto& o : orders)
        if (o.trade_id == t.trade_id && o.venue != "upbit"
            && o.venue != "bithumb") {
          out.push_back(t);
          break;
        }
    return out;
  };
  ASSERT_TRUE(wait_until(
    [&] {
      for (auto& t : usdt_trades())
        if (is_final_trade_state(t.state))
          return true;
      return false;
    },
    40s))
    << "no USDT trade finished; see " << dir;
  for (auto v : {"okx", "bybit"})
    ASSERT_TRUE(sim_fault(admin, {{"venue", v}, {"fault", "shift_mid"},
                                  {"bp", 0}}));
  // Quiet: no order live at the node once the spreads are back.
  ASSERT_TRUE(wait_until(
    [&] {
      for (auto& o : store_orders(db))
        if (!is_terminal_order_status(o.status))
          return false;
      return true;
    },
    20s));
  ASSERT_EQ(node.stop(), 0);

  auto trades = usdt_trades();
  ASSERT_GE(trades.size(), 1u);
  for (auto& t : trades) {
    EXPECT_EQ(t.state, "done") << t.trade_id;
    EXPECT_EQ(t.outcome, "completed") << t.trade_id;
  }
  // The first trade is the best pair: sold on OKX, bought on Binance.
  std::map<std::string, std::string> first_legs; // venue -> side
  for (auto& o : store_orders(db))
    if (o.trade_id == trades.front().trade_id)
      first_legs[o.venue] = o.side;
  EXPECT_EQ(first_legs, (std::map<std::string, std::string>{
                          {"binance_spot", "buy"}, {"okx_spot", "sell"}}));
  // Per venue, what the store's fills say moved; flat across the three.
  std::map<std::string, decimal> btc, usdt;
  decimal bought, sold;
  for (auto& f : store_fills(db)) {
    if (f.exchange == "upbit" || f.exchange == "bithumb")
      continue;
    auto notional = decimal::mul(f.price, f.volume).value_or(decimal{});
    if (f.side == "buy") {
      btc[f.exchange] += f.volume;
      usdt[f.exchange] -= notional;
      bought += f.volume;
    } else {
      btc[f.exchange] -= f.volume;
      usdt[f.exchange] += notional;
      sold += f.volume;
    }
    (f.fee_currency == "BTC" ? btc : usdt)[f.exchange] -= f.fee;
  }
  EXPECT_TRUE(bought.is_positive());
  EXPECT_EQ(bought, sold); // flat: every BTC bought was sold elsewhere
  auto now = sim_state(admin);
  for (auto venue : {"binance_spot", "okx_spot", "bybit_spot"}) {
    SCOPED_TRACE(venue);
    auto sv = sim_venue(venue);
    EXPECT_EQ(usdt_venue_held(now, sv, "BTC")
                - usdt_venue_held(start, sv, "BTC"),
              btc[venue]);
    auto moved = usdt_venue_held(now, sv, "USDT")
                 - usdt_venue_held(start, sv, "USDT");
    auto off = moved - usdt[venue];
    EXPECT_LE(off.abs(), dec("0.01")) << "sim " << moved.to_string()
                                     << " store " << usdt[venue].to_string();
  }
  for (auto& o : sim_orders(now))
    EXPECT_TRUE(o.value("status", "") != "NEW" && o.value("state", "") != "live"
                && o.value("orderStatus", "") != "New")
      << o.dump();
  if (!::testing::Test::HasFailure() && !std::getenv("KARB_E2E_KEEP"))
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace karb::test
