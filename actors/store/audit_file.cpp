#include "actors/store/audit_file.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace karb::store {

std::string iso8601_utc_ns(int64_t ts_ns) {
  auto secs = ts_ns / 1'000'000'000;
  auto frac = ts_ns % 1'000'000'000;
  if (frac < 0) {
    frac += 1'000'000'000;
    --secs;
  }
  auto t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<long long>(frac));
  return buf;
}

std::string audit_line(const audit_row& a) {
  nlohmann::ordered_json j; // the fields in this order on every line
  j["ts_ns"] = a.ts_ns;
  j["ts"] = iso8601_utc_ns(a.ts_ns);
  j["trade_id"] = a.trade_id;
  j["client_order_id"] = a.client_order_id;
  j["what"] = a.step;
  auto detail = nlohmann::ordered_json::parse(a.detail, nullptr, false);
  if (detail.is_object())
    j["detail"] = std::move(detail);
  else
    j["detail"] = a.detail;
  // Invalid UTF-8 is replaced, never thrown on: the line is always written.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
         + "\n";
}

std::string rotated_name(const std::string& path, int64_t n) {
  std::filesystem::path p{path};
  auto number = "." + std::to_string(n);
  if (!p.has_extension() || p.stem().empty())
    return path + number;
  return (p.parent_path() / (p.stem().string() + number
                             + p.extension().string()))
    .string();
}

audit_file::audit_file(const std::string& path, audit_rotation r)
  : path_(path), rotation_(r) {
  auto parent = std::filesystem::path{path}.parent_path();
  std::error_code ec;
  if (!parent.empty())
    std::filesystem::create_directories(parent, ec);
  if (!open_file())
    throw std::runtime_error("audit: cannot open " + path + ": " + error_);
}

bool audit_file::open_file() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
               0640);
  struct stat st {};
  if (fd_ >= 0 && ::fstat(fd_, &st) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) {
    error_ = std::strerror(errno);
    return false;
  }
  size_ = st.st_size;
  return true;
}

bool audit_file::rotate() {
  ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  std::filesystem::remove(rotated_name(path_, rotation_.max_files), ec);
  for (auto n = rotation_.max_files - 1; n >= 1; --n) {
    auto from = rotated_name(path_, n);
    if (std::filesystem::exists(from, ec))
      std::filesystem::rename(from, rotated_name(path_, n + 1), ec);
    if (ec)
      break;
  }
  if (!ec)
    std::filesystem::rename(path_, rotated_name(path_, 1), ec);
  // Whatever happened, reopen: a failed rename keeps appending to the same
  // file (and says so) rather than losing lines.
  bool opened = open_file();
  if (ec) {
    error_ = "rotation: " + ec.message();
    return false;
  }
  return opened;
}

audit_file::~audit_file() {
  if (fd_ >= 0)
    ::close(fd_);
}

bool audit_file::append(const audit_row& a) {
  auto line = audit_line(a);
  if (fd_ < 0 && !open_file()) // a reopening after rotation had failed
    return false;
  bool rotated = true;
  if (size_ > 0
      && size_ + static_cast<int64_t>(line.size()) > rotation_.max_bytes)
    rotated = rotate();
  if (fd_ < 0)
    return false;
  // O_APPEND: each write lands at the end; a short write (disk full) is
  // continued, an error reported.
  size_t done = 0;
  while (done < line.size()) {
    auto n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      error_ = std::strerror(errno);
      return false;
    }
    done += static_cast<size_t>(n);
    size_ += n;
  }
  return rotated;
}

} // namespace karb::store
