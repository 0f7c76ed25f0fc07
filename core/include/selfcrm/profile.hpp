#pragma once
/// @file
/// The customer's own data, as the core computes on it: one person with many identifiers, the
/// Four Ps of attributes, and their history. Plain structs: the vault (vault/) owns parsing,
/// validation, normalisation and operations; scores, text and segments only read these.
/// The records' members come from their field tables (detail/record_fields.hpp): the member,
/// its type (by its kind, below) and its default are written once there.

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "selfcrm/detail/record_fields.hpp"
#include "selfcrm/time.hpp"

namespace selfcrm {

#define SELFCRM_ENUMERATOR(enumerator, name) enumerator,
enum class IdentityKind { SELFCRM_IDENTITY_KIND_NAMES(SELFCRM_ENUMERATOR) };
enum class Direction { SELFCRM_DIRECTION_NAMES(SELFCRM_ENUMERATOR) };
#undef SELFCRM_ENUMERATOR

namespace detail {
constexpr bool sameText(const char* a, const char* b) {
  while (*a != 0 && *a == *b) ++a, ++b;
  return *a == *b;
}
#define SELFCRM_NAMED_VALUE(enumerator, name) \
  if (sameText(text, name)) return Enum::enumerator;
/// An enumeration's default as the table writes it: its document name.
template <class Enum>
constexpr Enum enumeratorNamed(const char* text);
template <>
constexpr IdentityKind enumeratorNamed<IdentityKind>(const char* text) {
  using Enum = IdentityKind;
  SELFCRM_IDENTITY_KIND_NAMES(SELFCRM_NAMED_VALUE)
  return Enum::Email;
}
template <>
constexpr Direction enumeratorNamed<Direction>(const char* text) {
  using Enum = Direction;
  SELFCRM_DIRECTION_NAMES(SELFCRM_NAMED_VALUE)
  return Enum::CustomerToBusiness;
}
#undef SELFCRM_NAMED_VALUE

/// Each kind's member type, and its default from the table's literal.
template <class Kind>
struct Member {  // strings, names and identifiers
  using type = std::string;
  static const char* initial(const char* literal) { return literal; }
};
template <class T>
struct PlainMember {
  using type = T;
  static constexpr T initial(T literal) { return literal; }
};
template <> struct Member<kind::Time> : PlainMember<Timestamp> {};
template <> struct Member<kind::Number> : PlainMember<double> {};
template <> struct Member<kind::Bool> : PlainMember<bool> {};
template <> struct Member<kind::Count> : PlainMember<std::int64_t> {};
template <> struct Member<kind::Positive> : PlainMember<std::int64_t> {};
template <> struct Member<kind::NpsScore> : PlainMember<int> {};
template <class Enum>
struct EnumMember {
  using type = Enum;
  static constexpr Enum initial(const char* name) { return enumeratorNamed<Enum>(name); }
};
template <> struct Member<kind::Direction> : EnumMember<Direction> {};
template <> struct Member<kind::IdentityKindName> : EnumMember<IdentityKind> {};
}  // namespace detail

/// A record's members, from its table. The user-provided constructor keeps positional braces out:
/// members follow the table's key order, which a new field changes.
#define SELFCRM_MEMBER(name, member, Kind, fallback) \
  detail::Member<detail::kind::Kind>::type member = detail::Member<detail::kind::Kind>::initial(fallback);
#define SELFCRM_RECORD_STRUCT(Type, FIELDS) \
  struct Type {                             \
    Type() {}                               \
    FIELDS(SELFCRM_MEMBER)                  \
  };

/** @name Identity */
SELFCRM_RECORD_STRUCT(Identity, SELFCRM_IDENTITY_FIELDS)

/** @name Attributes: the Four Ps */
enum class AttributeCategory { Personal, Profile, Preferential, Performance };

/// An ISO-8601 date attribute: the instant, kept apart from plain strings.
struct DateValue {
  Timestamp at = 0;
  bool operator==(const DateValue& o) const { return at == o.at; }
};

/// string, number, boolean, date, or list of strings.
using AttributeValue = std::variant<std::string, double, bool, DateValue, std::vector<std::string>>;
using AttributeMap = std::map<std::string, AttributeValue>;

struct Attributes {
  AttributeMap personal;      ///< name, locale, birth year…
  AttributeMap profile;       ///< job, company, interests…
  AttributeMap preferential;  ///< channels, topics, frequency…
  AttributeMap performance;   ///< consumption patterns, attitudes
};

/** @name History */
SELFCRM_RECORD_STRUCT(Transaction, SELFCRM_TRANSACTION_FIELDS)
SELFCRM_RECORD_STRUCT(Interaction, SELFCRM_INTERACTION_FIELDS)
SELFCRM_RECORD_STRUCT(SurveyAnswer, SELFCRM_SURVEY_FIELDS)
SELFCRM_RECORD_STRUCT(Referral, SELFCRM_REFERRAL_FIELDS)
SELFCRM_RECORD_STRUCT(SocialReach, SELFCRM_REACH_FIELDS)

struct History {
  std::vector<Transaction> transactions;
  std::vector<Interaction> interactions;
  std::vector<SurveyAnswer> surveys;
  std::vector<Referral> referrals;
  std::vector<SocialReach> reach;
};

/// One person: everything the vault holds that computations read.
struct Profile {
  std::string id;
  std::vector<Identity> identities;
  Attributes attributes;
  History history;
};

}  // namespace selfcrm
