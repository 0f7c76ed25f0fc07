#pragma once
/// @file
/// One customer row as the company holds it after intake: `{"subject": "<pairwise id>",
/// "claims": {"<claim name>": value, …}}` (what `selfcrm intake export` writes). Only the claims
/// the conversation and support models read are kept; every other claim is ignored, and every
/// claim may be missing (the models then say what was unknown).
///
/// Score claims take the number itself or the band the vault shares (`"high"`, `"medium"`,
/// `"low"`), read as the band's representative value (ClaimBands):
///   band:clv        lifetime value (money)          band:alive      P(alive), 0…1
///   band:crv        referral value (money)          band:influence  influence, 0…100
/// Feedback claims (derived on the device from the customer's own messages):
///   feedback:complaint  true: an open complaint     feedback:churn   true: a churn-threat cue
///   feedback:sentiment  "negative"|"neutral"|"positive" or the mean compound (−1…1)
///   feedback:degree     the six-degrees name of the customer's latest message (monologue,
///                       venting, skewed, social-pressure, objective, community)
/// Reach: `/preferential/channels` (the customer's stated channels, first preferred; a list or
/// one name), `/identities/email/primary` and `/identities/phone/primary` (contact shared).
/// Plus `nps:category` (promoter, passive, detractor).

#include <optional>
#include <string>
#include <vector>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/nps.hpp"

namespace selfcrm::conversations {

/// The customer side of the six degrees of social interaction (text/degrees.hpp), 1…6.
enum class Degree { Monologue = 1, Venting, Skewed, SocialPressure, Objective, Community };
const char* degreeName(Degree degree) noexcept;

/// A score as read: its value, and whether it came as a band (an estimate) or as the number.
struct Score {
  double value = 0;
  bool fromBand = false;
};

struct CustomerClaims {
  std::string subject;
  std::optional<Score> clv, alive, crv, influence;
  std::optional<bool> complaint, churnThreat;
  std::optional<double> sentiment;  ///< mean compound −1…1 (a label reads −0.5, 0, 0.5)
  std::optional<Degree> degree;
  std::optional<NpsCategory> nps;
  std::vector<std::string> channels;  ///< stated, most preferred first (lower case)
  bool emailShared = false, phoneShared = false;
};

/// Representative values of the vault's score bands (vault/claims.ts scoreBands): a band is read
/// as the typical value inside it, so a row with bands ranks like one with numbers near them.
struct ClaimBands {
  double clv[3] = {100, 600, 2000};        ///< low (< 200), medium (200–1000), high (≥ 1000)
  double alive[3] = {0.15, 0.5, 0.85};     ///< low (< 0.33), medium, high (≥ 0.66)
  double crv[3] = {50, 300, 1000};         ///< low (< 100), medium (100–500), high (≥ 500)
  double influence[3] = {15, 50, 85};      ///< low (< 33), medium, high (≥ 66)
};

/// Reads one row. Throws Error(E_SCHEMA) at `/subject` or `/claims` for a missing or mistyped
/// member, and at `/claims/<name>` (E_SCHEMA or E_RANGE) for a read claim of the wrong type or
/// out of its range: a row is used whole or not at all.
CustomerClaims readCustomerClaims(JsonView row, const ClaimBands& bands = {});

}  // namespace selfcrm::conversations
