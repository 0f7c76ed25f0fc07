#pragma once
/// @file
/// Appending a JSON tree as text, byte for byte what `value.dump(-1, ' ', false, replace)` writes,
/// in a fraction of the time for the trees the core builds (explanations: short ASCII keys and
/// strings, many numbers). Recursive: for trees the core builds, not for untrusted input.

#include <string>

#include <nlohmann/json.hpp>

namespace selfcrm {

void appendJson(std::string& out, const nlohmann::json& value);

}  // namespace selfcrm
