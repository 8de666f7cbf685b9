#include "exchanges/registry.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "exchanges/binance/protocol.hpp"
#include "exchanges/bybit/protocol.hpp"
#include "exchanges/korea/protocol.hpp"
#include "exchanges/okx/protocol.hpp"

namespace karb::venue {

namespace {

constexpr std::array<venue_entry, 10> entries{{
  {exchange::upbit, "upbit", "", contract_type::spot, "KRW"},
  {exchange::bithumb, "bithumb", "", contract_type::spot, "KRW"},
  {exchange::binance_spot, "binance_spot", "", contract_type::spot, "USDT",
   book_model::binance_spot},
  {exchange::binance_usdm, "binance_usdm", "", contract_type::perpetual,
   "USDT", book_model::binance_usdm},
  {exchange::okx_spot, "okx_spot", "", contract_type::spot, "USDT",
   book_model::okx, true},
  {exchange::okx_swap, "okx_swap", "", contract_type::perpetual, "USDT",
   book_model::okx, true},
  {exchange::bybit_spot, "bybit_spot", "", contract_type::spot, "USDT",
   book_model::bybit},
  {exchange::bybit_linear, "bybit_linear", "", contract_type::perpetual,
   "USDT", book_model::bybit},
  {exchange::huobi, "huobi",
   "no HTX gateway: karb does not implement the HTX (Huobi) API",
   contract_type::spot, "USDT"},
  {exchange::custom, "custom",
   "a custom venue needs its own protocol table in exchanges/ (none is "
   "configured)",
   contract_type::spot, ""},
}};

} // namespace

std::span<const venue_entry> venue_entries() {
  return entries;
}

const venue_entry* find_venue(std::string_view name) {
  for (auto& e : entries)
    if (e.name == name)
      return &e;
  return nullptr;
}

const venue_entry& entry_of(exchange venue) {
  for (auto& e : entries)
    if (e.id == venue)
      return e;
  return entries.back();
}

venue_protocol protocol_for(exchange venue, contract_size_fn sizes) {
  switch (venue) {
    case exchange::upbit:
    case exchange::bithumb:
      return korea::korea_protocol(venue);
    case exchange::binance_spot:
    case exchange::binance_usdm:
      return binance::binance_protocol(venue);
    case exchange::okx_spot:
    case exchange::okx_swap:
      return okx::okx_protocol(venue, std::move(sizes));
    case exchange::bybit_spot:
    case exchange::bybit_linear:
      return bybit::bybit_protocol(venue);
    default:
      throw std::invalid_argument("venue " + std::string{entry_of(venue).name}
                                  + ": "
                                  + std::string{entry_of(venue).unavailable});
  }
}

instrument instrument_on(exchange venue, std::string_view base,
                         std::string_view quote) {
  instrument x{venue, std::string{base}, std::string{quote}, "",
               entry_of(venue).contracts};
  x.venue_symbol = protocol_for(venue).market_code(x);
  return x;
}

} // namespace karb::venue
