#pragma once
/// @file
/// Facts documents as NDJSON (the `selfcrm segment` batch input): one document per line in, one
/// result per good line plus one reject per bad line out, so lines in = results + rejects.

#include <cstddef>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/segments/persona_pack.hpp"
#include "selfcrm/segments/segment_pack.hpp"

namespace selfcrm::segments {

/// Evaluates every non-blank line of `text` (numbered from `firstLine`) with both packs as of
/// `asOf`. Returns {"results": [...], "rejects": [LineReject…]}; personas see the segments computed
/// for the same line. A result is {"line", "id"?, "segments": [names], "plans": {name: points},
/// "persona": name | null, "personas": [names]}; with `explain`, "segments" holds
/// {name, because} and "persona" the full match {name, tier|useCase, priority, because}.
nlohmann::json segmentNdjson(const SegmentPack& segments, const PersonaPack& personas, std::string_view text,
                             std::size_t firstLine, Timestamp asOf, bool explain = false);

}  // namespace selfcrm::segments
