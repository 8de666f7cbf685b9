#pragma once

// The current REST actor of one venue, read where a request starts: the
// venue supervisor sets it each time it (re)spawns the actor, and orders,
// reconciliation and the portfolio read it at each request, so a request
// goes straight to the REST actor (no forwarding hop) and still finds the
// new one after a restart. Copies share the one cell; thread-safe. Before
// the venue has spawned its first REST actor (right after the node
// started it), `with_rest` asks the venue instead.

#include <chrono>
#include <memory>
#include <mutex>

#include <caf/all.hpp>

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

  /// Points the link (and every copy) at `hdl`.
  void set(venue_rest_actor hdl) const {
    std::lock_guard<std::mutex> guard{cell_->mtx};
    cell_->hdl = std::move(hdl);
  }

  /// The venue whose REST actor this is (asked while the link is empty).
  venue_actor venue() const {
    std::lock_guard<std::mutex> guard{cell_->mtx};
    return cell_->venue;
  }

  void bind(venue_actor v) const {
    std::lock_guard<std::mutex> guard{cell_->mtx};
    cell_->venue = std::move(v);
  }

private:
  struct cell {
    std::mutex mtx;
    venue_rest_actor hdl;
    venue_actor venue;
  };
  std::shared_ptr<cell> cell_;
};

/// Calls `f(rest)` with the venue's REST actor: at once when the link has
/// one, else once the venue answers (the venue spawns it when it starts);
/// `fail(error)` when there is neither.
template <class Self, class F, class G>
void with_rest(Self* self, const rest_link& link, F f, G fail) {
  if (auto rest = link.get())
    return f(rest);
  auto v = link.venue();
  if (!v)
    return fail(caf::make_error(caf::sec::invalid_argument,
                                "the venue has no REST actor"));
  self->request(v, std::chrono::seconds{10}, atom::rest_v)
    .then([f](const venue_rest_actor& rest) mutable { f(rest); },
          [fail](caf::error& err) mutable { fail(err); });
}

} // namespace karb::venue
