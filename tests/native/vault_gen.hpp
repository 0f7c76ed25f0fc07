#pragma once
// Seeded generation of whole vaults for property tests: every field takes varied values,
// including awkward ones (unicode, escapes, negative and fractional money, dates).
#include <cstdint>
#include <set>
#include <type_traits>
#include <string>

#include "selfcrm/vault/normalize.hpp"
#include "selfcrm/vault/profile_json.hpp"
#include "selfcrm/vault/vault.hpp"

namespace vaultgen {

struct Rng {
  std::uint64_t s;
  explicit Rng(std::uint64_t seed) : s(seed * 2654435761ULL + 1) {}
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s >> 11);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }
  bool coin() { return next() & 1; }
};

inline std::string word(Rng& r) {
  static const char* words[] = {"ann", "Bob", "x", "caf\xc3\xa9", "quote\"d", "slash/~", "tab\tin", "", "long-name_42", "\xe2\x9c\x93"};
  return words[r.below(10)];
}

inline selfcrm::Timestamp time(Rng& r) {
  // 1990 … 2040, whole seconds
  return 631152000 + static_cast<selfcrm::Timestamp>(r.next() % 1577836800u);
}

inline double money(Rng& r) {
  const double cents = static_cast<double>(static_cast<std::int32_t>(r.below(2000000)) - 500000);
  return r.coin() ? cents / 100.0 : cents / 3.0;
}

inline selfcrm::Identity identity(Rng& r) {
  using selfcrm::IdentityKind;
  selfcrm::Identity id;
  id.kind = static_cast<IdentityKind>(r.below(8));
  const std::string n = std::to_string(r.below(50));
  switch (id.kind) {
    case IdentityKind::Email: id.value = (r.coin() ? " User" : "user") + n + "@Example.COM"; break;
    case IdentityKind::Phone: id.value = "+1 (555) 010-" + std::to_string(1000 + r.below(9000)); break;
    default: id.value = (r.coin() ? "@Handle" : "handle") + n; break;
  }
  if (id.kind == IdentityKind::Forum || id.kind == IdentityKind::Other) id.network = r.coin() ? "Reddit" : "hn";
  id.normalized = selfcrm::normalizeIdentity(id.kind, id.value);
  id.verified = r.coin();
  id.primary = r.coin();
  id.addedAt = time(r);
  return id;
}

inline selfcrm::AttributeValue attribute(Rng& r) {
  switch (r.below(5)) {
    case 0: return word(r);
    case 1: return money(r);
    case 2: return r.coin();
    case 3: return selfcrm::DateValue{time(r)};
    default: return std::vector<std::string>{word(r), word(r)};
  }
}

/// A vault document in canonical order, with `records` history records of each type at most.
inline selfcrm::VaultDocument document(std::uint64_t seed, std::uint32_t records = 6) {
  Rng r(seed);
  selfcrm::VaultDocument d;
  d.profile.id = "v" + std::to_string(r.below(3));
  for (std::uint32_t i = r.below(6); i > 0; --i) d.profile.identities.push_back(identity(r));
  for (int c = 0; c < 4; ++c) {
    auto& map = selfcrm::attributeMap(d.profile.attributes, static_cast<selfcrm::AttributeCategory>(c));
    for (std::uint32_t i = r.below(4); i > 0; --i) {
      // One draw per statement: the order of operands of + is unspecified, and native and wasm
      // compilers may differ.
      std::string name = word(r);
      name += std::to_string(r.below(4));
      map[name] = attribute(r);
    }
  }
  auto& h = d.profile.history;
  const auto id = [&](const char* p) { return r.coin() ? std::string(p) + std::to_string(r.below(40)) : std::string(); };
  for (std::uint32_t i = r.below(records + 1); i > 0; --i) {
    // Fields by name, drawn in the order they always were (the records take no positional braces).
    selfcrm::Transaction t;
    t.id = id("t");
    t.at = time(r);
    t.amount = money(r);
    t.margin = money(r);
    t.currency = r.coin() ? "EUR" : "USD";
    t.category = word(r);
    h.transactions.push_back(t);
  }
  for (std::uint32_t i = r.below(records + 1); i > 0; --i) {
    selfcrm::Interaction x;
    x.id = id("i");
    x.at = time(r);
    x.channel = r.coin() ? "email" : "twitter";
    x.direction = r.coin() ? selfcrm::Direction::CustomerToBusiness : selfcrm::Direction::BusinessToCustomer;
    x.isPublic = r.coin();
    x.participants = 1 + r.below(20);
    x.threadId = word(r);
    x.replyExpected = r.coin();
    x.replyReceived = r.coin();
    x.text = word(r);
    x.text += " " + word(r);
    h.interactions.push_back(x);
  }
  for (std::uint32_t i = r.below(records + 1); i > 0; --i) {
    selfcrm::SurveyAnswer s;
    s.id = id("s");
    s.at = time(r);
    s.score = static_cast<int>(r.below(11));
    s.statedIntentToRecommend = r.coin();
    h.surveys.push_back(s);
  }
  for (std::uint32_t i = r.below(records + 1); i > 0; --i) {
    selfcrm::Referral f;
    f.id = id("r");
    f.at = time(r);
    f.referredCustomerId = word(r);
    f.converted = r.coin();
    f.value = money(r);
    h.referrals.push_back(f);
  }
  for (std::uint32_t i = r.below(records + 1); i > 0; --i) {
    selfcrm::SocialReach s;
    s.network = r.coin() ? "twitter" : "Mastodon";
    s.at = time(r);
    s.followers = r.below(100000);
    s.posts = r.below(5000);
    s.reshares = r.below(300);
    s.mentions = r.below(300);
    h.reach.push_back(s);
  }
  for (std::uint32_t i = r.below(4); i > 0; --i) {
    selfcrm::JournalEntry e;
    e.at = time(r);
    e.op = "attribute.set";
    e.target = "personal/" + word(r);
    e.detail = word(r);
    d.journal.push_back(e);
  }
  if (r.below(4) == 0) d.grants.push_back({{"to", word(r)}, {"n", r.below(5)}});
  // A ledger is one hash chain: generated ones are prefixes of the same chain, as copies of one
  // customer's vault are (diverged chains are refused by merge, tested on their own).
  for (std::uint32_t k = 0, n = r.below(5) == 0 ? 1 + r.below(3) : 0; k < n; ++k) {
    d.ledger.push_back({{"seq", k}, {"shared", "entry" + std::to_string(k)}});
  }
  // Ids, reach observations and identities must be unique in a document.
  const auto unique = [](auto& list, auto key) {
    std::set<std::string> seen;
    std::decay_t<decltype(list)> out;
    for (auto& rec : list) {
      const std::string k = key(rec);
      if (k.empty() || seen.insert(k).second) out.push_back(rec);
    }
    list = out;
  };
  const auto byId = [](const auto& rec) { return rec.id; };
  unique(h.transactions, byId);
  unique(h.interactions, byId);
  unique(h.surveys, byId);
  unique(h.referrals, byId);
  unique(h.reach, [](const selfcrm::SocialReach& x) { return selfcrm::normalizeNetwork(x.network) + "@" + std::to_string(x.at); });
  unique(d.profile.identities, [](const selfcrm::Identity& i) {
    return std::string(selfcrm::identityKindName(i.kind)) + "/" + selfcrm::normalizeNetwork(i.network) + ":" + i.normalized;
  });
  // Through the vault once: records without id get their content id, order becomes canonical.
  return selfcrm::vaultDocumentFromJson(selfcrm::Vault::fromJson(selfcrm::vaultDocumentToJson(d)).toJson());
}

}  // namespace vaultgen
