#include "exchanges/common/crypto.hpp"

#include <array>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace karb::crypto {

namespace {

const EVP_MD* md_of(digest d) {
  return d == digest::sha256 ? EVP_sha256() : EVP_sha512();
}

constexpr char b64_alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string b64_encode(std::string_view in, bool url) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(in[k]); };
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out += b64_alphabet[(v >> 18) & 63];
    out += b64_alphabet[(v >> 12) & 63];
    out += b64_alphabet[(v >> 6) & 63];
    out += b64_alphabet[v & 63];
  }
  if (size_t rest = in.size() - i; rest > 0) {
    uint32_t v = byte(i) << 16;
    if (rest == 2)
      v |= byte(i + 1) << 8;
    out += b64_alphabet[(v >> 18) & 63];
    out += b64_alphabet[(v >> 12) & 63];
    if (rest == 2)
      out += b64_alphabet[(v >> 6) & 63];
    if (!url)
      out.append(rest == 1 ? "==" : "=");
  }
  if (url)
    for (auto& c : out)
      c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

} // namespace

std::string hash(digest d, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), buf.data(), &len, md_of(d),
                 nullptr) != 1)
    throw std::runtime_error("EVP_Digest failed");
  return std::string{reinterpret_cast<char*>(buf.data()), len};
}

std::string hash_hex(digest d, std::string_view data) {
  return to_hex(hash(d, data));
}

std::string hmac(digest d, std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
  unsigned int len = 0;
  if (HMAC(md_of(d), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           buf.data(), &len)
      == nullptr)
    throw std::runtime_error("HMAC failed");
  return std::string{reinterpret_cast<char*>(buf.data()), len};
}

std::string hmac_hex(digest d, std::string_view key, std::string_view data) {
  return to_hex(hmac(d, key, data));
}

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.resize(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = digits[b >> 4];
    out[2 * i + 1] = digits[b & 15];
  }
  return out;
}

std::string base64(std::string_view bytes) { return b64_encode(bytes, false); }

std::string base64url(std::string_view bytes) {
  return b64_encode(bytes, true);
}

bool base64url_decode(std::string_view text, std::string& out) {
  out.clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-' || c == '+')
      v = 62;
    else if (c == '_' || c == '/')
      v = 63;
    else if (c == '=')
      break;
    else
      return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return true;
}

std::string uuid_v4() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  b[6] = (b[6] & 0x0F) | 0x40;
  b[8] = (b[8] & 0x3F) | 0x80;
  auto hex = to_hex(std::string_view{reinterpret_cast<char*>(b.data()), 16});
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4)
         + "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

bool equal_secure(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace karb::crypto
