#pragma once
/// @file
/// NPS answers as NDJSON records `{"id": …, "score": 0–10}` (the `selfcrm nps` batch input).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "selfcrm/ndjson.hpp"
#include "selfcrm/nps.hpp"

namespace selfcrm {

/// Counts every valid record of `text` into `tally` and returns the bad ones. `score` is required
/// and must be an integer 0–10; `id`, when present, must be a string or a number; other fields
/// are ignored. Lines are numbered from `firstLine`, so a stream can be fed in chunks that end on
/// line boundaries.
std::vector<LineReject> tallyNpsNdjson(NpsTally& tally, std::string_view text, std::size_t firstLine);

/// Per-respondent output of one NDJSON chunk: one line `{"id","score","category"}` per valid
/// record, in input order, and the bad lines.
using NpsClassified = NdjsonResult;

/// Classifies every record of `text` (same record rules as tallyNpsNdjson).
NpsClassified classifyNpsNdjson(std::string_view text, std::size_t firstLine);

}  // namespace selfcrm
