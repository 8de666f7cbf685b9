#pragma once

// What a configuration reload would change (pure, no CAF). Only the
// strategies and the risk limits are applied live; any other difference
// (venues and their credentials, node.*, supervision, execution, alerts,
// the risk failure breaker's risk.failures_to_pause / failure_pause_s)
// needs a restart, and then the whole reload is refused.

#include <string>
#include <vector>

#include "config/settings.hpp"

namespace karb::app {

/// One changed risk limit, values in text form.
struct limit_change {
  std::string key;        ///< e.g. "risk.max_position_btc"
  std::string old_value;
  std::string new_value;
  friend bool operator==(const limit_change&, const limit_change&) = default;
};

struct reload_plan {
  std::vector<std::string> added;    ///< strategy ids (enabled, new)
  std::vector<std::string> removed;  ///< strategy ids (gone or disabled)
  std::vector<std::string> changed;  ///< strategy ids with other params
  std::vector<limit_change> risk;
  /// Keys whose change needs a restart ("venues.upbit.rest_url"); no
  /// values, so no secret can leak through it.
  std::vector<std::string> restart_needed;

  bool refused() const { return !restart_needed.empty(); }
  bool empty() const {
    return added.empty() && removed.empty() && changed.empty()
           && risk.empty() && restart_needed.empty();
  }
};

/// The plan that turns the running `old` settings into `next`.
reload_plan plan_reload(const config::settings& old,
                        const config::settings& next);

/// The operator's one-line result: "reloaded: +strategies [a], -strategies
/// [], ~strategies [], risk changes N", or "refused: <reason>".
std::string summary(const reload_plan& p);

/// "refused: <reason>".
std::string refusal(const std::string& reason);

/// The strategy's instance ids ("spread:BTC", named as children by
/// strategy::instance_name), one per symbol; none when disabled.
std::vector<std::string> instance_ids(const config::strategy_settings& s);

} // namespace karb::app
