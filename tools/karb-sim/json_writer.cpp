#include "tools/karb-sim/json_writer.hpp"

#include <cstdio>

namespace karb::sim {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void json_writer::sep() {
  if (need_comma_)
    out_ += ',';
  need_comma_ = false;
}

json_writer& json_writer::begin_object() {
  sep();
  out_ += '{';
  return *this;
}

json_writer& json_writer::end_object() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

json_writer& json_writer::begin_array() {
  sep();
  out_ += '[';
  return *this;
}

json_writer& json_writer::end_array() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  sep();
  append_json_string(out_, k);
  out_ += ':';
  return *this;
}

json_writer& json_writer::str(std::string_view v) {
  sep();
  append_json_string(out_, v);
  need_comma_ = true;
  return *this;
}

json_writer& json_writer::num(decimal v) {
  sep();
  out_ += v.to_string();
  need_comma_ = true;
  return *this;
}

json_writer& json_writer::i64(int64_t v) {
  sep();
  out_ += std::to_string(v);
  need_comma_ = true;
  return *this;
}

json_writer& json_writer::boolean(bool v) {
  sep();
  out_ += v ? "true" : "false";
  need_comma_ = true;
  return *this;
}

json_writer& json_writer::null() {
  sep();
  out_ += "null";
  need_comma_ = true;
  return *this;
}

} // namespace karb::sim
