#pragma once
/// @file
/// Internal to SelfCRM (detail/: no stability promise), shared by the core, its bindings and tools.
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

#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm {

void appendJson(std::string& out, const nlohmann::json& value);
/// A string, a double and an integer as nlohmann::json::dump() writes them, after `before` (a
/// separator, a key) written in the same append.
void appendJsonString(std::string& out, std::string_view s, std::string_view before = {});
void appendJsonNumber(std::string& out, double x, std::string_view before = {});
void appendJsonInteger(std::string& out, std::int64_t i, std::string_view before = {});
void appendJsonInteger(std::string& out, std::uint64_t u, std::string_view before = {});

/// JSON written member by member, without a tree: what dump() would write of the same tree as
/// long as the caller gives each object's keys in sorted (byte) order, as nlohmann::json's
/// std::map keeps them. Keys are plain ASCII names, written as they are.
///
/// A key is held back and goes out with its value in one append: in wasm every std::string call
/// is an out-of-line call into libc++, and a score card is hundreds of members. So nothing but the
/// writer may write to the output between a key and its value (see valueBy()).
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& open() { return start('{'); }
  JsonWriter& close() { return end('}'); }
  JsonWriter& openArray() { return start('['); }
  JsonWriter& closeArray() { return end(']'); }
  JsonWriter& key(std::string_view name) {
    if (name.size() > sizeof pending_ - 4) {
      comma();
      out_ += '"';
      out_ += name;
      out_ += "\":";
    } else {
      std::size_t n = 0;
      if (!first_) pending_[n++] = ',';
      pending_[n++] = '"';
      std::memcpy(pending_ + n, name.data(), name.size());
      n += name.size();
      pending_[n++] = '"';
      pending_[n++] = ':';
      pendingSize_ = n;
    }
    first_ = true;  // the value that follows takes no comma
    return *this;
  }
  /// A key that may need escaping (a name taken from data).
  JsonWriter& anyKey(std::string_view name) {
    appendJsonString(out_, name, lead());
    out_ += ':';
    first_ = true;
    return *this;
  }
  JsonWriter& value(double x) { return appendJsonNumber(out_, x, lead()), done(); }
  JsonWriter& value(bool b) { return literal(b ? "true" : "false"); }
  JsonWriter& value(std::string_view s) { return appendJsonString(out_, s, lead()), done(); }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
  JsonWriter& value(Integer i) {
    if constexpr (std::is_signed_v<Integer>) {
      appendJsonInteger(out_, static_cast<std::int64_t>(i), lead());
    } else {
      appendJsonInteger(out_, static_cast<std::uint64_t>(i), lead());
    }
    return done();
  }
  JsonWriter& null() { return literal("null"); }
  /// A value that `write(std::string& out)` appends to the output itself (another writer).
  template <class Write>
  JsonWriter& valueBy(Write&& write) {
    out_ += lead();
    write(out_);
    return done();
  }
  /// Text that is already JSON in dump()'s form.
  JsonWriter& raw(std::string_view json) { return out_ += lead(), out_ += json, done(); }
  JsonWriter& value(const nlohmann::json& v) { return out_ += lead(), appendJson(out_, v), done(); }
  template <class Sequence>
  JsonWriter& array(const Sequence& values) {
    openArray();
    for (const auto& v : values) value(v);
    return closeArray();
  }

 private:
  // What goes before the next value: the held-back key, or a comma after an earlier value.
  std::string_view lead() {
    if (pendingSize_ != 0) {
      const std::string_view key(pending_, pendingSize_);
      pendingSize_ = 0;
      return key;
    }
    return std::string_view(",", first_ ? 0 : 1);  // never a null pointer, even when empty (memcpy)
  }
  void comma() {
    if (!first_) out_ += ',';
  }
  JsonWriter& literal(std::string_view text) {
    char buf[sizeof pending_ + 8];
    const std::string_view before = lead();
    std::memcpy(buf, before.data(), before.size());
    std::memcpy(buf + before.size(), text.data(), text.size());
    out_.append(buf, before.size() + text.size());
    return done();
  }
  JsonWriter& done() {
    first_ = false;
    return *this;
  }
  JsonWriter& start(char c) {
    const char text[] = {c};
    literal(std::string_view(text, 1));
    first_ = true;
    return *this;
  }
  JsonWriter& end(char c) {
    out_ += c;
    return done();
  }
  std::string& out_;
  bool first_ = true;
  char pending_[68];
  std::size_t pendingSize_ = 0;
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
