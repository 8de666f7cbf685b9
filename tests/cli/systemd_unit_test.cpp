// The shipped systemd unit passes `systemd-analyze verify` (where systemd
// is installed), with the binary path pointed at this build.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

namespace {

std::string unit_text() {
  std::ifstream in{KARB_SOURCE_DIR "/tools/deploy/karb.service"};
  return {std::istreambuf_iterator<char>{in}, {}};
}

void replace_all(std::string& s, const std::string& from,
                 const std::string& to) {
  for (auto pos = s.find(from); pos != std::string::npos;
       pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

int verify(const std::string& text) {
  auto dir = std::filesystem::temp_directory_path()
             / ("karb-unit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / "karb.service";
  std::ofstream{path} << text;
  auto cmd = "systemd-analyze verify " + path.string() + " >/dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  std::filesystem::remove_all(dir);
  return rc;
}

} // namespace

TEST(SystemdUnit, VerifiesWithRestartAndReload) {
  if (std::system("command -v systemd-analyze >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "systemd-analyze not available";
  auto text = unit_text();
  ASSERT_NE(text.find("Restart=on-failure"), std::string::npos);
  ASSERT_NE(text.find("ExecReload=/bin/kill -HUP $MAINPID"),
            std::string::npos);
  replace_all(text, "/usr/local/bin/karb", KARB_BIN_DIR "/karb");
  EXPECT_EQ(verify(text), 0);
  // The check can fail: a unit whose binary does not exist is refused.
  replace_all(text, KARB_BIN_DIR "/karb", "/nonexistent/karb");
  EXPECT_NE(verify(text), 0);
}

TEST(SystemdUnit, TurnsCoreFilesOff) {
  // A core file of karb would hold the venue keys.
  EXPECT_NE(unit_text().find("\nLimitCORE=0\n"), std::string::npos);
}
