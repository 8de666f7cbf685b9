#include "tools/karb-sim/bn_stream.hpp"

#include <algorithm>

#include "tools/karb-sim/bn_json.hpp"
#include "tools/karb-sim/ws_feed.hpp"

namespace karb::sim {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto i = s.find(sep);
    if (i != 0)
      out.emplace_back(s.substr(0, i));
    if (i == std::string_view::npos)
      break;
    s.remove_prefix(i + 1);
  }
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// The stream kind of `name` for `symbol` ("btcusdt@depth@100ms" ->
/// "depth"), or "" when it is not that symbol's or not served.
std::string kind_of(venue_kind v, std::string_view name,
                    const std::string& symbol_lower) {
  if (!name.starts_with(symbol_lower + "@"))
    return {};
  auto rest = name.substr(symbol_lower.size() + 1);
  bool usdm = v == venue_kind::binance_usdm;
  if (rest == "depth" || rest == "depth@100ms" || (usdm && rest == "depth@500ms"))
    return "depth";
  if (rest == "bookTicker" || rest == "aggTrade")
    return std::string{rest};
  if (!usdm && rest == "trade")
    return "trade";
  if (usdm && (rest == "markPrice" || rest == "markPrice@1s"))
    return std::string{rest};
  return {};
}

ojson levels(const bn_format& fmt, const std::vector<price_level>& side) {
  ojson arr = ojson::array();
  for (auto& l : side)
    arr.push_back({fmt.p(l.price), fmt.q(l.size)});
  return arr;
}

} // namespace

std::optional<bn_ws_route> route_bn_ws(venue_kind v, std::string_view target) {
  auto q = target.find('?');
  auto path = target.substr(0, q);
  auto query = q == std::string_view::npos ? std::string_view{}
                                           : target.substr(q + 1);
  bn_ws_route r;
  bool usdm = v == venue_kind::binance_usdm;
  if (!usdm && path == "/ws-api/v3") {
    r.k = bn_ws_route::kind::api;
    return r;
  }
  if (usdm && path.starts_with("/private/ws/")) {
    r.k = bn_ws_route::kind::user;
    r.listen_key = std::string{path.substr(12)};
    return r;
  }
  if (usdm) {
    for (std::string_view prefix : {"/public", "/market"})
      if (path.starts_with(prefix)) {
        path.remove_prefix(prefix.size());
        break;
      }
  }
  if (path == "/stream" || path == "/stream/") {
    r.combined = true;
    if (query.starts_with("streams="))
      r.streams = split(query.substr(8), '/');
    return r;
  }
  if (path == "/ws" || path.starts_with("/ws/")) {
    r.streams = split(path.substr(std::min<size_t>(path.size(), 4)), '/');
    if (usdm && r.streams.size() == 1
        && r.streams[0].find('@') == std::string::npos) {
      r.k = bn_ws_route::kind::user;
      r.listen_key = r.streams[0];
      r.streams.clear();
    }
    return r;
  }
  return std::nullopt;
}

std::string bn_stream_set::on_text(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&](const std::string& msg) {
    nlohmann::json id = j.is_object() && j.contains("id") ? j["id"] : nullptr;
    return ojson{{"error", {{"code", 2}, {"msg", "Invalid request: " + msg}}},
                 {"id", id}}
      .dump();
  };
  if (j.is_discarded() || !j.is_object() || !j.contains("method")
      || !j["method"].is_string())
    return bad("request must be a JSON object with a method");
  if (!j.contains("id") || !(j["id"].is_number_unsigned() || j["id"].is_string()))
    return bad("invalid id");
  auto method = j["method"].get<std::string>();
  if (method == "LIST_SUBSCRIPTIONS")
    return ojson{{"result", streams_}, {"id", j["id"]}}.dump();
  if (method != "SUBSCRIBE" && method != "UNSUBSCRIBE")
    return bad("unknown method");
  if (!j.contains("params") || !j["params"].is_array())
    return bad("params must be an array of stream names");
  for (auto& p : j["params"]) {
    if (!p.is_string())
      return bad("stream names must be strings");
    auto name = p.get<std::string>();
    auto i = std::find(streams_.begin(), streams_.end(), name);
    if (method == "SUBSCRIBE" && i == streams_.end())
      streams_.push_back(name);
    else if (method == "UNSUBSCRIBE" && i != streams_.end())
      streams_.erase(i);
  }
  return ojson{{"result", nullptr}, {"id", j["id"]}}.dump();
}

std::vector<std::string> stream_events(venue_kind v, const bn_feed& f,
                                       std::string_view kind) {
  auto m = static_cast<size_t>(binance_market_index(f.symbol));
  auto fmt = bn_format_for(v, m);
  bool usdm = v == venue_kind::binance_usdm;
  std::vector<std::string> out;
  if (kind == "depth" && f.depth) {
    ojson j;
    j["e"] = "depthUpdate";
    j["E"] = f.at;
    if (usdm)
      j["T"] = f.at;
    j["s"] = f.symbol;
    j["U"] = f.depth->first_id;
    j["u"] = f.depth->last_id;
    if (usdm)
      j["pu"] = f.depth->prev_last_id;
    j["b"] = levels(fmt, f.depth->bids);
    j["a"] = levels(fmt, f.depth->asks);
    out.push_back(f.malformed ? malformed(j.dump()) : j.dump());
  } else if (kind == "bookTicker" && f.has_ticker) {
    ojson j;
    if (usdm)
      j["e"] = "bookTicker";
    j["u"] = f.ticker_id;
    j["s"] = f.symbol;
    j["b"] = fmt.p(f.bid.price);
    j["B"] = fmt.q(f.bid.size);
    j["a"] = fmt.p(f.ask.price);
    j["A"] = fmt.q(f.ask.size);
    if (usdm) {
      j["T"] = f.at;
      j["E"] = f.at;
    }
    out.push_back(j.dump());
  } else if (kind == "trade" || kind == "aggTrade") {
    bool agg = kind == "aggTrade";
    for (auto& p : f.trades) {
      ojson j;
      j["e"] = agg ? "aggTrade" : "trade";
      j["E"] = f.at;
      j["s"] = f.symbol;
      j[agg ? "a" : "t"] = p.sequential_id;
      j["p"] = fmt.p(p.price);
      j["q"] = fmt.q(p.volume);
      if (agg) {
        j["f"] = p.sequential_id;
        j["l"] = p.sequential_id;
      }
      j["T"] = p.timestamp;
      j["m"] = p.taker_ask; // the buyer was the maker: the taker sold
      if (!usdm)
        j["M"] = true;
      out.push_back(j.dump());
    }
  } else if ((kind == "markPrice" && f.mark_3s)
             || (kind == "markPrice@1s" && f.mark_1s)) {
    ojson j;
    j["e"] = "markPriceUpdate";
    j["E"] = f.at;
    j["s"] = f.symbol;
    j["p"] = fixed(f.mark, 8);
    j["i"] = fixed(f.index, 8);
    j["P"] = fixed(f.index, 8);
    j["r"] = fixed(f.rate, 8);
    j["T"] = f.next_funding;
    out.push_back(j.dump());
  }
  return out;
}

std::vector<std::string> bn_stream_set::frames(const bn_feed& f) const {
  std::vector<std::string> out;
  auto symbol = lower(f.symbol);
  for (auto& name : streams_) {
    auto kind = kind_of(v_, name, symbol);
    if (kind.empty())
      continue;
    for (auto& event : stream_events(v_, f, kind))
      out.push_back(combined_ ? R"({"stream":")" + name + R"(","data":)" + event
                                  + "}"
                              : std::move(event));
  }
  return out;
}

} // namespace karb::sim
