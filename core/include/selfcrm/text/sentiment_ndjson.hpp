#pragma once
/// @file
/// Sentiment over lines (the `selfcrm sentiment` batch input).

#include <cstddef>
#include <string_view>

#include "selfcrm/ndjson.hpp"
#include "selfcrm/text/lexicon.hpp"

namespace selfcrm::text {

/// Each non-blank line of `chunk` is a text, or, when it starts with "{", a record whose "text" is
/// a string and whose "id" (any JSON value) names the result; a plain line, or a record without an
/// id, is named by its line number. One line {"id","compound","label","cues"} per text (with
/// `explain`, also "drivers"), written as JSON.stringify writes them; bad lines (not JSON, no
/// string text, a text over kMaxTextBytes) are rejects. The text is read as a host's TextDecoder
/// reads it: a leading byte-order mark is skipped and ill-formed UTF-8 becomes U+FFFD. Lines are
/// numbered from `firstLine`, so a stream can be fed in chunks that end on line boundaries.
NdjsonResult sentimentNdjson(std::string_view chunk, std::size_t firstLine, bool explain, const Lexicon& lexicon);

}  // namespace selfcrm::text
