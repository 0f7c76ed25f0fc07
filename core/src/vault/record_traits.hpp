#pragma once
// One description per history record type, so adding, importing, merging and sorting are
// written once for all five.
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/vault/profile_json.hpp"
#include "vault/keys.hpp"

namespace selfcrm::detail {

template <class R> struct RecordTraits;

#define SELFCRM_RECORD_TRAITS(Type, label, member, reader, writer)                                   \
  template <> struct RecordTraits<Type> {                                                          \
    static constexpr const char* name = label;                                                     \
    static Type read(const nlohmann::json& v, const std::string& p) { return reader(v, p); }       \
    static nlohmann::json write(const Type& r) { return writer(r); }                               \
    static std::vector<Type>& list(History& h) { return h.member; }                                \
    static const std::vector<Type>& list(const History& h) { return h.member; }                    \
  };
SELFCRM_RECORD_TRAITS(Transaction, "transaction", transactions, transactionFromJson, transactionToJson)
SELFCRM_RECORD_TRAITS(Interaction, "interaction", interactions, interactionFromJson, interactionToJson)
SELFCRM_RECORD_TRAITS(SurveyAnswer, "survey", surveys, surveyAnswerFromJson, surveyAnswerToJson)
SELFCRM_RECORD_TRAITS(Referral, "referral", referrals, referralFromJson, referralToJson)
SELFCRM_RECORD_TRAITS(SocialReach, "reach", reach, socialReachFromJson, socialReachToJson)
#undef SELFCRM_RECORD_TRAITS

/// Calls fn(Tag{}) for each record type: fn receives a null pointer of that type.
template <class Fn>
void forEachRecordType(Fn&& fn) {
  fn(static_cast<Transaction*>(nullptr));
  fn(static_cast<Interaction*>(nullptr));
  fn(static_cast<SurveyAnswer*>(nullptr));
  fn(static_cast<Referral*>(nullptr));
  fn(static_cast<SocialReach*>(nullptr));
}

/// Canonical order: by time, then key, so two vaults with the same records list them alike.
template <class R>
bool recordBefore(const R& a, const R& b) {
  if (a.at != b.at) return a.at < b.at;
  return recordKey(a) < recordKey(b);
}

template <class R>
bool sameRecord(const R& a, const R& b) {
  return RecordTraits<R>::write(a) == RecordTraits<R>::write(b);
}

}  // namespace selfcrm::detail
