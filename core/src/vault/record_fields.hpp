#pragma once
// The record field tables (selfcrm/detail/record_fields.hpp) with the structs they declare, and
// the direction and decision names the readers and writers spell.
#include <iterator>
#include <string>

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
/// The decision's position in SELFCRM_DECISION_NAMES (its LinkDecision), or -1 for another text.
inline int decisionIndex(const std::string& text) {
  for (int i = 0; i < static_cast<int>(std::size(kDecisionNames)); ++i) {
    if (text == kDecisionNames[i]) return i;
  }
  return -1;
}
}  // namespace selfcrm::detail
