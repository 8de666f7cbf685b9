#include "exchanges/korea/book_decoder.hpp"

#include <cstring>

#include "exchanges/korea/symbols.hpp"

namespace karb::korea {

namespace ond = simdjson::ondemand;

namespace {

venue_error bad(const char* why) {
  return malformed(std::string{"orderbook frame: "} + why);
}

// A decimal from a JSON number's raw text; false for non-numbers.
bool read_decimal(ond::value v, decimal& out) {
  ond::json_type t;
  if (v.type().get(t) || t != ond::json_type::number)
    return false;
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n'
                          || raw.back() == '\r' || raw.back() == '\t'))
    raw.remove_suffix(1);
  auto d = decimal::parse(raw);
  if (!d)
    return false;
  out = *d;
  return true;
}

enum unit_field : unsigned { ap = 1, bp = 2, as = 4, bs = 8, all = 15 };

unit_field unit_key(std::string_view k) {
  if (k == "ap" || k == "ask_price") return ap;
  if (k == "bp" || k == "bid_price") return bp;
  if (k == "as" || k == "ask_size") return as;
  if (k == "bs" || k == "bid_size") return bs;
  return static_cast<unit_field>(0);
}

} // namespace

book_decoder::book_decoder(exchange venue) : venue_(venue) {
  // nop
}

result<unit> book_decoder::decode(std::string_view text, int64_t ts_recv_ns,
                                  order_book& out) {
  size_t need = text.size() + simdjson::SIMDJSON_PADDING;
  if (buffer_.size() < need)
    buffer_.resize(need);
  std::memcpy(buffer_.data(), text.data(), text.size());
  std::memset(buffer_.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
  try {
    return decode_padded(text.size(), ts_recv_ns, out);
  } catch (const std::exception&) {
    return bad("exception while parsing");
  }
}

result<unit> book_decoder::decode_padded(size_t len, int64_t ts_recv_ns,
                                         order_book& out) {
  ond::document doc;
  if (parser_.iterate(buffer_.data(), len, buffer_.size()).get(doc))
    return bad("invalid JSON");
  ond::object obj;
  if (doc.get_object().get(obj))
    return bad("expected an object");
  out.bids.clear();
  out.asks.clear();
  out.sequence = 0;
  bool has_code = false;
  bool has_ts = false;
  bool has_units = false;
  for (auto field_result : obj) {
    ond::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key))
      return bad("invalid JSON");
    ond::value v = field.value();
    if (key == "type" || key == "ty") {
      std::string_view type;
      if (v.get_string().get(type) || type != "orderbook")
        return bad("not an orderbook");
    } else if (key == "code" || key == "cd") {
      std::string_view code;
      if (v.get_string().get(code) || !assign_instrument(venue_, code, out.symbol))
        return bad("bad code");
      has_code = true;
    } else if (key == "timestamp" || key == "tms") {
      int64_t ms;
      if (v.get_int64().get(ms) || ms < 0)
        return bad("bad timestamp");
      out.ts_event_ns = ms * 1'000'000;
      has_ts = true;
    } else if (key == "orderbook_units" || key == "obu") {
      ond::array units;
      if (v.get_array().get(units))
        return bad("units must be an array");
      for (auto unit_result : units) {
        ond::object unit_obj;
        if (unit_result.get_object().get(unit_obj))
          return bad("unit must be an object");
        price_level ask, bid;
        unsigned seen = 0;
        for (auto uf_result : unit_obj) {
          ond::field uf;
          std::string_view uk;
          if (std::move(uf_result).get(uf) || uf.unescaped_key().get(uk))
            return bad("invalid JSON");
          auto which = unit_key(uk);
          if (which == 0)
            continue;
          decimal* target = which == ap   ? &ask.price
                            : which == bp ? &bid.price
                            : which == as ? &ask.volume
                                          : &bid.volume;
          if (!read_decimal(uf.value(), *target))
            return bad("unit field is not a number");
          seen |= which;
        }
        if (seen != all)
          return bad("unit misses a field");
        if (!ask.price.is_positive() || !bid.price.is_positive())
          return bad("price must be positive");
        if (ask.volume.is_negative() || bid.volume.is_negative())
          return bad("size must not be negative");
        out.asks.push_back(ask);
        out.bids.push_back(bid);
      }
      has_units = true;
    }
  }
  if (!has_code || !has_ts || !has_units)
    return bad("missing code, timestamp or units");
  if (out.asks.empty())
    return bad("empty book");
  out.ts_recv_ns = ts_recv_ns;
  return unit{};
}

} // namespace karb::korea
