// Funding payments end to end over real sockets: on karb-sim's
// binance_usdm, okx and bybit venues a short is opened through the venue
// actor, the funding rate is forced and one period settled through the
// admin API, and the venue actor's `settle` returns the payment the
// simulator booked (its /state), with the venue's id.

#include <thread>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/spec_board.hpp"
#include "actors/venue/venue.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/registry.hpp"
#include "tests/integration/sim_process.hpp"
#include "tests/integration/venue_probes.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

struct perp_case {
  exchange venue;
  const char* sim;    ///< the simulator venue
  const char* market; ///< its spelling of BTC/USDT perpetual
  const char* ws_path, *private_path;
  const char* key, *secret, *passphrase;
};

const perp_case cases[] = {
  {exchange::binance_usdm, "binance_usdm", "BTCUSDT", "/public/ws",
   "/private/ws", "karb-dev-binance-usdm-access",
   "karb-dev-binance-usdm-secret-0123456789", ""},
  {exchange::okx_swap, "okx", "BTC-USDT-SWAP", "/ws/v5/public",
   "/ws/v5/private", "karb-dev-okx-access", "karb-dev-okx-secret-0123456789",
   "karb-dev-okx-passphrase"},
  {exchange::bybit_linear, "bybit", "BTCUSDT", "/v5/public/linear",
   "/v5/private", "karb-dev-bybit-access", "karb-dev-bybit-secret-0123456789",
   ""},
};

class funding_settle : public ::testing::Test {
protected:
  void SetUp() override {
    sim = std::make_unique<test::sim_process>(std::vector<std::string>{
      "--venues", "binance_usdm,okx,bybit", "--port-base", "0",
      "--admin-port", "0", "--seed", "7"});
    ASSERT_TRUE(sim->ok()) << sim->error();
    bus = sys.spawn(event_bus, size_t{1000});
    actors.push_back(caf::actor_cast<caf::actor>(bus));
  }

  void TearDown() override {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    sim.reset();
  }

  venue_actor start(const perp_case& c) {
    auto host = "127.0.0.1:" + std::to_string(sim->port(c.sim));
    config::venue_settings s;
    s.venue = c.venue;
    s.name = to_string(c.venue);
    s.rest_url = "http://" + host;
    s.ws_url = "ws://" + host + c.ws_path;
    s.private_ws_url = "ws://" + host + c.private_path;
    s.heartbeat_s = 60;
    s.request_timeout_ms = 3000;
    s.rate_limit_per_s = 0;
    s.access_key = c.key;
    s.secret_key = secret{c.secret};
    s.passphrase = secret{c.passphrase};
    venue::venue_deps d;
    d.bus = bus;
    d.runner = &io;
    d.specs = specs;
    auto hdl = venue::spawn_venue(sys, s, std::move(d));
    actors.push_back(caf::actor_cast<caf::actor>(hdl));
    return hdl;
  }

  template <class T, class Handle, class... Ts>
  T call(const Handle& h, Ts... xs) {
    T out{};
    caf::scoped_actor self{sys};
    self->request(h, 10s, xs...)
      .receive([&](T& x) { out = std::move(x); },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  /// The trading rules arrive once the REST actor loaded them (polled: the
  /// spec board has no subscription).
  bool rules_loaded(exchange v) {
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (specs->get(venue::instrument_on(v, "BTC", "USDT")))
        return true;
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  nlohmann::json admin(const std::string& method, const std::string& path,
                       const std::string& body = {}) {
    auto r = test::http_call(sim->port("admin"), method, path, body);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  std::unique_ptr<test::sim_process> sim;
  net::io_runner io{1};
  caf::actor_system_config cfg;
  caf::actor_system sys{test::prepare(cfg)};
  event_bus_actor bus;
  std::vector<caf::actor> actors;
  std::shared_ptr<spec_board> specs = std::make_shared<spec_board>();
};

} // namespace

TEST_F(funding_settle, SettleReturnsWhatEachPerpetualVenueBooked) {
  for (auto& c : cases) {
    SCOPED_TRACE(c.sim);
    auto v = start(c);
    ASSERT_TRUE(rules_loaded(c.venue));
    auto rest = call<venue_rest_actor>(v, atom::rest_v);
    order_request sell;
    sell.client_order_id = std::string{"karb-fund"}
                           + std::to_string(static_cast<int>(c.venue))
                           + "-1-0";
    sell.symbol = venue::instrument_on(c.venue, "BTC", "USDT");
    sell.order_side = side::sell;
    sell.type = order_type::market;
    sell.amount = dec("0.003");
    auto ack = call<order_ack>(rest, atom::place_v, sell);
    ASSERT_EQ(ack.kind, ack_kind::accepted) << ack.error_message;
    auto since_ns = (admin("GET", "/state")["time"].get<int64_t>() - 1000)
                    * 1'000'000;
    admin("POST", "/fault",
          std::string{R"({"venue":")"} + c.sim
            + R"(","fault":"funding_rate","market":")" + c.market
            + R"(","rate":"0.0002"})");
    admin("POST", "/funding", std::string{R"({"venue":")"} + c.sim + "\"}");
    auto booked = admin("GET", "/state")["venues"][c.sim]["funding"]
                    ["payments"];
    ASSERT_EQ(booked.size(), 1u) << booked.dump();
    auto paid = call<std::vector<funding_payment>>(v, atom::settle_v,
                                                   since_ns);
    ASSERT_EQ(paid.size(), 1u);
    auto& p = paid[0];
    EXPECT_EQ(p.venue, c.venue);
    EXPECT_EQ(p.symbol, c.market);
    EXPECT_EQ(p.asset, "BTC");
    EXPECT_EQ(p.currency, "USDT");
    EXPECT_EQ(p.amount, dec(booked[0]["amount"].get<std::string>()));
    EXPECT_TRUE(p.amount.is_positive()); // a short receives a positive rate
    EXPECT_EQ(p.id, std::to_string(booked[0]["id"].get<int64_t>()));
    EXPECT_EQ(p.ts_ns, booked[0]["time"].get<int64_t>() * 1'000'000);
    if (c.venue == exchange::bybit_linear) {
      EXPECT_EQ(p.rate, dec("0.0002"));
    }
  }
}
