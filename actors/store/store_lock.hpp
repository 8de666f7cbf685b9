#pragma once

// One node per store: an exclusive flock(2) on `<db>.lock`, taken before
// the database or its intent journal is opened and held for the life of
// the process (the kernel drops it when the process ends, however it
// ends). The lock file holds the holder's pid, so a refused node can say
// who has the store. flock locks belong to the open file description: a
// second process and a second attempt in this one are refused alike.

#include <memory>
#include <string>

namespace karb::store {

class store_lock {
public:
  /// Locks the store at `db_path`, creating `<db>.lock` (and its folder);
  /// null on failure, with `error` naming the store and, when the lock is
  /// held, the holder's pid.
  static std::unique_ptr<store_lock> acquire(const std::string& db_path,
                                             std::string& error);

  ~store_lock();
  store_lock(const store_lock&) = delete;
  store_lock& operator=(const store_lock&) = delete;

  /// The lock file.
  const std::string& path() const { return path_; }

private:
  store_lock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    // nop
  }

  int fd_;
  std::string path_;
};

/// The lock file of the store at `db_path`: "<db_path>.lock".
std::string lock_path(const std::string& db_path);

} // namespace karb::store
