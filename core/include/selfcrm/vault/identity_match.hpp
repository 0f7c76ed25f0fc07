#pragma once
/// @file
/// Which identifiers probably belong to one person: the match key of an identifier (stricter than
/// the vault's normalised form where a mail provider's rule is known), whether a record from an
/// outside source (a contacts row, a platform profile) is the vault owner's own, and merge
/// proposals with their evidence, under the customer's "same person" and "never merge" decisions.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/profile.hpp"

namespace selfcrm {

class JsonView;

/// The key under which two spellings reach the same mailbox, number or account:
/// - email: the vault's normalisation, then, only for providers whose rule is published:
///   gmail.com/googlemail.com drop dots and a "+tag" from the local part (domain gmail.com);
///   outlook.com, hotmail.com, live.com, icloud.com, me.com, fastmail.com, proton.me,
///   protonmail.com drop a "+tag". Other domains keep the local part (a tag may be a mailbox).
/// - phone: E.164 as the vault normalises it; handles: as the vault normalises them.
/// Throws Error(E_RANGE, path) when the vault cannot normalise the value.
std::string identityMatchKey(IdentityKind kind, std::string_view value, const std::string& path = "");

/// "kind[/network]:normalised": how an identity is named in proposals and decisions.
std::string identityLabel(IdentityKind kind, std::string_view value, std::string_view network, const std::string& path = "");

/// One source record: identifiers that arrived together (a contacts row, a profile, the vault).
struct MatchRecord {
  std::string id;
  std::vector<Identity> identities;  ///< kind, network, value (normalized is filled in)
  std::string name;                  ///< full name as written, "" when unknown
  std::string birthdate;             ///< YYYY-MM-DD, "" when unknown
};

#define SELFCRM_ENUMERATOR(enumerator, name) enumerator,
/// The decisions in the order of their names (detail/record_fields.hpp).
enum class LinkDecision { SELFCRM_DECISION_NAMES(SELFCRM_ENUMERATOR) };
#undef SELFCRM_ENUMERATOR

/// The customer's answer about two identities (labels as identityLabel writes them).
struct IdentityDecision {
  std::string a;
  std::string b;
  LinkDecision decision = LinkDecision::Same;
};

struct MatchEvidence {
  std::string rule;  ///< shared-identifier, same-record, provider-rule, same-handle, name-birthdate, confirmed
  std::string a;     ///< the two identities (or records, for name-birthdate) it links
  std::string b;
  double weight = 0;
  std::string detail;
};

/// Identities that probably belong together, with why; `score` is the weakest link that joins them.
struct MergeProposal {
  std::vector<std::string> identities;
  std::vector<std::string> records;
  double score = 0;
  std::vector<MatchEvidence> evidence;
};

/// Proposals over `records`: identities of one record, or sharing a match key, a handle across
/// networks, or a record's name and full birthdate are linked (weights in identity_clusters.cpp);
/// links below `threshold` are not used; a "never" decision keeps its two identities apart (no
/// cluster joins them), a "same" decision links with weight 1. A cluster whose every link the
/// customer already confirmed is not proposed again. Deterministic: sorted labels and records.
/// Throws Error(E_RANGE, "/records/i/identities/j") for an identifier the vault cannot normalise.
std::vector<MergeProposal> proposeMerges(const std::vector<MatchRecord>& records,
                                         const std::vector<IdentityDecision>& decisions, double threshold = 0.5);

/// Reads {records: [{id, identities, name?, birthdate?}], decisions?: [{a, b, decision}], threshold?}.
nlohmann::json proposeMergesJson(const nlohmann::json& input);
/// proposeMergesJson() of input read onto a JsonTape (the module's path: no tree).
nlohmann::json proposeMergesTape(const JsonView& input);

/// The candidate records that are the owner's (one shares an email or phone match key with `owner`,
/// or the customer decided one of its identities is the owner's), in input order: {index, id, via:
/// the pairs that show it, invalid: its identities that cannot be normalised (index, code,
/// message)}. Reads {owner: [identity], records: [{id, identities}], decisions?: [...]}.
nlohmann::json ownRecordsJson(const nlohmann::json& input);
/// ownRecordsJson() of input read onto a JsonTape.
nlohmann::json ownRecordsTape(const JsonView& input);

nlohmann::json toJson(const MergeProposal& proposal);

}  // namespace selfcrm
