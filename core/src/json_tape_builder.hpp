#pragma once
// Internal: builds a JsonTape from a stream of JSON events (the text parser's, or a copied
// nlohmann::json's). Not installed; the core's sources only.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm {

// Deeper documents are refused rather than walked: copying one to nlohmann::json recurses, and a
// wasm stack is small. No document SelfCRM reads comes near it.
constexpr std::size_t kMaxJsonDepth = 512;

/// Appends nodes for a stream of JSON events; containers are closed from a stack of indices.
/// The events the text parser sends are forced inline: clang left them calls in wasm, where a
/// call per JSON value cost ~10 % of a short NDJSON line (g++ inlined them anyway).
class TapeBuilder {
 public:
  explicit TapeBuilder(JsonTape& tape) : tape_(tape), open_(tape.open_) {
    tape_.nodes_.clear();
    tape_.strings_.clear();
    tape_.text_ = tape_.strings_.data();
    open_.clear();
  }

  void null() { leaf(JsonTape::Type::Null); }
  void boolean(bool b) { leaf(JsonTape::Type::Boolean).boolean = b; }
  [[gnu::always_inline]] void integer(std::int64_t i) { leaf(JsonTape::Type::Integer).integer = i; }
  [[gnu::always_inline]] void unsignedInteger(std::uint64_t u) { leaf(JsonTape::Type::Unsigned).unsigned_ = u; }
  [[gnu::always_inline]] void real(double d) { leaf(JsonTape::Type::Float).real = d; }
  void string(std::string_view s) { text(leaf(JsonTape::Type::String), s); }
  void key(std::string_view s) {
    // A key is a string node; its value follows it. Only the value counts as a member.
    JsonTape::Node& node = push(JsonTape::Type::String);
    node.end = static_cast<std::uint32_t>(tape_.nodes_.size());
    text(node, s);
  }
  /// False, and nothing opened, past kMaxJsonDepth (remembered in tooDeep()).
  [[gnu::always_inline]] bool open(JsonTape::Type type) {
    if (open_.size() >= kMaxJsonDepth) {
      tooDeep_ = true;
      return false;
    }
    leaf(type);
    open_.push_back(static_cast<std::uint32_t>(tape_.nodes_.size() - 1));
    return true;
  }
  bool tooDeep() const { return tooDeep_; }
  /// Containers open: brackets a cut text left unclosed.
  std::size_t depth() const { return open_.size(); }
  bool inObject() const { return !open_.empty() && tape_.nodes_[open_.back()].type == JsonTape::Type::Object; }
  bool done() const { return open_.empty(); }

  /// Makes `text` the tape's string storage without copying it: strings are recorded as offsets
  /// into it (stringAt, keyAt).
  void borrow(std::string_view text) {
    if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
      throw Error(ErrorCode::Range, "", "a JSON document of more than 4 GB");
    }
    tape_.text_ = text.data();
  }
  /// Copies the borrowed text into the tape and returns the copy, writable: a parser decodes
  /// escapes in place (a decoded string is never longer than its JSON spelling). The offsets
  /// recorded so far hold in the copy.
  char* own(std::string_view text) {
    tape_.strings_.assign(text.data(), text.size());
    tape_.text_ = tape_.strings_.data();
    return tape_.strings_.data();
  }
  /// A string or key whose bytes already sit in the text (borrowed or owned).
  [[gnu::always_inline]] void stringAt(std::uint32_t offset, std::uint32_t size) {
    leaf(JsonTape::Type::String).text = {offset, size};
  }
  [[gnu::always_inline]] void keyAt(std::uint32_t offset, std::uint32_t size) {
    JsonTape::Node& node = push(JsonTape::Type::String);
    node.end = static_cast<std::uint32_t>(tape_.nodes_.size());
    node.text = {offset, size};
  }
  [[gnu::always_inline]] void close() {
    tape_.nodes_[open_.back()].end = static_cast<std::uint32_t>(tape_.nodes_.size());
    open_.pop_back();
  }

  /// The key node of the first key that repeats an earlier one in the innermost open object, or 0.
  /// A repeated key is refused rather than resolved: which value a reader would take differs from
  /// reader to reader (a profile refused it while an NPS answer kept the last), so two readers
  /// could disagree about the same line.
  std::uint32_t repeatedKey() const;

  /// The JSON Pointer of the innermost open container; with `next`, of the value being read in it
  /// (an object's key was pushed last; an array's next element is its count).
  std::string openPath(bool next) const;
  /// The JSON Pointer of a key node's value in the innermost open object.
  std::string keyPath(std::uint32_t keyNode) const;

 private:
  [[gnu::always_inline]] JsonTape::Node& push(JsonTape::Type type) {
    auto& nodes = tape_.nodes_;
    if (nodes.size() == nodes.capacity()) grow();
    JsonTape::Node& node = nodes.emplace_back();
    node.type = type;
    return node;
  }
  [[gnu::noinline]] void grow() {
    auto& nodes = tape_.nodes_;
    if (nodes.size() >= std::numeric_limits<std::uint32_t>::max()) {
      throw Error(ErrorCode::Range, "", "a JSON document with more than 4 billion values");
    }
    nodes.reserve(std::max<std::size_t>(64, nodes.size() * 2));
  }
  // A scalar (or a container's head): counted in its container, closed at once.
  [[gnu::always_inline]] JsonTape::Node& leaf(JsonTape::Type type) {
    if (!open_.empty()) ++tape_.nodes_[open_.back()].count;
    JsonTape::Node& node = push(type);
    node.end = static_cast<std::uint32_t>(tape_.nodes_.size());
    return node;
  }
  void text(JsonTape::Node& node, std::string_view s) {
    if (tape_.strings_.size() + s.size() >= std::numeric_limits<std::uint32_t>::max()) {
      throw Error(ErrorCode::Range, "", "a JSON document with more than 4 GB of text");
    }
    node.text = {static_cast<std::uint32_t>(tape_.strings_.size()), static_cast<std::uint32_t>(s.size())};
    tape_.strings_ += s;
    tape_.text_ = tape_.strings_.data();
  }

  JsonTape& tape_;
  std::vector<std::uint32_t>& open_;  // the tape's, so a batch does not allocate one per line
  bool tooDeep_ = false;
};

}  // namespace selfcrm
