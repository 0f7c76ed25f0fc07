#pragma once
/// @file
/// The default packs' JSON text, shipped inside the library (generated from core/data/*.json).
#include <string_view>

namespace selfcrm::segments {

/// core/data/default_segments.json
std::string_view defaultSegmentsJson() noexcept;
/// core/data/default_personas.json
std::string_view defaultPersonasJson() noexcept;

}  // namespace selfcrm::segments
