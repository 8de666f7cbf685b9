#pragma once

// nlohmann::json parsing that never loses a number's digits, plus a field
// reader that turns JSON fields into exact decimals with typed errors.
//
// Float tokens are stored as their source text (a binary node with subtype
// `number_text_subtype`) instead of a double, integers stay exact 64-bit
// values; `number_text` gives both back as text for decimal::parse. REST
// replies are not the hot path, so the reader favours clarity.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/decimal.hpp"

namespace karb::json_text {

using json = nlohmann::json;

/// Binary subtype marking a float token kept as text ('N').
inline constexpr std::uint8_t number_text_subtype = 0x4e;

/// Parses `text`; never throws. Floats keep their source text.
result<json> parse(std::string_view text);

/// A body holding one JSON value, given to `read` (which returns a
/// result<T>).
template <class Read>
auto parse_one(std::string_view body, Read read) -> decltype(read(json{})) {
  auto doc = parse(body);
  if (!doc)
    return doc.error();
  return read(*doc);
}

/// A body holding a JSON array, each element given to `read` (which
/// returns a result<T>); an element that fails is skipped and its reason
/// kept. A body that is not an array fails (`what` names the list).
template <class T, class Read>
result<item_list<T>> parse_each(std::string_view body, Read read,
                                std::string_view what) {
  auto doc = parse(body);
  if (!doc)
    return doc.error();
  if (!doc->is_array())
    return malformed(std::string{what} + ": expected an array");
  item_list<T> out;
  out.items.reserve(doc->size());
  for (auto& item : *doc) {
    auto x = read(item);
    if (x)
      out.items.push_back(std::move(*x));
    else
      out.reject(x.error());
  }
  return out;
}

/// The exact text of a number node (integer or float); nullopt otherwise.
std::optional<std::string> number_text(const json& j);

/// True for any node `number_text` accepts.
bool is_number(const json& j);

/// What a decimal field must satisfy.
enum class check : std::uint8_t { any, non_negative, positive };

/// Reads fields of one JSON object, remembering the first error. Every
/// getter returns a neutral value after an error; test `ok()` at the end.
class reader {
public:
  explicit reader(const json& obj, std::string context = {});

  /// A decimal from a JSON number (quotation data).
  decimal number(std::string_view key, check c = check::any);
  /// A decimal from a JSON string or number (order amounts).
  decimal amount(std::string_view key, check c = check::any);
  /// Like amount, but `fallback` when the field is absent or null.
  decimal opt_amount(std::string_view key, decimal fallback = {},
                     check c = check::any);
  /// An integer JSON number.
  int64_t integer(std::string_view key);
  /// An integer count of ms since the epoch, as ns; fails when the ns
  /// leave the 64-bit range (after about 2262).
  int64_t ms_timestamp(std::string_view key);
  /// Like ms_timestamp, but 0 when the field is absent or null.
  int64_t opt_ms_timestamp(std::string_view key);
  /// `ms` (already read, from field `what`) as ns, checked likewise.
  int64_t ms_to_ns(int64_t ms, std::string_view what);
  /// a + b and a - b of venue amounts; fail ("`what` overflows") when the
  /// result leaves the decimal range, returning 0.
  decimal sum(decimal a, decimal b, std::string_view what);
  decimal difference(decimal a, decimal b, std::string_view what);
  /// A JSON string.
  std::string str(std::string_view key);
  /// A JSON string, or `fallback` when absent or null.
  std::string opt_str(std::string_view key, std::string fallback = {});
  /// The field node, or nullptr (and an error) when absent.
  const json* field(std::string_view key);
  /// The field node or nullptr, without recording an error.
  const json* find(std::string_view key) const;

  bool ok() const { return !error_; }
  /// Records an error unless one is already recorded.
  void fail(std::string reason);
  const venue_error& error() const { return *error_; }

private:
  decimal to_decimal(std::string_view key, std::string_view text, check c);

  const json& obj_;
  std::string context_;
  std::optional<venue_error> error_;
};

} // namespace karb::json_text
