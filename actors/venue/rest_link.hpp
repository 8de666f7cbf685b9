#pragma once

// The current REST actor of one venue, read where a request starts: the
// venue supervisor sets it each time it (re)spawns the actor, and orders,
// reconciliation and the portfolio read it at each request, so a request
// goes straight to the REST actor (no forwarding hop) and still finds the
// new one after a restart. Copies share the one cell; thread-safe.

#include <memory>
#include <mutex>

#include "messages/interfaces.hpp"

namespace karb::venue {

class rest_link {
public:
  rest_link() : cell_(std::make_shared<cell>()) {
    // nop
  }

  /// A link that points at `fixed` until set otherwise (tests, tools).
  rest_link(venue_rest_actor fixed) : rest_link() { // NOLINT: implicit
    set(std::move(fixed));
  }

  /// The REST actor now (null while the venue has none).
  venue_rest_actor get() const {
    std::lock_guard<std::mutex> guard{cell_->mtx};
    return cell_->hdl;
  }

  void set(venue_rest_actor hdl) {
    std::lock_guard<std::mutex> guard{cell_->mtx};
    cell_->hdl = std::move(hdl);
  }

private:
  struct cell {
    std::mutex mtx;
    venue_rest_actor hdl;
  };
  std::shared_ptr<cell> cell_;
};

} // namespace karb::venue
