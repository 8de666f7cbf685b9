#pragma once

// The REST actor's side of rest_guard.hpp: what it does when the venue
// answers 429 or 418 (buckets, guard, queued calls), refusing calls during
// a ban, dropping places past their queue deadline, and announcing when a
// ban or a rate-limited period begins and ends:
//   events   risk_alert {"reason": "venue_banned" | "venue_unbanned" |
//            "rate_limited" | "rate_limit_cleared", "venue", ...}
//   metrics  karb_venue_rate_limited_total{venue,status}
//            karb_venue_banned{venue} (1 during a ban)
//            karb_venue_calls_refused_total{venue,reason}

#include <optional>

#include "actors/venue/rest.hpp"

namespace karb::venue::limits {

using time_point = caf::actor_clock::time_point;

/// Fails `c` at once, unsent, while the venue is banned; true if it did.
bool refuse_if_banned(rest_pointer self, rest_call& c);

/// Applies a reply's 429 / 418 (if any) to the group's bucket and the
/// guard; a new ban fails every queued call.
void on_reply(rest_pointer self, const rest_call& c, const http_reply& r);

/// Fails every queued place past its deadline; returns when the next
/// queued place reaches its deadline (nullopt: none queued).
std::optional<time_point> drop_expired(rest_pointer self);

/// Ends the ban / rate-limited period that is over; true when a ban ended.
bool on_tick(rest_pointer self);

} // namespace karb::venue::limits
