#include "tools/karb-sim/faults.hpp"

namespace karb::sim {

namespace {

int int_field(const nlohmann::json& j, const char* k, int fallback) {
  if (j.contains(k) && j[k].is_number_integer())
    return j[k].get<int>();
  return fallback;
}

} // namespace

std::optional<std::string> apply_fault(fault_state& f,
                                       const nlohmann::json& spec,
                                       time_ms now) {
  if (!spec.is_object() || !spec.contains("fault") || !spec["fault"].is_string())
    return "a fault spec needs a string field \"fault\"";
  auto kind = spec["fault"].get<std::string>();
  int count = int_field(spec, "count", 1);
  int ms = int_field(spec, "ms", 0);
  if (count < 0 || ms < 0)
    return "count and ms must not be negative";
  if (kind == "clear") {
    f = fault_state{};
  } else if (kind == "http_500") {
    f.http_500 = count;
  } else if (kind == "http_429") {
    f.http_429 = count;
  } else if (kind == "slow") {
    f.slow_ms = ms > 0 ? ms : 1000;
    f.slow_count = spec.contains("count") ? count : -1;
  } else if (kind == "reject_order") {
    f.reject_orders = count;
    f.reject_name = spec.value("name", std::string{});
  } else if (kind == "partial_fill") {
    f.partial_fills = count;
    if (spec.contains("ratio")) {
      auto text = spec["ratio"].is_string() ? spec["ratio"].get<std::string>()
                                            : spec["ratio"].dump();
      auto r = decimal::parse(text);
      if (!r || r->is_negative() || *r > decimal::from_int(1))
        return "ratio must be a decimal in [0, 1]";
      f.partial_ratio = *r;
    }
  } else if (kind == "drop_order_reply") {
    f.drop_order_replies = count;
  } else if (kind == "drop_ws") {
    f.drop_ws = 1;
  } else if (kind == "cut_ws") {
    f.drop_ws = 1;
    f.refuse_ws = true;
  } else if (kind == "stall_feed") {
    f.stall_forever = ms == 0;
    f.stall_until = ms == 0 ? 0 : now + ms;
  } else if (kind == "stale_book") {
    f.stale_books = count;
  } else if (kind == "crossed_book") {
    f.crossed_books = count;
  } else if (kind == "malformed_frame") {
    f.malformed_frames = count;
  } else if (kind == "shift_mid") {
    f.shift_mid_bp = int_field(spec, "bp", 0);
  } else {
    return "unknown fault \"" + kind + "\"";
  }
  return std::nullopt;
}

std::optional<nlohmann::json> parse_fault_flag(std::string_view flag) {
  auto colon = flag.find(':');
  if (colon == std::string_view::npos)
    return std::nullopt;
  nlohmann::json spec;
  spec["venue"] = std::string{flag.substr(0, colon)};
  auto rest = flag.substr(colon + 1);
  auto eq = rest.find('=');
  auto kind = std::string{rest.substr(0, eq)};
  spec["fault"] = kind;
  if (eq != std::string_view::npos) {
    auto value = std::string{rest.substr(eq + 1)};
    if (kind == "partial_fill") {
      spec["ratio"] = value;
    } else if (kind == "reject_order") {
      spec["name"] = value;
    } else {
      int n = 0;
      try {
        n = std::stoi(value);
      } catch (...) {
        return std::nullopt;
      }
      if (kind == "shift_mid")
        spec["bp"] = n;
      else if (kind == "slow" || kind == "stall_feed")
        spec["ms"] = n;
      else
        spec["count"] = n;
    }
  }
  return spec;
}

nlohmann::json to_json(const fault_state& f, time_ms now) {
  return {
    {"http_500", f.http_500},
    {"http_429", f.http_429},
    {"slow_ms", f.slow_ms},
    {"slow_count", f.slow_count},
    {"reject_orders", f.reject_orders},
    {"partial_fills", f.partial_fills},
    {"partial_ratio", f.partial_ratio.to_string()},
    {"drop_order_replies", f.drop_order_replies},
    {"drop_ws_pending", f.drop_ws > 0},
    {"feed_stalled", f.stalled(now)},
    {"ws_refused", f.refuse_ws},
    {"stale_books", f.stale_books},
    {"crossed_books", f.crossed_books},
    {"malformed_frames", f.malformed_frames},
    {"shift_mid_bp", f.shift_mid_bp},
  };
}

} // namespace karb::sim
