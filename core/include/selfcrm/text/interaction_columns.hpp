#pragma once
/// @file
/// Interactions handed over as columns (one UTF-8 buffer of texts with offsets, and a flat array
/// of numeric fields), as a front end passes them without a JSON parser in between.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "selfcrm/profile.hpp"

namespace selfcrm::text {

/// Numeric fields per interaction, in this order, in `fields[i * kInteractionFields + k]`.
enum InteractionField : std::size_t {
  FieldAt = 0,            ///< seconds since the epoch (orders a thread)
  FieldDirection,         ///< 0 customer → business, 1 business → customer
  FieldPublic,            ///< 0 or 1
  FieldParticipants,      ///< integer ≥ 1
  FieldThread,            ///< thread number ≥ 0, or −1 for none
  FieldReplyExpected,     ///< 0 or 1
  FieldReplyReceived,     ///< 0 or 1
  kInteractionFields
};

/// Builds the records; text i is texts[offsets[i], offsets[i+1]). Throws E_RANGE with
/// `/i/<field>` for a value outside its domain, `/offsets/i` for bad offsets.
std::vector<Interaction> interactionsFromColumns(std::string_view texts, const std::uint32_t* offsets,
                                                 const double* fields, std::size_t count);

}  // namespace selfcrm::text
