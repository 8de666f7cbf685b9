// karb-bench: see run.hpp and tools/karb-bench/README.md.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "tools/karb-bench/child.hpp"
#include "tools/karb-bench/record.hpp"
#include "tools/karb-bench/replay.hpp"
#include "tools/karb-bench/run.hpp"

namespace {

const char* usage
  = "usage: karb-bench [--rate N] [--seconds S] [--symbols N] [--quick]\n"
    "                  [--scheduler sharing|stealing] [--threads N]\n"
    "                  [--hot-loop on|off] [--api-load]\n"
    "                  [--round-trips N] [--json FILE] [--bin DIR] [--keep]\n"
    "       karb-bench record --out FILE [--symbols N] [--seconds S]\n"
    "                  [--rate N] [--book-hz N] [--shift-every-ms N]\n"
    "                  [--shift-bp N] [--seed N]\n"
    "       karb-bench replay FILE [--seconds S] [--rate N] [--batch N]\n"
    "                  [--scheduler sharing|stealing] [--threads N]\n"
    "                  [--hot-loop on|off] [--quick] [--json FILE] [--keep]\n";

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) {
    if (i)
      out += ' ';
    out += argv[i];
  }
  return out;
}

/// Walks the options after `first`; `on(name, next)` handles one (next()
/// takes its value) and returns false for an unknown name.
template <class F>
void parse_args(int argc, char** argv, int first, F on) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (!on(a, next))
      throw std::invalid_argument("unknown argument " + a);
  }
}

/// "on" or "off", the value of option `name`.
bool on_off(const std::string& name, const std::string& value) {
  if (value != "on" && value != "off")
    throw std::invalid_argument(name + " is on or off");
  return value == "on";
}

int record_main(int argc, char** argv) {
  karb::bench::record_options o;
  o.command = command_line(argc, argv);
  try {
    parse_args(argc, argv, 2, [&](const std::string& a, auto next) {
      if (a == "--out")
        o.out = next();
      else if (a == "--symbols")
        o.symbols = std::stoi(next());
      else if (a == "--seconds")
        o.seconds = std::stod(next());
      else if (a == "--rate")
        o.rate = std::stol(next());
      else if (a == "--book-hz")
        o.book_hz = std::stoi(next());
      else if (a == "--shift-every-ms")
        o.shift_every_ms = std::stoi(next());
      else if (a == "--shift-bp")
        o.shift_bp = std::stoi(next());
      else if (a == "--seed")
        o.seed = std::stoull(next());
      else
        return false;
      return true;
    });
    if (o.out.empty())
      throw std::invalid_argument("record needs --out FILE");
  } catch (const std::exception& e) {
    std::cerr << "karb-bench: " << e.what() << "\n" << usage;
    return 2;
  }
  try {
    auto t = karb::bench::record_tape(o);
    karb::bench::write_tape(o.out, t);
    std::cout << "karb-bench: wrote " << o.out << ": " << t.order.size()
              << " frames (" << t.frames.size() << " distinct, "
              << t.text_bytes() / 1024 << " KB of text), "
              << t.header["crossing_frames"] << " crossing, "
              << t.header["opportunities"] << " opportunities\n";
  } catch (const std::exception& e) {
    std::cerr << "karb-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int replay_main(int argc, char** argv) {
  karb::bench::replay_options o;
  o.command = command_line(argc, argv);
  std::string json_file;
  try {
    parse_args(argc, argv, 2, [&](const std::string& a, auto next) {
      if (a == "--seconds")
        o.seconds = std::stod(next());
      else if (a == "--rate")
        o.rate = std::stol(next());
      else if (a == "--batch")
        o.batch = std::stoul(next());
      else if (a == "--scheduler")
        o.scheduler = next();
      else if (a == "--threads")
        o.threads = std::stoi(next());
      else if (a == "--hot-loop")
        o.hot_loop = on_off(a, next());
      else if (a == "--quick")
        o.quick = true;
      else if (a == "--json")
        json_file = next();
      else if (a == "--keep")
        o.keep = true;
      else if (!a.empty() && a[0] != '-' && o.tape_file.empty())
        o.tape_file = a;
      else
        return false;
      return true;
    });
    if (o.tape_file.empty())
      throw std::invalid_argument("replay needs a tape (karb-bench record)");
    if (o.scheduler != "sharing" && o.scheduler != "stealing")
      throw std::invalid_argument("--scheduler is sharing or stealing");
    if (o.threads < 1 || o.threads > 64)
      throw std::invalid_argument("--threads is 1 to 64");
    if (o.rate < 2 || o.seconds <= 0 || o.batch < 1)
      throw std::invalid_argument("bad --rate, --seconds or --batch");
  } catch (const std::exception& e) {
    std::cerr << "karb-bench: " << e.what() << "\n" << usage;
    return 2;
  }
  if (o.quick)
    o.seconds = std::min(o.seconds, 3.0);
  try {
    karb::bench::run_replay(o, [&](const karb::bench::replay_results& r) {
      std::cout << karb::bench::render_table(r) << std::flush;
      if (!json_file.empty()) {
        std::ofstream out{json_file};
        out << karb::bench::to_json(r).dump(2) << "\n";
        if (!out)
          throw std::runtime_error("cannot write " + json_file);
      }
    });
  } catch (const std::exception& e) {
    std::cerr << "karb-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

std::string self_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "." : p.parent_path().string();
}

} // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string{argv[1]} == "record")
    return record_main(argc, argv);
  if (argc > 1 && std::string{argv[1]} == "replay")
    return replay_main(argc, argv);
  karb::bench::bench_options o;
  o.bin_dir = self_dir();
  o.command = command_line(argc, argv);
  try {
    bool help = false;
    parse_args(argc, argv, 1, [&](const std::string& a, auto next) {
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
      else if (a == "--hot-loop")
        o.hot_loop = on_off(a, next());
      else if (a == "--api-load")
        o.api_load = true;
      else if (a == "--quick")
        o.quick = true;
      else if (a == "--json")
        o.json_file = next();
      else if (a == "--bin")
        o.bin_dir = next();
      else if (a == "--keep")
        o.keep = true;
      else if (a == "--help" || a == "-h")
        help = true;
      else
        return false;
      return true;
    });
    if (help) {
      std::cout << usage;
      return 0;
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
