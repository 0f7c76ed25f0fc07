#pragma once
/// @file
/// Fitting a model from profiles (what customers shared) rather than a transaction export: each
/// profile's purchases become transaction lines for fitModel, and every reject points back at the
/// profile's line and the record inside it (`/history/transactions/2/at`).
#include <cstddef>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/scores/transaction_batch.hpp"

namespace selfcrm::scores {

struct ProfileFit {
  FitResult fit;  ///< its rejects: the profile lines refused and the purchases fitModel refused
  std::size_t profiles = 0;  ///< profile lines used
};

/// One vault document or bare profile per line (the first numbered `firstLine`); a line that is
/// not JSON (E_PARSE), not an object with a string id (E_SCHEMA at /id), or whose
/// history.transactions is not an array (E_SCHEMA) is a reject. Throws E_EMPTY like fitModel.
ProfileFit fitModelFromProfiles(std::string_view ndjson, std::size_t firstLine, const FitOptions& options);

/// FitResult's members and "profiles".
void to_json(nlohmann::json& out, const ProfileFit& fit);

}  // namespace selfcrm::scores
