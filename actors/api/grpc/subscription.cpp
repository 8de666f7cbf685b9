#include "actors/api/grpc/subscription.hpp"

#include "actors/api/grpc/documents.hpp"
#include "actors/log/logging.hpp"

namespace karb::api {

// -- stream_registry ----------------------------------------------------------

bool stream_registry::add(subscription* s) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (closed_)
    return false;
  open_.insert(s);
  return true;
}

void stream_registry::remove(subscription* s) {
  std::lock_guard<std::mutex> guard{mtx_};
  open_.erase(s);
}

void stream_registry::close(const grpc::Status& why) {
  // Held while ending each call: a call removes itself (in OnDone) before
  // it is deleted, so none goes away under our feet.
  std::lock_guard<std::mutex> guard{mtx_};
  closed_ = true;
  for (auto* s : open_)
    s->end(why);
}

bool topic_matches(const std::vector<std::string>& patterns,
                   const std::string& topic) {
  for (auto& p : patterns) {
    if (!p.empty() && p.back() == '*') {
      if (topic.compare(0, p.size() - 1, p, 0, p.size() - 1) == 0)
        return true;
    } else if (p == topic) {
      return true;
    }
  }
  return false;
}

// -- subscription -------------------------------------------------------------

subscription::subscription(snapshot_board& board, stream_registry& registry,
                           std::vector<std::string> patterns,
                           size_t max_stream_backlog)
  : board_(board),
    registry_(registry),
    patterns_(std::move(patterns)),
    st_(std::make_shared<state>(max_stream_backlog)) {
  st_->call = this;
  if (!registry_.add(this)) {
    std::lock_guard<std::mutex> guard{st_->mtx};
    finish(*st_, {grpc::StatusCode::UNAVAILABLE, "server shutting down"});
    return;
  }
  // Listening before reading the current snapshots: a change in between is
  // queued by the listener, and the queue keeps the newer of the two.
  listener_ = board_.subscribe(
    [st = st_, patterns = patterns_](const board_entry& e) {
      if (topic_matches(patterns, e.topic))
        deliver(*st, e);
    });
  for (auto& topic : board_.topics())
    if (topic_matches(patterns_, topic))
      if (auto e = board_.get(topic))
        deliver(*st_, *e);
}

void subscription::deliver(state& st, const board_entry& e) {
  std::lock_guard<std::mutex> guard{st.mtx};
  if (st.finished)
    return;
  if (!st.queue.push(e)) {
    finish(st, {grpc::StatusCode::RESOURCE_EXHAUSTED, "too slow"});
    return;
  }
  write_next(st);
}

void subscription::write_next(state& st) {
  while (!st.writing && !st.finished) {
    auto e = st.queue.pop();
    if (!e)
      return;
    if (!to_update(*e, st.current)) {
      log::warn("api", "grpc_update_skipped",
                {{"topic", e->topic}, {"reason", "not a JSON object"}});
      continue;
    }
    st.writing = true;
    // OnWriteDone never runs inline (gRPC dispatches it), so calling
    // StartWrite under the lock is safe.
    st.call->StartWrite(&st.current);
  }
}

void subscription::finish(state& st, const grpc::Status& why) {
  if (st.finished)
    return;
  st.finished = true;
  // OnDone never runs inline from Finish either.
  st.call->Finish(why);
}

void subscription::end(const grpc::Status& why) {
  std::lock_guard<std::mutex> guard{st_->mtx};
  finish(*st_, why);
}

void subscription::OnWriteDone(bool ok) {
  std::lock_guard<std::mutex> guard{st_->mtx};
  st_->writing = false;
  if (!ok) {
    finish(*st_, {grpc::StatusCode::CANCELLED, "write failed"});
    return;
  }
  write_next(*st_);
}

void subscription::OnCancel() {
  end({grpc::StatusCode::CANCELLED, "cancelled"});
}

void subscription::OnDone() {
  {
    std::lock_guard<std::mutex> guard{st_->mtx};
    st_->call = nullptr;
    st_->finished = true;
  }
  if (listener_ != 0)
    board_.unsubscribe(listener_);
  registry_.remove(this);
  delete this;
}

} // namespace karb::api
