#include "config/yaml_reader.hpp"

#include <algorithm>
#include <charconv>

namespace karb::config {

namespace {

const char* kind_of(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "a scalar";
  }
}

} // namespace

std::string to_string(const config_error& e) {
  return e.file + ": " + (e.path.empty() ? "" : e.path + ": ") + e.message;
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string{key} : path + "." + std::string{key};
}

void yaml_reader::fail(const std::string& path, std::string message) {
  errors_.push_back({file_, path, std::move(message)});
}

bool yaml_reader::expect_map(const YAML::Node& node, const std::string& path) {
  if (!node.IsDefined()) // absent (also a missing key of a const map)
    return false;
  if (node.IsMap())
    return true;
  if (node.IsDefined() && !node.IsNull())
    fail(path, std::string{"expected a map, got "} + kind_of(node));
  return false;
}

bool yaml_reader::key_text(const YAML::Node& key, const std::string& path,
                           std::string& out) {
  if (!key.IsScalar()) {
    fail(path, std::string{"expected a text key, got "} + kind_of(key));
    return false;
  }
  out = key.Scalar();
  return true;
}

void yaml_reader::check_keys(const YAML::Node& map, const std::string& path,
                             std::initializer_list<std::string_view> allowed) {
  for (auto kv : map) {
    std::string key;
    if (!key_text(kv.first, path, key))
      continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(join(path, key), "unknown key");
  }
}

YAML::Node yaml_reader::scalar(const YAML::Node& map, const std::string& path,
                               const char* key, bool required,
                               const char* expected) {
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required)
      fail(join(path, key), "missing (required)");
    return YAML::Node{YAML::NodeType::Undefined};
  }
  if (!n.IsScalar()) {
    fail(join(path, key),
         std::string{"expected "} + expected + ", got " + kind_of(n));
    return YAML::Node{YAML::NodeType::Undefined};
  }
  return n;
}

void yaml_reader::read(const YAML::Node& map, const std::string& path,
                       const char* key, std::string& out, bool required) {
  if (auto n = scalar(map, path, key, required, "a string"); n.IsDefined())
    out = n.Scalar();
}

void yaml_reader::read(const YAML::Node& map, const std::string& path,
                       const char* key, bool& out, bool required) {
  if (auto n = scalar(map, path, key, required, "true or false");
      n.IsDefined()) {
    const auto& s = n.Scalar();
    if (s == "true")
      out = true;
    else if (s == "false")
      out = false;
    else
      fail(join(path, key), "expected true or false, got '" + s + "'");
  }
}

void yaml_reader::read(const YAML::Node& map, const std::string& path,
                       const char* key, int64_t& out, bool required) {
  if (auto n = scalar(map, path, key, required, "an integer"); n.IsDefined()) {
    const auto& s = n.Scalar();
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size())
      fail(join(path, key), "expected an integer, got '" + s + "'");
    else
      out = v;
  }
}

void yaml_reader::read(const YAML::Node& map, const std::string& path,
                       const char* key, double& out, bool required) {
  if (auto n = scalar(map, path, key, required, "a number"); n.IsDefined()) {
    // Ratios only; money goes through the decimal overload.
    auto d = decimal::parse(n.Scalar());
    if (!d)
      fail(join(path, key), "expected a number, got '" + n.Scalar() + "'");
    else
      out = d->to_double();
  }
}

void yaml_reader::read(const YAML::Node& map, const std::string& path,
                       const char* key, decimal& out, bool required) {
  if (auto n = scalar(map, path, key, required, "a decimal number");
      n.IsDefined()) {
    auto d = decimal::parse_exact(n.Scalar());
    if (!d)
      fail(join(path, key), "expected a decimal number with at most 8 "
                            "decimals, got '" + n.Scalar() + "'");
    else
      out = *d;
  }
}

void yaml_reader::read(const YAML::Node& map, const std::string& path,
                       const char* key, std::vector<std::string>& out,
                       bool required) {
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required)
      fail(join(path, key), "missing (required)");
    return;
  }
  if (!n.IsSequence()) {
    fail(join(path, key), std::string{"expected a list, got "} + kind_of(n));
    return;
  }
  out.clear();
  for (size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar())
      fail(join(path, key) + "[" + std::to_string(i) + "]",
           "expected a string");
    else
      out.push_back(n[i].Scalar());
  }
}

void yaml_reader::check_range(const std::string& path, int64_t value,
                              int64_t lo, int64_t hi) {
  if (value < lo || value > hi)
    fail(path, "out of range: " + std::to_string(value) + " not in ["
                 + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

void yaml_reader::check_range(const std::string& path, double value, double lo,
                              double hi) {
  if (!(value >= lo && value <= hi))
    fail(path, "out of range: " + std::to_string(value) + " not in ["
                 + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

void yaml_reader::check_range(const std::string& path, decimal value,
                              decimal lo, decimal hi) {
  if (value < lo || value > hi)
    fail(path, "out of range: " + value.to_string() + " not in ["
                 + lo.to_string() + ", " + hi.to_string() + "]");
}

} // namespace karb::config
