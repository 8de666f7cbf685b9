// The YAML configuration loader on any text: a configuration is either
// loaded or refused with at least one error naming what is wrong, never a
// crash or an escaping exception. Secrets are not resolved (no files, no
// environment).

#include <string>

#include "config/load.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace karb;

KARB_FUZZ_TARGET(config_yaml) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto r = config::load_text(text, "fuzz.yaml", {}, false);
  KARB_FUZZ_CHECK(r.value.has_value() == r.errors.empty());
  for (const auto& e : r.errors)
    KARB_FUZZ_CHECK(!e.message.empty());
}
