// Quotation endpoints: markets, ticker, order book, instruments, trades.

#include <algorithm>

#include "tools/karb-sim/json_writer.hpp"
#include "tools/karb-sim/order_json.hpp"
#include "tools/karb-sim/quote_json.hpp"
#include "tools/karb-sim/router_detail.hpp"

namespace karb::sim::detail {

namespace {

http::response code_not_found() {
  // Upbit answers unknown quotation codes with a numeric error name.
  return json_reply(404, R"({"error":{"name":404,"message":"Code not found"}})");
}

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto part = s.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ')
      part.erase(part.begin());
    if (!part.empty())
      out.push_back(part);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

/// The markets= list, or an error response when missing or unknown.
std::optional<http::response> codes_of(const call& c,
                                       std::vector<std::string>& codes) {
  codes = split_codes(c.get("markets"));
  if (codes.empty())
    return error_reply(400, "validation_error", "markets is required.");
  for (auto& code : codes)
    if (!find_market(code))
      return code_not_found();
  return std::nullopt;
}

std::vector<decimal> supported_levels(venue_kind v, decimal price) {
  std::vector<decimal> out{decimal{}};
  auto tick = tick_size(v, price);
  for (int i = 1; i <= 5; ++i) {
    tick = dmul(tick, decimal::from_int(10));
    out.push_back(tick);
  }
  return out;
}

} // namespace

http::response market_all(venue& v, const call& c) {
  bool details = c.get("is_details") == "true" || c.get("isDetails") == "true";
  ojson arr = ojson::array();
  for (auto& m : markets()) {
    ojson j;
    j["market"] = m.code;
    j["korean_name"] = m.korean_name;
    j["english_name"] = m.english_name;
    if (details || v.kind == venue_kind::bithumb)
      j["market_warning"] = "NONE";
    arr.push_back(std::move(j));
  }
  return json_reply(200, arr.dump());
}

http::response ticker(venue& v, const call& c) {
  std::vector<std::string> codes;
  if (auto e = codes_of(c, codes))
    return *e;
  json_writer w;
  w.begin_array();
  for (auto& code : codes)
    write_ticker(w, v.find_tape(code)->ticker(), quote_style{});
  w.end_array();
  return json_reply(200, w.take());
}

http::response orderbook(venue& v, const call& c) {
  std::vector<std::string> codes;
  if (auto e = codes_of(c, codes))
    return *e;
  int depth = max_depth;
  if (v.kind == venue_kind::bithumb && codes.size() > 1)
    depth = 15;
  if (c.has("count")) {
    auto n = std::atoi(c.get("count").c_str());
    depth = n >= 1 && n <= max_depth ? n : max_depth;
  }
  decimal level;
  if (c.has("level") && v.kind == venue_kind::upbit) {
    auto parsed = decimal::parse_exact(c.get("level"));
    if (!parsed)
      return error_reply(400, "invalid_parameter", "level is invalid.");
    level = *parsed;
  }
  json_writer w;
  w.begin_array();
  for (auto& code : codes) {
    auto* b = v.find_book(code);
    auto ok = supported_levels(v.kind, b->best_bid());
    if (std::find(ok.begin(), ok.end(), level) == ok.end())
      return error_reply(400, "invalid_parameter",
                         "level is not supported for " + code + ".");
    write_orderbook(w, book_view{b, depth, level, b->timestamp, false},
                    quote_style{});
  }
  w.end_array();
  return json_reply(200, w.take());
}

http::response orderbook_instruments(venue& v, const call& c) {
  std::vector<std::string> codes;
  if (auto e = codes_of(c, codes))
    return *e;
  ojson arr = ojson::array();
  for (auto& code : codes) {
    auto* b = v.find_book(code);
    ojson j;
    j["market"] = code;
    j["quote_currency"] = "KRW";
    j["tick_size"] = tick_size(v.kind, b->best_bid()).to_string();
    ojson levels = ojson::array();
    for (auto& l : supported_levels(v.kind, b->best_bid()))
      levels.push_back(l.to_string());
    j["supported_levels"] = std::move(levels);
    arr.push_back(std::move(j));
  }
  return json_reply(200, arr.dump());
}

http::response trades_ticks(venue& v, const call& c) {
  auto code = c.get("market");
  if (code.empty())
    return error_reply(400, "validation_error", "market is required.");
  auto* t = v.find_tape(code);
  if (!t)
    return code_not_found();
  int count = 1;
  if (c.has("count"))
    count = std::clamp(std::atoi(c.get("count").c_str()), 1, 500);
  json_writer w;
  w.begin_array();
  auto& recent = t->recent();
  int n = 0;
  for (auto i = recent.rbegin(); i != recent.rend() && n < count; ++i, ++n)
    write_trade(w, *i, *v.find_book(code), quote_style{});
  w.end_array();
  return json_reply(200, w.take());
}

} // namespace karb::sim::detail
