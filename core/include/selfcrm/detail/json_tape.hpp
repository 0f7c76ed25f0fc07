#pragma once
/// @file
/// Internal to SelfCRM (detail/: no stability promise; a C++ user reads selfcrm/selfcrm.hpp).
/// A read-only JSON document on one flat tape: the batch paths read tens of thousands of
/// profiles a second, and a tree of std::map nodes per line (nlohmann::json's DOM) cost more
/// than everything computed on it. The text is parsed in one pass (json_tape_parse.cpp) that
/// accepts exactly what nlohmann::json::parse accepts but for repeated keys (refused: readers
/// would disagree about which value counts) and reads the same numbers; one tape is
/// reused line after line, so a batch allocates almost nothing per record.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/error.hpp"

namespace selfcrm {

class JsonView;

class JsonTape {
 public:
  enum class Type : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

  JsonTape() = default;
  // Views point into the tape's own text, or into a borrowed one: a copy would point at the wrong one.
  JsonTape(const JsonTape&) = delete;
  JsonTape& operator=(const JsonTape&) = delete;

  /// Replaces the contents with the JSON text; throws Error(E_PARSE, "") when it is not JSON,
  /// Error(E_PARSE, path) when it ends before its JSON does (path: the innermost open container),
  /// Error(E_RANGE, path) for a number beyond a double's range, and Error(E_SCHEMA, path) for a key
  /// repeated in one object.
  void parse(std::string_view text);
  /// parse() that keeps no copy of `text` unless a string in it has an escape to decode: the views'
  /// strings point into `text`, which must outlive them. One copy of every line fewer in a batch.
  void parseBorrowing(std::string_view text);
  /// parse() for a whole document, whose refusal says where: Error(E_PARSE, "", "<what> is not
  /// JSON: syntax error near line L, column C").
  void parseDocument(std::string_view text, std::string_view what);
  /// Replaces the contents with a copy of `value`; throws Error(E_SCHEMA) past 512 levels of nesting.
  void assign(const nlohmann::json& value);

  JsonView root() const;

 private:
  /// Where a string's bytes sit in the tape's text.
  struct Text {
    std::uint32_t offset, size;
  };
  struct Node {
    Type type = Type::Null;
    std::uint32_t end = 0;    ///< index one past this node's subtree (an object's keys are nodes too)
    std::uint32_t count = 0;  ///< members or elements of an object or array
    union {
      bool boolean;
      std::int64_t integer;
      std::uint64_t unsigned_;
      double real;
      Text text;
    };
  };
  /// Why a text was refused: a syntax error (reason empty) at `at`, a text that ends before its
  /// JSON does (Parse, reason set), a number out of range (Range) or a repeated key (Schema).
  struct Refusal {
    std::size_t at = 0, depth = 0;
    ErrorCode code = ErrorCode::Parse;
    std::string path, reason;
  };
  /// parseBorrowing(), returning false and saying why when the text is refused.
  bool parseOrRefuse(std::string_view text, Refusal& refusal);
  /// After a borrowing parse of `text`: the tape's own copy, so its views outlive the text.
  void keepCopy(std::string_view text);
  friend class JsonView;
  friend class TapeBuilder;
  std::vector<Node> nodes_;
  std::string strings_;          // the text, when the tape holds its own copy
  const char* text_ = nullptr;   // where string offsets count from: strings_ or a borrowed text
  std::vector<std::uint32_t> open_;  // the builder's stack of open containers, kept for reuse
};

/// One value on a tape; valid while the tape is alive and unchanged.
class JsonView {
 public:
  using Type = JsonTape::Type;
  JsonView(const JsonTape& tape, std::uint32_t index) : tape_(&tape), index_(index) {}

  Type type() const { return node().type; }
  bool isObject() const { return type() == Type::Object; }
  bool isArray() const { return type() == Type::Array; }
  bool isString() const { return type() == Type::String; }
  bool isBoolean() const { return type() == Type::Boolean; }
  bool isNumber() const { return type() >= Type::Integer && type() <= Type::Float; }
  bool isInteger() const { return type() == Type::Integer || type() == Type::Unsigned; }

  /// Members of an object or elements of an array.
  std::size_t size() const { return node().count; }
  /// size() less the member without() hides.
  std::size_t visibleSize() const { return node().count - (hidden_ != 0); }
  /// Where the value sits on its tape: two views of one tape are the same value when equal.
  std::uint32_t index() const { return index_; }
  /// The value at `index` (an earlier index()) of this view's tape.
  JsonView onSameTape(std::uint32_t index) const { return JsonView(*tape_, index); }
  /// A string's text (or an object key's).
  std::string_view string() const { return std::string_view(tape_->text_ + node().text.offset, node().text.size); }
  bool boolean() const { return node().boolean; }
  /// Any number as a double (integers converted like nlohmann's get<double>).
  double number() const;
  std::int64_t integer() const { return node().integer; }
  std::uint64_t unsignedInteger() const { return node().unsigned_; }

  /// The value of `key` (a parsed text never repeats one; an assigned tree cannot). Objects only.
  bool find(std::string_view key, JsonView& out) const;
  /// find() for objects without repeated keys, starting at `cursor` (0 or what an earlier call left)
  /// and wrapping around; `cursor` moves past the member found, so fields read in document order
  /// cost one comparison each.
  bool findFrom(std::string_view key, std::uint32_t& cursor, JsonView& out) const;
  /// fn(std::string_view key, JsonView value) for each member in document order. Objects only.
  template <class Fn>
  void forEachMember(Fn&& fn) const {
    std::uint32_t i = index_ + 1;
    const std::uint32_t end = node().end;
    while (i < end) {
      const JsonView key(*tape_, i);
      const JsonView value(*tape_, i + 1);
      if (i != hidden_) fn(key.string(), value);
      i = value.node().end;
    }
  }
  /// fn(std::size_t index, JsonView element) for each element. Arrays only.
  template <class Fn>
  void forEachElement(Fn&& fn) const {
    std::uint32_t i = index_ + 1;
    const std::uint32_t end = node().end;
    for (std::size_t n = 0; i < end; ++n) {
      const JsonView element(*tape_, i);
      fn(n, element);
      i = element.node().end;
    }
  }

  /// This object as if its (first) member `key` were not there, for a field the caller has read
  /// and the readers must not see (an import line's "type"). size() still counts it.
  JsonView without(std::string_view key) const;

  /// The value as nlohmann::json, for the parts kept as documents (grants, ledger).
  nlohmann::json toJson() const;
  /// The value's JSON text, numbers and escapes as nlohmann::json writes them.
  std::string dump() const { return toJson().dump(); }

 private:
  const JsonTape::Node& node() const { return tape_->nodes_[index_]; }
  const JsonTape* tape_;
  std::uint32_t index_;
  std::uint32_t hidden_ = 0;  // key node of a member to skip; 0 (the root) for none
};

inline JsonView JsonTape::root() const { return JsonView(*this, 0); }

/// A document kept as a tree (packs, models, facts, vault edits), read by the tape's parser so
/// the module carries one JSON reader: the values nlohmann::json::parse gives. Not JSON is
/// JsonTape::parseDocument's Error(E_PARSE).
nlohmann::json parseJson(std::string_view text, std::string_view what);

}  // namespace selfcrm
