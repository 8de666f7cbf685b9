#include "exchanges/common/token_bucket.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace karb::net {

using std::chrono::nanoseconds;

token_bucket::token_bucket(double capacity, double refill_per_sec,
                           clock_time now, nanoseconds window)
  : capacity_(capacity),
    rate_(refill_per_sec),
    tokens_(capacity),
    last_(now),
    window_(window) {
  // nop
}

namespace {

double seconds_between(token_bucket::clock_time from,
                       token_bucket::clock_time to) {
  return std::chrono::duration<double>(to - from).count();
}

} // namespace

double token_bucket::accrued(clock_time from, clock_time to) const {
  if (to <= from)
    return 0;
  double slow_secs = 0;
  if (slow_until_ > from)
    slow_secs = seconds_between(from, std::min(to, slow_until_));
  double fast_secs = seconds_between(from, to) - slow_secs;
  return slow_secs * rate_ * slow_factor_ + fast_secs * rate_;
}

nanoseconds token_bucket::time_to_accrue(clock_time from,
                                         double amount) const {
  double secs = 0;
  if (slow_until_ > from) {
    double slow_rate = rate_ * slow_factor_;
    double slow_secs = seconds_between(from, slow_until_);
    if (slow_rate * slow_secs >= amount)
      return nanoseconds{
        static_cast<int64_t>(std::ceil(amount / slow_rate * 1e9))};
    amount -= slow_rate * slow_secs;
    secs = slow_secs;
  }
  return nanoseconds{
    static_cast<int64_t>(std::ceil((secs + amount / rate_) * 1e9))};
}

double token_bucket::rate_at(clock_time now) const {
  return now < slow_until_ ? rate_ * slow_factor_ : rate_;
}

double token_bucket::tokens_at(clock_time now) const {
  if (now <= last_)
    return tokens_;
  return std::min(capacity_, tokens_ + accrued(last_, now));
}

void token_bucket::refill(clock_time now) {
  tokens_ = tokens_at(now);
  last_ = std::max(last_, now);
}

double token_bucket::available(clock_time now) const {
  return tokens_at(now);
}

bool token_bucket::try_take(clock_time now, double n) {
  refill(now);
  if (window_active(now) && window_left_ < n)
    return false;
  if (tokens_ < n)
    return false;
  tokens_ -= n;
  if (window_active(now))
    window_left_ -= n;
  return true;
}

nanoseconds token_bucket::wait_time(clock_time now, double n) const {
  if (n > capacity_ || rate_ <= 0)
    return nanoseconds::max();
  // While paused, refilling starts at last_ (in the future).
  auto from = std::max(now, last_);
  nanoseconds wait = from - now;
  double have = tokens_at(from);
  if (have < n)
    wait += time_to_accrue(from, n - have);
  if (window_active(now) && window_left_ < n)
    wait = std::max(wait, nanoseconds{window_end_ - now});
  return wait;
}

void token_bucket::pause(clock_time now, clock_time until) {
  refill(now);
  tokens_ = 0;
  last_ = std::max(last_, until);
}

void token_bucket::slow(clock_time now, double factor, clock_time until) {
  refill(now);
  slow_factor_ = std::clamp(factor, 0.05, 1.0);
  slow_until_ = until;
}

void token_bucket::observe_remaining(int sec_remaining, clock_time now) {
  refill(now);
  double left = std::max(0, sec_remaining);
  tokens_ = std::min(tokens_, left);
  window_left_ = left;
  window_end_ = now + window_;
}

// -- Remaining-Req ------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

} // namespace

std::optional<remaining_req> parse_remaining_req(std::string_view value) {
  remaining_req out;
  bool have_group = false;
  bool have_sec = false;
  while (!value.empty()) {
    auto semi = value.find(';');
    auto part = trim(value.substr(0, semi));
    value = semi == std::string_view::npos ? std::string_view{}
                                           : value.substr(semi + 1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos)
      continue;
    auto key = trim(part.substr(0, eq));
    auto val = trim(part.substr(eq + 1));
    if (key == "group" && !val.empty()) {
      out.group = std::string(val);
      have_group = true;
    } else if (key == "sec") {
      auto [p, ec] = std::from_chars(val.data(), val.data() + val.size(),
                                     out.sec);
      if (ec != std::errc{} || p != val.data() + val.size() || out.sec < 0)
        return std::nullopt;
      have_sec = true;
    }
  }
  if (!have_group || !have_sec)
    return std::nullopt;
  return out;
}

// -- rate_limiter -------------------------------------------------------------

void rate_limiter::add_group(const std::string& group, double capacity,
                             double refill_per_sec, clock_time now) {
  buckets_.insert_or_assign(group,
                            token_bucket{capacity, refill_per_sec, now});
}

bool rate_limiter::has_group(std::string_view group) const {
  return buckets_.find(group) != buckets_.end();
}

bool rate_limiter::try_take(std::string_view group, clock_time now,
                            double n) {
  auto i = buckets_.find(group);
  return i == buckets_.end() || i->second.try_take(now, n);
}

nanoseconds rate_limiter::wait_time(std::string_view group, clock_time now,
                                    double n) const {
  auto i = buckets_.find(group);
  return i == buckets_.end() ? nanoseconds{0} : i->second.wait_time(now, n);
}

bool rate_limiter::observe(std::string_view group, int remaining,
                           clock_time now) {
  auto i = buckets_.find(group);
  if (i == buckets_.end())
    return false;
  i->second.observe_remaining(remaining, now);
  return true;
}

bool rate_limiter::pause(std::string_view group, clock_time now,
                         clock_time until) {
  auto i = buckets_.find(group);
  if (i == buckets_.end())
    return false;
  i->second.pause(now, until);
  return true;
}

bool rate_limiter::slow(std::string_view group, clock_time now,
                        double factor, clock_time until) {
  auto i = buckets_.find(group);
  if (i == buckets_.end())
    return false;
  i->second.slow(now, factor, until);
  return true;
}

} // namespace karb::net
