// The karb executable as a user runs it: config validation and a clean
// timed run that writes JSON log lines.

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <csignal>
#include <netinet/in.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct run_result {
  int rc = -1;
  std::string output; // stdout and stderr
};

run_result run(const std::string& args, const std::string& env = {},
               const std::string& tool = "karb") {
  std::string cmd = "cd " KARB_SOURCE_DIR " && " + env + " " KARB_BIN_DIR
                    "/" + tool + " " + args + " 2>&1";
  run_result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p)
    return r;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), p))
    r.output.append(buf.data(), n);
  int status = pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Distinctive secret values, so a test can prove they never leak.
const std::string upbit_secret = "upbit-SECRET-7f3a9c";
const std::string bithumb_secret = "bithumb-SECRET-2d81e4";
const std::string dev_keys = "KARB_UPBIT_ACCESS_KEY=a KARB_UPBIT_SECRET_KEY="
                             + upbit_secret
                             + " KARB_BITHUMB_ACCESS_KEY=c "
                               "KARB_BITHUMB_SECRET_KEY="
                             + bithumb_secret;

bool leaks_secret(const std::string& text) {
  return text.find(upbit_secret) != std::string::npos
         || text.find(bithumb_secret) != std::string::npos;
}

// A TCP port that was free a moment ago.
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path()
             / ("karb-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

/// The development config with its own log, store and ephemeral ports.
std::string node_config(const std::filesystem::path& dir,
                        const std::string& name) {
  std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  text.replace(text.find("file: var/karb.log"), 18,
               "file: " + (dir / (name + ".log")).string());
  text.replace(text.find("store: var/karb.db"), 18,
               "store: " + (dir / "karb.db").string());
  text.replace(text.find("audit_file: var/audit.jsonl"), 27,
               "audit_file: " + (dir / (name + ".audit.jsonl")).string());
  text.replace(text.find("port: 4242"), 10, "port: 0");
  text.replace(text.find("port: 9464"), 10, "port: 0");
  text.replace(text.find("grpc_port: 9465"), 15, "grpc_port: 0");
  auto path = dir / (name + ".yaml");
  std::ofstream{path} << text;
  return path.string();
}

/// A karb node in the background until it stops (SIGTERM at the end).
class background_node {
public:
  background_node(const std::string& config, const std::string& log)
    : log_(log) {
    std::string cmd = "cd " KARB_SOURCE_DIR " && " + dev_keys + " "
                      KARB_BIN_DIR "/karb --config " + config
                      + " --duration 30 >/dev/null 2>&1 & echo $!";
    FILE* p = popen(cmd.c_str(), "r");
    if (p) {
      if (fscanf(p, "%d", &pid_) != 1)
        pid_ = -1;
      pclose(p);
    }
  }
  ~background_node() {
    if (pid_ <= 0)
      return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 300 && alive(); ++i)
      ::usleep(50'000); // bounded wait for the ordered shutdown
  }
  /// Running (a zombie nobody reaped yet counts as gone).
  bool alive() const {
    std::ifstream in{"/proc/" + std::to_string(pid_) + "/stat"};
    std::string stat;
    std::getline(in, stat);
    auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size()
           && stat[close + 2] != 'Z';
  }
  int pid() const { return pid_; }
  /// Waits (bounded) until the node logged `event`; its JSON line.
  nlohmann::json wait_for(const std::string& event) {
    for (int i = 0; i < 200; ++i) {
      std::ifstream in{log_};
      std::string line;
      while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object() && j.value("event", "") == event)
          return j;
      }
      ::usleep(50'000);
    }
    return {};
  }

private:
  std::string log_;
  int pid_ = -1;
};

} // namespace

TEST(KarbCli, CheckConfigAcceptsTheDevelopmentFile) {
  auto r = run("--check-config config/development.yaml", dev_keys);
  EXPECT_EQ(r.rc, 0) << r.output;
  EXPECT_NE(r.output.find("configuration is valid"), std::string::npos);
}

TEST(KarbCli, CheckConfigNamesTheOffendingKeyAndFails) {
  auto path = temp_dir() / "broken.yaml";
  std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  auto at = text.find("daily_loss_limit: {KRW: 1000000}");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 32, "daily_loss_limit: {KRW: lots}");
  std::ofstream{path} << text;
  auto r = run("--check-config " + path.string(), dev_keys);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.output.find(path.string()
                          + ": risk.daily_loss_limit.KRW: expected a decimal"),
            std::string::npos)
    << r.output;
}

TEST(KarbCli, MissingSecretRefusesToStart) {
  auto r = run("--duration 0.1", "env -u KARB_UPBIT_SECRET_KEY");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.output.find("KARB_UPBIT_SECRET_KEY is not set"),
            std::string::npos)
    << r.output;
}

TEST(KarbCli, TimedRunStopsCleanlyAndLogsJsonLines) {
  auto dir = temp_dir();
  auto cfg = dir / "run.yaml";
  auto log = dir / "karb.log";
  std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  text.replace(text.find("file: var/karb.log"), 18, "file: " + log.string());
  text.replace(text.find("store: var/karb.db"), 18,
               "store: " + (dir / "karb.db").string());
  // Ephemeral ports: tests run in parallel.
  text.replace(text.find("port: 4242"), 10, "port: 0");
  text.replace(text.find("port: 9464"), 10, "port: 0");
  text.replace(text.find("grpc_port: 9465"), 15, "grpc_port: 0");
  std::ofstream{cfg} << text;
  auto r = run("--config " + cfg.string() + " --duration 0.5", dev_keys);
  ASSERT_EQ(r.rc, 0) << r.output;
  EXPECT_FALSE(leaks_secret(r.output)) << r.output;
  std::ifstream lines{log};
  std::string line;
  int parsed = 0;
  bool saw_stop = false;
  bool saw_startup_event = false;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    ASSERT_TRUE(j.contains("ts") && j.contains("level")
                && j.contains("component") && j.contains("event")
                && j.contains("trace_id") && j.contains("fields"))
      << line;
    saw_stop = saw_stop || j["event"] == "stopped";
    saw_startup_event = saw_startup_event || j["event"] == "system_startup";
    // The venue secrets are never logged.
    EXPECT_FALSE(leaks_secret(line)) << line;
    ++parsed;
  }
  EXPECT_GE(parsed, 4);
  EXPECT_TRUE(saw_stop);
  EXPECT_TRUE(saw_startup_event);
  std::filesystem::remove_all(dir);
}

TEST(KarbCli, InspectorAnswersThroughTheMiddlemanAndFailsFastWithoutANode) {
  auto dir = temp_dir();
  auto cfg = dir / "inspect.yaml";
  auto port = std::to_string(free_port());
  std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  text.replace(text.find("file: var/karb.log"), 18,
               "file: " + (dir / "karb.log").string());
  text.replace(text.find("store: var/karb.db"), 18,
               "store: " + (dir / "karb.db").string());
  text.replace(text.find("port: 4242, control: true"), 25,
               "port: " + port + ", control: false");
  text.replace(text.find("port: 9464"), 10, "port: 0");
  text.replace(text.find("grpc_port: 9465"), 15, "grpc_port: 0");
  std::ofstream{cfg} << text;
  // The node in the background for 5 s; the inspector polls until it is up.
  std::string node_cmd = "cd " KARB_SOURCE_DIR " && " + dev_keys + " "
                         KARB_BIN_DIR "/karb --config " + cfg.string()
                         + " --duration 5 >/dev/null 2>&1 &";
  ASSERT_EQ(std::system(node_cmd.c_str()), 0);
  run_result status;
  for (int i = 0; i < 50; ++i) {
    status = run("--port " + port + " --json status", "", "karb-inspect");
    if (status.rc == 0)
      break;
    ::usleep(100'000); // bounded wait for the node to come up
  }
  ASSERT_EQ(status.rc, 0) << status.output;
  auto j = nlohmann::json::parse(status.output);
  EXPECT_EQ(j["node"], "karb-dev");
  EXPECT_TRUE(j["venues"].is_array());
  // The trading actors answer too (the configured limits come along).
  auto risk = run("--port " + port + " risk --json", "", "karb-inspect");
  ASSERT_EQ(risk.rc, 0) << risk.output;
  auto r = nlohmann::json::parse(risk.output);
  EXPECT_EQ(r["limits"]["max_position"]["BTC"], "0.1");
  auto strategies = run("--port " + port + " strategies", "", "karb-inspect");
  ASSERT_EQ(strategies.rc, 0) << strategies.output;
  EXPECT_NE(strategies.output.find("btc-spread:BTC"), std::string::npos)
    << strategies.output;
  // No reply carries a secret.
  for (auto cmd : {"status", "actors", "risk", "strategies", "balances",
                   "latency", "events"}) {
    auto out = run("--port " + port + " --json " + cmd, "", "karb-inspect");
    EXPECT_FALSE(leaks_secret(out.output)) << cmd << ": " << out.output;
  }
  auto refused = run("--port " + port + " halt now", "", "karb-inspect");
  EXPECT_EQ(refused.rc, 1);
  EXPECT_NE(refused.output.find("control commands are disabled"),
            std::string::npos);
  auto gone = run("--port " + std::to_string(free_port()) + " status", "",
                  "karb-inspect");
  EXPECT_EQ(gone.rc, 1);
  EXPECT_NE(gone.output.find("no karb node at"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(KarbCli, ASecondNodeOnTheSameStoreExitsAtOnceNamingTheHolder) {
  auto dir = temp_dir() / "lock";
  std::filesystem::create_directories(dir);
  auto first_cfg = node_config(dir, "first");
  {
    background_node first{first_cfg, (dir / "first.log").string()};
    ASSERT_GT(first.pid(), 0);
    ASSERT_FALSE(first.wait_for("alive").is_null());
    auto second_cfg = node_config(dir, "second");
    auto r = run("--config " + second_cfg + " --duration 5", dev_keys);
    EXPECT_EQ(r.rc, 2) << r.output;
    EXPECT_NE(r.output.find("store " + (dir / "karb.db").string()
                            + " is in use by another karb node (pid "
                            + std::to_string(first.pid()) + ")"),
              std::string::npos)
      << r.output;
    // Refused before it opened anything: no log, no journal of its own.
    EXPECT_FALSE(std::filesystem::exists(dir / "second.log"));
    EXPECT_FALSE(std::filesystem::exists(dir / "second.audit.jsonl"));
  }
  // The first node is gone: the store is free again.
  auto again = run("--config " + node_config(dir, "third")
                     + " --duration 0.2",
                   dev_keys);
  EXPECT_EQ(again.rc, 0) << again.output;
  std::filesystem::remove_all(dir);
}

TEST(KarbCli, ARunningNodeIsNotDumpableAndWritesNoCoreFile) {
  auto dir = temp_dir() / "dump";
  std::filesystem::create_directories(dir);
  background_node node{node_config(dir, "node"),
                       (dir / "node.log").string()};
  ASSERT_GT(node.pid(), 0);
  auto hardened = node.wait_for("hardened");
  ASSERT_FALSE(hardened.is_null());
  // What the node read back from the kernel (prctl(PR_GET_DUMPABLE)).
  EXPECT_EQ(hardened["fields"]["dumpable"], false) << hardened.dump();
  EXPECT_EQ(hardened["fields"]["core_limit"], 0) << hardened.dump();
  // From outside: its core size limit is zero ...
  auto proc = "/proc/" + std::to_string(node.pid());
  std::ifstream limits{proc + "/limits"};
  std::string line;
  bool core_zero = false;
  while (std::getline(limits, line))
    if (line.starts_with("Max core file size"))
      core_zero = line.find(" 0  ") != std::string::npos
                  && line.find("unlimited") == std::string::npos;
  EXPECT_TRUE(core_zero);
  // ... and, for a non-root user, its /proc files belong to root (what
  // the kernel does for a process that is not dumpable).
  if (::geteuid() != 0) {
    struct stat st {};
    ASSERT_EQ(::stat((proc + "/status").c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, 0u);
  }
}
