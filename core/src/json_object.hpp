#pragma once
// Internal: a JSON object built member by member, in place. nlohmann's initializer lists build a
// two-element array per member and then copy out of it (an allocation and a free per field):
// for a facts document, a tree of every record of a profile, that was most of its cost.
#include <utility>

#include <nlohmann/json.hpp>

namespace selfcrm {

class JsonObject {
 public:
  JsonObject() : value_(nlohmann::json::value_t::object) {}

  /// Adds a member; cheapest when keys come in sorted order (the order an object keeps them in).
  template <class Value>
  JsonObject& add(const char* key, Value&& value) {
    auto& members = value_.get_ref<nlohmann::json::object_t&>();
    members.emplace_hint(members.end(), key, std::forward<Value>(value));
    return *this;
  }
  nlohmann::json take() { return std::move(value_); }

 private:
  nlohmann::json value_;
};

}  // namespace selfcrm
