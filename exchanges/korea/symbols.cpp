#include "exchanges/korea/symbols.hpp"

namespace karb::korea {

namespace {

bool is_code_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string_view strip_depth(std::string_view code) {
  auto dot = code.find('.');
  return dot == std::string_view::npos ? code : code.substr(0, dot);
}

} // namespace

bool is_market_code(std::string_view code) {
  auto dash = code.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == code.size())
    return false;
  for (size_t i = 0; i < code.size(); ++i)
    if (i != dash && !is_code_char(code[i]))
      return false;
  return true;
}

bool assign_instrument(exchange venue, std::string_view code, instrument& out) {
  code = strip_depth(code);
  if (!is_market_code(code))
    return false;
  auto dash = code.find('-');
  out.venue = venue;
  out.quote.assign(code.substr(0, dash));
  out.base.assign(code.substr(dash + 1));
  out.venue_symbol.assign(code);
  out.contract = contract_type::spot;
  return true;
}

std::optional<instrument> to_instrument(exchange venue, std::string_view code) {
  instrument out;
  if (!assign_instrument(venue, code, out))
    return std::nullopt;
  return out;
}

std::string to_market(const instrument& x) {
  return x.quote + "-" + x.base;
}

} // namespace karb::korea
