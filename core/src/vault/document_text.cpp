// The vault document written straight to text, without building a JSON tree first: large vaults
// export several times faster. The bytes equal vaultDocumentToJson(doc).dump() exactly (keys in
// sorted order, nlohmann's escaping and number format), which a property test checks.
#include <string>

#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault_document.hpp"
#include "vault/record_fields.hpp"

namespace selfcrm {
namespace {

using nlohmann::json;
namespace kind = detail::kind;

class Writer {
 public:
  std::string out;

  void raw(const char* text) { out += text; }
  void key(const char* name, bool first = false) {
    if (!first) out += ',';
    out += '"';
    out += name;
    out += "\":";
  }
  void str(const std::string& s) {
    // Fast path for plain text; anything needing escapes goes through nlohmann's own dumper.
    for (unsigned char c : s) {
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
        out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
      }
    }
    out += '"';
    out += s;
    out += '"';
  }
  void num(double d) { out += json(d).dump(); }
  void integer(std::int64_t i) { out += std::to_string(i); }
  void boolean(bool b) { out += b ? "true" : "false"; }
  void time(Timestamp t) {
    out += '"';
    out += formatIsoTime(t);
    out += '"';
  }

  template <class List, class Fn>
  void list(const List& items, Fn each) {
    out += '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) out += ',';
      first = false;
      each(item);
    }
    out += ']';
  }
};

// One field of each kind: `key` is the field's `,"name":` (the leading comma is replaced by the
// record's `{` for its first field; see record()).
template <class Kind>
void field(Writer& w, const char* key, const std::string& value, Kind) {
  w.raw(key), w.str(value);
}
void field(Writer& w, const char* key, Timestamp value, kind::Time) { w.raw(key), w.time(value); }
void field(Writer& w, const char* key, double value, kind::Number) { w.raw(key), w.num(value); }
void field(Writer& w, const char* key, bool value, kind::Bool) { w.raw(key), w.boolean(value); }
template <class Kind>
void field(Writer& w, const char* key, std::int64_t value, Kind) {
  w.raw(key), w.integer(value);
}
void field(Writer& w, const char* key, int value, kind::NpsScore) { w.raw(key), w.integer(value); }
void field(Writer& w, const char* key, Direction value, kind::Direction) {
  w.raw(key), w.raw("\""), w.raw(detail::directionName(value)), w.raw("\"");
}
void field(Writer& w, const char* key, IdentityKind value, kind::IdentityKindName) {
  w.raw(key), w.str(identityKindName(value));
}
void field(Writer& w, const char* key, const std::string& value, kind::NamedNetwork) {
  if (!value.empty()) w.raw(key), w.str(value);
}

// Every table starts with a field always written, whose leading comma becomes the `{`.
#define SELFCRM_TEXT_FIELD(name, member, Kind, fallback) field(w, ",\"" name "\":", record.member, kind::Kind{});
#define SELFCRM_TEXT_RECORD(Type, label, tsName, FIELDS) \
  void record(Writer& w, const Type& record) {           \
    const std::size_t open = w.out.size();               \
    FIELDS(SELFCRM_TEXT_FIELD)                           \
    w.out[open] = '{';                                   \
    w.raw("}");                                          \
  }
SELFCRM_RECORD_TABLES(SELFCRM_TEXT_RECORD)
#undef SELFCRM_TEXT_RECORD
#undef SELFCRM_TEXT_FIELD

void attributes(Writer& w, const Attributes& a) {
  const AttributeCategory sorted[] = {AttributeCategory::Performance, AttributeCategory::Personal,
                                      AttributeCategory::Preferential, AttributeCategory::Profile};
  bool first = true;
  for (const auto category : sorted) {
    w.key(attributeCategoryName(category), first);
    first = false;
    w.raw("{");
    bool firstName = true;
    for (const auto& [name, value] : attributeMap(a, category)) {
      if (!firstName) w.raw(",");
      firstName = false;
      w.str(name);
      w.raw(":");
      w.out += attributeValueToJson(value).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    w.raw("}");
  }
}

template <class Record>
void records(Writer& w, const std::vector<Record>& list) {
  w.list(list, [&](const Record& r) { record(w, r); });
}

void history(Writer& w, const History& h) {
  w.key("interactions", true), records(w, h.interactions);
  w.key("reach"), records(w, h.reach);
  w.key("referrals"), records(w, h.referrals);
  w.key("surveys"), records(w, h.surveys);
  w.key("transactions"), records(w, h.transactions);
}

}  // namespace

std::string vaultDocumentToText(const VaultDocument& doc) {
  Writer w;
  w.out.reserve(256 + 160 * (doc.profile.history.transactions.size() + doc.profile.history.interactions.size() +
                             doc.profile.history.surveys.size() + doc.profile.history.referrals.size() +
                             doc.profile.history.reach.size()));
  w.raw("{");
  w.key("attributes", true), w.raw("{"), attributes(w, doc.profile.attributes), w.raw("}");
  if (!doc.grants.empty()) w.key("grants"), w.out += doc.grants.dump(-1, ' ', false, json::error_handler_t::replace);
  w.key("history"), w.raw("{"), history(w, doc.profile.history), w.raw("}");
  w.key("id"), w.str(doc.profile.id);
  w.key("identities"), records(w, doc.profile.identities);
  if (!doc.identityDecisions.empty()) w.key("identityDecisions"), records(w, doc.identityDecisions);
  w.key("journal"), records(w, doc.journal);
  if (!doc.ledger.empty()) w.key("ledger"), w.out += doc.ledger.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!doc.provenance.empty()) w.key("provenance"), records(w, doc.provenance);
  w.key("schemaVersion"), w.integer(kVaultSchemaVersion);
  w.raw("}");
  return std::move(w.out);
}

}  // namespace selfcrm
