#pragma once

// The network of an in-process replay, handed to the node through
// app::deps::venue_io (one venue_io per venue):
//
//  - WebSocket transports that never touch a socket: connect() opens on the
//    I/O thread the venues use (`io`), send_text() records the book
//    subscription (public) or the stream filter (private), and the replay
//    driver delivers tape frames to the open feed connections' on_frame in
//    batches posted to that thread, stamped like ws_client (recv_ns =
//    steady clock at delivery, the frame's venue timestamp = wall clock ms,
//    never decreasing);
//  - HTTP transports answered on the REST thread (`rest_io`) by an
//    in-process karb-sim (karb::sim::simulator: markets, accounts, signed
//    order placement, lookups, cancels), stamped as written when the
//    request is taken (timing.sent_ns: the end of the node's tick-to-order)
//    and answered at once. The simulator's own market steps at its book
//    rate as requests arrive, and its private events (myOrder, myAsset) go
//    to the private connections on the I/O thread.
//
// Threading: frames and private events run on `io`'s thread, requests on
// `rest_io`'s; the node calls the transports from its actor threads. Both
// runners must be single-threaded and outlive every transport's last task
// (flush() waits for the queued ones).

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "actors/venue/transport.hpp"
#include "config/settings.hpp"
#include "tools/karb-bench/tape.hpp"

namespace karb::sim {
class simulator;
} // namespace karb::sim

namespace karb::bench {

struct ws_link;

class replay_net : public std::enable_shared_from_this<replay_net> {
public:
  /// `venues`: the tape's venue names; the simulator lists them in that
  /// order. `t` is owned from here on (its stamps are rewritten in place).
  replay_net(net::io_runner& io, net::io_runner& rest_io, sim::simulator& sim,
             tape t);
  ~replay_net();

  /// The transports of one venue of the node (for app::deps::venue_io).
  venue::venue_io io_for(const config::venue_settings& v);

  const tape& frames() const { return tape_; }

  /// Posts one batch (positions `refs[0..n)` into the tape's frames) to
  /// the I/O thread; `refs` must stay valid until it ran.
  void post_batch(const uint32_t* refs, size_t n);
  /// Batches posted and not yet run.
  int in_flight() const { return in_flight_.load(); }
  /// Blocks until fewer than `limit` batches are in flight (no spinning).
  void wait_in_flight_below(int limit);
  /// Runs a no-op on both threads and waits for it: every task queued
  /// before has run.
  void flush();

  struct counters {
    uint64_t delivered = 0;  ///< frames handed to a feed's on_frame
    uint64_t unrouted = 0;   ///< frames of a venue with no open feed
    uint64_t ws_connects = 0;
    uint64_t requests = 0;   ///< REST requests answered
    uint64_t http_errors = 0; ///< of those, status >= 400
    uint64_t orders = 0;     ///< order placements (POST) written
    uint64_t private_frames = 0;
  };
  counters stats() const;

  /// Book codes subscribed on venue `i`'s current feed connection.
  size_t subscribed(size_t i) const;
  /// Placements written in [from_ns, to_ns) (steady clock).
  uint64_t orders_between(int64_t from_ns, int64_t to_ns) const;

  // -- for the transports (internal) ------------------------------------------
  net::io_runner& io() { return io_; }
  net::io_runner& rest_io() { return rest_io_; }
  void attach(const std::shared_ptr<ws_link>& l);   ///< I/O thread
  void detach(const std::shared_ptr<ws_link>& l);   ///< I/O thread
  void on_sent(ws_link& l, const std::string& text); ///< I/O thread
  /// Answers one request (REST thread).
  void answer(size_t venue, const http::request& req, net::http_result& r);

private:
  void run_batch(const uint32_t* refs, size_t n);
  void step_market(int64_t now_ms);
  void push_private(size_t venue, int64_t now_ms);

  net::io_runner& io_;
  net::io_runner& rest_io_;
  sim::simulator& sim_;
  tape tape_;
  std::vector<std::string> venues_;
  // I/O thread only:
  std::vector<std::shared_ptr<ws_link>> feed_, private_;
  std::vector<int64_t> last_stamp_;
  // REST thread only:
  int64_t last_step_ms_ = 0;
  int64_t step_ms_ = 50;
  // Anyone:
  std::atomic<int> in_flight_{0};
  std::unique_ptr<std::atomic<size_t>[]> subscribed_;
  std::atomic<uint64_t> delivered_{0}, unrouted_{0}, ws_connects_{0},
    requests_{0}, http_errors_{0}, private_frames_{0};
  mutable std::mutex orders_mtx_;
  std::vector<int64_t> order_sent_ns_;
};

} // namespace karb::bench
