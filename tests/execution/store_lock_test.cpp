// One node per store: the store lock refuses a second holder, in this
// process (a second open file description) and in another one, and names
// the holder's pid.

#include "actors/store/store_lock.hpp"

#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/execution/temp_db.hpp"

using namespace karb;

TEST(StoreLock, ASecondLockOnTheSameStoreIsRefusedAndNamesTheHolder) {
  test::temp_db tmp;
  std::string error;
  auto first = store::store_lock::acquire(tmp.path(), error);
  ASSERT_TRUE(first) << error;
  EXPECT_EQ(first->path(), tmp.path() + ".lock");
  auto second = store::store_lock::acquire(tmp.path(), error);
  EXPECT_FALSE(second);
  EXPECT_NE(error.find(tmp.path()), std::string::npos) << error;
  EXPECT_NE(error.find("(pid " + std::to_string(::getpid()) + ")"),
            std::string::npos)
    << error;
}

TEST(StoreLock, TheLockFileHoldsTheHoldersPid) {
  test::temp_db tmp;
  std::string error;
  auto lock = store::store_lock::acquire(tmp.path(), error);
  ASSERT_TRUE(lock) << error;
  std::ifstream in{lock->path()};
  std::string pid;
  in >> pid;
  EXPECT_EQ(pid, std::to_string(::getpid()));
}

TEST(StoreLock, IsFreeAgainOnceTheHolderLetsGo) {
  test::temp_db tmp;
  std::string error;
  auto first = store::store_lock::acquire(tmp.path(), error);
  ASSERT_TRUE(first) << error;
  first.reset();
  EXPECT_TRUE(store::store_lock::acquire(tmp.path(), error)) << error;
}

TEST(StoreLock, AnotherProcessIsRefused) {
  test::temp_db tmp;
  std::string error;
  auto lock = store::store_lock::acquire(tmp.path(), error);
  ASSERT_TRUE(lock) << error;
  auto child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string e;
    auto theirs = store::store_lock::acquire(tmp.path(), e);
    ::_exit(theirs ? 0 : 3);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3);
  // Once we let go, the other process may take it.
  lock.reset();
  child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string e;
    auto theirs = store::store_lock::acquire(tmp.path(), e);
    ::_exit(theirs ? 0 : 3);
  }
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(StoreLock, DifferentStoresDoNotCollide) {
  test::temp_db a;
  test::temp_db b;
  std::string error;
  auto la = store::store_lock::acquire(a.path(), error);
  auto lb = store::store_lock::acquire(b.path(), error);
  EXPECT_TRUE(la);
  EXPECT_TRUE(lb) << error;
}
