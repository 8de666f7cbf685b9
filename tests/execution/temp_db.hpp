#pragma once

// A fresh SQLite path under the temp directory, removed (with its WAL and
// shared-memory files) at the end of the test.

#include <atomic>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace karb::test {

class temp_db {
public:
  temp_db() {
    static std::atomic<int> n{0};
    path_ = (std::filesystem::temp_directory_path()
             / ("karb-exec-test-" + std::to_string(::getpid()) + "-"
                + std::to_string(n++) + ".db"))
              .string();
    clear();
  }
  ~temp_db() { clear(); }
  const std::string& path() const { return path_; }

private:
  void clear() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", ".lock"})
      std::filesystem::remove(path_ + suffix, ec);
  }
  std::string path_;
};

} // namespace karb::test
