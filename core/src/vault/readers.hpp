#pragma once
// The vault's strict readers over a JsonTape. The public *FromJson functions (profile_json.hpp,
// vault_document.hpp) copy an nlohmann::json onto a tape and call these; batch paths parse text
// straight onto a tape and skip the copy.
#include <string>

#include <nlohmann/json.hpp>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/profile.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "vault/json_reader.hpp"

namespace selfcrm {
/// vaultDocumentFromJson read from a JSON tape (what batch paths parse each line into).
VaultDocument vaultDocumentFromTape(JsonView value, const std::string& pointer = "", bool requireVersion = true);
}  // namespace selfcrm

namespace selfcrm::detail {

Identity readIdentity(JsonView value, const Path& pointer);
AttributeValue readAttributeValue(JsonView value, const Path& pointer);
Attributes readAttributes(JsonView value, const Path& pointer);
History readHistory(JsonView value, const Path& pointer);
Transaction readTransaction(JsonView value, const Path& pointer);
Interaction readInteraction(JsonView value, const Path& pointer);
SurveyAnswer readSurveyAnswer(JsonView value, const Path& pointer);
Referral readReferral(JsonView value, const Path& pointer);
SocialReach readSocialReach(JsonView value, const Path& pointer);
JournalEntry readJournalEntry(JsonView value, const Path& pointer);
ProvenanceEntry readProvenanceEntry(JsonView value, const Path& pointer);
IdentityDecisionEntry readIdentityDecision(JsonView value, const Path& pointer);

/// read(view, path) on a tape copy of `value`.
template <class Read>
auto readJson(const nlohmann::json& value, const std::string& pointer, Read read) {
  JsonTape tape;
  tape.assign(value);
  const Path path(pointer);
  return read(tape.root(), path);
}

}  // namespace selfcrm::detail
