#pragma once

// Per-listener flow control of a book actor: at most one view in flight;
// while one is, newer views only mark the listener dirty, and its reply (or
// a timeout) releases the latest view. A slow listener thus sees the newest
// book after each reply, never a queue of old ones.

namespace karb::book {

class conflation_slot {
public:
  /// A new view exists. True: send it now.
  bool offer() {
    if (in_flight_) {
      dirty_ = true;
      return false;
    }
    in_flight_ = true;
    return true;
  }

  /// The listener replied (or its request timed out). True: send the
  /// latest view now.
  bool on_reply() {
    in_flight_ = false;
    if (!dirty_)
      return false;
    dirty_ = false;
    in_flight_ = true;
    return true;
  }

  bool in_flight() const { return in_flight_; }
  bool dirty() const { return dirty_; }

private:
  bool in_flight_ = false;
  bool dirty_ = false;
};

} // namespace karb::book
