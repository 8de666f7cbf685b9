#include "exchanges/common/json_text.hpp"

#include <vector>

#include "exchanges/common/iso_time.hpp"

namespace karb::json_text {

namespace {

// The standard DOM builder, except that float tokens become text nodes.
// json::sax_parse dispatches statically, so hiding number_float suffices.
class text_number_builder : public nlohmann::detail::json_sax_dom_parser<json> {
public:
  using base = nlohmann::detail::json_sax_dom_parser<json>;
  explicit text_number_builder(json& root) : base(root, false) {}

  bool number_float(double, const std::string& text) {
    json::binary_t bytes(std::vector<std::uint8_t>(text.begin(), text.end()),
                         number_text_subtype);
    return base::binary(bytes);
  }
};

} // namespace

result<json> parse(std::string_view text) {
  try {
    json root;
    text_number_builder builder{root};
    if (!json::sax_parse(text.begin(), text.end(), &builder))
      return malformed("invalid JSON");
    if (builder.is_errored())
      return malformed("invalid JSON");
    return root;
  } catch (const std::exception&) {
    return malformed("invalid JSON");
  }
}

bool is_number(const json& j) {
  return j.is_number_integer()
         || (j.is_binary() && j.get_binary().has_subtype()
             && j.get_binary().subtype() == number_text_subtype);
}

std::optional<std::string> number_text(const json& j) {
  if (j.is_number_unsigned())
    return std::to_string(j.get<std::uint64_t>());
  if (j.is_number_integer())
    return std::to_string(j.get<std::int64_t>());
  if (is_number(j)) {
    auto& b = j.get_binary();
    return std::string(b.begin(), b.end());
  }
  return std::nullopt;
}

reader::reader(const json& obj, std::string context)
  : obj_(obj), context_(std::move(context)) {
  if (!obj_.is_object())
    fail("expected an object");
}

void reader::fail(std::string reason) {
  if (!error_)
    error_ = malformed(context_.empty() ? std::move(reason)
                                        : context_ + ": " + reason);
}

const json* reader::find(std::string_view key) const {
  if (!obj_.is_object())
    return nullptr;
  auto i = obj_.find(key);
  return i == obj_.end() ? nullptr : &*i;
}

const json* reader::field(std::string_view key) {
  auto* j = find(key);
  if (j == nullptr)
    fail("missing field '" + std::string{key} + "'");
  return j;
}

decimal reader::to_decimal(std::string_view key, std::string_view text,
                           check c) {
  auto d = decimal::parse(text);
  if (!d) {
    fail("field '" + std::string{key} + "' is not a decimal");
    return {};
  }
  if (c == check::positive && !d->is_positive())
    fail("field '" + std::string{key} + "' must be positive");
  else if (c == check::non_negative && d->is_negative())
    fail("field '" + std::string{key} + "' must not be negative");
  return *d;
}

decimal reader::number(std::string_view key, check c) {
  auto* j = field(key);
  if (j == nullptr)
    return {};
  auto text = number_text(*j);
  if (!text) {
    fail("field '" + std::string{key} + "' is not a number");
    return {};
  }
  return to_decimal(key, *text, c);
}

decimal reader::amount(std::string_view key, check c) {
  auto* j = field(key);
  if (j == nullptr)
    return {};
  if (j->is_string())
    return to_decimal(key, j->get_ref<const std::string&>(), c);
  if (auto text = number_text(*j))
    return to_decimal(key, *text, c);
  fail("field '" + std::string{key} + "' is not an amount");
  return {};
}

decimal reader::opt_amount(std::string_view key, decimal fallback, check c) {
  auto* j = find(key);
  if (j == nullptr || j->is_null())
    return fallback;
  return amount(key, c);
}

int64_t reader::integer(std::string_view key) {
  auto* j = field(key);
  if (j == nullptr)
    return 0;
  if (j->is_number_unsigned()) {
    auto v = j->get<std::uint64_t>();
    if (v <= static_cast<std::uint64_t>(INT64_MAX))
      return static_cast<int64_t>(v);
  } else if (j->is_number_integer()) {
    return j->get<std::int64_t>();
  }
  fail("field '" + std::string{key} + "' is not an integer");
  return 0;
}

int64_t reader::ms_to_ns(int64_t ms, std::string_view what) {
  auto ns = karb::ms_to_ns(ms);
  if (!ns) {
    fail("field '" + std::string{what} + "' is out of range as a time");
    return 0;
  }
  return *ns;
}

int64_t reader::ms_timestamp(std::string_view key) {
  auto ms = integer(key);
  return ok() ? ms_to_ns(ms, key) : 0;
}

int64_t reader::opt_ms_timestamp(std::string_view key) {
  auto* j = find(key);
  if (j == nullptr || j->is_null())
    return 0;
  return ms_timestamp(key);
}

decimal reader::sum(decimal a, decimal b, std::string_view what) {
  auto x = decimal::add(a, b);
  if (!x) {
    fail(std::string{what} + " overflows");
    return {};
  }
  return *x;
}

decimal reader::difference(decimal a, decimal b, std::string_view what) {
  auto x = decimal::sub(a, b);
  if (!x) {
    fail(std::string{what} + " overflows");
    return {};
  }
  return *x;
}

std::string reader::str(std::string_view key) {
  auto* j = field(key);
  if (j == nullptr)
    return {};
  if (!j->is_string()) {
    fail("field '" + std::string{key} + "' is not a string");
    return {};
  }
  return j->get<std::string>();
}

std::string reader::opt_str(std::string_view key, std::string fallback) {
  auto* j = find(key);
  if (j == nullptr || j->is_null())
    return fallback;
  return str(key);
}

} // namespace karb::json_text
