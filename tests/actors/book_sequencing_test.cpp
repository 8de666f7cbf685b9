// Generic rule (seed 000 §3.6.2) and verdict names.

#include <gtest/gtest.h>

#include "exchanges/binance/sequencing.hpp"
#include "exchanges/bybit/sequencing.hpp"
#include "exchanges/common/book_sync.hpp"
#include "exchanges/okx/sequencing.hpp"

using namespace karb::book;

TEST(BookGapTolerantSequencer, ResyncsOnlyOnJumpsLargerThanFive) {
  gap_tolerant_sequencer seq;
  EXPECT_EQ(seq.on_update(1), verdict::buffer);
  EXPECT_EQ(seq.on_snapshot(100), verdict::replace);
  EXPECT_EQ(seq.on_update(100), verdict::drop);
  EXPECT_EQ(seq.on_update(101), verdict::apply);
  EXPECT_EQ(seq.on_update(106), verdict::apply); // jump of 5 tolerated
  EXPECT_EQ(seq.last_seq(), 106);
  EXPECT_EQ(seq.on_update(103), verdict::drop);
  EXPECT_EQ(seq.on_update(112), verdict::resync); // jump of 6
  EXPECT_EQ(seq.state(), sync_state::awaiting_snapshot);
  EXPECT_EQ(seq.on_update(113), verdict::buffer);
}

TEST(BookSequencing, NamesVerdictsAndStates) {
  EXPECT_EQ(to_string(verdict::resync), "resync");
  EXPECT_EQ(to_string(verdict::buffer), "buffer");
  EXPECT_EQ(to_string(sync_state::bridging), "bridging");
}
