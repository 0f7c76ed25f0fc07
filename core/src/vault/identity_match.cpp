// Match keys of identifiers and which outside records are the vault owner's own.
#include "selfcrm/vault/identity_match.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "selfcrm/error.hpp"
#include "selfcrm/vault/normalize.hpp"
#include "vault/identity_match_read.hpp"

namespace selfcrm {
using nlohmann::json;

namespace {

// Providers whose addressing rules are published: Gmail ignores dots and "+tag" (Google Account
// Help, "Dots don't matter in Gmail addresses"; "+" aliases); Outlook.com, iCloud Mail, Fastmail
// and Proton deliver "name+tag" to "name" (each provider's plus-addressing help page). Elsewhere a
// dot or a plus may be part of a different mailbox, so nothing is assumed.
struct Provider {
  const char* domain;
  const char* canonical;
  bool dropsDots;
};
constexpr Provider kProviders[] = {
    {"gmail.com", "gmail.com", true},         {"googlemail.com", "gmail.com", true},
    {"outlook.com", "outlook.com", false},    {"hotmail.com", "hotmail.com", false},
    {"live.com", "live.com", false},          {"icloud.com", "icloud.com", false},
    {"me.com", "me.com", false},              {"fastmail.com", "fastmail.com", false},
    {"proton.me", "proton.me", false},        {"protonmail.com", "protonmail.com", false},
};

std::string emailMatchKey(const std::string& normalized) {
  const auto at = normalized.find('@');
  std::string local = normalized.substr(0, at);
  const std::string domain = normalized.substr(at + 1);
  for (const Provider& p : kProviders) {
    if (domain != p.domain) continue;
    const auto plus = local.find('+');
    if (plus != std::string::npos && plus > 0) local.erase(plus);
    if (p.dropsDots) local.erase(std::remove(local.begin(), local.end(), '.'), local.end());
    if (local.empty()) return normalized;
    return local + "@" + p.canonical;
  }
  return normalized;
}

std::string kindPrefix(IdentityKind kind, std::string_view network) {
  std::string label = identityKindName(kind);
  if (!network.empty()) label += "/" + normalizeNetwork(network);
  return label + ":";
}

}  // namespace

std::string identityMatchKey(IdentityKind kind, std::string_view value, const std::string& path) {
  const std::string normalized = normalizeIdentity(kind, value, path);
  return kind == IdentityKind::Email ? emailMatchKey(normalized) : normalized;
}

std::string identityLabel(IdentityKind kind, std::string_view value, std::string_view network, const std::string& path) {
  return kindPrefix(kind, network) + normalizeIdentity(kind, value, path);
}

namespace detail {

MatchIdentity matchIdentity(const Identity& id, const std::string& path) {
  MatchIdentity m;
  m.kind = id.kind;
  m.normalized = normalizeIdentity(id.kind, id.value, path);
  const std::string prefix = kindPrefix(id.kind, id.network);
  m.label = prefix + m.normalized;
  m.key = prefix + (id.kind == IdentityKind::Email ? emailMatchKey(m.normalized) : m.normalized);
  return m;
}

}  // namespace detail

json ownRecordsJson(const json& input) {
  JsonTape tape;
  tape.assign(input);
  return ownRecordsTape(tape.root());
}

json ownRecordsTape(const JsonView& input) {
  const detail::MatchInput in = detail::readMatchInput(input, true);
  std::map<std::string, std::string> ownerByKey;  // match key → owner label
  std::set<std::string> ownerLabels;
  for (std::size_t i = 0; i < in.owner.size(); ++i) {
    const auto m = detail::matchIdentity(in.owner[i], "/owner/" + std::to_string(i) + "/value");
    ownerByKey.emplace(m.key, m.label);
    ownerLabels.insert(m.label);
  }
  const auto never = [&](const std::string& a, const std::string& b) {
    for (const auto& d : in.decisions) {
      if (d.decision == LinkDecision::Never && ((d.a == a && d.b == b) || (d.a == b && d.b == a))) return true;
    }
    return false;
  };
  const auto confirmed = [&](const std::string& label) {
    for (const auto& d : in.decisions) {
      if (d.decision != LinkDecision::Same) continue;
      if ((d.a == label && ownerLabels.count(d.b)) || (d.b == label && ownerLabels.count(d.a))) return true;
    }
    return false;
  };
  json out = json::array();
  for (std::size_t r = 0; r < in.records.size(); ++r) {
    const MatchRecord& rec = in.records[r];
    json via = json::array();
    json invalid = json::array();
    for (std::size_t i = 0; i < rec.identities.size(); ++i) {
      try {
        const auto m = detail::matchIdentity(rec.identities[i], "");
        const auto hit = ownerByKey.find(m.key);
        if (hit != ownerByKey.end() && !never(hit->second, m.label)) {
          via.push_back({{"a", hit->second}, {"b", m.label}, {"rule", hit->second == m.label ? "shared-identifier" : "provider-rule"}});
        } else if (confirmed(m.label)) {
          via.push_back({{"a", m.label}, {"b", m.label}, {"rule", "confirmed"}});
        }
      } catch (const Error& e) {
        invalid.push_back({{"index", i}, {"code", codeName(e.code())}, {"message", e.what()}});
      }
    }
    // Only the owner's records are listed: an address book is mostly other people's.
    if (!via.empty()) out.push_back({{"index", r}, {"id", rec.id}, {"via", via}, {"invalid", invalid}});
  }
  return out;
}

}  // namespace selfcrm
