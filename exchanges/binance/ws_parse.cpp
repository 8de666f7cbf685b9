#include "exchanges/binance/ws_parse.hpp"

#include "exchanges/binance/market_parse.hpp"
#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

using json_text::check;
using json_text::json;
using json_text::reader;
using venue::feed_kind;

namespace {

bool read_levels(const json* levels, std::vector<price_level>& out) {
  if (levels == nullptr || !levels->is_array())
    return false;
  for (auto& level : *levels) {
    if (!level.is_array() || level.size() != 2 || !level[0].is_string()
        || !level[1].is_string())
      return false;
    auto price = decimal::parse(level[0].get_ref<const std::string&>());
    auto qty = decimal::parse(level[1].get_ref<const std::string&>());
    if (!price || !qty || !price->is_positive() || qty->is_negative())
      return false;
    out.push_back({*price, *qty});
  }
  return true;
}

/// Records why a frame is dropped: a field's name, never its value.
feed_kind refuse(std::string& why, std::string reason) {
  why = std::move(reason);
  return feed_kind::error;
}

feed_kind read_depth(const json& ev, exchange venue, book_delta& d,
                     std::string& why) {
  reader r{ev, "depthUpdate"};
  d.bids.clear();
  d.asks.clear();
  d.ts_event_ns = r.ms_timestamp("E");
  assign_symbol(venue, r.str("s"), d.symbol);
  d.first_seq = r.integer("U");
  d.seq = r.integer("u");
  d.prev_seq = venue == exchange::binance_usdm ? r.integer("pu") : 0;
  if (!r.ok())
    return refuse(why, r.error().message);
  if (!read_levels(r.find("b"), d.bids) || !read_levels(r.find("a"), d.asks))
    return refuse(why, "depthUpdate: bad price level");
  return feed_kind::delta;
}

feed_kind read_mark(const json& ev, exchange venue, venue::feed_item& out) {
  reader r{ev, "markPriceUpdate"};
  auto symbol = r.str("s");
  out.mark.ts_event_ns = r.ms_timestamp("E");
  out.mark.mark = r.amount("p", check::positive);
  out.mark.index = r.amount("i", check::non_negative);
  out.funding.rate = r.amount("r");
  out.funding.next_funding_ns = r.ms_timestamp("T");
  if (!r.ok())
    return refuse(out.error, r.error().message);
  assign_symbol(venue, symbol, out.mark.symbol);
  out.funding.venue = venue;
  out.funding.symbol = symbol;
  out.funding.ts_ns = out.mark.ts_event_ns;
  out.funding.funding_interval_s = default_funding_interval_s;
  out.has_funding = true;
  return feed_kind::mark;
}

bool is_error_frame(const json& doc) {
  if (auto e = doc.find("error"); e != doc.end() && !e->is_null())
    return true;
  return doc.contains("code") && doc.contains("msg");
}

} // namespace

feed_kind decode_stream_frame(std::string_view text, exchange venue,
                              int64_t ts_recv_ns, venue::feed_item& out) {
  out.error.clear();
  auto doc = json_text::parse(text);
  if (!doc || !doc->is_object())
    return refuse(out.error, "not a JSON object");
  const json* ev = &*doc;
  if (auto data = doc->find("data"); data != doc->end() && data->is_object())
    ev = &*data;
  if (is_error_frame(*ev))
    return refuse(out.error, "venue error frame");
  auto type = ev->find("e");
  if (type == ev->end() || !type->is_string())
    return feed_kind::other;
  auto& name = type->get_ref<const std::string&>();
  if (name == "depthUpdate") {
    auto kind = read_depth(*ev, venue, out.delta, out.error);
    out.delta.ts_recv_ns = ts_recv_ns;
    return kind;
  }
  if (name == "markPriceUpdate")
    return read_mark(*ev, venue, out);
  return feed_kind::other;
}

} // namespace karb::binance
