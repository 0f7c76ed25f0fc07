#include "selfcrm/detail/json_tape.hpp"

#include <cstring>

#include "json_tape_builder.hpp"
#include "same_bytes.hpp"

namespace selfcrm {
using detail::sameBytes;
namespace {
void feed(TapeBuilder& b, const nlohmann::json& v) {
  using json = nlohmann::json;
  switch (v.type()) {
    case json::value_t::object:
      if (!b.open(JsonTape::Type::Object)) throw Error(ErrorCode::Schema, "", "the JSON is nested more than 512 levels deep");
      for (const auto& item : v.items()) {
        b.key(item.key());
        feed(b, item.value());
      }
      b.close();
      return;
    case json::value_t::array:
      if (!b.open(JsonTape::Type::Array)) throw Error(ErrorCode::Schema, "", "the JSON is nested more than 512 levels deep");
      for (const auto& element : v) feed(b, element);
      b.close();
      return;
    case json::value_t::string: b.string(v.get_ref<const std::string&>()); return;
    case json::value_t::boolean: b.boolean(v.get<bool>()); return;
    case json::value_t::number_integer: b.integer(v.get<std::int64_t>()); return;
    case json::value_t::number_unsigned: b.unsignedInteger(v.get<std::uint64_t>()); return;
    case json::value_t::number_float: b.real(v.get<double>()); return;
    default: b.null(); return;  // null; binary and discarded values never come from JSON text
  }
}

nlohmann::json toJsonAt(const JsonView& v) {
  using Type = JsonTape::Type;
  switch (v.type()) {
    case Type::Object: {
      nlohmann::json out = nlohmann::json::object();
      auto& members = out.get_ref<nlohmann::json::object_t&>();
      // Placed at the end (keys usually come sorted, as dump() writes them); a repeated key keeps
      // its last value, as nlohmann's parser does.
      v.forEachMember([&](std::string_view key, const JsonView& value) {
        const std::size_t before = members.size();
        const auto at = members.emplace_hint(members.end(), std::string(key), toJsonAt(value));
        if (members.size() == before) at->second = toJsonAt(value);
      });
      return out;
    }
    case Type::Array: {
      nlohmann::json out = nlohmann::json::array();
      v.forEachElement([&](std::size_t, const JsonView& element) { out.push_back(toJsonAt(element)); });
      return out;
    }
    case Type::String: return std::string(v.string());
    case Type::Boolean: return v.boolean();
    case Type::Integer: return v.integer();
    case Type::Unsigned: return v.unsignedInteger();
    case Type::Float: return v.number();
    default: return nullptr;
  }
}
}  // namespace

void JsonTape::assign(const nlohmann::json& value) {
  TapeBuilder builder(*this);
  feed(builder, value);
}

double JsonView::number() const {
  switch (type()) {
    case Type::Integer: return static_cast<double>(node().integer);
    case Type::Unsigned: return static_cast<double>(node().unsigned_);
    default: return node().real;
  }
}


bool JsonView::find(std::string_view key, JsonView& out) const {
  bool found = false;
  forEachMember([&](std::string_view k, const JsonView& value) {
    if (k.size() == key.size() && sameBytes(k.data(), key.data(), k.size())) {
      out = value;
      found = true;
    }
  });
  return found;
}

bool JsonView::findFrom(std::string_view key, std::uint32_t& cursor, JsonView& out) const {
  const std::uint32_t begin = index_ + 1;
  const std::uint32_t end = node().end;
  if (begin == end) return false;
  if (cursor < begin || cursor >= end) cursor = begin;
  std::uint32_t i = cursor;
  do {
    const JsonView value(*tape_, i + 1);
    const std::uint32_t next = value.node().end;
    const JsonTape::Text& name = tape_->nodes_[i].text;
    if (name.size == key.size() && i != hidden_ && sameBytes(tape_->text_ + name.offset, key.data(), key.size())) {
      out = value;
      cursor = next;
      return true;
    }
    i = next == end ? begin : next;
  } while (i != cursor);
  return false;
}

JsonView JsonView::without(std::string_view key) const {
  JsonView out = *this;
  for (std::uint32_t i = index_ + 1; i < node().end; i = JsonView(*tape_, i + 1).node().end) {
    if (JsonView(*tape_, i).string() == key) {
      out.hidden_ = i;
      break;
    }
  }
  return out;
}

nlohmann::json JsonView::toJson() const { return toJsonAt(*this); }

}  // namespace selfcrm
