// The venue registry: every name once, an implemented venue has a protocol
// table, the others are refused with their reason, and instruments take
// each venue's own spelling and contract kind.

#include <set>
#include <stdexcept>

#include <gtest/gtest.h>

#include "exchanges/registry.hpp"

using namespace karb;
using namespace karb::venue;

TEST(Registry, NamesEveryVenueOnceAndBuildsTheImplementedOnes) {
  std::set<std::string_view> names;
  for (auto& e : venue_entries()) {
    EXPECT_TRUE(names.insert(e.name).second) << e.name;
    EXPECT_EQ(find_venue(e.name), &e);
    EXPECT_EQ(&entry_of(e.id), &e);
    if (e.unavailable.empty()) {
      auto p = protocol_for(e.id);
      EXPECT_EQ(p.venue, e.id);
      EXPECT_TRUE(p.place && p.cancel && p.lookup && p.balances) << e.name;
    } else {
      try {
        protocol_for(e.id);
        ADD_FAILURE() << e.name << " built a protocol";
      } catch (const std::invalid_argument& x) {
        EXPECT_NE(std::string{x.what()}.find(e.unavailable),
                  std::string::npos);
      }
    }
  }
  EXPECT_EQ(find_venue("binance"), nullptr); // two venues, two names
}

TEST(Registry, InstrumentsUseTheVenuesSpellingAndKind) {
  EXPECT_EQ(instrument_on(exchange::upbit, "BTC", "KRW"),
            (instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC",
                        contract_type::spot}));
  EXPECT_EQ(instrument_on(exchange::binance_spot, "ETH", "USDT"),
            (instrument{exchange::binance_spot, "ETH", "USDT", "ETHUSDT",
                        contract_type::spot}));
  EXPECT_EQ(instrument_on(exchange::binance_usdm, "BTC", "USDT"),
            (instrument{exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
                        contract_type::perpetual}));
  EXPECT_EQ(entry_of(exchange::binance_usdm).books, book_model::binance_usdm);
  EXPECT_EQ(entry_of(exchange::binance_spot).books, book_model::binance_spot);
  EXPECT_EQ(entry_of(exchange::bithumb).books, book_model::full_snapshot);
}
