// The decoding loop of okx::book_decoder, compiled once per simdjson target
// (book_decoder_haswell.cpp / book_decoder_fallback.cpp). The includer
// defines KARB_OKX_BOOK_BACKEND_NS and KARB_OKX_BOOK_BACKEND_NAME and has
// included <simdjson.h> for its target. No include guard on purpose.

#include <charconv>
#include <string_view>

#include "exchanges/binance/decimal_text.hpp"
#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/simdjson_find.hpp"
#include "exchanges/okx/book_decoder.hpp"
#include "exchanges/okx/symbols.hpp"
#include "exchanges/okx/ws_parse.hpp"

namespace karb::okx::detail::KARB_OKX_BOOK_BACKEND_NS {

namespace ond = simdjson::ondemand;

// Fields are looked up in the venue's order with find_any_order
// (exchanges/common/simdjson_find.hpp); see
// exchanges/binance/stream_decoder_body.ipp for why fields are not
// iterated.

inline bool read_text(ond::object& obj, std::string_view key,
                      std::string_view& out) {
  ond::value v;
  return !find_any_order(obj, key, v) && !v.get_string().get(out);
}

/// An optional integer: `out` = `absent` when the key is missing.
inline bool read_opt_int(ond::object& obj, std::string_view key,
                         int64_t& out, int64_t absent) {
  ond::value v;
  auto err = find_any_order(obj, key, v);
  if (err == simdjson::NO_SUCH_FIELD) {
    out = absent;
    return true;
  }
  return !err && !v.get_int64().get(out);
}

/// "1597026383085" -> ns; false when not a count or out of the ns range.
inline bool read_ms_text(ond::object& obj, std::string_view key,
                         int64_t& ns) {
  std::string_view text;
  int64_t ms = 0;
  if (!read_text(obj, key, text))
    return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec != std::errc{} || end != text.data() + text.size())
    return false;
  auto x = ms_to_ns(ms);
  if (!x)
    return false;
  ns = *x;
  return true;
}

/// `[["price","size","0","orders"],...]` appended to `out`.
inline bool read_levels(ond::object& obj, std::string_view key,
                        std::vector<price_level>& out) {
  ond::value v;
  ond::array levels;
  if (find_any_order(obj, key, v) || v.get_array().get(levels))
    return false;
  for (auto item : levels) {
    ond::array entry;
    if (item.get_array().get(entry))
      return false;
    price_level level;
    int n = 0;
    for (auto x : entry) {
      // Every element is checked: iterating on past an error would read
      // the document simdjson has abandoned.
      if (x.error())
        return false;
      if (n < 2) {
        std::string_view text;
        if (x.get_string().get(text)
            || !binance::read_decimal_text(text, n == 0 ? level.price
                                                        : level.volume))
          return false;
      }
      ++n;
    }
    if (n < 2 || !level.price.is_positive() || level.volume.is_negative())
      return false;
    out.push_back(level);
  }
  return true;
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
                    exchange venue, venue::feed_item& out) override {
    try {
      return decode_checked(data, len, capacity, venue, out);
    } catch (const std::exception&) {
      return book_frame::invalid;
    }
  }

  const char* name() const override { return KARB_OKX_BOOK_BACKEND_NAME; }

private:
  book_frame decode_checked(const char* data, size_t len, size_t capacity,
                            exchange venue, venue::feed_item& out) {
    ond::document doc;
    ond::object obj;
    if (parser_.iterate(data, len, capacity).get(doc)
        || doc.get_object().get(obj))
      return book_frame::invalid;
    ond::value v;
    ond::object arg;
    if (find_any_order(obj, "arg", v))
      return book_frame::untyped; // an event frame
    if (v.get_object().get(arg))
      return book_frame::invalid;
    std::string_view channel;
    std::string_view inst_id;
    if (!read_text(arg, "channel", channel))
      return book_frame::invalid;
    if (channel != "books")
      return book_frame::untyped;
    if (!read_text(arg, "instId", inst_id))
      return book_frame::invalid;
    auto& d = out.delta;
    assign_symbol(venue, inst_id, d.symbol); // copies before moving on
    std::string_view action;
    ond::array list;
    // "action" and "data" are looked up forward only, as OKX sends them
    // after "arg": simdjson's wrap-around search (find_field_unordered)
    // asserts on a malformed "arg" it had to skip. A frame in another
    // order goes to the nlohmann path.
    auto err = obj.find_field("action").get(v);
    if (err == simdjson::NO_SUCH_FIELD)
      return book_frame::untyped; // a subscribe acknowledgement
    if (err || v.get_string().get(action))
      return book_frame::invalid;
    err = obj.find_field("data").get(v);
    if (err == simdjson::NO_SUCH_FIELD)
      return book_frame::untyped;
    if (err || v.get_array().get(list))
      return book_frame::invalid;
    d.reset = action == "snapshot";
    d.bids.clear();
    d.asks.clear();
    for (auto item : list) { // the venue sends one entry
      ond::object book;
      int64_t checksum = 0;
      if (item.get_object().get(book) || !read_levels(book, "asks", d.asks)
          || !read_levels(book, "bids", d.bids)
          || !read_ms_text(book, "ts", d.ts_event_ns)
          || !read_opt_int(book, "checksum", checksum, INT64_MIN)
          || !read_opt_int(book, "prevSeqId", d.prev_seq, no_seq)
          || !read_opt_int(book, "seqId", d.seq, no_seq))
        return book_frame::invalid;
      d.has_checksum = checksum != INT64_MIN;
      d.checksum = d.has_checksum ? static_cast<int32_t>(checksum) : 0;
      d.first_seq = d.seq;
      return book_frame::delta;
    }
    return book_frame::invalid; // no entry
  }

  ond::parser parser_;
};

} // namespace karb::okx::detail::KARB_OKX_BOOK_BACKEND_NS
