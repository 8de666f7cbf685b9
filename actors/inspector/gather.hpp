#pragma once

// Builds one JSON answer from several asynchronous replies: each reply
// fills its part of `out`, and `on_done` runs once the last one is in.
// Every request the inspector sends has a timeout, so it always runs.

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

namespace karb::inspector {

class gather {
public:
  using done_fn = std::function<void(nlohmann::json&)>;

  /// Waits for `pending` parts; runs `on_done` at once if there are none.
  static std::shared_ptr<gather> start(nlohmann::json out, size_t pending,
                                       done_fn on_done) {
    auto g = std::shared_ptr<gather>(
      new gather(std::move(out), pending, std::move(on_done)));
    if (pending == 0)
      g->finish();
    return g;
  }

  nlohmann::json& out() { return out_; }

  /// One part arrived (or failed).
  void done() {
    if (pending_ > 0 && --pending_ == 0)
      finish();
  }

private:
  gather(nlohmann::json out, size_t pending, done_fn on_done)
    : out_(std::move(out)), pending_(pending), on_done_(std::move(on_done)) {
    // nop
  }

  void finish() {
    if (on_done_) {
      auto f = std::move(on_done_);
      on_done_ = nullptr;
      f(out_);
    }
  }

  nlohmann::json out_;
  size_t pending_;
  done_fn on_done_;
};

using gather_ptr = std::shared_ptr<gather>;

} // namespace karb::inspector
