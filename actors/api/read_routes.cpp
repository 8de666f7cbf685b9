// The read routes: every answer comes from the snapshot board (or the
// metrics registry), never from a trading actor.

#include <charconv>

#include <nlohmann/json.hpp>

#include "actors/api/assets.hpp"
#include "actors/api/router.hpp"

namespace karb::api {

namespace {

using json = nlohmann::json;

constexpr size_t default_limit = 100;
constexpr size_t max_limit = 500;

// The snapshot topics served as they are, at /api/v1/<topic>.
const char* const plain_topics[] = {
  "status", "venues",  "strategies", "orders", "trades", "positions",
  "balances", "pnl", "risk", "funding", "config", "actors", "latency"};

http_response snapshot_of(const snapshot_board& board,
                          const std::string& topic, int missing_status) {
  auto e = board.get(topic);
  if (!e)
    return json_error(missing_status, "no snapshot of '" + topic + "'"
                                        + (missing_status == 503 ? " yet"
                                                                 : ""));
  return json_ok(*e->json);
}

// ?limit=N: 1..500, default 100.
std::optional<size_t> limit_of(const route_call& c) {
  auto i = c.query.find("limit");
  if (i == c.query.end())
    return default_limit;
  size_t n = 0;
  auto& s = i->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n == 0
      || n > max_limit)
    return std::nullopt;
  return n;
}

http_response bad_limit() {
  return json_error(400, "limit must be a whole number from 1 to 500");
}

// {key: [topics starting with prefix]}
http_response topic_list(const snapshot_board& board,
                         const std::string& prefix, const char* key) {
  json names = json::array();
  for (auto& t : board.topics())
    if (t.rfind(prefix, 0) == 0)
      names.push_back(t);
  return json_ok(json{{key, names}}.dump());
}

http_response stream_items(const snapshot_board& board,
                           const std::string& topic, size_t n) {
  std::string body = "{\"items\":[";
  bool first = true;
  for (auto& e : board.recent(topic, n)) {
    body += first ? "" : ",";
    body += *e.json;
    first = false;
  }
  return json_ok(body + "]}");
}

bool has_id(const json& order, const std::string& id) {
  for (auto key : {"client_order_id", "venue_order_id", "id"})
    if (auto i = order.find(key); i != order.end() && i->is_string()
                                  && i->get<std::string>() == id)
      return true;
  return false;
}

http_response order_by_id(const snapshot_board& board, const std::string& id) {
  auto e = board.get("orders");
  if (!e)
    return json_error(503, "no snapshot of 'orders' yet");
  auto doc = json::parse(*e->json, nullptr, false);
  for (auto list : {"orders", "open", "recent"}) {
    auto i = doc.is_object() ? doc.find(list) : doc.end();
    if (doc.is_object() && i != doc.end() && i->is_array())
      for (auto& o : *i)
        if (has_id(o, id))
          return json_ok(o.dump());
  }
  return json_error(404, "no open or recent order '" + id + "'");
}

http_response opportunities(const snapshot_board& board, size_t n) {
  auto e = board.get("opportunities");
  if (!e)
    return json_error(503, "no snapshot of 'opportunities' yet");
  auto doc = json::parse(*e->json, nullptr, false);
  if (doc.is_object() && doc["items"].is_array() && doc["items"].size() > n)
    doc["items"].erase(doc["items"].begin() + static_cast<long>(n),
                       doc["items"].end());
  return json_ok(doc.dump());
}

// /health from the `status` snapshot: UP when every child runs.
http_response health(const snapshot_board& board) {
  auto e = board.get("status");
  if (!e)
    return {503, "application/json",
            json{{"status", "DOWN"}, {"reason", "no status snapshot yet"}}
              .dump(),
            {}};
  auto st = json::parse(*e->json, nullptr, false);
  json not_running = json::array();
  size_t children = 0;
  if (st.is_object() && st["children"].is_array())
    for (auto& c : st["children"]) {
      ++children;
      if (c.value("state", "") != "running")
        not_running.push_back(c.value("name", "?"));
    }
  auto status = not_running.empty()                ? "UP"
                : not_running.size() < children ? "DEGRADED"
                                                   : "DOWN";
  json out{{"status", status},
           {"children", children},
           {"not_running", not_running}};
  if (st.is_object()) {
    out["node"] = st.value("node", "");
    out["uptime_ms"] = st.value("uptime_ms", int64_t{0});
  }
  return {not_running.empty() ? 200 : 503, "application/json", out.dump(), {}};
}

route get(std::string pattern, access who,
          std::function<http_response(const route_call&)> f) {
  return route{"GET", std::move(pattern), who,
               [f = std::move(f)](const route_call& c, const respond_fn& r) {
                 r(f(c));
               }};
}

} // namespace

std::vector<route> read_routes() {
  std::vector<route> out;
  out.push_back(get("/health", access::open,
                    [](const route_call& c) { return health(*c.setup.board); }));
  out.push_back(get("/metrics", access::read, [](const route_call& c) {
    return http_response{200, "text/plain; version=0.0.4; charset=utf-8",
                         c.setup.metrics_text ? c.setup.metrics_text() : "",
                         {}};
  }));
  out.push_back(get("/api/v1/openapi.json", access::read, [](const auto&) {
    auto a = find_asset("/api/v1/openapi.json");
    return a ? json_ok(std::string{a->body})
             : json_error(404, "no OpenAPI document embedded");
  }));
  out.push_back(get("/api/v1/stream", access::read, [](const auto&) {
    auto r = json_error(426, "a WebSocket endpoint: send an upgrade");
    r.headers.emplace_back("Upgrade", "websocket");
    return r;
  }));
  for (auto topic : plain_topics)
    out.push_back(get(std::string{"/api/v1/"} + topic, access::read,
                      [t = std::string{topic}](const route_call& c) {
                        return snapshot_of(*c.setup.board, t, 503);
                      }));
  out.push_back(get("/api/v1/books", access::read, [](const route_call& c) {
    return topic_list(*c.setup.board, "book:", "books");
  }));
  out.push_back(get("/api/v1/books/{venue}/{symbol}", access::read,
                    [](const route_call& c) {
                      return snapshot_of(*c.setup.board,
                                         "book:" + c.params.at("venue") + ":"
                                           + c.params.at("symbol"),
                                         404);
                    }));
  out.push_back(get("/api/v1/spreads", access::read, [](const route_call& c) {
    return topic_list(*c.setup.board, "spread:", "pairs");
  }));
  out.push_back(get("/api/v1/spreads/{pair}", access::read,
                    [](const route_call& c) {
                      return snapshot_of(*c.setup.board,
                                         "spread:" + c.params.at("pair"), 404);
                    }));
  out.push_back(get("/api/v1/orders/{id}", access::read,
                    [](const route_call& c) {
                      return order_by_id(*c.setup.board, c.params.at("id"));
                    }));
  out.push_back(
    get("/api/v1/opportunities", access::read, [](const route_call& c) {
      auto n = limit_of(c);
      return n ? opportunities(*c.setup.board, *n) : bad_limit();
    }));
  for (auto topic : {"events", "alerts"})
    out.push_back(get(std::string{"/api/v1/"} + topic, access::read,
                      [t = std::string{topic}](const route_call& c) {
                        auto n = limit_of(c);
                        return n ? stream_items(*c.setup.board, t, *n)
                                 : bad_limit();
                      }));
  return out;
}

} // namespace karb::api
