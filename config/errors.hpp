#pragma once

// A configuration problem: which file, which key path, what is wrong.

#include <string>
#include <vector>

namespace karb::config {

struct config_error {
  std::string file;
  std::string path;     ///< e.g. "venues.upbit.fees.taker"
  std::string message;  ///< e.g. "unknown key", "expected a number, got 'x'"
};

/// "file: path: message"
std::string to_string(const config_error& e);

using config_errors = std::vector<config_error>;

} // namespace karb::config
