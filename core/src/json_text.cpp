#include "selfcrm/json_text.hpp"

#include <charconv>
#include <cmath>

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

void appendString(std::string& out, std::string_view s) {
  if (plain(s)) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void appendDouble(std::string& out, double x) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  char buf[64];
  out.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, x));
}

template <class Integer>
void appendInteger(std::string& out, Integer i) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, i).ptr);
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s) { appendString(out, s); }
void appendJsonNumber(std::string& out, double x) { appendDouble(out, x); }
void appendJsonInteger(std::string& out, std::int64_t i) { appendInteger(out, i); }
void appendJsonInteger(std::string& out, std::uint64_t u) { appendInteger(out, u); }

void appendJson(std::string& out, const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ',';
        first = false;
        appendString(out, key);
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
    case Type::string: appendString(out, value.get_ref<const std::string&>()); return;
    case Type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Type::number_integer: appendInteger(out, value.get<std::int64_t>()); return;
    case Type::number_unsigned: appendInteger(out, value.get<std::uint64_t>()); return;
    case Type::number_float: appendDouble(out, value.get<double>()); return;
    default: out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); return;  // null, binary
  }
}

}  // namespace selfcrm
