#pragma once

// Reads fixture payloads from ../shared/fixtures/exchanges (KARB_FIXTURES_DIR).

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace karb::test {

inline std::string fixture(const std::string& relative) {
  std::ifstream in(std::string{KARB_FIXTURES_DIR} + "/" + relative,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::string> fixture_lines(const std::string& relative) {
  std::istringstream in(fixture(relative));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      lines.push_back(line);
  return lines;
}

} // namespace karb::test
