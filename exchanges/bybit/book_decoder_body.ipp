// The decoding loop of bybit::book_decoder, compiled once per simdjson
// target (book_decoder_haswell.cpp / book_decoder_fallback.cpp). The
// includer defines KARB_BOOK_BACKEND_NS and KARB_BOOK_BACKEND_NAME and has
// included <simdjson.h> for its target. No include guard on purpose.

#include <string_view>

#include "exchanges/binance/decimal_text.hpp"
#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/simdjson_find.hpp"
#include "exchanges/bybit/book_decoder.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit::detail::KARB_BOOK_BACKEND_NS {

namespace ond = simdjson::ondemand;

// Fields are looked up with find_any_order (simdjson_find.hpp), never by
// iterating `field`s (see exchanges/binance/stream_decoder_body.ipp for
// why).
inline bool read_int(ond::object& obj, std::string_view key, int64_t& out) {
  ond::value v;
  return !find_any_order(obj, key, v) && !v.get_int64().get(out);
}

inline bool read_text(ond::object& obj, std::string_view key,
                      std::string_view& out) {
  ond::value v;
  return !find_any_order(obj, key, v) && !v.get_string().get(out);
}

/// `[["price","size"],...]` appended to `out`.
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
          || !binance::read_decimal_text(text,
                                         n == 0 ? level.price : level.volume))
        return false;
      ++n;
    }
    if (n != 2 || !level.price.is_positive() || level.volume.is_negative())
      return false;
    out.push_back(level);
  }
  return true;
}

inline book_frame read_book(ond::object& frame, exchange venue,
                            book_delta& d) {
  d.bids.clear();
  d.asks.clear();
  std::string_view type;
  std::string_view symbol;
  int64_t ms = 0;
  ond::value v;
  ond::object data;
  if (!read_text(frame, "type", type) || !read_int(frame, "ts", ms)
      || find_any_order(frame, "data", v) || v.get_object().get(data))
    return book_frame::invalid;
  // `type` lives in the parser's string buffer until the next document.
  if (!read_text(data, "s", symbol) || !read_levels(data, "b", d.bids)
      || !read_levels(data, "a", d.asks) || !read_int(data, "u", d.seq))
    return book_frame::invalid;
  d.first_seq = d.seq;
  d.prev_seq = 0;
  d.reset = type == "snapshot" || d.seq == 1;
  d.has_checksum = false;
  auto ns = ms_to_ns(ms);
  if (!ns)
    return book_frame::invalid;
  d.ts_event_ns = *ns;
  assign_symbol(venue, symbol, d.symbol);
  return book_frame::book;
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

  book_frame decode(const char* data, size_t len, size_t capacity,
                    exchange venue, book_delta& out) override {
    try {
      return decode_checked(data, len, capacity, venue, out);
    } catch (const std::exception&) {
      return book_frame::invalid;
    }
  }

  const char* name() const override { return KARB_BOOK_BACKEND_NAME; }

private:
  book_frame decode_checked(const char* data, size_t len, size_t capacity,
                            exchange venue, book_delta& out) {
    ond::document doc;
    ond::object frame;
    if (parser_.iterate(data, len, capacity).get(doc)
        || doc.get_object().get(frame))
      return book_frame::invalid;
    ond::value v;
    std::string_view topic;
    if (find_any_order(frame, "topic", v))
      return book_frame::not_book;
    if (v.get_string().get(topic))
      return book_frame::invalid;
    if (!topic.starts_with("orderbook."))
      return book_frame::not_book;
    return read_book(frame, venue, out);
  }

  ond::parser parser_;
};

} // namespace karb::bybit::detail::KARB_BOOK_BACKEND_NS
