#pragma once

// Helpers for the book tests: read fixture JSON into the pure core's inputs.

#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/book/l2_book.hpp"
#include "messages/decimal.hpp"

namespace karb::book::test {

inline std::string fixture_path(const std::string& rel) {
  return std::string{KARB_FIXTURES_DIR} + "/" + rel;
}

inline nlohmann::json read_json(const std::string& rel) {
  std::ifstream in{fixture_path(rel)};
  if (!in)
    throw std::runtime_error("missing fixture " + rel);
  return nlohmann::json::parse(in);
}

/// One parsed JSON document per non-empty line.
inline std::vector<nlohmann::json> read_jsonl(const std::string& rel) {
  std::ifstream in{fixture_path(rel)};
  if (!in)
    throw std::runtime_error("missing fixture " + rel);
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      out.push_back(nlohmann::json::parse(line));
  return out;
}

/// [["price","qty",...], ...] -> price levels (strings parsed exactly).
inline std::vector<price_level> levels_of(const nlohmann::json& arr) {
  std::vector<price_level> out;
  for (const auto& l : arr)
    out.push_back({dec(l[0].get<std::string>()), dec(l[1].get<std::string>())});
  return out;
}

/// Bids and asks arrays -> level changes.
inline std::vector<level_change> changes_of(const nlohmann::json& bids,
                                            const nlohmann::json& asks) {
  std::vector<level_change> out;
  for (const auto& l : levels_of(bids))
    out.push_back({book_side_id::bid, l.price, l.volume});
  for (const auto& l : levels_of(asks))
    out.push_back({book_side_id::ask, l.price, l.volume});
  return out;
}

/// An independent reference model: std::map price -> qty per side.
struct map_model {
  std::map<int64_t, int64_t> bids;
  std::map<int64_t, int64_t> asks;

  void load(const std::vector<price_level>& b,
            const std::vector<price_level>& a) {
    bids.clear();
    asks.clear();
    for (const auto& l : b)
      if (l.volume.raw != 0)
        bids[l.price.raw] = l.volume.raw;
    for (const auto& l : a)
      if (l.volume.raw != 0)
        asks[l.price.raw] = l.volume.raw;
  }

  void apply(const std::vector<level_change>& cs) {
    for (const auto& c : cs) {
      auto& m = c.side == book_side_id::bid ? bids : asks;
      if (c.qty.raw == 0)
        m.erase(c.price.raw);
      else
        m[c.price.raw] = c.qty.raw;
    }
  }
};

/// True if `book` holds exactly the levels of `model`, in order.
inline bool same_levels(const l2_book& book, const map_model& model) {
  if (book.bid_levels() != model.bids.size()
      || book.ask_levels() != model.asks.size())
    return false;
  size_t i = 0;
  for (auto it = model.bids.rbegin(); it != model.bids.rend(); ++it, ++i) {
    auto l = book.level(book_side_id::bid, i);
    if (l.price.raw != it->first || l.volume.raw != it->second)
      return false;
  }
  i = 0;
  for (const auto& [p, q] : model.asks) {
    auto l = book.level(book_side_id::ask, i++);
    if (l.price.raw != p || l.volume.raw != q)
      return false;
  }
  return true;
}

} // namespace karb::book::test
