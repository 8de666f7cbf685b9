#include "exchanges/okx/fields.hpp"

#include <charconv>

namespace karb::okx {

using json_text::json;
using json_text::reader;

namespace {

bool read_int(std::string_view text, int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(),
                                   out);
  return ec == std::errc{} && end == text.data() + text.size();
}

} // namespace

bool has_value(const reader& r, std::string_view key) {
  auto* j = r.find(key);
  return j != nullptr && !j->is_null()
         && !(j->is_string() && j->get_ref<const std::string&>().empty());
}

decimal opt_decimal(reader& r, std::string_view key, decimal fallback,
                    json_text::check c) {
  return has_value(r, key) ? r.amount(key, c) : fallback;
}

int64_t opt_ms_as_ns(reader& r, std::string_view key) {
  if (!has_value(r, key))
    return 0;
  return ms_as_ns(r, key);
}

int64_t ms_as_ns(reader& r, std::string_view key) {
  auto* j = r.field(key);
  if (j == nullptr)
    return 0;
  int64_t ms = 0;
  if (j->is_string() && read_int(j->get_ref<const std::string&>(), ms))
    return r.ms_to_ns(ms, key);
  if (j->is_number_integer())
    return r.ms_timestamp(key);
  r.fail("field '" + std::string{key} + "' is not a time in ms");
  return 0;
}

result<json> data_of(std::string_view body, std::string_view what) {
  auto doc = json_text::parse(body);
  if (!doc)
    return doc.error();
  std::string context{what};
  if (!doc->is_object())
    return malformed(context + ": expected an object");
  auto data = doc->find("data");
  if (data == doc->end() || !data->is_array())
    return malformed(context + ": data must be an array");
  return std::move(*data);
}

} // namespace karb::okx
