// karb-bench: see run.hpp and tools/karb-bench/README.md.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "tools/karb-bench/child.hpp"
#include "tools/karb-bench/run.hpp"

namespace {

const char* usage
  = "usage: karb-bench [--rate N] [--seconds S] [--symbols N] [--quick]\n"
    "                  [--scheduler sharing|stealing] [--threads N]\n"
    "                  [--hot-loop on|off]\n"
    "                  [--round-trips N] [--json FILE] [--bin DIR] [--keep]\n";

std::string self_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "." : p.parent_path().string();
}

} // namespace

int main(int argc, char** argv) {
  karb::bench::bench_options o;
  o.bin_dir = self_dir();
  for (int i = 0; i < argc; ++i) {
    if (i)
      o.command += ' ';
    o.command += argv[i];
  }
  try {
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      auto next = [&]() -> std::string {
        if (i + 1 >= argc)
          throw std::invalid_argument(a + " needs a value");
        return argv[++i];
      };
      if (a == "--rate")
        o.rate = std::stol(next());
      else if (a == "--seconds")
        o.seconds = std::stod(next());
      else if (a == "--symbols")
        o.symbols = std::stoi(next());
      else if (a == "--round-trips")
        o.round_trips = std::stoul(next());
      else if (a == "--scheduler")
        o.scheduler = next();
      else if (a == "--threads")
        o.threads = std::stoi(next());
      else if (a == "--hot-loop") {
        auto v = next();
        if (v != "on" && v != "off")
          throw std::invalid_argument("--hot-loop is on or off");
        o.hot_loop = v == "on";
      }
      else if (a == "--quick")
        o.quick = true;
      else if (a == "--json")
        o.json_file = next();
      else if (a == "--bin")
        o.bin_dir = next();
      else if (a == "--keep")
        o.keep = true;
      else if (a == "--help" || a == "-h") {
        std::cout << usage;
        return 0;
      } else
        throw std::invalid_argument("unknown argument " + a);
    }
    if (o.scheduler != "sharing" && o.scheduler != "stealing")
      throw std::invalid_argument("--scheduler is sharing or stealing");
    if (o.threads < 1 || o.threads > 64)
      throw std::invalid_argument("--threads is 1 to 64");
    if (o.rate < 2 || o.seconds <= 0 || o.symbols < 1 || o.symbols > 20)
      throw std::invalid_argument("bad --rate, --seconds or --symbols");
  } catch (const std::exception& e) {
    std::cerr << "karb-bench: " << e.what() << "\n" << usage;
    return 2;
  }
  if (o.quick) {
    o.seconds = std::min(o.seconds, 4.0);
    o.round_trips = std::min<size_t>(o.round_trips, 10000);
  }
  karb::bench::install_signal_handlers();
  int code = 0;
  try {
    auto r = karb::bench::run_bench(o);
    std::cout << karb::bench::render_table(r) << std::flush;
    if (!o.json_file.empty()) {
      std::ofstream out{o.json_file};
      out << karb::bench::to_json(r).dump(2) << "\n";
      if (!out)
        throw std::runtime_error("cannot write " + o.json_file);
    }
  } catch (const std::exception& e) {
    std::cerr << "karb-bench: " << e.what() << "\n";
    code = 1;
  }
  karb::bench::kill_all();
  return code;
}
