#pragma once

// One Subscribe call: the current snapshot of each matching topic, then
// every change the board announces. The board's listener runs on the
// publisher's thread and never waits: it queues (conflating snapshots) and
// starts a write when none is in flight; a stream backlog past the bound
// ends the call with RESOURCE_EXHAUSTED. Internal to karb_grpc.

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "actors/api/grpc/karb.grpc.pb.h"
#include "actors/api/grpc/update_queue.hpp"
#include "actors/api/snapshot_board.hpp"

namespace karb::api {

class subscription;

/// The open Subscribe calls, so that the server can end them on stop.
class stream_registry {
public:
  /// False once closed (then the call must be refused).
  bool add(subscription* s);
  void remove(subscription* s);

  /// Ends every open call with `why` and refuses new ones.
  void close(const grpc::Status& why);

private:
  std::mutex mtx_;
  bool closed_ = false;
  std::set<subscription*> open_;
};

/// Whether `topic` matches one of `patterns` (a trailing `*`: a prefix).
bool topic_matches(const std::vector<std::string>& patterns,
                   const std::string& topic);

class subscription : public grpc::ServerWriteReactor<v1::Update> {
public:
  /// Starts serving at once: registers, listens, queues the snapshots.
  subscription(snapshot_board& board, stream_registry& registry,
               std::vector<std::string> patterns,
               size_t max_stream_backlog = update_queue::default_stream_backlog);

  /// Finishes the call with `why` unless it already finished; any thread.
  void end(const grpc::Status& why);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

private:
  /// Shared with the board's listener, which may still run (on the
  /// publisher's thread) after this reactor is gone.
  struct state {
    explicit state(size_t max_stream_backlog) : queue(max_stream_backlog) {
      // nop
    }
    std::mutex mtx;
    subscription* call = nullptr; ///< null once done
    update_queue queue;
    bool writing = false;
    bool finished = false;
    v1::Update current;           ///< the write in flight
  };

  static void deliver(state& st, const board_entry& e);
  /// With st.mtx held: starts the next write, if any and none in flight.
  static void write_next(state& st);
  /// With st.mtx held.
  static void finish(state& st, const grpc::Status& why);

  snapshot_board& board_;
  stream_registry& registry_;
  std::vector<std::string> patterns_;
  std::shared_ptr<state> st_;
  uint64_t listener_ = 0;
};

/// A Subscribe call refused before it started.
class refused_subscription : public grpc::ServerWriteReactor<v1::Update> {
public:
  explicit refused_subscription(const grpc::Status& why) {
    Finish(why);
  }
  void OnDone() override {
    delete this;
  }
};

} // namespace karb::api
