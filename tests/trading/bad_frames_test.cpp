// Bad frames end to end: the karb binary with config/demo.yaml against
// karb-sim while a fifth of every venue's public WebSocket frames arrive
// cut short, nested 100,000 deep, with a number out of any range, with
// invalid UTF-8, or over the 16 MiB message limit; spreads forced so that
// it trades meanwhile. The node stays up, drops and counts the frames per
// venue, reconnects after the oversized ones, resyncs its sequenced books
// and ends with every book healthy, never shows a crossed book, fills only
// at sane prices, and ends with no ghost, no duplicate, flat.

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "tests/trading/demo_env.hpp"
#include "tests/trading/fault_schedule.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

void shift(int admin, const std::string& venue, int bp) {
  ASSERT_TRUE(sim_fault(admin, {{"venue", venue}, {"fault", "shift_mid"},
                                {"bp", bp}}));
}

/// The last health event of every book: (venue, symbol) -> (healthy,
/// reason); and every reason a book was unhealthy for.
struct book_health_log {
  std::map<std::pair<std::string, std::string>, bool> last_healthy;
  std::multiset<std::string> unhealthy; ///< "venue:reason"
};

book_health_log read_health(const std::filesystem::path& log) {
  book_health_log out;
  for (auto& j : log_lines(log)) {
    auto e = j.value("event", "");
    if (e != "book_healthy" && e != "book_unhealthy")
      continue;
    auto& f = j["fields"];
    auto key = std::make_pair(f.value("venue", ""), f.value("symbol", ""));
    out.last_healthy[key] = e == "book_healthy";
    if (e == "book_unhealthy")
      out.unhealthy.insert(f.value("venue", "") + ":"
                           + f.value("reason", ""));
  }
  return out;
}

TEST(BadFrames, NodeDropsCountsResyncsStaysUpAndTradesOnlyOnGoodBooks) {
  demo_env env{"bad-frames"};
  ASSERT_TRUE(env.ok()) << env.error();
  env.start_node();
  ASSERT_TRUE(wait_until([&] { return env.metric("karb_system_memory_usage_bytes").has_value(); },
                         30s))
    << "the node's API never answered";
  ASSERT_TRUE(wait_until(
    [&] {
      auto h = read_health(env.log());
      return h.last_healthy.size() >= 5;
    },
    30s))
    << "books never healthy";
  for (size_t i = 0; i < demo_sim_venues.size(); ++i)
    ASSERT_TRUE(sim_fault(env.admin(), {{"venue", demo_sim_venues[i]},
                                        {"fault", "bad_frames"},
                                        {"share", 0.2},
                                        {"seed", 100 + i}}));
  // OKX dear, Binance cheap; Bithumb dear, Upbit cheap.
  shift(env.admin(), "okx", 45);
  shift(env.admin(), "bithumb", 40);
  std::map<std::string, double> dropped;
  auto trades_final = [&] {
    size_t n = 0;
    for (auto& t : store_trades(env.db()))
      n += is_final_trade_state(t.state);
    return n;
  };
  bool enough = wait_until(
    [&] {
      if (!env.node().running())
        return true; // fails below
      dropped = metric_by(env.metrics_text(),
                          "karb_venue_frame_errors_total", "venue");
      bool every = dropped.size() >= 5;
      for (auto& [v, n] : dropped)
        every = every && n >= 5;
      return every && trades_final() >= 2;
    },
    90s, 1000ms);
  ASSERT_TRUE(env.node().running()) << "the node died; see " << env.dir();
  EXPECT_TRUE(enough) << "dropped per venue: " << json(dropped).dump()
                      << ", final trades " << trades_final();
  auto injected = json::object();
  for (auto& v : demo_sim_venues)
    injected[v] = sim_state(env.admin())["venues"][v]["faults"]
                    ["bad_frames_injected"];
  for (auto& v : demo_sim_venues) {
    ASSERT_TRUE(sim_fault(env.admin(), bad_frames_off(v)));
    shift(env.admin(), v, 0);
  }
  // Every book healthy again once the frames are good.
  EXPECT_TRUE(wait_until(
    [&] {
      for (auto& [k, healthy] : read_health(env.log()).last_healthy)
        if (!healthy)
          return false;
      return true;
    },
    60s))
    << "a book did not recover";
  ASSERT_TRUE(env.wait_quiet(120s)) << "orders or trades left open";
  auto health = read_health(env.log());
  for (auto& u : health.unhealthy)
    EXPECT_EQ(u.find(":crossed"), std::string::npos) << u;
  // A lost update of a sequenced book (Binance diffs, OKX and Bybit
  // deltas) leaves a gap: the book resyncs.
  auto resyncs = health.unhealthy.count("binance_spot:resync")
                 + health.unhealthy.count("okx_spot:resync")
                 + health.unhealthy.count("bybit_spot:resync");
  EXPECT_GT(resyncs, 0u) << "no sequenced book resynced";
  // The oversized frames closed connections, which came back.
  auto closes = 0;
  for (auto& j : log_lines(env.log()))
    closes += j.dump().find("exceeded") != std::string::npos;
  EXPECT_GT(closes, 0) << "no connection refused an oversized frame";
  // Fills only at sane prices: within 3 % of the start's fair price.
  auto fair_krw = decimal::parse(env.start_state["venues"]["upbit"]["markets"]
                                   ["KRW-BTC"]
                                     .value("fair", "0"))
                    .value_or(decimal{});
  ASSERT_TRUE(fair_krw.is_positive());
  auto fair_usdt = fair_krw.to_double() / 1400;
  auto fills = store_fills(env.db());
  EXPECT_FALSE(fills.empty());
  for (auto& f : fills) {
    bool krw = f.exchange == "upbit" || f.exchange == "bithumb";
    auto ref = krw ? fair_krw.to_double() : fair_usdt;
    EXPECT_NEAR(f.price.to_double() / ref, 1.0, 0.03)
      << f.exchange << " " << f.price.to_string();
  }
  ASSERT_EQ(env.stop_node(), 0);
  auto r = check_demo_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text();
  std::cout << "bad frames: injected " << injected.dump() << ", dropped "
            << json(dropped).dump() << ", book problems "
            << health.unhealthy.size() << ", fills " << fills.size() << "\n";
}

} // namespace
} // namespace karb::test
