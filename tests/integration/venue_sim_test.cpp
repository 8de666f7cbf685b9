// The venue actors over real sockets against karb-sim (plain and TLS):
// books through the feed, orders through the rest actor, private order
// updates, reconnect after an injected disconnect, rate limits under load
// and an order whose reply was dropped. Every wait has a deadline.

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <string>
#include <unistd.h>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/venue/venue.hpp"
#include "exchanges/common/io_runner.hpp"
#include "tests/integration/sim_process.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

/// What the probes saw, shared with the test thread.
struct collector {
  std::mutex mtx;
  std::condition_variable cv;
  std::map<exchange, int> books;
  std::map<exchange, order_book> last_book;
  std::vector<order_update> updates;

  template <class Pred>
  bool wait(std::chrono::milliseconds limit, Pred pred) {
    std::unique_lock<std::mutex> lock{mtx};
    return cv.wait_for(lock, limit, [&] { return pred(); });
  }
  int book_count(exchange v) {
    std::lock_guard<std::mutex> lock{mtx};
    return books[v];
  }
};

book_actor::behavior_type book_probe(book_actor::pointer,
                                     std::shared_ptr<collector> c) {
  return {
    [=](const order_book& b) {
      {
        std::lock_guard<std::mutex> lock{c->mtx};
        ++c->books[b.symbol.venue];
        c->last_book[b.symbol.venue] = b;
      }
      c->cv.notify_all();
    },
    [=](atom::ws_data) {},
    [=](atom::get) { return book_view{}; },
    [=](atom::subscribe, const book_listener_actor&) {},
    [=](atom::subscribe, const book_listener_actor&, caf::timespan) {},
    [=](atom::publish) {},
    [=](atom::unsubscribe, const book_listener_actor&) {},
    [=](const book_delta&) {},
    [=](atom::stats) { return book_stats{}; },
    [=](atom::tick) {},
  };
}

order_listener_actor::behavior_type order_probe(order_listener_actor::pointer,
                                                std::shared_ptr<collector> c) {
  return {
    [=](const order_update& u) {
      {
        std::lock_guard<std::mutex> lock{c->mtx};
        c->updates.push_back(u);
      }
      c->cv.notify_all();
    },
    [](atom::reconnect, const std::string&) {},
  };
}

caf::actor_system_config& prepare(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::karb>();
  cfg.set("scheduler.max-threads", 2);
  cfg.set("logger.console-verbosity", caf::atom("quiet"));
  cfg.set("logger.file-verbosity", caf::atom("quiet"));
  return cfg;
}

std::string temp_path(const std::string& stem) {
  return "/tmp/karb-it-" + std::to_string(getpid()) + "-" + stem;
}

class venue_sim : public ::testing::TestWithParam<bool> {
protected:
  void SetUp() override {
    tls = GetParam();
    ca_file = temp_path("ca.pem");
    request_log = temp_path("requests.jsonl");
    std::vector<std::string> args{"--venues", "upbit,bithumb", "--port-base",
                                  "0", "--admin-port", "0", "--seed", "7",
                                  "--request-log", request_log};
    if (tls) {
      args.insert(args.end(), {"--tls", "--ca-out", ca_file});
    }
    sim = std::make_unique<test::sim_process>(args);
    ASSERT_TRUE(sim->ok()) << sim->error();
    bus = sys.spawn(event_bus, size_t{1000});
    actors.push_back(caf::actor_cast<caf::actor>(bus));
  }

  void TearDown() override {
    for (auto& a : actors)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    sim.reset();
    std::remove(ca_file.c_str());
    std::remove(request_log.c_str());
  }

  config::venue_settings settings(exchange v) {
    bool up = v == exchange::upbit;
    int port = sim->port(up ? "upbit" : "bithumb");
    std::string host = "127.0.0.1:" + std::to_string(port);
    config::venue_settings s;
    s.venue = v;
    s.name = up ? "upbit" : "bithumb";
    s.rest_url = (tls ? "https://" : "http://") + host;
    s.ws_url = (tls ? "wss://" : "ws://") + host + "/websocket/v1";
    s.private_ws_url = (tls ? "wss://" : "ws://") + host
                       + (up ? "/websocket/v1/private"
                             : "/websocket/v2/private");
    s.ca_file = tls ? ca_file : "";
    s.heartbeat_s = 60;
    s.request_timeout_ms = 3000;
    s.rate_limit_per_s = 0; // the venue's own budgets
    s.access_key = up ? "karb-dev-upbit-access" : "karb-dev-bithumb-access";
    s.secret_key = secret{up ? "karb-dev-upbit-secret-0123456789"
                             : "karb-dev-bithumb-secret-0123456789"};
    return s;
  }

  venue_actor start(exchange v) {
    venue::venue_deps d;
    d.bus = bus;
    d.runner = &io;
    auto hdl = venue::spawn_venue(sys, settings(v), std::move(d));
    actors.push_back(caf::actor_cast<caf::actor>(hdl));
    return hdl;
  }

  instrument btc(exchange v) {
    return instrument{v, "BTC", "KRW", "KRW-BTC"};
  }

  void feed_books(const venue_actor& v, exchange x) {
    auto probe = sys.spawn(book_probe, col);
    actors.push_back(caf::actor_cast<caf::actor>(probe));
    caf::anon_send(v, atom::subscribe_v, btc(x), probe);
  }

  void listen_orders(const venue_actor& v) {
    auto probe = sys.spawn(order_probe, col);
    actors.push_back(caf::actor_cast<caf::actor>(probe));
    caf::anon_send(v, atom::subscribe_v, order_listener_actor{probe});
  }

  venue_rest_actor rest_of(const venue_actor& v) {
    venue_rest_actor out;
    caf::scoped_actor self{sys};
    self->request(v, 5s, atom::rest_v)
      .receive([&](const venue_rest_actor& r) { out = r; },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  venue_status status(const venue_actor& v) {
    venue_status out;
    caf::scoped_actor self{sys};
    self->request(v, 5s, atom::status_v)
      .receive([&](const venue_status& s) { out = s; },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  template <class... Ts>
  order_ack ask(const venue_rest_actor& r, Ts... xs) {
    order_ack out;
    caf::scoped_actor self{sys};
    self->request(r, 10s, xs...)
      .receive([&](const order_ack& a) { out = a; },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  template <class T, class... Ts>
  T call(const venue_rest_actor& r, Ts... xs) {
    T out{};
    caf::scoped_actor self{sys};
    self->request(r, 10s, xs...)
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
    r.amount = dec("0.001");
    r.price = dec("50000000"); // far below the market: it rests
    return r;
  }

  /// Polls `pred` until true or the deadline.
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

  std::vector<nlohmann::json> logged_requests() {
    std::vector<nlohmann::json> out;
    std::ifstream in{request_log};
    std::string line;
    while (std::getline(in, line))
      if (!line.empty())
        out.push_back(nlohmann::json::parse(line, nullptr, false));
    return out;
  }

  test::admin_reply fault(const std::string& body) {
    return test::http_call(sim->port("admin"), "POST", "/fault", body);
  }

  bool tls = false;
  std::string ca_file;
  std::string request_log;
  std::unique_ptr<test::sim_process> sim;
  net::io_runner io{1};   // outlives the actor system's sessions
  caf::actor_system_config cfg;
  caf::actor_system sys{prepare(cfg)};
  event_bus_actor bus;
  std::vector<caf::actor> actors;
  std::shared_ptr<collector> col = std::make_shared<collector>();
};

} // namespace

TEST_P(venue_sim, FeedsBooksOfBothVenues) {
  auto up = start(exchange::upbit);
  auto bt = start(exchange::bithumb);
  feed_books(up, exchange::upbit);
  feed_books(bt, exchange::bithumb);
  ASSERT_TRUE(col->wait(5s, [&] {
    return col->books[exchange::upbit] >= 3
           && col->books[exchange::bithumb] >= 3;
  })) << "upbit " << col->book_count(exchange::upbit) << ", bithumb "
      << col->book_count(exchange::bithumb);
  std::lock_guard<std::mutex> lock{col->mtx};
  for (auto v : {exchange::upbit, exchange::bithumb}) {
    auto& b = col->last_book[v];
    EXPECT_EQ(b.symbol.venue_symbol, "KRW-BTC");
    EXPECT_GT(b.ts_recv_ns, 0);
    ASSERT_FALSE(b.bids.empty());
    ASSERT_FALSE(b.asks.empty());
    EXPECT_LT(b.bids[0].price, b.asks[0].price);
  }
}

TEST_P(venue_sim, PlacesLooksUpAndCancelsOnBothVenues) {
  for (auto v : {exchange::upbit, exchange::bithumb}) {
    SCOPED_TRACE(to_string(v));
    auto hdl = start(v);
    listen_orders(hdl);
    ASSERT_TRUE(eventually(5s, [&] {
      return status(hdl).private_state == "live";
    }));
    auto rest = rest_of(hdl);
    auto cid = "it-" + to_string(v) + "-1";
    auto placed = ask(rest, atom::place_v, limit_buy(v, cid));
    ASSERT_EQ(placed.kind, ack_kind::accepted)
      << placed.error_code << " " << placed.error_message;
    EXPECT_FALSE(placed.state.id.empty());
    auto found = ask(rest, atom::lookup_v, cid, btc(v));
    ASSERT_EQ(found.kind, ack_kind::accepted) << found.error_code;
    EXPECT_EQ(found.state.id, placed.state.id);
    auto open = call<std::vector<order>>(rest, atom::open_orders_v, btc(v));
    EXPECT_TRUE(std::any_of(open.begin(), open.end(), [&](const order& o) {
      return o.id == placed.state.id;
    }));
    auto balances = call<std::vector<balance>>(rest, atom::balances_v);
    EXPECT_TRUE(std::any_of(balances.begin(), balances.end(),
                            [](const balance& b) {
                              return b.currency == "KRW"
                                     && b.used.is_positive();
                            }));
    auto snap = call<order_book>(rest, atom::snapshot_v, btc(v));
    EXPECT_EQ(snap.symbol.venue_symbol, "KRW-BTC");
    EXPECT_FALSE(snap.bids.empty());
    EXPECT_EQ(found.state.client_order_id, cid);
    EXPECT_EQ(found.state.status, order_status::open);
    auto cancelled = ask(rest, atom::cancel_v, cid, btc(v));
    ASSERT_EQ(cancelled.kind, ack_kind::accepted) << cancelled.error_code;
    auto after = ask(rest, atom::lookup_v, cid, btc(v));
    EXPECT_EQ(after.state.status, order_status::cancelled);
    auto unknown = ask(rest, atom::lookup_v, std::string{"it-nope"}, btc(v));
    EXPECT_EQ(unknown.kind, ack_kind::not_found);
    // The private stream reported the order.
    auto id = placed.state.id;
    EXPECT_TRUE(col->wait(5s, [&] {
      for (auto& u : col->updates)
        if (u.state.id == id && u.origin == "stream")
          return true;
      return false;
    }));
  }
}

TEST_P(venue_sim, ReconnectsAndResubscribesAfterAnInjectedDisconnect) {
  auto up = start(exchange::upbit);
  feed_books(up, exchange::upbit);
  ASSERT_TRUE(col->wait(5s, [&] { return col->books[exchange::upbit] >= 2; }));
  ASSERT_EQ(fault(R"({"venue":"upbit","fault":"drop_ws"})").status, 200);
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually(5s, [&] { return status(up).reconnects >= 1; }));
  int before = col->book_count(exchange::upbit);
  // Backoff bound: 500 ms for the first failure, plus connect time.
  ASSERT_TRUE(col->wait(3s, [&] {
    return col->books[exchange::upbit] >= before + 2;
  }));
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(took, 3s);
  RecordProperty("drop_to_books_ms",
                 static_cast<int>(std::chrono::duration_cast<
                                    std::chrono::milliseconds>(took)
                                    .count()));
  EXPECT_EQ(status(up).feed_state, "live");
  caf::scoped_actor self{sys};
  std::vector<event> evs;
  self->request(bus, 5s, atom::recent_v, int32_t{1000})
    .receive([&](std::vector<event>& xs) { evs = std::move(xs); },
             [&](caf::error&) {});
  int connected = 0;
  int disconnected = 0;
  for (auto& e : evs) {
    if (e.source != "venue:upbit")
      continue;
    connected += e.type == event_type::exchange_connected;
    disconnected += e.type == event_type::exchange_disconnected;
  }
  EXPECT_GE(connected, 2);    // feed and private, then the feed again
  EXPECT_GE(disconnected, 1);
}

TEST_P(venue_sim, HammeredRestActorNeverEarnsA429) {
  auto up = start(exchange::upbit);
  auto rest = rest_of(up);
  caf::scoped_actor self{sys};
  const int reads = 40;   // Upbit "default": 30 per second
  const int orders = 10;  // Upbit "order": 8 per second
  int ok = 0;
  int failed = 0;
  using read_handle = decltype(self->request(rest, 30s, atom::balances_v));
  using order_handle = decltype(self->request(
    rest, 30s, atom::place_v, limit_buy(exchange::upbit, "x")));
  std::vector<read_handle> rs;
  std::vector<order_handle> os;
  for (int i = 0; i < reads; ++i)
    rs.push_back(self->request(rest, 30s, atom::balances_v));
  for (int i = 0; i < orders; ++i)
    os.push_back(self->request(
      rest, 30s, atom::place_v,
      limit_buy(exchange::upbit, "hammer-" + std::to_string(i))));
  for (auto& h : rs)
    h.receive([&](const std::vector<balance>&) { ++ok; },
              [&](caf::error& e) {
                ++failed;
                ADD_FAILURE() << sys.render(e);
              });
  for (auto& h : os)
    h.receive(
      [&](const order_ack& a) {
        if (a.kind == ack_kind::accepted)
          ++ok;
        else
          ADD_FAILURE() << ++failed << ": " << a.error_code;
      },
      [&](caf::error& e) {
        ++failed;
        ADD_FAILURE() << sys.render(e);
      });
  EXPECT_EQ(ok, reads + orders);
  EXPECT_EQ(failed, 0);
  int throttled = 0;
  int total = 0;
  for (auto& r : logged_requests()) {
    if (r.value("venue", "") != "upbit")
      continue;
    ++total;
    int st = r.value("status", 0);
    throttled += st == 429 || st == 418;
  }
  EXPECT_EQ(throttled, 0);
  EXPECT_GE(total, reads + orders);
}

TEST_P(venue_sim, FindsAnOrderWhoseReplyWasDropped) {
  for (auto v : {exchange::upbit, exchange::bithumb}) {
    SCOPED_TRACE(to_string(v));
    auto hdl = start(v);
    auto rest = rest_of(hdl);
    auto name = to_string(v);
    ASSERT_EQ(fault(R"({"venue":")" + name
                    + R"(","fault":"drop_order_reply","count":1})")
                .status,
              200);
    auto cid = "it-drop-" + name;
    auto placed = ask(rest, atom::place_v, limit_buy(v, cid));
    EXPECT_EQ(placed.kind, ack_kind::maybe_sent) << placed.error_code;
    auto found = ask(rest, atom::lookup_v, cid, btc(v));
    ASSERT_EQ(found.kind, ack_kind::accepted) << found.error_code;
    EXPECT_EQ(found.state.client_order_id, cid);
    int posts = 0;
    for (auto& r : logged_requests())
      if (r.value("venue", "") == name && r.value("method", "") == "POST"
          && r.dump().find(cid) != std::string::npos)
        ++posts;
    EXPECT_EQ(posts, 1); // never resent
  }
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, venue_sim, ::testing::Values(false, true),
                         [](const auto& info) {
                           return info.param ? "tls" : "plain";
                         });
