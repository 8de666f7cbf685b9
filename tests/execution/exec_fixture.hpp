#pragma once

// Execution on the test coordinator: two fake venues (upbit buys, bithumb
// sells), a risk probe, the real store on a temporary file, the real
// portfolio, and the execution actor.

#include <memory>
#include <string>

#include <caf/all.hpp>

#include "actors/execution/execution.hpp"
#include "actors/portfolio/portfolio.hpp"
#include "actors/store/store.hpp"
#include "actors/store/store_db.hpp"
#include "tests/execution/fakes.hpp"
#include "tests/execution/temp_db.hpp"
#include "tests/support/actor_fixture.hpp"

namespace karb::test {

class exec_fixture : public actor_fixture {
protected:
  exec_fixture();
  ~exec_fixture() override;

  static instrument btc(exchange venue);
  static arbitrage_opportunity opportunity();

  /// Spawns store, portfolio and execution (recovering what is stored).
  void start();
  /// Runs one opportunity; returns the trade id.
  std::string execute();
  std::vector<order> open_orders();
  /// Lets both venues answer the place requests they held.
  void release();
  portfolio_snapshot snapshot();
  /// A second connection to the store's file (WAL: readers do not block).
  store::store_db db() { return store::store_db{tmp.path()}; }

  /// With the intent journal (as the node runs): set before start().
  bool journaled = false;
  /// Reconciles both venues' BTC orders at start: set before start().
  bool reconciled = false;
  std::string journal_path() const { return tmp.path() + ".intents"; }

  temp_db tmp;
  std::shared_ptr<fake_venue> up = std::make_shared<fake_venue>();
  std::shared_ptr<fake_venue> bt = std::make_shared<fake_venue>();
  std::shared_ptr<risk_probe> probe = std::make_shared<risk_probe>();
  fake_rest_actor up_rest;
  fake_rest_actor bt_rest;
  risk_actor risk;
  store_actor store;
  portfolio_actor port;
  execution_actor exec;
};

} // namespace karb::test
