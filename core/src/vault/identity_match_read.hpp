#pragma once
// The input of the identity matching calls, read strictly (unknown fields are E_SCHEMA with their
// JSON Pointer), and the per-identifier facts the matchers compare.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/vault/identity_match.hpp"

namespace selfcrm::detail {

struct MatchInput {
  std::vector<Identity> owner;
  std::vector<MatchRecord> records;
  std::vector<IdentityDecision> decisions;
  double threshold = 0.5;
};

/// {records: [{id, identities: [{kind, value, network?}], name?, birthdate?}], decisions?, threshold?}
/// plus `owner` (a list of identities) when `withOwner`.
MatchInput readMatchInput(const JsonView& input, bool withOwner);

/// {kind, value, network?} read strictly at `path`.
Identity readIdentityKey(const JsonView& value, const std::string& path);
Identity readIdentityKey(const nlohmann::json& value, const std::string& path);

/// One identifier as the matchers see it.
struct MatchIdentity {
  std::string label;       ///< kind[/network]:normalised
  std::string key;         ///< kind[/network]:match key
  IdentityKind kind = IdentityKind::Email;
  std::string normalized;
};
MatchIdentity matchIdentity(const Identity& id, const std::string& path);

}  // namespace selfcrm::detail
