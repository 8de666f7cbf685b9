#include "exchanges/common/io_runner.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

using namespace karb::net;
using namespace std::chrono_literals;

TEST(IoRunner, PostRunsOnAnIoThread) {
  io_runner io{2};
  EXPECT_EQ(io.threads(), 2);
  EXPECT_FALSE(io.in_io_thread());
  std::promise<std::pair<bool, std::thread::id>> p;
  io.post([&] { p.set_value({io.in_io_thread(), std::this_thread::get_id()}); });
  auto f = p.get_future();
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
  auto [inside, id] = f.get();
  EXPECT_TRUE(inside);
  EXPECT_NE(id, std::this_thread::get_id());
}

TEST(IoRunner, StopIsIdempotent) {
  io_runner io;
  EXPECT_FALSE(io.stopped());
  io.stop();
  EXPECT_TRUE(io.stopped());
  io.stop();
}
