// The book core with each venue's sequencer, fed a random sequence of
// whole books, deltas, ticks and failed snapshots (with a latency sample
// of any venue event time; the counters and percentiles are read at the
// end). The first byte picks the sync mode; then each operation is an
// opcode byte and its fields (sequence numbers move by a signed byte, so
// most runs go forward with gaps, duplicates and steps back; prices are
// small, or any raw 64-bit value when the opcode says so).
//
// After every step: bids strictly descending, asks strictly ascending, no
// crossed or one-sided book called healthy, and the published view agrees.

#include <vector>

#include "actors/book/book_core.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace karb;
using book::book_side_id;

namespace {

struct sequence_reader {
  fuzz::fuzz_input& in;
  int64_t seq = 100;
  int64_t now_ns = 1'000'000'000;

  decimal price(bool raw) {
    if (raw)
      return decimal::from_raw(in.i64());
    return decimal::from_raw((int64_t{in.byte()} + 1) * decimal::one_raw
                             / 4);
  }

  std::vector<price_level> levels(bool raw) {
    std::vector<price_level> out(in.byte() % 6);
    for (auto& l : out) {
      l.price = price(raw);
      l.volume = decimal::from_raw(int64_t{in.byte() % 4} * decimal::one_raw
                                   / 2);
    }
    return out;
  }

  void advance() {
    seq += static_cast<int8_t>(in.byte());
    now_ns += int64_t{in.byte()} * 20'000'000;
  }
};

void check_side(const book::l2_book& b, book_side_id side) {
  auto n = side == book_side_id::bid ? b.bid_levels() : b.ask_levels();
  for (size_t i = 1; i < n; ++i) {
    auto prev = b.level(side, i - 1).price;
    auto cur = b.level(side, i).price;
    KARB_FUZZ_CHECK(side == book_side_id::bid ? prev > cur : prev < cur);
  }
}

void check_invariants(const book::book_core& core, const instrument& sym) {
  const auto& b = core.book();
  check_side(b, book_side_id::bid);
  check_side(b, book_side_id::ask);
  if (core.healthy())
    KARB_FUZZ_CHECK(b.has_bid() && b.has_ask() && !b.crossed());
  auto view = core.view(sym, 5);
  KARB_FUZZ_CHECK(view.healthy == core.healthy());
  for (size_t i = 1; i < view.book.bids.size(); ++i)
    KARB_FUZZ_CHECK(view.book.bids[i - 1].price > view.book.bids[i].price);
  for (size_t i = 1; i < view.book.asks.size(); ++i)
    KARB_FUZZ_CHECK(view.book.asks[i - 1].price < view.book.asks[i].price);
}

} // namespace

KARB_FUZZ_TARGET(book_sequence) {
  fuzz::fuzz_input in{data, size};
  book::book_core_config cfg;
  cfg.mode = static_cast<book::sync_mode>(in.byte() % 6);
  cfg.max_buffer = 16;
  book::book_core core{cfg};
  instrument sym{exchange::okx_swap, "BTC", "USDT", "BTC-USDT-SWAP",
                 contract_type::perpetual};
  sequence_reader r{in};
  for (int step = 0; step < 256 && !in.empty(); ++step) {
    auto op = in.byte();
    bool raw = op & 0x80;
    r.advance();
    switch (op % 4) {
      case 0: {
        order_book b;
        b.symbol = sym;
        b.bids = r.levels(raw);
        b.asks = r.levels(raw);
        b.sequence = r.seq;
        b.ts_event_ns = r.now_ns;
        b.ts_recv_ns = r.now_ns;
        (void) core.on_book(b, r.now_ns);
        break;
      }
      case 1: {
        book_delta d;
        d.symbol = sym;
        d.bids = r.levels(raw);
        d.asks = r.levels(raw);
        auto flags = in.byte();
        d.seq = r.seq;
        d.first_seq = r.seq - (flags & 3);
        d.prev_seq = r.seq - 1 - ((flags >> 2) & 3);
        d.reset = flags & 0x10;
        d.has_checksum = flags & 0x20;
        d.checksum = static_cast<int32_t>(in.i64());
        d.ts_event_ns = r.now_ns;
        d.ts_recv_ns = r.now_ns;
        (void) core.on_delta(d, r.now_ns);
        break;
      }
      case 2:
        (void) core.on_tick(r.now_ns);
        break;
      case 3:
        // A venue's event time is outside input; our clocks are not.
        core.on_snapshot_failed();
        core.record_latency(in.i64(), r.now_ns, r.now_ns + 1000,
                            1'700'000'000'000'000'000);
        break;
    }
    check_invariants(core, sym);
  }
  // Once per run: each call scans every histogram bucket, and inside the
  // loop those scans were most of the target's time.
  (void) core.stats(sym);
}
