#include "exchanges/binance/symbols.hpp"

#include <cctype>

namespace karb::binance {

namespace {

void append_upper(std::string& out, std::string_view s) {
  for (char c : s)
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

} // namespace

contract_type contract_of(exchange venue) {
  return venue == exchange::binance_usdm ? contract_type::perpetual
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

std::string stream_symbol(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code)
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

instrument symbol_instrument(exchange venue, std::string_view code) {
  instrument x;
  assign_symbol(venue, code, x);
  return x;
}

void assign_symbol(exchange venue, std::string_view code, instrument& out) {
  out.venue = venue;
  out.contract = contract_of(venue);
  out.base.clear();
  out.quote.clear();
  out.venue_symbol.assign(code);
}

} // namespace karb::binance
