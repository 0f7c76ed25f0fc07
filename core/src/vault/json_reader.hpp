#pragma once
// Strict reading of one JSON object: every field is checked for type and range, and a field the
// reader never asked for is an error (finish()), so typos never pass silently. Reads a JsonTape:
// profiles are read tens of thousands a second, so nothing here allocates unless it throws.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm::detail {

/// Largest integer a JS number holds exactly: counts beyond it would not survive the trip to JS.
constexpr std::int64_t kMaxSafeInteger = 9007199254740991LL;

/// A JSON Pointer spelled out only when an error needs it. A child refers to its parent, so a
/// Path lives no longer than the Path it was made from.
class Path {
 public:
  Path() = default;  ///< the document root, ""
  explicit Path(const std::string& base) : base_(&base) {}
  Path(const Path& parent, std::string_view key) : parent_(&parent), key_(key), isKey_(true) {}
  Path(const Path& parent, std::size_t index) : parent_(&parent), index_(index) {}
  std::string str() const;

 private:
  const std::string* base_ = nullptr;
  const Path* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool isKey_ = false;
};

/// Where a field name hashes in a FieldTable: its length and three of its letters, spread by `m`.
constexpr std::uint32_t fieldSlot(std::string_view name, std::uint32_t m) {
  std::uint32_t h = static_cast<std::uint32_t>(name.size());
  if (!name.empty()) {
    h = h * 31 + static_cast<unsigned char>(name[0]);
    h = h * 31 + static_cast<unsigned char>(name[name.size() / 2]);
    h = h * 31 + static_cast<unsigned char>(name.back());
  }
  return (h * m) >> 26;  // 0…63
}

/// A record's field names and a hash of them without collisions (found at compile time), so the
/// field a member is for takes one hash and one comparison. Names that hash alike whatever the
/// multiplier still work: the reader then searches the names in turn.
struct FieldTable {
  static constexpr std::size_t kMax = 32;
  std::string_view names[kMax] = {};
  std::size_t count = 0;
  std::uint32_t multiplier = 1;
  std::uint8_t slots[64] = {};  // 1 + the index of the name hashing there; 0: none

  template <std::size_t N>
  constexpr explicit FieldTable(const std::string_view (&fieldNames)[N]) : count(N) {
    static_assert(N <= kMax, "a record has at most 32 fields");
    for (std::size_t i = 0; i < N; ++i) names[i] = fieldNames[i];
    for (std::uint32_t m = 0x9E3779B1u, tries = 0; tries < 4096; ++tries, m += 2) {
      if (place(m)) return;
    }
    place(0x9E3779B1u);  // collisions remain; lookups fall back to a search
  }

 private:
  constexpr bool place(std::uint32_t m) {
    for (auto& slot : slots) slot = 0;
    multiplier = m;
    bool clean = true;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint8_t& slot = slots[fieldSlot(names[i], m)];
      if (slot != 0) clean = false;
      else slot = static_cast<std::uint8_t>(i + 1);
    }
    return clean;
  }
};

class ObjectReader {
 public:
  /// Throws E_SCHEMA unless `object` is an object. `pointer` must outlive the reader.
  ObjectReader(JsonView object, const Path& pointer);
  ObjectReader(JsonView, Path&&) = delete;  // the reader keeps a reference

  /// Finds the fields of `table` (in the order they will be read) in one walk over the members, so
  /// each read is a lookup, whatever order the members come in; a member not among them is refused
  /// by finish(). `table` must outlive the reader.
  void expect(const FieldTable& table);

  // Keys are string_views so a literal's length is known where it is written (no strlen per read).
  bool has(std::string_view key) const;
  /// Marks an optional field as known without reading it here.
  void known(std::string_view key) {
    if (seenCount_ == seen_.size()) tooManyFields();
    seen_[seenCount_++] = {key.data(), key.size()};
  }
  JsonView raw(std::string_view key);  ///< required, any type
  std::string path(std::string_view key) const { return Path(pointer_, key).str(); }
  /// Where `key` sits, for passing down to the reader of its value.
  Path child(std::string_view key) const { return Path(pointer_, key); }

  std::string string(std::string_view key, bool required, const std::string& fallback = "");
  /// Like string(), without a copy: valid while the tape is.
  std::string_view text(std::string_view key, bool required, std::string_view fallback = "");
  bool boolean(std::string_view key, bool fallback);
  double number(std::string_view key, double fallback);
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max);
  Timestamp time(std::string_view key);  ///< required ISO-8601 string

  /// Throws E_SCHEMA at the first field no accessor asked for, or that appears twice.
  void finish() const;

 private:
  [[noreturn]] void tooManyFields() const;
  bool find(std::string_view key, JsonView& out);
  // Where `key` is among the expected names, or the count of them.
  std::size_t expectedIndex(std::string_view key) const;
  /// Throws at the first member in document order that was not asked for or is repeated.
  [[noreturn]] void refuseStrayMember() const;
  // The value of `key`, marked as asked for; false when it is absent and not required.
  bool field(std::string_view key, bool required, JsonView& out);
  std::string_view stringOf(std::string_view key, JsonView value) const;
  JsonView object_;
  const Path& pointer_;
  // Left uninitialised: a reader is made per record, and only the first Count entries are read.
  struct Name {
    const char* data;
    std::size_t size;
  };
  std::array<Name, 32> seen_;  // field names asked for
  std::size_t seenCount_ = 0;
  std::array<std::uint32_t, 32> found_;  // where the fields found sit on the tape
  std::size_t foundCount_ = 0;
  std::uint32_t cursor_ = 0;  // where the next field is likely to be (see JsonView::findFrom)
  // expect(): the table's names, where each one's value sits on the tape (0: absent), the next
  // name likely to be read, and the first member that is not in the table or repeats one (0: none).
  const FieldTable* expected_ = nullptr;
  std::size_t nextExpected_ = 0;
  std::array<std::uint32_t, 32> expectedAt_;
  std::uint32_t stray_ = 0;
};

/// Throws E_SCHEMA unless `value` is an object.
void requireObject(JsonView value, const Path& pointer);
/// The same for a value not (yet) on a tape.
void requireObject(const nlohmann::json& value, const std::string& pointer);
/// Throws E_SCHEMA unless `value` is an array.
void requireArray(JsonView value, const Path& pointer);

}  // namespace selfcrm::detail
