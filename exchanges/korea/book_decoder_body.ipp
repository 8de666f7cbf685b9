// The decoding loop of korea::book_decoder, compiled once per simdjson
// target (see book_decoder_haswell.cpp / book_decoder_fallback.cpp). The
// includer defines KARB_BOOK_BACKEND_NS and KARB_BOOK_BACKEND_NAME and has
// included <simdjson.h> for its target. No include guard on purpose.

#include <string>
#include <string_view>

#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/simdjson_find.hpp"
#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/symbols.hpp"

namespace karb::korea::detail::KARB_BOOK_BACKEND_NS {

namespace ond = simdjson::ondemand;

inline venue_error bad(const char* why) {
  return malformed(std::string{"orderbook frame: "} + why);
}

/// Exact decimal of a plain number text ("103493000.0", "0.04910155");
/// anything else (exponents, > 8 decimals, signs, huge values) goes to
/// decimal::parse. Both are exact; this one is just faster.
inline bool text_to_decimal(std::string_view s, decimal& out) {
  static constexpr int64_t pow10[] = {1,         10,         100,
                                      1000,      10000,      100000,
                                      1000000,   10000000,   100000000};
  size_t i = 0;
  size_t n = s.size();
  int64_t v = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9' && i < 10)
    v = v * 10 + (s[i++] - '0');
  bool fast = i > 0 && (i == n || s[i] == '.');
  int frac = 0;
  if (fast && i < n) {
    ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9' && frac < 8) {
      v = v * 10 + (s[i++] - '0');
      ++frac;
    }
    fast = frac > 0 && i == n;
  }
  if (fast) {
    out = decimal::from_raw(v * pow10[8 - frac]);
    return true;
  }
  auto d = decimal::parse(s);
  if (!d)
    return false;
  out = *d;
  return true;
}

/// A decimal from a JSON number's raw text; false for non-numbers.
inline bool read_decimal(ond::value v, decimal& out) {
  ond::json_type t;
  if (v.type().get(t) || t != ond::json_type::number)
    return false;
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n'
                          || raw.back() == '\r' || raw.back() == '\t'))
    raw.remove_suffix(1);
  return text_to_decimal(raw, out);
}

/// The key names of one wire format (views: no strlen per lookup).
struct keys {
  std::string_view type;
  std::string_view code;
  std::string_view timestamp;
  std::string_view units;
  std::string_view ask_price;
  std::string_view bid_price;
  std::string_view ask_size;
  std::string_view bid_size;
};
inline constexpr keys full_keys{"type", "code", "timestamp", "orderbook_units",
                                "ask_price", "bid_price", "ask_size",
                                "bid_size"};
inline constexpr keys simple_keys{"ty", "cd", "tms", "obu", "ap", "bp", "as",
                                  "bs"};

// Fields are looked up with find_any_order (one forward pass when the
// venue keeps its documented order, still correct otherwise) rather than by
// iterating `field`s: ondemand::field is a std::pair, whose constructor is
// compiled for the baseline target and cannot inline simdjson's AVX2 code.
inline bool read_field(ond::object& obj, std::string_view key,
                       decimal& out) {
  ond::value v;
  return !find_any_order(obj, key, v) && read_decimal(v, out);
}

inline result<unit> read_units(ond::value v, const keys& k, order_book& out) {
  ond::array units;
  if (v.get_array().get(units))
    return bad("units must be an array");
  for (auto unit_result : units) {
    ond::object unit_obj;
    if (unit_result.get_object().get(unit_obj))
      return bad("unit must be an object");
    price_level ask, bid;
    if (!read_field(unit_obj, k.ask_price, ask.price)
        || !read_field(unit_obj, k.bid_price, bid.price)
        || !read_field(unit_obj, k.ask_size, ask.volume)
        || !read_field(unit_obj, k.bid_size, bid.volume))
      return bad("unit field missing or not a number");
    if (!ask.price.is_positive() || !bid.price.is_positive())
      return bad("price must be positive");
    if (ask.volume.is_negative() || bid.volume.is_negative())
      return bad("size must not be negative");
    out.asks.push_back(ask);
    out.bids.push_back(bid);
  }
  return unit{};
}

class backend final : public book_backend {
public:
  // Declared here so they are compiled for this file's target.
  backend() : parser_() {
    // nop
  }
  ~backend() override {
    // nop
  }

  result<unit> decode(const char* data, size_t len, size_t capacity,
                      exchange venue, order_book& out) override {
    try {
      return decode_checked(data, len, capacity, venue, out);
    } catch (const std::exception&) {
      return bad("exception while parsing");
    }
  }

  const char* name() const override { return KARB_BOOK_BACKEND_NAME; }

private:
  result<unit> decode_checked(const char* data, size_t len, size_t capacity,
                              exchange venue, order_book& out) {
    ond::document doc;
    if (parser_.iterate(data, len, capacity).get(doc))
      return bad("invalid JSON");
    ond::object obj;
    if (doc.get_object().get(obj))
      return bad("expected an object");
    out.bids.clear();
    out.asks.clear();
    out.sequence = 0;
    // DEFAULT frames start with "type"; SIMPLE ones carry "ty".
    // Only a missing key means "try the SIMPLE one": after any other error
    // simdjson has abandoned the document, which must not be read again.
    const keys* k = &full_keys;
    ond::value v;
    auto err = find_any_order(obj, full_keys.type, v);
    if (err == simdjson::NO_SUCH_FIELD) {
      k = &simple_keys;
      err = find_any_order(obj, simple_keys.type, v);
    }
    if (err)
      return bad("missing type");
    std::string_view text;
    if (v.get_string().get(text) || text != "orderbook")
      return bad("not an orderbook");
    if (find_any_order(obj, k->code, v) || v.get_string().get(text)
        || !assign_instrument(venue, text, out.symbol))
      return bad("missing or bad code");
    int64_t ms = 0;
    if (find_any_order(obj, k->timestamp, v) || v.get_int64().get(ms)
        || ms < 0)
      return bad("missing or bad timestamp");
    auto ns = ms_to_ns(ms);
    if (!ns)
      return bad("timestamp out of range");
    out.ts_event_ns = *ns;
    if (find_any_order(obj, k->units, v))
      return bad("missing units");
    if (auto r = read_units(v, *k, out); !r)
      return r;
    if (out.asks.empty())
      return bad("empty book");
    return unit{};
  }

  ond::parser parser_;
};

} // namespace karb::korea::detail::KARB_BOOK_BACKEND_NS
