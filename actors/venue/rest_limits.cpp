#include "actors/common/clock.hpp"
#include "actors/venue/rest_limits.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "exchanges/common/retry.hpp"

namespace karb::venue::limits {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

int64_t ms_between(time_point from, time_point to) {
  return duration_cast<milliseconds>(to - from).count();
}

void count_refused(rest_pointer self, const char* reason) {
  ++self->state.refused;
  metrics::global()
    .get_counter("karb_venue_calls_refused_total",
                 "venue REST calls failed before anything was written",
                 {{"venue", self->state.setup.venue_name},
                  {"reason", reason}})
    .add();
}

void set_banned_gauge(rest_pointer self, bool banned) {
  metrics::global()
    .get_gauge("karb_venue_banned",
               "1 while the venue bans this node (HTTP 418), else 0",
               {{"venue", self->state.setup.venue_name}})
    .set(banned ? 1.0 : 0.0);
}

std::string ban_text(rest_pointer self, time_point now) {
  auto left = ms_between(now, self->state.guard.banned_until());
  return self->state.setup.venue_name + " bans this node (HTTP 418) for "
         + std::to_string((left + 999) / 1000) + " s more";
}

/// Arms the guard timer for the next end of a ban or rate-limited period.
void arm(rest_pointer self, time_point now) {
  auto& st = self->state;
  auto next = st.guard.next_expiry();
  if (!next || !st.guard_timer.wants(*next))
    return;
  st.guard_timer.at = *next;
  arm_timer(self, std::max(*next - now, time_point::duration{0}),
                     atom::tick_v);
}

/// A new ban: every queued call fails now (none of them was written).
void fail_queued(rest_pointer self, time_point now) {
  auto& st = self->state;
  auto why = ban_text(self, now);
  for (auto& [group, queue] : st.queues) {
    for (auto id : queue) {
      auto i = st.calls.find(id);
      if (i == st.calls.end())
        continue;
      fail_unsent(i->second, "banned", why, ack_kind::not_sent);
      count_refused(self, "banned");
      st.calls.erase(i);
    }
    queue.clear();
  }
}

void on_rate_limited(rest_pointer self, const rest_call& c,
                     const limit_decision& d, time_point now) {
  auto& st = self->state;
  auto b = st.guard.apply(d, now);
  auto& p = st.guard.params();
  st.limiter.pause(c.group, now, b.pause_until);
  st.limiter.slow(c.group, now, p.rate_limited_refill, b.slow_until);
  nlohmann::json data{{"reason", "rate_limited"},
                      {"venue", st.setup.venue_name},
                      {"group", c.group},
                      {"call", to_string(c.kind)},
                      {"pause_ms", ms_between(now, b.pause_until)},
                      {"slow_ms", ms_between(b.pause_until, b.slow_until)},
                      {"retry_after", d.from_header}};
  log::warn("venue", "rate_limited",
            {{"venue", st.setup.venue_name}, {"group", c.group},
             {"call", to_string(c.kind)},
             {"pause_ms", ms_between(now, b.pause_until)},
             {"retry_after", d.from_header}});
  if (b.rate_limited)
    publish_event(self, st.setup.bus, event_type::risk_alert,
                  "venue:" + st.setup.venue_name, data);
  arm(self, now);
}

void on_banned(rest_pointer self, const limit_decision& d, time_point now) {
  auto& st = self->state;
  auto b = st.guard.apply(d, now);
  auto ban_ms = ms_between(now, st.guard.banned_until());
  log::error("venue", "banned",
             {{"venue", st.setup.venue_name}, {"ban_ms", ban_ms},
              {"retry_after", d.from_header}, {"new", b.ban}});
  set_banned_gauge(self, true);
  if (b.ban)
    publish_event(self, st.setup.bus, event_type::risk_alert,
                  "venue:" + st.setup.venue_name,
                  {{"reason", "venue_banned"},
                   {"venue", st.setup.venue_name},
                   {"ban_ms", ban_ms},
                   {"retry_after", d.from_header}});
  fail_queued(self, now);
  arm(self, now);
}

} // namespace

bool refuse_if_banned(rest_pointer self, rest_call& c) {
  auto now = self->clock().now();
  if (!self->state.guard.banned(now))
    return false;
  fail_unsent(c, "banned", ban_text(self, now), ack_kind::not_sent);
  count_refused(self, "banned");
  return true;
}

void on_reply(rest_pointer self, const rest_call& c, const http_reply& r) {
  auto& st = self->state;
  if (r.error != 0)
    return;
  auto d = decide_limit(r.status, net::parse_retry_after(r.retry_after),
                        st.guard.params());
  if (d.signal == limit_signal::none)
    return;
  metrics::global()
    .get_counter("karb_venue_rate_limited_total",
                 "venue replies refusing the node for its request rate "
                 "(429) or banning it (418)",
                 {{"venue", st.setup.venue_name},
                  {"status", std::to_string(r.status)}})
    .add();
  auto now = self->clock().now();
  if (d.signal == limit_signal::banned)
    on_banned(self, d, now);
  else
    on_rate_limited(self, c, d, now);
}

std::optional<time_point> drop_expired(rest_pointer self) {
  auto& st = self->state;
  auto& p = st.guard.params();
  auto now_ns = steady_ns(self);
  std::optional<int64_t> next_ns;
  for (auto& [group, queue] : st.queues)
    for (auto q = queue.begin(); q != queue.end();) {
      auto i = st.calls.find(*q);
      if (i == st.calls.end()) {
        q = queue.erase(q);
        continue;
      }
      auto& c = i->second;
      if (c.kind != call_kind::place || p.place_queue_deadline.count() <= 0) {
        ++q;
        continue;
      }
      if (!past_deadline(c.kind, c.taken_ns, now_ns, p)) {
        auto due = c.taken_ns + p.place_queue_deadline.count();
        next_ns = next_ns ? std::min(*next_ns, due) : due;
        ++q;
        continue;
      }
      auto waited_ms = (now_ns - c.taken_ns) / 1'000'000;
      log::warn("venue", "place_dropped",
                {{"venue", st.setup.venue_name}, {"group", group},
                 {"waited_ms", waited_ms},
                 {"deadline_ms",
                  duration_cast<milliseconds>(p.place_queue_deadline)
                    .count()}});
      fail_unsent(c, "queue_deadline",
                  "waited " + std::to_string(waited_ms) + " ms for the "
                    + group + " rate limit; never sent",
                  ack_kind::not_sent);
      count_refused(self, "queue_deadline");
      st.calls.erase(i);
      q = queue.erase(q);
    }
  if (!next_ns)
    return std::nullopt;
  return time_point{std::chrono::nanoseconds{*next_ns}};
}

bool on_tick(rest_pointer self) {
  auto& st = self->state;
  auto now = self->clock().now();
  st.guard_timer.fired(now);
  auto e = st.guard.expire(now);
  if (e.ban) {
    set_banned_gauge(self, false);
    log::info("venue", "ban_over", {{"venue", st.setup.venue_name}});
    publish_event(self, st.setup.bus, event_type::risk_alert,
                  "venue:" + st.setup.venue_name,
                  {{"reason", "venue_unbanned"},
                   {"venue", st.setup.venue_name}});
  }
  if (e.rate_limited) {
    log::info("venue", "rate_limit_cleared",
              {{"venue", st.setup.venue_name}});
    publish_event(self, st.setup.bus, event_type::risk_alert,
                  "venue:" + st.setup.venue_name,
                  {{"reason", "rate_limit_cleared"},
                   {"venue", st.setup.venue_name}});
  }
  arm(self, now);
  return e.ban;
}

} // namespace karb::venue::limits
