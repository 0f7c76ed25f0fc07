#include "selfcrm/vault/normalize.hpp"

#include "selfcrm/error.hpp"
#include "vault/record_fields.hpp"

namespace selfcrm {
namespace {

#define SELFCRM_KIND_NAME(enumerator, name) name,
constexpr const char* kKindNames[] = {SELFCRM_IDENTITY_KIND_NAMES(SELFCRM_KIND_NAME)};
#undef SELFCRM_KIND_NAME

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

bool hasSpace(std::string_view s) {
  for (char c : s) {
    if (isSpace(c)) return true;
  }
  return false;
}

std::string normalizeEmail(std::string_view v, const std::string& path, const NormalizeOptions& options) {
  const auto at = v.find('@');
  if (at == std::string_view::npos || v.find('@', at + 1) != std::string_view::npos) {
    throw Error(ErrorCode::Range, path, "an email address needs exactly one '@'");
  }
  const std::string_view local = v.substr(0, at);
  const std::string_view domain = v.substr(at + 1);
  if (local.empty() || hasSpace(v)) throw Error(ErrorCode::Range, path, "not an email address");
  const auto dot = domain.find('.');
  if (domain.empty() || dot == 0 || dot == std::string_view::npos || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    throw Error(ErrorCode::Range, path, "an email domain needs a dot between non-empty labels");
  }
  return (options.lowercaseEmailLocalPart ? lowered(local) : std::string(local)) + "@" + lowered(domain);
}

std::string normalizePhone(std::string_view v, const std::string& path) {
  std::string digits;
  bool international = false;
  std::size_t i = 0;
  if (!v.empty() && v[0] == '+') {
    international = true;
    i = 1;
  }
  for (; i < v.size(); ++i) {
    const char c = v[i];
    if (isDigit(c)) {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
      throw Error(ErrorCode::Range, path, "a phone number may hold only digits, '+', spaces and - . ( ) /");
    }
  }
  if (!international && digits.size() > 2 && digits.compare(0, 2, "00") == 0) {
    international = true;
    digits.erase(0, 2);
  }
  if (!international) {
    throw Error(ErrorCode::Range, path, "a phone number needs its country code (+… or 00…)");
  }
  if (digits.empty() || digits[0] == '0' || digits.size() < 8 || digits.size() > 15) {
    throw Error(ErrorCode::Range, path, "a phone number has 8 to 15 digits and a country code not starting with 0");
  }
  return "+" + digits;
}

std::string normalizeHandle(std::string_view v, const std::string& path) {
  if (!v.empty() && v[0] == '@') v.remove_prefix(1);
  if (v.empty()) throw Error(ErrorCode::Range, path, "an empty handle");
  if (hasSpace(v)) throw Error(ErrorCode::Range, path, "a handle has no spaces");
  return lowered(v);
}

}  // namespace

std::string normalizeIdentity(IdentityKind kind, std::string_view value, const std::string& path,
                              const NormalizeOptions& options) {
  const std::string_view v = trim(value);
  if (v.empty()) throw Error(ErrorCode::Range, path, "an empty identifier");
  switch (kind) {
    case IdentityKind::Email: return normalizeEmail(v, path, options);
    case IdentityKind::Phone: return normalizePhone(v, path);
    default: return normalizeHandle(v, path);
  }
}

std::string normalizeNetwork(std::string_view network) { return lowered(trim(network)); }

const char* identityKindName(IdentityKind kind) noexcept { return kKindNames[static_cast<int>(kind)]; }

IdentityKind identityKindFromName(std::string_view name, const std::string& path) {
  for (int k = 0; k < 8; ++k) {
    if (name == kKindNames[k]) return static_cast<IdentityKind>(k);
  }
  throw Error(ErrorCode::Range, path,
              "unknown identity kind (email, phone, twitter, facebook, linkedin, instagram, forum, other)");
}

}  // namespace selfcrm
