#pragma once

// One reader per top-level section of the configuration file.

#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/settings.hpp"
#include "config/yaml_reader.hpp"

namespace karb::config {

void read_node(yaml_reader& r, const YAML::Node& n, node_settings& out);
/// node.api (called by read_node).
void read_api(yaml_reader& r, const YAML::Node& n, const std::string& p,
              api_settings& out);
void read_supervision(yaml_reader& r, const YAML::Node& n,
                      supervision_settings& out);
void read_venues(yaml_reader& r, const YAML::Node& n,
                 std::vector<venue_settings>& out);
void read_strategies(yaml_reader& r, const YAML::Node& n,
                     std::vector<strategy_settings>& out);
void read_risk(yaml_reader& r, const YAML::Node& n, risk_settings& out);
void read_execution(yaml_reader& r, const YAML::Node& n,
                    execution_settings& out);
void read_alerts(yaml_reader& r, const YAML::Node& n, alert_settings& out);
/// Cross-section checks (strategies name configured venues that trade
/// their quote, ids unique, ...); fills each strategy's quote from its venues.
void check_references(yaml_reader& r, settings& s);

} // namespace karb::config
