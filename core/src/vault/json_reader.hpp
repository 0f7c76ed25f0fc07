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

class ObjectReader {
 public:
  /// Throws E_SCHEMA unless `object` is an object. `pointer` must outlive the reader.
  ObjectReader(JsonView object, const Path& pointer);
  ObjectReader(JsonView, Path&&) = delete;  // the reader keeps a reference

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
};

/// Throws E_SCHEMA unless `value` is an object.
void requireObject(JsonView value, const Path& pointer);
/// The same for a value not (yet) on a tape.
void requireObject(const nlohmann::json& value, const std::string& pointer);
/// Throws E_SCHEMA unless `value` is an array.
void requireArray(JsonView value, const Path& pointer);

}  // namespace selfcrm::detail
