// The generic venue actors on the Binance tables over real sockets against
// karb-sim's binance_spot and binance_usdm venues: books kept by the
// documented diff-depth sync (a REST snapshot, then U/u or pu chains) and
// resynced after an injected gap, the exchange info loaded, orders placed,
// looked up and cancelled on both venues with the private streams' reports
// (a signed WebSocket API subscription on spot, a listen key on USD-M), a
// perpetual position opened and closed with a reduce-only order, funding
// and mark prices. Every wait has a deadline.

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

class binance_sim : public ::testing::Test {
protected:
  void SetUp() override {
    sim = std::make_unique<test::sim_process>(std::vector<std::string>{
      "--venues", "binance_spot,binance_usdm", "--port-base", "0",
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

  config::venue_settings settings(exchange v) {
    bool spot = v == exchange::binance_spot;
    auto name = spot ? "binance_spot" : "binance_usdm";
    auto host = "127.0.0.1:" + std::to_string(sim->port(name));
    config::venue_settings s;
    s.venue = v;
    s.name = name;
    s.rest_url = "http://" + host;
    s.ws_url = "ws://" + host + (spot ? "/ws" : "/public/ws");
    s.private_ws_url = "ws://" + host + (spot ? "/ws-api/v3" : "/private/ws");
    s.heartbeat_s = 60;
    s.request_timeout_ms = 3000;
    s.rate_limit_per_s = 0;
    s.access_key = spot ? "karb-dev-binance-spot-access"
                        : "karb-dev-binance-usdm-access";
    s.secret_key = secret{spot ? "karb-dev-binance-spot-secret-0123456789"
                               : "karb-dev-binance-usdm-secret-0123456789"};
    return s;
  }

  venue_actor start(exchange v, std::chrono::milliseconds poll = 500ms,
                    std::string mark_path = {}) {
    venue::venue_deps d;
    d.bus = bus;
    d.runner = &io;
    d.specs = specs;
    d.funding_poll = poll;
    auto s = settings(v);
    if (!mark_path.empty())
      s.mark_ws_url = "ws://127.0.0.1:" + std::to_string(sim->port(s.name))
                      + mark_path;
    auto hdl = venue::spawn_venue(sys, s, std::move(d));
    actors.push_back(caf::actor_cast<caf::actor>(hdl));
    return hdl;
  }

  instrument btc(exchange v) {
    return venue::instrument_on(v, "BTC", "USDT");
  }

  /// A real book actor fed by the venue, snapshots from its REST actor.
  book_actor book_on(const venue_actor& v, exchange x) {
    book_setup bs;
    bs.symbol = btc(x);
    bs.mode = book::default_sync_mode(x);
    bs.bus = bus;
    bs.snapshots = call<venue_rest_actor>(v, atom::rest_v);
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

  order_request limit_buy(exchange v, std::string cid) {
    order_request r;
    r.client_order_id = std::move(cid);
    r.symbol = btc(v);
    r.order_side = side::buy;
    r.type = order_type::limit;
    r.amount = dec("0.002");
    r.price = dec("30000"); // far below the market: it rests
    return r;
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

TEST_F(binance_sim, DiffDepthBooksSyncAndResyncAfterAGap) {
  for (auto x : {exchange::binance_spot, exchange::binance_usdm}) {
    SCOPED_TRACE(to_string(x));
    auto v = start(x);
    auto b = book_on(v, x);
    book_stats st;
    ASSERT_TRUE(eventually(10s, [&] {
      st = call<book_stats>(b, atom::stats_v);
      return st.healthy && st.applied > 10;
    })) << "healthy " << st.healthy << " applied " << st.applied;
    auto view = call<book_view>(b, atom::get_v);
    ASSERT_FALSE(view.book.bids.empty());
    ASSERT_FALSE(view.book.asks.empty());
    EXPECT_LT(view.book.bids.front().price, view.book.asks.front().price);
    auto before = st.resyncs;
    auto r = test::http_call(sim->port("admin"), "POST", "/fault",
                             R"({"venue":")" + to_string(x)
                               + R"(","fault":"gap"})");
    ASSERT_EQ(r.status, 200) << r.body;
    // The book notices the gap, fetches a new snapshot and is in sequence
    // again on the diffs that follow.
    ASSERT_TRUE(eventually(10s, [&] {
      st = call<book_stats>(b, atom::stats_v);
      return st.resyncs > before && st.healthy;
    })) << "resyncs " << st.resyncs << " healthy " << st.healthy;
  }
}

TEST_F(binance_sim, OrdersArePlacedLookedUpAndCancelledOnBothVenues) {
  for (auto x : {exchange::binance_spot, exchange::binance_usdm}) {
    SCOPED_TRACE(to_string(x));
    auto v = start(x);
    listen_orders(v);
    ASSERT_TRUE(eventually(10s, [&] { return rules_loaded(x); }));
    auto spec = *specs->get(btc(x));
    EXPECT_TRUE(spec.tick.is_positive());
    EXPECT_TRUE(spec.lot.is_positive());
    EXPECT_EQ(spec.symbol.contract, x == exchange::binance_usdm
                                      ? contract_type::perpetual
                                      : contract_type::spot);
    // The private stream is subscribed before the order goes out.
    ASSERT_TRUE(eventually(10s, [&] {
      return call<venue_status>(v, atom::status_v).private_state == "live";
    }));
    auto rest = call<venue_rest_actor>(v, atom::rest_v);
    auto cid = "bn-it-" + to_string(x);
    auto ack = call<order_ack>(rest, atom::place_v, limit_buy(x, cid));
    ASSERT_EQ(ack.kind, ack_kind::accepted) << ack.error_message;
    EXPECT_EQ(ack.state.status, order_status::open);
    EXPECT_EQ(ack.state.symbol.base, "BTC"); // completed from the rules
    auto found = call<order_ack>(rest, atom::lookup_v, cid, btc(x));
    ASSERT_EQ(found.kind, ack_kind::accepted) << found.error_message;
    EXPECT_EQ(found.state.client_order_id, cid);
    EXPECT_EQ(found.state.amount, dec("0.002"));
    auto open = call<std::vector<order>>(rest, atom::open_orders_v, btc(x));
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open.front().client_order_id, cid);
    auto gone = call<order_ack>(rest, atom::cancel_v, cid, btc(x));
    ASSERT_EQ(gone.kind, ack_kind::accepted) << gone.error_message;
    EXPECT_EQ(gone.state.status, order_status::cancelled);
    EXPECT_TRUE(eventually(10s, [&] {
      return seen->has(cid, order_status::cancelled);
    })) << "no cancelled report on the private stream";
    // A price off the tick is refused before it is sent.
    ASSERT_GE(spec.tick.raw, 2);
    auto off = limit_buy(x, cid + "-off");
    off.price = dec("30000") + decimal::from_raw(spec.tick.raw / 2);
    auto refused = call<order_ack>(rest, atom::place_v, off);
    EXPECT_EQ(refused.kind, ack_kind::rejected);
    EXPECT_EQ(refused.error_code, "filter_PRICE");
  }
}

TEST_F(binance_sim, APerpetualPositionOpensAndAReduceOnlyOrderClosesIt) {
  auto x = exchange::binance_usdm;
  auto v = start(x);
  ASSERT_TRUE(eventually(10s, [&] { return rules_loaded(x); }));
  // Subscribing sets the market up (leverage, margin mode) and starts the
  // funding polls.
  auto b = book_on(v, x);
  auto rest = call<venue_rest_actor>(v, atom::rest_v);
  order_request sell;
  sell.client_order_id = "bn-it-short";
  sell.symbol = btc(x);
  sell.order_side = side::sell;
  sell.type = order_type::market;
  sell.amount = dec("0.003");
  auto ack = call<order_ack>(rest, atom::place_v, sell);
  ASSERT_EQ(ack.kind, ack_kind::accepted) << ack.error_message;
  EXPECT_EQ(ack.state.status, order_status::filled);
  auto ps = call<std::vector<position>>(v, atom::positions_v);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].symbol.venue_symbol, "BTCUSDT");
  EXPECT_EQ(ps[0].symbol.base, "BTC");
  EXPECT_EQ(ps[0].position_side, side::sell);
  EXPECT_EQ(ps[0].amount, dec("0.003"));
  EXPECT_TRUE(ps[0].entry_price.is_positive());
  EXPECT_TRUE(ps[0].mark_price.is_positive());
  EXPECT_GT(ps[0].liquidation_price, ps[0].entry_price); // a short's is above
  // Reduce-only: more than the position is refused by the venue.
  order_request too_much = sell;
  too_much.client_order_id = "bn-it-too-much";
  too_much.order_side = side::buy;
  too_much.amount = dec("0.01");
  too_much.reduce_only = true;
  auto no = call<order_ack>(rest, atom::place_v, too_much);
  EXPECT_EQ(no.kind, ack_kind::rejected);
  order_request close = too_much;
  close.client_order_id = "bn-it-close";
  close.amount = dec("0.003");
  auto closed = call<order_ack>(rest, atom::place_v, close);
  ASSERT_EQ(closed.kind, ack_kind::accepted) << closed.error_message;
  EXPECT_TRUE(call<std::vector<position>>(v, atom::positions_v).empty());
  // Funding and the mark price, polled over REST (and streamed).
  std::vector<funding_rate> fs;
  std::vector<mark_price> ms;
  ASSERT_TRUE(eventually(10s, [&] {
    caf::scoped_actor self{sys};
    self->request(v, 5s, atom::funding_v)
      .receive(
        [&](std::vector<funding_rate>& f, std::vector<mark_price>& m) {
          fs = std::move(f);
          ms = std::move(m);
        },
        [&](caf::error&) {});
    return !fs.empty() && !ms.empty();
  }));
  EXPECT_EQ(fs.front().symbol, "BTCUSDT");
  EXPECT_GT(fs.front().next_funding_ns, 0);
  EXPECT_TRUE(ms.front().mark.is_positive());
  caf::anon_send_exit(b, caf::exit_reason::user_shutdown);
}

TEST_F(binance_sim, MarkPricesStreamOnTheirOwnConnection) {
  auto x = exchange::binance_usdm;
  auto v = start(x, 0ms, "/market/ws"); // no REST polls: streamed only
  auto b = book_on(v, x);
  std::vector<funding_rate> fs;
  std::vector<mark_price> ms;
  ASSERT_TRUE(eventually(10s, [&] {
    caf::scoped_actor self{sys};
    self->request(v, 5s, atom::funding_v)
      .receive(
        [&](std::vector<funding_rate>& f, std::vector<mark_price>& m) {
          fs = std::move(f);
          ms = std::move(m);
        },
        [&](caf::error&) {});
    return !fs.empty() && !ms.empty();
  }));
  EXPECT_EQ(ms.front().symbol.venue_symbol, "BTCUSDT");
  EXPECT_TRUE(ms.front().mark.is_positive());
  EXPECT_TRUE(ms.front().index.is_positive());
  EXPECT_GT(ms.front().ts_event_ns, 0);
  EXPECT_EQ(fs.front().symbol, "BTCUSDT");
  EXPECT_GT(fs.front().next_funding_ns, 0);
  // The depth stays on the book connection.
  EXPECT_TRUE(eventually(10s, [&] {
    return call<book_stats>(b, atom::stats_v).healthy;
  }));
}

TEST_F(binance_sim, SpotVenueHasNoPositions) {
  auto v = start(exchange::binance_spot);
  caf::scoped_actor self{sys};
  std::string error;
  self->request(v, 5s, atom::positions_v)
    .receive([&](const std::vector<position>&) { error = "answered"; },
             [&](caf::error& e) { error = sys.render(e); });
  EXPECT_NE(error.find("not_supported: positions on binance_spot"),
            std::string::npos)
    << error;
}
