#pragma once
/// @file
/// The vault document: a Profile plus its change journal, versioned (`schemaVersion`, now 1).
///
/// Top level: `schemaVersion` (required, integer), `id`, `identities`, `attributes`, `history`,
/// `journal`; optional `grants` and `ledger` (arrays of objects, reserved for the disclosure area
/// and kept as they are), `provenance` (where imported items came from) and `identityDecisions`
/// (the customer's "same person"/"never merge" answers). Any other top-level
/// field is E_SCHEMA; a newer schemaVersion is E_VERSION.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/profile.hpp"

namespace selfcrm {

/// The schema version this reader writes and the newest it reads.
constexpr int kVaultSchemaVersion = 1;

/// One readable line of the change journal: when, what kind of change, on what, and how.
SELFCRM_RECORD_STRUCT(JournalEntry, SELFCRM_JOURNAL_FIELDS)

/// One source of one imported identity or attribute. An item named by several files (or several
/// places in one) has one entry per source; (item, sha256, path) is the entry's key, so importing
/// the same file again adds nothing, and merging two copies joins their entries.
SELFCRM_RECORD_STRUCT(ProvenanceEntry, SELFCRM_PROVENANCE_FIELDS)

/// The customer's "same person" or "never merge" answer about two identities, kept through later
/// imports and merges (identity_match.hpp proposes; the customer decides). One per pair (a < b).
SELFCRM_RECORD_STRUCT(IdentityDecisionEntry, SELFCRM_IDENTITY_DECISION_FIELDS)

struct VaultDocument {
  Profile profile;
  std::vector<JournalEntry> journal;
  std::vector<ProvenanceEntry> provenance;  ///< by key (see ProvenanceEntry)
  std::vector<IdentityDecisionEntry> identityDecisions;  ///< by (a, b)
  nlohmann::json grants = nlohmann::json::array();  ///< reserved: disclosure grants
  nlohmann::json ledger = nlohmann::json::array();  ///< reserved: disclosure ledger
};

/// Reads a vault document strictly (see the file comment). Identities that normalise alike and
/// records sharing an id are E_CONFLICT. With `requireVersion` false a bare profile object (no
/// `schemaVersion`) is accepted as well.
VaultDocument vaultDocumentFromJson(const nlohmann::json& value, const std::string& pointer = "",
                                    bool requireVersion = true);
/// The same, from JSON text; not JSON is Error(E_PARSE, "").
VaultDocument vaultDocumentFromText(std::string_view text, bool requireVersion = true);
/// Writes the document; `grants`/`ledger` only when non-empty.
nlohmann::json vaultDocumentToJson(const VaultDocument& document);

/// The same document as compact JSON text, byte for byte `vaultDocumentToJson(document).dump()`,
/// written without building a JSON tree (much faster for large vaults).
std::string vaultDocumentToText(const VaultDocument& document);

JournalEntry journalEntryFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json journalEntryToJson(const JournalEntry& entry);
ProvenanceEntry provenanceEntryFromJson(const nlohmann::json& value, const std::string& pointer);
nlohmann::json provenanceEntryToJson(const ProvenanceEntry& entry);
nlohmann::json identityDecisionToJson(const IdentityDecisionEntry& entry);

}  // namespace selfcrm
