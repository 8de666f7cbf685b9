// The REST actor against a venue's limits, in virtual time over the fake
// network: a place queued past its deadline is never written, a 429 pauses
// its group for Retry-After (and is never retried for an order), a 418
// refuses every call without touching the transport until the ban is over.

#include <optional>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/metrics/registry.hpp"
#include "tests/actors/venue_fixture.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

/// What a probe actor received for one request.
template <class T>
struct answer {
  bool done = false;
  std::optional<T> value;
  std::string error;
};

struct limits_fixture : test::rest_fixture {
  /// Sends a request from a probe actor; its answer lands in the slot (the
  /// test can see that no answer came yet, which a scoped actor cannot).
  template <class T, class... Xs>
  std::shared_ptr<answer<T>> ask(Xs... xs) {
    auto out = std::make_shared<answer<T>>();
    auto to = rest;
    sys.spawn([=](caf::event_based_actor* p) -> caf::behavior {
      p->request(to, caf::infinite, xs...)
        .then(
          [=](const T& x) {
            out->done = true;
            out->value = x;
            p->quit();
          },
          [=](caf::error& e) {
            out->done = true;
            out->error = caf::to_string(e);
            p->quit();
          });
      return {[](int32_t) {}};
    });
    run();
    return out;
  }
  std::shared_ptr<answer<order_ack>> place(std::string cid) {
    auto r = limit_buy();
    r.client_order_id = std::move(cid);
    return ask<order_ack>(atom::place_v, r);
  }
  std::shared_ptr<answer<order_ack>> lookup() {
    return ask<order_ack>(atom::lookup_v, std::string{"cid-1"}, btc);
  }
  std::shared_ptr<answer<std::vector<balance>>> balances() {
    return ask<std::vector<balance>>(atom::balances_v);
  }

  /// The risk_alert events on the bus with this reason.
  std::vector<nlohmann::json> alerts(const std::string& reason) {
    std::vector<nlohmann::json> out;
    for (auto& e : events())
      if (e.type == event_type::risk_alert) {
        auto j = nlohmann::json::parse(e.data);
        if (j.value("reason", "") == reason)
          out.push_back(j);
      }
    return out;
  }

  double rate_limited_total(const std::string& status) {
    return metrics::global()
      .get_counter("karb_venue_rate_limited_total", "",
                   {{"venue", "upbit"}, {"status", status}})
      .value();
  }
  double banned_gauge() {
    return metrics::global()
      .get_gauge("karb_venue_banned", "", {{"venue", "upbit"}})
      .value();
  }
};

struct deadline_fixture : limits_fixture {
  void SetUp() override {
    // One call per second: the order bucket holds 1 and refills 0.5/s, so
    // a second place waits 2 s for its token; the deadline is 1 s.
    per_sec = 1;
    place_deadline = 1000ms;
    limits_fixture::SetUp();
  }
};

struct short_deadline_fixture : limits_fixture {
  void SetUp() override {
    place_deadline = 100ms; // reads wait up to ~560 ms below
    limits_fixture::SetUp();
  }
};

std::vector<http::header> retry_after(std::string secs) {
  return {{"Retry-After", std::move(secs)}};
}

} // namespace

// -- queue deadline ------------------------------------------------------------

TEST_F(deadline_fixture, APlaceQueuedPastItsDeadlineIsNeverWritten) {
  auto first = place("cid-1");
  ASSERT_EQ(net->http.size(), 1u); // the bucket's only token
  auto late = place("cid-2");
  EXPECT_EQ(net->http.size(), 1u);
  advance(999ms);
  EXPECT_FALSE(late->done);
  advance(1ms);
  ASSERT_TRUE(late->done);
  ASSERT_TRUE(late->value);
  EXPECT_EQ(late->value->kind, ack_kind::not_sent);
  EXPECT_EQ(late->value->error_code, "queue_deadline");
  advance(10s); // the token came back long ago: still nothing written
  ASSERT_EQ(net->http.size(), 1u);
  EXPECT_NE(net->http[0].req.body.find("cid-1"), std::string::npos);
  EXPECT_FALSE(first->done); // the written place waits for its answer
}

TEST_F(deadline_fixture, APlaceThatGetsItsTokenWithinTheDeadlineIsWritten) {
  place("cid-1");              // the bucket is empty now
  advance(1500ms);             // 0.75 tokens
  auto second = place("cid-2"); // 0.5 s until its token, 1 s deadline
  EXPECT_EQ(net->http.size(), 1u);
  advance(499ms);
  EXPECT_EQ(net->http.size(), 1u);
  advance(1ms);
  ASSERT_EQ(net->http.size(), 2u);
  EXPECT_NE(net->http[1].req.body.find("cid-2"), std::string::npos);
  EXPECT_FALSE(second->done); // written: its answer is the venue's
}

TEST_F(short_deadline_fixture, ReadsHaveNoQueueDeadline) {
  std::vector<std::shared_ptr<answer<std::vector<balance>>>> xs;
  for (int i = 0; i < 5; ++i)
    xs.push_back(balances());
  EXPECT_EQ(net->http.size(), 2u);
  for (int i = 0; i < 6; ++i)
    advance(100ms); // 5.4 tokens/s: the queued reads go, none is dropped
  EXPECT_EQ(net->http.size(), 5u);
  for (auto& x : xs)
    EXPECT_FALSE(x->done);
}

// -- 429 -----------------------------------------------------------------------

TEST_F(limits_fixture, A429WithRetryAfterPausesTheGroupThatLong) {
  auto before = rate_limited_total("429");
  auto first = balances();
  ASSERT_EQ(net->http.size(), 1u);
  reply_with(0, 429, R"({"error":{"name":"too_many_requests","message":"x"}})",
             retry_after("3"));
  EXPECT_EQ(rate_limited_total("429"), before + 1);
  auto second = balances();
  advance(2999ms); // the retry of the first (after 1 s) and the second wait
  EXPECT_EQ(net->http.size(), 1u);
  // The pause is over at 3 s; the empty group refills at half its rate
  // (2.7/s): a token at 3.37 s and one at 3.74 s.
  advance(1001ms);
  EXPECT_EQ(net->http.size(), 3u);
  EXPECT_FALSE(first->done);
  EXPECT_FALSE(second->done);
  auto events = alerts("rate_limited");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["venue"], "upbit");
  EXPECT_EQ(events[0]["group"], "default");
  EXPECT_EQ(events[0]["pause_ms"], 3000);
  EXPECT_EQ(events[0]["retry_after"], true);
}

TEST_F(limits_fixture, A429WithoutRetryAfterPausesForTheConfiguredTime) {
  balances();
  reply(0, 429, R"({"error":{"name":"too_many_requests","message":"x"}})");
  balances();
  advance(999ms);
  EXPECT_EQ(net->http.size(), 1u);
  advance(1s);
  EXPECT_GE(net->http.size(), 2u);
  auto events = alerts("rate_limited");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["pause_ms"], 1000);
  EXPECT_EQ(events[0]["retry_after"], false);
}

TEST_F(limits_fixture, A429NeverRetriesAnOrderOrACancel) {
  auto p = place("cid-1");
  ASSERT_EQ(net->http.size(), 1u);
  reply_with(0, 429, R"({"error":{"name":"too_many_requests","message":"x"}})",
             retry_after("1"));
  ASSERT_TRUE(p->done);
  EXPECT_NE(p->value->kind, ack_kind::accepted);
  auto c = ask<order_ack>(atom::cancel_v, std::string{"cid-1"}, btc);
  advance(2s);
  ASSERT_EQ(net->http.size(), 2u);
  reply_with(1, 429, R"({"error":{"name":"too_many_requests","message":"x"}})",
             retry_after("1"));
  ASSERT_TRUE(c->done);
  advance(60s);
  EXPECT_EQ(net->http.size(), 2u);
}

TEST_F(limits_fixture, TheRateLimitedPeriodEndsWithAnEvent) {
  balances();
  reply_with(0, 429, "", retry_after("2"));
  // Paused 2 s, then slower for 60 s: the period is over at 62 s.
  advance(61s);
  EXPECT_TRUE(alerts("rate_limit_cleared").empty());
  advance(1s);
  EXPECT_EQ(alerts("rate_limit_cleared").size(), 1u);
}

// -- 418 -----------------------------------------------------------------------

TEST_F(limits_fixture, A418RefusesEveryCallWithoutTouchingTheTransport) {
  auto before = rate_limited_total("418");
  lookup();
  ASSERT_EQ(net->http.size(), 1u);
  reply_with(0, 418, "", retry_after("120"));
  EXPECT_EQ(rate_limited_total("418"), before + 1);
  EXPECT_EQ(banned_gauge(), 1.0);
  auto l = lookup();
  auto p = place("cid-2");
  auto b = balances();
  auto s = ask<order_book>(atom::snapshot_v, btc);
  auto o = ask<std::vector<order>>(atom::open_orders_v, btc);
  auto c = ask<order_ack>(atom::cancel_v, std::string{"cid-1"}, btc);
  EXPECT_EQ(net->http.size(), 1u);
  for (auto* a : {l.get(), p.get(), c.get()}) {
    ASSERT_TRUE(a->done);
    EXPECT_EQ(a->value->kind, ack_kind::not_sent);
    EXPECT_EQ(a->value->error_code, "banned");
  }
  EXPECT_NE(b->error.find("banned"), std::string::npos) << b->error;
  EXPECT_NE(s->error.find("banned"), std::string::npos) << s->error;
  EXPECT_NE(o->error.find("banned"), std::string::npos) << o->error;
  auto events = alerts("venue_banned");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["ban_ms"], 120'000);
  advance(119'999ms);
  lookup();
  EXPECT_EQ(net->http.size(), 1u);
  advance(1ms); // the ban is over: requests flow again
  EXPECT_EQ(banned_gauge(), 0.0);
  EXPECT_EQ(alerts("venue_unbanned").size(), 1u);
  auto after = lookup();
  ASSERT_EQ(net->http.size(), 2u);
  EXPECT_FALSE(after->done);
  place("cid-3");
  EXPECT_EQ(net->http.size(), 3u);
}

TEST_F(limits_fixture, A418WithoutRetryAfterBansForTheConfiguredTime) {
  lookup();
  reply(0, 418, "");
  advance(59'999ms);
  lookup();
  EXPECT_EQ(net->http.size(), 1u);
  advance(1ms);
  lookup();
  EXPECT_EQ(net->http.size(), 2u);
}

TEST_F(limits_fixture, A418FailsTheQueuedCallsAtOnce) {
  std::vector<std::shared_ptr<answer<std::vector<balance>>>> xs;
  for (int i = 0; i < 5; ++i)
    xs.push_back(balances());
  ASSERT_EQ(net->http.size(), 2u); // three wait for the bucket
  reply_with(0, 418, "", retry_after("30"));
  for (int i = 2; i < 5; ++i) {
    ASSERT_TRUE(xs[i]->done) << i;
    EXPECT_NE(xs[i]->error.find("banned"), std::string::npos);
  }
  EXPECT_FALSE(xs[1]->done); // written before the ban: its answer counts
  reply(1, 200, "[]");
  EXPECT_TRUE(xs[1]->done);
  advance(31s);
  EXPECT_EQ(net->http.size(), 2u); // the refused calls were never written
}
