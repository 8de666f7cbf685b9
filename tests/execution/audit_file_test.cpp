// The JSONL audit file: exact lines, appended across reopenings, rotated
// by size, and the store actor writing every audit row to both sinks.

#include "actors/store/audit_file.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/store/store.hpp"
#include "tests/execution/temp_db.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::store;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in{path};
  return {std::istreambuf_iterator<char>{in}, {}};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos;
       nl = text.find('\n', start)) {
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  EXPECT_EQ(start, text.size()) << "the last line has no newline";
  return out;
}

// 2024-01-01T00:00:00Z + 1.5 s
constexpr int64_t t0 = 1'704'067'201'500'000'000;

audit_row row(int i) {
  return {t0 + i, "T" + std::to_string(i), "karb-T-0-" + std::to_string(i),
          i % 2 == 0 ? "place" : "fill",
          R"({"client_order_id":"karb-T-0-)" + std::to_string(i)
            + R"(","price":"100000000"})"};
}

std::string expected(int i) {
  auto n = std::to_string(i);
  return R"({"ts_ns":)" + std::to_string(t0 + i)
         + R"(,"ts":"2024-01-01T00:00:01.50000000)" + n
         + R"(Z","trade_id":"T)" + n + R"(","client_order_id":"karb-T-0-)"
         + n + R"(","what":")" + (i % 2 == 0 ? "place" : "fill")
         + R"(","detail":{"client_order_id":"karb-T-0-)" + n
         + R"(","price":"100000000"}})";
}

class temp_file {
public:
  temp_file() : path_(test::temp_db{}.path() + ".jsonl") {}
  ~temp_file() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

} // namespace

TEST(AuditFile, IsoTimeIsUtcWithNanoseconds) {
  EXPECT_EQ(iso8601_utc_ns(0), "1970-01-01T00:00:00.000000000Z");
  EXPECT_EQ(iso8601_utc_ns(t0 + 7), "2024-01-01T00:00:01.500000007Z");
}

TEST(AuditFile, LineIsOneJsonObjectWithTheRowsFields) {
  EXPECT_EQ(audit_line(row(3)), expected(3) + "\n");
  // A detail that is not a JSON object is kept as text.
  audit_row a{0, "T", "", "halt", "not json"};
  auto j = nlohmann::json::parse(audit_line(a));
  EXPECT_EQ(j["detail"], "not json");
  EXPECT_EQ(j["client_order_id"], "");
}

TEST(AuditFile, AppendsExactLinesAndKeepsThemAcrossReopening) {
  temp_file tmp;
  {
    audit_file f{tmp.path()};
    for (int i = 0; i < 3; ++i)
      ASSERT_TRUE(f.append(row(i))) << f.last_error();
    // Written per line: visible before the file is closed.
    EXPECT_EQ(read_all(tmp.path()),
              expected(0) + "\n" + expected(1) + "\n" + expected(2) + "\n");
  }
  audit_file again{tmp.path()};
  ASSERT_TRUE(again.append(row(3)));
  auto lines = lines_of(read_all(tmp.path()));
  ASSERT_EQ(lines.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(lines[i], expected(i));
    EXPECT_TRUE(nlohmann::json::accept(lines[i])) << lines[i];
  }
}

TEST(AuditFile, UnopenablePathThrows) {
  EXPECT_THROW(audit_file{"/proc/karb-no-such-dir/audit.jsonl"},
               std::runtime_error);
}

namespace {

/// A fresh directory under the temporary one, removed with its files.
class temp_dir {
public:
  temp_dir() : path_(test::temp_db{}.path() + ".d") {
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  size_t entries() const {
    return static_cast<size_t>(std::distance(
      std::filesystem::directory_iterator{path_},
      std::filesystem::directory_iterator{}));
  }

private:
  std::string path_;
};

std::string lines(std::initializer_list<int> rows) {
  std::string out;
  for (int i : rows)
    out += expected(i) + "\n";
  return out;
}

} // namespace

TEST(AuditFile, RotatedNamesKeepTheExtension) {
  EXPECT_EQ(rotated_name("var/audit.jsonl", 2), "var/audit.2.jsonl");
  EXPECT_EQ(rotated_name("/a/b.c/audit", 3), "/a/b.c/audit.3");
  EXPECT_EQ(rotated_name("audit", 1), "audit.1");
  EXPECT_EQ(rotated_name(".audit", 1), ".audit.1");
}

TEST(AuditFile, RotatesBeforeALineWouldPassTheSizeAndKeepsMaxFiles) {
  temp_dir dir;
  auto path = dir.file("audit.jsonl");
  auto line = static_cast<int64_t>(expected(0).size() + 1); // rows 0-9 alike
  audit_file f{path, {2 * line + 1, 2}}; // two lines per file, two copies
  for (int i = 0; i < 9; ++i)
    ASSERT_TRUE(f.append(row(i))) << f.last_error();
  EXPECT_EQ(read_all(path), lines({8}));
  EXPECT_EQ(read_all(dir.file("audit.1.jsonl")), lines({6, 7}));
  EXPECT_EQ(read_all(dir.file("audit.2.jsonl")), lines({4, 5}));
  EXPECT_EQ(dir.entries(), 3u) << "the oldest copy beyond max_files is gone";
}

TEST(AuditFile, ALineLargerThanTheLimitIsWrittenWhole) {
  temp_dir dir;
  auto path = dir.file("audit.jsonl");
  audit_file f{path, {10, 3}};
  ASSERT_TRUE(f.append(row(0)));
  ASSERT_TRUE(f.append(row(1)));
  EXPECT_EQ(read_all(path), lines({1}));
  EXPECT_EQ(read_all(dir.file("audit.1.jsonl")), lines({0}));
}

TEST(AuditFile, AReopenedFileCountsWhatItAlreadyHolds) {
  temp_dir dir;
  auto path = dir.file("audit.jsonl");
  auto line = static_cast<int64_t>(expected(0).size() + 1);
  audit_rotation two_lines{2 * line + 1, 5};
  audit_file{path, two_lines}.append(row(0));
  audit_file again{path, two_lines};
  for (int i = 1; i < 3; ++i)
    ASSERT_TRUE(again.append(row(i)));
  EXPECT_EQ(read_all(path), lines({2}));
  EXPECT_EQ(read_all(dir.file("audit.1.jsonl")), lines({0, 1}));
}

namespace {

class AuditStore : public test::actor_fixture {};

} // namespace

TEST_F(AuditStore, EveryAuditRowGoesToTheDatabaseAndTheFile) {
  test::temp_db db;
  temp_file file;
  store_setup ss;
  ss.path = db.path();
  ss.audit_file = file.path();
  auto st = spawn_store(sys, ss);
  for (int i = 0; i < 5; ++i)
    self->send(st, row(i));
  run();
  store_db reader{db.path()};
  EXPECT_EQ(reader.count("audit"), 5);
  auto lines = lines_of(read_all(file.path()));
  ASSERT_EQ(lines.size(), 5u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(lines[i], expected(i));
  self->send_exit(st, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(AuditStore, NoFileConfiguredWritesOnlyTheDatabase) {
  test::temp_db db;
  store_setup ss;
  ss.path = db.path();
  auto st = spawn_store(sys, ss);
  self->send(st, row(0));
  run();
  EXPECT_EQ(store_db{db.path()}.count("audit"), 1);
  self->send_exit(st, caf::exit_reason::user_shutdown);
  run();
}
