#pragma once

// A tiny streaming JSON writer that prints decimals as exact JSON numbers
// (quotation endpoints and WebSocket frames carry numbers, never doubles).

#include <cstdint>
#include <string>
#include <string_view>

#include "messages/decimal.hpp"

namespace karb::sim {

class json_writer {
public:
  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  /// Writes `"k":`; the next call writes the value.
  json_writer& key(std::string_view k);
  json_writer& str(std::string_view v);
  /// The decimal's exact text as a JSON number ("103460000", "0.004").
  json_writer& num(decimal v);
  json_writer& i64(int64_t v);
  json_writer& boolean(bool v);
  json_writer& null();

  json_writer& kv(std::string_view k, std::string_view v) { return key(k).str(v); }
  json_writer& kv(std::string_view k, const char* v) { return key(k).str(v); }
  json_writer& kv(std::string_view k, decimal v) { return key(k).num(v); }
  json_writer& kv_i(std::string_view k, int64_t v) { return key(k).i64(v); }
  json_writer& kv_b(std::string_view k, bool v) { return key(k).boolean(v); }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

private:
  void sep();
  std::string out_;
  bool need_comma_ = false;
};

/// Appends `s` as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view s);

} // namespace karb::sim
