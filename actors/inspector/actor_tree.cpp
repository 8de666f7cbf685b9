#include "actors/inspector/actor_tree.hpp"

#include <algorithm>

namespace karb::inspector {

namespace {

using nlohmann::json;

json line(std::string name, std::string kind, std::string state) {
  return {{"name", std::move(name)},
          {"kind", std::move(kind)},
          {"state", std::move(state)},
          {"children", json::array()}};
}

json child_line(const child_status& c) {
  auto out = line(c.name, c.kind, c.state);
  out["restarts"] = c.restarts;
  out["consecutive_failures"] = c.consecutive_failures;
  out["breaker"] = c.breaker;
  return out;
}

json order_line(const order& o) {
  auto out = line("order:" + o.client_order_id, "order", to_string(o.status));
  out["order_id"] = o.client_order_id;
  out["venue"] = to_string(o.symbol.venue);
  out["symbol"] = o.symbol.venue_symbol;
  return out;
}

json execution_children(const tree_parts& p) {
  json out = json::array();
  std::vector<std::string> ids;
  for (const auto& t : *p.trades) {
    ids.push_back(t.trade_id);
    auto x = line("trade:" + t.trade_id, "trade", t.state);
    x["strategy"] = t.strategy_id;
    out.push_back(std::move(x));
  }
  for (const auto& o : p.orders) {
    auto owner = trade_of_order(o.client_order_id, ids);
    auto i = std::find(ids.begin(), ids.end(), owner);
    if (owner.empty() || i == ids.end())
      out.push_back(order_line(o));
    else
      out[static_cast<size_t>(i - ids.begin())]["children"].push_back(
        order_line(o));
  }
  return out;
}

} // namespace

std::string trade_of_order(const std::string& client_order_id,
                           const std::vector<std::string>& trade_ids) {
  // Drop "-<leg>-<attempt>"; what is left ends with the trade id.
  auto last = client_order_id.rfind('-');
  if (last == std::string::npos || last == 0)
    return {};
  auto leg = client_order_id.rfind('-', last - 1);
  if (leg == std::string::npos)
    return {};
  auto head = client_order_id.substr(0, leg);
  std::string best;
  for (const auto& id : trade_ids)
    if (!id.empty() && id.size() <= head.size()
        && head.compare(head.size() - id.size(), id.size(), id) == 0
        && id.size() > best.size())
      best = id;
  return best;
}

json actor_tree(const node_status& node, const tree_parts& parts) {
  auto root = line(node.name, "node", "running");
  root["uptime_ms"] = node.uptime_ms;
  for (const auto& c : node.children) {
    auto x = child_line(c);
    if (c.kind == "market_data") {
      if (parts.books)
        for (const auto& b : *parts.books)
          x["children"].push_back(line(b.name, b.kind, b.state));
      else if (!parts.books_error.empty())
        x["error"] = parts.books_error;
    } else if (c.kind == "execution") {
      if (parts.trades)
        x["children"] = execution_children(parts);
      else if (!parts.execution_error.empty())
        x["error"] = parts.execution_error;
    }
    root["children"].push_back(std::move(x));
  }
  return root;
}

} // namespace karb::inspector
