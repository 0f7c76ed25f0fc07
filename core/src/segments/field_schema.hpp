#pragma once
// The fields a condition may name and their types (see field_schema.cpp).
#include <string>
#include <vector>

#include "condition_node.hpp"

namespace selfcrm::segments {

/// Maps a collection name ("transactions", …) to its scope; false when unknown.
bool scopeFromName(const std::string& name, Scope& out);

/// The type of `path` in `scope`; throws Error(E_SCHEMA, pointer) for a field that cannot exist.
FieldType fieldType(Scope scope, const std::vector<std::string>& path, const std::string& pointer,
                    const std::string& field);

}  // namespace selfcrm::segments
