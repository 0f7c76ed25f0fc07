#pragma once
/// @file
/// Facts documents as NDJSON (the `selfcrm segment` batch input): one document per line in, one
/// result per good line plus one reject per bad line out, so lines in = results + rejects.

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/segments/segment_pack.hpp"

namespace selfcrm::segments {

/// Evaluates every non-blank line of `text` (numbered from `firstLine`) with both packs as of
/// `asOf`. Returns {"results": [{"line", "id"?, "segments": [{name, because}], "plans": {name:
/// points}, "persona": {…} | null, "personas": [names]}], "rejects": [LineReject…]}. Personas see
/// the segments computed for the same line.
nlohmann::json segmentNdjson(const SegmentPack& segments, const PersonaPack& personas, std::string_view text,
                             std::size_t firstLine, Timestamp asOf);

}  // namespace selfcrm::segments
