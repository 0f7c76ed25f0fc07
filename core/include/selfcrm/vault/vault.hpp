#pragma once
/// @file
/// The identity vault: one customer's profile and change journal, with operations that either
/// apply completely or throw selfcrm::Error and leave the vault exactly as it was.
///
/// Order is canonical (identities by kind/network/key, records by time then id, journal by time and,
/// within one second, by op, target and detail),
/// so equal content always serialises to equal bytes, and merge is commutative and idempotent.
/// Every operation takes `now` (seconds since the epoch) from the caller, which keeps the core
/// free of clocks and its results reproducible.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "selfcrm/ndjson.hpp"
#include "selfcrm/vault/vault_document.hpp"

namespace selfcrm {

class JsonView;

/// What a bulk history import did: lines in = added + duplicates + rejected.
struct ImportReport {
  std::size_t added = 0;
  std::size_t duplicates = 0;  ///< records already present with identical content
  std::vector<LineReject> rejected;
};
void to_json(nlohmann::json& out, const ImportReport& report);

/// What became of one imported item (see Vault::applyImport).
struct ImportItemOutcome {
  std::string item;     ///< as the journal names it: "email:ann@example.com", "personal/name"
  std::string path;     ///< where in the source file: "line 4", "$.email"
  std::string outcome;  ///< added, merged, replaced, unchanged, skipped or rejected
  std::string code;     ///< skipped/rejected: why, as a code (E_CONFLICT, E_RANGE…)
  std::string message;  ///< a sentence for the person importing
};

/// What applying one batch did: one outcome per item, in batch order, and the counts.
struct ImportApplyReport {
  std::size_t added = 0;
  std::size_t merged = 0;     ///< already held; the new source (and verified/primary) recorded
  std::size_t replaced = 0;   ///< an attribute whose value the file's replaced (only when asked)
  std::size_t unchanged = 0;  ///< already taken from this very file and place: nothing to do
  std::size_t skipped = 0;    ///< an attribute that holds another value (kept)
  std::size_t rejected = 0;   ///< not valid for the vault (an identifier that does not normalise…)
  std::vector<ImportItemOutcome> items;
};
void to_json(nlohmann::json& out, const ImportApplyReport& report);

class Vault {
 public:
  /** @name Creating, exporting, importing */
  Vault() = default;
  explicit Vault(std::string id);
  /// Reads a vault document (see vault_document.hpp) and puts it in canonical order.
  static Vault fromJson(const nlohmann::json& document);
  /// The same from the document's text (faster: no JSON tree); not JSON is E_PARSE.
  static Vault fromText(std::string_view text);
  nlohmann::json toJson() const;
  /// Compact JSON text of the document, equal to toJson().dump() (see vaultDocumentToText).
  std::string toText() const { return vaultDocumentToText(doc_); }
  const Profile& profile() const { return doc_.profile; }
  const std::vector<JournalEntry>& journal() const { return doc_.journal; }

  /** @name Identities (the argument's fields are those of an identity in the document) */
  /// Adds `{kind, value, network?, verified?, primary?, addedAt?}` (addedAt defaults to `now`).
  /// One that normalises to an existing identity is merged into it (flags or-ed, earliest
  /// addedAt kept) and true is returned; false when it was new.
  bool addIdentity(const nlohmann::json& identity, Timestamp now);
  /// Sets `verified` and/or `primary` of the identity `{kind, value, network?}`; E_NOT_FOUND if absent.
  void updateIdentity(const nlohmann::json& patch, Timestamp now);
  /// Removes the identity `{kind, value, network?}`; E_NOT_FOUND if absent.
  void removeIdentity(const nlohmann::json& key, Timestamp now);

  /** @name Attributes */
  void setAttribute(const std::string& category, const std::string& name, const nlohmann::json& value, Timestamp now);
  /// E_NOT_FOUND when the attribute is not set.
  void removeAttribute(const std::string& category, const std::string& name, Timestamp now);

  /** @name History */
  /// Appends one record of `type` ("transaction", "interaction", "survey", "referral", "reach").
  /// A record whose id (reach: network and time) is present with identical content is a duplicate:
  /// false is returned and nothing changes; with other content it is E_CONFLICT.
  bool addRecord(const std::string& type, const nlohmann::json& record, Timestamp now);
  /// Imports NDJSON lines `{"type": "<type>", …record}`; bad lines become rejects, good ones are
  /// added together (one journal entry). Line paths are JSON Pointers inside the line.
  ImportReport importHistory(std::string_view ndjson, std::size_t firstLine, Timestamp now);

  /** @name Importing what outside sources hold (contact cards, sign-in claims, platform exports) */
  /// Applies `{identities: [{kind, value, network?, verified?, pref?, provenance}], attributes:
  /// [{category, name, value, provenance}], replace?}` where provenance is `{source, file, sha256,
  /// path}`. Identities merge as addIdentity does (verified or-ed); the lowest `pref` of a kind
  /// becomes primary when the vault has no primary of that kind. An attribute holding another
  /// value is kept (skipped, E_CONFLICT) unless `replace`. Every item that is now in the vault gets
  /// a provenance entry stamped `now`; one already taken from the same file and place is
  /// unchanged, so applying a batch twice changes nothing the second time. Items the vault refuses
  /// are reported, the others applied together with one journal entry each and a summary; a
  /// malformed batch (not the shape above) throws and changes nothing.
  ImportApplyReport applyImport(const nlohmann::json& batch, Timestamp now);
  /// applyImport() of a batch read onto a JsonTape (no tree: the module's import path).
  ImportApplyReport applyImportTape(const JsonView& batch, Timestamp now);

  /** @name The customer's identity decisions (see identity_match.hpp) */
  /// Records `{a: {kind, value, network?}, b: {…}, decision: "same"|"never"}` about two identities
  /// (in the vault or not yet); a later answer about the same pair replaces the earlier one.
  /// Returns false when that answer is already recorded (nothing changes). E_RANGE for an
  /// identifier that cannot be normalised or a pair of one identity with itself.
  bool decideIdentities(const nlohmann::json& request, Timestamp now);

  /** @name Merging another copy (e.g. from a second device) */
  /// Union of identities, records and journals. Same identity: flags or-ed, earliest addedAt.
  /// Same record id with different content: the one whose JSON sorts last. An attribute set or
  /// removed in both: the change journaled last wins (ties: set beats removed, then the larger
  /// JSON). Both copies must have the same id (one may have none): two different vaults are
  /// E_CONFLICT, and nothing changes. A journal entry is added only when the result differs from
  /// both inputs.
  void merge(const Vault& other, Timestamp now);

 private:
  void journal(Timestamp now, std::string op, std::string target, std::string detail);
  VaultDocument doc_;
};

/// Puts a document in the vault's canonical order (see Vault).
void canonicalize(VaultDocument& document);

}  // namespace selfcrm
