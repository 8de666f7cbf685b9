#include "tools/karb-bench/tape.hpp"

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace karb::bench {

namespace {

constexpr char magic[8] = {'K', 'A', 'R', 'B', 'T', 'A', 'P', 'E'};
constexpr uint32_t max_frame = 16u << 20;

void put_u8(std::ostream& out, uint8_t x) {
  out.put(static_cast<char>(x));
}

void put_u32(std::ostream& out, uint32_t x) {
  char b[4] = {static_cast<char>(x & 0xff), static_cast<char>((x >> 8) & 0xff),
               static_cast<char>((x >> 16) & 0xff),
               static_cast<char>((x >> 24) & 0xff)};
  out.write(b, 4);
}

void put_bytes(std::ostream& out, const std::string& s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

class reader {
public:
  reader(std::istream& in, std::string path)
    : in_(in), path_(std::move(path)) {}

  uint8_t u8() {
    char c = 0;
    need(in_.get(c));
    return static_cast<uint8_t>(c);
  }
  uint32_t u32() {
    unsigned char b[4];
    need(in_.read(reinterpret_cast<char*>(b), 4));
    return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16
           | uint32_t{b[3]} << 24;
  }
  std::string bytes(uint32_t limit) {
    auto n = u32();
    if (n > limit)
      fail("a record of " + std::to_string(n) + " bytes");
    std::string s(n, '\0');
    need(in_.read(s.data(), n));
    return s;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_ + ": not a karb-bench tape (" + what + ")");
  }

private:
  void need(const std::istream& s) const {
    if (!s)
      fail("truncated");
  }

  std::istream& in_;
  std::string path_;
};

} // namespace

size_t tape::text_bytes() const {
  size_t n = 0;
  for (auto& f : frames)
    n += f.text.size();
  return n;
}

void write_tape(const std::string& path, const tape& t) {
  std::ofstream out{path, std::ios::binary | std::ios::trunc};
  if (!out)
    throw std::runtime_error("cannot write " + path);
  out.write(magic, sizeof magic);
  put_bytes(out, t.header.dump());
  put_u32(out, static_cast<uint32_t>(t.frames.size()));
  for (auto& f : t.frames) {
    put_u8(out, f.venue);
    put_u8(out, f.flags);
    put_u32(out, f.stamp_at);
    put_bytes(out, f.text);
  }
  put_u32(out, static_cast<uint32_t>(t.order.size()));
  for (auto i : t.order)
    put_u32(out, i);
  out.flush();
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

tape read_tape(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  if (!in)
    throw std::runtime_error("cannot read " + path);
  reader r{in, path};
  char m[sizeof magic];
  if (!in.read(m, sizeof m) || std::memcmp(m, magic, sizeof m) != 0)
    r.fail("bad magic");
  tape t;
  t.header = nlohmann::json::parse(r.bytes(1u << 20), nullptr, false);
  if (t.header.is_discarded() || !t.header.is_object()
      || !t.header.contains("venues") || !t.header["venues"].is_array())
    r.fail("bad header");
  auto venues = t.header["venues"].size();
  auto n = r.u32();
  t.frames.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    tape_frame f;
    f.venue = r.u8();
    f.flags = r.u8();
    f.stamp_at = r.u32();
    f.text = r.bytes(max_frame);
    if (f.venue >= venues)
      r.fail("frame " + std::to_string(i) + " of an unknown venue");
    if (f.stamp_at != tape_frame::no_stamp
        && (f.stamp_at > f.text.size() || f.text.size() - f.stamp_at < 13))
      r.fail("frame " + std::to_string(i) + " stamp out of range");
    t.frames.push_back(std::move(f));
  }
  auto k = r.u32();
  t.order.reserve(k);
  for (uint32_t i = 0; i < k; ++i) {
    auto x = r.u32();
    if (x >= t.frames.size())
      r.fail("order entry " + std::to_string(i) + " out of range");
    t.order.push_back(x);
  }
  if (t.order.empty())
    r.fail("no frames");
  return t;
}

uint32_t find_stamp(const std::string& text) {
  for (const char* key : {"\"timestamp\":", "\"tms\":"}) {
    auto at = text.find(key);
    if (at == std::string::npos)
      continue;
    at += std::strlen(key);
    if (text.size() - at < 13)
      return tape_frame::no_stamp;
    for (size_t i = 0; i < 13; ++i)
      if (text[at + i] < '0' || text[at + i] > '9')
        return tape_frame::no_stamp;
    return static_cast<uint32_t>(at);
  }
  return tape_frame::no_stamp;
}

void write_stamp(char* at, int64_t ms) {
  for (int i = 12; i >= 0; --i) {
    at[i] = static_cast<char>('0' + ms % 10);
    ms /= 10;
  }
}

} // namespace karb::bench
