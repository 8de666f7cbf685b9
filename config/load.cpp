#include "config/load.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/sections.hpp"
#include "config/secrets.hpp"
#include "config/yaml_reader.hpp"

namespace karb::config {

const venue_settings* settings::find_venue(std::string_view name) const {
  for (auto& v : venues)
    if (v.name == name)
      return &v;
  return nullptr;
}

load_result load_text(const std::string& text, const std::string& file,
                      const env_lookup& env, bool resolve_secrets) {
  load_result out;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    out.errors.push_back({file, "", "not valid YAML: " + e.msg + " (line "
                                      + std::to_string(e.mark.line + 1) + ")"});
    return out;
  }
  yaml_reader r{file, out.errors};
  if (!root.IsMap()) {
    r.fail("", "expected a map at the top level");
    return out;
  }
  settings s;
  s.source_file = file;
  r.check_keys(root, "", {"node", "supervision", "venues", "strategies",
                          "risk", "execution", "alerts"});
  read_node(r, root["node"], s.node);
  read_supervision(r, root["supervision"], s.supervision);
  read_venues(r, root["venues"], s.venues);
  read_strategies(r, root["strategies"], s.strategies);
  read_risk(r, root["risk"], s.risk);
  read_execution(r, root["execution"], s.execution);
  read_alerts(r, root["alerts"], s.alerts);
  check_references(r, s);
  if (resolve_secrets && out.errors.empty()) {
    env_lookup lookup = env ? env : [](const char* n) { return std::getenv(n); };
    config::resolve_secrets(r, s, lookup);
  }
  if (out.errors.empty())
    out.value = std::move(s);
  return out;
}

load_result load(const std::string& file, const env_lookup& env,
                 bool resolve_secrets) {
  std::ifstream in{file};
  if (!in) {
    load_result out;
    out.errors.push_back({file, "", "cannot open file"});
    return out;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return load_text(buf.str(), file, env, resolve_secrets);
}

} // namespace karb::config
