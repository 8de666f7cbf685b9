#include "actors/app/hardening.hpp"

#include <cerrno>
#include <cstring>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace karb::app {

hardening process_hardening() {
  hardening out;
  out.dumpable = ::prctl(PR_GET_DUMPABLE) != 0;
  rlimit rl{};
  if (::getrlimit(RLIMIT_CORE, &rl) == 0)
    out.core_limit = rl.rlim_cur == RLIM_INFINITY
                       ? -1
                       : static_cast<long>(rl.rlim_cur);
  return out;
}

hardening harden_process() {
  std::string error;
  rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0)
    error = std::string{"setrlimit(RLIMIT_CORE): "} + std::strerror(errno);
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    if (!error.empty())
      error += "; ";
    error += std::string{"prctl(PR_SET_DUMPABLE): "} + std::strerror(errno);
  }
  auto out = process_hardening();
  out.error = std::move(error);
  return out;
}

} // namespace karb::app
