#include "actors/common/hot_loop.hpp"

#include <caf/actor_system.hpp>
#include <caf/logger.hpp>
#include <caf/scheduler/abstract_coordinator.hpp>

#include "exchanges/common/io_runner.hpp"

namespace karb {

namespace {

/// Resumptions of one actor before it yields to the next ready one.
constexpr size_t max_throughput = 64;

} // namespace

hot_loop::hot_loop(caf::actor_system& sys, net::io_runner& io)
  : caf::execution_unit(&sys), io_(io) {
  // nop
}

hot_loop* hot_loop::of(caf::execution_unit* eu) {
  return dynamic_cast<hot_loop*>(eu);
}

hot_port::hot_port(hot_loop* loop)
  : caf::execution_unit(loop ? &loop->system() : nullptr), loop_(loop) {
  // nop
}

void hot_port::exec_later(caf::resumable* ptr) {
  loop_->exec_pinned(ptr);
}

bool hot_loop::in_loop() const {
  return io_.in_io_thread();
}

void hot_loop::exec_later(caf::resumable* ptr) {
  if (!in_loop()) { // not ours and not on our thread: the pool's
    system().scheduler().enqueue(ptr);
    return;
  }
  handoff_.push_back(ptr);
  schedule();
}

void hot_loop::exec_pinned(caf::resumable* ptr) {
  if (in_loop()) {
    ready_.push_front(ptr); // depth first: what a message just woke runs next
    schedule();
    return;
  }
  io_.post([this, ptr] {
    ++stats_.posted;
    ready(ptr);
  });
}

void hot_loop::defer(std::function<void()> f) {
  if (!in_loop()) {
    io_.post(std::move(f));
    return;
  }
  deferred_.push_back(std::move(f));
  schedule();
}

void hot_loop::ready(caf::resumable* ptr) {
  ready_.push_back(ptr);
  schedule();
}

void hot_loop::schedule() {
  if (scheduled_)
    return;
  scheduled_ = true;
  io_.post([this] { run_cycle(); });
}

void hot_loop::run_cycle() {
  scheduled_ = false;
  ++stats_.cycles;
  while (!ready_.empty()) {
    auto* job = ready_.front();
    ready_.pop_front();
    ++stats_.resumes;
    switch (job->resume(this, max_throughput)) {
      case caf::resumable::resume_later:
        ready_.push_back(job); // keeps the scheduler's reference
        break;
      case caf::resumable::done:
      case caf::resumable::awaiting_message:
      case caf::resumable::shutdown_execution_unit:
        intrusive_ptr_release(job);
        break;
    }
  }
  // Off the path: what the cycle woke on the pool, then the timers.
  if (!handoff_.empty()) {
    auto& sched = system().scheduler();
    stats_.handoffs += handoff_.size();
    for (auto* job : handoff_)
      sched.enqueue(job);
    handoff_.clear();
  }
  if (!deferred_.empty()) {
    auto fs = std::move(deferred_);
    deferred_.clear();
    for (auto& f : fs)
      f();
  }
  // A spawn on this thread left CAF's thread-local logger reference here;
  // held by a thread that outlives the actor system, it would keep the
  // system's destructor waiting for the logger forever.
  if (caf::logger::current_logger() != nullptr)
    caf::logger::set_current_actor_system(nullptr);
}

} // namespace karb
