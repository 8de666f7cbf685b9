#include "exchanges/bybit/symbols.hpp"

#include <array>
#include <cctype>

namespace karb::bybit {

namespace {

constexpr std::array<std::string_view, 2> known_quotes{"USDT", "USDC"};

void append_upper(std::string& out, std::string_view s) {
  for (char c : s)
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

} // namespace

std::string_view category_of(exchange venue) {
  return venue == exchange::bybit_linear ? "linear" : "spot";
}

contract_type contract_of(exchange venue) {
  return venue == exchange::bybit_linear ? contract_type::perpetual
                                         : contract_type::spot;
}

std::string market_code(const instrument& x) {
  if (!x.venue_symbol.empty())
    return x.venue_symbol;
  std::string out;
  append_upper(out, x.base);
  append_upper(out, x.quote);
  return out;
}

std::pair<std::string_view, std::string_view> split_symbol(
  std::string_view code) {
  for (auto quote : known_quotes)
    if (code.size() > quote.size() && code.ends_with(quote))
      return {code.substr(0, code.size() - quote.size()),
              code.substr(code.size() - quote.size())};
  return {};
}

void assign_symbol(exchange venue, std::string_view code, instrument& out) {
  auto [base, quote] = split_symbol(code);
  out.venue = venue;
  out.contract = contract_of(venue);
  out.base.assign(base);
  out.quote.assign(quote);
  out.venue_symbol.assign(code);
}

} // namespace karb::bybit
