// The vault document written straight to text, without building a JSON tree first: large vaults
// export several times faster. The bytes equal vaultDocumentToJson(doc).dump() exactly (keys in
// sorted order, nlohmann's escaping and number format), which a property test checks.
#include <string>

#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault_document.hpp"

namespace selfcrm {
namespace {

using nlohmann::json;

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

void identity(Writer& w, const Identity& id) {
  w.key("addedAt", true), w.time(id.addedAt);
  w.key("kind"), w.str(identityKindName(id.kind));
  if (!id.network.empty()) w.key("network"), w.str(id.network);
  w.key("normalized"), w.str(id.normalized);
  w.key("primary"), w.boolean(id.primary);
  w.key("value"), w.str(id.value);
  w.key("verified"), w.boolean(id.verified);
}

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

void history(Writer& w, const History& h) {
  w.key("interactions", true);
  w.list(h.interactions, [&](const Interaction& i) {
    w.raw("{");
    w.key("at", true), w.time(i.at);
    w.key("channel"), w.str(i.channel);
    w.key("direction"), w.raw(i.direction == Direction::CustomerToBusiness ? "\"customer-to-business\"" : "\"business-to-customer\"");
    w.key("id"), w.str(i.id);
    w.key("isPublic"), w.boolean(i.isPublic);
    w.key("participants"), w.integer(i.participants);
    w.key("replyExpected"), w.boolean(i.replyExpected);
    w.key("replyReceived"), w.boolean(i.replyReceived);
    w.key("text"), w.str(i.text);
    w.key("threadId"), w.str(i.threadId);
    w.raw("}");
  });
  w.key("reach");
  w.list(h.reach, [&](const SocialReach& r) {
    w.raw("{");
    w.key("at", true), w.time(r.at);
    w.key("followers"), w.integer(r.followers);
    w.key("mentions"), w.integer(r.mentions);
    w.key("network"), w.str(r.network);
    w.key("posts"), w.integer(r.posts);
    w.key("reshares"), w.integer(r.reshares);
    w.raw("}");
  });
  w.key("referrals");
  w.list(h.referrals, [&](const Referral& r) {
    w.raw("{");
    w.key("at", true), w.time(r.at);
    w.key("converted"), w.boolean(r.converted);
    w.key("id"), w.str(r.id);
    w.key("referredCustomerId"), w.str(r.referredCustomerId);
    w.key("value"), w.num(r.value);
    w.raw("}");
  });
  w.key("surveys");
  w.list(h.surveys, [&](const SurveyAnswer& s) {
    w.raw("{");
    w.key("at", true), w.time(s.at);
    w.key("id"), w.str(s.id);
    w.key("score"), w.integer(s.score);
    w.key("statedIntentToRecommend"), w.boolean(s.statedIntentToRecommend);
    w.raw("}");
  });
  w.key("transactions");
  w.list(h.transactions, [&](const Transaction& t) {
    w.raw("{");
    w.key("amount", true), w.num(t.amount);
    w.key("at"), w.time(t.at);
    w.key("category"), w.str(t.category);
    w.key("currency"), w.str(t.currency);
    w.key("id"), w.str(t.id);
    w.key("margin"), w.num(t.margin);
    w.raw("}");
  });
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
  w.key("identities");
  w.list(doc.profile.identities, [&](const Identity& id) {
    w.raw("{");
    identity(w, id);
    w.raw("}");
  });
  w.key("journal");
  w.list(doc.journal, [&](const JournalEntry& e) {
    w.raw("{");
    w.key("at", true), w.time(e.at);
    w.key("detail"), w.str(e.detail);
    w.key("op"), w.str(e.op);
    w.key("target"), w.str(e.target);
    w.raw("}");
  });
  if (!doc.ledger.empty()) w.key("ledger"), w.out += doc.ledger.dump(-1, ' ', false, json::error_handler_t::replace);
  w.key("schemaVersion"), w.integer(kVaultSchemaVersion);
  w.raw("}");
  return std::move(w.out);
}

}  // namespace selfcrm
