#include "tests/execution/exec_fixture.hpp"

namespace karb::test {

using namespace std::chrono_literals;

exec_fixture::exec_fixture() {
  up->venue = exchange::upbit;
  bt->venue = exchange::bithumb;
  up->balances = {{exchange::upbit, "KRW", dec("10000000"), {},
                   dec("10000000"), 0},
                  {exchange::upbit, "BTC", dec("0.5"), {}, dec("0.5"), 0}};
  bt->balances = {{exchange::bithumb, "KRW", dec("5000000"), {},
                   dec("5000000"), 0},
                  {exchange::bithumb, "BTC", dec("0.2"), {}, dec("0.2"), 0}};
  up_rest = sys.spawn(fake_rest, up);
  bt_rest = sys.spawn(fake_rest, bt);
  risk = sys.spawn(fake_risk, probe);
  run();
}

exec_fixture::~exec_fixture() {
  for (auto hdl : {caf::actor_cast<caf::actor>(exec),
                   caf::actor_cast<caf::actor>(port),
                   caf::actor_cast<caf::actor>(store),
                   caf::actor_cast<caf::actor>(up_rest),
                   caf::actor_cast<caf::actor>(bt_rest),
                   caf::actor_cast<caf::actor>(risk)})
    if (hdl)
      caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
  run();
  // Order or trade actors a failing test left behind must not block.
  sys.await_actors_before_shutdown(false);
  store::intent_journal::clear(journal_path());
}

instrument exec_fixture::btc(exchange venue) {
  return {venue, "BTC", "KRW",
          venue == exchange::upbit ? "KRW-BTC" : "BTC_KRW",
          contract_type::spot};
}

arbitrage_opportunity exec_fixture::opportunity() {
  arbitrage_opportunity opp;
  opp.id = "opp-1";
  opp.symbol = "BTC/KRW";
  opp.exchanges = {"upbit", "bithumb"};
  trading_signal buy;
  buy.strategy_id = "spread";
  buy.symbol = btc(exchange::upbit);
  buy.signal_side = side::buy;
  buy.signal_type = "entry";
  buy.has_price = true;
  buy.price = dec("100000000");
  buy.amount = dec("0.02");
  trading_signal sell = buy;
  sell.symbol = btc(exchange::bithumb);
  sell.signal_side = side::sell;
  sell.price = dec("100500000");
  opp.entry_signals = {buy, sell};
  opp.max_position_size = dec("0.02");
  return opp;
}

void exec_fixture::start() {
  store::store_setup ss;
  ss.path = tmp.path();
  if (journaled)
    ss.journal = journal_path();
  store = store::spawn_store(sys, ss);
  portfolio::portfolio_setup ps;
  ps.rest = {{"upbit", venue_rest_actor{up_rest}},
             {"bithumb", venue_rest_actor{bt_rest}}};
  ps.risk = risk;
  ps.store = store;
  ps.refresh_interval = 1h;
  ps.wall_clock = [] { return int64_t{1'704'034'800'000'000'000}; };
  port = portfolio::spawn_portfolio(sys, ps);
  execution::execution_setup es;
  es.rest = ps.rest;
  es.risk = risk;
  es.portfolio = port;
  es.store = store;
  if (journaled) {
    std::string error;
    es.journal = store::intent_journal::open(journal_path(), false, error);
  }
  es.id_prefix = "T";
  if (reconciled)
    es.instruments = {{"upbit", {btc(exchange::upbit)}},
                      {"bithumb", {btc(exchange::bithumb)}}};
  es.poll_interval = 1s;
  es.lookup_grace = 5s;
  es.tick_interval = 500ms;
  exec = execution::spawn_execution(sys, es);
  run();
}

std::string exec_fixture::execute() {
  std::string id;
  // The verdict halves the signals' 0.02 to 0.01 per leg.
  auto rh = self->request(exec, caf::infinite, atom::execute_v, opportunity(),
                          risk_verdict{true, dec("0.01"), {}, {}});
  run();
  rh.receive([&](const std::string& x) { id = x; },
             [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
  return id;
}

void exec_fixture::release() {
  caf::anon_send(up_rest, atom::ok_v);
  caf::anon_send(bt_rest, atom::ok_v);
  run();
}

std::vector<order> exec_fixture::open_orders() {
  std::vector<order> out;
  auto rh = self->request(exec, caf::infinite, atom::open_orders_v);
  run();
  rh.receive([&](const std::vector<order>& x) { out = x; },
             [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
  return out;
}

portfolio_snapshot exec_fixture::snapshot() {
  portfolio_snapshot out;
  auto rh = self->request(port, caf::infinite, atom::get_v);
  run();
  rh.receive([&](const portfolio_snapshot& x) { out = x; },
             [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
  return out;
}

} // namespace karb::test
