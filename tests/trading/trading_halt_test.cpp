// The emergency stop end to end: the node built in-process (a real actor
// system with app::build_node against karb-sim), halted through its risk
// actor as the inspector or an escalation would, then shown a spread far
// above the fees: every opportunity is denied as "halted", nothing reaches
// the venues. (The inspector's halt command is not wired to the trading
// actors yet, hence in-process rather than through karb-inspect.)

#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <caf/io/middleman.hpp>

#include "actors/app/wiring.hpp"
#include "actors/bus/event_bus.hpp"
#include "actors/node/node.hpp"
#include "config/load.hpp"
#include "exchanges/common/io_runner.hpp"
#include "messages/type_ids.hpp"
#include "tests/trading/harness.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;

const char* dev_key(const char* name) {
  std::string n = name;
  if (n == "KARB_UPBIT_ACCESS_KEY")
    return "karb-dev-upbit-access";
  if (n == "KARB_UPBIT_SECRET_KEY")
    return "karb-dev-upbit-secret-0123456789";
  if (n == "KARB_BITHUMB_ACCESS_KEY")
    return "karb-dev-bithumb-access";
  if (n == "KARB_BITHUMB_SECRET_KEY")
    return "karb-dev-bithumb-secret-0123456789";
  return nullptr;
}

risk_status status_of(caf::actor_system& sys, const risk_actor& risk) {
  caf::scoped_actor self{sys};
  risk_status out;
  self->request(risk, 2s, atom::status_v)
    .receive([&](const risk_status& s) { out = s; }, [](caf::error&) {});
  return out;
}

TEST(TradingHalt, HaltedNodeDeniesEveryOpportunityAndPlacesNoOrder) {
  trading_env env{"halt"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  auto loaded = config::load_text(node_yaml(env.cfg), "halt.yaml", dev_key);
  ASSERT_TRUE(loaded.errors.empty())
    << config::to_string(loaded.errors.front());
  caf::actor_system_config sys_cfg;
  sys_cfg.load<caf::io::middleman>();
  sys_cfg.add_message_types<caf::id_block::karb>();
  sys_cfg.set("scheduler.max-threads", 2);
  sys_cfg.set("logger.console-verbosity", caf::atom("quiet"));
  sys_cfg.set("logger.file-verbosity", caf::atom("quiet"));
  caf::actor_system sys{sys_cfg};
  auto bus = sys.spawn(event_bus, size_t{1000});
  auto io = std::make_shared<net::io_runner>(1);
  app::deps deps;
  deps.bus = bus;
  deps.io = io;
  auto node = sys.spawn(node::supervisor, app::build_node(*loaded.value, deps));
  risk_actor risk;
  ASSERT_TRUE(wait_until(
    [&] {
      std::lock_guard<std::mutex> g{deps.handles->mtx};
      risk = deps.handles->risk;
      return !deps.handles->strategies.empty();
    },
    10s));
  caf::anon_send(risk, atom::halt_v, std::string{"e2e emergency stop"});
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "bithumb"},
                                      {"fault", "shift_mid"},
                                      {"bp", 40}}));
  risk_status st;
  ASSERT_TRUE(wait_until(
    [&] {
      st = status_of(sys, risk);
      return st.denials.count("halted") > 0;
    },
    20s));
  EXPECT_TRUE(st.halted);
  EXPECT_EQ(st.halt_reason, "e2e emergency stop");
  EXPECT_EQ(st.approvals, 0);
  EXPECT_EQ(st.denials.size(), 1u); // nothing but the halt denied
  caf::scoped_actor self{sys};
  self->monitor(node);
  caf::anon_send(node, atom::shutdown_v);
  bool down = false;
  self->receive([&](const caf::down_msg&) { down = true; },
                caf::after(15s) >> [] {});
  EXPECT_TRUE(down);
  caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
  EXPECT_TRUE(sim_orders(sim_state(env.admin())).empty());
  EXPECT_TRUE(store_orders(env.db()).empty());
  EXPECT_TRUE(store_trades(env.db()).empty());
}

} // namespace
} // namespace karb::test
