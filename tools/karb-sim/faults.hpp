#pragma once

// Faults one venue can be told to show, set by `--fault` or the admin
// endpoint. Counters are "next N occurrences"; a count of 0 where allowed
// means "until cleared".

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/bad_frames.hpp"
#include "tools/karb-sim/chaos.hpp"
#include "tools/karb-sim/fault_scope.hpp"
#include "tools/karb-sim/types.hpp"

namespace karb::sim {

struct fault_state {
  int http_500 = 0;            ///< next N requests -> 500
  int http_429 = 0;            ///< next N requests -> 429
  int http_429_retry_after = 0; ///< their Retry-After in s (0: no header)
  int slow_ms = 0;             ///< delay of each slowed reply
  int slow_count = 0;          ///< next N replies slowed (-1: all)
  int reject_orders = 0;       ///< next N orders refused
  std::string reject_name;     ///< error name for refused orders
  int partial_fills = 0;       ///< next N orders partially filled
  decimal partial_ratio = decimal::from_raw(50'000'000);
  int drop_order_replies = 0;  ///< next N accepted orders: no reply
  int drop_ws = 0;             ///< pending "close every WS connection"
  time_ms stall_until = 0;     ///< no feed frames before this time
  bool stall_forever = false;
  bool refuse_ws = false;      ///< WebSocket upgrades refused (503)
  int stale_books = 0;         ///< next N books re-sent with an old timestamp
  int crossed_books = 0;       ///< next N books with bid >= ask
  int malformed_frames = 0;    ///< next N feed frames broken JSON
  int shift_mid_bp = 0;        ///< venue mid offset (also in price_model)

  // Replies that are not the venue's own answer to a request it processed
  // (or, with gateway_before, never saw).
  scoped_count gateway;        ///< next N in scope -> proxy error page
  int gateway_status = 502;    ///< 502, 503 or 504
  bool gateway_before = false; ///< not processed (else processed, then)
  scoped_count truncate;       ///< next N in scope: body cut in half
  scoped_count reset;          ///< next N in scope: TCP reset, no reply
  time_ms ban_until = 0;       ///< every request 418 before this time
  int cancel_fails = 0;        ///< next N cancels -> 500, not processed
  int slow_lookup_ms = 0;      ///< delay of each slowed order lookup
  int slow_lookup_count = 0;   ///< next N lookups slowed (-1: all)
  chaos_state chaos;
  bad_frames_state bad_frames; ///< WebSocket data frames mangled

  bool stalled(time_ms now) const {
    return stall_forever || now < stall_until;
  }
  bool banned(time_ms now) const { return now < ban_until; }
};

/// Applies one fault spec, e.g. {"fault":"http_500","count":3},
/// {"fault":"slow","ms":800,"count":2}, {"fault":"stall_feed","ms":5000},
/// {"fault":"cut_ws"} (drop_ws, then refuse upgrades until cleared),
/// {"fault":"shift_mid","bp":40}, {"fault":"partial_fill","ratio":"0.3"},
/// {"fault":"gateway_error","status":503,"scope":"order","when":"before"},
/// {"fault":"truncate_reply"}, {"fault":"reset_after_accept"},
/// {"fault":"ban","seconds":10}, {"fault":"cancel_fail","count":2},
/// {"fault":"slow_lookup","ms":800}, {"fault":"chaos","share":0.2,
/// "seed":7,"scope":"order"} (without "seed": 0; the simulator passes its
/// own), {"fault":"bad_frames","share":0.2,"seed":7,"private":false},
/// {"fault":"clear"}. Returns an error text when the spec is invalid.
/// `inject_order` is not a state: the simulator handles it.
std::optional<std::string> apply_fault(fault_state& f,
                                       const nlohmann::json& spec,
                                       time_ms now);

/// Parses the `--fault` flag form "venue:kind[=value]" (venue may be "all")
/// into a JSON spec with "venue". A value with '=' in it is a list of
/// fields, "k=v,k=v" (integers become numbers, the rest strings), e.g.
/// "upbit:gateway_error=status=503,when=before".
std::optional<nlohmann::json> parse_fault_flag(std::string_view flag);

/// The state as JSON (GET /state).
nlohmann::json to_json(const fault_state& f, time_ms now);

} // namespace karb::sim
