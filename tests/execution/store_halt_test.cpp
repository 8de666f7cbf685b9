// A failed store write halts trading: the store hands "store_write_failed:
// ..." to the node's halt (risk halts, the alert engine fires risk_halt on
// its EMERGENCY_STOP), puts a risk_alert on the bus, and does not flood
// risk while writes keep failing.

#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "actors/app/wiring.hpp"
#include "actors/bus/event_bus.hpp"
#include "actors/risk/risk.hpp"
#include "actors/store/store.hpp"
#include "tests/execution/temp_db.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

struct store_halt_test : test::actor_fixture {
  test::temp_db tmp;
  event_bus_actor bus = sys.spawn(event_bus, size_t{100});
  std::shared_ptr<std::vector<std::string>> halts
    = std::make_shared<std::vector<std::string>>();

  store_actor start(std::function<void(const std::string&)> halt = {}) {
    store::store_setup ss;
    ss.path = tmp.path();
    ss.bus = bus;
    ss.halt = halt ? std::move(halt) : [h = halts](const std::string& r) {
      h->push_back(r);
    };
    auto s = store::spawn_store(sys, std::move(ss));
    run();
    return s;
  }

  /// Breaks the database behind the store's back: its fills table is gone.
  void break_fills() {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(tmp.path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TABLE fills", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }

  static fill a_fill(std::string trade_id) {
    fill f;
    f.client_order_id = "karb-T1-0-1";
    f.trade_id = std::move(trade_id);
    f.symbol = instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC"};
    f.order_side = side::buy;
    f.price = dec("100000000");
    f.volume = dec("0.001");
    return f;
  }

  std::vector<nlohmann::json> store_alerts() {
    std::vector<nlohmann::json> out;
    auto rh = self->request(bus, caf::infinite, atom::recent_v, int32_t{100});
    run();
    rh.receive(
      [&](std::vector<event>& xs) {
        for (auto& e : xs)
          if (e.type == event_type::risk_alert && e.source == "store")
            out.push_back(nlohmann::json::parse(e.data));
      },
      [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }
};

} // namespace

TEST_F(store_halt_test, AWorkingStoreNeverHalts) {
  auto s = start();
  caf::anon_send(s, a_fill("v-1"));
  run();
  EXPECT_TRUE(halts->empty());
  EXPECT_TRUE(store_alerts().empty());
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}

TEST_F(store_halt_test, AFailedWriteHaltsTradingWithTheReason) {
  auto s = start();
  break_fills();
  caf::anon_send(s, a_fill("v-1"));
  run();
  ASSERT_EQ(halts->size(), 1u);
  EXPECT_TRUE((*halts)[0].starts_with("store_write_failed: fill: "))
    << (*halts)[0];
  EXPECT_NE((*halts)[0].find("no such table"), std::string::npos)
    << (*halts)[0];
  auto alerts = store_alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["reason"], "store_write_failed");
  EXPECT_EQ(alerts[0]["what"], "fill");
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}

TEST_F(store_halt_test, KeepsFailingHaltsAgainOnlyAfterTheInterval) {
  auto s = start();
  break_fills();
  for (int i = 0; i < 5; ++i)
    caf::anon_send(s, a_fill("v-" + std::to_string(i)));
  run();
  EXPECT_EQ(halts->size(), 1u); // a storm of failures: one halt
  EXPECT_EQ(store_alerts().size(), 5u); // but every failure is an alert
  advance(9999ms);
  caf::anon_send(s, a_fill("v-5"));
  run();
  EXPECT_EQ(halts->size(), 1u);
  advance(1ms);
  caf::anon_send(s, a_fill("v-6"));
  run();
  EXPECT_EQ(halts->size(), 2u); // e.g. an operator resumed meanwhile
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}

TEST_F(store_halt_test, TheNodesHaltReachesRisk) {
  auto h = std::make_shared<app::trading_handles>();
  config::settings cfg;
  auto r = risk::spawn_risk(sys, risk::risk_setup{risk::make_risk_params(cfg),
                                                  bus});
  h->risk = r;
  auto s = start(app::halt_trading(h));
  break_fills();
  caf::anon_send(s, a_fill("v-1"));
  run();
  risk_status st;
  auto rh = self->request(r, caf::infinite, atom::status_v);
  run();
  rh.receive([&](const risk_status& x) { st = x; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_TRUE(st.halted);
  EXPECT_TRUE(st.halt_reason.starts_with("store_write_failed: fill"))
    << st.halt_reason;
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
}

TEST_F(store_halt_test, AHaltBeforeRiskStartsIsKeptForIt) {
  auto h = std::make_shared<app::trading_handles>();
  auto s = start(app::halt_trading(h));
  break_fills();
  caf::anon_send(s, a_fill("v-1"));
  run();
  std::lock_guard<std::mutex> g{h->mtx};
  EXPECT_TRUE(h->halt_reason.starts_with("store_write_failed: fill"))
    << h->halt_reason;
  caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
}
