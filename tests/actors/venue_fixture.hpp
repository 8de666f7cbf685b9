#pragma once

// The venue supervisor and its REST child over a fake network in virtual
// time: the fixtures of venue_actor_test.cpp and venue_limits_test.cpp.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/bus/event_bus.hpp"
#include "actors/venue/rest.hpp"
#include "actors/venue/venue.hpp"
#include "tests/actors/venue_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

namespace karb::test {

inline const std::string book_frame =
  R"({"type":"orderbook","code":"KRW-BTC","timestamp":1700000000000,)"
  R"("total_ask_size":1,"total_bid_size":2,"orderbook_units":[)"
  R"({"ask_price":100000000,"bid_price":99990000,"ask_size":1,"bid_size":2}],)"
  R"("stream_type":"REALTIME"})";

inline const std::string order_frame =
  R"({"type":"myOrder","code":"KRW-BTC","uuid":"u-1","ask_bid":"BID",)"
  R"("order_type":"limit","state":"wait","price":100000000,)"
  R"("volume":0.001,"remaining_volume":0.001,"executed_volume":0,)"
  R"("identifier":"c-1","timestamp":1700000000000})";

struct venue_fixture : actor_fixture {
  std::shared_ptr<fake_net> net = std::make_shared<fake_net>();
  std::shared_ptr<std::vector<order_book>> books
    = std::make_shared<std::vector<order_book>>();
  event_bus_actor bus = sys.spawn(event_bus, size_t{100});
  instrument btc{exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  exchange venue_id = exchange::upbit;
  std::string venue_name = "upbit";
  int64_t per_sec = 8;  ///< venue_settings::rate_limit_per_s
  std::chrono::milliseconds place_deadline{0};

  config::venue_settings settings(bool with_keys = false) {
    config::venue_settings s;
    s.venue = venue_id;
    s.name = venue_name;
    s.rest_url = "http://127.0.0.1:1";
    s.ws_url = "ws://127.0.0.1:1/websocket/v1";
    s.private_ws_url = "ws://127.0.0.1:1/websocket/v1/private";
    s.heartbeat_s = 60;
    s.rate_limit_per_s = per_sec;
    s.ban_default_s = 60;
    if (with_keys) {
      s.access_key = "ak";
      s.secret_key = secret{"sk"};
    }
    return s;
  }

  venue_actor start(bool with_keys = false) {
    venue::venue_deps d;
    d.bus = bus;
    d.io = make_fake_io(net);
    d.place_queue_deadline = place_deadline;
    d.random = [] { return 0.0; };
    d.wall_clock = [] { return int64_t{1'700'000'000'000'000'000}; };
    auto v = venue::spawn_venue(sys, settings(with_keys), std::move(d));
    run();
    return v;
  }

  venue_status status(const venue_actor& v) {
    venue_status out;
    auto rh = self->request(v, caf::infinite, atom::status_v);
    run();
    rh.receive([&](const venue_status& s) { out = s; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  std::vector<event> events() {
    std::vector<event> out;
    auto rh = self->request(bus, caf::infinite, atom::recent_v, int32_t{100});
    run();
    rh.receive([&](std::vector<event>& xs) { out = std::move(xs); },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  /// Plays the I/O thread of the feed connection `i`.
  void open(size_t i) {
    net->ws[i].h.on_open();
    run();
  }
  void frame(size_t i, const std::string& text, int64_t recv_ns) {
    net->ws[i].h.on_frame(text, true, recv_ns);
    run();
  }
  void drop(size_t i, std::string reason = "reset") {
    net::net_error err{net::error_kind::closed, reason};
    net->ws[i].h.on_error(err);
    net->ws[i].h.on_close(reason);
    run();
  }

  book_actor probe() { return sys.spawn(book_probe, books); }
};

struct rest_fixture : venue_fixture {
  venue_rest_actor rest;
  venue_actor v;

  void SetUp() override {
    v = start(true);
    auto rh = self->request(v, caf::infinite, atom::rest_v);
    run();
    rh.receive([&](const venue_rest_actor& r) { rest = r; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
  }
  void TearDown() override {
    caf::anon_send_exit(v, caf::exit_reason::user_shutdown);
  }

  order_request limit_buy() {
    order_request r;
    r.client_order_id = "cid-1";
    r.symbol = btc;
    r.order_side = side::buy;
    r.type = order_type::limit;
    r.amount = dec("0.001");
    r.price = dec("100000000");
    return r;
  }

  void reply(size_t i, int status, std::string body,
             std::string remaining = {}) {
    std::vector<http::header> hs;
    if (!remaining.empty())
      hs.emplace_back("Remaining-Req", remaining);
    reply_with(i, status, std::move(body), std::move(hs));
  }
  void reply_with(size_t i, int status, std::string body,
                  std::vector<http::header> headers) {
    net::http_result r;
    r.response.status = status;
    r.response.body = std::move(body);
    r.response.headers = std::move(headers);
    net->http[i].cb(std::move(r));
    run();
  }
  void fail(size_t i, net::error_kind k) {
    net::http_result r;
    r.error = {k, "test"};
    net->http[i].cb(std::move(r));
    run();
  }
};

inline const std::string order_json =
  R"({"uuid":"u-1","side":"bid","ord_type":"limit","price":"100000000",)"
  R"("state":"wait","market":"KRW-BTC","volume":"0.001",)"
  R"("remaining_volume":"0.001","executed_volume":"0","trades_count":0,)"
  R"("identifier":"cid-1","created_at":"2026-01-01T00:00:00+09:00"})";


} // namespace karb::test
