#include "exchanges/bybit/ws_parse.hpp"

#include "exchanges/bybit/market_parse.hpp"
#include "exchanges/bybit/reply_fields.hpp"
#include "exchanges/bybit/symbols.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::bybit {

using json_text::check;
using json_text::json;
using json_text::reader;
using venue::feed_kind;

namespace {

constexpr int64_t s_per_hour = 3600;

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

/// Why `r` or its `data` field failed.
std::string why_not(const reader& r, std::string_view context) {
  return r.ok() ? std::string{context} + ": data is not an object"
                : r.error().message;
}

feed_kind read_book(const json& doc, exchange venue, int64_t ts_recv_ns,
                    book_delta& d, std::string& why) {
  reader top{doc, "orderbook"};
  d.bids.clear();
  d.asks.clear();
  auto type = top.str("type");
  d.ts_event_ns = top.ms_timestamp("ts");
  auto* data = top.field("data");
  if (!top.ok() || !data->is_object())
    return refuse(why, why_not(top, "orderbook"));
  reader r{*data, "orderbook.data"};
  assign_symbol(venue, r.str("s"), d.symbol);
  d.seq = r.integer("u");
  d.first_seq = d.seq;
  d.prev_seq = 0;
  d.reset = type == "snapshot" || d.seq == 1;
  d.has_checksum = false;
  d.ts_recv_ns = ts_recv_ns;
  if (!r.ok())
    return refuse(why, r.error().message);
  if (!read_levels(r.find("b"), d.bids) || !read_levels(r.find("a"), d.asks))
    return refuse(why, "orderbook.data: bad price level");
  return feed_kind::delta;
}

/// Funding fields of a ticker's data into `f`.
void read_funding(reader& r, std::string_view symbol, int64_t ts_ns,
                  funding_rate& f) {
  f.venue = exchange::bybit_linear;
  f.symbol.assign(symbol);
  f.rate = r.amount("fundingRate");
  f.ts_ns = ts_ns;
  f.next_funding_ns = opt_time_field(r, "nextFundingTime");
  auto hours = opt_blank_zero(r, "fundingIntervalHour", check::non_negative);
  f.funding_interval_s = hours.raw / decimal::one_raw * s_per_hour;
}

feed_kind read_ticker(const json& doc, exchange venue,
                      venue::feed_item& out) {
  reader top{doc, "tickers"};
  auto ts_ns = top.ms_timestamp("ts");
  auto* data = top.field("data");
  if (!top.ok() || !data->is_object())
    return refuse(out.error, why_not(top, "tickers"));
  reader r{*data, "tickers.data"};
  auto symbol = r.str("symbol");
  bool has_mark = r.find("markPrice") != nullptr;
  bool has_rate = r.find("fundingRate") != nullptr;
  out.has_funding = false;
  if (!has_mark && !has_rate)
    return r.ok() ? feed_kind::other : refuse(out.error, r.error().message);
  if (has_rate)
    read_funding(r, symbol, ts_ns, out.funding);
  if (has_mark) {
    assign_symbol(venue, symbol, out.mark.symbol);
    out.mark.mark = r.amount("markPrice", check::positive);
    out.mark.index = opt_blank_zero(r, "indexPrice", check::non_negative);
    out.mark.ts_event_ns = ts_ns;
  }
  if (!r.ok())
    return refuse(out.error, r.error().message);
  out.has_funding = has_rate;
  return has_mark ? feed_kind::mark : feed_kind::funding;
}

} // namespace

feed_kind decode_public_frame(std::string_view text, exchange venue,
                              int64_t ts_recv_ns, venue::feed_item& out) {
  out.error.clear();
  auto doc = json_text::parse(text);
  if (!doc || !doc->is_object())
    return refuse(out.error, "not a JSON object");
  if (auto ok = doc->find("success"); ok != doc->end())
    return ok->is_boolean() && ok->get<bool>()
             ? feed_kind::other
             : refuse(out.error, "request refused (success false)");
  auto topic = doc->find("topic");
  if (topic == doc->end() || !topic->is_string())
    return feed_kind::other;
  auto& name = topic->get_ref<const std::string&>();
  if (name.starts_with("orderbook."))
    return read_book(*doc, venue, ts_recv_ns, out.delta, out.error);
  if (name.starts_with("tickers."))
    return read_ticker(*doc, venue, out);
  return feed_kind::other;
}

} // namespace karb::bybit
