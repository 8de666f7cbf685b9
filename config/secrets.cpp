#include "config/secrets.hpp"

#include <sys/stat.h>

namespace karb::config {

namespace {

using env_fn = std::function<const char*(const char*)>;

// Loads the secrets file (a map; `venues`, when present, is a map too).
YAML::Node load_secrets_file(yaml_reader& r, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    r.fail("node.secrets_file", "cannot read secrets file '" + path + "'");
    return {};
  }
  if ((st.st_mode & 077) != 0) {
    r.fail("node.secrets_file", "secrets file '" + path
                                  + "' must not be readable by group or "
                                    "others (chmod 600)");
    return {};
  }
  try {
    auto root = YAML::LoadFile(path);
    if (!root.IsMap() || (root["venues"].IsDefined()
                          && !root["venues"].IsMap())) {
      r.fail("node.secrets_file", "secrets file '" + path
                                    + "' must be a map, with a 'venues' map");
      return {};
    }
    return root;
  } catch (const YAML::Exception& e) {
    // The message may quote file content; report only the position.
    r.fail("node.secrets_file", "secrets file '" + path
                                  + "' is not valid YAML (line "
                                  + std::to_string(e.mark.line + 1) + ")");
    return {};
  }
}

std::string from_file(const YAML::Node& venues, const std::string& venue,
                      const char* key) {
  if (!venues.IsDefined() || !venues.IsMap())
    return {};
  auto v = venues[venue];
  if (!v.IsMap() || !v[key].IsScalar())
    return {};
  return v[key].Scalar();
}

// Keys, secrets and tokens travel in HTTP headers and signatures: only
// visible ASCII, so a pasted newline or space (or a header injection) is
// refused here rather than becoming a venue's "invalid signature" later.
bool printable_credential(const std::string& value) {
  for (unsigned char c : value)
    if (c < 0x21 || c > 0x7e)
      return false;
  return true;
}

// The error for a credential that is not printable; never the value.
void fail_unprintable(yaml_reader& r, const std::string& path,
                      const std::string& source) {
  r.fail(path, source + " holds a space, control character or non-ASCII "
                        "byte (a pasted newline?); the value is not shown");
}

void resolve_venue_keys(yaml_reader& r, settings& s,
                        const YAML::Node& file_venues, const env_fn& env) {
  for (auto& v : s.venues) {
    if (!v.enabled)
      continue;
    auto vp = "venues." + v.name;
    auto resolve = [&](const std::string& var, const char* file_key,
                       const char* config_key) -> std::string {
      std::string value;
      std::string source = "environment variable " + var;
      if (const char* e = env(var.c_str()); e && *e) {
        value = e;
      } else {
        value = from_file(file_venues, v.name, file_key);
        source = "secrets file entry venues." + v.name + "." + file_key;
      }
      if (!value.empty() && !printable_credential(value))
        fail_unprintable(r, vp + "." + config_key, source);
      else if (value.empty())
        r.fail(vp + "." + config_key,
               "missing secret: environment variable " + var
                 + " is not set"
                 + (s.node.secrets_file.empty()
                      ? std::string{}
                      : " and the secrets file has no venues." + v.name + "."
                          + file_key));
      return value;
    };
    v.access_key = resolve(v.access_key_env, "access_key", "access_key_env");
    v.secret_key = secret{resolve(v.secret_key_env, "secret_key",
                                  "secret_key_env")};
    if (!v.passphrase_env.empty())
      v.passphrase = secret{resolve(v.passphrase_env, "passphrase",
                                    "passphrase_env")};
  }
}

// node.api's token: optional on loopback (controls are then refused),
// required on any other bind.
void resolve_api_token(yaml_reader& r, settings& s, const YAML::Node& file,
                       const env_fn& env) {
  auto& api = s.node.api;
  std::string source = "environment variable " + api.token_env;
  if (const char* value = env(api.token_env.c_str()); value && *value) {
    api.token = secret{value};
  } else if (auto t = file.IsMap() ? file["api_token"] : YAML::Node{};
             t.IsDefined() && t.IsScalar()) {
    api.token = secret{t.Scalar()};
    source = "secrets file entry api_token";
  }
  if (!printable_credential(api.token.reveal()))
    fail_unprintable(r, "node.api.token_env", source);
  if (api.token.empty() && !is_loopback(api.bind))
    r.fail("node.api.token_env",
           "binding beyond loopback requires a token: environment variable "
             + api.token_env + " is not set"
             + (s.node.secrets_file.empty()
                  ? std::string{}
                  : " and the secrets file has no api_token"));
}

} // namespace

void resolve_secrets(yaml_reader& r, settings& s, const env_fn& env) {
  YAML::Node file;
  if (!s.node.secrets_file.empty())
    file = load_secrets_file(r, s.node.secrets_file);
  resolve_venue_keys(r, s, file.IsMap() ? file["venues"] : YAML::Node{},
                     env);
  resolve_api_token(r, s, file, env);
}

} // namespace karb::config
