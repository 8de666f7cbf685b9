#include "actors/store/intent_journal.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

namespace karb::store {

namespace {

constexpr uint8_t kind_trade = 1;
constexpr uint8_t kind_order = 2;
constexpr size_t header_size = 9; // length, checksum, kind

uint32_t fnv1a(const char* p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<uint8_t>(p[i]);
    h *= 16777619u;
  }
  return h;
}

void put_u32(char* out, uint32_t x) {
  for (int i = 0; i < 4; ++i)
    out[i] = static_cast<char>((x >> (8 * i)) & 0xff);
}

uint32_t get_u32(const char* in) {
  uint32_t x = 0;
  for (int i = 0; i < 4; ++i)
    x |= static_cast<uint32_t>(static_cast<uint8_t>(in[i])) << (8 * i);
  return x;
}

template <class T>
std::vector<char> serialize(const T& x) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  auto copy = x; // inspect() takes a mutable reference
  if (auto err = sink(copy))
    buf.clear();
  return buf;
}

std::string errno_text(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  auto* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno == ENOENT)
      return true;
    error = errno_text("cannot open", path);
    return false;
  }
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
    out.append(buf, n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  if (!ok)
    error = "cannot read " + path;
  return ok;
}

/// Decodes records until the end or the first torn / corrupt one.
void decode(const std::string& bytes,
            std::map<std::string, trade_record>& trades,
            std::map<std::string, order_record>& orders,
            std::vector<std::string>& order_keys,
            std::vector<std::string>& trade_keys) {
  size_t pos = 0;
  while (bytes.size() - pos >= header_size) {
    auto len = get_u32(bytes.data() + pos);
    auto sum = get_u32(bytes.data() + pos + 4);
    auto kind = static_cast<uint8_t>(bytes[pos + 8]);
    if (bytes.size() - pos - header_size < len)
      return; // torn tail
    const char* payload = bytes.data() + pos + header_size;
    if (fnv1a(payload, len) != sum)
      return; // corrupt: nothing after it can be trusted
    caf::binary_deserializer src{nullptr, payload, len};
    if (kind == kind_trade) {
      trade_record t;
      if (src(t))
        return;
      if (!trades.count(t.trade_id))
        trade_keys.push_back(t.trade_id);
      trades[t.trade_id] = std::move(t);
    } else if (kind == kind_order) {
      order_record o;
      if (src(o))
        return;
      auto key = o.request.client_order_id;
      if (!orders.count(key))
        order_keys.push_back(key);
      orders[key] = std::move(o);
    } else {
      return;
    }
    pos += header_size + len;
  }
}

} // namespace

std::shared_ptr<intent_journal>
intent_journal::open(const std::string& path, bool sync, std::string& error,
                     int64_t rotate_bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                  0600);
  if (fd < 0) {
    error = errno_text("cannot open", path);
    return nullptr;
  }
  struct stat sb {};
  int64_t size = ::fstat(fd, &sb) == 0 ? sb.st_size : 0;
  return std::shared_ptr<intent_journal>{
    new intent_journal(path, fd, sync, rotate_bytes, size)};
}

intent_journal::intent_journal(std::string path, int fd, bool sync,
                               int64_t rotate_bytes, int64_t size)
  : path_(std::move(path)),
    fd_(fd),
    sync_(sync),
    rotate_bytes_(rotate_bytes),
    size_(size) {
}

intent_journal::~intent_journal() {
  if (fd_ >= 0)
    ::close(fd_);
}

bool intent_journal::append(const trade_record& t) {
  return write_record(kind_trade, serialize(t));
}

bool intent_journal::append(const order_record& o) {
  return write_record(kind_order, serialize(o));
}

std::string intent_journal::last_error() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return error_;
}

bool intent_journal::write_record(uint8_t kind,
                                  const std::vector<char>& payload) {
  std::lock_guard<std::mutex> guard{mtx_};
  if (payload.empty()) {
    error_ = "record did not serialize";
    return false;
  }
  if (fd_ < 0) {
    error_ = "journal " + path_ + " is not open";
    return false;
  }
  std::vector<char> rec(header_size + payload.size());
  put_u32(rec.data(), static_cast<uint32_t>(payload.size()));
  put_u32(rec.data() + 4, fnv1a(payload.data(), payload.size()));
  rec[8] = static_cast<char>(kind);
  std::memcpy(rec.data() + header_size, payload.data(), payload.size());
  // One write(2): O_APPEND places it whole at the end; a short write
  // leaves a torn tail that the reader ignores, and counts as a failure.
  auto n = ::write(fd_, rec.data(), rec.size());
  if (n != static_cast<ssize_t>(rec.size())) {
    error_ = n < 0 ? errno_text("cannot write", path_)
                   : "short write to " + path_;
    return false;
  }
  if (sync_ && ::fdatasync(fd_) != 0) {
    error_ = errno_text("cannot sync", path_);
    return false;
  }
  size_ += n;
  if (rotate_bytes_ > 0 && size_ >= rotate_bytes_)
    rotate_locked();
  return true;
}

void intent_journal::rotate_locked() {
  auto old = path_ + ".1";
  if (std::rename(path_.c_str(), old.c_str()) != 0)
    return; // keep appending to the current file
  int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                  0600);
  if (fd < 0) {
    error_ = errno_text("cannot reopen", path_);
    return; // keep the old descriptor: appends still land (in `.1`)
  }
  ::close(fd_);
  fd_ = fd;
  size_ = 0;
}

recovery_set intent_journal::read(const std::string& path,
                                  std::string& error) {
  std::map<std::string, trade_record> trades;
  std::map<std::string, order_record> orders;
  std::vector<std::string> order_keys, trade_keys;
  for (const auto& p : {path + ".1", path}) {
    std::string bytes;
    if (!read_file(p, bytes, error))
      return {};
    decode(bytes, trades, orders, order_keys, trade_keys);
  }
  recovery_set out;
  for (auto& k : trade_keys)
    out.trades.push_back(std::move(trades[k]));
  for (auto& k : order_keys)
    out.orders.push_back(std::move(orders[k]));
  return out;
}

void intent_journal::clear(const std::string& path) {
  std::remove((path + ".1").c_str());
  std::remove(path.c_str());
}

} // namespace karb::store
