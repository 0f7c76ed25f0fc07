#include "selfcrm/detail/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace selfcrm {
namespace {

// Printable ASCII other than '"' and '\\' is written as it is; anything else (escapes, UTF-8 that
// may need replacing) goes through nlohmann's own serializer, so the bytes stay its bytes.
bool plain(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// Each value goes out in one append with what comes before it (a separator, a key): in wasm every
// std::string call is an out-of-line call into libc++ and then into memcpy.
constexpr std::size_t kMaxBefore = 72;

std::size_t put(char* buf, std::string_view before) {
  if (!before.empty()) std::memcpy(buf, before.data(), before.size());  // data() may be null when empty
  return before.size();
}

void appendString(std::string& out, std::string_view s, std::string_view before) {
  const bool isPlain = plain(s);
  if (isPlain && s.size() <= 60 && before.size() <= kMaxBefore) {
    char buf[kMaxBefore + 64];
    std::size_t n = put(buf, before);
    buf[n++] = '"';
    std::memcpy(buf + n, s.data(), s.size());
    n += s.size();
    buf[n++] = '"';
    out.append(buf, n);
    return;
  }
  out += before;
  if (isPlain) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `before`, then what `format(at, end)` writes (it returns where it stopped), in one append.
template <class Format>
void appendAfter(std::string& out, std::string_view before, Format format) {
  if (before.size() > kMaxBefore) {
    out += before;
    before = {};
  }
  char buf[kMaxBefore + 64];
  const std::size_t n = put(buf, before);
  out.append(buf, static_cast<std::size_t>(format(buf + n, buf + sizeof buf) - buf));
}

void appendDouble(std::string& out, double x, std::string_view before) {
  appendAfter(out, before, [x](char* at, char* end) {
    if (std::isfinite(x)) return nlohmann::detail::to_chars(at, end, x);
    std::memcpy(at, "null", 4);
    return at + 4;
  });
}

template <class Integer>
void appendInteger(std::string& out, Integer i, std::string_view before) {
  appendAfter(out, before, [i](char* at, char* end) { return std::to_chars(at, end, i).ptr; });
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s, std::string_view before) { appendString(out, s, before); }
void appendJsonNumber(std::string& out, double x, std::string_view before) { appendDouble(out, x, before); }
void appendJsonInteger(std::string& out, std::int64_t i, std::string_view before) { appendInteger(out, i, before); }
void appendJsonInteger(std::string& out, std::uint64_t u, std::string_view before) { appendInteger(out, u, before); }

void appendJson(std::string& out, const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        appendString(out, key, first ? std::string_view() : std::string_view(",", 1));
        first = false;
        out += ':';
        appendJson(out, member);
      }
      out += '}';
      return;
    }
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        appendJson(out, element);
      }
      out += ']';
      return;
    }
    case Type::string: appendString(out, value.get_ref<const std::string&>(), {}); return;
    case Type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Type::number_integer: appendInteger(out, value.get<std::int64_t>(), {}); return;
    case Type::number_unsigned: appendInteger(out, value.get<std::uint64_t>(), {}); return;
    case Type::number_float: appendDouble(out, value.get<double>(), {}); return;
    default: out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); return;  // null, binary
  }
}

}  // namespace selfcrm
