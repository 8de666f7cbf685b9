#pragma once

// A strategy instance's name: its child name under the node supervisor and
// the source of its log lines and events ("strategy:" and the instance id,
// "strategy:btc-spread:BTC"). The one place that spells the prefix.

#include <string>
#include <string_view>

namespace karb::strategy {

inline constexpr std::string_view instance_prefix = "strategy:";

/// The name of instance `instance_id` ("btc-spread:BTC").
inline std::string instance_name(std::string_view instance_id) {
  std::string out{instance_prefix};
  out += instance_id;
  return out;
}

/// The instance id in `name`; empty when `name` names no strategy.
inline std::string_view instance_id_of(std::string_view name) {
  return name.starts_with(instance_prefix) ? name.substr(instance_prefix.size())
                                           : std::string_view{};
}

} // namespace karb::strategy
