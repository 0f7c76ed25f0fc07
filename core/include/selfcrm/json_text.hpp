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
/// A string, a double and an integer as nlohmann::json::dump() writes them, after `before` (a
/// separator such as ',') unless it is '\0'.
void appendJsonString(std::string& out, std::string_view s, char before = '\0');
void appendJsonNumber(std::string& out, double x, char before = '\0');
void appendJsonInteger(std::string& out, std::int64_t i, char before = '\0');
void appendJsonInteger(std::string& out, std::uint64_t u, char before = '\0');

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
  JsonWriter& value(double x) { return appendJsonNumber(out_, x, separator()), done(); }
  JsonWriter& value(bool b) {
    const std::string_view text = b ? std::string_view(",true") : std::string_view(",false");
    return out_.append(text.data() + first_, text.size() - first_), done();
  }
  JsonWriter& value(std::string_view s) { return appendJsonString(out_, s, separator()), done(); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  JsonWriter& value(Integer i) {
    if constexpr (std::is_signed_v<Integer>) {
      appendJsonInteger(out_, static_cast<std::int64_t>(i), separator());
    } else {
      appendJsonInteger(out_, static_cast<std::uint64_t>(i), separator());
    }
    return done();
  }
  JsonWriter& null() { return comma(), out_ += "null", done(); }
  /// After a value appended to the output by other means (another writer): the next one takes a comma.
  JsonWriter& written() { return done(); }
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
  char separator() const { return first_ ? '\0' : ','; }
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
  /// A writer onto `text`, with room for a typical explanation made first: one allocation, not
  /// one per doubling (in wasm each growth is a malloc, a copy and a free, per score per profile).
  JsonWriter writer(std::size_t room = 512) {
    text.reserve(room);
    return JsonWriter(text);
  }
  nlohmann::json tree() const { return text.empty() ? nlohmann::json() : parseJson(text, "the text"); }
};
inline void to_json(nlohmann::json& out, const JsonText& t) { out = t.tree(); }

}  // namespace selfcrm
