#include "exchanges/okx/ws_parse.hpp"

#include "exchanges/common/json_text.hpp"
#include "exchanges/okx/contracts.hpp"
#include "exchanges/okx/fields.hpp"
#include "exchanges/okx/market_parse.hpp"
#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

using json_text::check;
using json_text::json;
using json_text::reader;
using venue::feed_kind;

namespace {

bool read_levels(const json* levels, std::vector<price_level>& out) {
  if (levels == nullptr || !levels->is_array())
    return false;
  for (auto& level : *levels) {
    if (!level.is_array() || level.size() < 2 || !level[0].is_string()
        || !level[1].is_string())
      return false;
    auto price = decimal::parse(level[0].get_ref<const std::string&>());
    auto size = decimal::parse(level[1].get_ref<const std::string&>());
    if (!price || !size || !price->is_positive() || size->is_negative())
      return false;
    out.push_back({*price, *size});
  }
  return true;
}

std::string text_at(const json& obj, const char* key) {
  auto i = obj.find(key);
  return i != obj.end() && i->is_string() ? i->get<std::string>()
                                          : std::string{};
}

int64_t opt_seq(reader& r, std::string_view key) {
  return r.find(key) != nullptr ? r.integer(key) : no_seq;
}

feed_kind read_books(const json& doc, std::string_view inst_id,
                     exchange venue, venue::feed_item& out) {
  auto& d = out.delta;
  d.bids.clear();
  d.asks.clear();
  auto action = doc.find("action");
  auto data = doc.find("data");
  if (action == doc.end() || !action->is_string() || data == doc.end()
      || !data->is_array() || data->empty())
    return feed_kind::error;
  d.reset = action->get_ref<const std::string&>() == "snapshot";
  reader r{(*data)[0], "books"};
  d.ts_event_ns = ms_as_ns(r, "ts");
  d.has_checksum = r.find("checksum") != nullptr;
  d.checksum = d.has_checksum ? static_cast<int32_t>(r.integer("checksum"))
                              : 0;
  d.prev_seq = opt_seq(r, "prevSeqId");
  d.seq = opt_seq(r, "seqId");
  d.first_seq = d.seq;
  if (!r.ok() || !read_levels(r.find("asks"), d.asks)
      || !read_levels(r.find("bids"), d.bids))
    return feed_kind::error;
  assign_symbol(venue, inst_id, d.symbol);
  return feed_kind::delta;
}

feed_kind read_mark(const json& data, exchange venue, venue::feed_item& out) {
  reader r{data, "mark-price"};
  assign_symbol(venue, r.str("instId"), out.mark.symbol);
  out.mark.mark = r.amount("markPx", check::positive);
  out.mark.index = {};
  out.mark.ts_event_ns = ms_as_ns(r, "ts");
  out.has_funding = false;
  return r.ok() ? feed_kind::mark : feed_kind::error;
}

feed_kind read_funding(const json& data, exchange venue,
                       venue::feed_item& out) {
  reader r{data, "funding-rate"};
  auto& f = out.funding;
  f.venue = venue;
  f.symbol = r.str("instId");
  f.rate = r.amount("fundingRate");
  f.next_funding_ns = ms_as_ns(r, "fundingTime");
  auto after_ns = opt_ms_as_ns(r, "nextFundingTime");
  f.ts_ns = opt_ms_as_ns(r, "ts");
  f.has_predicted = has_value(r, "nextFundingRate");
  f.predicted_rate = opt_decimal(r, "nextFundingRate");
  f.funding_interval_s = funding_interval_s(r, f.next_funding_ns, after_ns);
  out.has_funding = true;
  return r.ok() ? feed_kind::funding : feed_kind::error;
}

feed_kind read_event(const json& doc, const std::string& event,
                     venue::feed_item& out) {
  if (event != "error")
    return feed_kind::other;
  out.error = "OKX error event " + text_at(doc, "code") + ": "
              + text_at(doc, "msg");
  return feed_kind::error;
}

} // namespace

feed_kind finish_books(exchange venue, const venue::contract_size_fn& sizes,
                       venue::feed_item& out) {
  if (venue != exchange::okx_swap)
    return feed_kind::delta;
  auto& d = out.delta;
  auto size = contract_size(sizes, d.symbol.venue_symbol);
  if (!size) {
    out.error = size.error().message;
    return feed_kind::error;
  }
  for (auto* side : {&d.bids, &d.asks})
    for (auto& level : *side) {
      auto base = to_base(level.volume, *size);
      if (!base) {
        out.error = base.error().message;
        return feed_kind::error;
      }
      level.volume = *base;
    }
  return feed_kind::delta;
}

feed_kind decode_public_frame(std::string_view text, exchange venue,
                              const venue::contract_size_fn& sizes,
                              int64_t ts_recv_ns, venue::feed_item& out) {
  if (text == "pong")
    return feed_kind::other;
  out.error.clear();
  auto doc = json_text::parse(text);
  if (!doc || !doc->is_object()) {
    out.error = "not a JSON object";
    return feed_kind::error;
  }
  if (auto event = doc->find("event");
      event != doc->end() && event->is_string())
    return read_event(*doc, event->get_ref<const std::string&>(), out);
  auto arg = doc->find("arg");
  if (arg == doc->end() || !arg->is_object())
    return feed_kind::other;
  auto channel = text_at(*arg, "channel");
  auto inst_id = text_at(*arg, "instId");
  if (channel == "books") {
    auto kind = read_books(*doc, inst_id, venue, out);
    out.delta.ts_recv_ns = ts_recv_ns;
    return kind == feed_kind::delta ? finish_books(venue, sizes, out) : kind;
  }
  if (channel != "mark-price" && channel != "funding-rate")
    return feed_kind::other;
  auto data = doc->find("data");
  if (data == doc->end() || !data->is_array() || data->empty())
    return feed_kind::error;
  return channel == "mark-price" ? read_mark((*data)[0], venue, out)
                                 : read_funding((*data)[0], venue, out);
}

} // namespace karb::okx
