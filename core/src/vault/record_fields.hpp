#pragma once
// The record field tables (selfcrm/detail/record_fields.hpp) with the structs they declare, and
// the direction names the readers and writers spell.
#include "selfcrm/profile.hpp"
#include "selfcrm/vault/vault_document.hpp"

namespace selfcrm::detail {
#define SELFCRM_DIRECTION_NAME(enumerator, name) name,
inline constexpr const char* kDirectionNames[] = {SELFCRM_DIRECTION_NAMES(SELFCRM_DIRECTION_NAME)};
#undef SELFCRM_DIRECTION_NAME
constexpr const char* directionName(Direction d) { return kDirectionNames[static_cast<int>(d)]; }
}  // namespace selfcrm::detail
