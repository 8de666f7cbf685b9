#pragma once

// The pure logic of one book actor: applies full frames, deltas and REST
// snapshots through the venue's sequencer, buffers deltas while a snapshot
// is outstanding, judges the book's health and decides when listeners need
// a new view. No CAF; every time is an argument (`now_ns`: the actor's
// steady clock in ns).
//
// Health, in priority order (the first that holds is the reason):
//   resync   sequenced venue without a usable book (awaiting a snapshot)
//   stale    nothing applied for longer than the window (or never)
//   crossed  best bid >= best ask
//   empty    a side has no level
//   healthy  otherwise

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <variant>
#include <vector>

#include "actors/book/book_latency.hpp"
#include "actors/book/l2_book.hpp"
#include "actors/book/okx_checksum.hpp"
#include "exchanges/binance/sequencing.hpp"
#include "exchanges/bybit/sequencing.hpp"
#include "exchanges/common/book_sync.hpp"
#include "exchanges/okx/sequencing.hpp"
#include "messages/market_data.hpp"

namespace karb::book {

/// How a venue's book messages are sequenced.
enum class sync_mode : uint8_t {
  full_snapshot, ///< every frame is a whole book (Upbit, Bithumb)
  gap_tolerant,  ///< generic sequence numbers, jumps <= 5 tolerated
  binance_spot,  ///< REST snapshot + U/u diffs
  binance_usdm,  ///< REST snapshot + U/u/pu diffs
  okx,           ///< socket snapshot + seqId/prevSeqId updates + CRC32
  bybit,         ///< socket snapshot + deltas on u (u = 1 resets)
};

/// True for the modes whose snapshots come on the socket (a resync
/// subscribes the book again instead of asking REST).
constexpr bool snapshots_on_socket(sync_mode m) {
  return m == sync_mode::okx || m == sync_mode::bybit;
}

std::string_view to_string(sync_mode m);

/// The sequencing the node uses for a venue's books.
sync_mode default_sync_mode(exchange venue);

enum class book_health : uint8_t { healthy, resync, stale, crossed, empty };

/// "" for healthy, else the reason's name.
std::string_view reason_of(book_health h);

struct book_core_config {
  sync_mode mode = sync_mode::full_snapshot;
  int64_t stale_after_ns = 5'000'000'000; ///< no update for this long: stale
  size_t depth = 10;                      ///< levels per side in a view
  size_t max_buffer = 10'000;             ///< deltas kept while resyncing
  /// OKX swaps: base units per contract (the checksum counts contracts).
  decimal contract_size = decimal::from_int(1);
};

/// What one input did.
struct step_result {
  bool applied = false;        ///< the book took the input
  bool dropped = false;        ///< backwards, stale or duplicate: ignored
  bool publish = false;        ///< the published depth or health changed
  bool health_changed = false; ///< health() differs from before the input
  bool need_snapshot = false;  ///< ask the snapshot provider for a book
                               ///< (or, snapshots_on_socket: resubscribe)
};

class book_core {
public:
  book_core() = default;
  explicit book_core(book_core_config cfg) { configure(cfg); }

  /// Resets everything and applies `cfg`.
  void configure(book_core_config cfg);

  /// A whole book: a frame on full-snapshot venues, a snapshot otherwise.
  step_result on_book(const order_book& frame, int64_t now_ns);

  /// Level changes of a sequenced venue (on OKX and Bybit also the
  /// socket's snapshots: `reset`).
  step_result on_delta(const book_delta& delta, int64_t now_ns);

  /// OKX swaps: the contract size, once the venue's rules are known.
  void set_contract_size(decimal size) { cfg_.contract_size = size; }

  /// The snapshot provider failed: stay resyncing, ask again later.
  void on_snapshot_failed() { ++snapshot_failures_; }

  /// Periodic check: staleness, and whether a snapshot is still needed.
  step_result on_tick(int64_t now_ns);

  /// Records the latency of the frame just applied. `wall_now_ns` and
  /// `steady_now_ns` are read together and convert the steady receipt time
  /// to the wall clock for the venue timestamp comparison.
  void record_latency(int64_t event_wall_ns, int64_t recv_steady_ns,
                      int64_t applied_steady_ns, int64_t wall_now_ns);

  // -- observers --------------------------------------------------------------

  book_health health() const { return health_; }
  bool healthy() const { return health_ == book_health::healthy; }
  bool awaiting_snapshot() const;
  const l2_book& book() const { return book_; }
  const book_latency& latency() const { return latency_; }
  const book_core_config& config() const { return cfg_; }
  size_t buffered() const { return buffer_.size(); }

  /// The view listeners get: up to `depth` levels per side, best first.
  book_view view(const instrument& symbol, size_t depth) const;

  /// Counters and percentiles (views_sent is the shell's to fill).
  book_stats stats(const instrument& symbol) const;

private:
  using sequencer = std::variant<full_snapshot_sequencer,
                                 gap_tolerant_sequencer,
                                 binance_spot_sequencer,
                                 binance_usdm_sequencer, okx_sequencer,
                                 bybit_sequencer>;

  verdict snapshot_verdict(int64_t seq);
  verdict delta_verdict(const book_delta& d);
  void apply_delta(const book_delta& d);
  /// OKX / Bybit: a delta through their sequencer (and checksum).
  step_result on_socket_delta(const book_delta& d, int64_t now_ns);
  void replace_with(const book_delta& d);
  void replace(const order_book& b);
  void start_resync();
  void buffer(const book_delta& d);
  /// Recomputes health and the publish decision after an input.
  step_result finish(step_result r, int64_t now_ns);
  book_health evaluate(int64_t now_ns) const;
  /// True if the top `depth` levels differ from the last published ones
  /// (and remembers the new ones).
  bool depth_changed();

  book_core_config cfg_;
  sequencer seq_;
  l2_book book_;
  std::deque<book_delta> buffer_;
  std::vector<level_change> scratch_;
  std::vector<raw_level> published_bids_;
  std::vector<raw_level> published_asks_;
  book_health health_ = book_health::stale;
  int64_t last_local_ns_ = 0; ///< steady time of the last applied input
  bool ever_applied_ = false;
  int64_t last_recv_ns_ = 0;  ///< ts_recv_ns of the last applied input
  int64_t last_seq_ = 0;
  book_latency latency_;
  uint64_t frames_ = 0;
  uint64_t applied_ = 0;
  uint64_t dropped_ = 0;
  uint64_t resyncs_ = 0;
  uint64_t unhealthy_count_ = 0;
  uint64_t snapshot_failures_ = 0;
  /// snapshots_on_socket: the sequence broke; a resubscribe is wanted
  /// until a snapshot arrives (not at start: subscribing brings one).
  bool resubscribe_wanted_ = false;
};

/// Percentiles of a histogram.
latency_summary summarize(const metrics::histogram& h);

} // namespace karb::book
