#pragma once
/// @file
/// Writing JSON text fast, byte for byte what `value.dump(-1, ' ', false, replace)` writes: from a
/// tree (recursive: for trees the core builds, not for untrusted input) or member by member
/// (JsonWriter) where no tree is needed at all.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "selfcrm/json_tape.hpp"

namespace selfcrm {

void appendJson(std::string& out, const nlohmann::json& value);
/// A string, a double and an integer as nlohmann::json::dump() writes them.
void appendJsonString(std::string& out, std::string_view s);
void appendJsonNumber(std::string& out, double x);
void appendJsonInteger(std::string& out, std::int64_t i);
void appendJsonInteger(std::string& out, std::uint64_t u);

/// JSON written member by member, without a tree: what dump() would write of the same tree as
/// long as the caller gives each object's keys in sorted (byte) order, as nlohmann::json's
/// std::map keeps them. Keys are plain ASCII names, written as they are.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& open() { return start('{'); }
  JsonWriter& close() { return end('}'); }
  JsonWriter& openArray() { return start('['); }
  JsonWriter& closeArray() { return end(']'); }
  JsonWriter& key(std::string_view name) {
    // One append for `,"name":`: in wasm every std::string call is an out-of-line call into libc++.
    char buf[68];
    if (name.size() > sizeof buf - 4) {
      comma();
      out_ += '"';
      out_ += name;
      out_ += "\":";
    } else {
      std::size_t n = 0;
      if (!first_) buf[n++] = ',';
      buf[n++] = '"';
      std::memcpy(buf + n, name.data(), name.size());
      n += name.size();
      buf[n++] = '"';
      buf[n++] = ':';
      out_.append(buf, n);
    }
    first_ = true;  // the value that follows takes no comma
    return *this;
  }
  /// A key that may need escaping (a name taken from data).
  JsonWriter& anyKey(std::string_view name) {
    comma();
    appendJsonString(out_, name);
    out_ += ':';
    first_ = true;
    return *this;
  }
  JsonWriter& value(double x) { return comma(), appendJsonNumber(out_, x), done(); }
  JsonWriter& value(bool b) { return comma(), out_ += b ? "true" : "false", done(); }
  JsonWriter& value(std::string_view s) { return comma(), appendJsonString(out_, s), done(); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  JsonWriter& value(Integer i) {
    comma();
    if constexpr (std::is_signed_v<Integer>) {
      appendJsonInteger(out_, static_cast<std::int64_t>(i));
    } else {
      appendJsonInteger(out_, static_cast<std::uint64_t>(i));
    }
    return done();
  }
  JsonWriter& null() { return comma(), out_ += "null", done(); }
  /// Text that is already JSON in dump()'s form.
  JsonWriter& raw(std::string_view json) { return comma(), out_ += json, done(); }
  JsonWriter& value(const nlohmann::json& v) { return comma(), appendJson(out_, v), done(); }
  template <class Sequence>
  JsonWriter& array(const Sequence& values) {
    openArray();
    for (const auto& v : values) value(v);
    return closeArray();
  }

 private:
  void comma() {
    if (!first_) out_ += ',';
  }
  JsonWriter& done() {
    first_ = false;
    return *this;
  }
  JsonWriter& start(char c) {
    comma();
    out_ += c;
    first_ = true;
    return *this;
  }
  JsonWriter& end(char c) {
    out_ += c;
    return done();
  }
  std::string& out_;
  bool first_ = true;
};

/// JSON already written as text (in dump()'s form), kept as text: explanations are written once
/// per score and mostly only copied into a result line. The tree is built when someone asks.
struct JsonText {
  std::string text;
  nlohmann::json tree() const { return text.empty() ? nlohmann::json() : parseJson(text, "the text"); }
};
inline void to_json(nlohmann::json& out, const JsonText& t) { out = t.tree(); }

}  // namespace selfcrm
