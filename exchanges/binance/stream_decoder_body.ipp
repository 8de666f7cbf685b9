// The decoding loop of binance::stream_decoder, compiled once per simdjson
// target (stream_decoder_haswell.cpp / stream_decoder_fallback.cpp). The
// includer defines KARB_STREAM_BACKEND_NS and KARB_STREAM_BACKEND_NAME and
// has included <simdjson.h> for its target. No include guard on purpose.

#include <cstring>
#include <string_view>

#include "exchanges/binance/decimal_text.hpp"
#include "exchanges/binance/market_parse.hpp"
#include "exchanges/binance/stream_decoder.hpp"
#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/simdjson_find.hpp"

namespace karb::binance::detail::KARB_STREAM_BACKEND_NS {

namespace ond = simdjson::ondemand;

/// Whether the frame's first key is "stream" (a combined-stream wrapper).
inline bool is_wrapped(const char* data, size_t len) {
  constexpr std::string_view key = "\"stream\"";
  size_t i = 0;
  auto skip_space = [&] {
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'
                       || data[i] == '\t'))
      ++i;
  };
  skip_space();
  if (i == len || data[i] != '{')
    return false;
  ++i;
  skip_space();
  return len - i >= key.size() && std::memcmp(data + i, key.data(), key.size()) == 0;
}

// Fields are looked up with find_any_order in the venue's order (one
// forward pass), not by iterating `field`s: ondemand::field is a std::pair
// whose constructor is compiled for the baseline target (see
// exchanges/korea/book_decoder_body.ipp).
inline bool read_int(ond::object& obj, std::string_view key, int64_t& out) {
  ond::value v;
  return !find_any_order(obj, key, v) && !v.get_int64().get(out);
}

/// A ms timestamp as ns; false when absent or out of the ns range.
inline bool read_ms(ond::object& obj, std::string_view key, int64_t& ns) {
  int64_t ms = 0;
  if (!read_int(obj, key, ms))
    return false;
  auto x = ms_to_ns(ms);
  if (!x)
    return false;
  ns = *x;
  return true;
}

inline bool read_text(ond::object& obj, std::string_view key,
                      std::string_view& out) {
  ond::value v;
  return !find_any_order(obj, key, v) && !v.get_string().get(out);
}

inline bool read_decimal(ond::object& obj, std::string_view key,
                         decimal& out) {
  std::string_view text;
  return read_text(obj, key, text) && read_decimal_text(text, out);
}

/// `[["price","qty"],...]` appended to `out`.
inline bool read_levels(ond::object& obj, std::string_view key,
                        std::vector<price_level>& out) {
  ond::value v;
  ond::array levels;
  if (find_any_order(obj, key, v) || v.get_array().get(levels))
    return false;
  for (auto item : levels) {
    ond::array pair;
    if (item.get_array().get(pair))
      return false;
    price_level level;
    int n = 0;
    for (auto x : pair) {
      std::string_view text;
      if (n >= 2 || x.get_string().get(text)
          || !read_decimal_text(text, n == 0 ? level.price : level.volume))
        return false;
      ++n;
    }
    if (n != 2 || !level.price.is_positive() || level.volume.is_negative())
      return false;
    out.push_back(level);
  }
  return true;
}

inline stream_frame read_depth(ond::object& ev, exchange venue,
                               book_delta& d) {
  d.bids.clear();
  d.asks.clear();
  d.prev_seq = 0;
  std::string_view symbol;
  if (!read_ms(ev, "E", d.ts_event_ns) || !read_text(ev, "s", symbol)
      || !read_int(ev, "U", d.first_seq) || !read_int(ev, "u", d.seq))
    return stream_frame::invalid;
  if (venue == exchange::binance_usdm && !read_int(ev, "pu", d.prev_seq))
    return stream_frame::invalid;
  if (!read_levels(ev, "b", d.bids) || !read_levels(ev, "a", d.asks))
    return stream_frame::invalid;
  assign_symbol(venue, symbol, d.symbol);
  return stream_frame::delta;
}

inline stream_frame read_mark(ond::object& ev, exchange venue,
                              venue::feed_item& out) {
  std::string_view symbol;
  if (!read_ms(ev, "E", out.mark.ts_event_ns) || !read_text(ev, "s", symbol)
      || !read_decimal(ev, "p", out.mark.mark)
      || !read_decimal(ev, "i", out.mark.index)
      || !read_decimal(ev, "r", out.funding.rate)
      || !read_ms(ev, "T", out.funding.next_funding_ns)
      // As the general parser (ws_parse.cpp): a mark above zero.
      || !out.mark.mark.is_positive() || out.mark.index.is_negative())
    return stream_frame::invalid;
  assign_symbol(venue, symbol, out.mark.symbol);
  out.funding.venue = venue;
  out.funding.symbol.assign(symbol);
  out.funding.ts_ns = out.mark.ts_event_ns;
  out.funding.funding_interval_s = default_funding_interval_s;
  out.has_funding = true;
  return stream_frame::mark;
}

class backend final : public stream_backend {
public:
  // Declared here so they are compiled for this file's target.
  backend() : parser_() {
    // nop
  }
  ~backend() override {
    // nop
  }

  stream_frame decode(const char* data, size_t len, size_t capacity,
                      exchange venue, venue::feed_item& out) override {
    try {
      return decode_checked(data, len, capacity, venue, out);
    } catch (const std::exception&) {
      return stream_frame::invalid;
    }
  }

  const char* name() const override { return KARB_STREAM_BACKEND_NAME; }

private:
  stream_frame decode_checked(const char* data, size_t len, size_t capacity,
                              exchange venue, venue::feed_item& out) {
    ond::document doc;
    ond::object obj;
    if (parser_.iterate(data, len, capacity).get(doc)
        || doc.get_object().get(obj))
      return stream_frame::invalid;
    ond::object ev = obj;
    if (is_wrapped(data, len)) {
      ond::value v;
      if (find_any_order(obj, "data", v) || v.get_object().get(ev))
        return stream_frame::invalid;
    }
    ond::value v;
    std::string_view type;
    if (find_any_order(ev, "e", v))
      return stream_frame::untyped;
    if (v.get_string().get(type))
      return stream_frame::invalid;
    if (type == "depthUpdate")
      return read_depth(ev, venue, out.delta);
    if (type == "markPriceUpdate")
      return read_mark(ev, venue, out);
    return stream_frame::event;
  }

  ond::parser parser_;
};

} // namespace karb::binance::detail::KARB_STREAM_BACKEND_NS
