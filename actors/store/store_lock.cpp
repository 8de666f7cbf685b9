#include "actors/store/store_lock.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace karb::store {

namespace {

/// The pid a holder wrote into the lock file ("" when unreadable).
std::string holder_pid(int fd) {
  char buf[32] = {};
  auto n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0)
    return {};
  std::string out;
  for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i)
    out.push_back(buf[i]);
  return out;
}

} // namespace

std::string lock_path(const std::string& db_path) {
  return db_path + ".lock";
}

std::unique_ptr<store_lock> store_lock::acquire(const std::string& db_path,
                                                std::string& error) {
  auto path = lock_path(db_path);
  auto parent = std::filesystem::path{path}.parent_path();
  std::error_code ec;
  if (!parent.empty())
    std::filesystem::create_directories(parent, ec);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "store " + db_path + ": cannot open lock file " + path + ": "
            + std::strerror(errno);
    return nullptr;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK) {
      auto pid = holder_pid(fd);
      error = "store " + db_path + " is in use by another karb node"
              + (pid.empty() ? std::string{} : " (pid " + pid + ")")
              + "; one node per store (lock " + path + ")";
    } else {
      error = "store " + db_path + ": cannot lock " + path + ": "
              + std::strerror(err);
    }
    ::close(fd);
    return nullptr;
  }
  auto pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0
      || ::pwrite(fd, pid.data(), pid.size(), 0)
           != static_cast<ssize_t>(pid.size())) {
    // The lock holds regardless; only the pid in the message is lost.
  }
  return std::unique_ptr<store_lock>{new store_lock{fd, std::move(path)}};
}

store_lock::~store_lock() {
  ::close(fd_); // releases the lock
}

} // namespace karb::store
