#pragma once
/// @file
/// Identifier normalisation: the comparison key that decides whether two identifiers entered
/// differently ("Ann@Example.COM ", "ann@example.com") are the same one. The value as entered
/// is kept apart; only the key is normalised.

#include <string>
#include <string_view>

#include "selfcrm/profile.hpp"

namespace selfcrm {

/** @name Normalisation */
struct NormalizeOptions {
  /// Email local parts are case-sensitive in RFC 5321 but almost never in practice; set false to
  /// keep the local part's case (the domain is always lowercased).
  bool lowercaseEmailLocalPart = true;
};

/// The comparison key of `value` as an identifier of `kind`:
/// - all kinds: leading/trailing spaces, tabs and line breaks trimmed;
/// - email: exactly one `@`, non-empty local part and a dotted domain, no spaces; domain lowercased,
///   local part lowercased unless `options` say otherwise;
/// - phone: `+` or `00` then the country code and number; spaces, `-`, `.`, `(`, `)` and `/` are
///   dropped; 8 to 15 digits in all (E.164); result "+<digits>";
/// - handles (twitter, facebook, linkedin, instagram, forum, other): one leading `@` dropped, ASCII
///   lowercased, no inner whitespace.
/// Throws Error(E_RANGE, path) when the value cannot be normalised (empty, no country code, …).
std::string normalizeIdentity(IdentityKind kind, std::string_view value, const std::string& path = "",
                              const NormalizeOptions& options = {});

/// A network or forum name as a comparison key: trimmed and ASCII-lowercased.
std::string normalizeNetwork(std::string_view network);

/// "email", "phone", "twitter", …
const char* identityKindName(IdentityKind kind) noexcept;
/// The kind named `name`; throws Error(E_RANGE, path) for an unknown name.
IdentityKind identityKindFromName(std::string_view name, const std::string& path);

}  // namespace selfcrm
