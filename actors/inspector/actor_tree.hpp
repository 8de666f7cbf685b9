#pragma once

// The `actors` command's tree (pure): the node, its children as the node
// reports them, the books under market data, and under execution each
// running trade with its live orders (an order whose trade has ended hangs
// under execution itself). Every line is {"name", "kind", "state",
// "children"}, plus what the line knows besides (restarts, venue, ...).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/admin.hpp"
#include "messages/orders.hpp"
#include "messages/trading.hpp"

namespace karb::inspector {

/// What market data and execution answered; an error when they did not.
struct tree_parts {
  std::optional<std::vector<child_status>> books;
  std::string books_error;
  std::optional<std::vector<trade_record>> trades;
  std::vector<order> orders;
  std::string execution_error;
};

/// The trade among `trade_ids` whose id the client order id carries
/// (`<prefix><trade>-<leg>-<attempt>`); empty when none does.
std::string trade_of_order(const std::string& client_order_id,
                           const std::vector<std::string>& trade_ids);

/// {"name", "kind": "node", "state": "running", "children": [...]}.
nlohmann::json actor_tree(const node_status& node, const tree_parts& parts);

} // namespace karb::inspector
