// The pure config diff of a reload: what is applied live, what is refused.

#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "actors/app/reload_plan.hpp"
#include "config/load.hpp"

using karb::app::limit_change;
using karb::app::plan_reload;
using karb::app::summary;
using strings = std::vector<std::string>;

namespace {

std::string dev_yaml() {
  std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
  return {std::istreambuf_iterator<char>{in}, {}};
}

std::string edit(std::string text, const std::string& from,
                 const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

karb::config::settings parse(const std::string& text) {
  auto r = karb::config::load_text(text, "test.yaml", {}, false);
  EXPECT_TRUE(r.errors.empty())
    << (r.errors.empty() ? "" : to_string(r.errors[0]));
  return r.value.value_or(karb::config::settings{});
}

const std::string btc_line = "symbols: [BTC], min_profit_rate: 0.002";
const std::string eth_strategy
  = "\n  - {id: eth-spread, type: spread_arbitrage, venues: [upbit, "
    "bithumb],\n     symbols: [ETH, XRP], min_profit_rate: 0.003}\n";

} // namespace

TEST(ReloadPlan, SameFileChangesNothing) {
  auto p = plan_reload(parse(dev_yaml()), parse(dev_yaml()));
  EXPECT_TRUE(p.empty());
  EXPECT_FALSE(p.refused());
  EXPECT_EQ(summary(p), "reloaded: +strategies [], -strategies [], "
                        "~strategies [], risk changes 0");
}

TEST(ReloadPlan, AddedStrategyIsListed) {
  auto next = edit(dev_yaml(), "max_size: 0.05}\n", "max_size: 0.05}"
                                                    + eth_strategy);
  auto p = plan_reload(parse(dev_yaml()), parse(next));
  EXPECT_EQ(p.added, strings{"eth-spread"});
  EXPECT_TRUE(p.removed.empty());
  EXPECT_TRUE(p.changed.empty());
  EXPECT_EQ(summary(p), "reloaded: +strategies [eth-spread], -strategies [], "
                        "~strategies [], risk changes 0");
}

TEST(ReloadPlan, ReplacedListAddsAndRemoves) {
  auto next = edit(dev_yaml(),
                   "  - {id: btc-spread, type: spread_arbitrage, venues: "
                   "[upbit, bithumb],\n     symbols: [BTC], min_profit_rate: "
                   "0.002, max_size: 0.05}\n",
                   eth_strategy.substr(1));
  auto p = plan_reload(parse(dev_yaml()), parse(next));
  EXPECT_EQ(p.added, strings{"eth-spread"});
  EXPECT_EQ(p.removed, strings{"btc-spread"});
  EXPECT_EQ(summary(p), "reloaded: +strategies [eth-spread], -strategies "
                        "[btc-spread], ~strategies [], risk changes 0");
}

TEST(ReloadPlan, ChangedParamsAreAChange) {
  auto next = edit(dev_yaml(), btc_line, "symbols: [BTC], min_profit_rate: "
                                         "0.004");
  auto p = plan_reload(parse(dev_yaml()), parse(next));
  EXPECT_EQ(p.changed, strings{"btc-spread"});
  EXPECT_TRUE(p.added.empty());
  EXPECT_TRUE(p.removed.empty());
  auto more = edit(dev_yaml(), "symbols: [BTC]", "symbols: [BTC, ETH]");
  EXPECT_EQ(plan_reload(parse(dev_yaml()), parse(more)).changed,
            strings{"btc-spread"});
}

TEST(ReloadPlan, DisablingRemovesAndEnablingAdds) {
  auto off = edit(dev_yaml(), "{id: btc-spread,", "{id: btc-spread, "
                                                  "enabled: false,");
  auto p = plan_reload(parse(dev_yaml()), parse(off));
  EXPECT_EQ(p.removed, strings{"btc-spread"});
  auto back = plan_reload(parse(off), parse(dev_yaml()));
  EXPECT_EQ(back.added, strings{"btc-spread"});
  EXPECT_TRUE(back.removed.empty());
}

TEST(ReloadPlan, RiskLimitChangesCarryOldAndNew) {
  auto next = edit(dev_yaml(), "max_position: {BTC: 0.1",
                   "max_position: {BTC: 0.25");
  next = edit(next, "max_concurrent_trades: 2", "max_concurrent_trades: 3");
  next = edit(next, "max_drawdown: 0.1", "max_drawdown: 0.05");
  auto p = plan_reload(parse(dev_yaml()), parse(next));
  ASSERT_FALSE(p.refused());
  std::vector<limit_change> want{
    {"risk.max_position.BTC", "0.1", "0.25"},
    {"risk.max_concurrent_trades", "2", "3"},
    {"risk.max_drawdown", "0.1", "0.05"}};
  EXPECT_EQ(p.risk, want);
  EXPECT_EQ(summary(p), "reloaded: +strategies [], -strategies [], "
                        "~strategies [], risk changes 3");
}

TEST(ReloadPlan, VenueChangeRefusesTheWholeReload) {
  auto next = edit(dev_yaml(), "http://127.0.0.1:18100", "http://127.0.0.1:1");
  next = edit(next, "max_position: {BTC: 0.1", "max_position: {BTC: 0.25");
  next = edit(next, "max_size: 0.05}\n", "max_size: 0.05}" + eth_strategy);
  auto p = plan_reload(parse(dev_yaml()), parse(next));
  EXPECT_TRUE(p.refused());
  EXPECT_EQ(p.restart_needed, strings{"venues.upbit.rest_url"});
  EXPECT_EQ(summary(p), "refused: needs a restart to change "
                        "venues.upbit.rest_url; the running configuration "
                        "stays");
}

TEST(ReloadPlan, NodeSupervisionExecutionAlertsAndBreakerNeedARestart) {
  auto next = edit(dev_yaml(), "port: 9464", "port: 9466");
  next = edit(next, "store: var/karb.db", "store: var/other.db");
  next = edit(next, "stable_after_s: 30", "stable_after_s: 31");
  next = edit(next, "order_timeout_ms: 3000", "order_timeout_ms: 4000");
  next = edit(next, "renotify_s: 600", "renotify_s: 60");
  next = edit(next, "failures_to_pause: 5", "failures_to_pause: 6");
  auto p = plan_reload(parse(dev_yaml()), parse(next));
  EXPECT_EQ(p.restart_needed,
            (strings{"node.store", "node.api.port",
                     "supervision.stable_after_s", "execution.order_timeout_ms",
                     "alerts.renotify_s", "risk.failures_to_pause"}));
  EXPECT_TRUE(p.risk.empty());
}

TEST(ReloadPlan, VenuesAddedRemovedAndCredentialsAreNamedNotShown) {
  auto old = parse(dev_yaml());
  auto next = old;
  next.venues[0].secret_key = karb::secret{"a-new-SECRET-value"};
  next.venues[1].access_key = "new-ACCESS-value";
  auto p = plan_reload(old, next);
  EXPECT_EQ(p.restart_needed,
            (strings{"venues.upbit.secret_key", "venues.bithumb.access_key"}));
  auto line = summary(p);
  EXPECT_EQ(line.find("SECRET"), std::string::npos) << line;
  EXPECT_EQ(line.find("ACCESS"), std::string::npos) << line;
  auto fewer = old;
  fewer.venues[1].name = "korbit";
  EXPECT_EQ(plan_reload(old, fewer).restart_needed,
            (strings{"venues.bithumb (removed)", "venues.korbit (added)"}));
}

TEST(ReloadPlan, InstanceIdsArePerSymbol) {
  karb::config::strategy_settings s;
  s.id = "x";
  s.symbols = {"BTC", "ETH"};
  EXPECT_EQ(karb::app::instance_ids(s), (strings{"x:BTC", "x:ETH"}));
  s.enabled = false;
  EXPECT_TRUE(karb::app::instance_ids(s).empty());
}
