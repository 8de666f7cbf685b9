#include "exchanges/common/io_runner.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace karb::net {

namespace asio = boost::asio;

struct io_runner::impl {
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>>
    guard;
  std::vector<std::thread> threads;
  std::mutex mtx;
  bool stopped = false;

  explicit impl(int n) : ioc(std::max(1, n)), guard(ioc.get_executor()) {
    for (int i = 0; i < std::max(1, n); ++i)
      threads.emplace_back([this] { ioc.run(); });
  }
};

io_runner::io_runner(int threads) : impl_(std::make_unique<impl>(threads)) {
  // nop
}

io_runner::~io_runner() {
  stop();
}

void io_runner::stop() {
  std::lock_guard<std::mutex> lock{impl_->mtx};
  if (impl_->stopped)
    return;
  impl_->stopped = true;
  impl_->guard.reset();
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable())
      t.join();
}

void io_runner::post(std::function<void()> f) {
  asio::post(impl_->ioc, std::move(f));
}

bool io_runner::in_io_thread() const {
  return impl_->ioc.get_executor().running_in_this_thread();
}

int io_runner::threads() const {
  return static_cast<int>(impl_->threads.size());
}

bool io_runner::stopped() const {
  return impl_->ioc.stopped();
}

asio::io_context& io_runner::context() {
  return impl_->ioc;
}

} // namespace karb::net
