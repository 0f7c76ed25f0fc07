// Applying what a reader of an outside format (a contact card, sign-in claims, a platform export)
// produced. Readers never touch the vault: this is the one door their items come through, so the
// rules for "already there", "another value" and "where did this come from" are written once.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault.hpp"
#include "stable_order.hpp"
#include "vault/keys.hpp"

namespace selfcrm {
using nlohmann::json;

namespace {

struct Source {
  std::string source, file, sha256, path;
  // How journal details name the place: " (vcard ann.vcf line 4)".
  std::string where() const { return " (" + source + " " + file + " " + path + ")"; }
};

// The batch is read from a tape, not a tree: its items are used once each, and a tree of maps per
// item was the larger part of this code in the customer's module.
JsonView member(const JsonView& object, const char* key, const std::string& at) {
  JsonView v = object;
  if (!object.find(key, v)) throw Error(ErrorCode::Schema, pointerAppend(at, key), std::string("missing field \"") + key + "\"");
  return v;
}

std::string text(const JsonView& object, const char* key, const std::string& at) {
  const JsonView v = member(object, key, at);
  if (!v.isString()) throw Error(ErrorCode::Schema, pointerAppend(at, key), "expected a string");
  return std::string(v.string());
}

// The unknown field named is the first in key order, as when the batch was read into a tree.
void onlyFields(const JsonView& object, const std::string& at, std::initializer_list<const char*> allowed) {
  if (!object.isObject()) throw Error(ErrorCode::Schema, at, "expected an object");
  bool unknown = false;
  std::string_view first;
  object.forEachMember([&](std::string_view key, const JsonView&) {
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (!known && (!unknown || key < first)) first = key;
    unknown = unknown || !known;
  });
  if (unknown) throw Error(ErrorCode::Schema, pointerAppend(at, std::string(first)), "unknown field \"" + std::string(first) + "\"");
}

// A malformed provenance is a reader's bug, not the customer's file: the whole batch is refused.
Source readSource(const JsonView& item, const std::string& at) {
  const std::string p = pointerAppend(at, "provenance");
  const JsonView o = member(item, "provenance", at);
  onlyFields(o, p, {"source", "file", "sha256", "path", "importedAt"});
  Source s{text(o, "source", p), text(o, "file", p), text(o, "sha256", p), text(o, "path", p)};
  if (s.source.empty()) throw Error(ErrorCode::Range, pointerAppend(p, "source"), "names no reader");
  if (s.sha256.size() != 64 || s.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw Error(ErrorCode::Range, pointerAppend(p, "sha256"), "expected a SHA-256 digest: 64 lowercase hex digits");
  }
  return s;
}

/// The elements of the batch's array `key` (none when absent).
std::vector<JsonView> list(const JsonView& batch, const char* key) {
  std::vector<JsonView> out;
  JsonView v = batch;
  if (!batch.find(key, v)) return out;
  if (!v.isArray()) throw Error(ErrorCode::Schema, pointerAppend("", key), "expected an array");
  v.forEachElement([&](std::size_t, const JsonView& element) { out.push_back(element); });
  return out;
}

// One identity of the batch, read as far as the vault accepts it.
struct Offered {
  Source source;
  Identity identity;
  double pref = 0;  // 0: no order given
  std::optional<Error> problem;
  std::string label;
};

}  // namespace

void to_json(json& out, const ImportApplyReport& r) {
  json items = json::array();
  for (const auto& i : r.items) {
    json item = {{"item", i.item}, {"path", i.path}, {"outcome", i.outcome}, {"message", i.message}};
    if (!i.code.empty()) item["code"] = i.code;
    items.push_back(std::move(item));
  }
  out = {{"added", r.added},       {"merged", r.merged},     {"replaced", r.replaced}, {"unchanged", r.unchanged},
         {"skipped", r.skipped},   {"rejected", r.rejected}, {"items", std::move(items)}};
}

ImportApplyReport Vault::applyImport(const json& batch, Timestamp now) {
  JsonTape tape;
  tape.assign(batch);
  return applyImportTape(tape.root(), now);
}

ImportApplyReport Vault::applyImportTape(const JsonView& batch, Timestamp now) {
  if (now < fromCivil(1000, 1, 1) || now >= fromCivil(10000, 1, 1)) {
    throw Error(ErrorCode::Range, "", "the current time is outside the years 1000–9999");
  }
  onlyFields(batch, "", {"identities", "attributes", "replace"});
  JsonView replaceAt = batch;
  const bool replaceGiven = batch.find("replace", replaceAt);
  if (replaceGiven && !replaceAt.isBoolean()) throw Error(ErrorCode::Schema, "/replace", "expected true or false");
  const bool replace = replaceGiven && replaceAt.boolean();

  // Everything is read before anything changes; the new document is built aside and swapped in.
  const std::vector<JsonView> identities = list(batch, "identities");
  const std::vector<JsonView> attributes = list(batch, "attributes");
  std::vector<Offered> offered;
  for (std::size_t i = 0; i < identities.size(); ++i) {
    const std::string at = pointerAppend("/identities", i);
    const JsonView& item = identities[i];
    onlyFields(item, at, {"kind", "value", "network", "verified", "pref", "provenance"});
    Offered o{readSource(item, at), {}, 0, std::nullopt, ""};
    JsonView pref = item;
    if (item.find("pref", pref)) {
      if (!pref.isInteger() || pref.number() < 1) throw Error(ErrorCode::Range, at + "/pref", "expected a whole number from 1");
      o.pref = pref.number();
    }
    json identity = json::object();
    for (const char* key : {"kind", "value", "network", "verified"}) {
      JsonView v = item;
      if (item.find(key, v)) identity[key] = v.toJson();
    }
    identity["addedAt"] = formatIsoTime(now);
    try {
      o.identity = identityFromJson(identity, "");
      o.label = detail::identityLabel(o.identity);
    } catch (const Error& e) {
      o.problem = e;
      const auto textOf = [&](const char* key) {
        JsonView v = item;
        return item.find(key, v) && v.isString() ? std::string(v.string()) : std::string("?");
      };
      o.label = textOf("kind") + ":" + textOf("value");
    }
    offered.push_back(std::move(o));
  }

  VaultDocument next = doc_;
  ImportApplyReport report;
  std::vector<JournalEntry> entries;
  std::set<std::string> sources;
  std::set<std::string> files;  // the sources that changed something, for the summary entry
  for (const auto& p : next.provenance) sources.insert(detail::provenanceKey(p));
  const auto addSource = [&](const std::string& item, const Source& s) {
    ProvenanceEntry entry;
    entry.file = s.file, entry.importedAt = now, entry.item = item;
    entry.path = s.path, entry.sha256 = s.sha256, entry.source = s.source;
    if (!sources.insert(detail::provenanceKey(entry)).second) return false;
    next.provenance.push_back(std::move(entry));
    return true;
  };
  const auto outcome = [&](std::size_t& count, const std::string& item, const Source& s, const char* what,
                           std::string code, std::string message) {
    ++count;
    if (&count == &report.added || &count == &report.merged || &count == &report.replaced) {
      files.insert(s.source + " " + s.file + " sha256:" + s.sha256.substr(0, 12));
    }
    report.items.push_back({item, s.path, what, std::move(code), std::move(message)});
  };

  // The most preferred identity of each kind becomes primary where the customer has chosen none.
  std::map<IdentityKind, std::size_t> primaryPick;
  for (std::size_t i = 0; i < offered.size(); ++i) {
    const Offered& o = offered[i];
    if (o.problem || o.pref == 0) continue;
    const auto held = std::find_if(next.profile.identities.begin(), next.profile.identities.end(),
                                   [&](const Identity& id) { return id.kind == o.identity.kind && id.primary; });
    if (held != next.profile.identities.end()) continue;
    const auto [it, first] = primaryPick.emplace(o.identity.kind, i);
    if (!first && o.pref < offered[it->second].pref) it->second = i;
  }

  auto& ids = next.profile.identities;
  for (std::size_t i = 0; i < offered.size(); ++i) {
    Offered& o = offered[i];
    if (o.problem) {
      outcome(report.rejected, o.label, o.source, "rejected", codeName(o.problem->code()), o.problem->what());
      continue;
    }
    const auto pick = primaryPick.find(o.identity.kind);
    const bool primary = pick != primaryPick.end() && pick->second == i;
    const std::string key = detail::identityKey(o.identity);
    const auto held = std::find_if(ids.begin(), ids.end(), [&](const Identity& id) { return detail::identityKey(id) == key; });
    const std::string flags = std::string(o.identity.verified ? ", verified" : "") + (primary ? ", primary (preferred first)" : "");
    if (held == ids.end()) {
      o.identity.primary = primary;
      addSource(o.label, o.source);
      const auto at = std::upper_bound(ids.begin(), ids.end(), o.identity, [](const Identity& a, const Identity& b) {
        return detail::identityKey(a) < detail::identityKey(b);
      });
      ids.insert(at, o.identity);
      entries.push_back(detail::journalEntry(now, "identity.add", o.label, "added \"" + o.identity.value + "\"" + flags + o.source.where()));
      outcome(report.added, o.label, o.source, "added", "", "added" + flags);
      continue;
    }
    const bool verifies = o.identity.verified && !held->verified;
    const bool makesPrimary = primary && !held->primary;
    held->verified = held->verified || verifies;
    held->primary = held->primary || makesPrimary;
    const bool fresh = addSource(o.label, o.source);
    if (!verifies && !makesPrimary && !fresh) {
      outcome(report.unchanged, o.label, o.source, "unchanged", "", "already imported from this file and place");
      continue;
    }
    const std::string gained = std::string(verifies ? "; now verified" : "") + (makesPrimary ? "; now primary" : "");
    entries.push_back(detail::journalEntry(now, "identity.merge", o.label,
                                           "\"" + o.identity.value + "\"" + o.source.where() + " is the same identifier as \"" +
                                               held->value + "\"" + gained));
    outcome(report.merged, o.label, o.source, "merged", "", "the same identifier as \"" + held->value + "\"" + gained);
  }

  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const std::string at = pointerAppend("/attributes", i);
    const JsonView& item = attributes[i];
    onlyFields(item, at, {"category", "name", "value", "provenance"});
    const Source source = readSource(item, at);
    const std::string category = text(item, "category", at);
    const std::string name = text(item, "name", at);
    const std::string label = category + "/" + name;
    AttributeMap* map = nullptr;
    AttributeValue value;
    try {
      map = &attributeMap(next.profile.attributes, attributeCategoryFromName(category, at + "/category"));
      if (name.empty()) throw Error(ErrorCode::Range, at + "/name", "an attribute needs a name");
      value = attributeValueFromJson(member(item, "value", at).toJson(), at + "/value");
    } catch (const Error& e) {
      outcome(report.rejected, label, source, "rejected", codeName(e.code()), e.what());
      continue;
    }
    const std::string shown = attributeValueToJson(value).dump();
    const auto held = map->find(name);
    if (held == map->end()) {
      map->emplace(name, value);
      addSource(label, source);
      entries.push_back(detail::journalEntry(now, "attribute.set", label, "set to " + shown + source.where()));
      outcome(report.added, label, source, "added", "", "set to " + shown);
      continue;
    }
    const std::string was = attributeValueToJson(held->second).dump();
    if (was == shown) {
      if (!addSource(label, source)) {
        outcome(report.unchanged, label, source, "unchanged", "", "already imported from this file and place");
        continue;
      }
      entries.push_back(detail::journalEntry(now, "attribute.source", label, "the same value " + shown + source.where()));
      outcome(report.merged, label, source, "merged", "", "the vault holds the same value");
      continue;
    }
    if (!replace) {
      outcome(report.skipped, label, source, "skipped", "E_CONFLICT",
              "the vault holds " + was + "; the file says " + shown + " (kept; import with replace to take the file's)");
      continue;
    }
    held->second = value;
    addSource(label, source);
    entries.push_back(detail::journalEntry(now, "attribute.set", label, "set to " + shown + " (was " + was + ")" + source.where()));
    outcome(report.replaced, label, source, "replaced", "", "set to " + shown + " (was " + was + ")");
  }

  if (entries.empty()) return report;
  std::string from;
  for (const auto& f : files) from += (from.empty() ? "" : ", ") + f;
  entries.push_back(detail::journalEntry(now, "vault.import", from,
                     std::to_string(report.added) + " added, " + std::to_string(report.merged) + " merged, " +
                         std::to_string(report.replaced) + " replaced, " + std::to_string(report.unchanged) + " unchanged, " +
                         std::to_string(report.skipped) + " skipped, " + std::to_string(report.rejected) + " rejected"));
  for (auto& e : entries) {
    next.journal.insert(std::upper_bound(next.journal.begin(), next.journal.end(), e, detail::journalBefore), std::move(e));
  }
  detail::stableSort(next.provenance, detail::provenanceBefore);
  doc_ = std::move(next);
  return report;
}

}  // namespace selfcrm
