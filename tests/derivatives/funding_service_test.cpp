#include <memory>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/funding/funding_service.hpp"
#include "config/settings.hpp"
#include "tests/derivatives/derivatives_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr int64_t wall0 = 1'700'000'000'000'000'000;
constexpr int64_t hour_ns = 3'600'000'000'000;

funding_rate btc_rate(const char* r) {
  funding_rate f;
  f.venue = exchange::binance_usdm;
  f.symbol = "BTCUSDT";
  f.rate = dec(r);
  f.next_funding_ns = wall0 + 8 * hour_ns;
  f.funding_interval_s = 8 * 3600;
  return f;
}

funding_payment btc_payment(const char* id, const char* amount, int64_t ts) {
  funding_payment p;
  p.venue = exchange::binance_usdm;
  p.symbol = "BTCUSDT";
  p.asset = "BTC";
  p.currency = "USDT";
  p.amount = dec(amount);
  p.id = id;
  p.ts_ns = ts;
  return p;
}

class funding_service_test : public actor_fixture {
protected:
  funding_service_test() {
    venue->rates = {btc_rate("0.0001")};
    mark_price m;
    m.symbol = {exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
                contract_type::perpetual};
    m.mark = dec("100.3");
    m.index = dec("100");
    venue->marks = {m};
  }

  ~funding_service_test() override {
    if (service)
      caf::anon_send_exit(service, caf::exit_reason::user_shutdown);
  }

  /// Starts the service with a listener subscribed before the first reply.
  void start() {
    funding::funding_setup s;
    s.venues["binance_usdm"] = sys.spawn(fake_perp_venue, venue);
    s.bus = sys.spawn(probe_bus, probe);
    s.portfolio = sys.spawn(probe_portfolio, probe);
    s.risk = sys.spawn(probe_risk, probe);
    s.wall_clock = virtual_wall(wall0);
    s.metrics = &registry;
    service = funding::spawn_funding_service(sys, s);
    caf::anon_send(service, atom::subscribe_v,
                   sys.spawn(probe_listener, probe));
    run();
  }

  funding_board board() {
    funding_board out;
    auto rh = self->request(service, caf::infinite, atom::funding_v);
    run();
    rh.receive([&](const funding_board& b) { out = b; },
               [&](caf::error& e) { ADD_FAILURE() << to_string(e); });
    return out;
  }

  double gauge(const std::string& name, const metrics::labels& ls) {
    return registry.get_gauge(name, "", ls).value();
  }

  std::shared_ptr<venue_script> venue = std::make_shared<venue_script>();
  std::shared_ptr<derivatives_probe> probe =
    std::make_shared<derivatives_probe>();
  metrics::registry registry;
  funding_service_actor service;
};

TEST_F(funding_service_test, PublishesARateOnceUntilItChanges) {
  start();
  auto updates = probe->of(event_type::funding_rate_update);
  ASSERT_EQ(updates.size(), 1u);
  auto data = json::parse(updates[0].data);
  EXPECT_EQ(data["venue"], "binance_usdm");
  EXPECT_EQ(data["symbol"], "BTCUSDT");
  EXPECT_EQ(data["asset"], "BTC");
  EXPECT_EQ(data["rate"], "0.0001");
  EXPECT_EQ(data["predicted_rate"], "0.0025"); // from the premium index
  ASSERT_EQ(probe->listener_rates.size(), 1u);
  EXPECT_EQ(probe->listener_rates[0].at(0).rate, dec("0.0001"));

  advance(2s); // polled again, unchanged
  EXPECT_EQ(venue->funding_calls, 2);
  EXPECT_EQ(probe->of(event_type::funding_rate_update).size(), 1u);
  EXPECT_EQ(probe->listener_rates.size(), 1u);

  venue->rates = {btc_rate("0.0003")};
  advance(2s);
  ASSERT_EQ(probe->of(event_type::funding_rate_update).size(), 2u);
  ASSERT_EQ(probe->listener_rates.size(), 2u);
  EXPECT_EQ(probe->listener_rates[1].at(0).rate, dec("0.0003"));
  metrics::labels ls{{"venue", "binance_usdm"}, {"symbol", "BTCUSDT"}};
  EXPECT_DOUBLE_EQ(gauge("karb_funding_rate", ls), 0.0003);
  EXPECT_DOUBLE_EQ(gauge("karb_funding_rate_predicted", ls), 0.0025);
}

TEST_F(funding_service_test, AnswersTheBoardAndTheHistory) {
  start();
  venue->rates = {btc_rate("0.0002")};
  advance(2s);
  auto b = board();
  ASSERT_EQ(b.rates.size(), 1u);
  EXPECT_EQ(b.rates[0].rate, dec("0.0002"));
  EXPECT_EQ(b.ts_ns, wall0 + 2'000'000'000);
  std::vector<funding_rate> history;
  auto rh = self->request(service, caf::infinite, atom::recent_v,
                          std::string{"binance_usdm"}, std::string{"BTCUSDT"});
  run();
  rh.receive([&](const std::vector<funding_rate>& h) { history = h; },
             [&](caf::error& e) { FAIL() << to_string(e); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].rate, dec("0.0001"));
  EXPECT_EQ(history[1].rate, dec("0.0002"));
}

TEST_F(funding_service_test, NewPaymentsReachPortfolioRiskListenersAndBusOnce) {
  venue->payments = {btc_payment("a", "-0.5", wall0 + 1)};
  start();
  ASSERT_EQ(venue->settle_since.size(), 1u);
  EXPECT_EQ(venue->settle_since[0], wall0); // from the start
  ASSERT_EQ(probe->portfolio_payments.size(), 1u);
  EXPECT_EQ(probe->portfolio_payments[0].id, "a");
  EXPECT_EQ(probe->risk_payments.size(), 1u);
  EXPECT_EQ(probe->listener_payments.size(), 1u);
  auto settled = probe->of(event_type::funding_settlement);
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_EQ(json::parse(settled[0].data)["amount"], "-0.5");
  EXPECT_EQ(settled[0].correlation_id, "a");

  // A minute on the venue lists the old payment again and a new one.
  venue->payments.push_back(btc_payment("b", "0.2", wall0 + 2));
  advance(60s);
  ASSERT_EQ(venue->settle_since.size(), 2u);
  EXPECT_EQ(venue->settle_since[1], wall0); // latest - 1 h, not before start
  ASSERT_EQ(probe->portfolio_payments.size(), 2u);
  EXPECT_EQ(probe->portfolio_payments[1].id, "b");
  EXPECT_EQ(probe->risk_payments.size(), 2u);
  EXPECT_EQ(probe->listener_payments.size(), 2u);
  EXPECT_EQ(probe->of(event_type::funding_settlement).size(), 2u);
  EXPECT_EQ(board().funding_pnl.at("USDT"), dec("-0.3"));
  EXPECT_DOUBLE_EQ(gauge("karb_funding_pnl", {{"currency", "USDT"}}), -0.3);
}

TEST_F(funding_service_test, AVenueWithoutPaymentHistoryIsAskedAgainLater) {
  venue->settle_fails = true; // "not_supported", as the venues answer today
  start();
  EXPECT_TRUE(probe->portfolio_payments.empty());
  EXPECT_EQ(probe->of(event_type::funding_rate_update).size(), 1u);
  advance(60s);
  EXPECT_EQ(venue->settle_since.size(), 2u);
  venue->settle_fails = false;
  venue->payments = {btc_payment("a", "1", wall0 + 5)};
  advance(60s);
  EXPECT_EQ(probe->portfolio_payments.size(), 1u);
  EXPECT_EQ(board().funding_pnl.at("USDT"), dec("1"));
}

TEST_F(funding_service_test, ALateListenerGetsTheCurrentRatesAtOnce) {
  start();
  auto late = std::make_shared<derivatives_probe>();
  caf::anon_send(service, atom::subscribe_v, sys.spawn(probe_listener, late));
  run();
  ASSERT_EQ(late->listener_rates.size(), 1u);
  EXPECT_EQ(late->listener_rates[0].at(0).symbol, "BTCUSDT");
}

} // namespace
} // namespace karb::test
