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

/// What a bulk history import did: lines in = added + duplicates + rejected.
struct ImportReport {
  std::size_t added = 0;
  std::size_t duplicates = 0;  ///< records already present with identical content
  std::vector<LineReject> rejected;
};
void to_json(nlohmann::json& out, const ImportReport& report);

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
