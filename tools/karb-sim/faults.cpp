#include "tools/karb-sim/faults.hpp"

#include <cmath>
#include <cstdlib>

namespace karb::sim {

namespace {

int int_field(const nlohmann::json& j, const char* k, int fallback) {
  if (j.contains(k) && j[k].is_number_integer())
    return j[k].get<int>();
  return fallback;
}

/// `k` when it is an integer, `fallback` when absent, else nullopt.
std::optional<int> strict_int(const nlohmann::json& j, const char* k,
                              int fallback) {
  if (!j.contains(k))
    return fallback;
  if (!j[k].is_number_integer())
    return std::nullopt;
  return j[k].get<int>();
}

/// `k` when it is a string, `fallback` when absent, else nullopt.
std::optional<std::string> strict_string(const nlohmann::json& j,
                                         const char* k, std::string fallback) {
  if (!j.contains(k))
    return fallback;
  if (!j[k].is_string())
    return std::nullopt;
  return j[k].get<std::string>();
}

std::optional<fault_scope> scope_field(const nlohmann::json& j,
                                       fault_scope fallback) {
  auto name = strict_string(j, "scope", std::string{to_string(fallback)});
  return name ? parse_scope(*name) : std::nullopt;
}

const char* const bad_scope =
  "scope must be place, cancel, lookup, order or any";

/// A share in [0, 1] as a JSON number or a decimal string.
std::optional<double> share_field(const nlohmann::json& j, double fallback) {
  if (!j.contains("share"))
    return fallback;
  double v = -1;
  if (j["share"].is_number()) {
    v = j["share"].get<double>();
  } else if (j["share"].is_string()) {
    auto text = j["share"].get<std::string>();
    char* end = nullptr;
    v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0')
      return std::nullopt;
  }
  if (!(v >= 0.0 && v <= 1.0))
    return std::nullopt;
  return v;
}

/// "seed" when a non-negative integer, 0 when absent, else nullopt.
std::optional<uint64_t> seed_field(const nlohmann::json& j) {
  if (!j.contains("seed"))
    return uint64_t{0};
  auto& s = j["seed"];
  if (s.is_number_unsigned())
    return s.get<uint64_t>();
  if (s.is_number_integer() && s.get<int64_t>() >= 0)
    return static_cast<uint64_t>(s.get<int64_t>());
  return std::nullopt;
}

const char* const bad_seed = "seed must be a non-negative integer";

/// The faults that replace or withhold a reply; nullopt (not handled) for
/// other kinds, else the error text or "" when applied.
std::optional<std::string> apply_reply_fault(fault_state& f,
                                             const std::string& kind,
                                             const nlohmann::json& spec,
                                             int count, time_ms now) {
  if (kind == "gateway_error") {
    auto status = strict_int(spec, "status", 502);
    if (!status || (*status != 502 && *status != 503 && *status != 504))
      return "status must be 502, 503 or 504";
    auto scope = scope_field(spec, fault_scope::place);
    if (!scope)
      return bad_scope;
    auto when = strict_string(spec, "when", "after");
    if (!when || (*when != "after" && *when != "before"))
      return "when must be after or before";
    f.gateway = {count, *scope};
    f.gateway_status = *status;
    f.gateway_before = *when == "before";
  } else if (kind == "truncate_reply" || kind == "reset_after_accept") {
    auto scope = scope_field(spec, fault_scope::place);
    if (!scope)
      return bad_scope;
    (kind == "truncate_reply" ? f.truncate : f.reset) = {count, *scope};
  } else if (kind == "ban") {
    auto seconds = strict_int(spec, "seconds", 10);
    if (!seconds || *seconds < 0)
      return "seconds must be a non-negative integer";
    f.ban_until = now + static_cast<time_ms>(*seconds) * 1000;
  } else if (kind == "cancel_fail") {
    f.cancel_fails = count;
  } else if (kind == "slow_lookup") {
    int ms = int_field(spec, "ms", 0);
    f.slow_lookup_ms = ms > 0 ? ms : 1000;
    f.slow_lookup_count = spec.contains("count") ? count : -1;
  } else if (kind == "chaos") {
    auto share = share_field(spec, 0.2);
    if (!share)
      return "share must be a number in [0, 1]";
    auto scope = scope_field(spec, fault_scope::order);
    if (!scope)
      return bad_scope;
    auto seed = seed_field(spec);
    if (!seed)
      return bad_seed;
    f.chaos.start(*share, *seed, *scope);
  } else if (kind == "bad_frames") {
    auto share = share_field(spec, 0.2);
    if (!share)
      return "share must be a number in [0, 1]";
    auto seed = seed_field(spec);
    if (!seed)
      return bad_seed;
    bool priv = false;
    if (spec.contains("private")) {
      if (!spec["private"].is_boolean())
        return "private must be true or false";
      priv = spec["private"].get<bool>();
    }
    f.bad_frames.start(*share, *seed, priv);
  } else {
    return std::nullopt;
  }
  return std::string{};
}

} // namespace

std::optional<std::string> apply_fault(fault_state& f,
                                       const nlohmann::json& spec,
                                       time_ms now) {
  if (!spec.is_object() || !spec.contains("fault") || !spec["fault"].is_string())
    return "a fault spec needs a string field \"fault\"";
  auto kind = spec["fault"].get<std::string>();
  auto count_field = strict_int(spec, "count", 1);
  auto ms_field = strict_int(spec, "ms", 0);
  if (!count_field || !ms_field)
    return "count and ms must be integers";
  int count = *count_field;
  int ms = *ms_field;
  if (count < 0 || ms < 0)
    return "count and ms must not be negative";
  if (auto e = apply_reply_fault(f, kind, spec, count, now))
    return e->empty() ? std::nullopt : std::optional<std::string>{*e};
  if (kind == "clear") {
    f = fault_state{};
  } else if (kind == "http_500") {
    f.http_500 = count;
  } else if (kind == "http_429") {
    auto retry = strict_int(spec, "retry_after", 0);
    if (!retry || *retry < 0)
      return "retry_after must be a non-negative integer (seconds)";
    f.http_429 = count;
    f.http_429_retry_after = *retry;
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

namespace {

/// "k=v,k=v" into fields; integers become numbers. False on a bad pair.
bool parse_field_list(std::string_view text, nlohmann::json& spec) {
  while (!text.empty()) {
    auto comma = text.find(',');
    auto pair = text.substr(0, comma);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0)
      return false;
    auto key = std::string{pair.substr(0, eq)};
    auto value = std::string{pair.substr(eq + 1)};
    char* end = nullptr;
    long long n = std::strtoll(value.c_str(), &end, 10);
    bool integer = !value.empty() && *end == '\0'
                   && value.find_first_of(" +") == std::string::npos;
    if (integer)
      spec[key] = n;
    else
      spec[key] = value;
    if (comma == std::string_view::npos)
      break;
    text.remove_prefix(comma + 1);
  }
  return true;
}

} // namespace

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
    if (value.find('=') != std::string::npos) {
      if (!parse_field_list(value, spec))
        return std::nullopt;
    } else if (kind == "partial_fill") {
      spec["ratio"] = value;
    } else if (kind == "reject_order") {
      spec["name"] = value;
    } else if (kind == "chaos" || kind == "bad_frames") {
      spec["share"] = value;
    } else {
      int n = 0;
      try {
        n = std::stoi(value);
      } catch (...) {
        return std::nullopt;
      }
      if (kind == "shift_mid")
        spec["bp"] = n;
      else if (kind == "slow" || kind == "stall_feed" || kind == "slow_lookup")
        spec["ms"] = n;
      else if (kind == "ban")
        spec["seconds"] = n;
      else
        spec["count"] = n;
    }
  }
  return spec;
}

namespace {

nlohmann::json scoped_json(const scoped_count& s) {
  return {{"count", s.count}, {"scope", std::string{to_string(s.scope)}}};
}

} // namespace

nlohmann::json to_json(const fault_state& f, time_ms now) {
  auto gateway = scoped_json(f.gateway);
  gateway["status"] = f.gateway_status;
  gateway["when"] = f.gateway_before ? "before" : "after";
  nlohmann::json chaos = nullptr;
  if (f.chaos.on)
    chaos = {{"share", f.chaos.share},
             {"seed", f.chaos.seed},
             {"scope", std::string{to_string(f.chaos.scope)}}};
  nlohmann::json injected = nlohmann::json::object();
  for (auto& [kind, n] : f.chaos.injected)
    injected[kind] = n;
  nlohmann::json bad = nullptr;
  if (f.bad_frames.on)
    bad = {{"share", f.bad_frames.share},
           {"seed", f.bad_frames.seed},
           {"private", f.bad_frames.include_private}};
  nlohmann::json bad_injected = nlohmann::json::object();
  for (auto& [kind, n] : f.bad_frames.injected)
    bad_injected[kind] = n;
  return {
    {"http_500", f.http_500},
    {"http_429", f.http_429},
    {"http_429_retry_after", f.http_429_retry_after},
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
    {"gateway_errors", std::move(gateway)},
    {"truncated_replies", scoped_json(f.truncate)},
    {"resets_after_accept", scoped_json(f.reset)},
    {"ban_ms_left", f.banned(now) ? f.ban_until - now : 0},
    {"cancel_fails", f.cancel_fails},
    {"slow_lookup_ms", f.slow_lookup_ms},
    {"slow_lookup_count", f.slow_lookup_count},
    {"chaos", std::move(chaos)},
    {"chaos_injected", std::move(injected)},
    {"bad_frames", std::move(bad)},
    {"bad_frames_injected", std::move(bad_injected)},
  };
}

} // namespace karb::sim
