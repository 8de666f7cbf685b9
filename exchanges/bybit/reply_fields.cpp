#include "exchanges/bybit/reply_fields.hpp"

#include <charconv>
#include <string>

#include "exchanges/common/iso_time.hpp"

namespace karb::bybit {

using json_text::json;

namespace {

bool is_blank(const json* j) {
  return j == nullptr || j->is_null()
         || (j->is_string() && j->get_ref<const std::string&>().empty());
}

} // namespace

result<reply_body> read_reply(std::string_view body, std::string_view what) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_object())
    return malformed(std::string{what} + ": expected an object");
  reply_body out;
  out.doc = std::move(*doc);
  auto res = out.doc.find("result");
  if (res == out.doc.end() || !res->is_object())
    return malformed(std::string{what} + ": no result object");
  out.result = &*res;
  if (auto t = out.doc.find("time"); t != out.doc.end()
                                     && t->is_number_integer())
    out.time_ms = t->get<int64_t>();
  auto ns = ms_to_ns(out.time_ms);
  if (!ns)
    return malformed(std::string{what} + ": time out of range");
  out.time_ns = *ns;
  return out;
}

result<const json*> list_of(const reply_body& r, std::string_view what) {
  auto list = r.result->find("list");
  if (list == r.result->end() || !list->is_array())
    return malformed(std::string{what} + ": result.list must be an array");
  return &*list;
}

int64_t time_field(json_text::reader& r, std::string_view key) {
  auto* j = r.field(key);
  if (j == nullptr)
    return 0;
  if (j->is_number_integer())
    return r.ms_timestamp(key);
  if (j->is_string()) {
    auto& text = j->get_ref<const std::string&>();
    int64_t ms = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(),
                                     ms);
    if (ec == std::errc{} && end == text.data() + text.size() && ms >= 0)
      return r.ms_to_ns(ms, key);
  }
  r.fail("field '" + std::string{key} + "' is not a ms timestamp");
  return 0;
}

int64_t opt_time_field(json_text::reader& r, std::string_view key) {
  return is_blank(r.find(key)) ? 0 : time_field(r, key);
}

decimal blank_zero(json_text::reader& r, std::string_view key,
                   json_text::check c) {
  auto* j = r.field(key);
  if (j == nullptr || is_blank(j))
    return {};
  return r.amount(key, c);
}

decimal opt_blank_zero(json_text::reader& r, std::string_view key,
                       json_text::check c) {
  return is_blank(r.find(key)) ? decimal{} : r.amount(key, c);
}

} // namespace karb::bybit
