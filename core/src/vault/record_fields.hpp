#pragma once
// The record field tables (selfcrm/detail/record_fields.hpp) with the structs they declare, and
// the direction and decision names the readers and writers spell.
#include <iterator>

#include "selfcrm/profile.hpp"
#include "selfcrm/vault/vault_document.hpp"

namespace selfcrm::detail {
#define SELFCRM_DIRECTION_NAME(enumerator, name) name,
inline constexpr const char* kDirectionNames[] = {SELFCRM_DIRECTION_NAMES(SELFCRM_DIRECTION_NAME)};
#undef SELFCRM_DIRECTION_NAME
constexpr const char* directionName(Direction d) { return kDirectionNames[static_cast<int>(d)]; }

#define SELFCRM_DECISION_NAME(enumerator, name) name,
inline constexpr const char* kDecisionNames[] = {SELFCRM_DECISION_NAMES(SELFCRM_DECISION_NAME)};
#undef SELFCRM_DECISION_NAME
// The readers check decisions against these names spelled out (records_json.cpp,
// vault_decisions.cpp, identity_match_read.cpp): a loop over the table cost the download bytes.
static_assert(std::size(kDecisionNames) == 2 && sameText(kDecisionNames[0], "same") && sameText(kDecisionNames[1], "never"),
              "decision names changed: update the three checks that spell them");
}  // namespace selfcrm::detail
