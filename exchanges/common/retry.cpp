#include "exchanges/common/retry.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace karb::net {

bool retryable_status(int s) {
  return s == 429 || s == 500 || s == 502 || s == 503 || s == 504;
}

namespace {

bool retryable_error(error_kind k) {
  switch (k) {
    case error_kind::resolve:
    case error_kind::connect:
    case error_kind::timeout:
    case error_kind::closed:
    case error_kind::maybe_sent:
      return true;
    default:
      return false;
  }
}

} // namespace

retry_decision decide_retry(const retry_input& in, const backoff_policy& p,
                            double unit_random) {
  if (!in.idempotent)
    return {false, {}, "not idempotent"};
  if (in.error == error_kind::none) {
    if (in.http_status < 400 || !retryable_status(in.http_status))
      return {false, {}, "final status"};
  } else if (!retryable_error(in.error)) {
    return {false, {}, "permanent error"};
  }
  int limit = p.max_attempts > 0 ? std::min(p.max_attempts, max_read_attempts)
                                 : max_read_attempts;
  if (in.attempts >= limit)
    return {false, {}, "attempts exhausted"};
  auto delay = p.delay(in.attempts, unit_random);
  if (in.error == error_kind::none && in.http_status == 429)
    delay = std::max(delay, std::chrono::milliseconds{1000});
  return {true, delay, in.error == error_kind::none ? "retryable status"
                                                    : "transport error"};
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
    v.remove_suffix(1);
  if (v.empty() || v.size() > 18)
    return std::nullopt;
  int64_t secs = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), secs);
  if (ec != std::errc{} || p != v.data() + v.size() || secs < 0)
    return std::nullopt;
  return std::min(std::chrono::seconds{secs}, max_retry_after);
}

} // namespace karb::net
