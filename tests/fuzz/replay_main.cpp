// The g++ build of every fuzz target: replays inputs through one target.
//
//   karb_test_fuzz_replay TARGET DIR...
//
// Every file of every DIR that exists goes through TARGET once; a broken
// check or a crash fails the run (ctest runs one per target over its
// corpus and its crash reproducers). No file at all is a failure too: a
// target without a corpus is a mistake.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_target.hpp"

namespace karb::fuzz {

namespace {

std::map<std::string, target_fn>& targets() {
  static std::map<std::string, target_fn> all;
  return all;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in{p, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, {}};
}

} // namespace

bool register_target(const char* name, target_fn fn) {
  targets().emplace(name, fn);
  return true;
}

} // namespace karb::fuzz

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  auto& all = karb::fuzz::targets();
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TARGET DIR...\ntargets:", argv[0]);
    for (auto& [name, fn] : all)
      std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, "\n");
    return 2;
  }
  auto target = all.find(argv[1]);
  if (target == all.end()) {
    std::fprintf(stderr, "no fuzz target named %s\n", argv[1]);
    return 2;
  }
  size_t replayed = 0;
  for (int i = 2; i < argc; ++i) {
    if (!fs::is_directory(argv[i]))
      continue;
    std::vector<fs::path> files;
    for (auto& e : fs::directory_iterator{argv[i]})
      if (e.is_regular_file())
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
      // Named before it runs: a crash's last line says which input it was.
      std::fprintf(stderr, "replay %s\n", f.c_str());
      auto bytes = karb::fuzz::read_file(f);
      target->second(reinterpret_cast<const uint8_t*>(bytes.data()),
                     bytes.size());
      ++replayed;
    }
  }
  std::printf("%s: %zu inputs replayed\n", argv[1], replayed);
  return replayed > 0 ? 0 : 1;
}
