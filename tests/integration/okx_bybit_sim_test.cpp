// The generic venue actors on the OKX and Bybit tables over real sockets
// against karb-sim's okx and bybit venues (spot and perpetuals each): books
// from socket snapshots kept in sequence (OKX seqId/prevSeqId and the CRC32
// checksum, Bybit u) and resubscribed after an injected wrong checksum, gap
// or u = 1 reset; exchange info loaded; orders placed, looked up and
// cancelled with the private streams' reports (a signed login, then the
// subscriptions); a perpetual position opened and closed reduce-only, in
// contracts on OKX. Every wait has a deadline.

#include <thread>
#include <unistd.h>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/book/book_actor.hpp"
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

using test::order_probe;
using test::prepare;
using test::updates;


struct venue_case {
  exchange venue;
  const char* sim;      ///< the simulator venue serving it
  const char* ws_path;  ///< public socket
  const char* key;
  const char* secret;
  const char* passphrase;
};

venue_case case_of(exchange v) {
  switch (v) {
    case exchange::okx_spot:
    case exchange::okx_swap:
      return {v, "okx", "/ws/v5/public", "karb-dev-okx-access",
              "karb-dev-okx-secret-0123456789", "karb-dev-okx-passphrase"};
    case exchange::bybit_spot:
      return {v, "bybit", "/v5/public/spot", "karb-dev-bybit-access",
              "karb-dev-bybit-secret-0123456789", ""};
    default:
      return {v, "bybit", "/v5/public/linear", "karb-dev-bybit-access",
              "karb-dev-bybit-secret-0123456789", ""};
  }
}

class okx_bybit_sim : public ::testing::Test {
protected:
  void SetUp() override {
    sim = std::make_unique<test::sim_process>(std::vector<std::string>{
      "--venues", "okx,bybit", "--port-base", "0", "--admin-port", "0",
      "--seed", "7"});
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

  config::venue_settings settings(exchange v) {
    auto c = case_of(v);
    auto host = "127.0.0.1:" + std::to_string(sim->port(c.sim));
    config::venue_settings s;
    s.venue = v;
    s.name = to_string(v);
    s.rest_url = "http://" + host;
    s.ws_url = "ws://" + host + c.ws_path;
    s.private_ws_url = "ws://" + host
                       + (std::string{c.sim} == "okx" ? "/ws/v5/private"
                                                      : "/v5/private");
    s.heartbeat_s = 60;
    s.request_timeout_ms = 3000;
    s.rate_limit_per_s = 0;
    s.access_key = c.key;
    s.secret_key = secret{c.secret};
    s.passphrase = secret{c.passphrase};
    return s;
  }

  venue_actor start(exchange v) {
    venue::venue_deps d;
    d.bus = bus;
    d.runner = &io;
    d.specs = specs;
    d.funding_poll = 500ms;
    auto hdl = venue::spawn_venue(sys, settings(v), std::move(d));
    actors.push_back(caf::actor_cast<caf::actor>(hdl));
    return hdl;
  }

  instrument btc(exchange v) {
    return venue::instrument_on(v, "BTC", "USDT");
  }

  /// A real book actor fed by the venue; resyncs by resubscribing.
  book_actor book_on(const venue_actor& v, exchange x) {
    book_setup bs;
    bs.symbol = btc(x);
    bs.mode = book::default_sync_mode(x);
    bs.bus = bus;
    bs.venue = v;
    bs.specs = specs;
    bs.snapshot_timeout = 2s;
    auto b = spawn_book(sys, bs);
    actors.push_back(caf::actor_cast<caf::actor>(b));
    caf::anon_send(v, atom::subscribe_v, bs.symbol, b);
    return b;
  }

  void listen_orders(const venue_actor& v) {
    auto probe = sys.spawn(order_probe, seen);
    actors.push_back(caf::actor_cast<caf::actor>(probe));
    caf::anon_send(v, atom::subscribe_v, order_listener_actor{probe});
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

  template <class Pred>
  bool eventually(std::chrono::milliseconds limit, Pred pred) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (pred())
        return true;
      std::this_thread::sleep_for(20ms);
    }
    return pred();
  }

  bool rules_loaded(exchange v) {
    return specs->get(btc(v)).has_value();
  }

  book_stats healthy_book(const book_actor& b) {
    book_stats st;
    EXPECT_TRUE(eventually(10s, [&] {
      st = call<book_stats>(b, atom::stats_v);
      return st.healthy && st.applied > 5;
    })) << "healthy " << st.healthy << " applied " << st.applied;
    return st;
  }

  /// Injects a book fault and waits for the book to resync and heal.
  void fault_heals(const book_actor& b, const std::string& venue,
                   const std::string& fault) {
    auto before = call<book_stats>(b, atom::stats_v);
    auto r = test::http_call(sim->port("admin"), "POST", "/fault",
                             R"({"venue":")" + venue + R"(","fault":")" + fault
                               + R"("})");
    ASSERT_EQ(r.status, 200) << r.body;
    book_stats st;
    ASSERT_TRUE(eventually(15s, [&] {
      st = call<book_stats>(b, atom::stats_v);
      return st.resyncs > before.resyncs && st.healthy;
    })) << fault << ": resyncs " << st.resyncs << " healthy " << st.healthy;
    // It was taken out of trading meanwhile.
    EXPECT_GT(st.unhealthy_count, before.unhealthy_count) << fault;
  }

  std::unique_ptr<test::sim_process> sim;
  net::io_runner io{1};
  caf::actor_system_config cfg;
  caf::actor_system sys{prepare(cfg)};
  event_bus_actor bus;
  std::vector<caf::actor> actors;
  std::shared_ptr<spec_board> specs = std::make_shared<spec_board>();
  std::shared_ptr<updates> seen = std::make_shared<updates>();
};

} // namespace

TEST_F(okx_bybit_sim, OkxBooksFollowTheChecksumAndResubscribeOnAWrongOne) {
  for (auto x : {exchange::okx_spot, exchange::okx_swap}) {
    SCOPED_TRACE(to_string(x));
    auto v = start(x);
    ASSERT_TRUE(eventually(10s, [&] { return rules_loaded(x); }));
    auto b = book_on(v, x);
    auto st = healthy_book(b);
    EXPECT_EQ(st.resyncs, 0u); // every checksum matched, swaps in contracts
    auto view = call<book_view>(b, atom::get_v);
    ASSERT_FALSE(view.book.bids.empty());
    EXPECT_LT(view.book.bids.front().price, view.book.asks.front().price);
    fault_heals(b, "okx", "checksum");
    fault_heals(b, "okx", "gap");
  }
}

TEST_F(okx_bybit_sim, BybitBooksChainOnUAndResubscribeOnAGap) {
  for (auto x : {exchange::bybit_spot, exchange::bybit_linear}) {
    SCOPED_TRACE(to_string(x));
    auto v = start(x);
    auto b = book_on(v, x);
    healthy_book(b);
    // A service restart (u = 1) overwrites the book in place: no resync.
    auto before = call<book_stats>(b, atom::stats_v);
    auto r = test::http_call(sim->port("admin"), "POST", "/fault",
                             R"({"venue":"bybit","fault":"reset"})");
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_TRUE(eventually(10s, [&] {
      return call<book_stats>(b, atom::stats_v).applied > before.applied + 3;
    }));
    EXPECT_EQ(call<book_stats>(b, atom::stats_v).resyncs, before.resyncs);
    EXPECT_TRUE(call<book_stats>(b, atom::stats_v).healthy);
    fault_heals(b, "bybit", "gap");
  }
}

TEST_F(okx_bybit_sim, OrdersArePlacedLookedUpAndCancelledOnEveryVenue) {
  for (auto x : {exchange::okx_spot, exchange::okx_swap, exchange::bybit_spot,
                 exchange::bybit_linear}) {
    SCOPED_TRACE(to_string(x));
    auto v = start(x);
    listen_orders(v);
    ASSERT_TRUE(eventually(10s, [&] { return rules_loaded(x); }));
    auto spec = *specs->get(btc(x));
    EXPECT_TRUE(spec.tick.is_positive());
    EXPECT_TRUE(spec.lot.is_positive());
    // The private stream is logged in and subscribed before the order.
    ASSERT_TRUE(eventually(10s, [&] {
      return call<venue_status>(v, atom::status_v).private_state == "live";
    }));
    auto rest = call<venue_rest_actor>(v, atom::rest_v);
    auto cid = "karb-it" + std::to_string(static_cast<int>(x)) + "-1-0";
    order_request r;
    r.client_order_id = cid;
    r.symbol = btc(x);
    r.order_side = side::buy;
    r.type = order_type::limit;
    r.amount = dec("0.002");
    r.price = dec("30000"); // far below the market: it rests
    auto ack = call<order_ack>(rest, atom::place_v, r);
    ASSERT_EQ(ack.kind, ack_kind::accepted) << ack.error_message;
    auto found = call<order_ack>(rest, atom::lookup_v, cid, btc(x));
    ASSERT_EQ(found.kind, ack_kind::accepted) << found.error_message;
    EXPECT_EQ(found.state.client_order_id, cid); // decoded back on OKX
    EXPECT_EQ(found.state.status, order_status::open);
    EXPECT_EQ(found.state.amount, dec("0.002")); // base units, not contracts
    EXPECT_EQ(found.state.symbol.base, "BTC");
    auto open = call<std::vector<order>>(rest, atom::open_orders_v, btc(x));
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open.front().client_order_id, cid);
    auto gone = call<order_ack>(rest, atom::cancel_v, cid, btc(x));
    ASSERT_EQ(gone.kind, ack_kind::accepted) << gone.error_message;
    EXPECT_TRUE(eventually(10s, [&] {
      return seen->has(cid, order_status::cancelled);
    })) << "no cancelled report on the private stream";
    auto after = call<order_ack>(rest, atom::lookup_v, cid, btc(x));
    EXPECT_EQ(after.state.status, order_status::cancelled);
  }
}

TEST_F(okx_bybit_sim, APerpetualPositionOpensAndAReduceOnlyOrderClosesIt) {
  for (auto x : {exchange::okx_swap, exchange::bybit_linear}) {
    SCOPED_TRACE(to_string(x));
    auto v = start(x);
    ASSERT_TRUE(eventually(10s, [&] { return rules_loaded(x); }));
    auto b = book_on(v, x); // sets the market up (mode, leverage)
    healthy_book(b);
    auto rest = call<venue_rest_actor>(v, atom::rest_v);
    order_request sell;
    sell.client_order_id = "karb-short" + std::to_string(static_cast<int>(x))
                           + "-1-0";
    sell.symbol = btc(x);
    sell.order_side = side::sell;
    sell.type = order_type::market;
    sell.amount = dec("0.003");
    auto ack = call<order_ack>(rest, atom::place_v, sell);
    ASSERT_EQ(ack.kind, ack_kind::accepted) << ack.error_message;
    std::vector<position> ps;
    ASSERT_TRUE(eventually(10s, [&] {
      ps = call<std::vector<position>>(v, atom::positions_v);
      return ps.size() == 1;
    }));
    EXPECT_EQ(ps[0].symbol.base, "BTC");
    EXPECT_EQ(ps[0].position_side, side::sell);
    EXPECT_EQ(ps[0].amount, dec("0.003")); // 0.3 contracts on OKX
    EXPECT_TRUE(ps[0].entry_price.is_positive());
    order_request close = sell;
    close.client_order_id = "karb-close" + std::to_string(static_cast<int>(x))
                            + "-1-0";
    close.order_side = side::buy;
    close.reduce_only = true;
    auto closed = call<order_ack>(rest, atom::place_v, close);
    ASSERT_EQ(closed.kind, ack_kind::accepted) << closed.error_message;
    EXPECT_TRUE(eventually(10s, [&] {
      return call<std::vector<position>>(v, atom::positions_v).empty();
    }));
  }
}
