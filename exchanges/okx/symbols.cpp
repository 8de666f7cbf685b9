#include "exchanges/okx/symbols.hpp"

#include <cctype>

namespace karb::okx {

namespace {

void append_upper(std::string& out, std::string_view s) {
  for (char c : s)
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

} // namespace

contract_type contract_of(exchange venue) {
  return venue == exchange::okx_swap ? contract_type::perpetual
                                     : contract_type::spot;
}

std::string_view inst_type(exchange venue) {
  return venue == exchange::okx_swap ? "SWAP" : "SPOT";
}

std::string market_code(const instrument& x) {
  if (!x.venue_symbol.empty())
    return x.venue_symbol;
  std::string out;
  append_upper(out, x.base);
  out += '-';
  append_upper(out, x.quote);
  if (x.venue == exchange::okx_swap || x.contract == contract_type::perpetual)
    out += "-SWAP";
  return out;
}

void assign_symbol(exchange venue, std::string_view inst_id, instrument& out) {
  out.venue = venue;
  out.contract = contract_of(venue);
  out.venue_symbol.assign(inst_id);
  auto dash = inst_id.find('-');
  if (dash == std::string_view::npos) {
    out.base.clear();
    out.quote.clear();
    return;
  }
  out.base.assign(inst_id.substr(0, dash));
  auto rest = inst_id.substr(dash + 1);
  out.quote.assign(rest.substr(0, rest.find('-')));
}

instrument symbol_instrument(exchange venue, std::string_view inst_id) {
  instrument x;
  assign_symbol(venue, inst_id, x);
  return x;
}

} // namespace karb::okx
