#pragma once

// A plain text table: columns as wide as their widest cell, two spaces
// apart, the header first.

#include <string>
#include <vector>

namespace karb::inspect_cli {

class table {
public:
  explicit table(std::vector<std::string> header)
    : rows_{std::move(header)} {
    // nop
  }

  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  std::string render() const {
    std::vector<size_t> width;
    for (auto& r : rows_)
      for (size_t i = 0; i < r.size(); ++i) {
        if (width.size() <= i)
          width.push_back(0);
        width[i] = std::max(width[i], r[i].size());
      }
    std::string out;
    for (auto& r : rows_) {
      std::string line;
      for (size_t i = 0; i < r.size(); ++i) {
        line += r[i];
        if (i + 1 < r.size())
          line += std::string(width[i] - r[i].size() + 2, ' ');
      }
      out += line + '\n';
    }
    return out;
  }

private:
  std::vector<std::vector<std::string>> rows_;
};

} // namespace karb::inspect_cli
